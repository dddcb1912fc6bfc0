"""Fixtures shared by the model tests."""

from __future__ import annotations

import pytest

from models.friction import FrictionDetector


@pytest.fixture(scope="module")
def detector() -> FrictionDetector:
    """The detector with its shipped default weights (no trained model needed)."""
    return FrictionDetector.default()
