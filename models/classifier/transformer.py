"""The ``transformer`` backend: the sentence encoder fine-tuned end to end with a linear
classification head on its mean-pooled output.

Fine-tuning lives here beside the model (as ``fit`` does for scikit-learn estimators) so the
saved directory and the code that reads it stay in one place.
"""

from __future__ import annotations

import random
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np
import torch
from torch import nn
from tqdm.auto import tqdm

from models.classifier.encoder import configure_threads, mean_pool

ENCODER_DIR = "encoder"
HEAD_FILE = "head.pt"


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
    """A fine-tuned encoder with a classification head."""

    name = "transformer"

    def __init__(self, module: EncoderClassifier, tokenizer: Any, max_length: int = 64) -> None:
        self.module = module.eval()
        self.tokenizer = tokenizer
        self.max_length = max_length

    def _encode(self, texts: Sequence[str]) -> dict[str, torch.Tensor]:
        return self.tokenizer(
            list(texts), padding=True, truncation=True, max_length=self.max_length, return_tensors="pt"
        )

    def logits(self, texts: Sequence[str], batch_size: int = 64) -> np.ndarray:
        self.module.eval()
        out = []
        with torch.inference_mode():
            for s in range(0, len(texts), batch_size):
                out.append(self.module(**self._encode(texts[s : s + batch_size])).float().numpy())
        return np.vstack(out) if out else np.zeros((0, self.module.head.out_features), dtype=np.float32)

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
        seed: int = 0,
        progress: bool = True,
    ) -> TransformerBackend:
        """Fine-tune ``encoder_path`` on ``texts``/``y`` (class indices) with AdamW and a
        linear warm-up/decay schedule; the head learns 20x faster than the pretrained body."""
        from transformers import AutoModel, AutoTokenizer, get_linear_schedule_with_warmup

        configure_threads()
        torch.manual_seed(seed)
        rng = random.Random(seed)
        tokenizer = AutoTokenizer.from_pretrained(encoder_path)
        module = EncoderClassifier(AutoModel.from_pretrained(encoder_path), n_classes)
        backend = cls(module, tokenizer, max_length)
        optimizer = torch.optim.AdamW(
            [
                {"params": module.encoder.parameters(), "lr": learning_rate},
                {"params": module.head.parameters(), "lr": learning_rate * 20},
            ],
            weight_decay=0.01,
        )
        steps = epochs * ((len(texts) + batch_size - 1) // batch_size)
        schedule = get_linear_schedule_with_warmup(optimizer, int(0.06 * steps), steps)
        labels = torch.as_tensor(y, dtype=torch.long)
        loss_fn = nn.CrossEntropyLoss()
        bar = tqdm(total=steps, desc="fine-tuning", unit="step", disable=not progress)
        for _ in range(epochs):
            module.train()
            order = list(range(len(texts)))
            rng.shuffle(order)
            for s in range(0, len(order), batch_size):
                idx = order[s : s + batch_size]
                loss = loss_fn(module(**backend._encode([texts[i] for i in idx])), labels[idx])
                optimizer.zero_grad()
                loss.backward()
                torch.nn.utils.clip_grad_norm_(module.parameters(), 1.0)
                optimizer.step()
                schedule.step()
                bar.update(1)
                bar.set_postfix(loss=f"{loss.item():.3f}")
        bar.close()
        module.eval()
        return backend

    def save(self, directory: Path) -> dict[str, Any]:
        self.module.encoder.save_pretrained(directory / ENCODER_DIR)
        self.tokenizer.save_pretrained(directory / ENCODER_DIR)
        torch.save(self.module.head.state_dict(), directory / HEAD_FILE)
        return {
            "encoder": ENCODER_DIR,
            "head": HEAD_FILE,
            "max_length": self.max_length,
            "n_classes": self.module.head.out_features,
        }

    @classmethod
    def load(cls, directory: Path, params: dict[str, Any]) -> TransformerBackend:
        from transformers import AutoModel, AutoTokenizer

        configure_threads(inference=True)
        enc_dir = directory / params.get("encoder", ENCODER_DIR)
        module = EncoderClassifier(AutoModel.from_pretrained(enc_dir), int(params["n_classes"]))
        module.head.load_state_dict(torch.load(directory / params.get("head", HEAD_FILE), weights_only=True))
        return cls(module, AutoTokenizer.from_pretrained(enc_dir), int(params.get("max_length", 64)))
