"""A tiny randomly initialised BERT (hidden size 32) for tests that need a real encoder directory."""

from __future__ import annotations

from collections.abc import Iterable
from pathlib import Path


def write_tiny_bert(path: Path, tokens: Iterable[str], layers: int = 2, seed: int | None = None) -> Path:
    """Save a word-level tokenizer over ``tokens`` (special tokens first) and a ``layers``-layer BERT
    to ``path``; ``seed`` fixes the random weights."""
    import torch
    from transformers import BertConfig, BertModel, BertTokenizer

    vocab = ["[PAD]", "[UNK]", "[CLS]", "[SEP]", "[MASK]"] + list(tokens)
    path.mkdir(parents=True, exist_ok=True)
    (path / "vocab.txt").write_text("\n".join(vocab) + "\n", encoding="utf-8")
    BertTokenizer(vocab_file=str(path / "vocab.txt")).save_pretrained(path)
    config = BertConfig(
        vocab_size=len(vocab),
        hidden_size=32,
        num_hidden_layers=layers,
        num_attention_heads=2,
        intermediate_size=64,
        max_position_embeddings=64,
    )
    if seed is not None:
        torch.manual_seed(seed)
    BertModel(config).save_pretrained(path)
    return path
