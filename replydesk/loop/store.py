"""What the learning loop reads from and writes to the service's database.

Reads are joins over the service's tables (``service.db``): agent actions with the suggestion
and customer message they concern (for the feedback export), and recent customer messages
(for the shadow replay). The one write is switching the active model, done with the
service's own ``activate`` so the activation history records who and why, and every running
replica follows the active row without a restart.
"""

from __future__ import annotations

import logging
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from replydesk.loop.errors import LoopError
from replydesk.loop.feedback import KIND_BY_ACTION, ActionRecord
from service.crud import models as model_crud
from service.db import AgentAction, Message, ModelActivation, Suggestion, make_engine, make_sessionmaker
from service.errors import NotFound
from service.migrate import upgrade

log = logging.getLogger(__name__)


class RegistryError(LoopError):
    """A promote/rollback request the registry cannot honour; the message says why."""


@contextmanager
def open_session(database_url: str) -> Iterator[Session]:
    """A session on the service's database, brought to the latest schema first."""
    engine = make_engine(database_url)
    try:
        upgrade(database_url, engine)
        with make_sessionmaker(engine)() as session:
            yield session
    finally:
        engine.dispose()


def _takeover_target(session: Session, action: AgentAction) -> Message | None:
    """The customer message the bot last answered before the takeover, if the bot answered any."""
    stmt = (
        select(Message)
        .where(Message.conversation_id == action.conversation_id, Message.role == "bot")
        .where(Message.created_at <= action.at, Message.reply_to_id.is_not(None))
        .order_by(Message.seq.desc())
        .limit(1)
    )
    bot = session.scalars(stmt).first()
    return session.get(Message, bot.reply_to_id) if bot and bot.reply_to_id else None


def load_action_records(session: Session, since: datetime | None = None) -> list[ActionRecord]:
    """Every agent action that teaches the model something, joined with its message and suggestion."""
    stmt = select(AgentAction).where(AgentAction.action.in_(KIND_BY_ACTION)).order_by(AgentAction.at)
    if since is not None:
        stmt = stmt.where(AgentAction.at >= since)
    records: list[ActionRecord] = []
    for act in session.scalars(stmt):
        payload = act.payload or {}
        if act.action == "takeover":
            msg = _takeover_target(session, act)
            if msg is None or not msg.intent:
                continue
            records.append(
                ActionRecord(
                    action=act.action, at=act.at, actor=act.actor, text=msg.text,
                    suggested_intent=msg.intent, message_id=msg.id, conversation_id=msg.conversation_id,
                    confidence=msg.confidence, model_version=msg.model_version,
                )
            )  # fmt: skip
            continue
        sug = session.get(Suggestion, act.suggestion_id) if act.suggestion_id else None
        msg = session.get(Message, sug.message_id) if sug else None
        if sug is None or msg is None:
            log.warning("agent action %s has no suggestion or message; skipped", act.id)
            continue
        records.append(
            ActionRecord(
                action=act.action, at=act.at, actor=act.actor, text=msg.text,
                suggested_intent=sug.intent, message_id=msg.id, conversation_id=msg.conversation_id,
                chosen_intent=payload.get("chosen_intent") or sug.final_intent,
                edited_text=payload.get("edited_text") or sug.final_text,
                confidence=sug.confidence, model_version=sug.model_version,
            )
        )  # fmt: skip
    return records


@dataclass(frozen=True)
class LiveMessage:
    """A recent customer message for the shadow replay (still unredacted: it never leaves the process)."""

    message_id: str
    text: str
    served_intent: str | None


def recent_customer_messages(session: Session, limit: int) -> list[LiveMessage]:
    stmt = (
        select(Message.id, Message.text, Message.intent)
        .where(Message.role == "customer")
        .order_by(Message.created_at.desc())
        .limit(limit)
    )
    return [LiveMessage(r.id, r.text, r.intent) for r in session.execute(stmt)]


def register_models(session: Session, folder: Path) -> None:
    """Make the service's registry know every model directory in ``folder`` (new ones are added)."""
    model_crud.sync_models(session=session, models_dir=folder)


def active_version(session: Session) -> str | None:
    current = model_crud.active_model(session=session)
    return current.version if current else None


def promote(session: Session, version: str, actor: str, reason: str | None) -> str | None:
    """Activate ``version``; returns the version that was active before."""
    before = active_version(session)
    if before == version:
        raise RegistryError(f"model {version!r} is already active")
    try:
        model_crud.activate(session=session, version=version, actor=actor, reason=reason)
    except NotFound as exc:
        raise RegistryError(str(exc)) from None
    return before


def rollback(session: Session, actor: str, reason: str | None) -> tuple[str, str]:
    """Re-activate the model that was active before the current one; returns (from, to)."""
    current = active_version(session)
    if current is None:
        raise RegistryError("no model is active, so there is nothing to roll back")
    last = session.scalars(
        select(ModelActivation).where(ModelActivation.version == current).order_by(ModelActivation.at.desc())
    ).first()
    if last is None or not last.previous_version:
        raise RegistryError(f"model {current!r} has no earlier active model to roll back to")
    promote(session, last.previous_version, actor, reason or f"rollback from {current}")
    return current, last.previous_version
