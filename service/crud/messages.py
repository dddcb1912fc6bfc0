"""A customer message from arrival to decision: predict, store, assess friction, decide, act.

After the classifier, the conversation row is locked (``SELECT ... FOR UPDATE``; on SQLite every
transaction is serialised) for the rest of the turn, so two deliveries of the same webhook
cannot both pass the idempotency check, and the unique ``(conversation_id, idempotency_key)``
constraint backs it up.
The decision itself is ``models.policy.decide``; the only thing added here is a safety gate:
an auto-reply with no answer text in the library goes to a person instead.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass
from typing import Any, cast

from sqlalchemy import Connection, Table, bindparam, func, insert, select, update
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from models.answers import AnswerLibrary, customer_values, unfilled_placeholders
from models.policy import Action, Owner, PolicySettings, decide
from models.types import FrictionAssessment, Prediction, Role, Turn
from service.crud.conversations import get_conversation
from service.crud.outcomes import NO_ANSWER, UNFILLED, Outcome, existing_message, outcome_for, reasons_out
from service.db import Conversation, FrictionAssessmentRow, Message, Suggestion, new_id, utcnow
from service.errors import Conflict, NotFound
from service.providers import ClassifierProvider, FrictionProvider

log = logging.getLogger(__name__)

# A turn reads and writes these with plain Core statements (see post_customer_message): no ORM
# objects to build, track and flush on the path every customer message takes.
CONVERSATIONS = cast(Table, Conversation.__table__)
MESSAGES = cast(Table, Message.__table__)
SUGGESTIONS = cast(Table, Suggestion.__table__)
FRICTION = cast(Table, FrictionAssessmentRow.__table__)

FRICTION_WINDOW = 30  # the detector sees at most this many latest turns


@dataclass(frozen=True)
class TurnTools:
    """What deciding a turn needs besides the database."""

    classifier: ClassifierProvider
    friction: FrictionProvider
    answers: AnswerLibrary | None
    policy: PolicySettings


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


# The statements of a turn, built once (their compiled form is cached by SQLAlchemy).
# What a turn needs of its conversation, read with the row lock held until the commit.
_LOCK = (
    select(
        CONVERSATIONS.c.status,
        CONVERSATIONS.c.customer_name,
        CONVERSATIONS.c.last_seq,
        CONVERSATIONS.c.waiting_since,
    )
    .where(CONVERSATIONS.c.id == bindparam("cid"))
    .with_for_update()
)
# The latest turns of a conversation, newest first, with what the idempotency check and the
# stale-suggestion check need; only columns, so no ORM objects and no prediction JSON to decode.
_HISTORY = (
    select(
        MESSAGES.c.id,
        MESSAGES.c.role,
        MESSAGES.c.text,
        MESSAGES.c.created_at,
        MESSAGES.c.intent,
        MESSAGES.c.confidence,
        MESSAGES.c.out_of_scope,
        MESSAGES.c.idempotency_key,
        MESSAGES.c.suggestion_id,
    )
    .where(MESSAGES.c.conversation_id == bindparam("cid"))
    .order_by(MESSAGES.c.seq.desc())
    .limit(FRICTION_WINDOW - 1)  # plus the new message
)
# Every column of a message row, so that one executemany INSERT takes the customer message and
# the bot's reply together (its rows must share their keys).
_BLANK_MESSAGE: dict[str, Any] = {c.name: None for c in MESSAGES.columns} | {"out_of_scope": False}
_INSERT_MESSAGES = insert(MESSAGES)
_INSERT_FRICTION = insert(FRICTION)
_INSERT_SUGGESTION = insert(SUGGESTIONS)
# SET takes the columns of the parameters given ("cid" is the WHERE's own parameter).
_UPDATE_CONVERSATION = update(CONVERSATIONS).where(CONVERSATIONS.c.id == bindparam("cid"))
_CATCH_UP_SEQ = (
    update(CONVERSATIONS)
    .where(CONVERSATIONS.c.id == bindparam("cid"))
    .values(
        last_seq=select(func.coalesce(func.max(MESSAGES.c.seq), 0))
        .where(MESSAGES.c.conversation_id == CONVERSATIONS.c.id)
        .scalar_subquery()
    )
)
_SUPERSEDE = (
    update(SUGGESTIONS)
    .where(SUGGESTIONS.c.conversation_id == bindparam("cid"), SUGGESTIONS.c.status == "pending")
    .values(status="superseded")
)


def _to_turn(m: Any) -> Turn:
    """A row of ``_HISTORY`` (or anything with the same attribute names) as a ``Turn``."""
    return Turn(
        role=Role(m.role),
        text=m.text,
        at=m.created_at,
        intent=m.intent,
        confidence=m.confidence,
        out_of_scope=m.out_of_scope,
    )


def _render(
    library: AnswerLibrary | None, intent: str, customer_name: str | None
) -> tuple[str | None, str | None]:
    rendered = library.render(intent, customer_values(customer_name)) if library is not None else None
    return rendered if rendered is not None else (None, None)


def post_customer_message(
    *, session: Session, tools: TurnTools, conversation_id: str, text: str, idempotency_key: str | None
) -> tuple[Outcome, bool]:
    """Handle one customer message; returns the outcome and whether it was new (not a retry).

    The classifier runs first, outside any transaction, so a slow model never holds a lock or a
    connection. Everything else is one transaction under the conversation's row lock: the
    idempotency check, the history the friction detector sees (so it includes a message that
    arrived a moment earlier), the decision and every write, all as plain Core statements.
    """
    if session.in_transaction():
        # e.g. the API key lookup: release the connection (SQLite: the write lock) before the
        # model runs; the model provider itself may need a connection to check the active model.
        session.commit()
    prediction = _predict(tools, text)
    now = utcnow()
    conn = session.connection()
    conv = conn.execute(_LOCK, {"cid": conversation_id}).first()
    if conv is None:
        raise NotFound(f"conversation {conversation_id} not found")
    history = list(reversed(conn.execute(_HISTORY, {"cid": conversation_id}).all()))
    if idempotency_key is not None and any(m.idempotency_key == idempotency_key for m in history):
        # A retry of a recent message (an older one is caught by the unique key below).
        return _first_copy(session, conversation_id, idempotency_key, rollback=False), False
    if conv.status == Owner.RESOLVED:
        raise Conflict(f"conversation {conversation_id} is resolved; start a new conversation")

    msg = _BLANK_MESSAGE | {
        "id": new_id(),
        "conversation_id": conversation_id,
        "seq": conv.last_seq + 1,
        "role": Role.CUSTOMER.value,
        "text": text,
        "created_at": now,
        "idempotency_key": idempotency_key,
    }
    if prediction is not None:
        msg |= {
            "intent": prediction.intent,
            "confidence": prediction.confidence,
            "out_of_scope": prediction.out_of_scope,
            "model_version": prediction.model_version,
            "prediction": prediction.to_dict(),
        }
    turn_ids = [m.id for m in history] + [msg["id"]]
    new_turn = Turn(
        role=Role.CUSTOMER,
        text=text,
        at=now,
        intent=msg["intent"],
        confidence=msg["confidence"],
        out_of_scope=msg["out_of_scope"],
    )
    friction = _assess(tools, [_to_turn(m) for m in history] + [new_turn])

    decision = decide(prediction, friction, Owner(conv.status), tools.policy)
    action, reasons = decision.action, [r.value for r in decision.reasons]
    title, reply = (
        _render(tools.answers, prediction.intent, conv.customer_name) if prediction else (None, None)
    )
    if action is Action.AUTO_REPLY and reply is None:
        action, reasons = Action.SUGGEST, [NO_ANSWER]
    elif action is Action.AUTO_REPLY and reply is not None and unfilled_placeholders(reply):
        # A reply with a visible "{fee_page_url}" must be completed by a person, never sent as is.
        action, reasons = Action.SUGGEST, [UNFILLED]
    # Decided before the INSERT, so the message row is written once, not inserted then updated
    # (``suggestion_id`` has no foreign key, so it can name the suggestion inserted below).
    msg["decision"], msg["decision_reasons"] = action.value, reasons
    if action is not Action.AUTO_REPLY and prediction is not None:
        msg["suggestion_id"] = new_id()
    rows = [msg]
    if action is Action.AUTO_REPLY:
        rows.append(
            _BLANK_MESSAGE
            | {
                "id": new_id(),
                "conversation_id": conversation_id,
                "seq": msg["seq"] + 1,
                "role": Role.BOT.value,
                "text": reply,
                "created_at": now,
                "reply_to_id": msg["id"],
            }
        )
    try:
        conn.execute(_INSERT_MESSAGES, rows)  # the customer message and the bot's reply at once
    except IntegrityError:  # an older retry (the unique idempotency key), or a clash of positions
        return _first_copy(session, conversation_id, idempotency_key), False

    changes: dict[str, Any] = {"last_seq": rows[-1]["seq"], "last_message": text[:500], "updated_at": now}
    friction_out = None
    if friction is not None:
        friction_out = _store_friction(conn, conversation_id, msg["id"], friction, turn_ids, changes)
    status = conv.status
    if action is Action.AUTO_REPLY:
        changes["waiting_since"] = None
    else:
        if prediction is not None:
            # A pending suggestion can only hang on a customer message that got one, so a short
            # conversation with none in its history needs no UPDATE to make old ones stale.
            stale = len(history) >= FRICTION_WINDOW - 1 or any(m.suggestion_id for m in history)
            _suggest(conn, tools, conv.customer_name, msg, prediction, title, reply, stale)
        if status == Owner.BOT:
            status = Owner.WAITING.value
        changes["status"] = status
        changes["waiting_since"] = conv.waiting_since or now
    conn.execute(_UPDATE_CONVERSATION, changes | {"cid": conversation_id})
    try:
        session.commit()
    except IntegrityError:
        return _first_copy(session, conversation_id, idempotency_key), False
    outcome = Outcome(
        message_id=msg["id"],
        conversation_id=conversation_id,
        decision=action.value,
        reply=reply if action is Action.AUTO_REPLY else None,
        reasons=reasons_out(reasons),
        status=status,
        suggestion_id=msg["suggestion_id"],
        prediction=msg["prediction"],
        friction=friction_out,
    )
    return outcome, True


def _first_copy(
    session: Session, conversation_id: str, idempotency_key: str | None, rollback: bool = True
) -> Outcome:
    """The stored outcome of a retried message: the first stored copy wins."""
    if rollback:
        session.rollback()
    first = existing_message(session, conversation_id, idempotency_key)
    if first is None:
        # Not a retry, so a position clash: ``last_seq`` fell behind the messages (written by a
        # replica of an older version, say). Catch it up, so that the retry asked for succeeds.
        session.connection().execute(_CATCH_UP_SEQ, {"cid": conversation_id})
        session.commit()
        raise Conflict(f"conversation {conversation_id} changed meanwhile; retry the message")
    return outcome_for(
        session=session, message=first, status=get_conversation(session, conversation_id).status
    )


def _store_friction(
    conn: Connection,
    conversation_id: str,
    message_id: str,
    friction: FrictionAssessment,
    turn_ids: list[str],
    changes: dict[str, Any],
) -> dict[str, Any]:
    """Insert the assessment; ``changes`` (the conversation's UPDATE) gets its score and top reason."""
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
    row = {
        "id": new_id(),
        "conversation_id": conversation_id,
        "message_id": message_id,
        "created_at": utcnow(),
    }
    conn.execute(_INSERT_FRICTION, row | body)
    top = max(friction.reasons, key=lambda r: r.weight, default=None)
    changes["friction_score"] = friction.score
    changes["top_reason_code"] = top.code if top else None
    changes["top_reason_message"] = top.message if top else None
    return body


def _suggest(
    conn: Connection,
    tools: TurnTools,
    customer_name: str | None,
    msg: dict[str, Any],
    prediction: Prediction,
    title: str | None,
    reply: str | None,
    stale: bool,
) -> None:
    if stale:  # a newer customer message makes older unanswered suggestions stale
        conn.execute(_SUPERSEDE, {"cid": msg["conversation_id"]})
    alternatives = []
    for alt in prediction.alternatives:
        alt_title, alt_reply = _render(tools.answers, alt.intent, customer_name)
        alternatives.append(
            {"intent": alt.intent, "confidence": alt.confidence, "title": alt_title, "reply": alt_reply}
        )
    conn.execute(
        _INSERT_SUGGESTION,
        {
            "id": msg["suggestion_id"],
            "conversation_id": msg["conversation_id"],
            "message_id": msg["id"],
            "intent": prediction.intent,
            "title": title,
            "reply": reply,
            "confidence": prediction.confidence,
            "alternatives": alternatives,
            "model_version": prediction.model_version,
            "status": "pending",
            "created_at": msg["created_at"],
            "handled_by": None,
            "handled_at": None,
            "final_intent": None,
            "final_text": None,
        },
    )
