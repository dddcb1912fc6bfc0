"""export-feedback against the real service: every agent action kind ends up as the right,
redacted row, and bad input fails with a message, not a traceback."""

import csv

from typer.testing import CliRunner

from replydesk.cli import app
from tests.loop.conftest import KeywordClassifier

runner = CliRunner()


def _act_on_every_kind(svc):
    s = svc.say("forgot my pin code, cpr 010190-1234")
    svc.act(f"/v1/suggestions/{s['suggestion_id']}/approve")
    s = svc.say("top up failed, mail me at ana@firma.dk")
    svc.act(f"/v1/suggestions/{s['suggestion_id']}/choose", {"intent": "card_arrival"})
    s = svc.say("card delivery waiting, ring +45 20 30 40 50")
    svc.act(f"/v1/suggestions/{s['suggestion_id']}/edit", {"text": "Hi Ana, it comes Friday. Call 20304050."})
    s = svc.say("reset pin please")
    svc.act(f"/v1/suggestions/{s['suggestion_id']}/reject", {"reason": "wrong answer"})
    s = svc.say("sure my card arrive?")
    assert s["decision"] == "auto_reply"  # the bot answered on its own; the agent then takes over
    svc.act(f"/v1/conversations/{s['conversation_id']}/takeover")


def test_export_turns_each_action_into_a_redacted_row(home, service_factory, tmp_path):
    _act_on_every_kind(service_factory(KeywordClassifier()))
    out = tmp_path / "feedback.csv"
    result = runner.invoke(app, ["export-feedback", "--out", str(out)])
    assert result.exit_code == 0, result.output
    assert "wrote 5 rows" in result.output
    rows = list(csv.DictReader(out.open(encoding="utf-8")))
    got = [(r["action"], r["kind"], r["label"], r["suggested_intent"], r["text"]) for r in rows]
    assert got == [
        ("approve", "confirm", "change_pin", "change_pin", "forgot my pin code, cpr <CPR>"),
        ("choose", "correct", "card_arrival", "top_up_failed", "top up failed, mail me at <EMAIL>"),
        ("edit", "edit", "card_arrival", "card_arrival", "card delivery waiting, ring <PHONE>"),
        ("reject", "negative", "change_pin", "change_pin", "reset pin please"),
        ("takeover", "negative", "card_arrival", "card_arrival", "sure my card arrive?"),
    ]
    assert rows[2]["reply"] == "Hi Ana, it comes Friday. Call <PHONE>."
    assert all(r["actor"] == "alice" and r["model_version"] == "fake-keywords" for r in rows)
    assert "010190" not in out.read_text(encoding="utf-8") and "firma.dk" not in out.read_text(
        encoding="utf-8"
    )


def test_since_filters_and_bad_since_fails_clearly(home, service_factory, tmp_path):
    _act_on_every_kind(service_factory(KeywordClassifier()))
    out = tmp_path / "later.csv"
    result = runner.invoke(app, ["export-feedback", "--out", str(out), "--since", "2999-01-01"])
    assert result.exit_code == 0 and "wrote 0 rows" in result.output
    result = runner.invoke(app, ["export-feedback", "--out", str(out), "--since", "yesterday"])
    assert result.exit_code == 1
    assert "--since 'yesterday' is not an ISO date" in result.output
    assert "Traceback" not in result.output


def test_retrain_reads_feedback_from_the_database_and_replays_live_traffic(home, service_factory):
    import json

    _act_on_every_kind(service_factory(KeywordClassifier()))
    args = ["retrain", "--backend", "tfidf", "--base", str(home.base_csv), "--min-held-out", "10"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    [report_file] = (home.settings.var_dir / "reports").glob("retrain-*/report.json")
    report = json.loads(report_file.read_text(encoding="utf-8"))
    assert report["data"]["feedback_train"] + report["data"]["feedback_held_out"] == 3
    assert report["data"]["negatives"] == 2
    assert report["shadow"]["messages"] == 5  # every customer message, predicted in shadow
    assert 0.0 <= report["shadow"]["challenger_auto_reply_share"] <= 1.0
