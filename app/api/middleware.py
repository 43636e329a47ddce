"""ASGI middleware in front of the whole backend: security headers on every HTTP answer
(the dashboard's pages, its static files, the REST API), request size limits on /api, and the
binding of the event loop that sessions run on.

Both are pure ASGI (not BaseHTTPMiddleware): streamed answers (SSE) pass through untouched,
and WebSocket traffic (Reflex's /_event, /api/ws) is not touched at all. In `reflex run
--env prod` the built frontend is mounted inside the FastAPI app that create_api() builds,
so middleware added there sees the pages as well as the API.
"""

from __future__ import annotations

import base64
import gzip
import hashlib
import json
import logging
import re
import zlib
from collections.abc import Iterable

import anyio
from starlette.datastructures import Headers, MutableHeaders
from starlette.exceptions import HTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.errors import ErrorCode, error_payload
from app.api.headers import FIXED_HEADERS, NON_DOCUMENT_POLICY
from app.settings import settings

logger = logging.getLogger("mimic.api")

# ---------------------------------------------------------------- security headers


def page_policy(script_hashes: Iterable[str], *, docs: bool = False) -> str:
    """The policy of an HTML document, given the hashes of its inline scripts.

    - script-src: the app's own files plus each inline script by its hash (the build's pages
      carry React Router's and the theme's inline scripts; hashes, computed from the very
      page sent, are the static build's equivalent of nonces). 'unsafe-eval' because
      Reflex's client runs what the backend sends as JavaScript source with eval(): every
      rx.toast, rx.call_script and rx.set_clipboard returned by an event handler arrives
      that way over the app's own websocket. No 'unsafe-inline' for scripts.
    - style-src 'unsafe-inline': Emotion (Reflex's CSS-in-JS), Radix and plotly insert
      <style> elements and style attributes at run time; styles cannot run code.
    - connect-src 'self': the REST API and the /_event websocket live on the page's own
      origin; CSP3 lets 'self' match ws:/wss: of that origin (Chromium 71+, Safari 16+).
    - img-src data: blob:: plotly's and the reports' inline images, and downloads.
    The API docs (/docs, /redoc) load Swagger UI / ReDoc from the jsDelivr CDN, as FastAPI
    serves them; only those pages allow it.
    """
    scripts = ["'self'", "'unsafe-eval'", *sorted({f"'{h}'" for h in script_hashes})]
    styles = ["'self'", "'unsafe-inline'"]
    images = ["'self'", "data:", "blob:"]
    fonts = ["'self'", "data:"]
    workers = ["'self'", "blob:"]
    if docs:
        scripts.append("https://cdn.jsdelivr.net")
        styles += ["https://cdn.jsdelivr.net", "https://fonts.googleapis.com"]
        fonts.append("https://fonts.gstatic.com")
        images += ["https://fastapi.tiangolo.com", "https://cdn.redoc.ly"]
    return "; ".join(
        [
            "default-src 'self'",
            f"script-src {' '.join(scripts)}",
            f"style-src {' '.join(styles)}",
            f"img-src {' '.join(images)}",
            f"font-src {' '.join(fonts)}",
            "connect-src 'self'",
            f"worker-src {' '.join(workers)}",
            "object-src 'none'",
            "base-uri 'self'",
            "form-action 'self'",
            "frame-ancestors 'none'",
        ]
    )


_DOCS_PATHS = frozenset({"/docs", "/docs/oauth2-redirect", "/redoc"})
# An inline script: a <script> element without a src attribute, and its text.
_SCRIPT = re.compile(rb"<script\b([^>]*)>(.*?)</script\s*>", re.IGNORECASE | re.DOTALL)
_SRC_ATTRIBUTE = re.compile(rb"\bsrc\s*=", re.IGNORECASE)


def inline_script_hashes(html: bytes) -> list[str]:
    """'sha256-…' of every inline script of a UTF-8 page, as CSP hash sources."""
    hashes = []
    for match in _SCRIPT.finditer(html):
        if _SRC_ATTRIBUTE.search(match.group(1)):
            continue
        digest = hashlib.sha256(match.group(2)).digest()
        hashes.append("sha256-" + base64.b64encode(digest).decode())
    return hashes


class SecurityHeadersMiddleware:
    """Adds the security headers to every HTTP answer that does not set them itself.

    HTML answers are held back until complete (the built pages are a few kilobytes) so that
    their policy can name the hashes of their own inline scripts."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        docs = scope.get("path", "") in _DOCS_PATHS
        start: Message | None = None
        held: list[bytes] = []

        async def send_with_headers(message: Message) -> None:
            nonlocal start
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                headers = MutableHeaders(scope=message)
                for name, value in FIXED_HEADERS.items():
                    if name not in headers:
                        headers[name] = value
                if "content-security-policy" in headers or message.get("status") == 304:
                    # A 304 has no body to judge; the browser keeps the policy the cached answer
                    # came with (one set here would replace it: a page's hashes with 'none').
                    await send(message)
                elif headers.get("content-type", "").startswith("text/html"):
                    start = message  # sent with the body, once the policy is known
                else:
                    headers["Content-Security-Policy"] = NON_DOCUMENT_POLICY
                    await send(message)
                return
            if start is None:
                await send(message)
                return
            if message["type"] == "http.response.body":
                held.append(message.get("body", b""))
                if message.get("more_body", False):
                    return
                body = b"".join(held)
                await send_start(body)
                await send({"type": "http.response.body", "body": body})
            elif message["type"] == "http.response.pathsend":
                # Granian serves static files by path (the ASGI pathsend extension): read the
                # page to hash its scripts, and let the server send the file as it would.
                await send_start(await anyio.Path(message["path"]).read_bytes())
                await send(message)
            else:
                await send_start(b"")
                await send(message)

        async def send_start(body: bytes) -> None:
            nonlocal start
            assert start is not None
            policy = page_policy(_hashes_of(body, Headers(raw=start["headers"])), docs=docs)
            MutableHeaders(scope=start)["Content-Security-Policy"] = policy
            await send(start)
            start = None

        await self.app(scope, receive, send_with_headers)


def _hashes_of(body: bytes, headers: Headers) -> list[str]:
    encoding = headers.get("content-encoding", "identity").strip().lower()
    if encoding == "gzip":  # the build's pre-compressed pages (frontend_compression_formats)
        try:
            body = gzip.decompress(body)
        except (OSError, EOFError, zlib.error):
            logger.warning("cannot read a gzip-encoded HTML answer to hash its inline scripts")
            return []
    elif encoding not in ("", "identity"):
        # No decoder here: the page's inline scripts will be refused and the browser says so.
        logger.warning("cannot hash the inline scripts of an HTML answer encoded as %s", encoding)
        return []
    return inline_script_hashes(body)


# ---------------------------------------------------------------- request size limits


class _PayloadTooLarge(HTTPException):
    """Raised from receive() when a streamed body passes the limit. An HTTPException, so
    that FastAPI's body parsing lets it through to the error handlers (413, error shape)."""

    def __init__(self, limit: int) -> None:
        super().__init__(status_code=413, detail=_too_large_message(limit))


def _too_large_message(limit: int) -> str:
    return f"Request body too large: the limit is {limit} bytes"


def body_limit_for(path: str) -> int | None:
    """The size limit of a request body to `path`, or None where none applies (the pages,
    Reflex's websocket and uploads)."""
    if path == "/health" or path == "/api" or path.startswith("/api/"):
        if path.endswith("/import"):  # whole libraries in one document
            return settings.max_import_bytes
        return settings.max_request_bytes
    return None


class RequestSizeLimitMiddleware:
    """Refuses request bodies over the limit with 413 in the error shape: at once when
    Content-Length says so, else as soon as the streamed (chunked) bytes pass it."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        limit = body_limit_for(scope.get("path", "")) if scope["type"] == "http" else None
        if limit is None:
            await self.app(scope, receive, send)
            return
        declared = Headers(scope=scope).get("content-length")
        if declared is not None and declared.isdigit() and int(declared) > limit:
            await _send_too_large(send, limit)
            return

        received = 0
        started = False

        async def counting_receive() -> Message:
            nonlocal received
            message = await receive()
            if message["type"] == "http.request":
                received += len(message.get("body", b""))
                if received > limit:
                    raise _PayloadTooLarge(limit)
            return message

        async def tracking_send(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
            await send(message)

        try:
            await self.app(scope, counting_receive, tracking_send)
        except _PayloadTooLarge:
            # Normally the API's error handlers answer it; this catches a body read elsewhere.
            if started:
                raise
            await _send_too_large(send, limit)


async def _send_too_large(send: Send, limit: int) -> None:
    body = json.dumps(error_payload(ErrorCode.PAYLOAD_TOO_LARGE, _too_large_message(limit))).encode()
    await send(
        {
            "type": "http.response.start",
            "status": 413,
            "headers": [
                (b"content-type", b"application/json"),
                (b"content-length", str(len(body)).encode()),
                # The rest of the body is not read; the connection is not reused.
                (b"connection", b"close"),
            ],
        }
    )
    await send({"type": "http.response.body", "body": body})
