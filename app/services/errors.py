"""Errors the service layer raises. They know nothing of HTTP; app/api/errors.py maps
each to its status code and the one JSON error shape of DESIGN.md."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any


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


@dataclass
class RateLimited(ServiceError):
    """Too many requests in the window; `retry_after` seconds until the next may pass."""

    retry_after: int | None = None


class UpstreamFailed(ServiceError):
    """Something Mimic called on the caller's behalf (an agent, a model) failed or was refused."""


def clean_message(message: str) -> str:
    """Pydantic's message without its "Value error, " prefix."""
    return message.removeprefix("Value error, ").removeprefix("Assertion failed, ")


def validation_details(errors: Iterable[dict[str, Any]], *, prefix: str = "") -> list[FieldError]:
    """Pydantic errors as field errors, named as the input names them (its aliases: camelCase)."""
    return [FieldError(prefix + ".".join(str(p) for p in e["loc"]), clean_message(e["msg"])) for e in errors]
