#!/usr/bin/env bash
# Installs ReplyDesk and starts the whole system on SQLite: prepares a model if none exists,
# seeds demo conversations, starts the API and the agent console. Ctrl-C stops both.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
exec .venv/bin/replydesk up "$@"
