"""The request's database session (app/api/deps.py `get_db`): made and closed on the loop when
its work has ended, closed in a thread when it is still in a transaction (closing rolls back on
its connection: database work, never on the loop)."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import Callable

from sqlalchemy import event, text

from app.api.deps import get_db
from app.db import get_engine


def _returns(engine) -> tuple[list[threading.Thread], Callable[[], None]]:
    """The threads that give a connection back to the pool (with its reset: a rollback)."""
    seen: list[threading.Thread] = []

    def checkin(dbapi_connection, record) -> None:
        seen.append(threading.current_thread())

    event.listen(engine.pool, "checkin", checkin)
    return seen, lambda: event.remove(engine.pool, "checkin", checkin)


async def _request(work) -> None:
    dependency = get_db()
    session = await anext(dependency)
    await asyncio.to_thread(work, session)  # what a sync dependency or route does, in a thread
    try:
        await anext(dependency)
    except StopAsyncIteration:
        pass


async def test_a_session_whose_work_was_committed_is_closed_on_the_loop_touching_nothing() -> None:
    engine = get_engine()
    held = engine.pool.checkedout()  # the session writer keeps one for its life
    seen, stop = _returns(engine)
    loop_thread = threading.current_thread()
    returned_by_work: list[int] = []

    def work(session) -> None:
        session.execute(text("SELECT 1"))
        session.commit()  # as get_principal ends its read: the connection goes back here
        returned_by_work.append(len(seen))

    try:
        await _request(work)
    finally:
        stop()
    assert returned_by_work == [1] and len(seen) == 1 and seen[0] is not loop_thread  # nothing at the close
    assert engine.pool.checkedout() == held


async def test_a_session_left_in_a_transaction_is_closed_in_a_thread() -> None:
    engine = get_engine()
    held = engine.pool.checkedout()  # the session writer keeps one for its life
    seen, stop = _returns(engine)
    loop_thread = threading.current_thread()

    def work(session) -> None:
        session.execute(text("SELECT 1"))  # a read, not committed: the connection is still held
        assert not seen

    try:
        await _request(work)
    finally:
        stop()
    assert len(seen) == 1 and seen[0] is not loop_thread  # given back (rolled back) off the loop
    assert engine.pool.checkedout() == held
