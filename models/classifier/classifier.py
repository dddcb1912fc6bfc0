"""``ReplyClassifier``: a backend's scores turned into calibrated predictions with per-intent
auto-reply thresholds and an out-of-scope verdict, saved as a self-describing directory.

``model.json`` holds everything but the weights: version id, backend, labels, answer library
version, temperature, thresholds for each stored precision, the out-of-scope threshold, the
training config and metrics. ``load_classifier(dir)`` needs nothing else.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import joblib
import numpy as np

from models.classifier.backends import Backend, HybridBackend, TfidfBackend
from models.classifier.calibration import softmax
from models.classifier.confidence import (
    ConfidenceModel,
    NeighbourIndex,
    confidence_features,
    with_confidence,
)
from models.classifier.scope import ScopeIndex
from models.classifier.thresholds import ThresholdSet
from models.classifier.transformer import TransformerBackend
from models.types import Alternative, Prediction

MODEL_FILE = "model.json"
NEIGHBOURS_FILE = "neighbours.joblib"
SCOPE_FILE = "scope.joblib"
FORMAT = 1
BACKENDS: dict[str, type] = {
    "tfidf": TfidfBackend,
    "hybrid": HybridBackend,
    "transformer": TransformerBackend,
}


class ModelLoadError(ValueError):
    """A model directory is missing, incomplete or written for an unknown backend."""


def _key(precision: float) -> str:
    return f"{precision:g}"


class ReplyClassifier:
    """Maps a customer message to an intent with a calibrated confidence.

    ``metadata`` is the parsed ``model.json``; ``labels`` orders the columns of
    ``predict_proba``. ``target_precision`` picks which stored thresholds fill
    ``Prediction.threshold``. With a ``confidence`` section (and a ``neighbours`` index of the
    training vectors) the top confidence comes from ``models.classifier.confidence``; models
    saved without one use the temperature-scaled probability. An out-of-scope model with extra
    features needs ``scope`` (``models.classifier.scope``), which older models do not have.
    """

    def __init__(
        self,
        backend: Backend,
        metadata: dict[str, Any],
        neighbours: NeighbourIndex | None = None,
        scope: ScopeIndex | None = None,
    ) -> None:
        self.backend = backend
        self.neighbours = neighbours
        self.scope_index = scope
        self.metadata = metadata
        self.labels: list[str] = list(metadata["labels"])
        self.version: str = metadata["version"]
        self.temperature = float(metadata["calibration"]["temperature"])
        self.oos_threshold = float(metadata["out_of_scope"]["threshold"])
        self.top_k = int(metadata.get("top_k", 3))
        self.threshold_sets = {
            k: ThresholdSet.from_dict(v) for k, v in metadata["thresholds"]["by_precision"].items()
        }
        self.target_precision = float(metadata["thresholds"]["target_precision"])
        self._threshold_arrays: dict[str, np.ndarray] = {}  # by precision key: built once, not per message
        raw = metadata.get("confidence")
        self.confidence_model = ConfidenceModel.from_dict(raw) if raw else None
        raw = metadata["out_of_scope"].get("model")
        self.scope_model = ConfidenceModel.from_dict(raw) if raw else None
        # Newer models multiply in P(known and right); older ones have only the first model.
        raw = metadata["out_of_scope"].get("right_model")
        self.scope_right_model = ConfidenceModel.from_dict(raw) if raw and self.scope_model else None
        for model in (self.confidence_model, self.scope_model):
            if model is not None and model.uses_neighbours and neighbours is None:
                raise KeyError("the confidence model needs the training neighbour index")
        for model in (self.confidence_model, self.scope_model):
            if model is not None and model.extra_features:
                if scope is None or scope.feature_names != model.extra_features:
                    raise KeyError(
                        "the confidence or out-of-scope model needs its scope index (scope.joblib)"
                    )

    @property
    def backend_name(self) -> str:
        return self.backend.name

    def thresholds_for(self, precision: float | None = None) -> np.ndarray:
        """Per-label auto-reply thresholds (ordered like ``labels``) for a stored precision."""
        return self._thresholds(precision).copy()

    def _thresholds(self, precision: float | None) -> np.ndarray:
        key = _key(self.target_precision if precision is None else precision)
        cached = self._threshold_arrays.get(key)
        if cached is not None:
            return cached
        if key not in self.threshold_sets:
            raise KeyError(
                f"no thresholds stored for precision {key} (have: {', '.join(self.threshold_sets)})"
            )
        per_intent = self.threshold_sets[key].per_intent
        return self._threshold_arrays.setdefault(key, np.array([per_intent[label] for label in self.labels]))

    def predict_proba(self, texts: Sequence[str]) -> np.ndarray:
        """Calibrated probabilities (n, len(labels)); with a confidence model each row's top
        entry is its confidence and the row may sum to less than 1 (the rest: none of these)."""
        return self.predict_scores(texts)[0]

    def predict_scores(self, texts: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
        """``predict_proba`` and each message's in-scope score: a message is out of scope when
        its score is below ``oos_threshold``. The score is the out-of-scope model's (fitted on
        intents held out of training folds; newer models: P(known) x P(known and right)) or,
        without one, the top confidence."""
        if isinstance(texts, str):
            raise TypeError("predict_proba takes a list of texts; use predict() for one message")
        if len(texts) == 0:
            return np.zeros((0, len(self.labels))), np.zeros(0)
        texts = list(texts)
        if self.confidence_model is None and self.scope_model is None:
            probs = softmax(self.backend.logits(texts), self.temperature)
            return probs, probs.max(axis=1)
        logits, vectors = self.backend.scores(texts)
        probs = softmax(logits, self.temperature)
        neighbours = self.neighbours.query(vectors) if self.neighbours is not None else None
        features = confidence_features(probs, texts, neighbours)
        with_scope = features
        if self.scope_index is not None and any(
            m is not None and m.extra_features for m in (self.confidence_model, self.scope_model)
        ):
            assert neighbours is not None  # checked in __init__
            head = getattr(self.backend, "head")  # noqa: B009 - only tfidf and hybrid have scope indexes
            extra = self.scope_index.features(texts, head, vectors, neighbours, probs.argmax(axis=1))
            with_scope = np.hstack([features, extra])
        if self.confidence_model is not None:
            inputs = with_scope if self.confidence_model.extra_features else features
            probs = with_confidence(probs, self.confidence_model.confidence(inputs))
        if self.scope_model is None:
            return probs, probs.max(axis=1)
        inputs = with_scope if self.scope_model.extra_features else features
        scope = self.scope_model.confidence(inputs)
        if self.scope_right_model is not None:
            scope = scope * self.scope_right_model.confidence(inputs)
        return probs, scope

    def predict_batch(self, texts: Sequence[str]) -> list[Prediction]:
        probs, scope = self.predict_scores(texts)
        thresholds = self._thresholds(None)
        return [self._prediction(row, s, thresholds) for row, s in zip(probs, scope, strict=True)]

    def predict(self, text: str) -> Prediction:
        return self.predict_batch([text])[0]

    def _prediction(self, row: np.ndarray, scope: float, thresholds: np.ndarray) -> Prediction:
        order = np.argsort(-row)[: self.top_k + 1]
        top = int(order[0])
        confidence = float(row[top])
        return Prediction(
            intent=self.labels[top],
            confidence=confidence,
            alternatives=tuple(Alternative(self.labels[int(i)], float(row[i])) for i in order[1:]),
            out_of_scope=bool(scope < self.oos_threshold),
            threshold=float(thresholds[top]),
            model_version=self.version,
        )

    def save(self, directory: str | Path) -> Path:
        """Write weights and ``model.json`` into ``directory`` (created if needed)."""
        directory = Path(directory)
        directory.mkdir(parents=True, exist_ok=True)
        self.metadata["backend_params"] = self.backend.save(directory)
        if self.neighbours is not None:
            joblib.dump(self.neighbours, directory / NEIGHBOURS_FILE)
            self.metadata["neighbours_file"] = NEIGHBOURS_FILE
        if self.scope_index is not None:
            joblib.dump(self.scope_index, directory / SCOPE_FILE)
            self.metadata["scope_file"] = SCOPE_FILE
        self.metadata["format"] = FORMAT
        (directory / MODEL_FILE).write_text(
            json.dumps(self.metadata, indent=2, sort_keys=False), encoding="utf-8"
        )
        return directory


def load_classifier(path: str | Path) -> ReplyClassifier:
    """Load a saved model directory (or the path of its ``model.json``)."""
    path = Path(path)
    if path.name == MODEL_FILE:
        path = path.parent
    meta_file = path / MODEL_FILE
    if not meta_file.is_file():
        raise ModelLoadError(f"no {MODEL_FILE} in {path}: not a saved ReplyDesk model")
    try:
        metadata = json.loads(meta_file.read_text(encoding="utf-8"))
    except json.JSONDecodeError as exc:
        raise ModelLoadError(f"{meta_file} is not valid JSON: {exc}") from exc
    backend_cls = BACKENDS.get(metadata.get("backend", ""))
    if backend_cls is None:
        raise ModelLoadError(
            f"{meta_file} names unknown backend {metadata.get('backend')!r} (known: {', '.join(BACKENDS)})"
        )
    try:
        backend = backend_cls.load(path, metadata.get("backend_params", {}))
        neighbours_file = metadata.get("neighbours_file")
        neighbours = joblib.load(path / neighbours_file) if neighbours_file else None
        scope_file = metadata.get("scope_file")  # absent in models saved before it existed
        scope = joblib.load(path / scope_file) if scope_file else None
        return ReplyClassifier(backend, metadata, neighbours, scope)
    except (KeyError, OSError) as exc:
        raise ModelLoadError(f"model in {path} is incomplete: {exc}") from exc
