"""Errors the service layer raises. They know nothing of HTTP; app/api/errors.py maps
each to its status code and the one JSON error shape of DESIGN.md."""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass
class FieldError:
    field: str
    message: str


@dataclass
class ServiceError(Exception):
    message: str
    details: list[FieldError] = field(default_factory=list)

    def __str__(self) -> str:
        return self.message


class ValidationFailed(ServiceError):
    """The input is wrong; `details` names each bad field."""


class NotFound(ServiceError):
    """No such resource in the caller's workspace (another workspace's id lands here too)."""


class AuthenticationFailed(ServiceError):
    """No credentials, or credentials that are wrong, expired or revoked."""


class PermissionDenied(ServiceError):
    """Authenticated, but the caller's role does not allow this."""


class Conflict(ServiceError):
    """The request clashes with what is stored (a duplicate, a session already running)."""


class RateLimited(ServiceError):
    """Too many requests in the window."""
