"""Typed dependencies shared by the routes: the database session and the caller."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import Depends, Header, Query, Request
from fastapi.security import APIKeyHeader, HTTPAuthorizationCredentials, HTTPBearer
from sqlmodel import Session

from app.db import get_engine
from app.services import accounts, origins
from app.services.access import Principal, RequestMeta
from app.services.errors import AuthenticationFailed, PermissionDenied
from app.services.security import SESSION_COOKIE as TOKEN_COOKIE


async def get_db() -> AsyncIterator[Session]:
    """The request's database session, made and closed on the loop without a trip to a thread:
    making one connects to nothing, and closing one whose work has ended (committed, as
    `get_principal` leaves it) touches nothing either. One still in a transaction (a sync route
    that only read) is closed in a thread, since closing it rolls back on its connection."""
    session = Session(get_engine(), expire_on_commit=False)
    try:
        yield session
    finally:
        if session.in_transaction():
            await asyncio.to_thread(session.close)
        else:
            session.close()


SessionDep = Annotated[Session, Depends(get_db)]


# The dependencies that only read the request are `async def`: FastAPI runs a plain `def`
# dependency in a worker thread, a thread trip per request for reading two headers.


async def get_request_meta(request: Request) -> RequestMeta:
    """The caller's address and user agent, which the services write to the audit log."""
    ip = request.client.host if request.client else ""
    return RequestMeta(ip=ip, user_agent=request.headers.get("user-agent", ""))


RequestMetaDep = Annotated[RequestMeta, Depends(get_request_meta)]

# Declared as security schemes so the OpenAPI document (and /docs) knows both ways in.
_bearer = HTTPBearer(auto_error=False, description="A JWT from /api/auth/login, or an API key")
_api_key = APIKeyHeader(name="X-API-Key", auto_error=False, description="An API key from /api/auth/api-keys")


def get_principal(
    session: SessionDep,
    meta: RequestMetaDep,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    api_key: Annotated[str | None, Depends(_api_key)],
    x_workspace_id: Annotated[
        str | None, Header(description="Act in this workspace (token callers who belong to several)")
    ] = None,
) -> Principal:
    credential = bearer.credentials if bearer else api_key
    if not credential:
        raise AuthenticationFailed(
            "Authentication required: send Authorization: Bearer <token or API key> or X-API-Key"
        )
    principal = accounts.authenticate(session=session, credential=credential, workspace_id=x_workspace_id, meta=meta)
    # End the read so that the connection goes back to the pool: held while this request waits
    # for a worker thread to run its route, it deadlocks the pool once every thread waits for one.
    session.commit()
    return principal


CurrentPrincipal = Annotated[Principal, Depends(get_principal)]


async def get_stream_credential(
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
    api_key: Annotated[str | None, Depends(_api_key)],
    token: Annotated[str | None, Query(description="For EventSource clients, which cannot send headers")] = None,
) -> str:
    """The credential of a stream: also ?token= and the dashboard's cookie, since a browser's
    EventSource or WebSocket cannot set an Authorization header."""
    credential = (bearer.credentials if bearer else None) or api_key or token or request.cookies.get(TOKEN_COOKIE)
    if not credential:
        raise AuthenticationFailed("Authentication required: a bearer token, an API key, ?token= or a session cookie")
    return credential


StreamCredential = Annotated[str, Depends(get_stream_credential)]


def get_stream_principal(session: SessionDep, credential: StreamCredential) -> Principal:
    return accounts.authenticate(session=session, credential=credential)


StreamPrincipal = Annotated[Principal, Depends(get_stream_principal)]


async def request_credential(
    request: Request,
    bearer: Annotated[HTTPAuthorizationCredentials | None, Depends(_bearer)],
) -> str:
    """The access token of a request: its bearer token, else the dashboard's cookie."""
    credential = (bearer.credentials if bearer else None) or request.cookies.get(TOKEN_COOKIE)
    if not credential:
        raise AuthenticationFailed("Authentication required: a bearer token or the dashboard's session cookie")
    return credential


RequestCredential = Annotated[str, Depends(request_credential)]


async def require_same_origin(request: Request) -> None:
    """A browser's request from another site is refused (cookie-setting endpoints, /api/ws):
    its Origin must be this app's own, MIMIC_PUBLIC_URL's, or one of MIMIC_ALLOWED_ORIGINS.
    Requests without an Origin (scripts, the CLI) carry no ambient credentials to abuse."""
    origin = request.headers.get("origin")
    if origin is not None and not origins.allowed(origin, host=request.headers.get("host", "")):
        raise PermissionDenied(f"Requests from {origin[:100]} are not accepted here")


SameOrigin = Depends(require_same_origin)
