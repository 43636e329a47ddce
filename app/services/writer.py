"""One thread that writes what every running session records, a batch per transaction.

Runners hand their writes here (app/services/session_store.py) and await them: a write is
done when its transaction has committed, so a crash loses nothing a runner went on from. The
thread takes whatever has queued up since its last commit, from every session at once, and
writes it in one transaction: with 200 sessions talking, one commit carries dozens of turns
instead of each turn paying for its own (and, on SQLite, each queueing for the one write lock).

Most of what runners write is rows to insert and counters to add to (a message, its LLM call,
the session's message count and cost): `rows()` hands those over as data, and the writer merges
them across the batch, one executemany per table and one update per counter row, instead of
paying SQLAlchemy's cost per statement for each. Other writes are functions, run in their turn.

If a batch fails, each of its writes is tried again alone, so one session's bad write fails
that write only. A write is therefore a function of the database session and its arguments
that changes nothing outside the database: it may run twice, the first time rolled back.
The thread is the runners' own, apart from the pool litellm and the loop's `to_thread` use.
"""

from __future__ import annotations

import asyncio
import contextvars
import functools
import logging
import os
import queue
import threading
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from sqlalchemy import Connection, Dialect, Insert, Table, Update, bindparam
from sqlmodel import Session

from app.db import get_engine, session_scope

logger = logging.getLogger(__name__)
T = TypeVar("T")

# Writes in one transaction at most: a bound on how long one commit holds the write lock.
MAX_BATCH = 256


@dataclass(slots=True, frozen=True)
class Rows:
    """Rows to insert, in order, and then counters to add to: `bump` is (table, the row's id,
    {column: amount to add}, {column: value to set}). Merged with the other Rows of a batch."""

    inserts: tuple[tuple[Table, dict[str, Any]], ...] = ()
    bump: tuple[Table, str, dict[str, float], dict[str, Any]] | None = None


def write_rows(db: Session | Connection, writes: Iterable[Rows]) -> None:
    """Several Rows as few statements: the inserts table by table and shape (in the order first
    met), then one update per counter row, its amounts summed and its values the last given."""
    inserts: dict[tuple[Table, tuple[str, ...]], list[dict[str, Any]]] = {}
    # A counter row's amounts and values, merged across the batch (one update of the row for a
    # turn's two messages); a column added to in one and set in another starts a second update.
    bumps: dict[tuple[Table, str, int], tuple[dict[str, float], dict[str, Any]]] = {}
    for rows in writes:
        for table, row in rows.inserts:
            inserts.setdefault((table, tuple(row)), []).append(row)
        if rows.bump is not None:
            table, row_id, amounts, values = rows.bump
            turn = 0
            while (table, row_id, turn) in bumps:
                summed, latest = bumps[(table, row_id, turn)]
                if not (summed.keys() & values.keys() or latest.keys() & amounts.keys()):
                    break
                turn += 1
            summed, latest = bumps.setdefault((table, row_id, turn), ({}, {}))
            for name, amount in amounts.items():
                summed[name] = summed.get(name, 0) + amount
            latest.update(values)
    connection = db if isinstance(db, Connection) else db.connection()
    for (table, keys), batch in inserts.items():
        _execute(connection, _insert(table), keys, batch)
    shapes: dict[tuple[Table, tuple[str, ...], tuple[str, ...]], list[dict[str, Any]]] = {}
    for (table, row_id, _turn), (summed, latest) in bumps.items():
        amounts, values = tuple(sorted(summed)), tuple(sorted(latest))
        parameters = {
            "_row_id": row_id,
            **{f"_add_{n}": summed[n] for n in amounts},
            **{f"_set_{n}": latest[n] for n in values},
        }
        shapes.setdefault((table, amounts, values), []).append(parameters)
    for (table, amounts, values), batch in shapes.items():
        _execute(connection, _bump(table, amounts, values), None, batch)


def _execute(connection: Connection, statement: Insert | Update, keys: tuple[str, ...] | None,
             batch: list[dict[str, Any]]) -> None:  # fmt: skip
    """The statement for each row of the batch, as `connection.execute(statement, batch)` runs
    it (the same SQL, each value through its column type's conversion for this database) minus
    SQLAlchemy's work per call: the SQL and the conversions are found once per statement. A
    statement that needs a value the rows do not hold (an `onupdate` column's) is left to it."""
    sql, names, needed, convert = _compiled(statement, connection.dialect, keys)
    if not batch[0].keys() >= needed:  # a value SQLAlchemy makes as it runs (an onupdate column)
        connection.execute(statement, batch)
        return
    rows = [[row[name] if to is None else to(row[name]) for name, to in zip(names, convert, strict=True)]
            for row in batch]  # fmt: skip
    if connection.dialect.positional:
        connection.exec_driver_sql(sql, [tuple(row) for row in rows])
    else:
        connection.exec_driver_sql(sql, [dict(zip(names, row, strict=True)) for row in rows])


@functools.lru_cache(maxsize=256)
def _compiled(
    statement: Insert | Update, dialect: Dialect, keys: tuple[str, ...] | None
) -> tuple[str, tuple[str, ...], frozenset[str], tuple]:
    """The statement's SQL, its parameters' names in order (and as a set), and their conversions."""
    compiled = statement.compile(dialect=dialect, column_keys=list(keys) if keys is not None else None)
    names = tuple(compiled.positiontup if dialect.positional else compiled.binds)  # type: ignore[arg-type]
    convert = tuple(compiled.binds[name].type.dialect_impl(dialect).bind_processor(dialect) for name in names)
    return compiled.string, names, frozenset(names), convert


# The statements are made once per table and shape: building a SQLAlchemy expression (and its
# cache key) each time cost more than executing it.
@functools.cache
def _insert(table: Table) -> Insert:
    return table.insert()


@functools.cache
def _bump(table: Table, amounts: tuple[str, ...], values: tuple[str, ...]) -> Update:
    return (
        table.update()
        .where(table.c.id == bindparam("_row_id"))
        .values(
            {**{n: table.c[n] + bindparam(f"_add_{n}") for n in amounts}, **{n: bindparam(f"_set_{n}") for n in values}}
        )
    )


@dataclass(slots=True, frozen=True)
class _Many:
    """Several Rows handed over as one write (they commit together)."""

    rows: tuple[Rows, ...]


def _rows_of(work: Rows | _Many) -> tuple[Rows, ...]:
    return work.rows if isinstance(work, _Many) else (work,)


def held_then(db: Session, held: tuple[Rows, ...], work: Callable[..., T], *args: Any) -> T:
    """A write that first writes the rows its store held until it: one transaction."""
    write_rows(db, held)
    return work(db, *args)


@dataclass(slots=True)
class _Write:
    work: Callable[..., Any] | Rows | _Many
    args: tuple[Any, ...]
    context: contextvars.Context
    loop: asyncio.AbstractEventLoop
    future: asyncio.Future


def _settle(future: asyncio.Future, failed: BaseException | None, value: Any) -> None:
    if future.done():  # its runner was cancelled meanwhile: the write stands, nobody waits
        return
    if failed is not None:
        future.set_exception(failed)
    else:
        future.set_result(value)


class BatchWriter:
    def __init__(self, *, max_batch: int = MAX_BATCH, name: str = "mimic-session-writer") -> None:
        self._queue: queue.SimpleQueue[_Write] = queue.SimpleQueue()
        self._max_batch = max_batch
        self._name = name
        self._thread: threading.Thread | None = None
        self._pid = 0
        self._lock = threading.Lock()
        self.batches = 0  # transactions committed and the writes they carried (tests/services/test_writer.py)
        self.writes = 0
        # A batch of Rows only (most of them: the turns of running sessions) is written on a
        # connection this thread keeps, without an ORM session or a trip to the pool.
        self._kept: tuple[Any, Connection] | None = None

    async def write(self, work: Callable[..., T], *args: Any) -> T:
        """`work(db, *args)` in a transaction of this thread; returns its result once committed."""
        loop = asyncio.get_running_loop()
        future = loop.create_future()
        self._queue.put(_Write(work, args, contextvars.copy_context(), loop, future))
        self._ensure_running()
        return await future

    async def rows(self, *rows: Rows) -> None:
        """Inserts and counters (see Rows), merged with the rest of their batch; once committed."""
        await self.write(rows[0] if len(rows) == 1 else _Many(rows))  # type: ignore[arg-type]

    def _ensure_running(self) -> None:
        if self._thread is not None and self._pid == os.getpid() and self._thread.is_alive():
            return
        with self._lock:
            if self._thread is None or self._pid != os.getpid() or not self._thread.is_alive():
                if self._pid != os.getpid():
                    self._kept = None  # a forked child never uses its parent's connection
                self._pid = os.getpid()
                self._thread = threading.Thread(target=self._run, name=self._name, daemon=True)
                self._thread.start()

    def _run(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < self._max_batch:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            try:
                self._commit(batch)
            except BaseException:  # never let the thread die with runners waiting on it
                logger.exception("the session writer failed a batch of %d", len(batch))
                for item in batch:
                    self._answer(item, RuntimeError("the session writer failed"), None)

    def _commit(self, batch: list[_Write]) -> None:
        try:
            if all(isinstance(item.work, Rows | _Many) for item in batch):
                results = self._commit_rows(batch)
            else:
                with session_scope() as db:
                    results = _apply_all(db, batch)
        except Exception as failed:
            if len(batch) == 1:
                self._answer(batch[0], failed, None)
                return
            for item in batch:  # each alone: one write's failure is that write's only
                self._commit([item])
            return
        self.batches += 1
        self.writes += len(batch)
        # One wake-up per event loop for the whole batch, not one per write.
        answers: dict[asyncio.AbstractEventLoop, list[tuple[asyncio.Future, None, Any]]] = {}
        for item, result in zip(batch, results, strict=True):
            answers.setdefault(item.loop, []).append((item.future, None, result))
        for loop, settled in answers.items():
            _wake(loop, settled)

    def _commit_rows(self, batch: list[_Write]) -> list[None]:
        engine = get_engine()
        if self._kept is None or self._kept[0] is not engine or self._kept[1].closed:
            self._drop_kept()
            self._kept = (engine, engine.connect())
        connection = self._kept[1]
        try:
            with connection.begin():
                write_rows(connection, [rows for item in batch for rows in _rows_of(item.work)])
        except Exception:
            self._drop_kept()  # whatever went wrong, the next batch starts on a fresh connection
            raise
        return [None] * len(batch)

    def _drop_kept(self) -> None:
        if self._kept is not None:
            kept, self._kept = self._kept[1], None
            try:
                kept.close()
            except Exception:  # already broken: nothing more to release
                logger.debug("closing the writer's connection failed", exc_info=True)

    @staticmethod
    def _answer(item: _Write, failed: BaseException | None, value: Any) -> None:
        _wake(item.loop, [(item.future, failed, value)])


def _wake(loop: asyncio.AbstractEventLoop, settled: list[tuple[asyncio.Future, BaseException | None, Any]]) -> None:
    try:
        loop.call_soon_threadsafe(_settle_all, settled)
    except RuntimeError:  # its loop has closed: nobody is left to tell
        pass


def _settle_all(settled: list[tuple[asyncio.Future, BaseException | None, Any]]) -> None:
    for future, failed, value in settled:
        _settle(future, failed, value)


def _apply_all(db: Session, batch: list[_Write]) -> list[Any]:
    """The batch's writes in order: consecutive Rows merged into few statements."""
    results: list[Any] = []
    pending: list[Rows] = []
    for item in batch:
        if isinstance(item.work, Rows | _Many):
            pending.extend(_rows_of(item.work))
            results.append(None)
            continue
        if pending:
            write_rows(db, pending)
            pending = []
        results.append(item.context.run(item.work, db, *item.args))
    if pending:
        write_rows(db, pending)
    return results


WRITER = BatchWriter()
