"""The service's tables (SQLAlchemy 2 typed models) and the engine/session factory.

Tables, and who reads them:

- ``conversations``: one chat. ``status`` is who owns it (``bot`` | ``waiting_for_agent`` |
  ``agent`` | ``resolved``, the values of ``models.policy.Owner``); ``agent`` names the agent
  key holding it. ``friction_score``/``top_reason_*``/``waiting_since``/``last_message`` are
  denormalised copies of the latest state so the agent queue is one cheap query; ``last_seq``
  is the ``seq`` of its latest message (the next one takes ``last_seq + 1``).
- ``messages``: every turn, ``role`` ``customer`` | ``bot`` | ``agent``; ``author`` is the key
  name of the agent who sent it. Customer messages carry the turn's prediction (``intent``,
  ``confidence``, ``out_of_scope``, ``model_version``, full ``prediction`` JSON) and the
  ``decision`` with its ``decision_reasons``; ``(conversation_id, idempotency_key)`` is unique
  so a retried webhook never stores a message twice; ``seq`` orders a conversation. A customer
  message's ``suggestion_id`` is the suggestion made for it; bot/agent messages point at the
  customer message they answer with ``reply_to_id`` and at the suggestion they came from.
- ``suggestions``: what the model proposed to an agent for one customer message: ``intent``,
  ``reply`` (``None`` when the answer library has none), ``confidence``, ``alternatives``
  (JSON list of ``{intent, confidence}``), ``model_version`` and ``status`` (``pending`` |
  ``approved`` | ``edited`` | ``chosen`` | ``rejected`` | ``superseded``). ``final_text`` /
  ``final_intent`` are what was actually sent, ``handled_by``/``handled_at`` who and when.
- ``agent_actions``: the append-only audit log and the training labels. One row per agent act:
  ``actor`` (key name), ``actor_role``, ``action`` (``claim`` | ``takeover`` | ``handback`` |
  ``resolve`` | ``reply`` | ``approve`` | ``edit`` | ``choose`` | ``reject``), ``at``, and a JSON
  ``payload`` (edited text, chosen intent, rejection reason, the suggestion's intent and
  confidence, the customer message it answers). Never updated or deleted.
- ``friction_assessments``: the detector's verdict after each customer message (score,
  escalate, human_requested, threshold, JSON reasons with ``message_id``).
- ``model_versions``: trained models found under ``models_dir`` (``version`` unique, ``path``,
  ``backend``, ``created_at``, ``metrics``, ``meta`` = the whole ``model.json``); exactly one
  row has ``active = True``; every replica follows that row.
- ``model_activations``: history of the active model: ``version``, ``previous_version``,
  ``actor`` (key name or ``system``), ``reason``, ``automatic``, ``at``.
- ``api_keys``: ``name``, ``role`` (``channel`` | ``agent`` | ``admin``), ``key_hash``
  (SHA-256 of the secret; the secret itself is shown once and never stored), ``revoked``.
"""

from __future__ import annotations

import uuid
from datetime import UTC, datetime
from typing import Any

from sqlalchemy import (
    JSON,
    Boolean,
    DateTime,
    Engine,
    Float,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    UniqueConstraint,
    create_engine,
    event,
    text,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column, sessionmaker
from sqlalchemy.types import TypeDecorator


def new_id() -> str:
    return uuid.uuid4().hex


def utcnow() -> datetime:
    return datetime.now(UTC)


class UTCDateTime(TypeDecorator[datetime]):
    """Timezone-aware UTC datetimes on every backend (SQLite drops the zone otherwise)."""

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is not None and value.tzinfo is None:
            raise ValueError("naive datetime given to a UTC column")
        return value.astimezone(UTC) if value is not None else None

    def process_result_value(self, value: datetime | None, dialect: Any) -> datetime | None:
        if value is None:
            return None
        return value.replace(tzinfo=UTC) if value.tzinfo is None else value.astimezone(UTC)


class Base(DeclarativeBase):
    pass


def _id_column() -> Mapped[str]:
    return mapped_column(String(32), primary_key=True, default=new_id)


class Conversation(Base):
    __tablename__ = "conversations"

    id: Mapped[str] = _id_column()
    channel: Mapped[str] = mapped_column(String(64), default="web")
    customer_name: Mapped[str | None] = mapped_column(String(200))
    external_id: Mapped[str | None] = mapped_column(String(200), index=True)
    status: Mapped[str] = mapped_column(String(32), default="bot", index=True)
    agent: Mapped[str | None] = mapped_column(String(200))
    created_by: Mapped[str] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    updated_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    waiting_since: Mapped[datetime | None] = mapped_column(UTCDateTime)
    friction_score: Mapped[float] = mapped_column(Float, default=0.0)
    top_reason_code: Mapped[str | None] = mapped_column(String(64))
    top_reason_message: Mapped[str | None] = mapped_column(Text)
    last_message: Mapped[str | None] = mapped_column(Text)
    # The seq of the conversation's latest message; bumped under the conversation's row lock.
    last_seq: Mapped[int] = mapped_column(Integer, default=0, server_default=text("0"))


class Message(Base):
    __tablename__ = "messages"
    __table_args__ = (
        UniqueConstraint("conversation_id", "idempotency_key", name="uq_messages_idempotency"),
        Index("uq_messages_seq", "conversation_id", "seq", unique=True),
    )

    id: Mapped[str] = _id_column()
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    seq: Mapped[int] = mapped_column(Integer)
    role: Mapped[str] = mapped_column(String(16))
    text: Mapped[str] = mapped_column(Text)
    author: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    idempotency_key: Mapped[str | None] = mapped_column(String(200))
    reply_to_id: Mapped[str | None] = mapped_column(String(32))
    suggestion_id: Mapped[str | None] = mapped_column(String(32))
    intent: Mapped[str | None] = mapped_column(String(200))
    confidence: Mapped[float | None] = mapped_column(Float)
    out_of_scope: Mapped[bool] = mapped_column(Boolean, default=False)
    model_version: Mapped[str | None] = mapped_column(String(200))
    prediction: Mapped[dict[str, Any] | None] = mapped_column(JSON)
    decision: Mapped[str | None] = mapped_column(String(32), index=True)
    decision_reasons: Mapped[list[str] | None] = mapped_column(JSON)


class Suggestion(Base):
    __tablename__ = "suggestions"

    id: Mapped[str] = _id_column()
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    message_id: Mapped[str] = mapped_column(ForeignKey("messages.id"), index=True)
    intent: Mapped[str] = mapped_column(String(200))
    title: Mapped[str | None] = mapped_column(String(300))
    reply: Mapped[str | None] = mapped_column(Text)
    confidence: Mapped[float] = mapped_column(Float)
    alternatives: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    model_version: Mapped[str] = mapped_column(String(200))
    status: Mapped[str] = mapped_column(String(16), default="pending", index=True)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    handled_by: Mapped[str | None] = mapped_column(String(200))
    handled_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    final_intent: Mapped[str | None] = mapped_column(String(200))
    final_text: Mapped[str | None] = mapped_column(Text)


class AgentAction(Base):
    __tablename__ = "agent_actions"

    id: Mapped[str] = _id_column()
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    suggestion_id: Mapped[str | None] = mapped_column(String(32), index=True)
    message_id: Mapped[str | None] = mapped_column(String(32))
    actor: Mapped[str] = mapped_column(String(200))
    actor_role: Mapped[str] = mapped_column(String(16))
    action: Mapped[str] = mapped_column(String(32), index=True)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    payload: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)


class FrictionAssessmentRow(Base):
    __tablename__ = "friction_assessments"

    id: Mapped[str] = _id_column()
    conversation_id: Mapped[str] = mapped_column(ForeignKey("conversations.id"), index=True)
    message_id: Mapped[str] = mapped_column(ForeignKey("messages.id"), unique=True)
    score: Mapped[float] = mapped_column(Float)
    escalate: Mapped[bool] = mapped_column(Boolean)
    human_requested: Mapped[bool] = mapped_column(Boolean)
    threshold: Mapped[float] = mapped_column(Float)
    reasons: Mapped[list[dict[str, Any]]] = mapped_column(JSON, default=list)
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ModelVersion(Base):
    __tablename__ = "model_versions"

    version: Mapped[str] = mapped_column(String(200), primary_key=True)
    path: Mapped[str] = mapped_column(Text)
    backend: Mapped[str | None] = mapped_column(String(100))
    created_at: Mapped[datetime | None] = mapped_column(UTCDateTime)
    registered_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    metrics: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    meta: Mapped[dict[str, Any]] = mapped_column(JSON, default=dict)
    active: Mapped[bool] = mapped_column(Boolean, default=False, index=True)


class ModelActivation(Base):
    __tablename__ = "model_activations"

    id: Mapped[str] = _id_column()
    version: Mapped[str] = mapped_column(ForeignKey("model_versions.version"))
    previous_version: Mapped[str | None] = mapped_column(String(200))
    actor: Mapped[str] = mapped_column(String(200))
    reason: Mapped[str | None] = mapped_column(Text)
    automatic: Mapped[bool] = mapped_column(Boolean, default=False)
    at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)


class ApiKey(Base):
    __tablename__ = "api_keys"

    id: Mapped[str] = _id_column()
    name: Mapped[str] = mapped_column(String(200))
    role: Mapped[str] = mapped_column(String(16))
    key_hash: Mapped[str] = mapped_column(String(64), unique=True)
    prefix: Mapped[str] = mapped_column(String(16))
    created_at: Mapped[datetime] = mapped_column(UTCDateTime, default=utcnow)
    revoked: Mapped[bool] = mapped_column(Boolean, default=False)


def _sqlite_serialized(engine: Engine) -> None:
    """Make every SQLite transaction take the write lock at BEGIN.

    SQLite has no ``SELECT ... FOR UPDATE``; ``BEGIN IMMEDIATE`` serialises writers instead,
    so a claim or an idempotency check cannot interleave with another one.
    """

    @event.listens_for(engine, "connect")
    def _connect(dbapi_conn: Any, _record: Any) -> None:
        dbapi_conn.isolation_level = None  # let the "begin" hook below issue BEGIN itself
        cursor = dbapi_conn.cursor()
        cursor.execute("PRAGMA journal_mode=WAL")
        # WAL + NORMAL: no fsync per commit; a power cut may lose the last commits, never corrupts.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.close()

    @event.listens_for(engine, "begin")
    def _begin(conn: Any) -> None:
        conn.exec_driver_sql("BEGIN IMMEDIATE")


def make_engine(url: str) -> Engine:
    """Create the engine for ``url``; SQLite gets serialised transactions (see above).

    Never hold a session open while opening another one on the same engine: on SQLite the
    second would wait for the first's connection.
    """
    if url.startswith("sqlite"):
        # One connection per process: threads queue for it in order instead of meeting SQLite's
        # busy handler, which sleeps with back-off and gives long latency tails under load.
        engine = create_engine(
            url,
            connect_args={"check_same_thread": False, "timeout": 30},
            pool_size=1,
            max_overflow=0,
            pool_timeout=60,
        )
        _sqlite_serialized(engine)
        return engine
    return create_engine(url, pool_pre_ping=True, pool_size=10, max_overflow=20)


def make_sessionmaker(engine: Engine) -> sessionmaker:
    return sessionmaker(bind=engine, expire_on_commit=False)
