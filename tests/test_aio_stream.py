"""Outbound HTTP on asyncio's own transports (app/aio_stream.py), through the checking transport
every agent and LLM call uses, against real servers on 127.0.0.1: TLS (verified and not), a
server that never answers, one that closes idle connections, and bodies larger than the
transport's buffers both ways."""

from __future__ import annotations

import asyncio
import datetime
import ipaddress
import socket
import threading

import httpx
import pytest
import uvicorn
from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID
from fastapi import FastAPI, Request
from fastapi.responses import Response

from app.outbound import OutboundTransport
from tests.support.loopback import free_port

BIG = 3 * 1024 * 1024  # past the read high-water mark and any socket buffer


def _app() -> FastAPI:
    app = FastAPI()

    @app.post("/echo-length")
    async def echo_length(request: Request) -> dict:
        return {"length": len(await request.body())}

    @app.get("/big")
    def big() -> Response:
        return Response(b"x" * BIG, media_type="application/octet-stream")

    @app.get("/ping")
    def ping() -> dict:
        return {"pong": True}

    return app


class _Server:
    """uvicorn in a thread; with `tls`, a self-signed certificate for 127.0.0.1."""

    def __init__(self, tmp_path, *, tls: bool = False, keep_alive_s: int = 5) -> None:
        self.port = free_port()
        options = {}
        if tls:
            options = _self_signed(tmp_path)
        config = uvicorn.Config(_app(), host="127.0.0.1", port=self.port, log_level="warning",
                                timeout_keep_alive=keep_alive_s, **options)  # fmt: skip
        self.url = f"{'https' if tls else 'http'}://127.0.0.1:{self.port}"
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)

    def __enter__(self) -> _Server:
        self.thread.start()
        for _ in range(1000):
            if self.server.started:
                return self
            threading.Event().wait(0.01)
        raise RuntimeError("the server did not start")

    def __exit__(self, *exc) -> None:
        self.server.should_exit = True
        self.thread.join(10)


def _self_signed(tmp_path) -> dict:
    key = ec.generate_private_key(ec.SECP256R1())
    name = x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, "127.0.0.1")])
    now = datetime.datetime.now(datetime.UTC)
    certificate = (
        x509.CertificateBuilder().subject_name(name).issuer_name(name).public_key(key.public_key())
        .serial_number(x509.random_serial_number()).not_valid_before(now - datetime.timedelta(days=1))
        .not_valid_after(now + datetime.timedelta(days=1))
        .add_extension(x509.SubjectAlternativeName([x509.IPAddress(ipaddress.ip_address("127.0.0.1"))]),
                       critical=False)
        .sign(key, hashes.SHA256())
    )  # fmt: skip
    keyfile, certfile = tmp_path / "key.pem", tmp_path / "cert.pem"
    keyfile.write_bytes(key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                                          serialization.NoEncryption()))  # fmt: skip
    certfile.write_bytes(certificate.public_bytes(serialization.Encoding.PEM))
    return {"ssl_keyfile": str(keyfile), "ssl_certfile": str(certfile)}


@pytest.fixture(autouse=True)
def _loopback_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    from app.settings import settings

    monkeypatch.setattr(settings, "outbound_allow", "loopback")


async def test_tls_is_verified_and_carries_bodies_both_ways(tmp_path) -> None:
    with _Server(tmp_path, tls=True) as server:
        unverified = OutboundTransport(verify=False, max_response_bytes=2 * BIG)
        async with httpx.AsyncClient(transport=unverified, timeout=10) as client:
            assert (await client.post(f"{server.url}/echo-length", content=b"y" * BIG)).json() == {"length": BIG}
            assert len((await client.get(f"{server.url}/big")).content) == BIG
        async with httpx.AsyncClient(transport=OutboundTransport(), timeout=10) as client:
            with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
                await client.get(f"{server.url}/ping")


async def test_large_bodies_over_plain_http(tmp_path) -> None:
    with _Server(tmp_path) as server:
        async with httpx.AsyncClient(transport=OutboundTransport(max_response_bytes=2 * BIG), timeout=10) as client:
            answers = await asyncio.gather(*(client.post(f"{server.url}/echo-length", content=b"y" * BIG)
                                             for _ in range(3)))  # fmt: skip
            assert [a.json() for a in answers] == [{"length": BIG}] * 3
            assert len((await client.get(f"{server.url}/big")).content) == BIG


async def test_a_server_that_never_answers_times_out() -> None:
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(4)
    try:
        url = f"http://127.0.0.1:{listener.getsockname()[1]}/"
        async with httpx.AsyncClient(transport=OutboundTransport(), timeout=httpx.Timeout(5, read=0.3)) as client:
            started = asyncio.get_running_loop().time()
            with pytest.raises(httpx.ReadTimeout):
                await client.get(url)
            assert asyncio.get_running_loop().time() - started < 3
    finally:
        listener.close()


async def test_a_connection_the_server_closed_while_idle_is_not_reused(tmp_path) -> None:
    with _Server(tmp_path, keep_alive_s=1) as server:
        transport = OutboundTransport()
        async with httpx.AsyncClient(transport=transport, timeout=10) as client:
            assert (await client.get(f"{server.url}/ping")).json() == {"pong": True}
            [connection] = transport._pool.connections
            await asyncio.sleep(1.5)  # uvicorn closes it after a second idle
            assert connection.has_expired()  # known from the stream, before any request is written
            assert (await client.get(f"{server.url}/ping")).json() == {"pong": True}
            assert transport._pool.connections and transport._pool.connections[0] is not connection


async def test_a_refused_connection_is_a_connect_error() -> None:
    port = free_port()
    async with httpx.AsyncClient(transport=OutboundTransport(), timeout=5) as client:
        with pytest.raises(httpx.ConnectError):
            await client.get(f"http://127.0.0.1:{port}/")
