"""The confidence meta-model, the neighbour index and the out-of-scope score."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from scipy import sparse

from models.classifier import load_classifier
from models.classifier.calibration import expected_calibration_error, softmax
from models.classifier.confidence import (
    ConfidenceModel,
    NeighbourIndex,
    Neighbours,
    confidence_features,
    with_confidence,
)
from training.data import Example
from training.train import TrainConfig, train_classifier


def unit_rows(n: int, dim: int, seed: int) -> np.ndarray:
    x = np.random.default_rng(seed).normal(size=(n, dim))
    return x / np.linalg.norm(x, axis=1, keepdims=True)


def test_neighbours_are_the_most_similar_rows_and_leave_one_out_skips_self() -> None:
    train = unit_rows(50, 8, seed=0)
    y = np.arange(50) % 5
    index = NeighbourIndex(train, y, k=3)
    found = index.query(train[:4])
    assert np.allclose(found.sims[:, 0], 1.0)  # each row is its own nearest
    assert (found.labels[:, 0] == y[:4]).all()
    brute = np.sort(train[:4] @ train.T, axis=1)[:, ::-1][:, :3]
    np.testing.assert_allclose(found.sims, brute)
    loo = index.query(train, leave_one_out=True)
    np.testing.assert_allclose(loo.sims[:4], np.sort(train[:4] @ train.T, axis=1)[:, ::-1][:, 1:4])
    sparse_found = NeighbourIndex(sparse.csr_matrix(train), y, k=3).query(sparse.csr_matrix(train[:4]))
    np.testing.assert_allclose(sparse_found.sims, found.sims)
    with pytest.raises(ValueError, match="vectors but"):
        NeighbourIndex(train, y[:10])


def test_confidence_model_ranks_and_calibrates_with_a_signal_the_probability_lacks() -> None:
    """The top probability says nothing here; the neighbour similarity says who is right."""
    rng = np.random.default_rng(1)
    n = 4000
    logits = rng.normal(size=(n, 5))
    probs = softmax(logits)
    near = rng.uniform(0, 1, size=n)
    correct = rng.uniform(size=n) < 1 / (1 + np.exp(-8 * (near - 0.5)))  # set by the nearest example
    labels = np.tile(probs.argmax(axis=1)[:, None], (1, 3))
    neighbours_sims = np.column_stack([near, near * 0.9, near * 0.8])
    features = confidence_features(probs, ["a b c"] * n, Neighbours(neighbours_sims, labels))
    model = ConfidenceModel.fit(features[:3000], correct[:3000], uses_neighbours=True)
    conf = model.confidence(features[3000:])
    assert expected_calibration_error(conf, correct[3000:]) < 0.05
    top = conf >= np.quantile(conf, 0.5)
    assert correct[3000:][top].mean() > correct[3000:][~top].mean() + 0.3
    again = ConfidenceModel.from_dict(model.to_dict())
    np.testing.assert_allclose(again.confidence(features[3000:]), conf)
    with pytest.raises(ValueError, match="both right and wrong"):
        ConfidenceModel.fit(features[:10], np.ones(10, dtype=bool), uses_neighbours=True)


def test_with_confidence_keeps_the_top_intent_and_sums_to_at_most_one() -> None:
    probs = np.array([[0.6, 0.3, 0.1], [0.2, 0.5, 0.3]])
    out = with_confidence(probs, np.array([0.9, 0.2]))
    assert (out.argmax(axis=1) == probs.argmax(axis=1)).all()
    np.testing.assert_allclose(out.max(axis=1), [0.9, 0.2])
    np.testing.assert_allclose(out[0], [0.9, 0.075, 0.025])  # the rest shared as before
    assert (out.sum(axis=1) <= 1.0 + 1e-9).all()


PHRASES = {
    "card_arrival": "when will my new card arrive",
    "lost_card": "i lost my card yesterday",
    "refund": "i want my money back for this",
    "exchange_rate": "what exchange rate do you use",
    "pin": "how do i change my pin code",
    "top_up": "my top up did not go through",
    "transfer": "my transfer to a friend failed",
    "fees": "why was i charged a fee",
}


def eight_intents(n: int, seed: int) -> list[Example]:
    """Eight intents, two words of each message swapped for random filler and 10% of labels
    flipped, so that held-out predictions are sometimes wrong."""
    rng = np.random.default_rng(seed)
    labels = sorted(PHRASES)
    filler = ["please", "hello", "today", "again", "thanks", "now", "quickly", "urgent"]
    rows = []
    for i in range(n):
        label = labels[i % len(labels)]
        words = PHRASES[label].split()
        for j in rng.choice(len(words), size=2, replace=False):
            words[j] = str(rng.choice(filler))
        if rng.uniform() < 0.1:
            label = labels[int(rng.integers(len(labels)))]
        rows.append(Example(" ".join(words), label))
    return rows


def test_trained_model_stores_confidence_and_scope_models_and_uses_them(tmp_path: Path) -> None:
    config = TrainConfig(backend="tfidf", folds=4, progress=False, oos_max_reject=0.1)
    out = train_classifier(config, eight_intents(480, seed=0), out_dir=tmp_path / "m")
    clf = load_classifier(out)
    assert clf.confidence_model is not None and clf.confidence_model.uses_neighbours
    assert clf.scope_model is not None
    assert (out / "neighbours.joblib").is_file()
    texts = ["when will my new card arrive", "what is the weather on mars tomorrow"]
    probs, scope = clf.predict_scores(texts)
    np.testing.assert_allclose(clf.predict_proba(texts), probs)
    preds = clf.predict_batch(texts)
    assert [p.out_of_scope for p in preds] == list(scope < clf.oos_threshold)
    assert [p.confidence for p in preds] == pytest.approx(probs.max(axis=1))
    assert scope[0] > scope[1]  # a known phrasing is more in scope than an unrelated one
