"""Errors the service layer raises. They know nothing of HTTP; app/api/errors.py maps
each to its status code and the one JSON error shape of DESIGN.md."""

from __future__ import annotations

import re
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


_REQUEST_PARTS = {"body", "query", "path", "header", "cookie"}


def field_label(loc: Iterable[Any]) -> str:
    """("config", "timeoutSeconds") -> "Timeout seconds": the field as a person reads it."""
    names = [str(p) for p in loc if isinstance(p, str) and p not in _REQUEST_PARTS]
    if not names:
        return "This value"
    words = re.sub(r"(?<=[a-z0-9])(?=[A-Z])", " ", names[-1]).replace("_", " ").strip().lower()
    # "personaIds" -> "Personas", "agentId" -> "Agent": people pick things, not ids.
    words = re.sub(r" ids$", "s", re.sub(r" id$", "", words)) if words not in ("id", "ids") else words
    return (words[:1].upper() + words[1:]) or "This value"


def _num(value: Any) -> Any:
    """0.0 reads as 0."""
    return int(value) if isinstance(value, float) and value.is_integer() else value


def _plural(n: Any, word: str) -> str:
    return f"{n} {word}{'' if str(n) == '1' else 's'}"


# Pydantic's error types as sentences; {f} is the field's label, the rest the error's ctx.
_SENTENCES: dict[str, Any] = {
    "missing": lambda f, c: f"{f} is required.",
    "string_too_long": lambda f, c: f"{f} is too long: {_plural(c['max_length'], 'character')} at most.",
    "string_too_short": lambda f, c: (
        f"{f} cannot be empty." if c["min_length"] == 1
        else f"{f} is too short: at least {_plural(c['min_length'], 'character')}."
    ),
    "too_long": lambda f, c: f"{f} has too many items: {c['max_length']} at most.",
    "too_short": lambda f, c: f"{f} needs at least {_plural(c['min_length'], 'item')}.",
    "greater_than_equal": lambda f, c: f"{f} must be {_num(c['ge'])} or more.",
    "less_than_equal": lambda f, c: f"{f} must be {_num(c['le'])} or less.",
    "greater_than": lambda f, c: f"{f} must be more than {_num(c['gt'])}.",
    "less_than": lambda f, c: f"{f} must be less than {_num(c['lt'])}.",
    "int_parsing": lambda f, c: f"{f} must be a whole number.",
    "int_type": lambda f, c: f"{f} must be a whole number.",
    "int_from_float": lambda f, c: f"{f} must be a whole number.",
    "float_parsing": lambda f, c: f"{f} must be a number.",
    "float_type": lambda f, c: f"{f} must be a number.",
    "bool_parsing": lambda f, c: f"{f} must be true or false.",
    "bool_type": lambda f, c: f"{f} must be true or false.",
    "string_type": lambda f, c: f"{f} must be text.",
    "literal_error": lambda f, c: f"{f} must be one of: {c['expected']}.",
    "enum": lambda f, c: f"{f} must be one of: {c['expected']}.",
    "url_parsing": lambda f, c: f"{f} must be a full URL (https://…).",
    "url_scheme": lambda f, c: f"{f} must be a URL starting with {c['expected_schemes']}.",
    "extra_forbidden": lambda f, c: f"{f} is not a known field.",
    "list_type": lambda f, c: f"{f} must be a list.",
    "dict_type": lambda f, c: f"{f} must be an object of names and values.",
    "model_type": lambda f, c: f"{f} must be an object of names and values.",
    "datetime_parsing": lambda f, c: f"{f} must be a date and time (ISO 8601).",
    "date_parsing": lambda f, c: f"{f} must be a date (YYYY-MM-DD).",
    "uuid_parsing": lambda f, c: f"{f} must be an id (a UUID).",
}  # fmt: skip


def human_message(error: dict[str, Any]) -> str:
    """One pydantic error as a sentence for people ("Name is too long: 200 characters at most."):
    the one wording of validation errors in REST answers and on the dashboard's forms."""
    sentence = _SENTENCES.get(str(error.get("type", "")))
    if sentence is not None:
        try:
            return sentence(field_label(error.get("loc", ())), error.get("ctx") or {})
        except KeyError:  # a ctx without the value the sentence names: pydantic's own words
            pass
    return clean_message(str(error.get("msg", "Invalid value")))


def validation_details(errors: Iterable[dict[str, Any]], *, prefix: str = "") -> list[FieldError]:
    """Pydantic errors as field errors, named as the input names them (its aliases: camelCase)."""
    return [FieldError(prefix + ".".join(str(p) for p in e["loc"]), human_message(e)) for e in errors]
