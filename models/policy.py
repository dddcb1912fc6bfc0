"""The per-message decision: reply automatically, suggest a reply to an agent, or escalate.

A pure function of the prediction, the friction assessment, who owns the conversation and
the settings, so the service only calls it and training can replay it on test data.
Safety first: anything missing (no model, a failed detector) means a person decides.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from models.types import FrictionAssessment, Prediction


class Action(StrEnum):
    AUTO_REPLY = "auto_reply"
    SUGGEST = "suggest"
    ESCALATE = "escalate"


class Owner(StrEnum):
    """Who holds the conversation; the bot speaks only while it is ``BOT``."""

    BOT = "bot"
    WAITING = "waiting_for_agent"
    AGENT = "agent"
    RESOLVED = "resolved"


class DecisionReason(StrEnum):
    CONFIDENT = "confident"
    LOW_CONFIDENCE = "low_confidence"
    OUT_OF_SCOPE = "out_of_scope"
    MODEL_UNAVAILABLE = "model_unavailable"
    FRICTION_UNAVAILABLE = "friction_unavailable"
    HUMAN_REQUESTED = "human_requested"
    FRICTION = "friction"
    SOME_FRICTION = "some_friction"
    HUMAN_OWNS = "human_owns"
    AUTO_REPLY_DISABLED = "auto_reply_disabled"


@dataclass(frozen=True)
class PolicySettings:
    """Knobs of the policy; the service builds this from its settings object.

    ``min_auto_confidence`` is a floor under every per-intent threshold. A conversation
    is calm when its friction score is below ``calm_below``; between that and the
    escalation threshold the bot stays quiet and suggests. ``friction_threshold``
    overrides the detector's shipped escalation threshold when set.
    """

    auto_reply_enabled: bool = True
    min_auto_confidence: float = 0.5
    calm_below: float = 0.3
    friction_threshold: float | None = None


@dataclass(frozen=True)
class Decision:
    action: Action
    reasons: tuple[DecisionReason, ...]

    @property
    def sends_reply(self) -> bool:
        return self.action is Action.AUTO_REPLY


def _friction_escalates(friction: FrictionAssessment, settings: PolicySettings) -> bool:
    if settings.friction_threshold is None:
        return friction.escalate
    return friction.score >= settings.friction_threshold


def decide(
    prediction: Prediction | None,
    friction: FrictionAssessment | None,
    owner: Owner,
    settings: PolicySettings = PolicySettings(),
) -> Decision:
    """Decide what happens to one customer message.

    Order matters: an explicit request for a person and high friction win over everything;
    then anything we cannot trust (no model, out of scope) goes to a person; the bot only
    replies on its own when it owns the conversation, is confident and the customer is calm.
    """
    if friction is not None and friction.human_requested:
        return Decision(Action.ESCALATE, (DecisionReason.HUMAN_REQUESTED,))
    if friction is not None and _friction_escalates(friction, settings):
        return Decision(Action.ESCALATE, (DecisionReason.FRICTION,))
    if prediction is None:
        return Decision(Action.ESCALATE, (DecisionReason.MODEL_UNAVAILABLE,))
    if prediction.out_of_scope:
        return Decision(Action.ESCALATE, (DecisionReason.OUT_OF_SCOPE,))
    if owner is not Owner.BOT:
        return Decision(Action.SUGGEST, (DecisionReason.HUMAN_OWNS,))
    if friction is None:
        return Decision(Action.SUGGEST, (DecisionReason.FRICTION_UNAVAILABLE,))
    if not settings.auto_reply_enabled:
        return Decision(Action.SUGGEST, (DecisionReason.AUTO_REPLY_DISABLED,))
    if friction.score >= settings.calm_below:
        return Decision(Action.SUGGEST, (DecisionReason.SOME_FRICTION,))
    if prediction.confidence >= max(prediction.threshold, settings.min_auto_confidence):
        return Decision(Action.AUTO_REPLY, (DecisionReason.CONFIDENT,))
    return Decision(Action.SUGGEST, (DecisionReason.LOW_CONFIDENCE,))
