"""The per-message fast paths give what the batch paths give, and an int8-quantised hybrid model
records its quantisation, round-trips through save/load and predicts the same afterwards."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch
from scipy import sparse
from typer.testing import CliRunner

from models.classifier import load_classifier
from models.classifier.confidence import NeighbourIndex
from models.classifier.encoder import SentenceEncoder
from models.classifier.linear import LinearTextHead
from replydesk.cli import app
from tests.training.test_classifier_data import tiny_encoder, toy_rows
from training.train import TrainConfig, train_classifier

FAST = {"progress": False, "folds": 3}
MESSAGES = [
    "i lost my card",
    "rate for converting dollars",
    "zzzz qqqq",  # no known word n-gram: an empty word row
    "I LOST my card, my card!!",  # repeated n-grams: sublinear tf
    "",
]


def _texts_and_labels(n: int = 200, labels: int = 4) -> tuple[list[str], np.ndarray]:
    rows = toy_rows(n)
    names = sorted({r.label for r in rows})[:labels]
    rows = [r for r in rows if r.label in names]
    return [r.text for r in rows], np.array([names.index(r.label) for r in rows])


@pytest.mark.parametrize(("labels", "n_classes"), [(4, 4), (2, 2), (3, 5)])
@pytest.mark.parametrize("with_embeddings", [False, True])
def test_decision_one_equals_the_batch_path(labels: int, n_classes: int, with_embeddings: bool) -> None:
    texts, y = _texts_and_labels(labels=labels)
    rng = np.random.default_rng(0)
    emb = rng.normal(size=(len(texts), 8)).astype(np.float32) if with_embeddings else None
    head = LinearTextHead(embedding_weight=2.0).fit(texts, y, emb, n_classes=n_classes)
    for text in MESSAGES:
        one = rng.normal(size=(1, 8)).astype(np.float32) if with_embeddings else None
        scores, (indices, values) = head.decision_one(text, one)
        np.testing.assert_allclose(scores, head.decision_function([text], one), rtol=1e-10, atol=1e-12)
        assert scores.shape == (1, n_classes)
        word = sparse.csr_matrix(head.word_.transform([text]))
        np.testing.assert_array_equal(indices, word.indices)
        np.testing.assert_allclose(values, word.data, rtol=1e-12)
    with pytest.raises(ValueError, match="embeddings"):
        head.decision_one("i lost my card", None if with_embeddings else np.zeros((1, 8), np.float32))


def test_fast_path_cache_stays_out_of_saved_heads(tmp_path: Path) -> None:
    import joblib

    texts, y = _texts_and_labels()
    head = LinearTextHead().fit(texts, y)
    head.decision_one("i lost my card")
    joblib.dump(head, tmp_path / "head.joblib")
    loaded = joblib.load(tmp_path / "head.joblib")
    assert not hasattr(loaded, "_fast_")
    np.testing.assert_allclose(
        loaded.decision_one("i lost my card")[0], head.decision_one("i lost my card")[0]
    )


@pytest.mark.parametrize("kind", ["dense", "sparse"])
def test_single_neighbour_query_equals_the_batch_query(kind: str) -> None:
    rng = np.random.default_rng(1)
    train = rng.normal(size=(300, 16)).astype(np.float32)
    queries = rng.normal(size=(5, 16)).astype(np.float32)
    if kind == "sparse":
        train, queries = (sparse.csr_matrix(np.where(a > 0.8, a, 0.0)) for a in (train, queries))
    index = NeighbourIndex(train, rng.integers(0, 7, size=300))
    batch = index.query(queries)
    for i in range(5):
        one = index.query(queries[i : i + 1])
        assert one.sims.dtype == batch.sims.dtype and one.labels.dtype == batch.labels.dtype
        # float32 BLAS: one vector and a matrix of them may round the last bit differently
        np.testing.assert_allclose(one.sims, batch.sims[i : i + 1], rtol=1e-6)
        np.testing.assert_array_equal(one.labels, batch.labels[i : i + 1])


@pytest.fixture(scope="module")
def encoder_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_encoder(tmp_path_factory.mktemp("enc") / "tiny-bert")


def _quantised_layers(encoder: SentenceEncoder) -> int:
    return sum("quantized" in type(m).__module__ for m in encoder.model.modules())


def test_quantised_encoder_is_batch_independent(encoder_dir: Path) -> None:
    """int8 activations are scaled by their whole input, so batches would shift each text's
    vector; the quantised encoder encodes one text per pass, as the service does."""
    encoder = SentenceEncoder(encoder_dir, quantize="int8")
    assert _quantised_layers(encoder) > 0
    texts = ["i lost my card", "rate for converting dollars please right now", "card"]
    together = encoder.embed(texts)
    for i, text in enumerate(texts):
        # Equal up to float summation order (the thread count may differ between the two paths);
        # batching would shift a vector by far more (cosine 0.967 measured on MiniLM).
        np.testing.assert_allclose(together[i : i + 1], encoder.embed_one(text), rtol=0, atol=1e-6)
    np.testing.assert_allclose(np.linalg.norm(together, axis=1), 1.0, rtol=1e-5)
    with pytest.raises(ValueError, match="quantisation"):
        SentenceEncoder(encoder_dir, quantize="int4")


@pytest.mark.slow
def test_quantised_hybrid_round_trips_and_predicts_the_same(tmp_path: Path, encoder_dir: Path) -> None:
    own_encoder = shutil.copytree(encoder_dir, tmp_path / "encoder")
    config = TrainConfig(backend="hybrid", encoder=str(own_encoder), quantize="int8", **FAST)
    out = train_classifier(config, toy_rows(200), out_dir=tmp_path / "hybrid")
    meta = json.loads((out / "model.json").read_text())
    assert meta["backend_params"]["quantize"] == "int8"
    assert meta["training"]["config"]["quantize"] == "int8"
    clf = load_classifier(out)
    assert clf.backend.encoder.quantize == "int8" and _quantised_layers(clf.backend.encoder) > 0
    before = [clf.predict(t) for t in MESSAGES]
    batch = clf.predict_proba(MESSAGES)
    shutil.rmtree(own_encoder)  # the saved model must not need the original encoder
    again = load_classifier(out)
    for text, prediction, row in zip(MESSAGES, before, batch, strict=True):
        now = again.predict(text)
        assert (now.intent, now.out_of_scope, now.threshold) == (
            prediction.intent,
            prediction.out_of_scope,
            prediction.threshold,
        )
        assert now.confidence == pytest.approx(prediction.confidence, abs=1e-9)
        # One message alone and within a batch: the same numbers (up to float32 BLAS rounding
        # in the neighbour similarities).
        assert row.max() == pytest.approx(prediction.confidence, abs=1e-5)
        assert clf.labels[int(row.argmax())] == prediction.intent
    # Saved as float weights: loading without quantisation gives the float encoder back.
    float_encoder = SentenceEncoder(out / "encoder")
    assert _quantised_layers(float_encoder) == 0
    assert all(p.dtype == torch.float32 for p in float_encoder.model.parameters())


@pytest.mark.slow
def test_models_saved_without_the_flag_load_as_float(tmp_path: Path, encoder_dir: Path) -> None:
    config = TrainConfig(backend="hybrid", encoder=str(encoder_dir), quantize="none", **FAST)
    out = train_classifier(config, toy_rows(200), out_dir=tmp_path / "hybrid")
    expected = load_classifier(out).predict_proba(MESSAGES)
    meta_file = out / "model.json"
    meta = json.loads(meta_file.read_text())
    del meta["backend_params"]["quantize"]  # as written before quantisation existed
    meta_file.write_text(json.dumps(meta))
    clf = load_classifier(out)
    assert clf.backend.encoder.quantize == "none" and _quantised_layers(clf.backend.encoder) == 0
    np.testing.assert_allclose(clf.predict_proba(MESSAGES), expected, rtol=1e-6)


def test_quantize_is_validated_in_config_and_cli(tmp_path: Path) -> None:
    assert TrainConfig().quantize == "int8"
    with pytest.raises(ValueError, match="quantize"):
        TrainConfig(quantize="fp8")
    data = tmp_path / "train.csv"
    data.write_text("text,label\nhello,a\nbye,b\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["train", "--data", str(data), "--no-answers", "--quantize", "fp8"])
    assert result.exit_code == 2
    assert "quantize" in result.output
