"""A lean HTTP/1.1 client for the requests Mimic makes on every turn (the OpenAI-protocol
fast path, app/llm/direct.py): what httpx does for such a request, without its layers.

httpx (client, transport, httpcore's pool, h11) costs about 0.5 ms of CPU per request here,
ten times the request itself on asyncio's streams: with a persona call and a judge's calls
on every turn, that was the largest single cost of a turn (issue 20). This client does one
request at a time per connection, keeps connections alive per task (as app/llm/egress.py's
pools), and keeps every rule of app/outbound.py:

- the host is resolved and every address checked by the outbound policy, and the connection
  goes to a checked address (MIMIC_OUTBOUND_ALLOW; a refusal is noted for capture_failures);
- answers are read up to MIMIC_MAX_REPLY_BYTES (after decoding), then ReplyTooLarge; identity
  is asked for, and gzip or deflate sent anyway is decoded here, bounded;
- TLS through the shared context; an idle connection is dropped after IDLE_CONNECTION_S, or
  as soon as the far end closes it;
- failures are httpx's exception classes, so that callers tell a request that never left
  (ConnectError, ConnectTimeout) from one that may have (RemoteProtocolError, ReadError,
  ReadTimeout) as they do for httpx.

Redirects are followed as httpx follows them for litellm's client (up to MAX_REDIRECTS; 301,
302 and 303 turn a POST into a GET without its body, 307 and 308 keep both; the credentials
are not sent to another origin), each hop's host checked like the first. No cookies, no
proxy (as OutboundTransport).
"""

from __future__ import annotations

import asyncio
import json
import ssl
import weakref
import zlib
from dataclasses import dataclass
from typing import Any
from urllib.parse import quote, urljoin, urlsplit

import httpx

from app import outbound
from app.outbound_policy import OutboundRefused, UnreadableReply, UnresolvedHost

MAX_HEAD_BYTES = 64 * 1024  # the status line and headers of an answer
USER_AGENT = "Mimic/http1"
MAX_REDIRECTS = 20  # httpx's default
_REDIRECTS = frozenset({301, 302, 303, 307, 308})
_CREDENTIALS = ("authorization", "proxy-authorization", "cookie")
# What a URL's path and query keep as they are (RFC 3986); anything else is percent-encoded.
_PATH_SAFE = "/%:@!$&'()*+,;=-._~"
_QUERY_SAFE = _PATH_SAFE + "?"
_READ_CHUNK = 64 * 1024
_FORBIDDEN_IN_HEADERS = ("\r", "\n", "\0")


@dataclass(frozen=True)
class Answer:
    status_code: int
    headers: dict[str, str]  # names in lower case; a repeated header's values joined with ", "
    content: bytes

    def json(self) -> Any:
        return json.loads(self.content)

    @property
    def text(self) -> str:
        return self.content.decode("utf-8", "replace")


class _Connection:
    __slots__ = ("reader", "writer", "idle_since")

    def __init__(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.reader, self.writer = reader, writer
        self.idle_since = 0.0

    def usable(self, now: float) -> bool:
        return (
            not self.writer.is_closing()
            and not self.reader.at_eof()
            and now - self.idle_since < outbound.IDLE_CONNECTION_S
        )

    def close(self) -> None:
        self.writer.close()


class Http1Client:
    """Kept-alive connections by (scheme, host, port), for one task at a time."""

    def __init__(self) -> None:
        self._idle: dict[tuple[str, str, int], list[_Connection]] = {}

    async def post_json(self, url: str, body: Any, headers: dict[str, str], *, timeout: float) -> Answer:
        data = json.dumps(body, separators=(",", ":"), ensure_ascii=False, allow_nan=False).encode()  # as httpx
        return await self.request("POST", url, data, {**headers, "content-type": "application/json"}, timeout)

    async def request(
        self, method: str, url: str, body: bytes, headers: dict[str, str], timeout: float, *, redirects: bool = True
    ) -> Answer:
        """The answer to the request, redirects followed unless told not to; `timeout` bounds
        each hop."""
        for _ in range(MAX_REDIRECTS + 1):
            answer = await self._one(method, url, body, headers, timeout)
            location = answer.headers.get("location")
            if not redirects or answer.status_code not in _REDIRECTS or not location:
                return answer
            target = urljoin(url, location.strip())
            if outbound.split_url(target) != outbound.split_url(url):  # another origin
                headers = {k: v for k, v in headers.items() if k.lower() not in _CREDENTIALS}
            if answer.status_code in (301, 302, 303) and method != "HEAD":
                method, body = "GET", b""
                headers = {k: v for k, v in headers.items() if k.lower() not in ("content-type", "content-length")}
            url = target
        raise httpx.TooManyRedirects(f"more than {MAX_REDIRECTS} redirects")

    async def _one(self, method: str, url: str, body: bytes, headers: dict[str, str], timeout: float) -> Answer:
        scheme, host, port = outbound.split_url(url)
        if scheme not in ("http", "https"):
            raise OutboundRefused(f"only http and https URLs are allowed here, not {scheme!r}")
        parts = urlsplit(url)
        target = quote(parts.path or "/", safe=_PATH_SAFE) + (
            f"?{quote(parts.query, safe=_QUERY_SAFE)}" if parts.query else ""
        )
        head = _head(method, target, _host_header(host, port, scheme), headers, len(body))
        key = (scheme, host, port)
        loop = asyncio.get_running_loop()
        phase = "connect"
        connection: _Connection | None = None
        try:
            async with asyncio.timeout(timeout):
                connection = self._kept(key, loop.time())
                if connection is None:
                    connection = await _connect(scheme, host, port, timeout)
                phase = "write"
                connection.writer.write(head + body)
                await connection.writer.drain()
                phase = "read"
                answer, reusable = await _read_answer(connection.reader, method)
        except TimeoutError:
            if connection is not None:
                connection.close()
            error = {"connect": httpx.ConnectTimeout, "write": httpx.WriteTimeout, "read": httpx.ReadTimeout}[phase]
            raise error(f"no answer within {timeout:g} s" if phase == "read" else f"{phase} timed out") from None
        except BaseException as failed:
            if connection is not None:
                connection.close()
            if isinstance(failed, ConnectionError | OSError) and not isinstance(failed, TimeoutError):
                kind = httpx.WriteError if phase == "write" else httpx.ReadError
                raise kind(f"{type(failed).__name__}: {failed}") from failed
            raise
        if reusable:
            connection.idle_since = loop.time()
            self._idle.setdefault(key, []).append(connection)
        else:
            connection.close()
        return answer

    def _kept(self, key: tuple[str, str, int], now: float) -> _Connection | None:
        kept = self._idle.get(key)
        while kept:
            connection = kept.pop()
            if connection.usable(now):
                return connection
            connection.close()
        return None

    def close(self) -> None:
        for kept in self._idle.values():
            for connection in kept:
                connection.close()
        self._idle.clear()


def _host_header(host: str, port: int, scheme: str) -> str:
    name = f"[{host}]" if ":" in host else host
    return name if port == (443 if scheme == "https" else 80) else f"{name}:{port}"


def _head(method: str, target: str, host: str, headers: dict[str, str], length: int) -> bytes:
    lines = [f"{method} {target} HTTP/1.1", f"host: {host}", f"user-agent: {USER_AGENT}", "accept-encoding: identity"]
    if length or method not in ("GET", "HEAD"):
        lines.append(f"content-length: {length}")
    for name, value in headers.items():
        if any(c in name or c in value for c in _FORBIDDEN_IN_HEADERS) or ":" in name:
            raise httpx.LocalProtocolError(f"the header {name[:40]!r} holds a character a header cannot hold")
        lines.append(f"{name}: {value}")
    try:
        return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1", "strict")
    except UnicodeEncodeError:
        raise httpx.LocalProtocolError("a header holds a character outside Latin-1") from None


async def _connect(scheme: str, host: str, port: int, timeout: float) -> _Connection:
    """A connection to a checked address of the host (as app/outbound.py's backend connects)."""
    try:
        addresses = await outbound.connectable(host, port)
    except UnresolvedHost as exc:
        raise httpx.ConnectError(exc.message) from exc
    tls: ssl.SSLContext | None = outbound.shared_ssl_context() if scheme == "https" else None
    error: Exception | None = None
    for address in addresses:  # in getaddrinfo's order, as a plain connect would try them
        try:
            reader, writer = await asyncio.open_connection(
                address, port, ssl=tls, server_hostname=host if tls else None, limit=MAX_HEAD_BYTES
            )
            return _Connection(reader, writer)
        except (OSError, ssl.SSLError) as exc:
            error = httpx.ConnectError(f"{type(exc).__name__}: {exc}")
            error.__cause__ = exc
    assert error is not None
    raise error


async def _read_answer(reader: asyncio.StreamReader, method: str) -> tuple[Answer, bool]:
    """The answer (interim 1xx answers skipped) and whether its connection can be kept."""
    while True:
        status, version, headers = await _read_head(reader)
        if not 100 <= status < 200 or status == 101:
            break
    limit = outbound.max_reply_bytes()
    encoding = headers.get("content-encoding", "").strip().lower()
    decoded_as = outbound.DECODED_HERE.get(encoding)
    if decoded_as is None:
        raise UnreadableReply(f"the answer is encoded as {encoding!r}, which Mimic does not read")
    keep = version == "HTTP/1.1" and "close" not in headers.get("connection", "").lower()
    if method == "HEAD" or status in (204, 304):
        return Answer(status, headers, b""), keep
    if "chunked" in headers.get("transfer-encoding", "").lower():
        raw = await _read_chunked(reader, limit, decoded_as)
    elif (length := headers.get("content-length", "").strip()).isdigit():
        if not decoded_as and int(length) > limit:
            raise outbound.noted(outbound.too_large(limit))
        raw = await _exactly(reader, int(length))
    else:  # delimited by the end of the connection
        raw, keep = await _until_closed(reader, limit, decoded_as), False
    return Answer(status, headers, _decoded(raw, decoded_as, limit)), keep


async def _read_head(reader: asyncio.StreamReader) -> tuple[int, str, dict[str, str]]:
    try:
        block = await reader.readuntil(b"\r\n\r\n")
    except asyncio.IncompleteReadError as exc:
        raise httpx.RemoteProtocolError(
            "Server disconnected without sending a response." if not exc.partial else "the answer's head was cut off"
        ) from None
    except asyncio.LimitOverrunError:
        raise httpx.RemoteProtocolError(f"the answer's head is larger than {MAX_HEAD_BYTES:,} bytes") from None
    lines = block.decode("latin-1").split("\r\n")
    status_line = lines[0].split(" ", 2)
    if len(status_line) < 2 or not status_line[0].startswith("HTTP/1.") or not status_line[1].isdigit():
        raise httpx.RemoteProtocolError(f"not an HTTP/1.1 answer: {lines[0][:80]!r}")
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if not line:
            continue
        name, sep, value = line.partition(":")
        if not sep or not name or name != name.strip():
            raise httpx.RemoteProtocolError(f"a malformed header line in the answer: {line[:80]!r}")
        name, value = name.lower(), value.strip()
        headers[name] = f"{headers[name]}, {value}" if name in headers else value
    return int(status_line[1]), status_line[0], headers


async def _exactly(reader: asyncio.StreamReader, count: int) -> bytes:
    try:
        return await reader.readexactly(count)
    except asyncio.IncompleteReadError:
        raise httpx.RemoteProtocolError("the server closed the connection before the whole answer came") from None


async def _read_chunked(reader: asyncio.StreamReader, limit: int, decoded_as: str) -> bytes:
    parts: list[bytes] = []
    size = 0
    while True:
        try:
            line = await reader.readuntil(b"\r\n")
            chunk = int(line.split(b";", 1)[0].strip() or b"x", 16)
        except (asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            raise httpx.RemoteProtocolError("a malformed chunk in the answer") from None
        if chunk == 0:
            while (await _line(reader)) != b"\r\n":  # trailers, up to the blank line
                pass
            return b"".join(parts)
        size += chunk
        if not decoded_as and size > limit:
            raise outbound.noted(outbound.too_large(limit))
        parts.append(await _exactly(reader, chunk))
        if await _exactly(reader, 2) != b"\r\n":
            raise httpx.RemoteProtocolError("a malformed chunk in the answer")


async def _line(reader: asyncio.StreamReader) -> bytes:
    try:
        return await reader.readuntil(b"\r\n")
    except (asyncio.IncompleteReadError, asyncio.LimitOverrunError):
        raise httpx.RemoteProtocolError("the answer's trailers were cut off") from None


async def _until_closed(reader: asyncio.StreamReader, limit: int, decoded_as: str) -> bytes:
    parts: list[bytes] = []
    size = 0
    while data := await reader.read(_READ_CHUNK):
        size += len(data)
        if not decoded_as and size > limit:
            raise outbound.noted(outbound.too_large(limit))
        parts.append(data)
    return b"".join(parts)


def _decoded(raw: bytes, decoded_as: str, limit: int) -> bytes:
    """gzip or deflate sent although identity was asked for: decoded, never past the cap."""
    if not decoded_as:
        return raw
    decoder = zlib.decompressobj(47 if decoded_as == "gzip" else 15)
    try:
        data = decoder.decompress(raw, limit + 1)
    except zlib.error:
        if decoded_as != "deflate":
            raise UnreadableReply("the answer's compressed body is corrupt") from None
        try:  # deflate servers often send raw deflate
            data = zlib.decompressobj(-15).decompress(raw, limit + 1)
        except zlib.error:
            raise UnreadableReply("the answer's compressed body is corrupt") from None
    if len(data) > limit:
        raise outbound.noted(outbound.too_large(limit))
    return data


# A client per task (a running session's calls reuse its connection; its connections close
# when it ends), and one per loop for calls outside a task: as app/llm/egress.py's pools.
_by_task: weakref.WeakKeyDictionary[asyncio.Task, Http1Client] = weakref.WeakKeyDictionary()
_by_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, Http1Client] = weakref.WeakKeyDictionary()


def client() -> Http1Client:
    """The running task's client (made on its first request), or the loop's outside a task."""
    task = asyncio.current_task()
    if task is None:
        loop = asyncio.get_running_loop()
        found = _by_loop.get(loop)
        if found is None:
            found = _by_loop[loop] = Http1Client()
        return found
    found = _by_task.get(task)
    if found is None:
        found = _by_task[task] = Http1Client()
        task.add_done_callback(lambda _task: found.close())
    return found
