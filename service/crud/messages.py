"""A customer message from arrival to decision: store, predict, assess friction, decide, act.

The conversation row is locked (``SELECT ... FOR UPDATE``; on SQLite every transaction is
serialised) for the whole turn, so two deliveries of the same webhook cannot both pass the
idempotency check, and the unique ``(conversation_id, idempotency_key)`` constraint backs it up.
The decision itself is ``models.policy.decide``; the only thing added here is a safety gate:
an auto-reply with no answer text in the library goes to a person instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Table, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.answers import AnswerLibrary, customer_values, unfilled_placeholders
from models.policy import Action, Owner, PolicySettings, decide
from models.types import FrictionAssessment, Prediction, Role, Turn
from service.crud.conversations import get_conversation, lock_conversation, next_seq
from service.db import Conversation, FrictionAssessmentRow, Message, Suggestion, new_id, utcnow
from service.errors import Conflict
from service.providers import ClassifierProvider, FrictionProvider

log = logging.getLogger(__name__)

# The tables written with plain Core statements in a turn (see post_customer_message).
MESSAGES = cast(Table, Message.__table__)
SUGGESTIONS = cast(Table, Suggestion.__table__)
FRICTION = cast(Table, FrictionAssessmentRow.__table__)

NO_ANSWER = "no_answer"
UNFILLED = "unfilled_placeholder"
FRICTION_WINDOW = 30  # the detector sees at most this many latest turns
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
class TurnTools:
    """What deciding a turn needs besides the database."""

    classifier: ClassifierProvider
    friction: FrictionProvider
    answers: AnswerLibrary | None
    policy: PolicySettings


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


def _predict(tools: TurnTools, text: str) -> Prediction | None:
    model = tools.classifier.current()
    if model is None:
        return None
    try:
        return model.predict(text)
    except Exception:  # a failing model must not fail the webhook: a person decides instead
        log.exception("classifier failed on a message")
        return None


def _assess(tools: TurnTools, turns: list[Turn]) -> FrictionAssessment | None:
    detector = tools.friction.current()
    if detector is None:
        return None
    try:
        return detector.assess(turns, now=utcnow())
    except Exception:
        log.exception("friction detector failed on a conversation")
        return None


def _history(session: Session, conversation_id: str) -> tuple[list[str], list[Turn]]:
    """The latest turns as the friction detector sees them, with their message ids.

    Only the columns a ``Turn`` needs: no ORM objects to track and no prediction JSON to decode.
    """
    stmt = (
        select(
            Message.id,
            Message.role,
            Message.text,
            Message.created_at,
            Message.intent,
            Message.confidence,
            Message.out_of_scope,
        )
        .where(Message.conversation_id == conversation_id)
        .order_by(Message.seq.desc())
        .limit(FRICTION_WINDOW - 1)  # plus the new message
    )
    rows = list(reversed(session.execute(stmt).all()))
    return [r.id for r in rows], [_to_turn(r) for r in rows]


def _to_turn(m: Any) -> Turn:
    """A ``Message`` or a row of ``_history``'s columns (same attribute names) as a ``Turn``."""
    return Turn(
        role=Role(m.role),
        text=m.text,
        at=m.created_at,
        intent=m.intent,
        confidence=m.confidence,
        out_of_scope=m.out_of_scope,
    )


def _render(library: AnswerLibrary | None, intent: str, conv: Conversation) -> tuple[str | None, str | None]:
    rendered = library.render(intent, customer_values(conv.customer_name)) if library is not None else None
    return rendered if rendered is not None else (None, None)


def _existing(session: Session, conversation_id: str, key: str | None) -> Message | None:
    if key is None:
        return None
    # Only the id: nearly always there is none, and a retry loads the row by primary key.
    stmt = select(Message.id).where(
        Message.conversation_id == conversation_id, Message.idempotency_key == key
    )
    found = session.scalars(stmt).first()
    return session.get(Message, found) if found is not None else None


def post_customer_message(
    *, session: Session, tools: TurnTools, conversation_id: str, text: str, idempotency_key: str | None
) -> tuple[Outcome, bool]:
    """Handle one customer message; returns the outcome and whether it was new (not a retry).

    The classifier and the friction detector run between two short transactions, so a slow
    model never holds the conversation lock; the decision and every write happen under it.
    """
    conv = get_conversation(session, conversation_id)
    first = _existing(session, conversation_id, idempotency_key)
    if first is not None:
        return outcome_for(session=session, message=first, status=conv.status), False
    if conv.status == Owner.RESOLVED:
        raise Conflict(f"conversation {conversation_id} is resolved; start a new conversation")
    turn_ids, turns = _history(session, conv.id)
    session.commit()  # end the read before the slow part (SQLite: releases the write lock)
    now = utcnow()
    msg = Message(
        id=new_id(),
        conversation_id=conv.id,
        role=Role.CUSTOMER.value,
        text=text,
        created_at=now,
        idempotency_key=idempotency_key,
        out_of_scope=False,
    )
    prediction = _predict(tools, text)
    if prediction is not None:
        msg.intent, msg.confidence = prediction.intent, prediction.confidence
        msg.out_of_scope, msg.model_version = prediction.out_of_scope, prediction.model_version
        msg.prediction = prediction.to_dict()
    turn_ids.append(msg.id)
    turns.append(_to_turn(msg))
    friction = _assess(tools, turns)

    conv = lock_conversation(session, conversation_id)
    first = _existing(session, conversation_id, idempotency_key)
    if first is not None:  # a concurrent retry got here first
        return outcome_for(session=session, message=first, status=conv.status), False
    if conv.status == Owner.RESOLVED:
        raise Conflict(f"conversation {conversation_id} is resolved; start a new conversation")
    decision = decide(prediction, friction, Owner(conv.status), tools.policy)
    action, reasons = decision.action, [r.value for r in decision.reasons]
    title, reply = _render(tools.answers, prediction.intent, conv) if prediction else (None, None)
    if action is Action.AUTO_REPLY and reply is None:
        action, reasons = Action.SUGGEST, [NO_ANSWER]
    elif action is Action.AUTO_REPLY and reply is not None and unfilled_placeholders(reply):
        # A reply with a visible "{fee_page_url}" must be completed by a person, never sent as is.
        action, reasons = Action.SUGGEST, [UNFILLED]
    # Decided before the INSERT, so the message row is written once, not inserted then updated
    # (``suggestion_id`` has no foreign key, so it can name the suggestion inserted below).
    msg.decision, msg.decision_reasons = action.value, reasons
    if action is not Action.AUTO_REPLY and prediction is not None:
        msg.suggestion_id = new_id()
    msg.seq = next_seq(session, conv.id)
    session.add(msg)
    try:
        session.flush()  # the rows below point at it, and no relationship() tells the ORM the order
    except IntegrityError:
        return _first_copy(session, conversation_id, idempotency_key), False
    # The rows below are only written, never read back in this turn: plain Core INSERTs on the
    # session's connection (same transaction) spare the ORM's unit-of-work bookkeeping.
    friction_out = _store_friction(session, conv, msg, friction, turn_ids) if friction is not None else None
    if action is Action.AUTO_REPLY:
        session.connection().execute(
            insert(MESSAGES).values(
                id=new_id(),
                conversation_id=conv.id,
                seq=msg.seq + 1,
                role=Role.BOT.value,
                text=reply,
                created_at=now,
                reply_to_id=msg.id,
            )
        )
        conv.waiting_since = None
    else:
        if prediction is not None:
            _suggest(session, tools, conv, msg, prediction, title, reply)
        if conv.status == Owner.BOT:
            conv.status = Owner.WAITING.value
        conv.waiting_since = conv.waiting_since or now
    conv.last_message, conv.updated_at = text[:500], now
    try:
        session.commit()
    except IntegrityError:
        return _first_copy(session, conversation_id, idempotency_key), False
    outcome = Outcome(
        message_id=msg.id,
        conversation_id=conv.id,
        decision=action.value,
        reply=reply if action is Action.AUTO_REPLY else None,
        reasons=_reasons(reasons),
        status=conv.status,
        suggestion_id=msg.suggestion_id,
        prediction=msg.prediction,
        friction=friction_out,
    )
    return outcome, True


def _first_copy(session: Session, conversation_id: str, idempotency_key: str | None) -> Outcome:
    """After a unique-key clash (only if the lock was bypassed) the first stored copy wins."""
    session.rollback()
    first = _existing(session, conversation_id, idempotency_key)
    if first is None:
        raise Conflict(f"conversation {conversation_id} changed meanwhile; retry the message")
    return outcome_for(
        session=session, message=first, status=get_conversation(session, conversation_id).status
    )


def _reasons(codes: list[str]) -> list[dict[str, str]]:
    return [{"code": c, "message": REASON_TEXT.get(c, c)} for c in codes]


def _store_friction(
    session: Session, conv: Conversation, msg: Message, friction: FrictionAssessment, turn_ids: list[str]
) -> dict[str, Any]:
    reasons = [
        {
            "code": r.code,
            "message": r.message,
            "turn_index": r.turn_index,
            "text": r.text,
            "weight": r.weight,
            "message_id": turn_ids[r.turn_index] if 0 <= r.turn_index < len(turn_ids) else None,
        }
        for r in friction.reasons
    ]
    body = {
        "score": friction.score,
        "escalate": friction.escalate,
        "human_requested": friction.human_requested,
        "threshold": friction.threshold,
        "reasons": reasons,
    }
    session.connection().execute(
        insert(FRICTION).values(
            id=new_id(), conversation_id=conv.id, message_id=msg.id, created_at=utcnow(), **body
        )
    )
    conv.friction_score = friction.score
    top = max(friction.reasons, key=lambda r: r.weight, default=None)
    conv.top_reason_code = top.code if top else None
    conv.top_reason_message = top.message if top else None
    return body


def _suggest(
    session: Session,
    tools: TurnTools,
    conv: Conversation,
    msg: Message,
    prediction: Prediction,
    title: str | None,
    reply: str | None,
) -> None:
    # A newer customer message makes older unanswered suggestions stale. No suggestion object
    # is loaded in this session, so a plain Core UPDATE on the session's connection does it:
    # no ORM bulk-update compilation and no autoflush of the rows pending in this turn.
    session.connection().execute(
        update(SUGGESTIONS)
        .where(SUGGESTIONS.c.conversation_id == conv.id, SUGGESTIONS.c.status == "pending")
        .values(status="superseded")
    )
    alternatives = []
    for alt in prediction.alternatives:
        alt_title, alt_reply = _render(tools.answers, alt.intent, conv)
        alternatives.append(
            {"intent": alt.intent, "confidence": alt.confidence, "title": alt_title, "reply": alt_reply}
        )
    session.connection().execute(
        insert(SUGGESTIONS).values(
            id=msg.suggestion_id,
            conversation_id=conv.id,
            message_id=msg.id,
            intent=prediction.intent,
            title=title,
            reply=reply,
            confidence=prediction.confidence,
            alternatives=alternatives,
            model_version=prediction.model_version,
            status="pending",
            created_at=utcnow(),
        )
    )


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
        reasons=_reasons(message.decision_reasons or []),
        status=status,
        suggestion_id=message.suggestion_id,
        prediction=message.prediction,
        friction=friction_dict(friction),
    )
