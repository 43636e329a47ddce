"""Shared fixtures. The test session gets its own SQLite file, migrated by alembic
exactly as `make run` migrates, before any app module reads its settings.

With MIMIC_TEST_BACKEND=postgres (`make test-scaled`) it gets instead a throwaway
PostgreSQL and Redis (tests/support/servers.py), started here and stopped at exit."""

from __future__ import annotations

import atexit
import os
import tempfile
from pathlib import Path

from tests.support import source

source.install()  # before any test module is read: see tests/support/source.py

_TMP = Path(tempfile.mkdtemp(prefix="mimic-tests-"))
TEST_BACKEND = os.environ.get("MIMIC_TEST_BACKEND", "sqlite")
if TEST_BACKEND == "postgres":
    from tests.support.servers import PostgresServer, RedisServer

    # A server zone far from UTC: a query that leans on the server's zone shows up here.
    POSTGRES = PostgresServer(timezone="Pacific/Kiritimati").start()
    atexit.register(POSTGRES.stop)
    REDIS = RedisServer().start()
    atexit.register(REDIS.stop)
    os.environ["MIMIC_DATABASE_URL"] = POSTGRES.url
    os.environ["MIMIC_REDIS_URL"] = REDIS.url
elif TEST_BACKEND == "sqlite":
    POSTGRES = REDIS = None
    os.environ["MIMIC_DATABASE_URL"] = f"sqlite:///{_TMP / 'test.db'}"
    # The embedded default: no Redis, even when a developer's .env names one.
    os.environ["MIMIC_REDIS_URL"] = ""
else:
    raise RuntimeError(f"MIMIC_TEST_BACKEND is {TEST_BACKEND!r}; it must be sqlite or postgres")
os.environ["MIMIC_ENV"] = "test"
# argon2 at its lowest cost: the suite registers and signs in thousands of accounts, each 0.1 s
# of CPU at the standard cost (tests/services/test_security.py checks the standard one).
os.environ["MIMIC_PASSWORD_HASH_COST"] = "minimal"
os.environ["MIMIC_DATA_DIR"] = str(_TMP / "data")
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ["MIMIC_SECRET_KEY"] = "test-secret-key-for-the-test-session-only-0123456789"
# Rate limits have their own tests; elsewhere they would only make tests depend on each other.
os.environ["MIMIC_RATE_LIMIT_ENABLED"] = "false"
# Every test server listens on 127.0.0.1; tests of the outbound policy set their own allow-list.
os.environ.setdefault("MIMIC_OUTBOUND_ALLOW", "loopback")

import uuid  # noqa: E402
from collections.abc import Callable  # noqa: E402
from dataclasses import dataclass  # noqa: E402

import pytest  # noqa: E402
from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from sqlalchemy import delete, text  # noqa: E402
from sqlmodel import Session, SQLModel  # noqa: E402

from app.settings import PROJECT_ROOT, settings  # noqa: E402

# A refused server and a redirector to it, for the tests of the outbound policy.
pytest_plugins = ["tests.support.refused_server"]


def alembic_config(url: str) -> Config:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("sqlalchemy.url", url)
    cfg.attributes["configure_logger"] = False
    return cfg


@pytest.fixture(scope="session")
def migrated_db() -> str:
    command.upgrade(alembic_config(settings.database_url), "head")
    return settings.database_url


@pytest.fixture
def db(migrated_db: str):
    """A database session on the migrated test database; every table is emptied afterwards."""
    from app.db import get_engine

    engine = get_engine(migrated_db)
    with Session(engine, expire_on_commit=False) as session:
        yield session
    with Session(engine) as session:
        if engine.dialect.name == "postgresql":
            # A transaction a test left open fails the next test instead of hanging it.
            session.execute(text("SET LOCAL lock_timeout = '20s'"))
        # DELETE, not TRUNCATE, on PostgreSQL too: on tables this small it is 15 times faster
        # (3 ms against 40 ms for all of them; TRUNCATE makes new files for each table).
        for table in reversed(SQLModel.metadata.sorted_tables):
            session.execute(delete(table))
        session.commit()


@pytest.fixture(scope="session")
def api_app():
    """One API app for the test session. FastAPI prepares each route of an app (its parameters'
    and response's pydantic adapters) on the app's first requests, 0.1-0.2 s of CPU a test
    when every test made its own; the app holds nothing else between requests."""
    from app.api.main import create_api

    return create_api()


@pytest.fixture
def client(db, api_app):
    """A client of the API app; entering it runs the app's start-up, leaving it its shut-down,
    as each test's own process would."""
    from fastapi.testclient import TestClient

    with TestClient(api_app, raise_server_exceptions=False) as test_client:
        yield test_client


@dataclass
class Account:
    """A registered user acting in one workspace, with a token for the API."""

    user_id: str
    email: str
    password: str
    workspace_id: str
    role: str
    token: str

    @property
    def headers(self) -> dict[str, str]:
        return {"Authorization": f"Bearer {self.token}"}


PASSWORD = "correct-horse-battery"


@pytest.fixture
def make_account(db) -> Callable[..., Account]:
    """Registers a user (through the real service); `join=` adds them to another account's
    workspace with `role` and makes it their current one."""
    from sqlmodel import select

    from app.models.account import Membership, RegisterRequest, Role, User
    from app.services import accounts, security

    def _make(email: str | None = None, *, join: Account | None = None, role: str = Role.editor, name: str = "Tester"):
        email = email or f"user-{uuid.uuid4().hex[:10]}@example.com"
        user = accounts.register(session=db, data=RegisterRequest(email=email, password=PASSWORD, name=name))
        workspace_id = db.exec(select(Membership.workspace_id).where(Membership.user_id == user.id)).one()
        account_role = Role.owner
        if join is not None:
            db.add(Membership(workspace_id=join.workspace_id, user_id=user.id, role=role))
            db.get(User, user.id).current_workspace_id = join.workspace_id
            db.commit()
            workspace_id, account_role = join.workspace_id, Role(role)
        token = security.create_access_token(user.id).access_token
        return Account(user.id, email, PASSWORD, workspace_id, account_role, token)

    return _make


@pytest.fixture
def stored_session(db, make_account):
    """A pending session row in a new account's workspace (its starter agent, persona and
    objective), for the tests of a runner writing through the database store."""
    from sqlmodel import select

    from app.models import SimSession
    from app.models.library import Agent, Objective, Persona

    account = make_account()
    agent, persona, objective = (db.exec(select(m).where(m.workspace_id == account.workspace_id)).first()
                                 for m in (Agent, Persona, Objective))  # fmt: skip
    row = SimSession(workspace_id=account.workspace_id, agent_id=agent.id, persona_id=persona.id,
                     objective_id=objective.id)  # fmt: skip
    db.add(row)
    db.commit()
    return row


@pytest.fixture(scope="session")
def live_api(migrated_db):
    """The real API app served over HTTP on 127.0.0.1 (SSE, WebSocket, and callbacks from
    bots under test need a real server). It shares the test database."""
    from app.api.main import create_api
    from tests.support.loopback import LoopbackServer

    with LoopbackServer(create_api()) as server:
        yield server


@pytest.fixture(scope="session")
def redis_url():
    """A real Redis: the second run's (MIMIC_REDIS_URL), else one started for this session
    from Debian's redis-server (`make test` installs it; skipped only outside CI without it)."""
    if settings.redis_url:
        yield settings.redis_url
        return
    from tests.support.servers import RedisServer, ServerUnavailable

    try:
        server = RedisServer().start()
    except ServerUnavailable as exc:
        if os.environ.get("CI"):
            raise
        pytest.skip(str(exc))
    yield server.url
    server.stop()
