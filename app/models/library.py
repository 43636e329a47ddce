"""What a QA engineer edits: persona, objective and agent (the system under test)."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from app.models.base import created_at_field, id_field, json_field, updated_at_field, workspace_fk


class AgentType(StrEnum):
    http = "http"
    openai = "openai"
    websocket = "websocket"
    hosted = "hosted"
    browser = "browser"
    whatsapp = "whatsapp"


class Persona(SQLModel, table=True):
    __table_args__ = (
        Index("ix_persona_workspace_created", "workspace_id", "created_at"),
        Index("ix_persona_workspace_name", "workspace_id", "name"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    name: str = Field(max_length=200)
    description: str = Field(default="", sa_type=Text)
    prompt: str = Field(default="", sa_type=Text)
    # {identity, techProfile, personality, tendencies[]}
    definition: dict[str, Any] = json_field()
    # {communication_style, patience_level, urgency, ...free keys}
    traits: dict[str, Any] = json_field()
    # {archetype, tags[]}; "metadata" is reserved by SQLAlchemy, hence "meta".
    meta: dict[str, Any] = json_field()
    # {messageInterval, sessionDuration}
    config: dict[str, Any] = json_field()
    # {model, temperature}: the simulator model for this persona, when set.
    llm_config: dict[str, Any] = json_field()
    language: str = Field(default="en", max_length=16)
    created_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class Objective(SQLModel, table=True):
    __table_args__ = (
        Index("ix_objective_workspace_created", "workspace_id", "created_at"),
        Index("ix_objective_workspace_name", "workspace_id", "name"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    name: str = Field(max_length=200)
    description: str = Field(default="", sa_type=Text)
    # {goal, constraints[], successCriteria[]}
    definition: dict[str, Any] = json_field()
    # {autonomyLevel, maxActions, maxTurns}
    config: dict[str, Any] = json_field()
    created_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class Agent(SQLModel, table=True):
    """The system under test. Secrets inside `config` are stored encrypted."""

    __table_args__ = (
        Index("ix_agent_workspace_created", "workspace_id", "created_at"),
        Index("ix_agent_workspace_type", "workspace_id", "type"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    name: str = Field(max_length=200)
    description: str = Field(default="", sa_type=Text)
    type: str = Field(max_length=20)
    config: dict[str, Any] = json_field()
    status: str = Field(default="active", max_length=20)
    created_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
