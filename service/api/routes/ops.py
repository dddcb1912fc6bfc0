"""Liveness, readiness and Prometheus metrics (no key needed; keep them off the public edge)."""

from __future__ import annotations

from fastapi import APIRouter, Request, Response
from fastapi.responses import JSONResponse
from prometheus_client import CONTENT_TYPE_LATEST, generate_latest
from sqlalchemy import text

from service.schemas import Health, Readiness

router = APIRouter(tags=["ops"])


@router.get("/healthz", response_model=Health)
def healthz() -> Health:
    """The process is up (says nothing about the database or the model)."""
    return Health(status="ok")


@router.get("/readyz", response_model=Readiness, responses={503: {"model": Readiness}})
def readyz(request: Request) -> Response:
    """Ready when the database answers and a reply model is loaded; 503 with the reasons otherwise."""
    state = request.app.state
    reasons: list[str] = []
    try:
        with state.sessions() as session:
            session.execute(text("SELECT 1"))
        database = "ok"
    except Exception as exc:
        database = f"unreachable: {type(exc).__name__}"
        reasons.append(f"database {database}")
    model_problem = state.tools.classifier.status()
    model = state.tools.classifier.current()
    friction_problem = state.tools.friction.status()
    for problem in (model_problem, friction_problem, state.answers_problem):
        if problem:
            reasons.append(problem)
    state.metrics.model_ready.set(0 if model_problem else 1)
    body = Readiness(
        ready=database == "ok" and model_problem is None,
        database=database,
        model=model_problem or "ok",
        model_version=getattr(model, "version", None) if model is not None else None,
        friction=friction_problem or "ok",
        answers=state.answers_problem or "ok",
        reasons=reasons,
    )
    return JSONResponse(body.model_dump(mode="json"), status_code=200 if body.ready else 503)


@router.get("/metrics", include_in_schema=False)
def metrics(request: Request) -> Response:
    return Response(generate_latest(request.app.state.metrics.registry), media_type=CONTENT_TYPE_LATEST)
