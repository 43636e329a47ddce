"""The database engine and session helpers, sync and async.

The schema is made only by alembic (`alembic upgrade head`); nothing here creates tables.
"""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator, Iterator
from contextlib import asynccontextmanager, contextmanager
from functools import lru_cache

from sqlalchemy import event
from sqlalchemy.engine import Engine
from sqlalchemy.ext.asyncio import AsyncEngine, AsyncSession, async_sessionmaker, create_async_engine
from sqlmodel import Session, create_engine

from app.services.errors import ValidationFailed
from app.settings import settings


def _async_url(url: str) -> str:
    if url.startswith("sqlite:///"):
        return "sqlite+aiosqlite:///" + url.removeprefix("sqlite:///")
    return url  # psycopg 3 serves both sync and async under one URL


def _configure_sqlite(engine: Engine) -> None:
    # WAL lets the dashboard read while a session writes; foreign keys are off by default in SQLite.
    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection, _record) -> None:
        cursor = dbapi_connection.cursor()
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL is safe against a crash of the app (only power loss can lose
        # the last commits) and makes each per-message commit far cheaper.
        cursor.execute("PRAGMA synchronous=NORMAL")
        cursor.execute("PRAGMA busy_timeout=30000")
        cursor.close()


def _configure_postgresql(engine: Engine) -> None:
    # PostgreSQL stores no NUL character in text or JSONB (SQLite does): a request carrying
    # one is refused as invalid input, not answered as a server failure.
    @event.listens_for(engine, "handle_error")
    def _on_error(context) -> None:
        error = context.original_exception
        if getattr(error, "sqlstate", None) == "22P05" or "NUL (0x00)" in str(error):
            raise ValidationFailed("Text cannot contain NUL characters (\\u0000)") from error


@lru_cache(maxsize=8)
def get_engine(url: str | None = None) -> Engine:
    url = url or settings.database_url
    if url.startswith("sqlite"):
        # A connection to a local file costs next to nothing: past the 20 kept, open more rather
        # than make a thread (or the event loop, in an async route) wait for one to come back.
        engine = create_engine(url, connect_args={"check_same_thread": False}, pool_size=20, max_overflow=-1)
        _configure_sqlite(engine)
    else:
        engine = create_engine(url, pool_pre_ping=True)
        _configure_postgresql(engine)
    return engine


_async_engines: dict[tuple[str, int], AsyncEngine] = {}


def get_async_engine(url: str | None = None) -> AsyncEngine:
    """One engine per database and event loop: an async pool belongs to the loop it was
    made in (the backend has one loop; tests and benchmarks make several)."""
    url = _async_url(url or settings.database_url)
    key = (url, id(asyncio.get_running_loop()))
    engine = _async_engines.get(key)
    if engine is None:
        if url.startswith("sqlite"):
            # SQLite has one writer: one connection, whose pool queue hands it out in turn,
            # beats many connections polling for the lock with SQLite's sleeping busy handler.
            engine = create_async_engine(url, pool_size=1, max_overflow=0, pool_timeout=600)
            _configure_sqlite(engine.sync_engine)
        else:
            engine = create_async_engine(url, pool_size=10, max_overflow=20, pool_timeout=60, pool_pre_ping=True)
            _configure_postgresql(engine.sync_engine)
        _async_engines[key] = engine
    return engine


@contextmanager
def session_scope(url: str | None = None) -> Iterator[Session]:
    """A unit of work: commits on success, rolls back on error."""
    with Session(get_engine(url), expire_on_commit=False) as session:
        try:
            yield session
            session.commit()
        except Exception:
            session.rollback()
            raise


@asynccontextmanager
async def async_session_scope(url: str | None = None) -> AsyncIterator[AsyncSession]:
    maker = async_sessionmaker(get_async_engine(url), expire_on_commit=False)
    async with maker() as session:
        try:
            yield session
            await session.commit()
        except Exception:
            await session.rollback()
            raise


def database_ok(url: str | None = None) -> bool:
    """True when the database answers a trivial query."""
    from sqlalchemy import text

    try:
        with get_engine(url).connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
