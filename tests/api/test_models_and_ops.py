"""The model registry (automatic first activation, live switching, load failures) and ops endpoints."""

from __future__ import annotations

import json
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from replydesk.settings import Settings
from service.db import make_engine, make_sessionmaker
from service.providers import RegistryClassifierProvider
from service.security import PrincipalCache
from tests.api.conftest import Api
from tests.api.fakes import FakeClassifier


def save_model(models_dir: Path, version: str, created_at: str, broken: bool = False) -> None:
    path = models_dir / version
    path.mkdir(parents=True)
    meta = {"version": version, "backend": "fake", "created_at": created_at, "metrics": {"accuracy": 0.9}}
    (path / "model.json").write_text(json.dumps(meta))
    if broken:
        (path / "BROKEN").touch()


def fake_loader(path: str) -> FakeClassifier:
    if (Path(path) / "BROKEN").exists():
        raise OSError("weights missing")
    return FakeClassifier(version=Path(path).name)


@pytest.fixture
def registry_provider(settings: Settings) -> Iterator[Callable[[], RegistryClassifierProvider]]:
    """Providers reading the test database the way each replica's default provider does."""
    engine = make_engine(settings.effective_database_url)

    def _make() -> RegistryClassifierProvider:
        sessions = make_sessionmaker(engine)
        return RegistryClassifierProvider(sessions, settings.models_dir, loader=fake_loader, check_every=0.2)

    yield _make
    engine.dispose()


def test_no_model_starts_not_ready_and_escalates(make_api, registry_provider):
    api = make_api(classifier=registry_provider())
    r = api.client.get("/readyz")
    assert r.status_code == 503 and r.json()["ready"] is False
    assert "no trained model" in r.json()["model"]
    assert api.say(api.conversation(), "card?")["decision"] == "escalate"
    assert api.client.get("/healthz").json() == {"status": "ok"}


def test_newest_model_is_activated_automatically_and_switched_live(make_api, settings, registry_provider):
    save_model(settings.models_dir, "m-old", "2026-01-01T00:00:00Z")
    save_model(settings.models_dir, "m-new", "2026-02-01T00:00:00Z")
    # Two replicas on the same database.
    one = make_api(classifier=registry_provider())
    two = make_api(classifier=registry_provider())
    assert one.client.get("/readyz").json()["model_version"] == "m-new"
    assert one.say(one.conversation(), "card?")["prediction"]["model_version"] == "m-new"
    listed = one.client.get("/v1/models", headers=one.as_("admin")).json()
    assert [(m["version"], m["active"]) for m in listed] == [("m-new", True), ("m-old", False)]
    assert listed[0]["metrics"] == {"accuracy": 0.9} and listed[0]["backend"] == "fake"

    r = one.client.post("/v1/models/m-old/activate", json={"reason": "rollback"}, headers=one.as_("admin"))
    assert r.status_code == 200 and r.json()["active"] is True
    deadline = time.monotonic() + 3
    seen = None
    while time.monotonic() < deadline:
        seen = two.say(two.conversation(), "card?")["prediction"]["model_version"]
        if seen == "m-old":
            break
        time.sleep(0.1)
    assert seen == "m-old"
    history = one.client.get("/v1/models/activations", headers=one.as_("admin")).json()
    assert [(h["version"], h["actor"], h["automatic"]) for h in history] == [
        ("m-old", "admin", False),
        ("m-new", "system", True),
    ]
    assert history[0]["reason"] == "rollback" and history[0]["previous_version"] == "m-new"


def test_a_model_that_fails_to_load_means_agents_decide(make_api, settings, registry_provider):
    save_model(settings.models_dir, "m-bad", "2026-01-01T00:00:00Z", broken=True)
    api = make_api(classifier=registry_provider())
    ready = api.client.get("/readyz")
    assert ready.status_code == 503 and "m-bad failed to load" in ready.json()["model"]
    assert api.say(api.conversation(), "card?")["decision"] == "escalate"


def test_a_model_check_during_a_message_does_not_wait_on_the_request_s_own_connection(make_api, settings):
    """The key lookup opens the request's transaction; the model check then needs a connection of
    its own. On SQLite (one connection per process) the turn must release its own first."""
    save_model(settings.models_dir, "m-1", "2026-01-01T00:00:00Z")
    app_box: list = []
    provider = RegistryClassifierProvider(
        lambda: app_box[0].state.sessions(), settings.models_dir, loader=fake_loader, check_every=0.0
    )
    api = make_api(classifier=provider)
    app_box.append(api.client.app)
    api.client.app.state.principals = PrincipalCache(ttl=0.0)  # every request looks its key up
    cid = api.conversation()
    start = time.monotonic()
    out = api.say(cid, "card?")
    assert out["prediction"]["model_version"] == "m-1"
    assert time.monotonic() - start < 10  # not the 60 s pool timeout


def test_a_server_app_freezes_what_it_started_with_and_a_test_app_does_not(settings):
    import gc

    from fastapi.testclient import TestClient

    from service.app import create_app
    from tests.api.fakes import FakeClassifierProvider, FakeFrictionProvider

    def frozen_after_startup(freeze_gc: bool) -> int:
        app = create_app(settings, FakeClassifierProvider(), FakeFrictionProvider(), freeze_gc=freeze_gc)
        try:
            with TestClient(app):
                return gc.get_freeze_count()
        finally:
            gc.unfreeze()  # give this test process its collections back

    assert frozen_after_startup(False) == 0
    assert frozen_after_startup(True) > 1000


def test_activating_an_unknown_version_is_404(api: Api):
    r = api.client.post("/v1/models/nope/activate", headers=api.as_("admin"))
    assert r.status_code == 404 and "nope" in r.json()["detail"]


def test_metrics_count_decisions(api: Api):
    api.say(api.conversation(), "Where is my card?")
    body = api.client.get("/metrics").text
    assert 'replydesk_decisions_total{decision="auto_reply"} 1.0' in body
    assert "replydesk_http_request_seconds_bucket" in body
    route = 'route="/conversations/{conversation_id}/messages",status="200"'
    assert f'replydesk_http_requests_total{{method="POST",{route}}} 1.0' in body


def test_openapi_lists_the_contract(api: Api):
    paths = api.client.get("/openapi.json").json()["paths"]
    for path in (
        "/v1/conversations/{conversation_id}/messages",
        "/v1/queue",
        "/v1/suggestions/{suggestion_id}/edit",
        "/v1/models/{version}/activate",
        "/v1/stats",
    ):
        assert path in paths


def test_the_service_imports_only_models_and_itself():
    """``service/`` may use ``models/`` and ``replydesk.settings``, never training or the console."""
    import ast

    root = Path(__file__).resolve().parents[2] / "service"
    for path in root.rglob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            names = [a.name for a in node.names] if isinstance(node, ast.Import) else []
            if isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
                names = [node.module]
            for name in names:
                assert name.split(".")[0] not in {"training", "agent_ui"}, f"{path}: imports {name}"
                if name.startswith("replydesk"):
                    assert name == "replydesk.settings", f"{path}: imports {name}"
