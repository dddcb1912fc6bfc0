"""Training, saving and loading tiny reply classifiers of every backend."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from models.classifier import load_classifier
from models.types import Prediction
from tests.training.test_classifier_data import NAMES, tiny_encoder, tiny_library, toy_rows
from training.data import DataError
from training.train import TrainConfig, train_classifier

FAST = {"progress": False, "folds": 3}


@pytest.fixture(scope="module")
def tfidf_model(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("tfidf") / "model"
    return train_classifier(
        TrainConfig(backend="tfidf", **FAST), toy_rows(400), answers=tiny_library(), out_dir=out
    )


@pytest.fixture(scope="module")
def encoder_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_encoder(tmp_path_factory.mktemp("enc") / "tiny-bert")


def test_saved_model_is_self_describing(tfidf_model: Path) -> None:
    meta = json.loads((tfidf_model / "model.json").read_text())
    for key in (
        "version",
        "backend",
        "created_at",
        "labels",
        "answers_version",
        "calibration",
        "thresholds",
        "out_of_scope",
        "training",
        "metrics",
    ):
        assert key in meta, key
    assert meta["answers_version"] == "toy-1"
    assert set(meta["thresholds"]["by_precision"]) == {"0.95", "0.99"}
    assert meta["labels"] == ["card_arrival", "exchange_rate", "lost_card", "refund"]


def test_calibration_keeps_or_improves_heldout_nll(tfidf_model: Path) -> None:
    metrics = json.loads((tfidf_model / "model.json").read_text())["metrics"]
    assert metrics["heldout_nll_after"] <= metrics["heldout_nll_before"] + 1e-9


def test_round_trip_and_prediction_contract(tfidf_model: Path) -> None:
    clf = load_classifier(tfidf_model)
    texts = ["when will my card arrive", "i lost my card", "how do i get a refund"]
    again = load_classifier(tfidf_model / "model.json")
    np.testing.assert_allclose(clf.predict_proba(texts), again.predict_proba(texts))
    probs = clf.predict_proba(texts)
    assert (probs.sum(axis=1) <= 1.0 + 1e-6).all()  # the rest: none of the intents
    pred = clf.predict("when will my card arrive")
    assert isinstance(pred, Prediction)
    assert pred.intent == "card_arrival" and pred.model_version == clf.version
    assert pred.confidence == pytest.approx(probs[0].max())
    assert len(pred.alternatives) == 3 and pred.alternatives[0].confidence <= pred.confidence
    assert pred.threshold == clf.metadata["thresholds"]["by_precision"]["0.99"]["per_intent"]["card_arrival"]
    assert [p.intent for p in clf.predict_batch(texts)] == ["card_arrival", "lost_card", "refund"]
    assert clf.predict_batch([]) == []


def test_name_change_keeps_the_intent(tfidf_model: Path) -> None:
    """Behaviour: who writes must not change what they ask about."""
    clf = load_classifier(tfidf_model)
    for template in (
        "hello, i am {name}, my card was stolen",
        "this is {name}. how do i get a refund thanks",
    ):
        intents = {clf.predict(template.format(name=name)).intent for name in [*NAMES, "mohammed", "zoë"]}
        assert len(intents) == 1, (template, intents)


def test_hybrid_round_trip_copies_the_encoder(tmp_path: Path, encoder_dir: Path) -> None:
    own_encoder = shutil.copytree(encoder_dir, tmp_path / "encoder")
    config = TrainConfig(backend="hybrid", encoder=str(own_encoder), **FAST)
    out = train_classifier(config, toy_rows(200), out_dir=tmp_path / "hybrid")
    assert (out / "encoder" / "config.json").is_file()
    texts = ["i lost my card", "rate for converting dollars"]
    before = load_classifier(out).predict_proba(texts)
    shutil.rmtree(own_encoder)  # the saved model must not need the original encoder
    np.testing.assert_allclose(load_classifier(out).predict_proba(texts), before, rtol=1e-5)


def test_transformer_fine_tunes_and_round_trips(tmp_path: Path, encoder_dir: Path) -> None:
    config = TrainConfig(
        backend="transformer",
        encoder=str(encoder_dir),
        epochs=2,
        min_steps=0,
        batch_size=16,
        learning_rate=1e-3,
        validation_fraction=0.25,
        progress=False,
    )
    out = train_classifier(config, toy_rows(160), out_dir=tmp_path / "transformer")
    clf = load_classifier(out)
    texts = ["i lost my card", "how do i get a refund"]
    np.testing.assert_allclose(load_classifier(out).predict_proba(texts), clf.predict_proba(texts), rtol=1e-5)
    assert clf.metadata["backend"] == "transformer"
    assert "split" in clf.metadata["calibration"]["fitted_on"]


def test_caller_validation_rows_are_used_for_calibration(tmp_path: Path) -> None:
    out = train_classifier(
        TrainConfig(backend="tfidf", **FAST),
        toy_rows(200),
        validation_rows=toy_rows(80, seed=5),
        out_dir=tmp_path / "m",
    )
    meta = json.loads((out / "model.json").read_text())
    assert meta["metrics"]["heldout_rows"] == 80
    with pytest.raises(DataError, match="validation labels"):
        train_classifier(
            TrainConfig(backend="tfidf", **FAST),
            toy_rows(200),
            validation_rows=[("hi", "greet")],
            out_dir=tmp_path / "n",
        )


def test_unknown_backend_and_empty_data_fail_clearly(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="unknown backend 'bert'"):
        TrainConfig(backend="bert")
    with pytest.raises(DataError, match="empty"):
        train_classifier(TrainConfig(backend="tfidf", **FAST), [], out_dir=tmp_path / "x")


def test_out_of_scope_rate_is_chosen_from_heldout_data(tfidf_model: Path, tmp_path: Path) -> None:
    scope = json.loads((tfidf_model / "model.json").read_text())["out_of_scope"]
    config = TrainConfig()
    assert scope["max_reject_from"].startswith("held-out accuracy kept >= 0.9")
    assert 0.0 <= scope["max_reject"] <= config.oos_reject_cap
    given = train_classifier(
        TrainConfig(backend="tfidf", oos_max_reject=0.05, **FAST), toy_rows(400), out_dir=tmp_path / "m"
    )
    scope = json.loads((given / "model.json").read_text())["out_of_scope"]
    assert scope["max_reject"] == 0.05 and scope["max_reject_from"] == "config"
    assert scope["threshold"] == scope["by_max_reject"]["0.05"]
