"""Dependencies shared by the routes, as type aliases so routes read like a sentence."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Annotated

from fastapi import Depends, HTTPException, Request, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.orm import Session

from service.crud import keys as keys_crud
from service.crud.messages import TurnTools
from service.security import KeyRole, Principal

_bearer = HTTPBearer(auto_error=False, description="An API key from `replydesk create-key`.")


def get_db(request: Request) -> Iterator[Session]:
    with request.app.state.sessions() as session:
        yield session


SessionDep = Annotated[Session, Depends(get_db)]


def get_tools(request: Request) -> TurnTools:
    return request.app.state.tools


ToolsDep = Annotated[TurnTools, Depends(get_tools)]


def current_key(
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
    principal = keys_crud.authenticate(
        session=session, secret=credentials.credentials, cache=request.app.state.principals
    )
    if principal is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid or revoked API key", challenge)
    return principal


CurrentKey = Annotated[Principal, Depends(current_key)]


def require(*roles: KeyRole) -> Callable[[Principal], Principal]:
    """A dependency admitting keys with one of ``roles`` (admin always); 403 otherwise."""
    wanted = " or ".join(r.value for r in roles)

    def dependency(key: CurrentKey) -> Principal:
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
