"""Where Mimic may connect to: the one policy for every request made to a URL a user typed
(agent targets, webhooks, websites in browser sessions, custom model endpoints).

Public addresses only, unless MIMIC_OUTBOUND_ALLOW permits more: private, loopback,
link-local, unique-local, shared (CGNAT), multicast, reserved and unspecified addresses and
the cloud metadata endpoints are refused. The check is made on the resolved addresses (every
one must be allowed), and the connection then goes to a checked address, so a name that
resolves differently a moment later (DNS rebinding) gains nothing.

    await check_url(url)                       # raises OutboundRefused / UnresolvedHost
    httpx.AsyncClient(transport=OutboundTransport())   # checks each connection, so each redirect hop
    proxy = EgressProxy(); await proxy.start()  # app/egress_proxy.py: a SOCKS5 proxy for the browser

What comes back is capped too: an answer read through OutboundTransport larger than
MIMIC_MAX_REPLY_BYTES (after decoding; MIMIC_MAX_AUDIO_REPLY_BYTES for the audio read inside
`audio_replies()`) raises ReplyTooLarge as soon as it passes the cap, and nothing more is read.

The allow-list is comma-separated: CIDRs or IPs (`10.0.0.0/8`, `::1`), host names (exact,
or `*.example.com` for its subdomains), and the keywords `loopback` (127.0.0.0/8, ::1) and
`private` (10/8, 172.16/12, 192.168/16, fc00::/7).
"""

from __future__ import annotations

import asyncio
import contextvars
import logging
import ssl
import zlib
from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from functools import cache
from urllib.parse import urlsplit

import httpcore
import httpx

from app import aio_stream
from app.outbound_policy import (
    DEFAULT_PORTS,
    OutboundError,
    OutboundPolicy,
    OutboundRefused,
    ReplyTooLarge,
    UnreadableReply,
    UnresolvedHost,
    address_class,
    normal_host,
    parsed_policy,
)
from app.settings import settings

logger = logging.getLogger("mimic.outbound")


# Audio answers (a voice agent's WAV, a hosted speech model's audio) have a cap of their own.
_audio_replies: contextvars.ContextVar[bool] = contextvars.ContextVar("outbound_audio_replies", default=False)


def max_reply_bytes() -> int:
    """MIMIC_MAX_REPLY_BYTES (MIMIC_MAX_AUDIO_REPLY_BYTES inside `audio_replies()`), read at
    each call (tests change the setting)."""
    return settings.max_audio_reply_bytes if _audio_replies.get() else settings.max_reply_bytes


def max_audio_reply_bytes() -> int:
    """MIMIC_MAX_AUDIO_REPLY_BYTES: the largest audio answer Mimic reads."""
    return settings.max_audio_reply_bytes


@contextmanager
def audio_replies() -> Iterator[None]:
    """Answers read within the block are audio: capped at MIMIC_MAX_AUDIO_REPLY_BYTES."""
    token = _audio_replies.set(True)
    try:
        yield
    finally:
        _audio_replies.reset(token)


def too_large(limit: int) -> ReplyTooLarge:
    setting = "MIMIC_MAX_AUDIO_REPLY_BYTES" if _audio_replies.get() else "MIMIC_MAX_REPLY_BYTES"
    return ReplyTooLarge(f"the answer is larger than {limit:,} bytes ({setting}); reading stopped there")


# The outbound failures of the current call, for callers whose HTTP library turns them into
# errors of its own (the OpenAI SDK reports a refused redirect hop as "Connection error").
_failures: contextvars.ContextVar[list[OutboundError] | None] = contextvars.ContextVar(
    "outbound_failures", default=None
)


@contextmanager
def capture_failures() -> Iterator[list[OutboundError]]:
    """Collects every OutboundRefused / ReplyTooLarge raised by the checking transports within
    the block (tasks and threads started from it share the list through their copied context)."""
    failures: list[OutboundError] = []
    token = _failures.set(failures)
    try:
        yield failures
    finally:
        _failures.reset(token)


def noted(exc: OutboundError) -> OutboundError:
    failures = _failures.get()
    if failures is not None:
        failures.append(exc)
    return exc


def current_policy() -> OutboundPolicy:
    """The policy of MIMIC_OUTBOUND_ALLOW, read at each call (tests change the setting)."""
    return parsed_policy(settings.outbound_allow or "")


def split_url(url: str) -> tuple[str, str, int]:
    """(scheme, host, port) of an http(s) or ws(s) URL; OutboundRefused for anything else."""
    try:
        parts = urlsplit(url.strip())
        scheme, host, port = parts.scheme.lower(), parts.hostname or "", parts.port
    except ValueError as exc:
        raise OutboundRefused(f"not a valid URL: {exc}") from None
    if scheme not in DEFAULT_PORTS:
        raise OutboundRefused(f"only http, https, ws and wss URLs are allowed, not {scheme or 'no scheme'!r}")
    if not host:
        raise OutboundRefused("the URL has no host")
    return scheme, host, port or DEFAULT_PORTS[scheme]


async def check_url(url: str, *, policy: OutboundPolicy | None = None) -> list[str]:
    """Raises OutboundRefused unless every address the URL's host resolves to is allowed
    (UnresolvedHost when it does not resolve); returns those addresses."""
    _, host, port = split_url(url)
    return await (policy or current_policy()).allowed_addresses(host, port)


async def connectable(host: str, port: int, policy: OutboundPolicy | None = None) -> list[str]:
    """The checked addresses a connection to `host` may go to, in getaddrinfo's order: a refusal
    is noted (capture_failures) and raised; UnresolvedHost when the name does not resolve. Every
    async client that connects by itself (httpcore's backend below, app/http1.py) asks here."""
    try:
        return await (policy or current_policy()).allowed_addresses(host, port)
    except OutboundRefused as exc:
        raise noted(exc) from None


# ---- httpx -----------------------------------------------------------------------------------


class _CheckingBackend(httpcore.AsyncNetworkBackend):
    """httpcore's network backend, connecting only to checked addresses of each host, on
    asyncio's own transports (app/aio_stream.py)."""

    def __init__(self, policy: OutboundPolicy | None) -> None:
        self._policy = policy

    async def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            async with asyncio.timeout(timeout):
                addresses = await connectable(host, port, self._policy)
        except TimeoutError:
            raise httpcore.ConnectTimeout(f"resolving {host} took longer than {timeout:g} s") from None
        except UnresolvedHost as exc:
            raise httpcore.ConnectError(exc.message) from exc
        error: Exception | None = None
        for address in addresses:  # in getaddrinfo's order, as a plain connect would try them
            try:
                return await aio_stream.connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc
        assert error is not None
        raise error

    async def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise OutboundRefused("outbound requests do not use Unix sockets")

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)


class _CheckingSyncBackend(httpcore.NetworkBackend):
    """The same for synchronous clients (litellm makes a few blocking calls in threads)."""

    def __init__(self, policy: OutboundPolicy | None) -> None:
        self._inner = httpcore.SyncBackend()
        self._policy = policy

    def connect_tcp(self, host, port, timeout=None, local_address=None, socket_options=None):
        try:
            addresses = (self._policy or current_policy()).allowed_addresses_blocking(host, port)
        except UnresolvedHost as exc:
            raise httpcore.ConnectError(exc.message) from exc
        except OutboundRefused as exc:
            raise noted(exc) from None
        error: Exception | None = None
        for address in addresses:
            try:
                return self._inner.connect_tcp(address, port, timeout, local_address, socket_options)
            except httpcore.ConnectError as exc:
                error = exc
        assert error is not None
        raise error

    def connect_unix_socket(self, path, timeout=None, socket_options=None):
        raise OutboundRefused("outbound requests do not use Unix sockets")

    def sleep(self, seconds: float) -> None:
        self._inner.sleep(seconds)


@cache
def shared_ssl_context(verify: bool = True) -> ssl.SSLContext:
    """One TLS context per setting for every client: building one (the CA bundle loaded)
    costs about 20 ms of CPU and 0.8 MB, which a thousand sessions each with its own paid."""
    return httpx.create_ssl_context(verify=verify)


class _CappedBody(httpx.AsyncByteStream, httpx.SyncByteStream):
    """A response body read up to `limit` decoded bytes: past it, ReplyTooLarge, and the
    connection is closed unread. gzip and deflate (sent although identity was asked for) are
    decoded here, bounded, so that a small compressed answer cannot expand past the cap."""

    def __init__(self, inner, limit: int, encoding: str) -> None:
        self._inner = inner
        self._limit = limit
        self._read = 0
        # wbits 47: gzip or zlib header, detected; deflate servers often send raw deflate (-15).
        self._decoder = zlib.decompressobj(47 if encoding == "gzip" else 15) if encoding else None
        self._raw_deflate = encoding == "deflate"

    def _decode(self, chunk: bytes) -> bytes:
        if self._decoder is None:
            return chunk
        room = self._limit - self._read + 1  # one byte more than the cap tells that it was passed
        try:
            data = self._decoder.decompress(self._decoder.unconsumed_tail + chunk, room)
        except zlib.error:
            if not self._raw_deflate or self._read:
                raise UnreadableReply("the answer's compressed body is corrupt") from None
            self._decoder, self._raw_deflate = zlib.decompressobj(-15), False
            data = self._decoder.decompress(chunk, room)
        return data

    def _count(self, data: bytes) -> bytes:
        self._read += len(data)
        if self._read > self._limit:
            raise noted(too_large(self._limit))
        return data

    async def __aiter__(self) -> AsyncIterator[bytes]:
        try:
            async for chunk in self._inner:
                if data := self._count(self._decode(chunk)):
                    yield data
        finally:
            await self.aclose()

    def __iter__(self) -> Iterator[bytes]:
        try:
            for chunk in self._inner:
                if data := self._count(self._decode(chunk)):
                    yield data
        finally:
            self.close()

    async def aclose(self) -> None:
        await self._inner.aclose()

    def close(self) -> None:
        self._inner.close()


DECODED_HERE = {"identity": "", "": "", "gzip": "gzip", "x-gzip": "gzip", "deflate": "deflate"}


def _capped(response: httpx.Response, limit: int | None) -> httpx.Response:
    """The response with its body capped (and decoded here when compressed)."""
    limit = max_reply_bytes() if limit is None else limit
    encoding = response.headers.get("content-encoding", "").strip().lower()
    if encoding not in DECODED_HERE:
        raise UnreadableReply(f"the answer is encoded as {encoding!r}, which Mimic does not read")
    length = response.headers.get("content-length", "")
    if not encoding and length.isdigit() and int(length) > limit:
        raise noted(too_large(limit))
    headers = response.headers
    if encoding:  # decoded below: httpx must not decode it again, and the length no longer holds
        headers = httpx.Headers([(k, v) for k, v in headers.multi_items()
                                 if k.lower() not in ("content-encoding", "content-length")])  # fmt: skip
    return httpx.Response(
        status_code=response.status_code,
        headers=headers,
        stream=_CappedBody(response.stream, limit, DECODED_HERE[encoding]),
        extensions=response.extensions,
    )


# An idle kept-alive connection is dropped after this long: well before common servers close
# theirs (uvicorn and Node after 5 s), so a request is not written to a connection the far end
# is closing at that moment (it would fail, and may not be retried: it might have arrived).
IDLE_CONNECTION_S = 2.0


class OutboundTransport(httpx.AsyncHTTPTransport):
    """An httpx transport whose every connection goes to a checked address: each redirect
    hop to another host opens a new connection, so each hop is checked. A refused one raises
    OutboundRefused (not an httpx error) out of the request. Proxies from the environment
    are not used (the check must see the real destination). Answers are read up to
    `max_response_bytes` (default: MIMIC_MAX_REPLY_BYTES), then ReplyTooLarge."""

    def __init__(
        self,
        *,
        policy: OutboundPolicy | None = None,
        verify: bool = True,
        http2: bool = False,
        limits: httpx.Limits = httpx.Limits(  # noqa: B008
            max_connections=100, max_keepalive_connections=20, keepalive_expiry=IDLE_CONNECTION_S
        ),
        max_response_bytes: int | None = None,
    ) -> None:
        self.max_response_bytes = max_response_bytes
        self._pool = httpcore.AsyncConnectionPool(
            ssl_context=shared_ssl_context(verify),
            max_connections=limits.max_connections,
            max_keepalive_connections=limits.max_keepalive_connections,
            keepalive_expiry=limits.keepalive_expiry,
            http1=True,
            http2=http2,
            network_backend=_CheckingBackend(policy),
        )

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        request.headers["accept-encoding"] = "identity"  # the cap counts what the answer really is
        response = await super().handle_async_request(request)
        try:
            return _capped(response, self.max_response_bytes)
        except OutboundError:
            await response.aclose()
            raise


class OutboundSyncTransport(httpx.HTTPTransport):
    """OutboundTransport for synchronous httpx clients."""

    def __init__(self, *, policy: OutboundPolicy | None = None, verify: bool = True,
                 max_response_bytes: int | None = None) -> None:  # fmt: skip
        self.max_response_bytes = max_response_bytes
        self._pool = httpcore.ConnectionPool(
            ssl_context=shared_ssl_context(verify), http1=True, http2=False,
            network_backend=_CheckingSyncBackend(policy),
        )  # fmt: skip

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        request.headers["accept-encoding"] = "identity"
        response = super().handle_request(request)
        try:
            return _capped(response, self.max_response_bytes)
        except OutboundError:
            response.close()
            raise


async def read_prefix(response: httpx.Response, limit: int) -> bytes:
    """The first `limit` bytes of a streamed answer (`client.stream(...)`); the rest is never
    read: closing the response closes its connection."""
    data = bytearray()
    async for chunk in response.aiter_bytes():
        data += chunk
        if len(data) >= limit:
            break
    return bytes(data[:limit])


def outbound_client(*, policy: OutboundPolicy | None = None, **kwargs) -> httpx.AsyncClient:
    """An httpx.AsyncClient (same keyword arguments) whose requests obey the policy."""
    return httpx.AsyncClient(transport=OutboundTransport(policy=policy), **kwargs)


__all__ = [
    "OutboundError",
    "OutboundPolicy",
    "OutboundRefused",
    "OutboundSyncTransport",
    "OutboundTransport",
    "ReplyTooLarge",
    "UnreadableReply",
    "UnresolvedHost",
    "audio_replies",
    "capture_failures",
    "max_audio_reply_bytes",
    "max_reply_bytes",
    "address_class",
    "normal_host",
    "check_url",
    "connectable",
    "current_policy",
    "outbound_client",
    "read_prefix",
    "split_url",
]
