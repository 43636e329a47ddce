"""The API's one error shape, {"error": {"code", "message", "details": [{"field", "message"}]}},
as exceptions: one class per code, all of them MimicAPIError."""

from __future__ import annotations

import time
from dataclasses import dataclass

import httpx


class MimicError(Exception):
    """Anything the SDK raises."""


class MimicConnectionError(MimicError):
    """The server could not be reached (refused, timed out, the connection dropped)."""


@dataclass(frozen=True)
class FieldProblem:
    field: str
    message: str


class MimicAPIError(MimicError):
    """An answer of 4xx or 5xx. `code` is the API's (VALIDATION_ERROR, ...), `details` names
    each bad field, `response` is the httpx response."""

    def __init__(self, status_code: int, code: str, message: str, details: list[FieldProblem],
                 response: httpx.Response | None = None) -> None:  # fmt: skip
        self.status_code = status_code
        self.code = code
        self.message = message
        self.details = details
        self.response = response
        problems = "; ".join(f"{d.field}: {d.message}" for d in details)
        super().__init__(f"{status_code} {code}: {message}" + (f" ({problems})" if problems else ""))


class ValidationError(MimicAPIError):
    """422 VALIDATION_ERROR (or 400): the request is wrong; nothing changed."""


class AuthenticationError(MimicAPIError):
    """401: no credentials, or wrong, expired or revoked ones."""


class PermissionDeniedError(MimicAPIError):
    """403 AUTHORIZATION_ERROR: the role does not allow it."""


class NotFoundError(MimicAPIError):
    """404: no such resource in the workspace (another workspace's id too)."""


class ConflictError(MimicAPIError):
    """409: the request clashes with what is stored (a session already running)."""


class PayloadTooLargeError(MimicAPIError):
    """413: the body is over the server's limit."""


class RateLimitError(MimicAPIError):
    """429, after the SDK's own retries: `retry_after` seconds until the window resets."""

    @property
    def retry_after(self) -> float | None:
        return retry_delay(self.response) if self.response is not None else None


class ServerError(MimicAPIError):
    """5xx: the server failed (never with a stack trace)."""


_BY_STATUS: dict[int, type[MimicAPIError]] = {
    400: ValidationError, 401: AuthenticationError, 403: PermissionDeniedError, 404: NotFoundError,
    405: MimicAPIError, 409: ConflictError, 413: PayloadTooLargeError, 422: ValidationError, 429: RateLimitError,
}  # fmt: skip


def error_from(response: httpx.Response) -> MimicAPIError:
    try:
        error = response.json()["error"]
        code, message = str(error.get("code", "")), str(error.get("message", ""))
        details = [FieldProblem(str(d.get("field", "")), str(d.get("message", ""))) for d in error.get("details") or []]
    except (ValueError, KeyError, TypeError, AttributeError):
        code, message, details = f"HTTP_{response.status_code}", response.text[:300], []
    kind = _BY_STATUS.get(response.status_code, ServerError if response.status_code >= 500 else MimicAPIError)
    return kind(response.status_code, code, message, details, response)


def retry_delay(response: httpx.Response, now: float | None = None) -> float | None:
    """Seconds to wait before trying again: X-RateLimit-Reset (epoch seconds) or Retry-After."""
    current = time.time() if now is None else now
    reset = response.headers.get("X-RateLimit-Reset")
    after = response.headers.get("Retry-After")
    try:
        if reset is not None:
            return max(0.0, float(reset) - current)
        if after is not None:
            return max(0.0, float(after))
    except ValueError:
        return None
    return None
