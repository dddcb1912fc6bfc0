"""Conversations for the friction detector's tests: alternating customer and bot turns."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from models.friction import FrictionDetector
from models.types import Role, Turn

T0 = datetime(2026, 1, 1, 12, 0, tzinfo=UTC)


def conv(*texts: str, gap: float = 30.0) -> list[Turn]:
    """Alternating customer/bot turns, ``gap`` seconds apart, the first a customer's."""
    return [
        Turn(Role.CUSTOMER if i % 2 == 0 else Role.BOT, text, at=T0 + timedelta(seconds=gap * i))
        for i, text in enumerate(texts)
    ]


def features(detector: FrictionDetector, *texts: str) -> dict[str, float]:
    """The conversation features the detector computes for alternating customer/bot ``texts``."""
    return detector.features(conv(*texts)).features
