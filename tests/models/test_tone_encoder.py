"""The fine-tuned tone encoder: its per-message scores are the batch forward's, it survives a save
and load, and the tone model sends only non-Danish messages through it (training: tests/training/
test_friction_encoder.py)."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from models.friction.tone import LexiconTone, TrainedTone
from models.friction.tone_encoder import EncoderTone, ToneNet, truncated_encoder
from tests.tiny_bert import write_tiny_bert

CALM = [
    "how do i order a new card",
    "where can i see my balance",
    "thanks that helped a lot",
    "my card was stolen",
]
ANGRY = [
    "this is useless and ridiculous",
    "worst service ever i am furious",
    "you never help",
    "ridiculous again",
]


def tiny_bert(path: Path, layers: int = 2) -> Path:
    """A randomly initialised BERT (hidden size 32) whose word-level vocabulary covers the test sentences."""
    words = sorted({w for t in CALM + ANGRY for w in t.split()} | {"hej", "jeg", "vil", "tale", "med"})
    return write_tiny_bert(path, ["!", "."] + words, layers=layers, seed=0)


@pytest.fixture(scope="module")
def bert_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_bert(tmp_path_factory.mktemp("tone") / "tiny-bert")


def _tone(bert_dir: Path, quantize: str) -> EncoderTone:
    from transformers import AutoTokenizer

    torch.manual_seed(1)
    net = ToneNet(truncated_encoder(bert_dir, 1), n_aux=3)
    return EncoderTone(net, AutoTokenizer.from_pretrained(bert_dir), 16, ["a", "b", "c"], quantize)


def test_truncated_encoder_keeps_the_first_layers(bert_dir: Path) -> None:
    model = truncated_encoder(bert_dir, 1)
    assert len(model.encoder.layer) == 1 and model.config.num_hidden_layers == 1
    with pytest.raises(ValueError, match="between 1 and 2"):
        truncated_encoder(bert_dir, 3)
    with pytest.raises(ValueError, match="between 1 and 2"):
        truncated_encoder(bert_dir, 0)


def test_per_message_logits_are_the_batch_forward(bert_dir: Path) -> None:
    tone = _tone(bert_dir, "none")
    texts = CALM + ANGRY + ["", "unknown words only"]
    enc = tone.tokenizer(texts, padding=True, truncation=True, max_length=16, return_tensors="pt")
    with torch.inference_mode():
        batch = tone.net(enc["input_ids"], enc["attention_mask"])[:, 0].numpy()
    np.testing.assert_allclose(tone.logits(texts), batch, atol=1e-5)


def test_int8_scores_survive_save_and_load(bert_dir: Path, tmp_path: Path) -> None:
    tone = _tone(bert_dir, "int8")
    tone.save(tmp_path)
    loaded = EncoderTone.load(tmp_path)
    assert loaded.quantize == "int8" and loaded.aux_labels == ["a", "b", "c"] and loaded.max_length == 16
    np.testing.assert_array_equal(loaded.logits(CALM + ANGRY), tone.logits(CALM + ANGRY))
    # int8 stays close to the float weights it was made from
    np.testing.assert_allclose(tone.logits(CALM), _tone(bert_dir, "none").logits(CALM), atol=0.05)


def test_load_names_a_missing_encoder(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no tone encoder"):
        EncoderTone.load(tmp_path)


class _Recording:
    """An encoder stand-in that records what it was asked to score."""

    def __init__(self) -> None:
        self.seen: list[str] = []

    def logits(self, texts):
        self.seen += list(texts)
        return np.full(len(texts), 5.0)


def _trained_tone(encoder, stack):
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.pipeline import FeatureUnion

    from models.friction.tone import lexicon_matrix

    texts, y = CALM + ANGRY, [0] * 4 + [1] * 4
    vec = FeatureUnion([("word", TfidfVectorizer(sublinear_tf=True))]).fit(texts)
    x = np.hstack([vec.transform(texts).toarray(), lexicon_matrix(texts)])
    clf = LogisticRegression().fit(x, y)
    return TrainedTone(vec, clf, (1.0, 0.0), LexiconTone(), 0.5, encoder, stack)


def test_only_non_danish_messages_go_through_the_encoder() -> None:
    rec = _Recording()
    tone = _trained_tone(rec, (0.0, 1.0, 0.0))
    danish = "Jeg vil gerne tale med et menneske, det er helt uacceptabelt"
    p = tone.predict_proba(["this is useless", danish])
    assert rec.seen == ["this is useless"]
    assert p[0] == pytest.approx(1 / (1 + np.exp(-5.0)))  # the blend, with all weight on the encoder
    plain = _trained_tone(None, None)
    assert p[1] == pytest.approx(plain.predict_proba([danish])[0])  # Danish: unchanged by the encoder


def test_an_encoder_needs_its_blend_weights() -> None:
    with pytest.raises(ValueError, match="blend weights"):
        _trained_tone(_Recording(), None)


def test_the_encoder_is_consulted_only_inside_its_band() -> None:
    """A cascade: outside the band the TF-IDF probability stands and the encoder is not run."""
    rec = _Recording()
    tone = _trained_tone(rec, (0.0, 1.0, 0.0))
    texts = ["this is useless", "thanks that helped a lot"]
    plain = _trained_tone(None, None).predict_proba(texts)
    tone.encoder_band = (float(plain.min()) - 1e-9, float(plain.min()) + 1e-9)  # holds the calmer one only
    p = tone.predict_proba(texts)
    assert rec.seen == [texts[int(plain.argmin())]]
    assert p[int(plain.argmax())] == pytest.approx(plain.max())  # outside: the TF-IDF model's own
    assert p[int(plain.argmin())] == pytest.approx(1 / (1 + np.exp(-5.0)))  # inside: the blend
    with pytest.raises(ValueError, match="encoder band"):
        TrainedTone(
            tone.vectorizer, tone.classifier, (1.0, 0.0), LexiconTone(), 0.5, rec, (0, 1, 0), (0.6, 0.2)
        )
