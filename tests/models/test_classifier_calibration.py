"""Temperature scaling, ECE and threshold choice on synthetic scores with known answers."""

from __future__ import annotations

import numpy as np
import pytest

from models.classifier.calibration import expected_calibration_error, fit_temperature, nll, softmax
from models.classifier.thresholds import (
    NEVER,
    choose_max_reject,
    choose_oos_threshold,
    choose_thresholds,
)

LABELS = [f"intent_{i}" for i in range(5)]


def sample(n: int, seed: int, temperature: float = 1.0, scale: float = 2.5) -> tuple[np.ndarray, np.ndarray]:
    """Logits and labels drawn so that ``softmax(logits / temperature)`` is exactly calibrated;
    a larger ``scale`` gives a more confident model."""
    rng = np.random.default_rng(seed)
    logits = rng.normal(0, scale, size=(n, len(LABELS)))
    probs = softmax(logits, temperature)
    y = (rng.random((n, 1)) > probs.cumsum(axis=1)).sum(axis=1).clip(max=len(LABELS) - 1)
    return logits, y


def test_temperature_recovers_the_true_one_and_lowers_nll() -> None:
    logits, y = sample(6000, seed=1, temperature=2.0)  # the raw logits are overconfident
    t = fit_temperature(logits, y)
    assert t == pytest.approx(2.0, rel=0.1)
    assert nll(softmax(logits, t), y) < nll(softmax(logits), y)


def test_temperature_never_makes_nll_worse_on_calibrated_scores() -> None:
    logits, y = sample(3000, seed=2)
    assert nll(softmax(logits, fit_temperature(logits, y)), y) <= nll(softmax(logits), y) + 1e-9


def test_ece_is_small_when_calibrated_and_exact_on_a_known_case() -> None:
    logits, y = sample(8000, seed=3)
    p = softmax(logits)
    assert expected_calibration_error(p.max(axis=1), p.argmax(axis=1) == y) < 0.02
    # Every message at 0.9 confidence but only half right: gap 0.4.
    assert expected_calibration_error(np.full(10, 0.9), np.arange(10) % 2 == 0) == pytest.approx(0.4)


@pytest.mark.parametrize("target", [0.95, 0.99])
def test_thresholds_reach_the_target_precision_on_fresh_heldout_data(target: float) -> None:
    # Like BANKING77's out-of-fold predictions: 10,000 rows, mostly confident.
    logits, y = sample(10000, seed=4, scale=6.0)
    chosen = choose_thresholds(softmax(logits), y, LABELS, target)
    fresh_logits, fresh_y = sample(20000, seed=5, scale=6.0)
    p = softmax(fresh_logits)
    top, conf = p.argmax(axis=1), p.max(axis=1)
    t = np.array([chosen.per_intent[label] for label in LABELS])
    answered = conf >= t[top]
    assert answered.mean() > 0.3
    assert (top == fresh_y)[answered].mean() >= target - 0.005


def test_only_an_intent_that_clearly_falls_short_gets_a_higher_threshold() -> None:
    logits, y = sample(10000, seed=6, scale=6.0)
    probs = softmax(logits)
    top = probs.argmax(axis=1)
    y = y.copy()
    bad = np.flatnonzero(top == 0)[::6]  # a sixth of intent_0's predictions become wrong
    y[bad] = 1
    chosen = choose_thresholds(probs, y, LABELS, 0.95)
    assert chosen.per_intent["intent_0"] > chosen.global_threshold
    assert all(chosen.per_intent[label] == chosen.global_threshold for label in LABELS[1:])


def test_raised_intents_leave_the_pool_so_the_rest_meet_the_target_together() -> None:
    """Pooled precision of the answered messages lands near the target, not far above it."""
    logits, y = sample(10000, seed=8, scale=6.0)
    probs = softmax(logits)
    top = probs.argmax(axis=1)
    y = y.copy()
    bad = np.flatnonzero(top == 0)[::8]  # intent_0 is an eighth wrong: it must be raised
    y[bad] = 1
    chosen = choose_thresholds(probs, y, LABELS, 0.95)
    t = np.array([chosen.per_intent[label] for label in LABELS])
    answered = probs.max(axis=1) >= t[top]
    assert chosen.per_intent["intent_0"] > chosen.global_threshold
    # The others alone reach the target at the global threshold, and not much more than that.
    others = answered & (top != 0)
    assert 0.95 <= (top == y)[others].mean() < 0.96
    # intent_0 reaches it on its own rows at its own threshold.
    assert (top == y)[answered & (top == 0)].mean() >= 0.95


def test_rows_that_cannot_be_answered_do_not_hold_the_threshold_up() -> None:
    logits, y = sample(10000, seed=9, scale=6.0)
    probs = softmax(logits)
    wrong = probs.argmax(axis=1) != y
    everyone = choose_thresholds(probs, y, LABELS, 0.99)
    # Flagging half of the wrong rows (as an out-of-scope flag would) leaves fewer errors among
    # the rows that can be answered: a lower threshold reaches the precision there.
    flagged = wrong & (np.arange(len(y)) % 2 == 0)
    fewer = choose_thresholds(probs, y, LABELS, 0.99, answerable=~flagged)
    assert fewer.global_threshold < everyone.global_threshold


def test_max_reject_keeps_the_accuracy_floor_and_flags_wrong_answers_first() -> None:
    rng = np.random.default_rng(10)
    correct = rng.random(1000) < 0.94
    scope = np.where(correct, rng.uniform(0.3, 1.0, 1000), rng.uniform(0.0, 0.5, 1000))
    rate = choose_max_reject(scope, correct, 0.90, cap=0.5)
    flagged = scope < np.quantile(scope, rate)
    assert (correct & ~flagged).mean() >= 0.90 - 1e-3
    assert rate > 1 - correct.mean()  # more than the errors: some right answers may go too
    # Flagging one more message would drop below the floor.
    assert (correct & (scope >= np.sort(scope)[int(round(rate * 1000)) + 1])).mean() < 0.90 + 2e-3
    assert choose_max_reject(scope, correct, 0.90, cap=0.02) == 0.02
    assert choose_max_reject(scope, correct, 0.99, cap=0.5) == 0.0  # 94% right: no room at all
    # A more accurate model may flag more at the same floor.
    better = correct | (rng.random(1000) < 0.5)
    assert choose_max_reject(scope, better, 0.90, cap=0.5) > rate


def test_unreachable_precision_means_never() -> None:
    probs = np.full((50, 2), 0.5)
    probs[:, 0] += 0.01
    probs[:, 1] -= 0.01
    y = np.arange(50) % 2  # half right at every confidence
    chosen = choose_thresholds(probs, y, ["a", "b"], 0.99)
    assert chosen.global_threshold == NEVER and chosen.per_intent["a"] == NEVER


def test_oos_threshold_flags_the_requested_share() -> None:
    logits, _ = sample(1000, seed=7)
    probs = softmax(logits)
    t = choose_oos_threshold(probs, 0.1)
    assert (probs.max(axis=1) < t).mean() == pytest.approx(0.1, abs=0.01)
    assert choose_oos_threshold(probs, 0.0) == 0.0
    with pytest.raises(ValueError):
        choose_oos_threshold(probs, 1.5)
