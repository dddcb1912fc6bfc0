"""What agents do with a conversation: claim, take over from the bot, hand back, resolve, reply."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.deps import AgentKey, SessionDep
from service.crud import conversations as crud
from service.schemas import ConversationPublic, MessagePublic, TextIn

router = APIRouter(prefix="/conversations", tags=["handoff"])


@router.post("/{conversation_id}/claim", response_model=ConversationPublic)
def claim(conversation_id: str, session: SessionDep, key: AgentKey) -> ConversationPublic:
    """Take a waiting conversation; 409 when another agent holds it."""
    return ConversationPublic.model_validate(
        crud.claim(session=session, conversation_id=conversation_id, who=key)
    )


@router.post("/{conversation_id}/takeover", response_model=ConversationPublic)
def takeover(conversation_id: str, session: SessionDep, key: AgentKey) -> ConversationPublic:
    """Step in where the bot is answering (recorded as feedback on the bot's last turn)."""
    conv = crud.takeover(session=session, conversation_id=conversation_id, who=key)
    return ConversationPublic.model_validate(conv)


@router.post("/{conversation_id}/handback", response_model=ConversationPublic)
def handback(conversation_id: str, session: SessionDep, key: AgentKey) -> ConversationPublic:
    """Give the conversation back to the bot."""
    conv = crud.handback(session=session, conversation_id=conversation_id, who=key)
    return ConversationPublic.model_validate(conv)


@router.post("/{conversation_id}/resolve", response_model=ConversationPublic)
def resolve(conversation_id: str, session: SessionDep, key: AgentKey) -> ConversationPublic:
    """Close the conversation; nothing more can be posted to it."""
    conv = crud.resolve(session=session, conversation_id=conversation_id, who=key)
    return ConversationPublic.model_validate(conv)


@router.post("/{conversation_id}/reply", response_model=MessagePublic)
def reply(conversation_id: str, body: TextIn, session: SessionDep, key: AgentKey) -> MessagePublic:
    """Send the agent's own text; takes the conversation if nobody holds it."""
    msg = crud.agent_reply(session=session, conversation_id=conversation_id, who=key, text=body.text)
    return MessagePublic.model_validate(msg)
