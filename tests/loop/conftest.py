"""Loop fixtures: a tiny labelled data set, a tiny answer library, and an isolated ReplyDesk home
(var dir, SQLite database, answers) that ``get_settings()`` — and so the CLI — points at."""

from __future__ import annotations

import csv
import random
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from models.types import Alternative, FrictionAssessment, Prediction
from replydesk.settings import Settings, get_settings
from service.app import create_app
from service.crud.keys import create_key
from service.db import make_engine, make_sessionmaker
from service.migrate import upgrade

WORDS = {
    "card_arrival": ["card", "arrive", "delivery", "post", "mail", "waiting", "kort", "ankommet"],
    "top_up_failed": ["top", "up", "failed", "topup", "declined", "money", "optankning", "fejlede"],
    "change_pin": ["pin", "change", "code", "new", "reset", "forgot", "pinkode", "skifte"],
}
FILLER = ["my", "the", "is", "why", "please", "help", "hvor", "er", "min", "i", "can", "not"]

ANSWERS = """\
version: loop-test-1
defaults:
  delivery_days: "3-5"
answers:
  - intent: card_arrival
    title: Card has not arrived
    reply: "Hi {customer_name}, cards arrive within {delivery_days} days."
  - intent: top_up_failed
    title: Top-up failed
    reply: "Hi {customer_name}, a failed top-up is returned to you automatically."
  - intent: change_pin
    title: Change PIN
    reply: "Hi {customer_name}, you can change your PIN at any ATM."
"""


def make_rows(per_intent: int, seed: int = 0) -> list[tuple[str, str]]:
    """Short messages whose words mostly come from their intent's vocabulary (some noise)."""
    rng = random.Random(seed)
    rows = []
    for intent, words in WORDS.items():
        for _ in range(per_intent):
            text = rng.sample(words, 3) + rng.sample(FILLER, 2)
            rng.shuffle(text)
            rows.append((" ".join(text), intent))
    rng.shuffle(rows)
    return rows


def write_csv(rows: list[tuple[str, str]], path: Path) -> Path:
    with path.open("w", newline="", encoding="utf-8") as fh:
        writer = csv.writer(fh)
        writer.writerow(["text", "label"])
        writer.writerows(rows)
    return path


@dataclass
class Home:
    settings: Settings
    base_csv: Path

    @property
    def db_url(self) -> str:
        return self.settings.effective_database_url


@pytest.fixture
def home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Home]:
    """An empty, migrated ReplyDesk home; ``get_settings()`` returns its settings meanwhile."""
    answers = tmp_path / "answers.yaml"
    answers.write_text(ANSWERS, encoding="utf-8")
    monkeypatch.setenv("REPLYDESK_VAR_DIR", str(tmp_path / "var"))
    monkeypatch.setenv("REPLYDESK_DATABASE_URL", f"sqlite:///{tmp_path / 'replydesk.db'}")
    monkeypatch.setenv("REPLYDESK_ANSWERS_PATH", str(answers))
    get_settings.cache_clear()
    settings = get_settings()
    upgrade(settings.effective_database_url)
    yield Home(settings, write_csv(make_rows(40), tmp_path / "base.csv"))
    get_settings.cache_clear()


class KeywordClassifier:
    """A fake model: the intent whose vocabulary the text uses most; confident only on 'sure'."""

    version = "fake-keywords"

    def predict(self, text: str) -> Prediction:
        words = text.lower().split()
        ranked = sorted(WORDS, key=lambda i: -sum(w in words for w in WORDS[i]))
        confidence = 0.97 if "sure" in words else 0.6
        alternatives = tuple(Alternative(i, (1 - confidence) / 2) for i in ranked[1:])
        return Prediction(ranked[0], confidence, alternatives, False, 0.9, self.version)


class Always:
    """A provider that always hands out the same model or detector."""

    def __init__(self, model: object) -> None:
        self.model = model

    def current(self) -> object:
        return self.model

    def status(self) -> str | None:
        return None


class CalmDetector:
    def assess(self, turns: object, now: object = None) -> FrictionAssessment:
        return FrictionAssessment(score=0.05, escalate=False, human_requested=False)


@dataclass
class Service:
    """The real service app on the home's database, with one channel and one agent key."""

    client: TestClient
    channel: dict[str, str]
    agent: dict[str, str]

    def say(self, text: str) -> dict:
        conv = self.client.post("/v1/conversations", json={"customer_name": "Ana"}, headers=self.channel)
        assert conv.status_code == 201, conv.text
        r = self.client.post(f"/v1/conversations/{conv.json()['id']}/messages", json={"text": text},
                             headers=self.channel)  # fmt: skip
        assert r.status_code == 200, r.text
        return r.json()

    def act(self, path: str, body: dict | None = None) -> None:
        r = self.client.post(path, json=body or {}, headers=self.agent)
        assert r.status_code == 200, r.text


def _keys(db_url: str) -> tuple[str, str]:
    engine = make_engine(db_url)
    with make_sessionmaker(engine)() as session:
        _, channel = create_key(session=session, role="channel", name="web-bot")
        _, agent = create_key(session=session, role="agent", name="alice")
    engine.dispose()
    return channel, agent


@pytest.fixture
def service_factory(home: Home) -> Iterator[Callable[..., Service]]:
    """Start the service on the home's database; ``classifier=None`` uses the real model registry."""
    clients: list[TestClient] = []

    def start(classifier: object | None = None) -> Service:
        channel, agent = _keys(home.db_url)
        app = create_app(
            home.settings,
            classifier_provider=Always(classifier) if classifier is not None else None,
            friction_provider=Always(CalmDetector()),
        )
        client = TestClient(app)
        client.__enter__()
        clients.append(client)
        return Service(client, {"Authorization": f"Bearer {channel}"}, {"Authorization": f"Bearer {agent}"})

    yield start
    for client in clients:
        client.__exit__(None, None, None)
