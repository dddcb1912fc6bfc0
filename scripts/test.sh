#!/usr/bin/env bash
# Installs ReplyDesk with its test tools and runs the whole test suite:
# models, policy, API on SQLite and PostgreSQL, console (AppTest) and the browser test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install.sh --test
# The PostgreSQL tests use this database; in CI they fail (never skip) when it is unreachable.
export REPLYDESK_TEST_POSTGRES_URL=${REPLYDESK_TEST_POSTGRES_URL:-postgresql+psycopg://postgres@127.0.0.1:5432/test}
export HF_HUB_OFFLINE=1 TRANSFORMERS_OFFLINE=1
.venv/bin/python -m ruff check .
.venv/bin/python -m pytest "$@"
