"""Alembic environment: the target is SQLModel.metadata with every Mimic table."""

from __future__ import annotations

from logging.config import fileConfig

from alembic import context
from sqlalchemy import engine_from_config, pool
from sqlmodel import SQLModel

import app.models  # noqa: F401  (registers every table)
from app.settings import settings

config = context.config
if config.config_file_name is not None and config.attributes.get("configure_logger", True):
    fileConfig(config.config_file_name, disable_existing_loggers=False)

# A URL given by the caller (tests) wins over the settings.
url = config.get_main_option("sqlalchemy.url") or settings.database_url
target_metadata = SQLModel.metadata


def _options(is_sqlite: bool) -> dict:
    # SQLite cannot ALTER most things in place: batch mode copies the table instead.
    return {"target_metadata": target_metadata, "render_as_batch": is_sqlite, "compare_type": True}


def run_migrations_offline() -> None:
    context.configure(
        url=url, literal_binds=True, dialect_opts={"paramstyle": "named"}, **_options(url.startswith("sqlite"))
    )
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connectable = config.attributes.get("connection")
    if connectable is None:
        connectable = engine_from_config({"sqlalchemy.url": url}, prefix="sqlalchemy.", poolclass=pool.NullPool)
        with connectable.connect() as connection:
            _run(connection)
    else:
        _run(connectable)


def _run(connection) -> None:
    context.configure(connection=connection, **_options(connection.dialect.name == "sqlite"))
    with context.begin_transaction():
        context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
