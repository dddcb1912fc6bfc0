"""The ``transformer`` backend: the sentence encoder fine-tuned end to end with a linear
classification head on its mean-pooled output.

Fine-tuning lives here beside the model (as ``fit`` does for scikit-learn estimators) so the
saved directory and the code that reads it stay in one place.
"""

from __future__ import annotations

import contextlib
import functools
import random
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn
from tqdm.auto import tqdm

from models.classifier.encoder import (
    QUANTIZE_CHOICES,
    OneText,
    configure_threads,
    mean_pool,
    quantize_int8,
    single_thread,
)

ENCODER_DIR = "encoder"
HEAD_FILE = "head.pt"
NEIGHBOURS_FILE = "neighbours.npz"


@dataclass(frozen=True)
class NeighbourVote:
    """The fine-tuned encoder's vectors of the training rows: each class's score gains
    ``weight`` x the cosine similarity of its most similar training row (a 1-nearest-neighbour
    vote). With 10 rows per intent the head underfits rare phrasings that one training row
    matches closely; chosen on unused training rows (10 shots: +1 point at weight 40)."""

    vectors: np.ndarray  # (rows, dim), unit length
    labels: np.ndarray  # (rows,) class indices
    weight: float

    @functools.cached_property
    def _by_class(self) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The training vectors ordered by class (transposed), where each class starts, and the
        classes; built once, since reordering 10,000 vectors per message cost milliseconds."""
        order = np.argsort(self.labels, kind="stable")
        classes, starts = np.unique(self.labels[order], return_index=True)
        return np.ascontiguousarray(self.vectors[order].T), starts, classes

    def scores(self, pooled: np.ndarray, n_classes: int) -> np.ndarray:
        unit = pooled / np.maximum(np.linalg.norm(pooled, axis=1, keepdims=True), 1e-9)
        vectors_t, starts, classes = self._by_class
        sims = unit.astype(vectors_t.dtype) @ vectors_t
        # A class without training rows gets the lowest possible cosine.
        best = np.full((len(pooled), n_classes), -1.0, dtype=np.float32)
        if len(classes):
            best[:, classes] = np.maximum.reduceat(sims, starts, axis=1)
        return self.weight * best


class EncoderClassifier(nn.Module):
    """Transformer encoder -> mean pooling -> dropout -> linear layer over the labels."""

    def __init__(self, encoder: nn.Module, n_classes: int, dropout: float = 0.1) -> None:
        super().__init__()
        self.encoder = encoder
        self.dropout = nn.Dropout(dropout)
        self.head = nn.Linear(encoder.config.hidden_size, n_classes)

    def forward(
        self, input_ids: torch.Tensor, attention_mask: torch.Tensor, **extra: torch.Tensor
    ) -> torch.Tensor:
        hidden = self.encoder(input_ids=input_ids, attention_mask=attention_mask, **extra).last_hidden_state
        return self.head(self.dropout(mean_pool(hidden, attention_mask)))


class TransformerBackend:
    """A fine-tuned encoder with a classification head.

    ``quantize="int8"`` runs the fine-tuned encoder with int8 Linear layers at inference (about
    half the CPU time per message; see ``encoder.quantize_int8``). The float weights stay in
    ``module`` (what is saved); the int8 copy is made from them, so loading rebuilds the same one.
    Int8 activations are scaled per input tensor, so a text's vector would depend on its batch:
    a quantised backend encodes one text per forward pass, as the service does per message.
    """

    name = "transformer"

    def __init__(
        self,
        module: EncoderClassifier,
        tokenizer: Any,
        max_length: int = 64,
        neighbours: NeighbourVote | None = None,
        quantize: str = "none",
    ) -> None:
        if quantize not in QUANTIZE_CHOICES:
            raise ValueError(f"unknown encoder quantisation {quantize!r} (use one of {QUANTIZE_CHOICES})")
        self.module = module.eval()
        self.tokenizer = tokenizer
        self.max_length = max_length
        self.neighbours = neighbours
        self.quantize = quantize
        self._inference_encoder: nn.Module | None = None  # built on first use, after training
        self._one: OneText | None = None  # the per-message path over the inference encoder

    @property
    def inference_encoder(self) -> nn.Module:
        """The encoder predictions run on: the module's own, or its int8 copy."""
        if self.quantize == "none":
            return self.module.encoder
        if self._inference_encoder is None:
            self._inference_encoder = quantize_int8(self.module.encoder.eval())
        return self._inference_encoder

    def _one_text(self) -> OneText:
        encoder = self.inference_encoder
        if self._one is None or self._one.model is not encoder:
            self._one = OneText(self.tokenizer, encoder, self.max_length)
        return self._one

    def _encode(self, texts: Sequence[str]) -> dict[str, torch.Tensor]:
        return self.tokenizer(
            list(texts), padding=True, truncation=True, max_length=self.max_length, return_tensors="pt"
        )

    def pooled(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """Mean-pooled encoder outputs, the head's input."""
        # The module is in eval mode from construction and after ``fit``; switching it again per call
        # walked every submodule, about a millisecond of a single message's time.
        encoder = self.inference_encoder
        if self.quantize != "none":
            batch_size = 1  # see the class docstring
        out = []
        with single_thread() if batch_size == 1 else contextlib.nullcontext(), torch.inference_mode():
            if batch_size == 1:  # the per-message path: no padding, no bookkeeping (``OneText``)
                one = self._one_text()
                out = [_pool_one(one.hidden(t)) for t in texts]
            else:
                for s in range(0, len(texts), batch_size):
                    enc = self._encode(texts[s : s + batch_size])
                    hidden = encoder(**enc).last_hidden_state
                    out.append(mean_pool(hidden, enc["attention_mask"]).float().numpy())
        return np.vstack(out) if out else np.zeros((0, self.module.head.in_features), dtype=np.float32)

    def logits(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        """The head's logits plus the neighbour vote when the model has one (dropout is off in
        eval mode, so the head on the pooled vectors is the module's forward)."""
        pooled = self.pooled(texts, batch_size)
        with torch.inference_mode():
            out = self.module.head(torch.from_numpy(pooled)).numpy()
        if self.neighbours is not None:
            out = out + self.neighbours.scores(pooled, out.shape[1])
        return out

    def scores(self, texts: Sequence[str]) -> tuple[np.ndarray, Any]:
        """Logits and no neighbour vectors: the fine-tuned encoder's space drifts per model."""
        return self.logits(list(texts)), None

    @classmethod
    def fit(
        cls,
        encoder_path: Path,
        texts: Sequence[str],
        y: np.ndarray,
        n_classes: int,
        *,
        epochs: int = 4,
        batch_size: int = 32,
        learning_rate: float = 5e-5,
        max_length: int = 64,
        min_steps: int = 0,
        max_steps: int = 0,
        prototype_head: bool = True,
        knn_weight: float = 0.0,
        quantize: str = "none",
        seed: int = 0,
        device: str = "auto",
        progress: bool = True,
    ) -> TransformerBackend:
        """Fine-tune ``encoder_path`` on ``texts``/``y`` (class indices) with AdamW and a
        linear warm-up/decay schedule; the head learns 20x faster than the pretrained body.

        The run is ``epochs`` passes, but at least ``min_steps`` optimiser steps (4 epochs over
        770 rows, 10 per intent, are ~100 steps: too few for 77 classes) and at most
        ``max_steps`` (0: no cap), which bounds the training time as feedback rows accumulate.
        ``device`` "auto" uses a GPU when torch sees one; the saved model is always moved back
        to the CPU, where the service runs it. ``knn_weight`` > 0 adds a ``NeighbourVote`` over
        the training rows to the logits; ``quantize`` "int8" quantises the encoder once trained
        (the vote's vectors, calibration and thresholds are then all fitted on int8 vectors)."""
        from transformers import AutoModel, AutoTokenizer, get_linear_schedule_with_warmup

        configure_threads()
        torch.manual_seed(seed)
        rng = random.Random(seed)
        run_on = torch.device(
            ("cuda" if torch.cuda.is_available() else "cpu") if device == "auto" else device
        )
        tokenizer = AutoTokenizer.from_pretrained(encoder_path)
        module = EncoderClassifier(AutoModel.from_pretrained(encoder_path), n_classes)
        backend = cls(module, tokenizer, max_length, quantize=quantize)
        labels = torch.as_tensor(y, dtype=torch.long)
        if prototype_head:
            _init_head_from_prototypes(backend, texts, labels, n_classes)
        module.to(run_on)
        optimizer = torch.optim.AdamW(
            [
                {"params": module.encoder.parameters(), "lr": learning_rate},
                {"params": module.head.parameters(), "lr": learning_rate * 20},
            ],
            weight_decay=0.01,
        )
        steps = step_budget(len(texts), batch_size, epochs, min_steps, max_steps)
        schedule = get_linear_schedule_with_warmup(optimizer, int(0.06 * steps), steps)
        loss_fn = nn.CrossEntropyLoss()
        lengths = [len(t) for t in texts]
        bar = tqdm(total=steps, desc="fine-tuning", unit="step", disable=not progress)
        done = 0
        while done < steps:
            module.train()
            for idx in length_bucketed_batches(lengths, batch_size, rng)[: steps - done]:
                enc = {k: v.to(run_on) for k, v in backend._encode([texts[i] for i in idx]).items()}
                loss = loss_fn(module(**enc), labels[idx].to(run_on))
                optimizer.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(module.parameters(), 1.0)
                optimizer.step()
                schedule.step()
                done += 1
                bar.update(1)
                bar.set_postfix(loss=f"{loss.item():.3f}")
        bar.close()
        module.to("cpu").eval()
        backend._inference_encoder = None  # an int8 copy is made from the trained weights only
        if knn_weight > 0:
            vectors = backend.pooled(texts)
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-9)
            backend.neighbours = NeighbourVote(vectors, np.asarray(y, dtype=np.int64), knn_weight)
        return backend

    def save(self, directory: Path) -> dict[str, Any]:
        self.module.encoder.save_pretrained(directory / ENCODER_DIR)
        self.tokenizer.save_pretrained(directory / ENCODER_DIR)
        torch.save(self.module.head.state_dict(), directory / HEAD_FILE)
        params: dict[str, Any] = {
            "encoder": ENCODER_DIR,
            "head": HEAD_FILE,
            "max_length": self.max_length,
            "n_classes": self.module.head.out_features,
            "quantize": self.quantize,
        }
        if self.neighbours is not None:
            nb = self.neighbours
            # float16 halves the file; cosines move by ~1e-3, far below the vote's margins.
            np.savez(directory / NEIGHBOURS_FILE, vectors=nb.vectors.astype(np.float16), labels=nb.labels)
            params |= {"neighbours": NEIGHBOURS_FILE, "knn_weight": nb.weight}
        return params

    @classmethod
    def load(cls, directory: Path, params: dict[str, Any]) -> TransformerBackend:
        from transformers import AutoModel, AutoTokenizer

        configure_threads(inference=True)
        enc_dir = directory / params.get("encoder", ENCODER_DIR)
        module = EncoderClassifier(AutoModel.from_pretrained(enc_dir), int(params["n_classes"]))
        module.head.load_state_dict(torch.load(directory / params.get("head", HEAD_FILE), weights_only=True))
        neighbours = None
        if params.get("neighbours"):  # models saved before the vote have none
            with np.load(directory / params["neighbours"]) as saved:
                vectors = saved["vectors"].astype(np.float32)
                neighbours = NeighbourVote(vectors, saved["labels"], float(params["knn_weight"]))
        max_length = int(params.get("max_length", 64))
        quantize = str(params.get("quantize", "none"))  # models saved before int8 ran in float
        return cls(module, AutoTokenizer.from_pretrained(enc_dir), max_length, neighbours, quantize)


def _pool_one(hidden: torch.Tensor) -> np.ndarray:
    """``mean_pool`` of one unpadded text, (1, hidden): the very operations of the batch route, so
    vectors (and the vote, calibration and thresholds fitted on them) match it to the last bit."""
    mask = torch.ones(1, hidden.shape[0], dtype=torch.long)
    return mean_pool(hidden.unsqueeze(0), mask).float().numpy()


def length_bucketed_batches(lengths: Sequence[int], batch_size: int, rng: random.Random) -> list[list[int]]:
    """Shuffled batches of rows of similar length: each batch is padded to its longest row, so
    mixing a 5-word and a 60-word message wastes most of the work. Rows are shuffled, cut into
    pools of 50 batches, sorted by length within a pool, and the batches shuffled again."""
    order = list(range(len(lengths)))
    rng.shuffle(order)
    pool = batch_size * 50
    batches = []
    for s in range(0, len(order), pool):
        chunk = sorted(order[s : s + pool], key=lengths.__getitem__)
        batches.extend(chunk[b : b + batch_size] for b in range(0, len(chunk), batch_size))
    rng.shuffle(batches)
    return batches


def _init_head_from_prototypes(
    backend: TransformerBackend, texts: Sequence[str], labels: torch.Tensor, n_classes: int
) -> None:
    """Start the head at the normalised mean embedding of each class (a nearest-prototype
    classifier) instead of random weights: with a few examples per intent the random head wastes
    most of the short training run, and the pretrained encoder already separates many intents."""
    module = backend.module
    module.eval()
    sums = torch.zeros(n_classes, module.head.in_features)
    with torch.inference_mode():
        for s in range(0, len(texts), 128):
            enc = backend._encode(texts[s : s + 128])
            hidden = module.encoder(**enc).last_hidden_state
            pooled = torch.nn.functional.normalize(mean_pool(hidden, enc["attention_mask"]), dim=-1)
            sums.index_add_(0, labels[s : s + 128], pooled)
    protos = torch.nn.functional.normalize(sums, dim=-1)
    with torch.no_grad():
        # Cosine similarities are in [-1, 1]: scale them so the softmax is not flat at the start.
        module.head.weight.copy_(protos * 10.0)
        module.head.bias.zero_()


def step_budget(rows: int, batch_size: int, epochs: int, min_steps: int = 0, max_steps: int = 0) -> int:
    """Optimiser steps for ``epochs`` passes over ``rows``, raised to ``min_steps`` and capped
    at ``max_steps`` (0: no cap; the cap never goes below ``min_steps``)."""
    steps = max(epochs * -(-rows // batch_size), min_steps)
    return min(steps, max(max_steps, min_steps)) if max_steps else steps
