"""The learned pushback signal: fitting, its use as a conversation feature with a reason, cross-fitting
for the conversation weights, and saving it with the detector."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from scipy.sparse import hstack

from models.friction import FrictionDetector
from models.friction.human import normalise
from models.friction.pushback import PushbackModel, bot_before
from models.friction.signals import FEATURES
from models.types import Role, Turn
from tests.models.conversations import conv
from training import friction_conv
from training.friction_data import LabelledConversation
from training.pushback_train import cross_fitted_episodes, train_pushback, training_rows

MISSES = [
    "Please see our FAQ for more.",
    "Can you rephrase your question?",
    "Here is a link to our price list.",
]
PUSHBACK = ["That's where I looked already.", "I know that. I did it.", "As I wrote, it is still missing."]
CALM = ["Great, that worked, thanks.", "Perfect, thank you.", "Lovely, that's all I needed."]
HELPS = ["I have refunded the fee now.", "Your card is unblocked.", "The transfer has been recalled."]


def _labelled(k: int, escalate: bool) -> LabelledConversation:
    bot = MISSES[k % 3] if escalate else HELPS[k % 3]
    reply = PUSHBACK[k % 3] if escalate else CALM[k % 3]
    turns = conv(f"Question number {k} about my account", bot, reply)
    return LabelledConversation(f"c{k}", "en", escalate, 2 if escalate else None, tuple(turns))


@pytest.fixture(scope="module")
def conversations() -> list[LabelledConversation]:
    return [_labelled(k, k % 2 == 0) for k in range(40)]


@pytest.fixture(scope="module")
def model(conversations) -> PushbackModel:
    return train_pushback(conversations)


def test_rows_stop_at_the_labelled_turn_and_pair_each_reply_with_the_bot_before_it(conversations):
    customer, bot, y = training_rows(conversations[:2])
    assert customer[1] == PUSHBACK[0] and bot[1] == MISSES[0] and y.tolist() == [0, 1, 0, 0]
    assert bot[0] == "" and bot_before(conv("a", "b", "c", "d", "e"), 4) == "d"
    # After a person's reply, the bot's older answer is not what the customer answers.
    turns = [*conv("a", "b", "c"), Turn(Role.AGENT, "I'm on it"), Turn(Role.CUSTOMER, "thanks")]
    assert bot_before(turns, 4) == "" and bot_before(turns, 2) == "b"


def test_pushback_after_a_miss_scores_above_thanks_after_help(model):
    assert model.probability(PUSHBACK[1], MISSES[0]) > 0.5 > model.probability(CALM[1], HELPS[0])


def test_probability_is_the_pipeline_probability(model):
    pairs = [(PUSHBACK[0], MISSES[1]), (CALM[2], ""), ("Something else entirely", HELPS[2])]
    x = hstack(
        [
            model.customer_vectorizer.transform([normalise(c)[0] for c, _ in pairs]),
            model.bot_vectorizer.transform([normalise(b)[0] for _, b in pairs]),
        ]
    )
    expected = model.classifier.predict_proba(x)[:, 1]
    np.testing.assert_allclose([model.probability(c, b) for c, b in pairs], expected, atol=1e-9)


def test_training_needs_escalations_and_calm_turns(conversations):
    with pytest.raises(ValueError, match="escalations and calm turns"):
        train_pushback([c for c in conversations if not c.escalate])


def test_detector_uses_it_as_a_feature_with_a_reason(model, tmp_path: Path):
    detector = FrictionDetector.default()
    turns = conv("Where is my refund?", MISSES[0], PUSHBACK[1])
    assert detector.features(turns).features["pushback"] == 0.0  # no model: no signal
    detector.pushback = model
    detector.weights["pushback"] = 4.0
    found = detector.assess(turns)
    reason = next(r for r in found.reasons if r.code == "pushback")
    assert reason.turn_index == 2 and reason.text == PUSHBACK[1] and "pushback model" in reason.message
    calm = detector.assess(conv("Where is my refund?", HELPS[0], CALM[0]))
    assert found.score > calm.score and "pushback" not in {r.code for r in calm.reasons}
    # Saved with the detector and loaded back to the same score.
    detector.save(tmp_path)
    saved = json.loads((tmp_path / "friction.json").read_text())
    assert saved["pushback_model"]["file"] == "pushback.joblib"
    loaded = FrictionDetector.load(tmp_path)
    assert loaded.assess(turns).score == found.score
    (tmp_path / "pushback.joblib").unlink()
    with pytest.raises(FileNotFoundError, match=r"pushback\.joblib"):
        FrictionDetector.load(tmp_path)
    del saved["pushback_model"]
    (tmp_path / "friction.json").write_text(json.dumps(saved))
    assert FrictionDetector.load(tmp_path).pushback is None  # saved before the model existed


def test_cross_fitted_features_come_from_models_that_did_not_see_the_conversation(conversations, model):
    detector = FrictionDetector.default()
    detector.pushback = model
    episodes = cross_fitted_episodes(detector, conversations, folds=4)
    assert detector.pushback is model  # restored
    assert [e.conversation.id for e in episodes] == [c.id for c in conversations]
    column = FEATURES.index("pushback")
    in_sample = friction_conv.episodes(detector, conversations, "in sample")
    crossed = np.array([e.x[-1, column] for e in episodes])
    full = np.array([e.x[-1, column] for e in in_sample])
    assert not np.allclose(crossed, full)  # other models made them
    assert 0.0 <= model.metrics["dev_turn_auroc_out_of_fold"] <= 1.0


def test_a_conversation_without_a_customer_turn_has_no_pushback(model):
    detector = FrictionDetector.default()
    detector.pushback = model
    assert detector.features([Turn(Role.BOT, "Hello, how can I help?")]).features["pushback"] == 0.0
