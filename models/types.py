"""The small, stable interfaces shared by every layer: a prediction, a friction assessment, a turn.

They are frozen dataclasses so that a result can be passed around, logged and replayed
without anyone mutating it. ``to_dict`` gives the JSON-ready form the API and reports use.
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from datetime import datetime
from enum import StrEnum
from typing import Any


@dataclass(frozen=True)
class Alternative:
    """One candidate answer with its calibrated probability (0..1)."""

    intent: str
    confidence: float


@dataclass(frozen=True)
class Prediction:
    """What the reply classifier says about one customer message.

    ``confidence`` is a calibrated probability that ``intent`` is right: of all messages
    given 0.8, about 80% are right. ``threshold`` is the auto-reply threshold chosen for
    this intent on held-out data to reach the model's target precision; a confidence at or
    above it may be sent without a person. ``out_of_scope`` is the model's "I don't know".
    """

    intent: str
    confidence: float
    alternatives: tuple[Alternative, ...]
    out_of_scope: bool
    threshold: float
    model_version: str

    @property
    def can_auto_reply(self) -> bool:
        return not self.out_of_scope and self.confidence >= self.threshold

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)


class Role(StrEnum):
    CUSTOMER = "customer"
    BOT = "bot"
    AGENT = "agent"


@dataclass(frozen=True)
class Turn:
    """One message of a conversation as the friction detector sees it.

    For customer turns the service fills ``intent``/``confidence``/``out_of_scope`` from
    the classifier when it has them, so the detector can notice a repeated intent or a
    streak of low-confidence turns. ``at`` is when it was sent (timezone-aware UTC).
    """

    role: Role
    text: str
    at: datetime | None = None
    intent: str | None = None
    confidence: float | None = None
    out_of_scope: bool = False


@dataclass(frozen=True)
class FrictionReason:
    """One signal that fired: a stable code, a sentence for the agent, and where it came from."""

    code: str
    message: str
    turn_index: int
    text: str
    weight: float = 0.0


@dataclass(frozen=True)
class FrictionAssessment:
    """The friction of a whole conversation after its latest customer message.

    ``score`` is a calibrated probability (0..1) that a good agent would step in now.
    ``escalate`` is the detector's verdict at its shipped threshold, always true when the
    customer explicitly asked for a person (``human_requested``).
    """

    score: float
    escalate: bool
    human_requested: bool
    reasons: tuple[FrictionReason, ...] = field(default_factory=tuple)
    threshold: float = 0.5

    def to_dict(self) -> dict[str, Any]:
        return asdict(self)
