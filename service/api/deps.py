"""Dependencies shared by the routes, as type aliases so routes read like a sentence."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable
from typing import Annotated

import anyio
from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session
from starlette.concurrency import run_in_threadpool

from service.crud import keys as keys_crud
from service.crud.messages import TurnTools
from service.security import KeyRole, Principal, PrincipalCache, hash_key

_bearer = HTTPBearer(auto_error=False, description="An API key from `replydesk create-key`.")


# The dependencies are ``async def`` on purpose: FastAPI runs every plain ``def`` dependency in
# the thread pool, one thread hop each, which cost more CPU per request than the work they do.
# Anything that may touch the database goes to the thread pool explicitly instead.


async def get_db(request: Request) -> AsyncIterator[Session]:
    session = request.app.state.sessions()  # no connection yet: a session connects on first use
    try:
        yield session
    finally:
        if session.in_transaction():  # a route left a transaction open: roll back off the loop
            with anyio.CancelScope(shield=True):  # even for a client gone meanwhile
                await run_in_threadpool(session.close)
        else:
            session.close()


SessionDep = Annotated[Session, Depends(get_db)]


async def get_tools(request: Request) -> TurnTools:
    return request.app.state.tools


ToolsDep = Annotated[TurnTools, Depends(get_tools)]


async def current_key(
    request: Request,
    session: SessionDep,
    credentials: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> Principal:
    """The caller behind ``Authorization: Bearer <key>``; 401 when missing, unknown or revoked."""
    challenge = {"WWW-Authenticate": "Bearer"}
    if credentials is None or not credentials.credentials:
        raise HTTPException(
            status.HTTP_401_UNAUTHORIZED, "missing API key: send 'Authorization: Bearer <key>'", challenge
        )
    cache = request.app.state.principals
    principal = cache.get(hash_key(credentials.credentials))  # a busy key: no query, no thread
    if principal is None:
        principal = await run_in_threadpool(_authenticate, session, credentials.credentials, cache)
    if principal is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid or revoked API key", challenge)
    return principal


def _authenticate(session: Session, secret: str, cache: PrincipalCache) -> Principal | None:
    try:
        return keys_crud.authenticate(session=session, secret=secret, cache=cache)
    finally:
        # End the read at once: holding the connection (on SQLite the only one, with the write
        # lock) until the route's own thread-pool turn could leave every pool thread waiting on it.
        session.rollback()


CurrentKey = Annotated[Principal, Depends(current_key)]


def require(*roles: KeyRole) -> Callable[[Principal], Awaitable[Principal]]:
    """A dependency admitting keys with one of ``roles`` (admin always); 403 otherwise."""
    wanted = " or ".join(r.value for r in roles)

    async def dependency(key: CurrentKey) -> Principal:
        if not key.has_role(*roles):
            raise HTTPException(
                status.HTTP_403_FORBIDDEN, f"this needs a {wanted} key; this key is {key.role}"
            )
        return key

    return dependency


ChannelKey = Annotated[Principal, Depends(require(KeyRole.CHANNEL))]
AgentKey = Annotated[Principal, Depends(require(KeyRole.AGENT))]
AdminKey = Annotated[Principal, Depends(require(KeyRole.ADMIN))]
ChannelOrAgentKey = Annotated[Principal, Depends(require(KeyRole.CHANNEL, KeyRole.AGENT))]
