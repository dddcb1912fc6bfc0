"""Live figures: automation rate, suggestion acceptance, escalations, per intent, reliability."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.deps import AgentKey, SessionDep
from service.crud.stats import compute_stats
from service.schemas import Stats

router = APIRouter(tags=["stats"])


@router.get("/stats", response_model=Stats)
def read_stats(session: SessionDep, key: AgentKey) -> Stats:
    return Stats.model_validate(compute_stats(session=session))
