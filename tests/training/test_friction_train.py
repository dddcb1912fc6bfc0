"""Training a small friction detector end to end, and behavioural tests of the trained model."""

from __future__ import annotations

import json
from datetime import UTC, datetime, timedelta

import numpy as np
import pandas as pd
import pytest

from models.friction import FrictionDetector
from models.friction.tone import TrainedTone
from models.types import Role, Turn
from training import friction_synth as synth
from training.friction_data import DEV_CONVERSATIONS_FILE, ENGLISH_AID_FILE, read_messages
from training.friction_metrics import binary_metrics, evaluate_conversations, expected_calibration_error
from training.friction_train import FrictionTrainConfig, train_detector

T0 = datetime(2026, 1, 1, tzinfo=UTC)


def conv(*texts: str) -> list[Turn]:
    return [
        Turn(Role.CUSTOMER if i % 2 == 0 else Role.BOT, t, at=T0 + timedelta(seconds=30 * i))
        for i, t in enumerate(texts)
    ]


@pytest.fixture(scope="session")
def trained(tmp_path_factory) -> tuple[FrictionDetector, object]:
    """A detector trained on slices of the real data (about 10 s), saved and loaded back."""
    cfg = FrictionTrainConfig(
        goemotions_limit=1500,
        max_char_features=10_000,
        n_synthetic_train=200,
        n_synthetic_dev=80,
        person_bulk_limit=2000,
        tone_encoder_layers=0,  # the encoder is trained with a tiny BERT in test_friction_encoder
    )
    detector = train_detector(cfg)
    path = tmp_path_factory.mktemp("friction")
    detector.save(path)
    return FrictionDetector.load(path), path


@pytest.mark.slow
def test_saved_detector_describes_itself(trained):
    detector, path = trained
    cfg = json.loads((path / "friction.json").read_text())
    assert cfg["version"].startswith("friction-") and 0 < cfg["threshold"] < 1
    assert cfg["tone"]["kind"] == "trained" and (path / "tone.joblib").is_file()
    assert {"tone_goemotions_dev", "conversation_synthetic_dev"} <= set(cfg["metrics"])
    assert 0 < cfg["tone_threshold"] < 1 and "calibration" in cfg
    # The hand-written customer-service aids and the DEV conversations are used when present.
    sources = cfg["training"]["sources"]
    assert sources["english_aid"] > 50 and sources["danish_aid"] > 50
    if DEV_CONVERSATIONS_FILE.is_file():
        assert sources["conversations_dev"] > 0 and "conversation_dev_out_of_fold" in cfg["metrics"]
    assert isinstance(detector.tone, TrainedTone)
    # The learned second opinion on requests for a person is saved with its threshold and how it was chosen.
    person = cfg["person_model"]
    assert (path / person["file"]).is_file() and 0.5 <= person["threshold"] < 1
    assert person["metrics"]["out_of_fold"]["hard_negative_false_alarms"] <= 0.05
    assert person["metrics"]["rows"]["bulk_negative"] == 2000 and detector.person is not None
    # The pushback model is trained on the DEV conversations, with its cross-fitted AUROC recorded.
    if DEV_CONVERSATIONS_FILE.is_file():
        pushback = cfg["pushback_model"]
        assert (path / pushback["file"]).is_file() and detector.pushback is not None
        assert pushback["metrics"]["dev_turn_auroc_out_of_fold"] > 0.8
    # Signals may only push towards escalation.
    assert all(w >= 0 for w in cfg["weights"].values())
    # The conversation is scored by boosted trees, saved beside friction.json, that tell the turns apart.
    assert detector.conversation is not None and (path / cfg["conversation_model"]["file"]).is_file()
    assert cfg["metrics"]["conversation_model"] == "boosted"


@pytest.mark.slow
def test_trained_tone_separates_frustration(trained):
    detector, _ = trained
    calm, angry = detector.tone_scores(["How do I order a new card?", "This is ridiculous, I'm furious!!"])
    assert angry > calm + 0.3
    da_calm, da_angry = detector.tone_scores(
        ["Hvordan bestiller jeg et nyt kort?", "Det er helt uacceptabelt og elendig service"]
    )
    assert da_angry > da_calm + 0.2


@pytest.mark.slow
def test_trained_behaviour(trained):
    detector, _ = trained
    assert not detector.assess(conv("my card was stolen")).escalate
    names = [detector.assess(conv(f"Hi, I'm {n}. How do I order a new card?")).score for n in ("Anna", "Ole")]
    assert abs(names[0] - names[1]) < 0.05 and max(names) < detector.threshold
    base = conv("Where is my refund?", "Refunds take 5 days.", "Where is my refund for order 4471?")
    worse = base[:-1] + [Turn(Role.CUSTOMER, base[-1].text + " This is the third time I ask", at=base[-1].at)]
    assert detector.assess(worse).score > detector.assess(base).score
    assert detector.assess(conv("jeg vil tale med et menneske")).escalate
    # A request in words the patterns do not know reaches a person through the request model.
    unknown = "could somebody from the mortgage desk chat with me"
    found = detector.assess(conv(unknown))
    assert found.human_requested and "request model" in found.reasons[0].message
    assert not detector.assess(
        conv("I don't need to chat with somebody from the mortgage desk")
    ).human_requested


def test_synthetic_conversations_have_valid_labels():
    convs = synth.generate(60, seed=3)
    assert {c.lang for c in convs} == {"en", "da"}
    assert 10 < sum(c.escalate_at is not None for c in convs) < 50
    for c in convs:
        if c.escalate_at is not None:
            assert c.turns[c.escalate_at].role is Role.CUSTOMER
    samples, labels = synth.prefixes(convs)
    assert len(samples) == len(labels) and set(labels) == {0, 1}


def test_metrics_on_known_cases():
    y = np.array([0, 0, 1, 1])
    m = binary_metrics(y, np.array([0.1, 0.6, 0.7, 0.9]), 0.5)
    assert (m["precision"], m["recall"], m["auroc"]) == (pytest.approx(2 / 3, abs=1e-3), 1.0, 1.0)
    assert expected_calibration_error(np.array([1, 0]), np.array([1.0, 0.0])) == 0.0
    assert expected_calibration_error(np.array([0, 0]), np.array([0.9, 0.9])) == pytest.approx(0.9)


def test_conversation_delay_counts_customer_turns():
    from training.friction_data import LabelledConversation

    turns = tuple(
        conv(
            "Where is my refund?", "It takes 5 days.", "ok", "Anything else?", "Can I talk to a human please"
        )
    )
    late = LabelledConversation("x", "en", True, 0, turns)
    report = evaluate_conversations(FrictionDetector.default(), [late])
    assert report["recall"] == 1.0 and report["mean_delay_turns"] == 2.0
    assert report["human_request_recall"] is None  # the labelled turn 0 names no person
    on_time = LabelledConversation("y", "en", True, 4, turns)
    report = evaluate_conversations(FrictionDetector.default(), [on_time])
    assert report["mean_delay_turns"] == 0.0 and report["human_request_recall"] == 1.0


def _waiting_conversations(n: int) -> list:
    """Labelled conversations where only a long silence tells escalation apart."""
    from training.friction_data import LabelledConversation

    out = []
    for i in range(n):
        gap = 3000 if i % 2 else 20
        turns = (
            Turn(Role.CUSTOMER, f"Where is parcel {1000 + i}?", at=T0),
            Turn(Role.BOT, "Let me check.", at=T0 + timedelta(seconds=5)),
            Turn(Role.CUSTOMER, "Any news?", at=T0 + timedelta(seconds=5 + gap)),
        )
        out.append(LabelledConversation(f"w{i}", "en", bool(i % 2), 2 if i % 2 else None, turns))
    return out


def test_dev_conversations_move_the_weights_and_set_the_threshold():
    from training import friction_conv
    from training.friction_train import _labelled

    det = FrictionDetector.default()
    train = friction_conv.episodes(det, _labelled(synth.generate(80, seed=1), "s"), "synthetic")
    held = friction_conv.episodes(det, _labelled(synth.generate(30, seed=2), "h"), "held")
    dev = friction_conv.episodes(det, _waiting_conversations(40), "dev")
    without = friction_conv.fit(det, train, held, [], c=1.0, prior_strength=0.0)
    wait_without = det.weights["wait"]
    with_dev = friction_conv.fit(det, train, held, dev, c=1.0, prior_strength=0.0)
    assert det.weights["wait"] > wait_without
    assert "conversation_dev_out_of_fold" in with_dev and "conversation_dev_out_of_fold" not in without
    assert det.threshold in set(friction_conv.THRESHOLD_GRID.tolist())
    assert all(w >= 0 for w in det.weights.values())
    assert "errors" not in with_dev["conversation_dev_out_of_fold"]


def test_linear_conversation_model_keeps_the_weights_alone():
    from training import friction_conv
    from training.friction_train import _labelled

    det = FrictionDetector.default()
    train = friction_conv.episodes(det, _labelled(synth.generate(80, seed=1), "s"), "synthetic")
    held = friction_conv.episodes(det, _labelled(synth.generate(30, seed=2), "h"), "held")
    dev = friction_conv.episodes(det, _waiting_conversations(40), "dev")
    boosted = friction_conv.fit(det, train, held, dev, c=1.0, prior_strength=0.0)
    assert det.conversation is not None and boosted["conversation_model"] == "boosted"
    linear = friction_conv.fit(det, train, held, dev, c=1.0, prior_strength=0.0, model="linear")
    assert det.conversation is None and linear["conversation_model"] == "linear"
    with pytest.raises(ValueError, match="unknown conversation model"):
        friction_conv.fit(det, train, held, dev, c=1.0, prior_strength=0.0, model="forest")


def test_fast_tfidf_scores_equal_sklearn():
    from sklearn.feature_extraction.text import TfidfVectorizer

    from models.friction.tone import tfidf_dot

    texts = ["This is RIDICULOUS!!! third time", "hej med dig", "", "where is my refund", "refund refund"]
    for vec in (
        TfidfVectorizer(sublinear_tf=True).fit(texts),
        TfidfVectorizer(analyzer="char_wb", ngram_range=(2, 4), sublinear_tf=True).fit(texts),
    ):
        coef = np.random.default_rng(0).normal(size=len(vec.vocabulary_))
        probe = [*texts, "unseen words only", "RIDICULOUS refund"]
        np.testing.assert_allclose(tfidf_dot(vec, probe, coef), vec.transform(probe) @ coef, atol=1e-12)
    with pytest.raises(ValueError, match="sublinear"):
        tfidf_dot(TfidfVectorizer().fit(texts), texts, np.zeros(20))


def test_english_aid_file_is_valid():
    aid = read_messages(ENGLISH_AID_FILE)
    assert set(aid["friction"]) == {0, 1} and aid["text"].str.len().min() > 5


def test_person_model_never_trains_on_its_held_out_check_file():
    from training.friction_data import DEV_CONVERSATION_FILES, PERSON_REQUESTS_CHECK_FILE, read_conversations
    from training.person_train import training_rows

    dev = [c for f in DEV_CONVERSATION_FILES if f.is_file() for c in read_conversations(f)]
    rows = training_rows(dev)
    check = pd.read_csv(PERSON_REQUESTS_CHECK_FILE, keep_default_na=False)
    assert len(check) > 400 and set(check["lang"]) == {"en", "da"}
    assert not set(rows["text"]) & set(check["text"])
    # The bulk negatives hold no message the patterns take for a request.
    from models.friction.human import human_request

    assert not any(human_request(t) for t in rows.loc[rows["kind"] == "bulk_negative", "text"].head(3000))
