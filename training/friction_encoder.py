"""Fine-tune the tone encoder (``models.friction.tone_encoder``) on CPU.

The recipe was chosen with a GPU probe on GoEmotions train/dev (test never looked at for the
choice): the first 3 layers of all-MiniLM-L6-v2, the word embeddings frozen (two thirds of a
3-layer model's weights, so their AdamW update is a large part of each CPU step; freezing them cost
nothing on dev: F1 0.633 frozen, 0.624 trained, runs ``L3_frozen`` and ``L3`` of
``benchmarks/tone_encoder_probe.py``),
2 epochs, AdamW at 5e-5 with 6% warm-up and linear decay, batches of 32 similar-length rows,
the emotions of GoEmotions rows as an auxiliary multi-label task (weight 0.5). On two cores it
took 10.5 minutes for the ~47,000 English training messages (2 epochs, 2,918 steps).
"""

from __future__ import annotations

import logging
import random
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np
import torch
from torch.nn import functional as F
from tqdm.auto import tqdm

from models.classifier.encoder import configure_threads, resolve_encoder_path
from models.classifier.transformer import length_bucketed_batches
from models.friction.tone_encoder import EncoderTone, ToneNet, truncated_encoder

log = logging.getLogger(__name__)


@dataclass(frozen=True)
class ToneEncoderConfig:
    layers: int = 3
    epochs: int = 2
    learning_rate: float = 5e-5
    batch_size: int = 32
    max_length: int = 64
    aux_weight: float = 0.5
    warmup: float = 0.06
    encoder: str | None = None  # a local Hugging Face directory; None: the packaged all-MiniLM-L6-v2
    quantize: str = "int8"
    seed: int = 0


def fine_tune(
    texts: Sequence[str],
    labels: Sequence[int],
    aux: np.ndarray,
    aux_known: np.ndarray,
    aux_labels: Sequence[str],
    cfg: ToneEncoderConfig,
    progress: bool = True,
) -> EncoderTone:
    """Fine-tune on ``texts`` with friction ``labels`` (0/1); ``aux`` (n, len(aux_labels)) holds
    the emotion labels of the rows where ``aux_known`` is true (the others get no auxiliary loss)."""
    from transformers import AutoTokenizer

    rows = len(texts)
    if len(labels) != rows or aux.shape != (rows, len(aux_labels)) or len(aux_known) != rows:
        raise ValueError("texts, labels and auxiliary labels must have one row per message")
    if not texts:
        raise ValueError("no messages to fine-tune the tone encoder on")
    configure_threads()
    torch.manual_seed(cfg.seed)
    path = resolve_encoder_path(cfg.encoder)
    tokenizer = AutoTokenizer.from_pretrained(path)
    net = ToneNet(truncated_encoder(path, cfg.layers), len(aux_labels))
    # Frozen word embeddings: see the module docstring.
    net.encoder.embeddings.word_embeddings.weight.requires_grad_(False)
    params = [p for p in net.parameters() if p.requires_grad]
    optimizer = torch.optim.AdamW(params, lr=cfg.learning_rate, weight_decay=0.01)
    ids = tokenizer(list(texts), truncation=True, max_length=cfg.max_length)["input_ids"]
    y = torch.tensor(np.asarray(labels), dtype=torch.float32)
    aux_t = torch.tensor(np.asarray(aux), dtype=torch.float32)
    known = torch.tensor(np.asarray(aux_known), dtype=torch.bool)
    rng = random.Random(cfg.seed)
    lengths = [len(i) for i in ids]
    per_epoch = [length_bucketed_batches(lengths, cfg.batch_size, rng) for _ in range(cfg.epochs)]
    steps = sum(len(b) for b in per_epoch)
    warm = max(1, int(cfg.warmup * steps))
    scheduler = torch.optim.lr_scheduler.LambdaLR(
        optimizer, lambda s: min(1.0, (s + 1) / warm) * max(0.0, (steps - s) / steps)
    )
    log.info("tone encoder: %d layers, %d messages, %d steps", cfg.layers, len(texts), steps)
    net.train()
    with tqdm(total=steps, desc="tone encoder", unit="step", disable=not progress) as bar:
        for batches in per_epoch:
            for batch in batches:
                enc = tokenizer.pad({"input_ids": [ids[i] for i in batch]}, return_tensors="pt")
                logits = net(enc["input_ids"], enc["attention_mask"])
                loss = F.binary_cross_entropy_with_logits(logits[:, 0], y[batch])
                with_aux = known[batch]
                if cfg.aux_weight > 0 and len(aux_labels) and bool(with_aux.any()):
                    aux_loss = F.binary_cross_entropy_with_logits(
                        logits[with_aux, 1:], aux_t[batch][with_aux]
                    )
                    loss = loss + cfg.aux_weight * aux_loss
                optimizer.zero_grad()
                loss.backward()
                optimizer.step()
                scheduler.step()
                bar.update()
                bar.set_postfix(loss=f"{loss.item():.3f}")
    net.eval()
    return EncoderTone(net, tokenizer, cfg.max_length, aux_labels, cfg.quantize)


def emotion_matrix(emotions: Sequence[str]) -> tuple[np.ndarray, list[str]]:
    """One column per emotion named in ``emotions`` (comma-separated per row), sorted by name."""
    names = sorted({e for row in emotions for e in row.split(",") if e})
    index = {e: i for i, e in enumerate(names)}
    out = np.zeros((len(emotions), len(names)), dtype=np.float32)
    for r, row in enumerate(emotions):
        for e in row.split(","):
            if e in index:
                out[r, index[e]] = 1.0
    return out, names
