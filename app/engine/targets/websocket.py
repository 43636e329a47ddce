"""An agent behind a WebSocket: one connection per session, reopened if it drops."""

from __future__ import annotations

import json
from urllib.parse import urljoin, urlsplit

import websockets
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidStatus, InvalidURI

from app.engine.targets.base import (
    TargetError,
    TargetReply,
    Turn,
    extract_reply,
    history_for_template,
    outbound_error,
    render_template,
    with_retries,
)
from app.outbound import OutboundError, check_url, max_reply_bytes, shared_ssl_context

MAX_REDIRECTS = 5
_CREDENTIAL_HEADERS = frozenset({"authorization", "cookie", "proxy-authorization"})
_MESSAGE_TOO_BIG = 1009  # the close code websockets sends when a message passes max_size
# How long closing waits for the peer's close frame: a peer that floods the connection (Mimic
# stopped reading it) never gets to answer, and the session's task would wait the default 10 s.
CLOSE_TIMEOUT_S = 2


def closed_error(exc: ConnectionClosed, what: str, *, retryable: bool = False) -> TargetError:
    """A closed connection as a target error: too_large when Mimic closed it because a frame
    passed MIMIC_MAX_REPLY_BYTES (read no further than the cap), else a connection error."""
    if exc.sent is not None and exc.sent.code == _MESSAGE_TOO_BIG:
        return TargetError("too_large", f"a frame is larger than {max_reply_bytes():,} bytes "
                           "(MIMIC_MAX_REPLY_BYTES); reading stopped there")  # fmt: skip
    return TargetError("connection", f"{what}: {exc}", retryable=retryable)


def _redirect(exc: ValueError) -> str | None:
    """The Location of a redirect to another host, which websockets declines to follow
    when given the address to connect to."""
    cause = exc.__cause__
    if isinstance(cause, InvalidStatus) and 300 <= cause.response.status_code < 400:
        return cause.response.headers.get("Location")
    return None


class WebSocketTarget:
    def __init__(self, config: dict) -> None:
        self.config = config
        self.connection: websockets.ClientConnection | None = None

    async def _connect(self) -> websockets.ClientConnection:
        if self.connection is None:
            try:
                self.connection = await self._open(self.config["url"], self.config.get("headers") or None)
            except OutboundError as exc:
                raise outbound_error(exc) from exc
            except (OSError, InvalidHandshake, InvalidURI, ValueError) as exc:
                raise TargetError("connection", f"cannot connect: {exc}", retryable=True) from exc
        return self.connection

    async def _open(self, url: str, headers: dict | None) -> websockets.ClientConnection:
        """Connects to a checked address of the URL's host (which still names the server in
        the Host header and for TLS). Given the address, websockets follows no redirect to
        another host and uses no proxy from the environment; a redirect to another host is
        followed here, checked like the first URL."""
        for _ in range(MAX_REDIRECTS + 1):
            addresses = await check_url(url)
            error: OSError | None = None
            for address in addresses:
                try:
                    secure = {"ssl": shared_ssl_context()} if urlsplit(url).scheme == "wss" else {}
                    return await websockets.connect(
                        url, additional_headers=headers, open_timeout=None, host=address, proxy=None,
                        max_size=max_reply_bytes(), close_timeout=CLOSE_TIMEOUT_S, **secure,
                    )  # fmt: skip
                except OSError as exc:
                    error = exc
                except ValueError as exc:
                    location = _redirect(exc)
                    if location is None:
                        raise
                    new_url = urljoin(url, location)
                    if urlsplit(url).scheme == "wss" and urlsplit(new_url).scheme != "wss":
                        raise ValueError(f"the server redirected to a non-secure URI: {new_url}") from None
                    if urlsplit(new_url).netloc != urlsplit(url).netloc and headers:
                        # Credentials stay with the host they were meant for.
                        headers = {k: v for k, v in headers.items() if k.lower() not in _CREDENTIAL_HEADERS}
                    url, error = new_url, None
                    break
            else:
                assert error is not None
                raise error
        raise ValueError(f"more than {MAX_REDIRECTS} redirects")

    async def send(self, turn: Turn) -> TargetReply:
        outgoing = render_template(
            self.config["messageTemplate"],
            {"message": turn.message, "sessionId": turn.session_id, "history": history_for_template(turn.history)},
        )

        attempts = 0

        async def attempt():
            nonlocal attempts
            attempts += 1
            if attempts > 1:
                await self.close()  # a retry must not read the late reply to the previous try
            connection = await self._connect()
            try:
                await connection.send(outgoing)
            except ConnectionClosed as exc:
                # A kept connection the agent closed meanwhile: the message never left. Send again.
                self.connection = None
                raise closed_error(exc, "the connection closed", retryable=True) from exc
            try:
                # Skip frames that carry no reply (typing indicators, acks) until one does.
                while True:
                    frame = await connection.recv()
                    try:
                        data = json.loads(frame)
                    except (json.JSONDecodeError, TypeError):
                        raise TargetError("bad_response", f"a frame is not JSON: {str(frame)[:200]!r}") from None
                    try:
                        return extract_reply(data, self.config["replyPath"]), data
                    except TargetError:
                        continue
            except ConnectionClosed as exc:
                # Closed after the message went: the agent may have it, so it is not sent twice.
                self.connection = None
                raise closed_error(exc, "the connection closed") from exc

        try:
            (content, raw), latency = await with_retries(attempt, self.config["timeoutSeconds"])
        except TargetError:
            await self.close()  # a half-read connection would answer the next turn with this one's reply
            raise
        return TargetReply(content=content, latency_ms=latency, raw=raw)

    async def close(self) -> None:
        if self.connection is not None:
            await self.connection.close()
            self.connection = None
