"""The conversation-level Platt step: calibrates the highest turn score without reordering."""

from __future__ import annotations

import numpy as np

from training.friction_conv import _shifted, best_threshold, conversation_platt
from training.friction_metrics import expected_calibration_error


def _rows(n: int = 600, seed: int = 0) -> list[dict]:
    # Scores that run low: the true chance of escalation is sigmoid(2 * logit(score) + 2).
    rng = np.random.default_rng(seed)
    rows = []
    for k in range(n):
        top = float(rng.uniform(0.02, 0.6))
        logit = np.log(top / (1 - top))
        label = int(rng.random() < 1 / (1 + np.exp(-(2 * logit + 2))))
        steps = [(0, top / 2, False), (2, top, False)]
        rows.append({"id": f"c{k}", "lang": "en", "label": label, "at": 2 if label else None, "steps": steps})
    return rows


def _ece(rows: list[dict]) -> float:
    y = np.array([r["label"] for r in rows])
    p = np.array([max(s for _, s, _ in r["steps"]) for r in rows])
    return expected_calibration_error(y, p)


def test_platt_step_lowers_the_conversation_ece_and_keeps_the_order():
    rows = _rows()
    scale, shift = conversation_platt(rows)
    assert scale > 0
    shifted = [_shifted(r, scale, shift) for r in rows]
    assert _ece(shifted) < min(0.08, _ece(rows) / 2)
    before = np.array([max(s for _, s, _ in r["steps"]) for r in rows])
    after = np.array([max(s for _, s, _ in r["steps"]) for r in shifted])
    assert np.all(np.diff(after[np.argsort(before)]) >= 0)
    assert 0.2 <= best_threshold(shifted) <= 0.85


def test_platt_step_is_the_identity_with_one_class():
    rows = [r for r in _rows() if r["label"] == 0]
    assert conversation_platt(rows) == (1.0, 0.0)
