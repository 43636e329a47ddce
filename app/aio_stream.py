"""httpcore's network stream on asyncio's own transports, for every outbound HTTP connection.

httpcore talks to sockets through anyio under asyncio: each read and write enters a cancel
scope, asks sniffio which library runs, and writes yield to the loop once more (a checkpoint),
and telling whether an idle pooled connection was closed by the server built a dict of the
socket's attributes and polled the socket. That machinery was a large share of Mimic's CPU per
turn, where a conversation is mostly small HTTP requests. This stream is a protocol: what
arrives is buffered as the loop reads it; a read takes from the buffer or waits for more; a
write hands the bytes to the transport and waits only when its buffer is full; timeouts are
loop timers. An idle connection the server closed is known from the protocol (end of stream,
connection lost or bytes nobody asked for), without a system call.

Errors and timeouts are httpcore's (ConnectError/ConnectTimeout, ReadError/ReadTimeout,
WriteError/WriteTimeout), as httpcore's own backends raise them.
"""

from __future__ import annotations

import asyncio
import socket
import ssl
from collections.abc import Iterable
from typing import Any

import httpcore

# Past this much unread data the transport stops reading from the socket until it is read.
READ_HIGH_WATER = 256 * 1024


class _Protocol(asyncio.Protocol):
    def __init__(self) -> None:
        self.transport: asyncio.Transport | None = None
        self.buffer = bytearray()
        self.eof = False
        self.lost: Exception | None = None
        self.closed = False
        self.reading_paused = False
        self._data_waiter: asyncio.Future | None = None
        self._drain_waiter: asyncio.Future | None = None
        self.writing_paused = False

    # -- asyncio's side
    def connection_made(self, transport: asyncio.BaseTransport) -> None:
        self.transport = transport  # type: ignore[assignment]

    def data_received(self, data: bytes) -> None:
        self.buffer += data
        if len(self.buffer) > READ_HIGH_WATER and not self.reading_paused and self.transport is not None:
            self.reading_paused = True
            self.transport.pause_reading()
        self._wake_reader()

    def eof_received(self) -> bool:
        self.eof = True
        self._wake_reader()
        return False  # the transport closes itself

    def connection_lost(self, exc: Exception | None) -> None:
        self.closed = True
        self.eof = True
        self.lost = exc
        self._wake_reader()
        waiter, self._drain_waiter = self._drain_waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_exception(httpcore.WriteError(str(exc or "the connection was closed")))

    def pause_writing(self) -> None:
        self.writing_paused = True

    def resume_writing(self) -> None:
        self.writing_paused = False
        waiter, self._drain_waiter = self._drain_waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    def _wake_reader(self) -> None:
        waiter, self._data_waiter = self._data_waiter, None
        if waiter is not None and not waiter.done():
            waiter.set_result(None)

    # -- the stream's side
    def data_waiter(self) -> asyncio.Future:
        self._data_waiter = asyncio.get_running_loop().create_future()
        return self._data_waiter

    def drain_waiter(self) -> asyncio.Future:
        self._drain_waiter = asyncio.get_running_loop().create_future()
        return self._drain_waiter


async def _within(future: asyncio.Future, timeout: float | None, timed_out: type[Exception]) -> None:
    """Waits for the future, raising `timed_out` after `timeout` seconds (None: no limit)."""
    if timeout is None:
        await future
        return
    expired = False

    def expire() -> None:
        nonlocal expired
        if not future.done():
            expired = True
            future.cancel()

    handle = asyncio.get_running_loop().call_later(timeout, expire)
    try:
        await future
    except asyncio.CancelledError:
        if not expired:
            raise
        raise timed_out(f"no progress within {timeout:g} s") from None
    finally:
        handle.cancel()


class AsyncioStream(httpcore.AsyncNetworkStream):
    def __init__(self, transport: asyncio.Transport, protocol: _Protocol) -> None:
        self._transport = transport
        self._protocol = protocol
        sock = transport.get_extra_info("socket")
        self._sock: socket.socket | None = sock

    async def read(self, max_bytes: int, timeout: float | None = None) -> bytes:
        protocol = self._protocol
        while not protocol.buffer:
            if protocol.eof:
                if protocol.lost is not None:
                    raise httpcore.ReadError(str(protocol.lost))
                return b""
            await _within(protocol.data_waiter(), timeout, httpcore.ReadTimeout)
        data = bytes(protocol.buffer[:max_bytes])
        del protocol.buffer[:max_bytes]
        if protocol.reading_paused and len(protocol.buffer) <= READ_HIGH_WATER // 4 and not protocol.closed:
            protocol.reading_paused = False
            self._transport.resume_reading()
        return data

    async def write(self, buffer: bytes, timeout: float | None = None) -> None:
        if not buffer:
            return
        protocol = self._protocol
        if protocol.closed or self._transport.is_closing():
            raise httpcore.WriteError(str(protocol.lost or "the connection was closed"))
        self._transport.write(buffer)
        if protocol.writing_paused:
            await _within(protocol.drain_waiter(), timeout, httpcore.WriteTimeout)

    async def aclose(self) -> None:
        self._transport.close()

    async def start_tls(
        self, ssl_context: ssl.SSLContext, server_hostname: str | None = None, timeout: float | None = None
    ) -> AsyncioStream:
        loop = asyncio.get_running_loop()
        try:
            async with asyncio.timeout(timeout):
                transport = await loop.start_tls(
                    self._transport, self._protocol, ssl_context, server_hostname=server_hostname
                )
        except TimeoutError:
            self._transport.close()
            raise httpcore.ConnectTimeout(f"the TLS handshake took longer than {timeout:g} s") from None
        except (OSError, ssl.SSLError, ConnectionError) as exc:
            self._transport.close()
            raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
        if transport is None:
            raise httpcore.ConnectError("the connection closed during the TLS handshake")
        self._protocol.transport = transport  # reading pauses and resumes on the TLS transport now
        return AsyncioStream(transport, self._protocol)  # type: ignore[arg-type]

    def get_extra_info(self, info: str) -> Any:
        if info == "is_readable":
            # An idle connection has nothing to read: anything there, or its end, means the
            # server closed it (or broke the protocol). The loop has already read it for us.
            protocol = self._protocol
            return bool(protocol.buffer) or protocol.eof
        if info == "ssl_object":
            return self._transport.get_extra_info("ssl_object")
        if info == "client_addr":
            return self._transport.get_extra_info("sockname")
        if info == "server_addr":
            return self._transport.get_extra_info("peername")
        if info == "socket":
            return self._sock
        return None


async def connect_tcp(
    host: str,
    port: int,
    timeout: float | None = None,
    local_address: str | None = None,
    socket_options: Iterable[tuple] | None = None,
) -> AsyncioStream:
    """A TCP connection to an address (already resolved and checked by the caller)."""
    loop = asyncio.get_running_loop()
    try:
        async with asyncio.timeout(timeout):
            transport, protocol = await loop.create_connection(
                _Protocol, host, port, local_addr=(local_address, 0) if local_address else None
            )
    except TimeoutError:
        raise httpcore.ConnectTimeout(f"connecting to {host}:{port} took longer than {timeout:g} s") from None
    except OSError as exc:
        raise httpcore.ConnectError(str(exc) or type(exc).__name__) from exc
    sock = transport.get_extra_info("socket")
    for option in socket_options or ():
        sock.setsockopt(*option)
    return AsyncioStream(transport, protocol)  # type: ignore[arg-type]
