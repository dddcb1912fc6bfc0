"""Collects the routers: the versioned API under ``/v1`` and the ops endpoints at the root."""

from fastapi import APIRouter

from service.api.routes import conversations, handoff, models, ops, queue, stats, suggestions

api_router = APIRouter(prefix="/v1")
for module in (conversations, handoff, queue, suggestions, models, stats):
    api_router.include_router(module.router)

ops_router = ops.router
