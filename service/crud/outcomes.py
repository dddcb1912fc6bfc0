"""What a customer message's turn answers: the ``Outcome``, and rebuilding it for a retry."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models.policy import Action
from models.types import Role
from service.db import FrictionAssessmentRow, Message

NO_ANSWER = "no_answer"
UNFILLED = "unfilled_placeholder"
REASON_TEXT = {
    "confident": "The model is confident and the customer is calm.",
    "low_confidence": "The model is not confident enough to reply on its own.",
    "out_of_scope": "The message looks outside what the answer library covers.",
    "model_unavailable": "No reply model is available, so a person decides.",
    "friction_unavailable": "Friction could not be assessed, so a person decides.",
    "human_requested": "The customer asked for a person.",
    "friction": "The customer seems frustrated.",
    "some_friction": "Some friction: the bot stays quiet and suggests instead.",
    "human_owns": "A person owns this conversation.",
    "auto_reply_disabled": "Automatic replies are switched off.",
    NO_ANSWER: "The answer library has no reply for this intent.",
    UNFILLED: "The reply still has a placeholder without a value; a person completes it.",
}


@dataclass(frozen=True)
class Outcome:
    message_id: str
    conversation_id: str
    decision: str
    reply: str | None
    reasons: list[dict[str, str]]
    status: str
    suggestion_id: str | None
    prediction: dict[str, Any] | None
    friction: dict[str, Any] | None


def existing_message(session: Session, conversation_id: str, key: str | None) -> Message | None:
    if key is None:
        return None
    stmt = select(Message).where(Message.conversation_id == conversation_id, Message.idempotency_key == key)
    return session.scalars(stmt).first()


def reasons_out(codes: list[str]) -> list[dict[str, str]]:
    return [{"code": c, "message": REASON_TEXT.get(c, c)} for c in codes]


def friction_dict(row: FrictionAssessmentRow | None) -> dict[str, Any] | None:
    return _friction_body(row) if row is not None else None


def _friction_body(row: FrictionAssessmentRow) -> dict[str, Any]:
    return {
        "score": row.score,
        "escalate": row.escalate,
        "human_requested": row.human_requested,
        "threshold": row.threshold,
        "reasons": row.reasons,
    }


def outcome_for(*, session: Session, message: Message, status: str) -> Outcome:
    """The outcome of an already decided customer message, rebuilt from what was stored."""
    bot_reply = session.scalars(
        select(Message.text).where(Message.reply_to_id == message.id, Message.role == Role.BOT.value)
    ).first()
    friction = session.scalars(
        select(FrictionAssessmentRow).where(FrictionAssessmentRow.message_id == message.id)
    ).first()
    return Outcome(
        message_id=message.id,
        conversation_id=message.conversation_id,
        decision=message.decision or Action.ESCALATE.value,
        reply=bot_reply,
        reasons=reasons_out(message.decision_reasons or []),
        status=status,
        suggestion_id=message.suggestion_id,
        prediction=message.prediction,
        friction=friction_dict(friction),
    )
