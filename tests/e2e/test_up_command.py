"""`replydesk up` refuses bad input clearly, and its supervisor stops whole process groups."""

from __future__ import annotations

import os
import socket
import sys
import time
from pathlib import Path

import pytest
from typer.testing import CliRunner

from replydesk.cli import app
from replydesk.settings import get_settings
from replydesk.up import Supervisor, UpError, _read_env_file


@pytest.fixture
def runner(tmp_path, monkeypatch) -> CliRunner:
    monkeypatch.setenv("REPLYDESK_VAR_DIR", str(tmp_path))
    get_settings.cache_clear()
    yield CliRunner()
    get_settings.cache_clear()


def test_a_busy_port_is_named(runner):
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        result = runner.invoke(app, ["up", "--api-port", str(port), "--console-port", "1"])
    assert result.exit_code == 1
    assert f"port {port} on 127.0.0.1 is in use; choose another with --api-port" in result.output
    assert "Traceback" not in result.output


def test_same_ports_and_missing_training_data(runner, tmp_path):
    same = runner.invoke(app, ["up", "--api-port", "18999", "--console-port", "18999"])
    assert same.exit_code == 1 and "need different ports" in same.output
    missing = runner.invoke(
        app, ["up", "--api-port", "18998", "--console-port", "18997", "--train-data", "no.csv"]
    )
    assert missing.exit_code == 1 and "no.csv: no such file (--train-data)" in missing.output
    assert not (tmp_path / "console.env").exists(), "nothing is prepared before the input is checked"


def _alive(pid: int) -> bool:
    # A killed process whose parent is gone may linger as a zombie until init reaps it.
    try:
        state = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0]
    except FileNotFoundError:
        return False
    return state != "Z"


def test_supervisor_stops_children_and_grandchildren(tmp_path):
    supervisor = Supervisor()
    marker = tmp_path / "grandchild.pid"
    # A child that starts a grandchild, as `replydesk serve` starts uvicorn workers.
    script = (
        "import subprocess, time; p = subprocess.Popen(['sleep', '60']); "
        f"open({str(marker)!r}, 'w').write(str(p.pid)); time.sleep(60)"
    )
    child = supervisor.start("api", [sys.executable, "-c", script], dict(os.environ))
    deadline = time.monotonic() + 10
    while not marker.exists() or not marker.read_text():
        assert time.monotonic() < deadline
        time.sleep(0.05)
    grandchild = int(marker.read_text())
    assert supervisor.exited(("api",)) is None
    supervisor.stop_all(grace_s=5)
    assert child.poll() is not None
    deadline = time.monotonic() + 5
    while _alive(grandchild):
        assert time.monotonic() < deadline, "the grandchild survived"
        time.sleep(0.05)
    with pytest.raises(UpError, match="shutting down"):
        supervisor.start("late", ["true"], dict(os.environ))


def test_console_env_file(tmp_path):
    path = tmp_path / "console.env"
    assert _read_env_file(path) == {}
    path.write_text("REPLYDESK_API_KEY=rd_abc=1\nnoise\nREPLYDESK_CHANNEL_API_KEY = rd_x \n")
    assert _read_env_file(path) == {"REPLYDESK_API_KEY": "rd_abc=1", "REPLYDESK_CHANNEL_API_KEY": "rd_x"}
