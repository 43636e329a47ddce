"""Who may do what. The role rules live here, and only here.

viewers read; editors create, edit and run; admins also manage members, API keys and
webhooks; owners may do everything (including making other owners).
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum

from app.models.account import Role
from app.services.errors import PermissionDenied


class Permission(StrEnum):
    read = "read"
    write = "write"  # create, edit, delete and run personas, objectives, agents, sessions, suites
    manage_members = "manage_members"
    manage_api_keys = "manage_api_keys"
    manage_webhooks = "manage_webhooks"
    manage_workspace = "manage_workspace"  # rename the workspace, change its settings
    manage_owners = "manage_owners"  # grant or take away the owner role
    read_audit_log = "read_audit_log"  # sign-ins, keys, member changes and deletions


ROLE_PERMISSIONS: dict[Role, frozenset[Permission]] = {
    Role.viewer: frozenset({Permission.read}),
    Role.editor: frozenset({Permission.read, Permission.write}),
    Role.admin: frozenset(
        {
            Permission.read,
            Permission.write,
            Permission.manage_members,
            Permission.manage_api_keys,
            Permission.manage_webhooks,
            Permission.manage_workspace,
            Permission.read_audit_log,
        }
    ),
    Role.owner: frozenset(Permission),
}

ROLE_DESCRIPTIONS: dict[Role, tuple[str, str]] = {
    Role.owner: ("Owner", "Everything, including granting and removing the owner role."),
    Role.admin: ("Admin", "Edits and runs everything; manages members, keys, webhooks, settings; reads the audit log."),
    Role.editor: ("Editor", "Creates, edits and runs personas, objectives, agents, sessions and suites."),
    Role.viewer: ("Viewer", "Reads everything in the workspace: transcripts, verdicts, findings and analytics."),
}

ROLE_RANK: dict[Role, int] = {Role.viewer: 0, Role.editor: 1, Role.admin: 2, Role.owner: 3}


@dataclass(frozen=True)
class RequestMeta:
    """Where a call came from, for the audit log: the client's address and user agent."""

    ip: str = ""
    user_agent: str = ""


@dataclass(frozen=True)
class Principal:
    """The caller of a service: a user acting in one workspace with one role,
    signed in with a token or through an API key."""

    user_id: str
    email: str
    workspace_id: str
    role: Role
    api_key_id: str | None = None
    # Carried with the caller so that services can record it without each route passing it.
    meta: RequestMeta = RequestMeta()

    @property
    def auth_method(self) -> str:
        return "api_key" if self.api_key_id else "token"

    def can(self, permission: Permission) -> bool:
        return permission in ROLE_PERMISSIONS[self.role]


def require(principal: Principal, permission: Permission) -> None:
    if not principal.can(permission):
        raise PermissionDenied(f"Your role ({principal.role}) does not allow this ({permission}).")
