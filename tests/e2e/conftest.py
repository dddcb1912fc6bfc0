"""The whole system for the browser test: ``replydesk up`` on a tmp SQLite with a tiny model, and Chromium.

``up`` is started as a user would start it (a subprocess), so the test also covers the key,
model and demo preparation and the Ctrl-C shutdown.
"""

from __future__ import annotations

import csv
import os
import signal
import socket
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest

REPO = Path(__file__).resolve().parents[2]
# A few intents of BANKING77 that the demo and the test messages touch; 30 rows each trains in seconds.
INTENTS = ("card_arrival", "card_delivery_estimate", "lost_or_stolen_card", "top_up_failed", "exchange_rate")
ROWS_PER_INTENT = 30
START_TIMEOUT_S = 180


@dataclass(frozen=True)
class System:
    api_url: str
    console_url: str
    admin_key: str
    channel_key: str
    process: subprocess.Popen
    log_path: Path

    def api(self, method: str, path: str, **kwargs) -> httpx.Response:
        headers = {"Authorization": f"Bearer {self.admin_key}"}
        return httpx.request(method, f"{self.api_url}{path}", headers=headers, timeout=10, **kwargs)

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _slice(path: Path) -> Path:
    counts = dict.fromkeys(INTENTS, 0)
    with (
        (REPO / "data" / "banking77" / "train.csv").open(newline="") as src,
        path.open("w", newline="") as dst,
    ):
        writer = csv.writer(dst)
        writer.writerow(["text", "label"])
        for row in csv.DictReader(src):
            if counts.get(row["category"], ROWS_PER_INTENT) < ROWS_PER_INTENT:
                counts[row["category"]] += 1
                writer.writerow([row["text"], row["category"]])
    return path


def _up(host_port: str, timeout_s: float, process: subprocess.Popen, log_path: Path) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"replydesk up exited with {process.returncode}:\n{log_path.read_text()[-4000:]}")
        if "ReplyDesk is running" in log_path.read_text(errors="replace"):
            return
        time.sleep(1)
    pytest.fail(f"replydesk up did not start within {timeout_s} s:\n{log_path.read_text()[-4000:]}")


@pytest.fixture(scope="module")
def system(tmp_path_factory: pytest.TempPathFactory) -> Iterator[System]:
    var = tmp_path_factory.mktemp("var")
    api_port, console_port = free_port(), free_port()
    env = {
        **os.environ,
        "REPLYDESK_VAR_DIR": str(var),
        "REPLYDESK_DATABASE_URL": f"sqlite:///{var / 'replydesk.db'}",
        "HF_HUB_OFFLINE": "1",
        "TRANSFORMERS_OFFLINE": "1",
    }
    log_path = var / "up.log"
    with log_path.open("w") as log:
        process = subprocess.Popen(
            [sys.executable, "-c", "from replydesk.cli import app; app()", "up",
             "--api-port", str(api_port), "--console-port", str(console_port),
             "--train-data", str(_slice(var / "slice.csv")), "--no-better-model"],
            env=env, cwd=REPO, stdout=log, stderr=subprocess.STDOUT,
        )  # fmt: skip
    try:
        _up(f"127.0.0.1:{console_port}", START_TIMEOUT_S, process, log_path)
        keys = dict(line.split("=", 1) for line in (var / "console.env").read_text().split())
        yield System(
            api_url=f"http://127.0.0.1:{api_port}",
            console_url=f"http://127.0.0.1:{console_port}",
            admin_key=keys["REPLYDESK_API_KEY"],
            channel_key=keys["REPLYDESK_CHANNEL_API_KEY"],
            process=process,
            log_path=log_path,
        )
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGINT)
            try:
                process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                process.kill()


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory):
    from selenium import webdriver
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = "/usr/bin/chromium"
    for arg in (
        "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
        "--disable-background-networking", "--disable-component-update", "--no-first-run", "--disable-sync",
        "--window-size=1440,1500", f"--user-data-dir={tmp_path_factory.mktemp('chromium')}",
    ):  # fmt: skip
        options.add_argument(arg)
    driver = webdriver.Chrome(service=Service("/usr/bin/chromedriver"), options=options)
    driver.set_page_load_timeout(60)
    try:
        yield driver
    finally:
        driver.quit()
