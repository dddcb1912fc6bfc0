"""API fixtures: the app on a migrated database with fake models and one key per role."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from replydesk.settings import Settings
from service.app import create_app
from service.crud.keys import create_key
from service.db import make_engine, make_sessionmaker
from service.providers import ClassifierProvider, FrictionProvider
from tests.api.fakes import FakeClassifierProvider, FakeFrictionProvider

ANSWERS = """\
version: test-1
answers:
  - intent: card_arrival
    title: Card has not arrived
    reply: "Hi {customer_name}, cards arrive within 5 working days."
  - intent: lost_or_stolen_card
    title: Lost card
    reply: "Please freeze your card in the app."
  - intent: change_pin
    title: Change PIN
    reply: "You can change your PIN at any ATM."
"""


@dataclass
class Api:
    """A running app plus one key per role; ``as_(role)`` gives the auth header."""

    client: TestClient
    keys: dict[str, str]
    settings: Settings
    classifier: ClassifierProvider
    friction: FrictionProvider

    def as_(self, who: str) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.keys[who]}"}

    def conversation(self, name: str | None = "Ana") -> str:
        r = self.client.post("/v1/conversations", json={"customer_name": name}, headers=self.as_("channel"))
        assert r.status_code == 201, r.text
        return r.json()["id"]

    def say(self, conversation_id: str, text: str, key: str | None = None, expect: int = 200) -> dict:
        body = {"text": text} | ({"idempotency_key": key} if key else {})
        r = self.client.post(
            f"/v1/conversations/{conversation_id}/messages", json=body, headers=self.as_("channel")
        )
        assert r.status_code == expect, r.text
        return r.json()


KEY_HOLDERS = {"channel": "channel", "ana": "agent", "bo": "agent", "admin": "admin"}


@pytest.fixture
def settings(tmp_path: Path, db_url: str) -> Settings:
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    return Settings(var_dir=tmp_path / "var", database_url=db_url, answers_path=answers)


@pytest.fixture
def make_api(settings: Settings) -> Iterator[Callable[..., Api]]:
    """``make_api(classifier=..., friction=..., settings=...)`` starts an app; closed after the test."""
    clients: list[TestClient] = []
    engine = make_engine(settings.effective_database_url)
    with make_sessionmaker(engine)() as session:
        keys = {
            name: create_key(session=session, role=role, name=name)[1] for name, role in KEY_HOLDERS.items()
        }
    engine.dispose()

    def _make(
        classifier: ClassifierProvider | None = None,
        friction: FrictionProvider | None = None,
        app_settings: Settings | None = None,
    ) -> Api:
        classifier = classifier or FakeClassifierProvider()
        friction = friction or FakeFrictionProvider()
        app = create_app(app_settings or settings, classifier_provider=classifier, friction_provider=friction)
        client = TestClient(app).__enter__()
        clients.append(client)
        return Api(client, keys, app_settings or settings, classifier, friction)

    yield _make
    for client in clients:
        client.__exit__(None, None, None)


@pytest.fixture
def api(make_api: Callable[..., Api]) -> Api:
    return make_api()
