"""Temperature scaling and the calibration measures used to check it.

Temperature scaling divides every logit by one fitted number ``T``: it keeps the ranking of
intents (so accuracy is unchanged) and only fixes how sure the model claims to be. It is
fitted on predictions for messages the model did not train on (out-of-fold or held out).
"""

from __future__ import annotations

import numpy as np
from scipy.optimize import minimize_scalar


def softmax(logits: np.ndarray, temperature: float = 1.0) -> np.ndarray:
    """Row-wise softmax of ``logits / temperature``, numerically stable."""
    z = np.asarray(logits, dtype=np.float64) / temperature
    z -= z.max(axis=1, keepdims=True)
    np.exp(z, out=z)
    z /= z.sum(axis=1, keepdims=True)
    return z


def nll(probs: np.ndarray, y: np.ndarray) -> float:
    """Mean negative log-likelihood of the true classes ``y`` (indices)."""
    p = np.clip(probs[np.arange(len(y)), y], 1e-12, 1.0)
    return float(-np.log(p).mean())


def fit_temperature(logits: np.ndarray, y: np.ndarray) -> float:
    """The temperature that minimises the NLL of ``y`` under ``softmax(logits / T)``.

    Searched over log T so the optimiser cannot step to a non-positive temperature.
    """
    if len(y) == 0:
        raise ValueError("cannot fit a temperature on zero examples")
    result = minimize_scalar(
        lambda log_t: nll(softmax(logits, float(np.exp(log_t))), y), bounds=(-6.0, 6.0), method="bounded"
    )
    return float(np.exp(result.x))


def expected_calibration_error(confidence: np.ndarray, correct: np.ndarray, n_bins: int = 15) -> float:
    """ECE of the top label: the support-weighted gap between confidence and accuracy in
    ``n_bins`` equal-width confidence bins (the usual 15-bin definition)."""
    confidence = np.asarray(confidence, dtype=np.float64)
    correct = np.asarray(correct, dtype=np.float64)
    if len(confidence) == 0:
        raise ValueError("cannot measure calibration on zero examples")
    bins = np.clip((confidence * n_bins).astype(int), 0, n_bins - 1)
    gap = 0.0
    for b in range(n_bins):
        in_bin = bins == b
        if in_bin.any():
            gap += in_bin.sum() * abs(correct[in_bin].mean() - confidence[in_bin].mean())
    return float(gap / len(confidence))
