"""Pydantic schemas of the HTTP API (the edge); the shapes are documented in docs/api.md."""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, field_validator

MAX_TEXT = 10_000


def _not_blank(value: str) -> str:
    if not value.strip():
        raise ValueError("must not be empty")
    return value


class TextIn(BaseModel):
    """A message text: 1 to 10,000 characters, not only whitespace."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, max_length=MAX_TEXT)

    _check_text = field_validator("text")(_not_blank)


class ReasonOut(BaseModel):
    code: str
    message: str


# --- conversations ---------------------------------------------------------------------


class ConversationCreate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    channel: str = Field(default="web", min_length=1, max_length=64)
    customer_name: str | None = Field(default=None, max_length=200)
    external_id: str | None = Field(default=None, max_length=200)


class ConversationPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    channel: str
    customer_name: str | None
    external_id: str | None
    status: str
    agent: str | None
    created_at: datetime
    updated_at: datetime
    waiting_since: datetime | None
    friction_score: float


class MessageCreate(TextIn):
    idempotency_key: str | None = Field(default=None, min_length=1, max_length=200)


class FrictionReasonOut(BaseModel):
    code: str
    message: str
    turn_index: int
    message_id: str | None = None
    text: str
    weight: float = 0.0


class FrictionOut(BaseModel):
    score: float
    escalate: bool
    human_requested: bool = False
    threshold: float | None = None
    reasons: list[FrictionReasonOut] = []


class MessageOutcome(BaseModel):
    """What happened to one customer message."""

    model_config = ConfigDict(from_attributes=True)

    message_id: str
    conversation_id: str
    decision: Literal["auto_reply", "suggest", "escalate"]
    reply: str | None
    reasons: list[ReasonOut]
    status: str
    suggestion_id: str | None
    prediction: dict[str, Any] | None
    friction: FrictionOut | None


class ReplyOut(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    role: Literal["bot", "agent"]
    text: str
    created_at: datetime


class MessagePublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    role: str
    text: str
    created_at: datetime
    author: str | None
    intent: str | None = None
    confidence: float | None = None
    decision: str | None = None
    decision_reasons: list[str] | None = None


class AlternativeOut(BaseModel):
    intent: str
    title: str | None
    reply: str | None
    confidence: float


class SuggestionPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    id: str
    conversation_id: str
    message_id: str
    intent: str
    title: str | None
    reply: str | None
    confidence: float
    alternatives: list[AlternativeOut]
    model_version: str
    status: str
    created_at: datetime
    handled_by: str | None
    handled_at: datetime | None
    final_intent: str | None
    final_text: str | None


class ConversationDetail(BaseModel):
    conversation: ConversationPublic
    messages: list[MessagePublic]
    suggestions: list[SuggestionPublic]
    friction: FrictionOut | None


class QueueItem(BaseModel):
    conversation_id: str
    status: str
    customer_name: str | None
    channel: str
    friction_score: float
    top_reason: ReasonOut | None
    waiting_since: datetime | None
    waiting_seconds: float
    last_message: str | None
    agent: str | None


# --- suggestions -------------------------------------------------------------------------


class ChooseIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    intent: str = Field(min_length=1, max_length=200)


class RejectIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str | None = Field(default=None, max_length=2_000)


# --- models ------------------------------------------------------------------------------


class ModelPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    version: str
    backend: str | None
    created_at: datetime | None
    active: bool
    metrics: dict[str, Any]
    path: str


class ActivateIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    reason: str | None = Field(default=None, max_length=2_000)


class ActivationPublic(BaseModel):
    model_config = ConfigDict(from_attributes=True)

    version: str
    previous_version: str | None
    actor: str
    reason: str | None
    automatic: bool
    at: datetime


# --- stats and ops -------------------------------------------------------------------------


class ReliabilityBin(BaseModel):
    low: float
    high: float
    suggestions: int
    accepted_as_is: float | None


class IntentStats(BaseModel):
    intent: str
    messages: int
    auto_replies: int
    approved: int
    edited: int
    chosen: int
    rejected: int


class Stats(BaseModel):
    customer_messages: int
    decisions: dict[str, int]
    automation_rate: float | None
    suggestions_handled: int
    acceptance: dict[str, float | None]
    acceptance_counts: dict[str, int]
    escalations_by_reason: dict[str, int]
    per_intent: list[IntentStats]
    reliability: list[ReliabilityBin]


class Health(BaseModel):
    status: str


class Readiness(BaseModel):
    ready: bool
    database: str
    model: str | None
    model_version: str | None
    friction: str | None
    answers: str | None
    reasons: list[str]
