"""The session writer (app/services/writer.py) on the real test database: what queues up while it
commits goes in one transaction; a write is answered once committed; one bad write in a batch
fails alone; a write whose runner stopped waiting still lands."""

from __future__ import annotations

import asyncio
import threading

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import select

from app.models import SimSession
from app.models.base import new_id, utcnow
from app.models.session import LLMCall, Message
from app.services.writer import BatchWriter, Rows


@pytest.fixture
def writer() -> BatchWriter:
    return BatchWriter(name="test-session-writer")


def _rename(db, session_id: str, name: str) -> str:
    row = db.get(SimSession, session_id)
    row.end_reason = name
    db.add(row)
    return name


def _hold(db, release: threading.Event, holding: threading.Event) -> None:
    holding.set()
    release.wait(10)


async def _blocked(writer: BatchWriter) -> tuple[asyncio.Task, threading.Event]:
    """The writer busy with a write that waits for the returned event: what comes meanwhile queues."""
    release, holding = threading.Event(), threading.Event()
    task = asyncio.create_task(writer.write(_hold, release, holding))
    assert await asyncio.to_thread(holding.wait, 10)
    return task, release


async def test_writes_queued_during_a_commit_share_the_next_transaction(writer, db, stored_session) -> None:
    task, release = await _blocked(writer)
    writes = [asyncio.create_task(writer.write(_rename, stored_session.id, f"name-{i}")) for i in range(20)]
    await asyncio.sleep(0.05)  # every write queued behind the held one
    release.set()
    assert await asyncio.gather(*writes) == [f"name-{i}" for i in range(20)]
    await task
    assert (writer.batches, writer.writes) == (2, 21)  # the held write, then the 20 together
    db.expire_all()
    assert db.get(SimSession, stored_session.id).end_reason == "name-19"  # in order, all committed


def _insert_twice(db, row_id: str, workspace_id: str) -> None:
    for _ in range(2):  # the second breaks the primary key
        db.add(SimSession(id=row_id, workspace_id=workspace_id, created_at=utcnow()))
        db.flush()


async def test_a_failing_write_fails_alone_and_the_rest_of_its_batch_commits(writer, db, stored_session) -> None:
    task, release = await _blocked(writer)
    before = asyncio.create_task(writer.write(_rename, stored_session.id, "before"))
    bad = asyncio.create_task(writer.write(_insert_twice, "broken-session-id", stored_session.workspace_id))
    after = asyncio.create_task(writer.write(_rename, stored_session.id, "after"))
    await asyncio.sleep(0.05)
    release.set()
    await task
    assert await before == "before" and await after == "after"
    with pytest.raises(IntegrityError):
        await bad
    db.expire_all()
    assert db.get(SimSession, stored_session.id).end_reason == "after"
    assert db.exec(select(SimSession).where(SimSession.id == "broken-session-id")).first() is None


async def test_a_write_lands_even_when_its_waiter_is_cancelled(writer, db, stored_session) -> None:
    task, release = await _blocked(writer)
    abandoned = asyncio.create_task(writer.write(_rename, stored_session.id, "landed"))
    await asyncio.sleep(0.05)
    abandoned.cancel()
    release.set()
    await task
    # A write queued after it is answered after it: by then the abandoned one has committed.
    assert await writer.write(_read, stored_session.id) == "landed"
    db.expire_all()
    assert db.get(SimSession, stored_session.id).end_reason == "landed"
    assert abandoned.cancelled()


def _read(db, session_id: str) -> str | None:
    return db.get(SimSession, session_id).end_reason


def _message(session: SimSession, sequence: int, **fields) -> dict:
    return {"id": new_id(), "workspace_id": session.workspace_id, "session_id": session.id, "sequence": sequence,
            "role": "persona", "content": f"message {sequence}", "latency_ms": None, "prompt_tokens": None,
            "completion_tokens": None, "cost": None, "model": None, "meta": {}, "created_at": utcnow(),
            **fields}  # fmt: skip


async def test_rows_of_a_batch_are_merged_and_a_bad_one_fails_alone(writer, db, stored_session) -> None:
    """Rows from many writes in one transaction: every row inserted, counters summed per row
    (amounts added, values the last given), a write whose insert breaks a key refused alone."""
    messages, calls = Message.__table__, LLMCall.__table__
    sessions = SimSession.__table__
    before = (stored_session.message_count, stored_session.total_tokens)
    task, release = await _blocked(writer)
    stamps = [utcnow() for _ in range(10)]
    good = []
    for i in range(10):
        call = {"id": new_id(), "workspace_id": stored_session.workspace_id, "session_id": stored_session.id,
                "role": "simulator", "model": "m", "provider": None, "prompt_tokens": 3, "completion_tokens": 4,
                "cost": 0.5, "latency_ms": 1, "status": "ok", "error": None, "created_at": stamps[i]}  # fmt: skip
        inserts = ((messages, _message(stored_session, 100 + i)), (calls, call))
        bump = (sessions, stored_session.id, {"message_count": 1, "total_tokens": 7, "total_cost": 0.5},
                {"end_reason": f"reason-{i}"})  # fmt: skip
        good.append(asyncio.create_task(writer.rows(Rows(inserts, bump))))
    clash = asyncio.create_task(writer.rows(Rows(((messages, _message(stored_session, 100)),))))  # sequence taken
    await asyncio.sleep(0.05)
    release.set()
    await task
    await asyncio.gather(*good)
    with pytest.raises(IntegrityError):
        await clash
    db.expire_all()
    row = db.get(SimSession, stored_session.id)
    assert (row.message_count, row.total_tokens) == (before[0] + 10, before[1] + 70)
    assert row.end_reason == "reason-9"
    stored = db.exec(select(Message.sequence).where(Message.session_id == stored_session.id, Message.sequence >= 100))
    assert sorted(stored.all()) == list(range(100, 110))
    assert len(db.exec(select(LLMCall.id).where(LLMCall.session_id == stored_session.id)).all()) == 10


def test_rows_are_stored_as_sqlalchemy_would_store_them(db, stored_session) -> None:
    """write_rows runs its SQL itself, each value through its column type's conversion: what it
    stores is byte for byte what `connection.execute(table.insert(), rows)` stores (timestamps,
    JSON, floats, None), and a counter row's onupdate column is still set when not given."""
    from sqlalchemy import text

    from app.services.writer import write_rows

    messages, sessions = Message.__table__, SimSession.__table__
    meta = {"action": "continue", "reasoning": "naïve ✓", "nested": [1, 2.5, None, {"k": "v"}]}
    ours = _message(stored_session, 200, meta=meta, cost=0.125, latency_ms=7)
    theirs = {**ours, "id": new_id(), "sequence": 201}
    connection = db.connection()
    connection.execute(messages.insert(), [theirs])
    write_rows(connection, [Rows(((messages, ours),))])
    raw = connection.execute(text("SELECT sequence, created_at, meta, cost, latency_ms, model FROM message "
                                  "WHERE session_id = :s AND sequence >= 200 ORDER BY sequence"),
                             {"s": stored_session.id}).all()  # fmt: skip
    assert raw[0][1:] == raw[1][1:]
    stored = db.exec(select(Message).where(Message.id == ours["id"])).one()
    assert (stored.meta, stored.created_at, stored.cost) == (meta, ours["created_at"], 0.125)

    before = db.get(SimSession, stored_session.id).updated_at
    write_rows(connection, [Rows((), (sessions, stored_session.id, {"message_count": 2}, {"end_reason": "r"}))])
    db.commit()
    db.expire_all()
    row = db.get(SimSession, stored_session.id)
    assert row.end_reason == "r" and row.updated_at > before  # set by the column's onupdate


def test_a_rows_counters_are_one_update_and_a_clash_keeps_the_order(db, stored_session) -> None:
    """A turn's two messages bump the session with different columns: one UPDATE of the row,
    amounts summed, values the last given. A column added to in one write and set in a later
    one is two updates, in that order."""
    from sqlalchemy import event

    from app.services.writer import write_rows

    sessions = SimSession.__table__
    connection = db.connection()
    updates: list[str] = []

    def seen(_conn, _cursor, statement, *_args) -> None:
        if statement.lstrip().upper().startswith("UPDATE"):
            updates.append(statement)

    before = db.get(SimSession, stored_session.id)
    cost = before.total_cost
    first, last = utcnow(), utcnow()
    event.listen(connection, "before_cursor_execute", seen)
    try:
        write_rows(connection, [
            Rows((), (sessions, stored_session.id, {"message_count": 1, "total_cost": 0.25}, {"updated_at": first})),
            Rows((), (sessions, stored_session.id, {"message_count": 1}, {"updated_at": last})),
        ])  # fmt: skip
        assert len(updates) == 1
        stamp = connection.execute(select(SimSession.updated_at).where(SimSession.id == stored_session.id)).scalar()
        assert stamp in (last, last.replace(tzinfo=None))  # as read back by this database's driver
        write_rows(connection, [
            Rows((), (sessions, stored_session.id, {"message_count": 1}, {})),
            Rows((), (sessions, stored_session.id, {}, {"message_count": 40})),
        ])  # fmt: skip
        assert len(updates) == 3
    finally:
        event.remove(connection, "before_cursor_execute", seen)
    db.commit()
    db.expire_all()
    row = db.get(SimSession, stored_session.id)
    assert (row.message_count, row.total_cost) == (40, cost + 0.25)
