"""How long `replydesk up` takes on a fresh machine until the console is usable, and to stop.

Starts `replydesk up --no-better-model` on an empty var/ (so it creates the keys, trains the quick
TF-IDF model on all of BANKING77 and seeds the demo conversations), waits until the console
answers and the demo conversations are in the queue, then sends Ctrl-C. Prints the figures.

    .venv/bin/python benchmarks/console_startup.py [--runs 1]
"""

from __future__ import annotations

import argparse
import os
import re
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx

REPO = Path(__file__).resolve().parents[1]


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def one_run() -> dict[str, float]:
    with tempfile.TemporaryDirectory() as tmp:
        var = Path(tmp)
        api_port, console_port = _free_port(), _free_port()
        env = {
            **os.environ,
            "REPLYDESK_VAR_DIR": str(var),
            "REPLYDESK_DATABASE_URL": f"sqlite:///{var}/rd.db",
        }
        log = (var / "up.log").open("w")
        started = time.monotonic()
        process = subprocess.Popen(
            [sys.executable, "-c", "from replydesk.cli import app; app()", "up", "--no-better-model",
             "--api-port", str(api_port), "--console-port", str(console_port)],
            env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
        try:
            while "ReplyDesk is running" not in (var / "up.log").read_text():
                if process.poll() is not None or time.monotonic() - started > 900:
                    raise SystemExit("replydesk up failed:\n" + (var / "up.log").read_text()[-3000:])
                time.sleep(0.2)
            ready = time.monotonic() - started
            key = re.search(r"REPLYDESK_API_KEY=(\S+)", (var / "console.env").read_text()).group(1)
            queue = httpx.get(
                f"http://127.0.0.1:{api_port}/v1/queue", headers={"Authorization": f"Bearer {key}"}
            ).json()
            text = (var / "up.log").read_text()
            trained = float(re.search(r"quick model ready in (\d+) s", text).group(1))
            stop_started = time.monotonic()
            process.send_signal(signal.SIGINT)
            process.wait(timeout=60)
            stopped = time.monotonic() - stop_started
        finally:
            if process.poll() is None:
                process.kill()
            log.close()
    return {"ready_s": ready, "train_s": trained, "stop_s": stopped, "queued_demo": len(queue)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=1)
    runs = [one_run() for _ in range(parser.parse_args().runs)]
    for name, label in (
        ("ready_s", "fresh `replydesk up` until the console is usable (s)"),
        ("train_s", "  of which training the quick TF-IDF model on BANKING77 (s)"),
        ("stop_s", "Ctrl-C until the API and the console are stopped (s)"),
        ("queued_demo", "demo conversations waiting in the queue"),
    ):
        print(f"{label}: median {statistics.median(r[name] for r in runs):.1f} over {len(runs)} run(s)")


if __name__ == "__main__":
    main()
