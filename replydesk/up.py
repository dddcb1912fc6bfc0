"""``replydesk up``: the whole system on one machine, from nothing, with one command.

It prepares what is missing (API keys for the console, a quick model, demo conversations),
starts the API and the console as child processes, prints both addresses and stops both on
Ctrl-C. The other areas' work is reached through their commands (``replydesk train``,
``replydesk serve``, ...) as subprocesses, so this module depends on none of their code.
"""

from __future__ import annotations

import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Annotated

import typer

from replydesk.settings import REPO_ROOT, get_settings

log = logging.getLogger(__name__)

CONSOLE_APP = REPO_ROOT / "agent_ui" / "app.py"
CONSOLE_ENV = "console.env"  # under var/: the console's keys, readable by the owner only
DEMO_MARKER = "demo-seeded"
KEY_NAMES = {
    "REPLYDESK_API_KEY": ("admin", "console"),
    "REPLYDESK_CHANNEL_API_KEY": ("channel", "customer-chat"),
}
START_TIMEOUT_S = 90.0


class UpError(Exception):
    """Something ``up`` cannot get past; its message says what and what to do."""


def _replydesk(*args: str) -> list[str]:
    # The CLI through this interpreter: works without the venv's bin/ on PATH.
    return [sys.executable, "-c", "from replydesk.cli import app; app()", *args]


def _run(args: list[str], env: dict[str, str], what: str) -> str:
    """Run a short ``replydesk`` step to the end; its stdout, or ``UpError`` naming the step."""
    log.info("%s ...", what)
    done = subprocess.run(args, env=env, capture_output=True, text=True, cwd=REPO_ROOT)
    if done.returncode != 0:
        tail = (done.stderr or done.stdout).strip().splitlines()[-5:]
        raise UpError(f"{what} failed (exit {done.returncode}): " + " | ".join(tail))
    return done.stdout


def _read_env_file(path: Path) -> dict[str, str]:
    if not path.is_file():
        return {}
    pairs = (line.split("=", 1) for line in path.read_text().splitlines() if "=" in line)
    return {k.strip(): v.strip() for k, v in pairs}


def _create_keys(path: Path, env: dict[str, str]) -> dict[str, str]:
    """New console (admin) and customer-chat (channel) keys, written to ``path`` (mode 600)."""
    keys = {}
    for variable, (role, name) in KEY_NAMES.items():
        out = _run(_replydesk("create-key", "--role", role, "--name", name), env, f"creating the {role} key")
        keys[variable] = out.strip().splitlines()[-1].strip()
    path.write_text("".join(f"{k}={v}\n" for k, v in keys.items()))
    path.chmod(0o600)
    return keys


def _port_free(host: str, port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        try:
            probe.bind((host, port))
        except OSError:
            return False
    return True


def _has_model(models_dir: Path) -> bool:
    return models_dir.is_dir() and any(models_dir.glob("*/model.json"))


def _train_args(backend: str, train_data: Path | None) -> list[str]:
    args = ["train", "--backend", backend, "--quiet"]
    return args + ["--data", str(train_data)] if train_data else args


class Supervisor:
    """The child processes: each in its own process group, so Ctrl-C here stops all of theirs."""

    def __init__(self) -> None:
        self.children: dict[str, subprocess.Popen] = {}
        self.closed = False
        self._lock = threading.Lock()

    def start(self, name: str, args: list[str], env: dict[str, str], *, nice: int = 0) -> subprocess.Popen:
        def lower_priority() -> None:
            os.nice(nice)

        with self._lock:
            if self.closed:
                raise UpError(f"not starting {name}: shutting down")
            process = subprocess.Popen(
                args,
                env=env,
                cwd=REPO_ROOT,
                start_new_session=True,
                preexec_fn=lower_priority if nice else None,
            )
            self.children[name] = process
        return process

    def exited(self, names: tuple[str, ...]) -> str | None:
        """The first of ``names`` whose process has ended, if any."""
        return next((n for n in names if n in self.children and self.children[n].poll() is not None), None)

    def stop_all(self, grace_s: float = 10.0) -> None:
        with self._lock:
            self.closed = True
            running = [p for p in self.children.values() if p.poll() is None]
        for process in running:
            _signal_group(process, signal.SIGTERM)
        deadline = time.monotonic() + grace_s
        for process in running:
            try:
                process.wait(timeout=max(0.1, deadline - time.monotonic()))
            except subprocess.TimeoutExpired:
                _signal_group(process, signal.SIGKILL)
                process.wait()


def _signal_group(process: subprocess.Popen, sig: signal.Signals) -> None:
    try:
        os.killpg(process.pid, sig)
    except ProcessLookupError:
        pass


def _wait_until_up(
    url: str, process: subprocess.Popen, what: str, timeout_s: float = START_TIMEOUT_S
) -> None:
    import httpx

    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise UpError(f"{what} exited during start (exit {process.returncode}); see its log above")
        try:
            if httpx.get(url, timeout=2.0).status_code < 500:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.5)
    raise UpError(f"{what} did not answer at {url} within {timeout_s:.0f} s")


def _interrupt(signum: int, frame: object) -> None:
    raise KeyboardInterrupt


def _better_models_later(
    supervisor: Supervisor, env: dict[str, str], api_url: str, admin_key: str, train_data: Path | None
) -> None:
    """In the background: train the friction detector if missing, then the hybrid model; activate it."""
    try:
        _train_better(supervisor, env, api_url, admin_key, train_data)
    except UpError as err:  # shutting down while training
        log.info("%s", err)


def _train_better(
    supervisor: Supervisor, env: dict[str, str], api_url: str, admin_key: str, train_data: Path | None
) -> None:
    import json

    from agent_ui.client import ApiError, ReplyDeskClient

    settings = get_settings()
    if not (settings.friction_dir / "friction.json").is_file():
        friction = supervisor.start("train-friction", _replydesk("train-friction"), env, nice=10)
        if friction.wait() == 0:
            log.info("friction detector trained; the service uses it from its next start")
    before = set(settings.models_dir.glob("*/model.json"))
    hybrid = supervisor.start("train-hybrid", _replydesk(*_train_args("hybrid", train_data)), env, nice=10)
    if hybrid.wait() != 0:
        log.warning("background training of the hybrid model failed (exit %s)", hybrid.returncode)
        return
    new = sorted(set(settings.models_dir.glob("*/model.json")) - before)
    if not new:
        return
    version = json.loads(new[-1].read_text())["version"]
    try:
        ReplyDeskClient(api_url, admin_key).activate_model(version, "replydesk up: the hybrid model finished")
    except ApiError as err:
        log.warning("could not activate %s: %s", version, err.message)
        return
    log.info("activated the better model %s", version)


def up(
    host: Annotated[str, typer.Option(help="Address for the API and the console.")] = "127.0.0.1",
    api_port: Annotated[int, typer.Option(min=1, max=65535, help="Port of the API.")] = 8000,
    console_port: Annotated[int, typer.Option(min=1, max=65535, help="Port of the console.")] = 8501,
    train_data: Annotated[
        Path | None,
        typer.Option(help="CSV (text,label) for a model trained when none exists (default: BANKING77)."),
    ] = None,
    better_model: Annotated[
        bool,
        typer.Option(
            help="After starting, train the friction detector and the hybrid model in the background."
        ),
    ] = True,
    demo: Annotated[bool, typer.Option(help="Seed a few demo conversations on first start.")] = True,
) -> None:
    """Start ReplyDesk on this machine: prepare what is missing, run the API and the console."""
    try:
        _up(host, api_port, console_port, train_data, better_model, demo)
    except UpError as err:
        typer.echo(f"error: {err}", err=True)
        raise typer.Exit(1) from None
    except KeyboardInterrupt:  # Ctrl-C while preparing, before anything was started
        typer.echo("Stopped.", err=True)
        raise typer.Exit(130) from None


def _prepare(var: Path, env: dict[str, str], train_data: Path | None) -> dict[str, str]:
    """Keys for the console (made when missing) and a quick model when none exists; returns the keys."""
    keys_file = var / CONSOLE_ENV
    keys = _read_env_file(keys_file)
    if set(keys) != set(KEY_NAMES):
        keys = _create_keys(keys_file, env)
        (var / DEMO_MARKER).unlink(missing_ok=True)
    if not _has_model(get_settings().models_dir):
        started = time.monotonic()
        _run(
            _replydesk(*_train_args("tfidf", train_data)), env, "training a quick TF-IDF model (no model yet)"
        )
        log.info("quick model ready in %.0f s", time.monotonic() - started)
    return keys


def _console_args(host: str, port: int) -> list[str]:
    return [
        sys.executable, "-m", "streamlit", "run", str(CONSOLE_APP), "--server.headless", "true",
        "--server.address", host, "--server.port", str(port), "--browser.gatherUsageStats", "false",
    ]  # fmt: skip


def _up(
    host: str, api_port: int, console_port: int, train_data: Path | None, better: bool, demo: bool
) -> None:
    from agent_ui.client import ApiError, ReplyDeskClient
    from agent_ui.demo import seed_demo

    settings = get_settings()
    logging.getLogger("httpx").setLevel(logging.WARNING)  # one INFO line per request is noise here
    if api_port == console_port:
        raise UpError("the API and the console need different ports")
    for port, option in ((api_port, "--api-port"), (console_port, "--console-port")):
        if not _port_free(host, port):
            raise UpError(f"port {port} on {host} is in use; choose another with {option}")
    if train_data is not None and not train_data.is_file():
        raise UpError(f"{train_data}: no such file (--train-data)")
    var = settings.var_dir.resolve()
    var.mkdir(parents=True, exist_ok=True)
    api_url = f"http://{host}:{api_port}"
    env = {**os.environ, "REPLYDESK_VAR_DIR": str(var), "HF_HUB_OFFLINE": "1", "TRANSFORMERS_OFFLINE": "1"}

    keys = _prepare(var, env, train_data)

    supervisor = Supervisor()
    # Ctrl-C and SIGTERM (a service manager) both stop the children. SIGINT is set explicitly
    # because a shell starting us in the background leaves it ignored.
    for sig in (signal.SIGINT, signal.SIGTERM):
        signal.signal(sig, _interrupt)
    try:
        api = supervisor.start("api", _replydesk("serve", "--host", host, "--port", str(api_port)), env)
        _wait_until_up(f"{api_url}/healthz", api, "the API")
        admin = ReplyDeskClient(api_url, keys["REPLYDESK_API_KEY"])
        try:
            admin.queue()
        except ApiError as err:
            if err.status != 401:
                raise UpError(f"the API refused the console: {err.message}") from None
            log.info("the keys in %s belong to another database; making new ones", var / CONSOLE_ENV)
            keys = _create_keys(var / CONSOLE_ENV, env)
            (var / DEMO_MARKER).unlink(missing_ok=True)
        if demo and not (var / DEMO_MARKER).exists():
            try:
                seed_demo(ReplyDeskClient(api_url, keys["REPLYDESK_CHANNEL_API_KEY"]))
                (var / DEMO_MARKER).write_text("seeded\n")
            except ApiError as err:
                log.warning("could not seed the demo conversations: %s", err.message)
        console_env = {**env, "REPLYDESK_API_URL": api_url, **keys}
        console = supervisor.start("console", _console_args(host, console_port), console_env)
        _wait_until_up(f"http://{host}:{console_port}/_stcore/health", console, "the console")
        typer.echo(
            f"\nReplyDesk is running.\n  API:     {api_url}  (docs at {api_url}/docs)\n"
            f"  Console: http://{host}:{console_port}\nPress Ctrl-C to stop both.\n"
        )
        if better:
            threading.Thread(
                target=_better_models_later,
                args=(supervisor, env, api_url, keys["REPLYDESK_API_KEY"], train_data),
                daemon=True,
            ).start()
        while (gone := supervisor.exited(("api", "console"))) is None:
            time.sleep(1.0)
        raise UpError(f"the {gone} stopped (exit {supervisor.children[gone].returncode}); stopped the rest")
    except KeyboardInterrupt:
        typer.echo("Stopping ...")
    finally:
        supervisor.stop_all()


def register(app: typer.Typer) -> None:
    """Add this area's subcommands to the one ``replydesk`` app."""
    app.command("up")(up)
