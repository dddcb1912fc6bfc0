"""``replydesk evaluate-friction``: reports on both file kinds, and clear errors on bad input."""

from __future__ import annotations

import json

import pytest
from typer.testing import CliRunner

from models.friction import FrictionDetector
from replydesk.cli import app

runner = CliRunner()

CONVERSATIONS = [
    {
        "id": "en-1",
        "lang": "en",
        "label": "escalate",
        "escalate_at": 2,
        "turns": [
            {"role": "customer", "text": "Where is my refund?", "t": 0},
            {"role": "bot", "text": "Refunds take 5 days.", "t": 2},
            {"role": "customer", "text": "Can I talk to a human please", "t": 30},
        ],
        "note": "asks for a person",
    },
    {
        "id": "da-1",
        "lang": "da",
        "label": "escalate",
        "escalate_at": 0,
        "turns": [{"role": "customer", "text": "Jeg vil tale med et menneske", "t": 0}],
        "note": "asks for a person",
    },
    {
        "id": "en-2",
        "lang": "en",
        "label": "no_escalate",
        "escalate_at": None,
        "turns": [
            {"role": "customer", "text": "My card was stolen, what do I do?", "t": 0},
            {"role": "bot", "text": "Block it in the app.", "t": 2},
            {"role": "customer", "text": "Done, thanks!", "t": 40},
        ],
        "note": "calm",
    },
]


@pytest.fixture()
def model(tmp_path):
    return FrictionDetector.default().save(tmp_path / "model")


def run(*args: str):
    return runner.invoke(app, ["evaluate-friction", *args])


def test_conversation_report(tmp_path, model):
    data = tmp_path / "convs.jsonl"
    data.write_text("\n".join(json.dumps(c) for c in CONVERSATIONS) + "\n")
    result = run("--data", str(data), "--out", str(tmp_path / "out"), "--model", str(model))
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["level"] == "conversation" and report["n"] == 3
    assert (report["precision"], report["recall"], report["mean_delay_turns"]) == (1.0, 1.0, 0.0)
    assert report["slices"]["da"]["human_request_recall"] == 1.0
    assert report["slices"]["en"]["human_request_recall"] == 1.0
    assert {"f1", "auroc", "ece"} <= set(report)


def test_message_report(tmp_path, model):
    data = tmp_path / "m.csv"
    data.write_text(
        "text,friction\nThis is fucking ridiculous,1\nHow do I order a card?,0\n"
        "Det er helt uacceptabelt og elendigt,1\nTak for hjælpen,0\n"
    )
    result = run("--data", str(data), "--out", str(tmp_path / "out"), "--model", str(model))
    assert result.exit_code == 0, result.output
    report = json.loads((tmp_path / "out" / "report.json").read_text())
    assert report["level"] == "message" and report["f1"] == 1.0 and set(report["slices"]) == {"en", "da"}


@pytest.mark.parametrize(
    ("content", "name", "message"),
    [
        (None, "missing.csv", "no such file"),
        ("words,label\nhi,0\n", "bad.csv", "missing column"),
        ("text,friction\n", "empty.csv", "no rows"),
        ("text,friction\nhi,maybe\n", "labels.csv", "0 or 1"),
        ('{"id": 1, "label": "escalate"\n', "broken.jsonl", "not valid JSON"),
        ("\n", "empty.jsonl", "no conversations"),
        ('{"label": "perhaps", "turns": [{"role": "customer", "text": "hi"}]}\n', "label.jsonl", "label"),
    ],
)
def test_bad_input_gives_a_clear_error(tmp_path, model, content, name, message):
    data = tmp_path / name
    if content is not None:
        data.write_text(content)
    result = run("--data", str(data), "--out", str(tmp_path / "out"), "--model", str(model))
    assert result.exit_code == 2
    assert message in result.output and "Traceback" not in result.output
    assert not (tmp_path / "out" / "report.json").exists()


def test_missing_model_is_reported(tmp_path):
    data = tmp_path / "m.csv"
    data.write_text("text,friction\nhi,0\n")
    result = run("--data", str(data), "--out", str(tmp_path / "out"), "--model", str(tmp_path / "nope"))
    assert result.exit_code == 2 and "friction.json" in result.output


@pytest.fixture
def trained_with(monkeypatch) -> dict:
    """Replaces the training by a stub that records the config ``train-friction`` built (key ``cfg``)."""
    import training.friction_train as friction_train

    seen: dict = {}

    def fake_train_and_save(out, cfg):
        seen["cfg"] = cfg
        detector = FrictionDetector.default()
        detector.metadata = {"metrics": {"tone_goemotions_dev": {"f1": 0.5}}}
        return detector

    monkeypatch.setattr(friction_train, "train_and_save", fake_train_and_save)
    return seen


@pytest.mark.parametrize(("flag", "expected"), [(None, True), ("--no-person-model", False)])
def test_train_friction_person_model_flag(tmp_path, trained_with, flag, expected):
    """--no-person-model trains the patterns-only detector; the default trains the request model."""
    result = runner.invoke(app, ["train-friction", "--out", str(tmp_path / "det"), *([flag] if flag else [])])
    assert result.exit_code == 0, result.output
    assert trained_with["cfg"].person_model is expected


@pytest.mark.parametrize("choice", ["boosted", "linear"])
def test_train_friction_conversation_model_flag(tmp_path, trained_with, choice):
    args = ["train-friction", "--out", str(tmp_path / "det"), "--conversation-model", choice]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert trained_with["cfg"].conversation_model == choice


def test_unknown_conversation_model_fails_before_training(tmp_path, monkeypatch):
    import training.friction_train as friction_train

    monkeypatch.setattr(friction_train, "train_and_save", lambda *a: pytest.fail("trained anyway"))
    result = runner.invoke(
        app, ["train-friction", "--out", str(tmp_path / "d"), "--conversation-model", "forest"]
    )
    assert result.exit_code == 2
    assert "forest" in result.output and "boosted" in result.output and "Traceback" not in result.output
    assert not (tmp_path / "d").exists()


def test_train_friction_fine_tunes_two_tone_encoders_by_default(tmp_path, trained_with):
    result = runner.invoke(app, ["train-friction", "--out", str(tmp_path / "det")])
    assert result.exit_code == 0, result.output
    assert (trained_with["cfg"].tone_encoder_layers, trained_with["cfg"].tone_encoders) == (3, 2)
    args = ["train-friction", "--out", str(tmp_path / "d2"), "--tone-encoder-layers", "0"]
    assert runner.invoke(app, args).exit_code == 0
    assert trained_with["cfg"].tone_encoder_layers == 0  # TF-IDF and lexicon only
    bad = runner.invoke(app, ["train-friction", "--out", str(tmp_path / "d3"), "--tone-encoders", "0"])
    assert bad.exit_code == 2 and "Traceback" not in bad.output
