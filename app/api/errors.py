"""The one JSON error shape: {"error": {"code", "message", "details": [{"field", "message"}]}}.

Every error the API answers goes through here: service errors, request validation,
unknown paths, and anything unexpected (500, with no stack trace in the body).
"""

from __future__ import annotations

import logging
from enum import StrEnum
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from pydantic import BaseModel
from starlette.exceptions import HTTPException as StarletteHTTPException

from app.api.headers import NON_DOCUMENT_HEADERS
from app.models.base import PATTERN_MESSAGES
from app.services import errors as service_errors

logger = logging.getLogger("mimic.api")


class ErrorCode(StrEnum):
    VALIDATION_ERROR = "VALIDATION_ERROR"
    AUTHENTICATION_ERROR = "AUTHENTICATION_ERROR"
    AUTHORIZATION_ERROR = "AUTHORIZATION_ERROR"
    RESOURCE_NOT_FOUND = "RESOURCE_NOT_FOUND"
    CONFLICT = "CONFLICT"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    PAYLOAD_TOO_LARGE = "PAYLOAD_TOO_LARGE"
    RATE_LIMIT_EXCEEDED = "RATE_LIMIT_EXCEEDED"
    UPSTREAM_ERROR = "UPSTREAM_ERROR"
    INTERNAL_ERROR = "INTERNAL_ERROR"


class ErrorDetail(BaseModel):
    field: str
    message: str


class ErrorBody(BaseModel):
    code: ErrorCode
    message: str
    details: list[ErrorDetail] = []


class ErrorResponse(BaseModel):
    """The body of every error answer."""

    error: ErrorBody


_STATUS_CODES: dict[int, ErrorCode] = {
    400: ErrorCode.VALIDATION_ERROR,
    401: ErrorCode.AUTHENTICATION_ERROR,
    403: ErrorCode.AUTHORIZATION_ERROR,
    404: ErrorCode.RESOURCE_NOT_FOUND,
    405: ErrorCode.METHOD_NOT_ALLOWED,
    409: ErrorCode.CONFLICT,
    413: ErrorCode.PAYLOAD_TOO_LARGE,
    422: ErrorCode.VALIDATION_ERROR,
    429: ErrorCode.RATE_LIMIT_EXCEEDED,
    502: ErrorCode.UPSTREAM_ERROR,
}

_SERVICE_ERRORS: list[tuple[type[service_errors.ServiceError], int]] = [
    (service_errors.ValidationFailed, 422),
    (service_errors.NotFound, 404),
    (service_errors.AuthenticationFailed, 401),
    (service_errors.PermissionDenied, 403),
    (service_errors.Conflict, 409),
    (service_errors.RateLimited, 429),
    (service_errors.UpstreamFailed, 502),
]


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI `responses` for error statuses, in the one shape; routes add those only they answer (409)."""
    return {status: {"model": ErrorResponse, "description": _STATUS_CODES[status].value} for status in statuses}


# Documented on every route, so the OpenAPI document names the error shape. 413: the size
# limit (app/api/middleware.py) applies to every request, whatever its route.
ERROR_RESPONSES: dict[int | str, dict[str, Any]] = error_responses(401, 403, 404, 413, 422, 429) | {
    500: {"model": ErrorResponse, "description": ErrorCode.INTERNAL_ERROR.value}
}


def error_payload(code: ErrorCode, message: str, details: list[dict[str, str]] | None = None) -> dict[str, Any]:
    return {"error": {"code": code.value, "message": message, "details": details or []}}


def error_response(
    status: int,
    message: str,
    details: list[dict[str, str]] | None = None,
    code: ErrorCode | None = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    code = code or _STATUS_CODES.get(status, ErrorCode.INTERNAL_ERROR if status >= 500 else ErrorCode.VALIDATION_ERROR)
    return JSONResponse(error_payload(code, message, details), status_code=status, headers=headers)


def field_path(parts: list[str | int] | tuple[str | int, ...]) -> str:
    """One way to name a field in an error: ("checks", 0, "type") -> "checks[0].type"."""
    return "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in parts).lstrip(".") or "body"


def _field_name(loc: tuple[Any, ...]) -> str:
    # ("body", "config", "maxMessages") -> "config.maxMessages"; a whole-body error -> "body".
    parts = list(loc)
    if len(parts) > 1 and parts[0] in {"body", "query", "path", "header", "cookie"}:
        parts = parts[1:]
    return field_path(parts)


def _validation_message(err: dict[str, Any]) -> str:
    if err.get("type") == "json_invalid":
        return f"Malformed JSON body: {err.get('ctx', {}).get('error', 'cannot be parsed')}"
    if err.get("type") == "string_pattern_mismatch":
        meaning = PATTERN_MESSAGES.get(str(err.get("ctx", {}).get("pattern", "")))
        if meaning:
            return f"{meaning}, not {str(err.get('input', ''))[:100]!r}"
    return service_errors.human_message(err)


async def _on_request_validation(_request: Request, exc: RequestValidationError) -> JSONResponse:
    details = []
    for err in exc.errors():
        loc = tuple(err.get("loc", ()))
        field = "body" if err.get("type") == "json_invalid" else _field_name(loc)
        details.append({"field": field, "message": _validation_message(err)})
    return error_response(422, "Invalid request data", details)


async def _on_http_exception(_request: Request, exc: StarletteHTTPException) -> JSONResponse:
    message = exc.detail if isinstance(exc.detail, str) else "Request failed"
    if exc.status_code == 400 and message == "There was an error parsing the body":
        # FastAPI's answer to a body it cannot decode (not UTF-8, say): malformed input is a 422 here.
        return error_response(422, "Malformed request body", [{"field": "body", "message": "cannot be parsed"}])
    if exc.status_code == 404 and message == "Not Found":
        message = "Resource not found"
    return error_response(exc.status_code, message, headers=getattr(exc, "headers", None))


async def _on_service_error(_request: Request, exc: service_errors.ServiceError) -> JSONResponse:
    status = next((s for cls, s in _SERVICE_ERRORS if isinstance(exc, cls)), 400)
    details = [{"field": d.field, "message": d.message} for d in exc.details]
    retry_after = getattr(exc, "retry_after", None)
    headers = {"Retry-After": str(retry_after)} if retry_after else None
    return error_response(status, exc.message, details, headers=headers)


async def _on_unexpected(request: Request, exc: Exception) -> JSONResponse:
    logger.exception("unhandled error on %s %s", request.method, request.url.path, exc_info=exc)
    # Starlette sends this answer from its outermost layer, past the security headers middleware.
    return error_response(
        500, "An internal error occurred", code=ErrorCode.INTERNAL_ERROR, headers=dict(NON_DOCUMENT_HEADERS)
    )


def install_error_handlers(api: FastAPI) -> None:
    api.add_exception_handler(RequestValidationError, _on_request_validation)
    api.add_exception_handler(StarletteHTTPException, _on_http_exception)
    api.add_exception_handler(service_errors.ServiceError, _on_service_error)
    api.add_exception_handler(Exception, _on_unexpected)
