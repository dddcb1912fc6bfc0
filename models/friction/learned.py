"""Plumbing shared by the friction detector's small learned models (``person_model``, ``pushback``):
scoring one message against a linear model over side-by-side TF-IDF blocks, and loading their files."""

from __future__ import annotations

import math
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from models.friction.tone import tfidf_dot


def linear_probability(classifier, blocks: Sequence[tuple[Any, str]]) -> float:
    """``classifier``'s probability for one row made of each ``(vectorizer, text)`` block's TF-IDF, side by
    side in that order (an empty text is an all-zero block).

    Computed block by block against slices of the coefficients, like ``TrainedTone.raw_scores``: on one
    message sklearn's transform and input checks cost several times the arithmetic, and this runs on
    every customer turn.
    """
    coef = classifier.coef_[0]
    z = float(classifier.intercept_[0])
    start = 0
    for vectorizer, text in blocks:
        size = len(vectorizer.vocabulary_)
        if text:
            z += float(tfidf_dot(vectorizer, [text], coef[start : start + size])[0])
        start += size
    return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, z))))


def load_parts(directory: Path, config: dict[str, Any], default_file: str, what: str) -> dict[str, Any]:
    """The joblib file that ``friction.json``'s section ``config`` names; a missing one is named."""
    import joblib

    file = directory / config.get("file", default_file)
    if not file.is_file():
        raise FileNotFoundError(f"friction.json names {what}, but {file} is missing")
    return joblib.load(file)
