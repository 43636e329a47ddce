"""Test suites (a persona x objective x repeats matrix against one agent) and their runs."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from app.models.base import created_at_field, id_field, json_field, timestamp_field, updated_at_field, workspace_fk


class RunStatus(StrEnum):
    pending = "pending"
    running = "running"
    completed = "completed"
    cancelled = "cancelled"
    error = "error"


class Suite(SQLModel, table=True):
    __table_args__ = (
        Index("ix_suite_workspace_created", "workspace_id", "created_at"),
        Index("ix_suite_agent", "agent_id"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    name: str = Field(max_length=200)
    description: str = Field(default="", sa_type=Text)
    agent_id: str = Field(foreign_key="agent.id", max_length=36, ondelete="CASCADE")
    persona_ids: list[str] = json_field(list)
    objective_ids: list[str] = json_field(list)
    repeats: int = 1
    simulator_model: str | None = Field(default=None, max_length=200)
    # Session config applied to every cell: {duration, maxMessages, messageInterval, seed}
    config: dict[str, Any] = json_field()
    created_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class Run(SQLModel, table=True):
    """One execution of a suite; it owns its sessions (session.run_id)."""

    __table_args__ = (
        Index("ix_run_workspace_created", "workspace_id", "created_at"),
        Index("ix_run_workspace_status", "workspace_id", "status"),
        Index("ix_run_suite_created", "suite_id", "created_at"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    suite_id: str = Field(foreign_key="suite.id", max_length=36, ondelete="CASCADE")
    agent_id: str = Field(foreign_key="agent.id", max_length=36, ondelete="CASCADE")
    status: str = Field(default=RunStatus.pending, max_length=20)
    total_sessions: int = 0
    # The suite as it was when the run started, so later edits do not rewrite history.
    suite_snapshot: dict[str, Any] = json_field()
    # Pass rates, intervals and per-cell results, filled as sessions end.
    summary: dict[str, Any] = json_field()
    started_at: datetime | None = timestamp_field()
    ended_at: datetime | None = timestamp_field()
    created_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
