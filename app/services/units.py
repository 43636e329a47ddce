"""A unit of work in a worker thread, for the services' async entry points.

An action that needs both the database and the event loop (starting a session hands it to the
scheduler on the loop; a re-judge starts a background task there) is an `async def` in its
service: it awaits `in_thread(fn, ...)`, where `fn(*, session, ...)` does the database work and
commits, then does its loop work itself. Nothing is handed from a thread to the loop, and the
loop never waits for the database."""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import Any, TypeVar

from app.db import session_scope

T = TypeVar("T")


def _run(fn: Callable[..., T], kwargs: dict[str, Any]) -> T:
    with session_scope() as session:
        return fn(session=session, **kwargs)


async def in_thread(fn: Callable[..., T], /, **kwargs: Any) -> T:
    """fn(session=…, **kwargs) with its own unit of work, in a worker thread."""
    return await asyncio.to_thread(_run, fn, kwargs)
