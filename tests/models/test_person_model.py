"""The learned second opinion on requests for a person: fitting, the rules it defers to, the
detector's use of it, and saving it with the detector."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from models.friction import FrictionDetector
from models.friction.human import human_request, request_ruled_out
from models.friction.person_model import PersonRequestModel
from tests.models.conversations import conv
from training.person_train import BULK_NEGATIVE, HARD_NEGATIVE, POSITIVE, choose_threshold, train_person_model

REQUESTS = [
    "is there a living person around who could look at this",
    "get me someone from the loans team on this chat",
    "any staff around to chat with me about my card",
    "can a member of staff take a look at my case",
    "i need a staff member on this right away",
    "put a colleague of yours on the chat please",
    "er der en fra personalet der kan chatte",
    "få en fra personalet ind i chatten",
    "is a staff member free to chat",
    "is somebody from your staff around to chat",
] * 3
HARD = [
    "my adviser said the card would come on Monday",
    "the staff at the branch were lovely yesterday",
    "how do I add my husband to the account",
    "personalet i filialen var søde i går",
] * 3
BULK = [
    "how do I order a new card",
    "what is the fee for a transfer abroad",
    "my card was stolen, please block it",
    "hvordan bestiller jeg et nyt kort",
    "when will my refund arrive",
    "can I change my PIN in the app",
    "what are your opening hours on Saturday",
    "hvad koster et lån",
] * 4


@pytest.fixture(scope="module")
def model() -> PersonRequestModel:
    kinds = [POSITIVE] * len(REQUESTS) + [HARD_NEGATIVE] * len(HARD) + [BULK_NEGATIVE] * len(BULK)
    rows = pd.DataFrame({"text": REQUESTS + HARD + BULK, "kind": kinds})
    return train_person_model(rows, folds=3)


def test_the_model_finds_a_request_the_patterns_do_not_know(model):
    text = "could a staff member chat with me about the loan"
    assert human_request(text) is None  # otherwise this would not test the model
    assert model.asks_for_person(text) is not None
    assert model.asks_for_person("how do I order a new card") is None


def test_the_model_defers_to_a_message_that_rules_a_request_out(model):
    text = "I don't need to chat with a staff member, just tell me the fee"
    assert request_ruled_out(text)
    assert model.probability(text) > 0.0  # the model alone reads only words
    assert model.asks_for_person(text) is None
    for text in (
        "stop calling me about insurance",
        "hold venligst op med at ringe til mig",
        "I'm not a robot",
    ):
        assert request_ruled_out(text), text
    assert not request_ruled_out("can a member of staff take a look at my case")


def test_probability_is_the_pipeline_probability(model):
    texts = ["get me someone from the loans team", "hvad koster et lån?", "Staff!!"]
    from models.friction.human import normalise

    expected = model.classifier.predict_proba(model.vectorizer.transform([normalise(t)[0] for t in texts]))[
        :, 1
    ]
    np.testing.assert_allclose([model.probability(t) for t in texts], expected, atol=1e-9)


def test_threshold_keeps_hard_negative_false_alarms_within_the_share():
    scores = np.array([0.9, 0.8, 0.62, 0.4, 0.95, 0.3])
    kind = np.array([HARD_NEGATIVE] * 4 + [POSITIVE] * 2)
    assert choose_threshold(scores, kind, 0.25) == 0.85  # one of four hard negatives may fire
    assert choose_threshold(scores, kind, 0.5) == 0.65
    assert choose_threshold(scores, kind, 0.0) == 0.95
    with pytest.raises(ValueError, match="between 0 and 1"):
        PersonRequestModel(None, None, 1.0)


def test_training_needs_both_classes():
    rows = pd.DataFrame({"text": BULK, "kind": [BULK_NEGATIVE] * len(BULK)})
    with pytest.raises(ValueError, match="requests"):
        train_person_model(rows)


def test_detector_escalates_on_the_model_and_says_so(model, tmp_path: Path):
    detector = FrictionDetector.default()
    text = "could a staff member chat with me about the loan"
    assert not detector.assess(conv(text)).human_requested
    detector.person = model
    found = detector.assess(conv("Where is my refund?", "Refunds take 5 days.", text))
    assert found.escalate and found.human_requested
    reason = found.reasons[0]
    assert reason.code == "human_request" and reason.turn_index == 2 and reason.text == text
    assert "request model" in reason.message
    # The bot's turns are never read as the customer's request.
    assert not detector.assess(conv("How do I pay?", text)).human_requested
    # Saved with the detector, and loaded back to the same verdicts.
    detector.save(tmp_path)
    saved = json.loads((tmp_path / "friction.json").read_text())
    assert saved["person_model"]["file"] == "person.joblib" and (tmp_path / "person.joblib").is_file()
    loaded = FrictionDetector.load(tmp_path)
    assert loaded.person is not None and loaded.person.threshold == model.threshold
    assert loaded.assess(conv(text)).human_requested
    # A detector saved without one (before this model existed) loads with the patterns only.
    del saved["person_model"]
    (tmp_path / "friction.json").write_text(json.dumps(saved))
    assert FrictionDetector.load(tmp_path).person is None


def test_a_missing_model_file_is_named(model, tmp_path: Path):
    detector = FrictionDetector.default()
    detector.person = model
    detector.save(tmp_path)
    (tmp_path / "person.joblib").unlink()
    with pytest.raises(FileNotFoundError, match=r"person\.joblib"):
        FrictionDetector.load(tmp_path)
