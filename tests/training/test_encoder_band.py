"""Choosing where the tone encoder is worth consulting (``friction_metrics.choose_encoder_band``)."""

from __future__ import annotations

import numpy as np

from training.friction_metrics import best_f1, best_threshold, binary_metrics, choose_encoder_band


def _scores(seed: int = 0, n: int = 4000) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """A TF-IDF probability that is sure at both ends and unsure in the middle, where a better model
    (the blend) sorts the messages out."""
    rng = np.random.default_rng(seed)
    y = (rng.random(n) < 0.2).astype(int)
    p_tfidf = np.clip(np.where(y == 1, rng.beta(4, 3, n), rng.beta(1.2, 6, n)), 0, 1)
    unsure = (p_tfidf > 0.2) & (p_tfidf < 0.7)
    p_blend = np.where(unsure, np.where(y == 1, 0.8, 0.1) + rng.normal(0, 0.05, n), p_tfidf).clip(0, 1)
    return y, p_tfidf, p_blend


def test_the_band_skips_the_sure_messages_and_keeps_the_blends_f1() -> None:
    y, p_tfidf, p_blend = _scores()
    low, high = choose_encoder_band(y, p_tfidf, p_blend)
    inside = (p_tfidf >= low) & (p_tfidf <= high)
    assert inside.mean() < 0.6  # most messages skip the encoder
    cascade = np.where(inside, p_blend, p_tfidf)
    assert best_f1(y, cascade) >= best_f1(y, p_blend) - 0.002
    assert best_f1(y, p_blend) > best_f1(y, p_tfidf) + 0.05  # the blend was worth having


def test_a_blend_better_everywhere_keeps_the_encoder_everywhere() -> None:
    rng = np.random.default_rng(1)
    y = (rng.random(3000) < 0.3).astype(int)
    p_tfidf = rng.random(3000)  # no better than chance at any level
    p_blend = np.where(y == 1, 0.9, 0.1)
    low, high = choose_encoder_band(y, p_tfidf, p_blend)
    assert ((p_tfidf >= low) & (p_tfidf <= high)).mean() > 0.99


def test_the_fast_f1_matches_the_threshold_search() -> None:
    y, p_tfidf, _ = _scores(seed=2, n=1500)
    expected = binary_metrics(y, p_tfidf, best_threshold(y, p_tfidf))["f1"]
    assert abs(best_f1(y, p_tfidf) - expected) < 1e-4  # binary_metrics rounds to 4 places
