"""The database engine and the unit-of-work helper.

The schema is made only by alembic (`alembic upgrade head`); nothing here creates tables.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from functools import lru_cache

from sqlalchemy import event, text
from sqlalchemy.engine import Engine
from sqlmodel import Session, create_engine

from app.services.errors import ValidationFailed
from app.settings import settings


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


def database_ok(url: str | None = None) -> bool:
    """True when the database answers a trivial query."""
    try:
        with get_engine(url).connect() as connection:
            connection.execute(text("SELECT 1"))
        return True
    except Exception:
        return False
