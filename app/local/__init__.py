"""Mimic without a server: its own engine in this process, on a throwaway SQLite database
(migrated by alembic), for `mimic test` and the pytest plugin. No port is opened."""

from app.local.embedded import EmbeddedBackend

__all__ = ["EmbeddedBackend"]
