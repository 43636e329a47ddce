"""ASGI middleware: rate limits on /api, with X-RateLimit-* headers on every API answer.

Pure ASGI (not BaseHTTPMiddleware) so that streamed answers (SSE) pass through untouched.
It wraps the whole backend, so it steps aside for everything outside /api.
"""

from __future__ import annotations

import json

from starlette.datastructures import Headers
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.errors import ErrorCode, error_payload
from app.services import rate_limit
from app.settings import settings

# Tighter, per IP: the endpoints that guess passwords or create accounts.
AUTH_PATHS = frozenset({"/api/auth/login", "/api/auth/register"})


def _credential(headers: Headers) -> str | None:
    authorization = headers.get("authorization", "")
    if authorization.lower().startswith("bearer "):
        return authorization[7:].strip() or None
    return headers.get("x-api-key") or None


class RateLimitMiddleware:
    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        path = scope.get("path", "")
        if (
            scope["type"] != "http"
            or not settings.rate_limit_enabled
            or not (path == "/api" or path.startswith("/api/"))
        ):
            await self.app(scope, receive, send)
            return
        client_ip = (scope.get("client") or ("unknown", 0))[0]
        if path in AUTH_PATHS:
            key, rule = f"auth-ip:{client_ip}", settings.rate_limit_auth
        else:
            key, rule = rate_limit.caller_bucket(_credential(Headers(scope=scope)), client_ip)
        decision = rate_limit.hit(rule, key)
        headers = [
            (b"x-ratelimit-limit", str(decision.limit).encode()),
            (b"x-ratelimit-remaining", str(decision.remaining).encode()),
            (b"x-ratelimit-reset", str(decision.reset).encode()),
        ]
        if not decision.allowed:
            message = f"Too many requests: the limit is {rule}. Retry in {decision.retry_after} s."
            body = json.dumps(error_payload(ErrorCode.RATE_LIMIT_EXCEEDED, message)).encode()
            await send(
                {
                    "type": "http.response.start",
                    "status": 429,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                        (b"retry-after", str(decision.retry_after).encode()),
                        *headers,
                    ],
                }
            )
            await send({"type": "http.response.body", "body": body})
            return

        async def send_with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                message = {**message, "headers": [*message.get("headers", []), *headers]}
            await send(message)

        await self.app(scope, receive, send_with_headers)
