"""The application factory. Nothing happens at import: the engine, the providers and the
answer library are made when ``create_app`` is called (``replydesk serve`` has uvicorn call
``create_server_app`` with ``factory=True`` in each worker)."""

from __future__ import annotations

import gc
import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.concurrency import run_in_threadpool

from models.answers import AnswerLibrary, AnswerLibraryError
from models.policy import PolicySettings
from replydesk.settings import Settings, get_settings
from service.api.main import api_router, ops_router
from service.crud.messages import TurnTools
from service.db import make_engine, make_sessionmaker
from service.errors import ServiceError
from service.metrics import MetricsMiddleware, ServiceMetrics
from service.providers import (
    ClassifierProvider,
    DefaultFrictionProvider,
    FrictionProvider,
    RegistryClassifierProvider,
)
from service.security import PrincipalCache

log = logging.getLogger(__name__)


def _load_answers(settings: Settings) -> tuple[AnswerLibrary | None, str | None]:
    try:
        library = AnswerLibrary.load(settings.answers_path)
    except AnswerLibraryError as exc:
        log.warning("%s; suggestions will carry no reply text and nothing is sent automatically", exc)
        return None, str(exc)
    # The deployment's own values (REPLYDESK_ANSWER_VALUES) win over the library's defaults.
    return replace(library, defaults={**library.defaults, **settings.answer_values}), None


def _validation_message(exc: RequestValidationError) -> str:
    """One readable sentence for a 422 (the contract promises ``{"detail": "<message>"}``)."""
    parts = []
    for err in exc.errors():
        if err.get("type") == "json_invalid":
            return f"malformed JSON body: {err.get('ctx', {}).get('error', err.get('msg'))}"
        where = ".".join(str(p) for p in err.get("loc", ()) if p != "body") or "body"
        parts.append(f"{where}: {err.get('msg')}")
    return "; ".join(parts) or "invalid request"


def create_app(
    settings: Settings | None = None,
    classifier_provider: ClassifierProvider | None = None,
    friction_provider: FrictionProvider | None = None,
    *,
    freeze_gc: bool = False,
) -> FastAPI:
    """Build the service for ``settings`` (default: ``get_settings()``).

    The providers default to the model registry (the active row of ``model_versions``) and the
    friction detector in ``friction_dir``; tests pass fakes. The database must be migrated
    already (``service.migrate.upgrade``; ``replydesk serve`` does it). ``freeze_gc``: after
    startup, exclude every object alive then from garbage collection (a server process; see
    ``create_server_app``).
    """
    settings = settings or get_settings()
    engine = make_engine(settings.effective_database_url)
    sessions = make_sessionmaker(engine)
    answers, answers_problem = _load_answers(settings)
    tools = TurnTools(
        classifier=classifier_provider
        or RegistryClassifierProvider(sessions, settings.models_dir, batch=settings.batch_predictions),
        friction=friction_provider or DefaultFrictionProvider(settings.friction_dir),
        answers=answers,
        policy=PolicySettings(
            auto_reply_enabled=settings.auto_reply_enabled,
            min_auto_confidence=settings.min_auto_confidence,
            calm_below=settings.calm_below,
            friction_threshold=settings.friction_threshold,
        ),
    )

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        # Load the model and the detector before the first message rather than during it.
        for provider, what in ((tools.classifier, "model"), (tools.friction, "friction detector")):
            problem = await run_in_threadpool(provider.status)
            if problem:
                log.warning("starting without a %s: %s", what, problem)
        if freeze_gc:
            # Torch, transformers and the models leave about half a million long-lived objects
            # that every full collection would walk again: 0.25-0.5 s with the GIL held, a
            # latency spike for every request in flight. Frozen, collections skip them.
            gc.freeze()
        yield
        engine.dispose()

    app = FastAPI(
        title="ReplyDesk",
        version="1",
        summary="Calibrated reply suggestions, friction detection and human handoff.",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.engine = engine
    app.state.sessions = sessions
    app.state.tools = tools
    app.state.answers_problem = answers_problem
    app.state.metrics = ServiceMetrics()
    app.state.principals = PrincipalCache()
    app.add_middleware(MetricsMiddleware, metrics=app.state.metrics)

    @app.exception_handler(ServiceError)
    async def _service_error(request: Request, exc: ServiceError) -> JSONResponse:
        return JSONResponse({"detail": str(exc)}, status_code=exc.status_code)

    @app.exception_handler(RequestValidationError)
    async def _invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        return JSONResponse({"detail": _validation_message(exc)}, status_code=422)

    app.include_router(api_router)
    app.include_router(ops_router)
    return app


def create_server_app() -> FastAPI:
    """The app ``replydesk serve`` runs in each worker: ``create_app()`` with ``freeze_gc``."""
    return create_app(freeze_gc=True)
