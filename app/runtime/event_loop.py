"""The backend's event loop, reachable from the threads that serve the REST API.

Route handlers that touch the database are plain functions, which FastAPI runs in its thread
pool: blocking database work on the event loop would stall every session and stream while it
waits (on SQLite's write lock, say). What must happen on the loop itself (a session's task is
created there, the webhook dispatcher starts there) is handed to it: `post` does not wait
(a session's task is created as soon as the loop gets to it; whatever comes first, its claim
in the database decides whether it runs), `call` waits for the result.

The loop is bound by the backend's start-up (a lifespan task) and by every API request
(app/api/middleware.py `BindEventLoop`), so that the API served alone (by uvicorn, in tests) finds its loop too.
"""

from __future__ import annotations

import asyncio
import concurrent.futures
import logging
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")

logger = logging.getLogger("mimic.event_loop")

HANDOVER_TIMEOUT_S = 60.0

_loop: asyncio.AbstractEventLoop | None = None


class NoLoop(RuntimeError):
    """No event loop runs in this process for work to be handed to (a script, say)."""


def bind(loop: asyncio.AbstractEventLoop | None = None) -> None:
    """Remembers the running loop (or `loop`) as the one sessions run on."""
    global _loop
    _loop = loop or asyncio.get_running_loop()


def current() -> asyncio.AbstractEventLoop | None:
    return _loop


def _on_a_loop() -> bool:
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return False
    return True


def _bound() -> asyncio.AbstractEventLoop:
    loop = _loop
    if loop is None or loop.is_closed() or not loop.is_running():
        raise NoLoop("no event loop to run this on: the backend has not started")
    return loop


def post(fn: Callable[..., object], *args) -> None:
    """fn(*args) on the backend's loop without waiting for it: at once when called on a running
    loop, else in the order posted, after what the loop is doing. A failure is logged."""
    if _on_a_loop():
        fn(*args)
        return

    def run() -> None:
        try:
            fn(*args)
        except Exception:
            logger.exception("%s failed on the event loop", getattr(fn, "__name__", fn))

    _bound().call_soon_threadsafe(run)


def call(fn: Callable[..., T], *args) -> T:
    """fn(*args) on the backend's loop: at once when called on a running loop, else handed to
    the bound loop and waited for (from a route's worker thread)."""
    if _on_a_loop():
        return fn(*args)
    loop = _bound()
    done: concurrent.futures.Future = concurrent.futures.Future()

    def run() -> None:
        try:
            done.set_result(fn(*args))
        except BaseException as exc:  # noqa: BLE001 - re-raised in the calling thread
            done.set_exception(exc)

    loop.call_soon_threadsafe(run)
    return done.result(timeout=HANDOVER_TIMEOUT_S)


_spawned: set = set()


def spawn(make_coroutine: Callable[[], object], name: str) -> None:
    """A background task on the backend's loop (kept referenced until it ends), from a
    route's worker thread or from the loop itself. A failure is logged."""

    def start() -> None:
        task = asyncio.get_running_loop().create_task(make_coroutine(), name=name)  # type: ignore[arg-type]
        _spawned.add(task)

        def done(finished: asyncio.Task) -> None:
            _spawned.discard(finished)
            if not finished.cancelled() and finished.exception() is not None:
                logger.error("%s failed", name, exc_info=finished.exception())

        task.add_done_callback(done)

    post(start)
