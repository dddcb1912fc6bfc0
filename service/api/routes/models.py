"""The model registry for the ML team: list trained versions, switch the active one live."""

from __future__ import annotations

from fastapi import APIRouter, Request

from service.api.deps import AdminKey, SessionDep
from service.crud import models as crud
from service.schemas import ActivateIn, ActivationPublic, ModelPublic

router = APIRouter(prefix="/models", tags=["models"])


@router.get("", response_model=list[ModelPublic])
def list_models(session: SessionDep, key: AdminKey, request: Request) -> list[ModelPublic]:
    """Every registered version (the models folder is synced first), newest first."""
    crud.sync_models(session=session, models_dir=request.app.state.settings.models_dir)
    return [ModelPublic.model_validate(m) for m in crud.list_models(session=session)]


@router.get("/activations", response_model=list[ActivationPublic])
def list_activations(session: SessionDep, key: AdminKey) -> list[ActivationPublic]:
    """Who activated which version, when and why, newest first."""
    return [ActivationPublic.model_validate(a) for a in crud.activation_history(session=session)]


@router.post("/{version}/activate", response_model=ModelPublic)
def activate(
    version: str, session: SessionDep, key: AdminKey, request: Request, body: ActivateIn | None = None
) -> ModelPublic:
    """Make ``version`` active; every replica switches within about two seconds, no restart."""
    crud.sync_models(session=session, models_dir=request.app.state.settings.models_dir)
    row = crud.activate(
        session=session, version=version, actor=key.name, reason=body.reason if body else None
    )
    return ModelPublic.model_validate(row)
