"""Conversations as channels see them (create, post a customer message, read replies) and the
full view agents see.

The two routes a chat channel calls for every customer are ``async`` and hand their database
work to the thread pool themselves: FastAPI validates a plain ``def`` route's response in a
second thread-pool hop, and each hop costs more CPU than the validation.
"""

from __future__ import annotations

from fastapi import APIRouter, Request, status
from starlette.concurrency import run_in_threadpool

from service.api.deps import AgentKey, ChannelKey, ChannelOrAgentKey, SessionDep, ToolsDep
from service.crud import conversations as crud
from service.crud.messages import post_customer_message
from service.crud.outcomes import friction_dict
from service.schemas import (
    ConversationCreate,
    ConversationDetail,
    ConversationPublic,
    FrictionOut,
    MessageCreate,
    MessageOutcome,
    MessagePublic,
    ReplyOut,
    SuggestionPublic,
)

router = APIRouter(prefix="/conversations", tags=["conversations"])


@router.post("", response_model=ConversationPublic, status_code=status.HTTP_201_CREATED)
async def create_conversation(
    body: ConversationCreate, session: SessionDep, key: ChannelKey
) -> ConversationPublic:
    """Open a conversation for a customer; the bot owns it until the policy wants a person."""
    conv = await run_in_threadpool(
        crud.create_conversation,
        session=session,
        who=key,
        channel=body.channel,
        customer_name=body.customer_name,
        external_id=body.external_id,
    )
    return ConversationPublic.model_validate(conv)


@router.post("/{conversation_id}/messages", response_model=MessageOutcome)
async def post_message(
    conversation_id: str,
    body: MessageCreate,
    session: SessionDep,
    tools: ToolsDep,
    key: ChannelKey,
    request: Request,
) -> MessageOutcome:
    """A customer message: stored, classified, assessed for friction and decided.

    Re-sending the same ``idempotency_key`` returns the first answer and stores nothing new.
    """
    outcome, created = await run_in_threadpool(
        post_customer_message,
        session=session,
        tools=tools,
        conversation_id=conversation_id,
        text=body.text,
        idempotency_key=body.idempotency_key,
    )
    if created:
        request.app.state.metrics.decisions.labels(outcome.decision).inc()
    return MessageOutcome.model_validate(outcome)


@router.get("/{conversation_id}/replies", response_model=list[ReplyOut])
def list_replies(
    conversation_id: str, session: SessionDep, key: ChannelOrAgentKey, after: str | None = None
) -> list[ReplyOut]:
    """What the customer should see (bot and agent messages), oldest first, after ``after``."""
    rows = crud.replies_of(session=session, conversation_id=conversation_id, after=after)
    return [ReplyOut.model_validate(m) for m in rows]


@router.get("/{conversation_id}", response_model=ConversationDetail)
def read_conversation(conversation_id: str, session: SessionDep, key: AgentKey) -> ConversationDetail:
    """History, suggestions (with confidence and alternatives) and the latest friction reasons."""
    conv = crud.get_conversation(session, conversation_id)
    friction = friction_dict(crud.latest_friction(session, conversation_id))
    return ConversationDetail(
        conversation=ConversationPublic.model_validate(conv),
        messages=[MessagePublic.model_validate(m) for m in crud.messages_of(session, conversation_id)],
        suggestions=[
            SuggestionPublic.model_validate(s) for s in crud.suggestions_of(session, conversation_id)
        ],
        friction=FrictionOut.model_validate(friction) if friction else None,
    )
