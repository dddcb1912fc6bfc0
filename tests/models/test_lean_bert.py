"""The per-message encoder path (``OneText``: Rust tokenizer + ``LeanBert``) gives the numbers
the general Hugging Face path gives, for float and int8 encoders, and falls back for models it
does not know."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
import torch

from models.classifier.encoder import OneText, SentenceEncoder, mean_pool, quantize_int8, single_thread
from models.classifier.lean_bert import LeanBert
from models.classifier.transformer import EncoderClassifier, TransformerBackend
from tests.training.test_classifier_data import tiny_encoder

TEXTS = [
    "i lost my card",
    "rate for converting dollars please right now",
    "card",
    "",
    "zzzz qqqq unknown words",
    # longer than max_length tokens: truncation must keep [SEP] last, as the tokenizer call does
    " ".join(["please help me with my card and my transfer"] * 6),
]


@pytest.fixture(scope="module")
def encoder_dir(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tiny_encoder(tmp_path_factory.mktemp("enc") / "tiny-bert")


def _reference(model: torch.nn.Module, tokenizer, text: str, max_length: int) -> torch.Tensor:
    enc = tokenizer(text, truncation=True, max_length=max_length, return_tensors="pt")
    with torch.inference_mode():
        return model(**enc).last_hidden_state[0]


@pytest.mark.parametrize("quantize", ["none", "int8"])
def test_one_text_equals_the_hugging_face_forward(encoder_dir: Path, quantize: str) -> None:
    encoder = SentenceEncoder(encoder_dir, max_length=16, quantize=quantize)
    one = encoder.one
    assert one.lean is not None and one.fast is not None
    for text in TEXTS:
        expected = encoder.tokenizer(text, truncation=True, max_length=16)["input_ids"]
        assert one.inputs(text)["input_ids"][0].tolist() == expected
        with torch.inference_mode():
            got = one.hidden(text)
        torch.testing.assert_close(
            got, _reference(encoder.model, encoder.tokenizer, text, 16), rtol=0, atol=0
        )


def test_embed_one_is_the_mean_pooled_reference(encoder_dir: Path) -> None:
    encoder = SentenceEncoder(encoder_dir, max_length=16)
    for text in TEXTS:
        ref = _reference(encoder.model, encoder.tokenizer, text, 16).mean(0)
        ref = (ref / ref.norm()).numpy()[None, :]
        np.testing.assert_array_equal(encoder.embed_one(text), ref)


def test_other_architectures_take_the_general_route(tmp_path: Path, encoder_dir: Path) -> None:
    from transformers import AutoTokenizer, DistilBertConfig, DistilBertModel

    model = DistilBertModel(
        DistilBertConfig(
            vocab_size=60, dim=16, n_layers=1, n_heads=2, hidden_dim=32, max_position_embeddings=64
        )
    ).eval()
    assert not LeanBert.supports(model)
    with pytest.raises(ValueError, match="plain BERT"):
        LeanBert(model)
    tokenizer = AutoTokenizer.from_pretrained(encoder_dir)
    one = OneText(tokenizer, model, 16)
    assert one.lean is None
    with torch.inference_mode():
        got = one.hidden("i lost my card")
    enc = tokenizer("i lost my card", truncation=True, max_length=16, return_tensors="pt")
    with torch.inference_mode():
        expected = model(input_ids=enc["input_ids"], attention_mask=enc["attention_mask"]).last_hidden_state[
            0
        ]
    torch.testing.assert_close(got, expected, rtol=0, atol=1e-6)


def test_decoder_configs_are_not_lean(encoder_dir: Path) -> None:
    from transformers import BertConfig, BertModel

    cfg = BertConfig(
        vocab_size=30, hidden_size=16, num_hidden_layers=1, num_attention_heads=2, intermediate_size=32
    )
    assert LeanBert.supports(BertModel(cfg))
    cfg.position_embedding_type = "relative_key"
    assert not LeanBert.supports(BertModel(BertConfig(**cfg.to_dict())))
    assert not LeanBert.supports(BertModel(BertConfig(**{**cfg.to_dict(), "is_decoder": True})))


@pytest.mark.parametrize("quantize", ["none", "int8"])
def test_transformer_single_texts_equal_the_padded_batch_route(encoder_dir: Path, quantize: str) -> None:
    from transformers import AutoModel, AutoTokenizer

    torch.manual_seed(0)
    module = EncoderClassifier(AutoModel.from_pretrained(encoder_dir), 3)
    backend = TransformerBackend(module, AutoTokenizer.from_pretrained(encoder_dir), 16, quantize=quantize)
    encoder = backend.inference_encoder
    if quantize == "int8":
        assert encoder is backend.inference_encoder  # built once
    pooled = backend.pooled(TEXTS, batch_size=1)
    for i, text in enumerate(TEXTS):
        enc = backend._encode([text])
        with torch.inference_mode(), single_thread():  # the thread count changes the BLAS sums
            ref = mean_pool(encoder(**enc).last_hidden_state, enc["attention_mask"]).numpy()
        np.testing.assert_array_equal(pooled[i : i + 1], ref)
    # a new int8 copy after training (``fit`` drops it) gets a new per-message path
    backend._inference_encoder = quantize_int8(module.encoder) if quantize == "int8" else None
    assert backend._one_text().model is backend.inference_encoder


def test_a_bert_laid_out_differently_falls_back_with_a_warning(
    encoder_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    from transformers import AutoModel, AutoTokenizer

    model = AutoModel.from_pretrained(encoder_dir).eval()
    tokenizer = AutoTokenizer.from_pretrained(encoder_dir)
    expected = _reference(model, tokenizer, "i lost my card", 16)
    layer = model.encoder.layer[0]
    intermediate = layer.intermediate
    del layer.intermediate  # as if a release had renamed it
    with caplog.at_level("WARNING"):
        one = OneText(tokenizer, model, 16)
    assert one.lean is None and "per-message BERT path unavailable" in caplog.text
    layer.intermediate = intermediate
    with torch.inference_mode():
        torch.testing.assert_close(one.hidden("i lost my card"), expected, rtol=0, atol=0)
