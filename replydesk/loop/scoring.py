"""Scores of one model on one labelled data set, computed from its predictions.

The promotion gates compare a champion and a challenger on exactly these numbers, and the
learning simulation prints them per round, so they live in one small pure module:
accuracy, expected calibration error (15 equal-width bins over the top label's confidence),
auto-reply coverage and precision at the thresholds stored in the model (what the product
would send without a person), the best coverage any confidence cut-off reaches at 99%
precision (the risk-coverage view, independent of the stored thresholds), and each intent's
precision among the messages it would auto-reply.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

import numpy as np

from models.types import Prediction

ECE_BINS = 15


@dataclass(frozen=True)
class IntentPrecision:
    """How one intent fares among the messages the model would auto-reply with it."""

    auto_replies: int
    correct: int

    @property
    def precision(self) -> float | None:
        return self.correct / self.auto_replies if self.auto_replies else None


@dataclass(frozen=True)
class ModelScore:
    """One model on one data set. ``coverage`` and ``auto_precision`` use the stored thresholds."""

    n: int
    accuracy: float
    ece: float
    coverage: float
    auto_precision: float | None
    coverage_at_99: float
    per_intent: Mapping[str, IntentPrecision] = field(default_factory=dict)
    # Per-row top confidence and correctness (row order of the scored data), kept so the gates
    # can tell a real calibration difference from sampling noise; not part of the report.
    confidence: np.ndarray | None = field(default=None, repr=False, compare=False)
    correct: np.ndarray | None = field(default=None, repr=False, compare=False)

    def to_dict(self) -> dict[str, object]:
        return {
            "n": self.n,
            "accuracy": self.accuracy,
            "ece": self.ece,
            "coverage": self.coverage,
            "auto_precision": self.auto_precision,
            "coverage_at_99": self.coverage_at_99,
            "per_intent": {
                k: {"auto_replies": v.auto_replies, "correct": v.correct, "precision": v.precision}
                for k, v in sorted(self.per_intent.items())
            },
        }


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, bins: int = ECE_BINS) -> float:
    """Weighted mean gap between confidence and accuracy over equal-width confidence bins."""
    if len(confidence) == 0:
        return 0.0
    idx = np.minimum((confidence * bins).astype(int), bins - 1)
    ece = 0.0
    for b in range(bins):
        mask = idx == b
        if mask.any():
            ece += mask.mean() * abs(confidence[mask].mean() - correct[mask].mean())
    return float(ece)


def coverage_at_precision(confidence: np.ndarray, correct: np.ndarray, target: float = 0.99) -> float:
    """Largest share of messages, most confident first, whose accuracy is still >= ``target``."""
    if len(confidence) == 0:
        return 0.0
    order = np.argsort(-confidence, kind="stable")
    hits = np.cumsum(correct[order])
    precision = hits / np.arange(1, len(order) + 1)
    ok = np.nonzero(precision >= target)[0]
    return float((ok[-1] + 1) / len(order)) if len(ok) else 0.0


def score_predictions(predictions: Sequence[Prediction], labels: Sequence[str]) -> ModelScore:
    """Score ``predictions`` against the true ``labels`` (same order and length)."""
    if len(predictions) != len(labels):
        raise ValueError(f"{len(predictions)} predictions for {len(labels)} labels")
    if not labels:
        raise ValueError("cannot score a model on an empty data set")
    confidence = np.array([p.confidence for p in predictions], dtype=float)
    correct = np.array([p.intent == y for p, y in zip(predictions, labels, strict=True)], dtype=float)
    auto = np.array([p.can_auto_reply for p in predictions], dtype=bool)
    per_intent: dict[str, IntentPrecision] = {}
    for p, ok, sent in zip(predictions, correct, auto, strict=True):
        if sent:
            prev = per_intent.get(p.intent, IntentPrecision(0, 0))
            per_intent[p.intent] = IntentPrecision(prev.auto_replies + 1, prev.correct + int(ok))
    return ModelScore(
        n=len(labels),
        accuracy=float(correct.mean()),
        ece=expected_calibration_error(confidence, correct),
        coverage=float(auto.mean()),
        auto_precision=float(correct[auto].mean()) if auto.any() else None,
        coverage_at_99=coverage_at_precision(confidence, correct, 0.99),
        per_intent=per_intent,
        confidence=confidence,
        correct=correct,
    )
