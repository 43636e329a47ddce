"""Accounts and tenancy: user, workspace, membership, api_key."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.base import (
    created_at_field,
    id_field,
    json_field,
    timestamp_field,
    updated_at_field,
    workspace_fk,
)


class Role(StrEnum):
    owner = "owner"
    admin = "admin"
    editor = "editor"
    viewer = "viewer"


class User(SQLModel, table=True):
    """A person who signs in. Not a tenant row: one user may belong to several workspaces."""

    id: str = id_field()
    email: str = Field(max_length=320, unique=True, index=True)
    name: str = Field(default="", max_length=200)
    password_hash: str = Field(max_length=255)
    is_active: bool = True
    # The workspace the dashboard opens in; switching changes it.
    current_workspace_id: str | None = Field(
        default=None, foreign_key="workspace.id", max_length=36, ondelete="SET NULL"
    )
    last_login_at: datetime | None = timestamp_field()
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class Workspace(SQLModel, table=True):
    """The tenant: every other row belongs to exactly one workspace."""

    id: str = id_field()
    name: str = Field(max_length=200)
    slug: str = Field(max_length=100, unique=True, index=True)
    # Default models per role, provider settings and other workspace-wide options.
    settings: dict[str, Any] = json_field()
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class Membership(SQLModel, table=True):
    __table_args__ = (
        UniqueConstraint("workspace_id", "user_id", name="uq_membership_workspace_user"),
        Index("ix_membership_user_id", "user_id"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    user_id: str = Field(foreign_key="user.id", max_length=36, ondelete="CASCADE")
    role: str = Field(default=Role.viewer, max_length=20)
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class ApiKey(SQLModel, table=True):
    """A key for scripts and CI: stored only as a hash, shown later by its prefix."""

    __tablename__ = "api_key"
    __table_args__ = (Index("ix_api_key_workspace_created", "workspace_id", "created_at"),)

    id: str = id_field()
    workspace_id: str = workspace_fk()
    user_id: str = Field(foreign_key="user.id", max_length=36, ondelete="CASCADE", index=True)
    name: str = Field(max_length=200)
    prefix: str = Field(max_length=32)
    key_hash: str = Field(max_length=128, unique=True, index=True)
    expires_at: datetime | None = timestamp_field()
    last_used_at: datetime | None = timestamp_field()
    revoked_at: datetime | None = timestamp_field()
    created_at: datetime = created_at_field()
