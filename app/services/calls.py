"""The dashboard's one way into the services: each call is a unit of work in a worker thread.

Reflex runs event handlers on the backend's event loop, which every running session, live feed
and page shares; a database query there stalls them all while it waits (for SQLite's write
lock, say). So the dashboard never opens a database session itself: it awaits `as_caller`
(the signed-in caller, checked afresh from their token) or `anonymous` (sign-in, invitations),
which run the service function with its own unit of work in a thread and hand back its result
or its ServiceError.

A service function for the dashboard has the shape the REST routes use:
`fn(*, session, principal, **kwargs)` (or without `principal` for `anonymous`), or it is one of
the services' async entry points `async fn(*, principal, **kwargs)` (an action that also works
on the event loop, like starting a session: app/services/units.py), which is awaited here.
"""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable
from typing import Any, TypeVar

from app.db import session_scope
from app.services import accounts, units
from app.services.access import Principal, RequestMeta

T = TypeVar("T")


def caller(*, credential: str, meta: RequestMeta) -> Principal:
    """Who holds `credential` (blocking: call it in a worker thread)."""
    with session_scope() as session:
        return accounts.authenticate(session=session, credential=credential, meta=meta)


def run_as(service: Callable[..., T], /, *, credential: str, meta: RequestMeta, **kwargs: Any) -> T:
    """service(session=…, principal=…, **kwargs) for the holder of `credential`, in this thread."""
    principal = caller(credential=credential, meta=meta)
    with session_scope() as session:
        return service(session=session, principal=principal, **kwargs)


async def as_caller(service: Callable[..., Any], /, *, credential: str, meta: RequestMeta, **kwargs: Any) -> Any:
    """`run_as` in a worker thread: the event loop stays free while the database works. An async
    entry point is awaited with the caller, checked in a worker thread."""
    if inspect.iscoroutinefunction(service):
        principal = await asyncio.to_thread(caller, credential=credential, meta=meta)
        return await service(principal=principal, **kwargs)
    return await asyncio.to_thread(run_as, service, credential=credential, meta=meta, **kwargs)


async def anonymous(service: Callable[..., T], /, **kwargs: Any) -> T:
    """service(session=…, **kwargs) with no caller (sign-in, an invitation), in a worker thread."""
    return await units.in_thread(service, **kwargs)
