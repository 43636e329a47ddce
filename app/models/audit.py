"""The audit log: who signed in, made or revoked keys, changed members, or deleted something."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from app.models.base import CamelModel, created_at_field, id_field, json_field


class AuditEvent(SQLModel, table=True):
    """One thing that happened, written in the transaction of the change it records.

    A sign-in gives access to every workspace of the user, so it is recorded once in each of
    them (each workspace's admins see it). A failed sign-in for an email nobody has has no
    workspace: `workspace_id` is null and only `actor_email` says who was tried.
    The actor and target ids are history, not foreign keys: the row outlives what it names.
    """

    __tablename__ = "audit_event"
    __table_args__ = (Index("ix_audit_event_workspace_created", "workspace_id", "created_at"),)

    id: str = id_field()
    workspace_id: str | None = Field(default=None, foreign_key="workspace.id", max_length=36, ondelete="CASCADE")
    actor_user_id: str | None = Field(default=None, max_length=36)
    actor_api_key_id: str | None = Field(default=None, max_length=36)
    actor_email: str = Field(default="", max_length=320)
    action: str = Field(max_length=64)
    target_type: str = Field(default="", max_length=64)
    target_id: str = Field(default="", max_length=200)
    target_name: str = Field(default="", max_length=320)
    details: dict[str, Any] = json_field()
    ip: str = Field(default="", max_length=64)
    user_agent: str = Field(default="", sa_type=Text)
    created_at: datetime = created_at_field()


class AuditEventPublic(CamelModel):
    id: str
    action: str
    actor_user_id: str | None = Field(description="The user who acted; null for a failed sign-in of an unknown email")
    actor_api_key_id: str | None = Field(description="The API key used, when the user acted through one")
    actor_email: str
    target_type: str = Field(description='What was acted on: "user", "api_key", "member", "persona", ...')
    target_id: str
    target_name: str = Field(description="Its name at the time, kept after it is deleted")
    details: dict[str, Any]
    ip: str
    user_agent: str
    created_at: datetime
