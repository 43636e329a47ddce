"""Accounts and tenancy: user, workspace, membership, api_key."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any, Literal

from pydantic import BaseModel, EmailStr
from sqlalchemy import Index, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.base import (
    CamelModel,
    Name,
    UTCDateTime,
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
    # Every token carries the version it was issued at; raising it (password change, sign-out
    # everywhere) ends all of them at once.
    token_version: int = Field(default=0, sa_column_kwargs={"server_default": "0"})
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


class Invitation(SQLModel, table=True):
    """An invitation by email to join a workspace; the token is shown once, stored hashed."""

    __table_args__ = (
        Index("ix_invitation_workspace_created", "workspace_id", "created_at"),
        Index("ix_invitation_token_hash", "token_hash", unique=True),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    email: str = Field(max_length=320)
    role: str = Field(max_length=20)
    token_hash: str = Field(max_length=128)
    invited_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False)
    accepted_at: datetime | None = timestamp_field()
    accepted_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    created_at: datetime = created_at_field()


class RevokedToken(SQLModel, table=True):
    """A signed-out access token (or a used sign-in ticket), by its jti, kept until it expires."""

    __tablename__ = "revoked_token"

    jti: str = Field(primary_key=True, max_length=64)
    user_id: str = Field(foreign_key="user.id", max_length=36, ondelete="CASCADE", index=True)
    expires_at: datetime = Field(sa_type=UTCDateTime, nullable=False, index=True)


class SignInFailure(SQLModel, table=True):
    """A failed sign-in for an email (registered or not, so that throttling tells nothing):
    the per-account throttle counts these over a window."""

    __tablename__ = "sign_in_failure"
    __table_args__ = (Index("ix_sign_in_failure_email_created", "email", "created_at"),)

    id: str = id_field()
    email: str = Field(max_length=320)
    created_at: datetime = created_at_field()


# ---- API schemas -------------------------------------------------------------------------

_PASSWORD_MIN = 12


class RegisterRequest(CamelModel):
    email: EmailStr
    password: str = Field(min_length=_PASSWORD_MIN, max_length=256)
    name: str = Field(default="", max_length=200)
    workspace_name: Name | None = None


class LoginRequest(CamelModel):
    email: EmailStr
    password: str = Field(min_length=1, max_length=256)


class TokenPublic(BaseModel):
    """OAuth2-style token answer; these names are snake_case by that convention."""

    access_token: str
    token_type: str = "bearer"
    expires_in: int


class UserPublic(CamelModel):
    id: str
    email: str
    name: str
    created_at: datetime


class WorkspacePublic(CamelModel):
    id: str
    name: str
    slug: str
    role: str
    created_at: datetime


class WorkspaceCreate(CamelModel):
    name: Name


class WorkspaceUpdate(CamelModel):
    name: Name


class MePublic(UserPublic):
    workspace: WorkspacePublic
    role: str
    workspaces: list[WorkspacePublic]
    auth_method: str


class ProfileUpdate(CamelModel):
    name: str | None = Field(default=None, max_length=200)
    current_password: str | None = Field(default=None, max_length=256)
    new_password: str | None = Field(default=None, min_length=_PASSWORD_MIN, max_length=256)


class ApiKeyCreate(CamelModel):
    name: Name
    expires_at: datetime | None = None


class ApiKeyPublic(CamelModel):
    id: str
    name: str
    prefix: str
    user_id: str
    created_at: datetime
    expires_at: datetime | None
    last_used_at: datetime | None
    revoked_at: datetime | None
    status: Literal["active", "expired", "revoked"] = "active"


class ApiKeyCreated(ApiKeyPublic):
    """Returned once, at creation: the only time the whole key is shown."""

    key: str


class RolePublic(CamelModel):
    id: str
    name: str
    description: str
    permissions: list[str]


class RolesPublic(CamelModel):
    roles: list[RolePublic]


class MemberPublic(CamelModel):
    user_id: str
    email: str
    name: str
    role: str
    joined_at: datetime


class InvitationCreate(CamelModel):
    email: EmailStr
    role: Role = Role.editor


class InvitationPublic(CamelModel):
    id: str
    email: str
    role: str
    invited_by: str | None
    created_at: datetime
    expires_at: datetime
    accepted_at: datetime | None


class InvitationCreated(InvitationPublic):
    """Returned once, at creation: the token and the link to send to the invitee."""

    token: str
    invite_url: str


class InvitationAccept(CamelModel):
    token: str = Field(min_length=10, max_length=200)


class TeamPublic(CamelModel):
    workspace: WorkspacePublic
    members: list[MemberPublic]
    invitations: list[InvitationPublic]


class MemberUpdate(CamelModel):
    role: Role
