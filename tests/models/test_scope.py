"""The out-of-scope evidence of ``models.classifier.scope`` and its place in trained models."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from models.classifier import load_classifier
from models.classifier.calibration import softmax
from models.classifier.confidence import ConfidenceModel, Neighbours, confidence_features
from models.classifier.scope import GAUSSIAN_FEATURES, ClassGaussian, second_view_features
from tests.models.test_classifier_confidence import eight_intents
from tests.training.test_classifier_data import tiny_encoder
from training.train import TrainConfig, train_classifier


def test_class_gaussian_is_the_mahalanobis_distance_to_the_class_means() -> None:
    rng = np.random.default_rng(0)
    y = np.arange(300) % 3
    x = rng.normal(size=(300, 4)) * [1.0, 3.0, 0.5, 2.0] + np.eye(3, 4)[y] * 4
    g = ClassGaussian.fit(x, y, n_classes=4, shrinkage=0.0)
    means = np.stack([x[y == c].mean(axis=0) for c in range(3)])
    centred = x - means[y]
    inv = np.linalg.inv(centred.T @ centred / len(x))
    q = rng.normal(size=(5, 4))
    brute = np.array([[(v - m) @ inv @ (v - m) for m in means] for v in q])
    d = g.distances(q)
    np.testing.assert_allclose(d[:, :3], brute, rtol=1e-6, atol=1e-8)
    assert np.isinf(d[:, 3]).all()  # a class without examples is never near
    f = g.features(q, predicted=np.array([0, 1, 2, 0, 1]))
    assert f.shape == (5, len(GAUSSIAN_FEATURES))
    np.testing.assert_allclose(f[:, 0], brute.min(axis=1), rtol=1e-6)
    np.testing.assert_allclose(f[:, 1], brute[np.arange(5), [0, 1, 2, 0, 1]], rtol=1e-6)
    np.testing.assert_allclose(f[:, 2], np.diff(np.sort(brute, axis=1)[:, :2], axis=1)[:, 0], rtol=1e-6)
    # Shrinkage pulls the covariance towards a multiple of the identity: still finite, still ordered.
    assert np.isfinite(ClassGaussian.fit(x, y, 3, shrinkage=0.5).distances(q)).all()


def test_second_view_features_look_at_the_predicted_intent() -> None:
    nb = Neighbours(np.array([[0.9, 0.8, 0.1], [0.5, 0.4, 0.3]]), np.array([[1, 0, 0], [2, 2, 2]]))
    f = second_view_features(nb, np.array([0, 1]))
    np.testing.assert_allclose(f, [[0.9, 0.8, 2 / 3], [0.5, 0.0, 0.0]])


def test_old_scope_models_read_without_extra_features() -> None:
    old = {"features": ["top_logit"] * 7, "mean": [0.0] * 7, "scale": [1.0] * 7, "coef": [1.0] * 7}
    model = ConfidenceModel.from_dict(old | {"intercept": 0.0, "uses_neighbours": True})
    assert model.extra_features == ()
    new = ConfidenceModel.fit(
        np.random.default_rng(0).normal(size=(40, 9)), np.arange(40) % 2, True, ("a", "b")
    )
    assert ConfidenceModel.from_dict(new.to_dict()) == new


@pytest.mark.parametrize("backend", ["tfidf", "hybrid"])
def test_trained_scope_model_uses_the_scope_index_and_round_trips(backend: str, tmp_path: Path) -> None:
    extra: dict = {}
    if backend == "hybrid":
        # Float vectors: int8 batches and single messages differ by rounding (see test_classifier_speed).
        extra = {"encoder": str(tiny_encoder(tmp_path / "enc")), "quantize": "none"}
    config = TrainConfig(backend=backend, folds=4, progress=False, **extra)
    rows = eight_intents(480, seed=0)
    out = train_classifier(config, rows, out_dir=tmp_path / "m")
    meta = json.loads((out / "model.json").read_text())
    names = meta["out_of_scope"]["model"]["features"]
    assert meta["scope_file"] == "scope.joblib" and "second_vote_share" in names
    assert meta["out_of_scope"]["right_model"]["features"] == names
    # The confidence reads the same scope columns after its own seven.
    assert meta["confidence"]["features"][7:] == names[7:] and len(names) > 7
    assert ("class_distance_min" in names) == (backend == "hybrid")
    clf = load_classifier(out)
    assert clf.scope_right_model is not None  # the score is P(known) x P(known and right)
    texts = [rows[0].text, "what is the weather on mars tomorrow", rows[5].text]
    probs, scope = clf.predict_scores(texts)
    one = [clf.predict_scores([t])[1][0] for t in texts]  # the single-message path agrees
    np.testing.assert_allclose(one, scope, atol=1e-4)
    assert [clf.predict(t).out_of_scope for t in texts] == list(scope < clf.oos_threshold)
    if backend == "tfidf":
        assert scope[0] > scope[1]  # a known phrasing is more in scope than an unrelated one
    # A model directory without its scope index is incomplete, not silently different.
    moved = shutil.copytree(out, tmp_path / "broken")
    (moved / "scope.joblib").unlink()
    with pytest.raises(ValueError, match="incomplete"):
        load_classifier(moved)


def test_models_saved_before_scope_indexes_keep_their_old_scores(tmp_path: Path) -> None:
    config = TrainConfig(backend="tfidf", folds=4, progress=False)
    out = train_classifier(config, eight_intents(480, seed=1), out_dir=tmp_path / "m")
    meta = json.loads((out / "model.json").read_text())
    # As an older model wrote it: no scope file, a confidence model and a scope model on the
    # confidence features only.
    base = 7
    for old in (meta["confidence"], meta["out_of_scope"]["model"]):
        for key in ("mean", "scale", "coef", "features"):
            old[key] = old[key][:base]
    del meta["scope_file"], meta["out_of_scope"]["right_model"]
    (out / "model.json").write_text(json.dumps(meta))
    (out / "scope.joblib").unlink()
    loaded = load_classifier(out)
    assert loaded.scope_index is None and loaded.scope_model is not None and loaded.scope_right_model is None
    assert not loaded.scope_model.extra_features and not loaded.confidence_model.extra_features
    texts = ["when will my new card arrive", "hello"]
    probs, scope = loaded.predict_scores(texts)
    assert scope.shape == (2,) and np.isfinite(scope).all()
    # Its confidence is its logistic regression on the seven confidence features, as before.
    logits, vectors = loaded.backend.scores(texts)
    scaled = softmax(logits, loaded.temperature)
    features = confidence_features(scaled, texts, loaded.neighbours.query(vectors))
    assert probs.max(axis=1) == pytest.approx(loaded.confidence_model.confidence(features))
