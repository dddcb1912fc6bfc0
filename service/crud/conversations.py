"""Conversations: create, read, the agent queue, and the ownership moves agents make.

Ownership (``status``): ``bot`` -> ``waiting_for_agent`` (the policy wanted a person) ->
``agent`` (claimed; ``agent`` holds the key name) -> ``bot`` again on handback, or
``resolved``. Every move locks the row first, so two agents racing for one conversation are
serialised and exactly one wins; every move is written to ``agent_actions``.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import func, select, update
from sqlalchemy.orm import Session

from models.policy import Owner
from models.types import Role
from service.db import AgentAction, Conversation, FrictionAssessmentRow, Message, Suggestion, utcnow
from service.errors import Conflict, NotFound
from service.security import Principal

QUEUE_STATUSES = (Owner.WAITING.value, Owner.AGENT.value)


def get_conversation(session: Session, conversation_id: str) -> Conversation:
    conv = session.get(Conversation, conversation_id)
    if conv is None:
        raise NotFound(f"conversation {conversation_id} not found")
    return conv


def lock_conversation(session: Session, conversation_id: str) -> Conversation:
    """Load the conversation with a row lock held until the transaction ends."""
    stmt = select(Conversation).where(Conversation.id == conversation_id).with_for_update()
    conv = session.scalars(stmt.execution_options(populate_existing=True)).first()
    if conv is None:
        raise NotFound(f"conversation {conversation_id} not found")
    return conv


def next_seq(session: Session, conv: Conversation) -> int:
    """Take the next position in the conversation; safe because callers hold its row lock.

    Agents' messages are rare enough to afford checking the messages too, so ``last_seq``
    catches up here should it ever fall behind (the customer-message path relies on it alone).
    """
    stored = session.scalar(select(func.max(Message.seq)).where(Message.conversation_id == conv.id))
    conv.last_seq = max(conv.last_seq or 0, stored or 0) + 1
    return conv.last_seq


def record_action(
    session: Session,
    *,
    conv: Conversation,
    who: Principal,
    action: str,
    suggestion_id: str | None = None,
    message_id: str | None = None,
    payload: dict[str, Any] | None = None,
) -> None:
    """Append one row to the audit log (never updated afterwards)."""
    session.add(
        AgentAction(
            conversation_id=conv.id,
            suggestion_id=suggestion_id,
            message_id=message_id,
            actor=who.name,
            actor_role=who.role.value,
            action=action,
            payload=payload or {},
        )
    )


def create_conversation(
    *, session: Session, who: Principal, channel: str, customer_name: str | None, external_id: str | None
) -> Conversation:
    conv = Conversation(
        channel=channel,
        customer_name=customer_name,
        external_id=external_id,
        created_by=who.name,
        status=Owner.BOT.value,
    )
    session.add(conv)
    session.commit()
    return conv


def messages_of(session: Session, conversation_id: str) -> list[Message]:
    stmt = select(Message).where(Message.conversation_id == conversation_id).order_by(Message.seq)
    return list(session.scalars(stmt))


def suggestions_of(session: Session, conversation_id: str) -> list[Suggestion]:
    stmt = (
        select(Suggestion)
        .where(Suggestion.conversation_id == conversation_id)
        .order_by(Suggestion.created_at)
    )
    return list(session.scalars(stmt))


def latest_friction(session: Session, conversation_id: str) -> FrictionAssessmentRow | None:
    stmt = (
        select(FrictionAssessmentRow)
        .where(FrictionAssessmentRow.conversation_id == conversation_id)
        .order_by(FrictionAssessmentRow.created_at.desc())
    )
    return session.scalars(stmt).first()


def replies_of(*, session: Session, conversation_id: str, after: str | None) -> list[Message]:
    """Bot and agent messages meant for the customer, oldest first, after message ``after``."""
    get_conversation(session, conversation_id)
    stmt = select(Message).where(
        Message.conversation_id == conversation_id, Message.role.in_((Role.BOT.value, Role.AGENT.value))
    )
    if after is not None:
        anchor = session.get(Message, after)
        if anchor is None or anchor.conversation_id != conversation_id:
            raise NotFound(f"message {after} not found in conversation {conversation_id}")
        stmt = stmt.where(Message.seq > anchor.seq)
    return list(session.scalars(stmt.order_by(Message.seq)))


def queue(
    *, session: Session, statuses: tuple[str, ...] = QUEUE_STATUSES, limit: int = 200
) -> list[Conversation]:
    """Conversations needing people, most urgent first.

    Friction is compared in steps of 0.1 so that, among similarly upset customers, the one
    waiting longest comes first; then the longest wait wins.
    """
    rows = session.scalars(select(Conversation).where(Conversation.status.in_(statuses))).all()
    far_future = datetime.max.replace(tzinfo=utcnow().tzinfo)
    rows = sorted(
        rows, key=lambda c: (-round(c.friction_score, 1), c.waiting_since or far_future, c.created_at)
    )
    return rows[:limit]


def _ensure_open(conv: Conversation) -> None:
    if conv.status == Owner.RESOLVED:
        raise Conflict(f"conversation {conv.id} is resolved")


def _ensure_not_held_by_other(conv: Conversation, who: Principal) -> None:
    if conv.status == Owner.AGENT and conv.agent != who.name:
        raise Conflict(f"conversation {conv.id} is held by agent {conv.agent}")


def take_ownership(conv: Conversation, who: Principal) -> None:
    conv.status, conv.agent, conv.updated_at = Owner.AGENT.value, who.name, utcnow()


def claim(*, session: Session, conversation_id: str, who: Principal) -> Conversation:
    """Take a waiting (or bot-owned) conversation; 409 when another agent already holds it."""
    conv = lock_conversation(session, conversation_id)
    _ensure_open(conv)
    _ensure_not_held_by_other(conv, who)
    if conv.status == Owner.AGENT:  # already ours: claiming twice is harmless
        session.commit()
        return conv
    previous = conv.status
    take_ownership(conv, who)
    record_action(session, conv=conv, who=who, action="claim", payload={"from_status": previous})
    session.commit()
    return conv


def takeover(*, session: Session, conversation_id: str, who: Principal) -> Conversation:
    """A person steps in where the bot was answering; stored as a label on the bot's last turn."""
    conv = lock_conversation(session, conversation_id)
    _ensure_open(conv)
    _ensure_not_held_by_other(conv, who)
    last_customer = session.scalars(
        select(Message)
        .where(Message.conversation_id == conv.id, Message.role == Role.CUSTOMER.value)
        .order_by(Message.seq.desc())
    ).first()
    payload: dict[str, Any] = {"from_status": conv.status}
    if last_customer is not None:
        payload |= {
            "customer_message_id": last_customer.id,
            "customer_text": last_customer.text,
            "intent": last_customer.intent,
            "confidence": last_customer.confidence,
            "model_version": last_customer.model_version,
            "decision": last_customer.decision,
        }
    take_ownership(conv, who)
    record_action(
        session,
        conv=conv,
        who=who,
        action="takeover",
        message_id=last_customer.id if last_customer else None,
        payload=payload,
    )
    session.commit()
    return conv


def handback(*, session: Session, conversation_id: str, who: Principal) -> Conversation:
    """The agent gives the conversation back to the bot; pending suggestions become stale."""
    conv = lock_conversation(session, conversation_id)
    _ensure_open(conv)
    if conv.status != Owner.AGENT:
        raise Conflict(f"conversation {conv.id} is not held by an agent (status {conv.status})")
    _ensure_not_held_by_other(conv, who)
    _supersede_pending(session, conv.id)
    conv.status, conv.agent, conv.waiting_since, conv.updated_at = Owner.BOT.value, None, None, utcnow()
    conv.friction_score, conv.top_reason_code, conv.top_reason_message = 0.0, None, None
    record_action(session, conv=conv, who=who, action="handback")
    session.commit()
    return conv


def resolve(*, session: Session, conversation_id: str, who: Principal) -> Conversation:
    conv = lock_conversation(session, conversation_id)
    _ensure_open(conv)
    _ensure_not_held_by_other(conv, who)
    _supersede_pending(session, conv.id)
    previous = conv.status
    conv.status, conv.waiting_since, conv.updated_at = Owner.RESOLVED.value, None, utcnow()
    record_action(session, conv=conv, who=who, action="resolve", payload={"from_status": previous})
    session.commit()
    return conv


def agent_reply(*, session: Session, conversation_id: str, who: Principal, text: str) -> Message:
    """The agent's own text to the customer; replying takes the conversation if nobody holds it."""
    conv = lock_conversation(session, conversation_id)
    _ensure_open(conv)
    _ensure_not_held_by_other(conv, who)
    msg = send_agent_message(session, conv, who, text)
    record_action(session, conv=conv, who=who, action="reply", message_id=msg.id, payload={"text": text})
    session.commit()
    return msg


def send_agent_message(
    session: Session,
    conv: Conversation,
    who: Principal,
    text: str,
    reply_to_id: str | None = None,
    suggestion_id: str | None = None,
) -> Message:
    take_ownership(conv, who)
    msg = Message(
        conversation_id=conv.id,
        seq=next_seq(session, conv),
        role=Role.AGENT.value,
        text=text,
        author=who.name,
        reply_to_id=reply_to_id,
        suggestion_id=suggestion_id,
    )
    session.add(msg)
    conv.waiting_since = None
    session.flush()
    return msg


def _supersede_pending(session: Session, conversation_id: str) -> None:
    session.execute(
        update(Suggestion)
        .where(Suggestion.conversation_id == conversation_id, Suggestion.status == "pending")
        .values(status="superseded")
    )
