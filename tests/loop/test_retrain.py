"""retrain end to end on a tiny tfidf model: a worse challenger is never promoted without --force,
--force records its reason, a good one is promoted, and a report is written each time."""

import json

from sqlalchemy import select
from typer.testing import CliRunner

from replydesk.cli import app
from replydesk.loop.feedback import FeedbackRow, write_feedback_csv
from replydesk.loop.retrain import is_held_out
from service.db import ModelActivation, ModelVersion, make_engine, make_sessionmaker
from tests.loop.conftest import make_rows

runner = CliRunner()


def _retrain(*args: str):
    return runner.invoke(app, ["retrain", "--backend", "tfidf", "--min-held-out", "10", *args])


def _feedback(tmp_path, name, rows, kind="correct"):
    path = tmp_path / name
    write_feedback_csv([FeedbackRow(t, y, kind, "choose", "change_pin", message_id=f"m{i}")
                        for i, (t, y) in enumerate(rows)], path)  # fmt: skip
    return path


def _registry(db_url):
    engine = make_engine(db_url)
    with make_sessionmaker(engine)() as session:
        active = session.scalars(select(ModelVersion.version).where(ModelVersion.active)).one()
        history = [
            (r.version, r.reason)
            for r in session.scalars(select(ModelActivation).order_by(ModelActivation.at))
        ]
        registered = set(session.scalars(select(ModelVersion.version)))
    engine.dispose()
    return active, history, registered


def _version(output: str) -> str:
    return output.split("challenger ")[1].split()[0]


def test_gated_promotion(home, tmp_path):
    base = ["--base", str(home.base_csv)]
    empty = _feedback(tmp_path, "none.csv", [])
    first = _retrain(*base, "--feedback", str(empty))
    assert first.exit_code == 0, first.output
    champion = _version(first.output)
    assert "promoted; champion was none" in first.output

    # Poison: card messages "corrected" to top_up_failed. The challenger gets worse on held-out data.
    poison = [(t, "top_up_failed") for t, y in make_rows(60, seed=9) if y == "card_arrival"]
    poisoned = _feedback(tmp_path, "poison.csv", poison)
    blocked = _retrain(*base, "--feedback", str(poisoned), "--feedback-holdout", "0")
    assert blocked.exit_code == 3, blocked.output
    assert "gate failed: accuracy" in blocked.output and "NOT promoted" in blocked.output
    loser = _version(blocked.output)
    active, _, registered = _registry(home.db_url)
    assert active == champion and loser in registered  # registered for the record, not active
    report = json.loads((home.settings.var_dir / "reports" / f"retrain-{loser}" / "report.json").read_text())
    assert report["promoted"] is False and report["champion"] == champion
    assert report["held_out"]["challenger"]["accuracy"] < report["held_out"]["champion"]["accuracy"]
    assert (
        "## Gates: FAILED"
        in (home.settings.var_dir / "reports" / f"retrain-{loser}" / "report.md").read_text()
    )

    no_reason = _retrain(*base, "--feedback", str(poisoned), "--force")
    assert no_reason.exit_code == 1 and "--force needs --reason" in no_reason.output
    forced = _retrain(
        *base, "--feedback", str(poisoned), "--feedback-holdout", "0", "--force", "--reason", "audit"
    )
    assert forced.exit_code == 0, forced.output
    active, history, _ = _registry(home.db_url)
    assert active == _version(forced.output)
    assert history[-1][1].startswith("forced: audit (failed gates: accuracy")

    # Clean feedback: more correctly labelled messages; equal or better on every gate.
    good = _feedback(tmp_path, "good.csv", make_rows(30, seed=4), kind="confirm")
    promoted = _retrain(*base, "--feedback", str(good))
    assert promoted.exit_code == 0, promoted.output
    assert _registry(home.db_url)[0] == _version(promoted.output)


def test_negatives_are_never_trained_on(home, tmp_path):
    rows = make_rows(30, seed=3)
    negatives = _feedback(tmp_path, "neg.csv", [(t, "top_up_failed") for t, _ in rows], kind="negative")
    result = _retrain("--base", str(home.base_csv), "--feedback", str(negatives))
    assert result.exit_code == 0, result.output
    report = json.loads(next((home.settings.var_dir / "reports").glob("retrain-*/report.json")).read_text())
    n_base = len(make_rows(40))
    assert report["data"]["feedback_train"] == 0 and report["data"]["negatives"] == len(rows)
    assert report["data"]["base_train"] + report["data"]["base_held_out"] == n_base


def test_bad_input_fails_clearly(home, tmp_path):
    missing = _retrain("--base", str(tmp_path / "nope.csv"))
    assert missing.exit_code == 1 and "data file not found" in missing.output
    bad = tmp_path / "bad.csv"
    bad.write_text("text,label,kind\nhello,a,maybe\n", encoding="utf-8")
    result = _retrain("--base", str(home.base_csv), "--feedback", str(bad))
    assert result.exit_code == 1 and "unknown kind 'maybe'" in result.output
    result = runner.invoke(app, ["retrain", "--backend", "gpt", "--base", str(home.base_csv)])
    assert result.exit_code == 1 and "unknown backend 'gpt'" in result.output
    assert "Traceback" not in result.output


def test_held_out_split_is_stable_and_about_the_asked_share():
    texts = [f"message number {i}" for i in range(4000)]
    share = sum(is_held_out(t, 0.2) for t in texts) / len(texts)
    assert 0.17 < share < 0.23
    assert is_held_out("Where is my card?", 0.5) == is_held_out("  where is  MY card? ", 0.5)
    assert not any(is_held_out(t, 0.0) for t in texts)
