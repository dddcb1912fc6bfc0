"""The transformer backend's training recipe: length-bucketed batches, a step budget and a head
that starts as class prototypes (the few-shot start of the learning loop depends on all three)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
import pytest
import torch

from models.classifier.transformer import (
    TransformerBackend,
    _init_head_from_prototypes,
    length_bucketed_batches,
    step_budget,
)
from tests.training.test_classifier_data import tiny_encoder


def test_bucketed_batches_cover_every_row_once_and_group_similar_lengths() -> None:
    rng = random.Random(0)
    lengths = [rng.randint(5, 200) for _ in range(5000)]
    batches = length_bucketed_batches(lengths, 32, random.Random(1))
    flat = [i for b in batches for i in b]
    assert sorted(flat) == list(range(5000))
    assert all(len(b) <= 32 for b in batches)
    spread = np.mean([max(lengths[i] for i in b) - min(lengths[i] for i in b) for b in batches])
    shuffled = rng.sample(range(5000), 5000)
    random_spread = np.mean(
        [
            max(lengths[i] for i in shuffled[s : s + 32]) - min(lengths[i] for i in shuffled[s : s + 32])
            for s in range(0, 5000, 32)
        ]  # fmt: skip
    )
    assert spread < random_spread / 5  # padding waste is what bucketing removes
    assert batches != length_bucketed_batches(lengths, 32, random.Random(2))  # still shuffled


@pytest.mark.parametrize(
    ("rows", "epochs", "min_steps", "max_steps", "expected"),
    [
        (10_000, 6, 1200, 1800, 1800),  # large data: capped
        (9_000, 6, 1200, 1800, 1692),  # BANKING77's 90% split: 6 full epochs
        (770, 6, 1200, 1800, 1200),  # 10 shots per intent: raised
        (770, 6, 0, 0, 150),  # no budget: plain epochs
        (100, 1, 50, 10, 50),  # a cap below the floor never cuts the floor
    ],
)
def test_step_budget(rows: int, epochs: int, min_steps: int, max_steps: int, expected: int) -> None:
    assert step_budget(rows, 32, epochs, min_steps, max_steps) == expected


def test_prototype_head_classifies_training_rows_before_any_step(tmp_path: Path) -> None:
    from transformers import AutoModel, AutoTokenizer

    from models.classifier.transformer import EncoderClassifier

    enc = tiny_encoder(tmp_path / "tiny")
    torch.manual_seed(0)
    module = EncoderClassifier(AutoModel.from_pretrained(enc), 2)
    backend = TransformerBackend(module, AutoTokenizer.from_pretrained(enc))
    lost = ["i lost my card", "my card was stolen"]
    arrival = ["when will my card arrive", "has my card been sent"]
    texts = lost * 2 + arrival * 2
    labels = torch.tensor([0] * 4 + [1] * 4)
    _init_head_from_prototypes(backend, texts, labels, 2)
    norms = module.head.weight.detach().norm(dim=1)
    np.testing.assert_allclose(norms.numpy(), [10.0, 10.0], rtol=1e-5)
    assert (backend.logits(texts).argmax(axis=1) == labels.numpy()).all()
