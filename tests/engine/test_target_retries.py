"""A persona's message is sent again only when it surely never reached the agent.

Real agents on 127.0.0.1 count what they receive: after a timeout, a gateway error or a reply
cut short the agent may already hold the message, so it must receive it once, not two or three
times; a refused connection or a 503 is sent again.
"""

from __future__ import annotations

import asyncio
import socket
import threading
import time

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from app.engine.targets import TargetError, Turn, build_target
from app.engine.targets.base import MAX_ATTEMPTS, TargetSpec
from tests.support.loopback import LoopbackServer, free_port


def _http_target(url: str, timeout_s: float = 1.0):
    config = {
        "url": url,
        "method": "POST",
        "bodyTemplate": '{"message": "{{message}}"}',
        "replyPath": "reply",
        "timeoutSeconds": timeout_s,
        "headers": {},
    }
    return build_target(TargetSpec(type="http", config=config, agent_id="a1", credentials={}))


def _counting_agent(answers: list) -> tuple[FastAPI, list[str]]:
    """Answers the i-th request with answers[i] (a status, or "slow"); records each message."""
    received: list[str] = []
    app = FastAPI()

    @app.post("/chat")
    async def chat(request: Request):
        received.append((await request.json())["message"])
        answer = answers[min(len(received), len(answers)) - 1]
        if answer == "slow":
            await asyncio.sleep(3)
            answer = 200
        if answer != 200:
            return JSONResponse({"error": "no"}, status_code=answer)
        return {"reply": "hello"}

    return app, received


async def _send(target, message: str = "where is my order?"):
    try:
        return await target.send(Turn(session_id="s1", message=message))
    finally:
        await target.close()


@pytest.mark.parametrize("first", ["slow", 502, 504])
async def test_a_message_that_may_have_arrived_is_not_sent_again(first) -> None:
    app, received = _counting_agent([first, 200])
    with LoopbackServer(app) as agent:
        with pytest.raises(TargetError) as failure:
            await _send(_http_target(f"{agent.url}/chat"))
        await asyncio.sleep(0.3)  # a second try, if one were made, would have arrived by now
    assert received == ["where is my order?"], received
    assert failure.value.kind in {"timeout", "http_status"}


async def test_an_agent_that_says_it_did_not_take_the_message_gets_it_again() -> None:
    app, received = _counting_agent([503, 429, 200])
    with LoopbackServer(app) as agent:
        reply = await _send(_http_target(f"{agent.url}/chat"))
    assert reply.content == "hello"
    assert received == ["where is my order?"] * 3


async def test_a_refused_connection_is_tried_again_then_recorded() -> None:
    port = free_port("127.0.0.1")  # nothing listens there
    started = time.perf_counter()
    with pytest.raises(TargetError) as failure:
        await _send(_http_target(f"http://127.0.0.1:{port}/chat"))
    assert failure.value.kind == "connection" and failure.value.retryable
    # Backoff between the attempts: 0.25 s, then 0.5 s.
    assert MAX_ATTEMPTS > 1 and time.perf_counter() - started >= 0.7


def _cut_short_agent() -> tuple[socket.socket, list[bytes]]:
    """An HTTP agent that reads the request and breaks off in the middle of its reply."""
    requests: list[bytes] = []
    listener = socket.create_server(("127.0.0.1", 0))

    def serve() -> None:
        while True:
            try:
                connection, _ = listener.accept()
            except OSError:
                return
            with connection:
                requests.append(connection.recv(65536))
                head = b"HTTP/1.1 200 OK\r\ncontent-type: application/json\r\ncontent-length: 200\r\n\r\n"
                connection.sendall(head + b'{"re')

    threading.Thread(target=serve, daemon=True).start()
    return listener, requests


async def test_a_reply_cut_short_is_not_answered_by_sending_the_message_again() -> None:
    listener, requests = _cut_short_agent()
    try:
        with pytest.raises(TargetError) as failure:
            await _send(_http_target(f"http://127.0.0.1:{listener.getsockname()[1]}/chat"))
        await asyncio.sleep(0.3)
    finally:
        listener.close()
    assert failure.value.kind == "connection" and not failure.value.retryable
    assert len(requests) == 1


async def test_an_agent_slower_than_five_seconds_is_waited_for_up_to_its_timeout() -> None:
    """The agent's timeoutSeconds bounds the wait, nothing shorter: httpx's default of five
    seconds used to fail an agent that took six (an LLM-backed agent often does)."""
    app = FastAPI()

    @app.post("/chat")
    async def chat():
        await asyncio.sleep(5.5)
        return {"reply": "worth the wait"}

    with LoopbackServer(app) as agent:
        reply = await _send(_http_target(f"{agent.url}/chat", timeout_s=15))
    assert reply.content == "worth the wait" and reply.latency_ms >= 5500
