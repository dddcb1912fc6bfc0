"""The boosted conversation score: the copied trees equal scikit-learn's, survive JSON, and explain."""

from __future__ import annotations

import json
import math
from datetime import UTC, datetime, timedelta

import numpy as np
import pytest
from sklearn.ensemble import HistGradientBoostingClassifier

from models.friction import FrictionDetector
from models.friction import signals as sig
from models.friction.boosted import CONTEXT_FEATURES, BoostedScore, context_features
from models.types import Role, Turn

T0 = datetime(2026, 1, 1, tzinfo=UTC)
NAMES = (*sig.FEATURES, *CONTEXT_FEATURES)


def _fitted(seed: int = 0) -> tuple[HistGradientBoostingClassifier, np.ndarray]:
    rng = np.random.default_rng(seed)
    x = rng.random((1500, len(NAMES)))
    # An interaction the linear score cannot express: tone matters only once someone has replied.
    tone, no_reply = NAMES.index("tone"), NAMES.index("no_reply_yet")
    x[:, no_reply] = rng.integers(0, 2, len(x))
    y = ((x[:, tone] > 0.6) & (x[:, no_reply] == 0) | (x[:, NAMES.index("rejected")] > 0.9)).astype(int)
    model = HistGradientBoostingClassifier(max_iter=60, max_depth=3, min_samples_leaf=20, random_state=0)
    return model.fit(x, y), x


def test_copied_trees_give_sklearns_log_odds():
    model, x = _fitted()
    boosted = BoostedScore.from_sklearn(model, NAMES)
    ours = np.array([boosted.raw(row) for row in x[:300]])
    np.testing.assert_allclose(ours, model.decision_function(x[:300]), atol=1e-9)
    np.testing.assert_allclose(
        [boosted.probability(row) for row in x[:50]], model.predict_proba(x[:50])[:, 1], atol=1e-9
    )


def test_json_round_trip_and_platt_step():
    model, x = _fitted()
    boosted = BoostedScore.from_sklearn(model, NAMES).with_platt(0.5, -1.0)
    again = BoostedScore.from_dict(json.loads(json.dumps(boosted.to_dict())))
    for row in x[:100]:
        assert again.logit(row) == pytest.approx(0.5 * boosted.raw(row) - 1.0)
        assert again.probability(row) == pytest.approx(boosted.probability(row))
    broken = boosted.to_dict()
    broken["nodes"]["left"] = broken["nodes"]["left"][:-1]
    with pytest.raises(ValueError, match="differ in length"):
        BoostedScore.from_dict(broken)


def test_contribution_is_what_the_feature_adds():
    model, x = _fitted()
    boosted = BoostedScore.from_sklearn(model, NAMES)
    after_reply = x[0].copy()
    after_reply[[NAMES.index("tone"), NAMES.index("no_reply_yet"), NAMES.index("rejected")]] = [
        0.95,
        0.0,
        0.0,
    ]
    first_message = after_reply.copy()
    first_message[NAMES.index("no_reply_yet")] = 1.0
    assert boosted.contribution(after_reply, "tone") > 1.0  # a strong tone after a reply pushes hard
    assert boosted.contribution(first_message, "tone") < boosted.contribution(after_reply, "tone") / 2
    without = after_reply.copy()
    without[NAMES.index("tone")] = 0.0
    assert boosted.contribution(without, "tone") == 0.0
    expected = boosted.logit(after_reply) - boosted.logit(without)
    assert boosted.contribution(after_reply, "tone") == pytest.approx(expected)


def test_context_features():
    turns = [
        Turn(Role.CUSTOMER, "hi", at=T0),
        Turn(Role.CUSTOMER, "hello?", at=T0 + timedelta(seconds=5)),
        Turn(Role.BOT, "How can I help?", at=T0 + timedelta(seconds=9)),
        *[Turn(Role.CUSTOMER, f"q{i} and more", at=T0 + timedelta(seconds=20 + i)) for i in range(6)],
    ]

    def place(i: int) -> tuple[float, float]:
        found = context_features(turns, i)
        assert set(found) == set(CONTEXT_FEATURES)
        return found["no_reply_yet"], found["customer_turn"]

    assert place(0) == (1.0, 0.0)
    assert place(1) == (1.0, 1.0)  # two messages, nobody has answered yet
    assert place(3) == (0.0, 2.0)
    assert place(8) == (0.0, 4.0)  # capped
    assert (
        context_features(turns, 1)["asks_question"] == 1.0
        and context_features(turns, 0)["asks_question"] == 0
    )
    assert context_features(turns, 3)["log_words"] == pytest.approx(math.log(4))  # three words


def test_detector_scores_and_explains_with_the_boosted_model(tmp_path):
    model, _ = _fitted()
    det = FrictionDetector.default()
    det.conversation = BoostedScore.from_sklearn(model, NAMES)
    turns = [
        Turn(Role.CUSTOMER, "Where is my refund?", at=T0),
        Turn(Role.BOT, "Refunds take 3-5 banking days.", at=T0 + timedelta(seconds=5)),
        Turn(Role.CUSTOMER, "That doesn't help at all. This is ridiculous!!", at=T0 + timedelta(seconds=40)),
    ]
    found = det.features(turns)
    x = det.conversation_vector(found.features, turns)
    assert x[-4:] == [0.0, 1.0, 0.0, pytest.approx(math.log1p(8))]  # eight words
    result = det.assess(turns)
    assert result.score == pytest.approx(round(det.conversation.probability(x), 4))
    by_code = {r.code: r.weight for r in result.reasons}
    fired = {s.code: s.feature for s in found.fired}
    assert by_code and set(by_code) == set(fired)
    for code, feature in fired.items():
        assert by_code[code] == pytest.approx(round(det.conversation.contribution(x, feature), 4))
    # Saved and loaded, the detector keeps its trees and gives the same assessment.
    loaded = FrictionDetector.load(det.save(tmp_path / "det"))
    assert loaded.conversation is not None and loaded.assess(turns) == result
    assert json.loads((tmp_path / "det" / "friction.json").read_text())["conversation_model"]["file"]


def test_missing_trees_file_is_reported(tmp_path):
    model, _ = _fitted()
    det = FrictionDetector.default()
    det.conversation = BoostedScore.from_sklearn(model, NAMES)
    path = det.save(tmp_path / "det")
    (path / "conversation.json").unlink()
    with pytest.raises(FileNotFoundError, match="conversation.json"):
        FrictionDetector.load(path)


def test_an_escalation_without_a_fired_signal_still_says_why():
    """Weak signals that together cross the threshold are named, with their values, in one reason."""
    det = FrictionDetector.default()
    turns = [
        Turn(Role.CUSTOMER, "Where is my refund?", at=T0),
        Turn(Role.BOT, "Refunds take 3-5 banking days.", at=T0 + timedelta(seconds=5)),
        Turn(Role.CUSTOMER, "ok and when exactly", at=T0 + timedelta(seconds=40)),
    ]
    found = det.features(turns)
    assert not found.fired
    assert found.features["tone"] > 0  # the lexicon tone of any text is above 0
    det.threshold = det.score_features(found.features) / 2  # the weak evidence now crosses it
    result = det.assess(turns)
    assert result.escalate and [r.code for r in result.reasons] == ["combined_signals"]
    reason = result.reasons[0]
    assert reason.turn_index == 2 and reason.text == "ok and when exactly"
    assert "frustrated tone" in reason.message and reason.weight > 0
    # Below the threshold nothing is invented.
    det.threshold = 0.99
    assert det.assess(turns).reasons == ()


def test_vector_follows_the_names_the_trees_were_saved_with(tmp_path):
    """A detector reads its trees' own feature list: order and subset come from conversation.json."""
    rng = np.random.default_rng(1)
    names = ("no_reply_yet", *sig.FEATURES)  # another order, and fewer context features
    x = rng.random((400, len(names)))
    y = (x[:, names.index("rejected")] > 0.5).astype(int)
    model = HistGradientBoostingClassifier(max_iter=20, max_depth=2, random_state=0).fit(x, y)
    det = FrictionDetector.default()
    det.conversation = BoostedScore.from_sklearn(model, names)
    turns = [Turn(Role.CUSTOMER, "That doesn't help at all.", at=T0)]
    found = det.features(turns)
    vector = det.conversation_vector(found.features, turns)
    assert vector == [1.0, *(found.features[f] for f in sig.FEATURES)]
    path = det.save(tmp_path / "det")
    raw = json.loads((path / "conversation.json").read_text())
    raw["features"][0] = "moon_phase"
    (path / "conversation.json").write_text(json.dumps(raw))
    with pytest.raises(ValueError, match="moon_phase"):
        FrictionDetector.load(path)
