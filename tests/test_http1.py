"""The lean HTTP/1.1 client (app/http1.py) against real servers on 127.0.0.1: a raw asyncio
server that answers exactly as each case needs (kept-alive, chunked, until closed, gzip,
redirects, never, closing idle connections), and uvicorn with TLS. What it must keep of
httpx and app/outbound.py: the policy on every hop, the cap after decoding, one connection
reused while it lives, and httpx's exceptions for a request that never left and one that may
have."""

from __future__ import annotations

import asyncio
import gzip
import json
import ssl

import httpx
import pytest

from app import http1
from app.outbound import ReplyTooLarge, UnreadableReply, capture_failures
from app.outbound_policy import OutboundRefused
from app.settings import settings
from tests.support.loopback import free_port
from tests.test_aio_stream import _Server


@pytest.fixture(autouse=True)
def _loopback_allowed(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(settings, "outbound_allow", "127.0.0.1")


class RawServer:
    """An asyncio server on 127.0.0.1 whose `answer(head, body)` returns the bytes to send
    (None: say nothing). It records each request and counts the connections it accepted."""

    def __init__(self, answer) -> None:
        self.answer = answer
        self.requests: list[tuple[str, dict[str, str], bytes]] = []
        self.connections = 0
        self.close_after_answer = False

    async def __aenter__(self) -> RawServer:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)
        self.url = f"http://127.0.0.1:{self.server.sockets[0].getsockname()[1]}"
        return self

    async def __aexit__(self, *exc) -> None:
        self.server.close()

    async def _serve(self, reader: asyncio.StreamReader, writer: asyncio.StreamWriter) -> None:
        self.connections += 1
        try:
            while True:
                head = (await reader.readuntil(b"\r\n\r\n")).decode("latin-1")
                lines = head.split("\r\n")
                headers = {k.lower(): v.strip() for k, _, v in (line.partition(":") for line in lines[1:] if line)}
                body = await reader.readexactly(int(headers.get("content-length", 0)))
                self.requests.append((lines[0], headers, body))
                reply = self.answer(lines[0], body)
                if reply is None:
                    await asyncio.sleep(3600)
                writer.write(reply)
                await writer.drain()
                if self.close_after_answer:
                    break
        except (asyncio.IncompleteReadError, ConnectionError):
            pass
        finally:
            writer.close()


def _json(status: int, data: object, *extra: str) -> bytes:
    body = json.dumps(data).encode()
    head = [f"HTTP/1.1 {status} X", "content-type: application/json", f"content-length: {len(body)}", *extra]
    return ("\r\n".join(head) + "\r\n\r\n").encode() + body


async def test_one_connection_is_kept_alive_and_answers_are_read_every_way() -> None:
    answers = [
        _json(200, {"n": 1}),
        b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"
        b"5\r\nhello\r\n6;x=y\r\n world\r\n0\r\ntrailer: t\r\n\r\n",
        _json(200, {"n": 3}),
    ]
    async with RawServer(lambda *_: answers.pop(0)) as server:
        client = http1.Http1Client()
        first = await client.post_json(f"{server.url}/v1/chat", {"q": "é"}, {"Authorization": "Bearer k"}, timeout=5)
        second = await client.request("POST", f"{server.url}/x?a=1", b"{}", {}, 5)
        third = await client.request("GET", f"{server.url}/y", b"", {}, 5)
        client.close()
    assert first.status_code == 200 and first.json() == {"n": 1} and third.json() == {"n": 3}
    assert second.content == b"hello world"
    assert server.connections == 1  # kept alive from request to request
    (line, headers, body), (line2, _, _), (line3, headers3, _) = server.requests
    assert line == "POST /v1/chat HTTP/1.1" and json.loads(body) == {"q": "é"}
    assert headers["authorization"] == "Bearer k" and headers["content-type"] == "application/json"
    assert headers["accept-encoding"] == "identity" and headers["host"] == server.url.removeprefix("http://")
    assert line2 == "POST /x?a=1 HTTP/1.1" and line3 == "GET /y HTTP/1.1" and "content-length" not in headers3


async def test_an_answer_until_closed_and_a_closed_connection_is_not_reused() -> None:
    async with RawServer(lambda *_: b"HTTP/1.1 200 OK\r\nconnection: close\r\n\r\nthe whole rest") as server:
        server.close_after_answer = True
        client = http1.Http1Client()
        assert (await client.request("GET", f"{server.url}/", b"", {}, 5)).content == b"the whole rest"
        assert (await client.request("GET", f"{server.url}/", b"", {}, 5)).content == b"the whole rest"
        assert server.connections == 2
    # A kept-alive connection the server closes while it is idle is known closed, not written to.
    async with RawServer(lambda *_: _json(200, {"ok": True})) as server:
        server.close_after_answer = True  # closes after answering, without saying so
        client = http1.Http1Client()
        for _ in range(3):
            assert (await client.request("GET", f"{server.url}/", b"", {}, 5)).json() == {"ok": True}
            await asyncio.sleep(0.05)  # the close reaches this side
        assert server.connections == 3


async def test_answers_are_capped_after_decoding(monkeypatch) -> None:
    monkeypatch.setattr(settings, "max_reply_bytes", 1000)
    small = gzip.compress(b'{"x": 1}')
    bomb = gzip.compress(b"y" * 100_000)
    answers = {
        "/long": b"HTTP/1.1 200 OK\r\ncontent-length: 5000\r\n\r\n" + b"z" * 5000,
        "/chunks": b"HTTP/1.1 200 OK\r\ntransfer-encoding: chunked\r\n\r\n"
        + b"".join(b"100\r\n" + b"c" * 256 + b"\r\n" for _ in range(5))
        + b"0\r\n\r\n",
        "/gzip": b"HTTP/1.1 200 OK\r\ncontent-encoding: gzip\r\ncontent-length: %d\r\n\r\n" % len(small) + small,
        "/bomb": b"HTTP/1.1 200 OK\r\ncontent-encoding: gzip\r\ncontent-length: %d\r\n\r\n" % len(bomb) + bomb,
        "/br": b"HTTP/1.1 200 OK\r\ncontent-encoding: br\r\ncontent-length: 2\r\n\r\nxx",
    }
    async with RawServer(lambda line, _body: answers[line.split(" ")[1]]) as server:
        client = http1.Http1Client()
        assert (await client.request("GET", f"{server.url}/gzip", b"", {}, 5)).json() == {"x": 1}
        for path in ("/long", "/chunks", "/bomb"):
            with capture_failures() as failures, pytest.raises(ReplyTooLarge, match="1,000 bytes"):
                await client.request("GET", f"{server.url}{path}", b"", {}, 5)
            assert len(failures) == 1  # noted, as the checking transport notes it
        with pytest.raises(UnreadableReply, match="'br'"):
            await client.request("GET", f"{server.url}/br", b"", {}, 5)


async def test_redirects_as_httpx_follows_them_each_hop_checked() -> None:
    async with RawServer(lambda line, body: _json(200, {"line": line, "body": body.decode()})) as final:
        hops = {
            "/307": f"HTTP/1.1 307 X\r\nlocation: {final.url}/kept\r\ncontent-length: 0\r\n\r\n",
            "/303": "HTTP/1.1 303 X\r\nlocation: /after-303\r\ncontent-length: 0\r\n\r\n",
            "/after-303": None,
            "/far": "HTTP/1.1 302 X\r\nlocation: http://127.0.0.2:9/\r\ncontent-length: 0\r\n\r\n",
        }

        def answer(line: str, body: bytes) -> bytes:
            path = line.split(" ")[1]
            if path == "/after-303":
                return _json(200, {"line": line, "body": body.decode()})
            return hops[path].encode()

        async with RawServer(answer) as hop:
            client = http1.Http1Client()
            kept = await client.request("POST", f"{hop.url}/307", b"payload", {"authorization": "Bearer k"}, 5)
            assert kept.json() == {"line": "POST /kept HTTP/1.1", "body": "payload"}
            # Another origin (another port): the credentials stay behind.
            assert "authorization" not in final.requests[-1][1]
            turned = await client.request("POST", f"{hop.url}/303", b"payload", {"authorization": "Bearer k"}, 5)
            assert turned.json() == {"line": "GET /after-303 HTTP/1.1", "body": ""}
            assert hop.requests[-1][1]["authorization"] == "Bearer k"  # the same origin keeps them
            with pytest.raises(OutboundRefused, match="127.0.0.2"):
                await client.request("GET", f"{hop.url}/far", b"", {}, 5)
            unfollowed = await client.request("POST", f"{hop.url}/307", b"x", {}, 5, redirects=False)
            assert unfollowed.status_code == 307


async def test_failures_are_httpx_errors_that_say_whether_the_request_left() -> None:
    client = http1.Http1Client()
    with pytest.raises(httpx.ConnectError):  # nobody listens: it never left
        await client.request("GET", f"http://127.0.0.1:{free_port()}/", b"", {}, 5)
    async with RawServer(lambda *_: None) as silent:
        with pytest.raises(httpx.ReadTimeout):  # it left; no answer came
            await client.request("POST", f"{silent.url}/", b"{}", {}, 0.3)
    async with RawServer(lambda *_: b"") as hangs_up:
        hangs_up.close_after_answer = True
        with pytest.raises(httpx.RemoteProtocolError, match="without sending a response"):
            await client.request("POST", f"{hangs_up.url}/", b"{}", {}, 5)
    async with RawServer(lambda *_: b"SMTP ready\r\n\r\n") as not_http:
        with pytest.raises(httpx.RemoteProtocolError, match="not an HTTP/1.1 answer"):
            await client.request("GET", f"{not_http.url}/", b"", {}, 5)
    with pytest.raises(OutboundRefused):  # another address than the policy allows: refused before connecting
        await client.request("GET", "http://127.0.0.2:9/", b"", {}, 5)
    async with RawServer(lambda *_: _json(200, {})) as server:
        with pytest.raises(httpx.LocalProtocolError):  # a header cannot smuggle another one
            await client.request("GET", f"{server.url}/", b"", {"x-token": "a\r\nx-admin: 1"}, 5)
        assert server.requests == []


async def test_tls_is_verified(tmp_path, monkeypatch) -> None:
    with _Server(tmp_path, tls=True) as server:
        with pytest.raises(httpx.ConnectError, match="CERTIFICATE_VERIFY_FAILED"):
            await http1.Http1Client().request("GET", f"{server.url}/ping", b"", {}, 10)
        trusting = ssl.create_default_context(cafile=str(tmp_path / "cert.pem"))
        monkeypatch.setattr(http1.outbound, "shared_ssl_context", lambda verify=True: trusting)
        client = http1.Http1Client()
        assert (await client.request("GET", f"{server.url}/ping", b"", {}, 10)).json() == {"pong": True}
        assert (await client.request("POST", f"{server.url}/echo-length", b"y" * 100_000, {}, 10)).json() == {
            "length": 100_000
        }
        client.close()  # the server's shut-down waits for kept-alive connections
        await asyncio.sleep(0.05)


async def test_a_task_has_a_client_of_its_own_closed_when_it_ends() -> None:
    async with RawServer(lambda *_: _json(200, {"ok": True})) as server:

        async def calls() -> http1.Http1Client:
            mine = http1.client()
            for _ in range(3):
                await mine.request("GET", f"{server.url}/", b"", {}, 5)
            assert http1.client() is mine
            return mine

        first, second = await asyncio.gather(calls(), calls())
        assert first is not second and server.connections == 2
        await asyncio.sleep(0.05)
        assert first._idle == {} and second._idle == {}  # closed when their tasks ended


async def test_a_url_is_sent_percent_encoded_and_a_header_must_be_latin_1() -> None:
    async with RawServer(lambda *_: _json(200, {})) as server:
        client = http1.Http1Client()
        await client.request("GET", f"{server.url}/a b/é?q=x y&r=1%2F2", b"", {}, 5)
        with pytest.raises(httpx.LocalProtocolError):
            await client.request("GET", f"{server.url}/", b"", {"x-name": "Łukasz"}, 5)
        client.close()
    [(line, _, _)] = server.requests
    assert line == "GET /a%20b/%C3%A9?q=x%20y&r=1%2F2 HTTP/1.1"
