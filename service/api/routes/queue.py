"""The agents' queue: conversations needing a person, most urgent first."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.deps import AgentKey, SessionDep
from service.crud import conversations as crud
from service.db import utcnow
from service.schemas import QueueItem, ReasonOut

router = APIRouter(tags=["queue"])


@router.get("/queue", response_model=list[QueueItem])
def read_queue(session: SessionDep, key: AgentKey) -> list[QueueItem]:
    """Waiting and agent-held conversations ordered by friction (in 0.1 steps), then waiting time."""
    now = utcnow()
    return [
        QueueItem(
            conversation_id=c.id,
            status=c.status,
            customer_name=c.customer_name,
            channel=c.channel,
            friction_score=c.friction_score,
            top_reason=ReasonOut(code=c.top_reason_code, message=c.top_reason_message or "")
            if c.top_reason_code
            else None,
            waiting_since=c.waiting_since,
            waiting_seconds=(now - c.waiting_since).total_seconds() if c.waiting_since else 0.0,
            last_message=c.last_message,
            agent=c.agent,
        )
        for c in crud.queue(session=session)
    ]
