"""Choosing auto-reply thresholds and the out-of-scope threshold from held-out predictions.

Held-out predictions sorted by calibrated confidence: the threshold is the lowest confidence at
which everything above still reaches the target precision. It is chosen on all intents pooled
(thousands of rows) and raised for an intent only when that intent's own rows show it clearly
falls short; see ``choose_thresholds``. The out-of-scope flag's rate follows from held-out
accuracy (``choose_max_reject``) and its threshold from that rate (``choose_oos_threshold``).
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np

NEVER = 1.0 + 1e-9  # a threshold no calibrated confidence reaches: always ask a person


@dataclass(frozen=True)
class ThresholdSet:
    """Auto-reply thresholds for one target precision."""

    precision: float
    global_threshold: float
    per_intent: dict[str, float]

    def to_dict(self) -> dict[str, object]:
        return {"precision": self.precision, "global": self.global_threshold, "per_intent": self.per_intent}

    @classmethod
    def from_dict(cls, raw: dict) -> ThresholdSet:
        return cls(
            float(raw["precision"]), float(raw["global"]), {k: float(v) for k, v in raw["per_intent"].items()}
        )


def wilson_lower(successes: np.ndarray, n: np.ndarray, z: float) -> np.ndarray:
    """Wilson score lower bound of a proportion: the precision we can claim, not just observe."""
    n = np.maximum(n, 1e-12)
    p = successes / n
    centre = p + z * z / (2 * n)
    spread = z * np.sqrt(p * (1 - p) / n + z * z / (4 * n * n))
    return (centre - spread) / (1 + z * z / n)


def _lowest_threshold(confidence: np.ndarray, correct: np.ndarray, target: float, z: float) -> float:
    """Lowest confidence t such that the precision of predictions with confidence >= t, at its
    Wilson lower bound with ``z`` standard errors, meets ``target``; ``NEVER`` when no t does."""
    if len(confidence) == 0:
        return NEVER
    order = np.argsort(-confidence, kind="stable")
    conf = confidence[order]
    n_correct = np.cumsum(correct[order])
    cut = np.append(conf[1:] < conf[:-1], True)  # ties are all answered or none is
    good = np.flatnonzero((wilson_lower(n_correct, np.arange(1, len(conf) + 1), z) >= target) & cut)
    return float(conf[good[-1]]) if len(good) else NEVER


def choose_thresholds(
    probs: np.ndarray,
    y: np.ndarray,
    labels: list[str],
    precision: float,
    z: float = 1.0,
    raise_z: float = 2.0,
    answerable: np.ndarray | None = None,
) -> ThresholdSet:
    """Per-intent thresholds for ``precision`` from calibrated held-out ``probs`` and true ``y``.

    Only ``answerable`` rows take part (default: all): a message flagged out of scope is never
    auto-answered, so its confidence must not hold the threshold up for the others.

    The global threshold is the lowest confidence at which all intents pooled reach the
    precision at its Wilson lower bound (``z`` standard errors: the lowest threshold that merely
    *looks* good on a sample is an optimistic pick). An intent whose held-out precision above it
    is clearly below target (its upper bound with ``raise_z`` standard errors is) gets its own,
    higher threshold, chosen on its rows alone. Those intents then leave the pool and the global
    threshold is chosen once more on the rest: otherwise the raised intents' extra precision is
    spent on nothing and the answered messages land well above the target (97.7% for 0.95 on
    BANKING77). An intent that is clearly below target only at that second, lower threshold
    keeps the first one, where it was fine: raising it would lower the global threshold again,
    and repeating that cascades until every intent has its own threshold.
    Intents are never given a *lower* threshold than the global one: with a few dozen held-out
    rows each, that overfits and on BANKING77 cost both coverage and precision on the test set.
    """
    top = probs.argmax(axis=1)
    confidence = probs.max(axis=1)
    correct = top == y
    usable = np.ones(len(y), dtype=bool) if answerable is None else np.asarray(answerable, dtype=bool)

    def clearly_worse(i: int, t: float) -> bool:
        above = usable & (top == i) & (confidence >= t)
        n, k = int(above.sum()), float(correct[above].sum())
        return n > 0 and 1.0 - float(wilson_lower(np.array(n - k), np.array(float(n)), raise_z)) < precision

    first = _lowest_threshold(confidence[usable], correct[usable], precision, z)
    own = {
        i: _lowest_threshold(confidence[usable & (top == i)], correct[usable & (top == i)], precision, 0.0)
        for i in range(len(labels))
        if clearly_worse(i, first)
    }
    pooled = usable & ~np.isin(top, list(own))
    global_t = _lowest_threshold(confidence[pooled], correct[pooled], precision, z) if pooled.any() else first
    per_intent = {}
    for i, label in enumerate(labels):
        if i in own:
            per_intent[label] = max(global_t, own[i])
        else:
            per_intent[label] = first if global_t < first and clearly_worse(i, global_t) else global_t
    return ThresholdSet(precision, global_t, per_intent)


def choose_max_reject(scope: np.ndarray, correct: np.ndarray, min_accuracy: float, cap: float) -> float:
    """The share of held-out in-scope messages the out-of-scope flag may take: the largest one
    (at most ``cap``) at which the messages left unflagged and answered right are still at
    least ``min_accuracy`` of all, flagging the least in-scope (lowest ``scope``) first.

    A flag on a wrong answer costs nothing, so a model that is more often right, or whose
    errors have low scope scores, may flag more: the rate follows from the held-out data
    instead of being one number for every model. 0 when even no flag keeps ``min_accuracy``.
    """
    n = len(scope)
    if n == 0:
        return 0.0
    right = np.asarray(correct, dtype=float)[np.argsort(scope, kind="stable")]
    kept = (right.sum() - np.cumsum(right)) / n  # right and unflagged after flagging 1, 2, ...
    allowed = int(np.count_nonzero(kept >= min_accuracy))  # ``kept`` never rises: a prefix
    return float(min(cap, allowed / n))


def choose_oos_threshold(probs: np.ndarray, max_reject: float) -> float:
    """The top-confidence below which a message is called out of scope.

    Without out-of-scope examples to learn from, the threshold is set so that at most
    ``max_reject`` of the held-out in-scope messages are flagged: the least sure ones, which
    are also the most often wrong.
    """
    if not 0.0 <= max_reject < 1.0:
        raise ValueError(f"max_reject must be in [0, 1), got {max_reject}")
    if max_reject == 0.0:
        return 0.0
    return float(np.quantile(probs.max(axis=1), max_reject))
