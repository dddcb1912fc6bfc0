"""The scikit-learn backends: ``tfidf`` (TF-IDF only) and ``hybrid`` (frozen sentence encoder
+ TF-IDF). Each turns texts into uncalibrated scores (logits), one column per label, and
saves itself into a model directory; ``ReplyClassifier`` adds calibration and thresholds.
"""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path
from typing import Any, Protocol

import joblib
import numpy as np
from scipy import sparse

from models.classifier.encoder import SentenceEncoder, configure_threads
from models.classifier.linear import LinearTextHead

HEAD_FILE = "head.joblib"
ENCODER_DIR = "encoder"


class Backend(Protocol):
    """What ``ReplyClassifier`` needs from a backend."""

    name: str

    def logits(self, texts: Sequence[str]) -> np.ndarray: ...

    def scores(self, texts: Sequence[str]) -> tuple[np.ndarray, Any]:
        """Logits and the unit-length vectors used to find a message's nearest training
        examples (``None`` when the backend has none), computed in one pass."""
        ...

    def save(self, directory: Path) -> dict[str, Any]:
        """Write the weights into ``directory`` and return the parameters ``load`` needs."""
        ...


class TfidfBackend:
    """Word + character TF-IDF in a linear model: trains in seconds, any language."""

    name = "tfidf"

    def __init__(self, head: LinearTextHead) -> None:
        self.head = head

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        return self.scores(texts)[0]

    def scores(self, texts: Sequence[str]) -> tuple[np.ndarray, Any]:
        # Word TF-IDF rows are unit length and sparse: a cheap neighbour search.
        texts = list(texts)
        if len(texts) == 1:  # the service's case: one message
            logits, (indices, values) = self.head.decision_one(texts[0])
            shape = (1, len(self.head.word_.vocabulary_))
            words = sparse.csr_matrix((values, indices, np.array([0, len(indices)])), shape=shape)
            return logits, words
        words = self.head.word_.transform(texts)
        features = sparse.hstack([words, self.head.char_.transform(texts)], format="csr")  # = head.features
        return self.head.decision_from_features(features), words

    def save(self, directory: Path) -> dict[str, Any]:
        joblib.dump(self.head, directory / HEAD_FILE)
        return {"head": HEAD_FILE}

    @classmethod
    def load(cls, directory: Path, params: dict[str, Any]) -> TfidfBackend:
        return cls(joblib.load(directory / params.get("head", HEAD_FILE)))


class HybridBackend:
    """Frozen sentence-encoder embeddings joined with TF-IDF features in one linear model."""

    name = "hybrid"

    def __init__(self, encoder: SentenceEncoder, head: LinearTextHead) -> None:
        self.encoder = encoder
        self.head = head

    def logits(self, texts: Sequence[str]) -> np.ndarray:
        return self.scores(texts)[0]

    def scores(self, texts: Sequence[str]) -> tuple[np.ndarray, Any]:
        texts = list(texts)
        if len(texts) == 1:  # the service's case: one message
            embedding = self.encoder.embed_one(texts[0])
            return self.head.decision_one(texts[0], embedding)[0], embedding
        embeddings = self.encoder.embed(texts)
        return self.head.decision_function(texts, embeddings), embeddings

    def save(self, directory: Path) -> dict[str, Any]:
        joblib.dump(self.head, directory / HEAD_FILE)
        self.encoder.save(directory / ENCODER_DIR)
        return {
            "head": HEAD_FILE,
            "encoder": ENCODER_DIR,
            "max_length": self.encoder.max_length,
            "quantize": self.encoder.quantize,
        }

    @classmethod
    def load(cls, directory: Path, params: dict[str, Any]) -> HybridBackend:
        configure_threads(inference=True)
        # Models saved before quantisation existed have no flag: their vectors were float32.
        encoder = SentenceEncoder(
            directory / params.get("encoder", ENCODER_DIR),
            int(params.get("max_length", 64)),
            str(params.get("quantize", "none")),
        )
        return cls(encoder, joblib.load(directory / params.get("head", HEAD_FILE)))
