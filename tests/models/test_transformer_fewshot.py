"""Few-shot training options of the transformer backend: answer-library titles as extra rows."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import numpy as np
import pytest

import training.train as train_module
from models.answers import Answer, AnswerLibrary
from models.classifier.transformer import NeighbourVote, TransformerBackend
from training.answer_rows import answer_title_rows
from training.train import TrainConfig, _Fitter, train_classifier

LIBRARY = AnswerLibrary(
    "t",
    {
        "card_arrival": Answer("card_arrival", "Card has not arrived", "Hi, ..."),
        "lost_card": Answer("lost_card", "Lost or stolen card", "Hi, ..."),
        "untitled": Answer("untitled", " ", "Hi, ..."),
    },
)
INDEX = {"card_arrival": 0, "lost_card": 1, "untitled": 2}


def test_answer_titles_become_rows_of_their_intent() -> None:
    texts, y = answer_title_rows(LIBRARY, INDEX)
    assert texts == ["Card has not arrived", "Lost or stolen card"]  # an empty title adds nothing
    assert y.tolist() == [0, 1]
    # Labels outside the library (allow_unanswered) are skipped, not an error.
    texts, y = answer_title_rows(LIBRARY, {"other": 0, "lost_card": 1})
    assert (texts, y.tolist()) == (["Lost or stolen card"], [1])


def test_fitter_trains_the_transformer_on_the_extra_rows(monkeypatch: pytest.MonkeyPatch) -> None:
    seen: dict[str, Any] = {}

    def fake_fit(_path: Any, texts: list[str], y: np.ndarray, n_classes: int, **_kw: Any) -> str:
        seen.update(texts=list(texts), y=np.asarray(y).tolist(), n=n_classes)
        return "backend"

    monkeypatch.setattr(train_module.TransformerBackend, "fit", fake_fit)
    config = TrainConfig(backend="transformer", answer_titles=True)
    fitter = _Fitter(config, 3, answer_title_rows(LIBRARY, INDEX))
    assert fitter.fit(["my card never came"], np.array([0])) == "backend"
    assert seen == {
        "texts": ["my card never came", "Card has not arrived", "Lost or stolen card"],
        "y": [0, 0, 1],
        "n": 3,
    }
    _Fitter(TrainConfig(backend="transformer"), 3).fit(["my card never came"], np.array([0]))
    assert seen["texts"] == ["my card never came"]


@pytest.mark.parametrize(("answer_titles", "expected_extra"), [(True, 2), (False, 0)])
def test_train_classifier_adds_titles_to_the_fit_rows_not_the_held_out_ones(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, answer_titles: bool, expected_extra: int
) -> None:
    fitted: list[list[str]] = []

    class Stop(Exception):
        pass

    def fake_fit(_path: Any, texts: list[str], *_a: Any, **_kw: Any) -> None:
        fitted.append(list(texts))
        raise Stop

    monkeypatch.setattr(train_module.TransformerBackend, "fit", fake_fit)
    rows = [(f"card {i} never came", "card_arrival") for i in range(10)]
    rows += [(f"lost card {i}", "lost_card") for i in range(10)]
    library = AnswerLibrary("t", {k: v for k, v in LIBRARY.answers.items() if k != "untitled"})
    config = TrainConfig(backend="transformer", answer_titles=answer_titles, progress=False)
    with pytest.raises(Stop):
        train_classifier(config, rows, answers=library, out_dir=tmp_path / "m")
    titles = {"Card has not arrived", "Lost or stolen card"}
    assert len(fitted[0]) == 18 + expected_extra  # a 10% split (2 rows) is held out first
    assert len(titles & set(fitted[0])) == expected_extra


def test_neighbour_vote_adds_the_weighted_best_cosine_per_class() -> None:
    vectors = np.array([[1.0, 0.0], [0.0, 1.0], [0.6, 0.8]], dtype=np.float32)
    vote = NeighbourVote(vectors, np.array([0, 1, 1]), weight=10.0)
    scores = vote.scores(np.array([[2.0, 0.0], [0.0, 3.0]], dtype=np.float32), n_classes=3)
    # Queries are normalised; class 1's best row wins over its other one; class 2 has no rows.
    np.testing.assert_allclose(scores, [[10.0, 6.0, -10.0], [0.0, 10.0, -10.0]], atol=1e-6)


def test_fit_with_a_vote_round_trips_and_a_strong_vote_recalls_training_rows(
    tmp_path: Path,
) -> None:
    from tests.training.test_classifier_data import tiny_encoder

    enc = tiny_encoder(tmp_path / "tiny")
    texts = ["i lost my card", "my card was stolen", "when will my card arrive", "has my card been sent"]
    y = np.array([0, 0, 1, 1])
    kw: dict[str, Any] = {"epochs": 1, "batch_size": 4, "progress": False, "device": "cpu"}
    plain = TransformerBackend.fit(enc, texts, y, 3, **kw)
    voted = TransformerBackend.fit(enc, texts, y, 3, knn_weight=1000.0, **kw)
    assert plain.neighbours is None and voted.neighbours is not None
    # Same seed, same training: the vote is the only difference, and it adds weight x cosine.
    diff = voted.logits(texts) - plain.logits(texts)
    assert np.allclose(diff[np.arange(4), y], 1000.0, atol=1e-2)  # each row is its own neighbour
    assert (voted.logits(texts).argmax(axis=1) == y).all()
    params = voted.save(tmp_path / "m")
    assert params["knn_weight"] == 1000.0
    loaded = TransformerBackend.load(tmp_path / "m", params)
    assert loaded.neighbours is not None
    # Vectors are stored as float16: cosines move by ~1e-3, times the weight.
    np.testing.assert_allclose(loaded.logits(texts), voted.logits(texts), atol=2.0)
    plain_params = plain.save(tmp_path / "p")
    assert "neighbours" not in plain_params
    assert TransformerBackend.load(tmp_path / "p", plain_params).neighbours is None


def test_int8_transformer_scores_each_text_alone_and_reloads_to_the_same_logits(tmp_path: Path) -> None:
    from tests.training.test_classifier_data import tiny_encoder

    enc = tiny_encoder(tmp_path / "tiny")
    texts = ["i lost my card", "my card was stolen yesterday evening", "when will my card arrive", "sent?"]
    y = np.array([0, 0, 1, 1])
    kw: dict[str, Any] = {"epochs": 1, "batch_size": 4, "progress": False, "device": "cpu"}
    int8 = TransformerBackend.fit(enc, texts, y, 2, quantize="int8", knn_weight=5.0, **kw)
    plain = TransformerBackend.fit(enc, texts, y, 2, **kw)
    assert int8.quantize == "int8" and plain.quantize == "none"
    # Same seed, same training: only the inference encoder differs, and it is a different module.
    assert int8.inference_encoder is not int8.module.encoder
    assert plain.inference_encoder is plain.module.encoder
    together = int8.logits(texts)
    alone = np.vstack([int8.logits([t]) for t in texts])
    np.testing.assert_allclose(together, alone, atol=1e-5)  # a message scores the same in any batch
    params = int8.save(tmp_path / "m")
    assert params["quantize"] == "int8"
    loaded = TransformerBackend.load(tmp_path / "m", params)
    assert loaded.quantize == "int8"
    np.testing.assert_allclose(loaded.logits(texts), together, atol=1e-2)  # float16 vote vectors
    legacy = {k: v for k, v in plain.save(tmp_path / "p").items() if k != "quantize"}
    assert TransformerBackend.load(tmp_path / "p", legacy).quantize == "none"  # saved before int8
    with pytest.raises(ValueError, match="quantisation"):
        TransformerBackend(plain.module, plain.tokenizer, quantize="int4")
