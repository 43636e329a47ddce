"""Shared fixtures. The test session gets its own SQLite file, migrated by alembic
exactly as `make run` migrates, before any app module reads its settings."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="mimic-tests-"))
os.environ["MIMIC_DATABASE_URL"] = f"sqlite:///{_TMP / 'test.db'}"
os.environ["MIMIC_ENV"] = "test"
os.environ["MIMIC_DATA_DIR"] = str(_TMP / "data")
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

import pytest  # noqa: E402
from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from sqlalchemy import delete  # noqa: E402
from sqlmodel import Session, SQLModel  # noqa: E402

from app.settings import PROJECT_ROOT, settings  # noqa: E402


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
        for table in reversed(SQLModel.metadata.sorted_tables):
            session.execute(delete(table))
        session.commit()


@pytest.fixture
def client(db):
    from fastapi.testclient import TestClient

    from app.api.main import create_api

    with TestClient(create_api(), raise_server_exceptions=False) as test_client:
        yield test_client
