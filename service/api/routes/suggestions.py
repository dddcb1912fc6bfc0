"""Agents' verdicts on suggestions; each one is stored as a training label (409 once handled)."""

from __future__ import annotations

from fastapi import APIRouter

from service.api.deps import AgentKey, SessionDep, ToolsDep
from service.crud.suggestions import SuggestionAct, act_on_suggestion, get_suggestion
from service.schemas import ChooseIn, RejectIn, SuggestionPublic, TextIn

router = APIRouter(prefix="/suggestions", tags=["suggestions"])


@router.get("/{suggestion_id}", response_model=SuggestionPublic)
def read_suggestion(suggestion_id: str, session: SessionDep, key: AgentKey) -> SuggestionPublic:
    return SuggestionPublic.model_validate(get_suggestion(session, suggestion_id))


@router.post("/{suggestion_id}/approve", response_model=SuggestionPublic)
def approve(suggestion_id: str, session: SessionDep, tools: ToolsDep, key: AgentKey) -> SuggestionPublic:
    """Send the suggested reply as it is."""
    row = act_on_suggestion(
        session=session,
        suggestion_id=suggestion_id,
        who=key,
        act=SuggestionAct.APPROVE,
        answers=tools.answers,
    )
    return SuggestionPublic.model_validate(row)


@router.post("/{suggestion_id}/edit", response_model=SuggestionPublic)
def edit(
    suggestion_id: str, body: TextIn, session: SessionDep, tools: ToolsDep, key: AgentKey
) -> SuggestionPublic:
    """Send an edited version of the suggested reply (the edit is kept as a label)."""
    row = act_on_suggestion(
        session=session,
        suggestion_id=suggestion_id,
        who=key,
        act=SuggestionAct.EDIT,
        text=body.text,
        answers=tools.answers,
    )
    return SuggestionPublic.model_validate(row)


@router.post("/{suggestion_id}/choose", response_model=SuggestionPublic)
def choose(
    suggestion_id: str, body: ChooseIn, session: SessionDep, tools: ToolsDep, key: AgentKey
) -> SuggestionPublic:
    """Send the answer of one of the alternatives instead (the right intent, as a label)."""
    row = act_on_suggestion(
        session=session,
        suggestion_id=suggestion_id,
        who=key,
        act=SuggestionAct.CHOOSE,
        intent=body.intent,
        answers=tools.answers,
    )
    return SuggestionPublic.model_validate(row)


@router.post("/{suggestion_id}/reject", response_model=SuggestionPublic)
def reject(
    suggestion_id: str, session: SessionDep, tools: ToolsDep, key: AgentKey, body: RejectIn | None = None
) -> SuggestionPublic:
    """Send nothing; the agent answers in their own words."""
    row = act_on_suggestion(
        session=session,
        suggestion_id=suggestion_id,
        who=key,
        act=SuggestionAct.REJECT,
        reason=body.reason if body else None,
        answers=tools.answers,
    )
    return SuggestionPublic.model_validate(row)
