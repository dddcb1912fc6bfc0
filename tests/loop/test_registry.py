"""promote and rollback against a running service: it switches models without a restart, and the
activation history records who switched and why."""

import getpass
import time

from sqlalchemy import select
from typer.testing import CliRunner

from replydesk.cli import app
from service.db import ModelActivation, make_engine, make_sessionmaker
from tests.loop.conftest import make_rows
from training.train import TrainConfig, train_classifier

runner = CliRunner()


def _served_by(svc) -> str:
    return svc.say("my card delivery is waiting")["prediction"]["model_version"]


def _switch(args: list[str]) -> str:
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    time.sleep(1.1)  # the service re-reads the active row at most once a second
    return result.output


def _history(db_url: str) -> list[tuple[str, str, str | None]]:
    engine = make_engine(db_url)
    with make_sessionmaker(engine)() as session:
        rows = session.scalars(select(ModelActivation).order_by(ModelActivation.at)).all()
        out = [(r.version, r.actor, r.reason) for r in rows]
    engine.dispose()
    return out


def test_promote_and_rollback_switch_the_running_service(home, service_factory):
    for version, seed in (("tfidf-a", 1), ("tfidf-b", 2)):
        train_classifier(TrainConfig(backend="tfidf", progress=False), make_rows(20, seed),
                         out_dir=home.settings.models_dir / version, version=version)  # fmt: skip
    assert "active model: tfidf-a (was none)" in _switch(
        ["promote", "tfidf-a", "--reason", "first", "--by", "ops"]
    )
    svc = service_factory()  # the real model registry, as in production
    assert _served_by(svc) == "tfidf-a"

    assert "(was tfidf-a)" in _switch(["promote", "tfidf-b", "--reason", "better on held-out"])
    assert _served_by(svc) == "tfidf-b"
    assert "active model tfidf-a (was tfidf-b)" in _switch(
        ["rollback", "--reason", "complaints", "--by", "kim"]
    )
    assert _served_by(svc) == "tfidf-a"

    assert _history(home.db_url) == [
        ("tfidf-a", "ops", "first"),
        ("tfidf-b", getpass.getuser(), "better on held-out"),
        ("tfidf-a", "kim", "complaints"),
    ]


def test_bad_switches_fail_clearly_and_change_nothing(home):
    result = runner.invoke(app, ["rollback"])
    assert result.exit_code == 1 and "no model is active" in result.output
    train_classifier(TrainConfig(backend="tfidf", progress=False), make_rows(20),
                     out_dir=home.settings.models_dir / "tfidf-a", version="tfidf-a")  # fmt: skip
    result = runner.invoke(app, ["promote", "nope"])
    assert result.exit_code == 1 and "model version 'nope' is not registered" in result.output
    assert runner.invoke(app, ["promote", "tfidf-a"]).exit_code == 0
    result = runner.invoke(app, ["promote", "tfidf-a"])
    assert result.exit_code == 1 and "already active" in result.output
    result = runner.invoke(app, ["rollback"])
    assert result.exit_code == 1 and "no earlier active model" in result.output
    assert "Traceback" not in result.output
    assert [v for v, _, _ in _history(home.db_url)] == ["tfidf-a"]
