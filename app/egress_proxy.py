"""The browser's checking proxy: a SOCKS5 proxy on 127.0.0.1 through which a browser
context's every connection goes, each checked by the outbound policy (app/outbound.py)."""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import struct
import time
from dataclasses import dataclass, field

from app.outbound import OutboundPolicy, OutboundRefused, UnresolvedHost, current_policy, normal_host

logger = logging.getLogger("mimic.outbound")

_SOCKS_OK, _SOCKS_FAILED, _SOCKS_NOT_ALLOWED, _SOCKS_UNREACHABLE, _SOCKS_REFUSED = 0, 1, 2, 4, 5
# What Chromium would have said had it connected itself (it only says ERR_SOCKS_CONNECTION_FAILED).
_NET_ERRORS = ((ConnectionRefusedError, "net::ERR_CONNECTION_REFUSED"), (TimeoutError, "net::ERR_CONNECTION_TIMED_OUT"),
               (ConnectionResetError, "net::ERR_CONNECTION_RESET"))  # fmt: skip


@dataclass(frozen=True)
class EgressFailure:
    """A connection the proxy did not make: refused by the policy, or the host failed."""

    host: str
    port: int
    refused: bool
    reason: str  # the policy's message, or a Chromium-style net:: error
    at: float = field(default_factory=time.time)


class EgressProxy:
    """A SOCKS5 proxy on 127.0.0.1 for one browser context. Chromium sends it host names
    (it resolves nothing itself through a SOCKS5 proxy), so the proxy resolves, checks every
    address and connects to a checked one: navigations, redirect hops, subresources and
    WebSockets alike. What it did not connect is kept in `failures` by (host, port)."""

    def __init__(self, *, policy: OutboundPolicy | None = None, connect_timeout_s: float = 30) -> None:
        self.policy = policy
        self.connect_timeout_s = connect_timeout_s
        self.failures: dict[tuple[str, int], EgressFailure] = {}
        self.last_failure: EgressFailure | None = None
        self.connections = 0
        self._server: asyncio.Server | None = None
        self._writers: set[asyncio.StreamWriter] = set()

    @property
    def url(self) -> str:
        assert self._server is not None, "start() first"
        return f"socks5://127.0.0.1:{self._server.sockets[0].getsockname()[1]}"

    async def start(self) -> EgressProxy:
        self._server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        return self

    async def close(self) -> None:
        if self._server is not None:
            self._server.close()
            self._server = None
        for writer in list(self._writers):
            writer.close()
        self._writers.clear()

    def failure(self, host: str, port: int) -> EgressFailure | None:
        return self.failures.get((normal_host(host), port))

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self._writers.add(writer)
        upstream: asyncio.StreamWriter | None = None
        try:
            target = await self._handshake(reader, writer)
            if target is None:
                return
            host, port = target
            upstream_reader, upstream = await self._connect(host, port, writer)
            if upstream_reader is None or upstream is None:
                return
            self._writers.add(upstream)
            self.connections += 1
            await asyncio.gather(_pipe(reader, upstream), _pipe(upstream_reader, writer))
        except (asyncio.IncompleteReadError, ConnectionError, UnicodeError, ValueError):
            pass  # a client that hung up or spoke something else than SOCKS5
        finally:
            for w in (writer, upstream):
                if w is not None:
                    self._writers.discard(w)
                    w.close()

    async def _handshake(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> tuple[str, int] | None:
        version, count = await reader.readexactly(2)
        methods = await reader.readexactly(count)
        if version != 5 or 0 not in methods:
            writer.write(b"\x05\xff")
            return None
        writer.write(b"\x05\x00")
        version, command, _, kind = await reader.readexactly(4)
        if kind == 1:
            host = str(ipaddress.IPv4Address(await reader.readexactly(4)))
        elif kind == 3:
            host = (await reader.readexactly((await reader.readexactly(1))[0])).decode("idna")
        elif kind == 4:
            host = str(ipaddress.IPv6Address(await reader.readexactly(16)))
        else:
            writer.write(_reply(8))
            return None
        (port,) = struct.unpack("!H", await reader.readexactly(2))
        if command != 1:  # CONNECT only: no BIND, no UDP
            writer.write(_reply(7))
            return None
        return normal_host(host), port

    async def _connect(self, host: str, port: int, writer: asyncio.StreamWriter):
        """(reader, writer) of the upstream connection, or (None, None) after a failure reply."""
        policy = self.policy or current_policy()
        try:
            async with asyncio.timeout(self.connect_timeout_s):
                addresses = await policy.allowed_addresses(host, port)
                error: OSError | None = None
                for address in addresses:
                    try:
                        streams = await asyncio.open_connection(address, port)
                        break
                    except OSError as exc:
                        error = exc
                else:
                    assert error is not None
                    raise error
        except OutboundRefused as exc:
            logger.info("browser request refused: %s", exc.message)
            return self._failed(writer, EgressFailure(host, port, True, exc.message), _SOCKS_NOT_ALLOWED)
        except UnresolvedHost:
            return self._failed(writer, EgressFailure(host, port, False, "net::ERR_NAME_NOT_RESOLVED"),
                                _SOCKS_UNREACHABLE)  # fmt: skip
        except TimeoutError:
            return self._failed(writer, EgressFailure(host, port, False, "net::ERR_CONNECTION_TIMED_OUT"),
                                _SOCKS_UNREACHABLE)  # fmt: skip
        except OSError as exc:
            reason = next((name for kind, name in _NET_ERRORS if isinstance(exc, kind)), "net::ERR_CONNECTION_FAILED")
            code = _SOCKS_REFUSED if isinstance(exc, ConnectionRefusedError) else _SOCKS_FAILED
            return self._failed(writer, EgressFailure(host, port, False, reason), code)
        self.failures.pop((host, port), None)
        writer.write(_reply(_SOCKS_OK))
        return streams

    def _failed(self, writer: asyncio.StreamWriter, failure: EgressFailure, code: int) -> tuple[None, None]:
        self.failures[(failure.host, failure.port)] = self.last_failure = failure
        writer.write(_reply(code))
        return None, None


def _reply(code: int) -> bytes:
    return bytes([5, code, 0, 1, 0, 0, 0, 0, 0, 0])


async def _pipe(reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
    try:
        while data := await reader.read(65536):
            writer.write(data)
            await writer.drain()
    except ConnectionError:
        pass
    finally:
        try:
            if writer.can_write_eof():
                writer.write_eof()
        except (OSError, RuntimeError):
            pass



__all__ = ["EgressFailure", "EgressProxy"]
