"""MIMIC_MAX_REPLY_BYTES: nothing Mimic calls can make it read more than the cap. Real servers
on 127.0.0.1 answer 50 MB: as an HTTP agent (streamed, paused half-way so that /health is
asked while the stream is in progress), a WebSocket agent, an OpenAI-compatible agent, the
agent probe, the provider test and a webhook receiver. Each call stops at the cap: a session
ends with a target error of kind too_large, nothing over the cap is stored, and the app
answers meanwhile. Read paths cut bodies stored larger (before the cap existed).

Figures are printed (pytest -s), not asserted: responsiveness is asserted by /health being
answered while a 50 MB stream is in progress."""

from __future__ import annotations

import asyncio
import json
import statistics
import threading
import time
from dataclasses import dataclass, field

import httpx
import psutil
import pytest
from fastapi import FastAPI, Request, WebSocket
from fastapi.responses import StreamingResponse

from app.settings import settings
from tests.support.loopback import LoopbackServer
from tests.support.sessions import Api

FIFTY_MB = 50 * 1024 * 1024
CHUNK = 64 * 1024


@dataclass
class BigReplies:
    """A server whose every answer is 50 MB, counting what it managed to send."""

    pause_after: int | None = None  # bytes sent before waiting for `resume`
    sent: dict[str, int] = field(default_factory=dict)
    finished: dict[str, bool] = field(default_factory=dict)
    paused: threading.Event = field(default_factory=threading.Event)
    resume: threading.Event = field(default_factory=threading.Event)

    def app(self) -> FastAPI:
        app = FastAPI()

        async def body(request: Request, route: str, prefix: bytes, suffix: bytes):
            self.sent[route], self.finished[route] = 0, False
            yield prefix
            while self.sent[route] < FIFTY_MB:
                if await request.is_disconnected():  # the client stopped reading: so does the count
                    return
                if self.pause_after is not None and self.sent[route] >= self.pause_after and not self.resume.is_set():
                    self.paused.set()
                    for _ in range(3000):  # 30 s at most
                        if self.resume.is_set():
                            break
                        await asyncio.sleep(0.01)
                self.sent[route] += CHUNK
                yield b"x" * CHUNK
            yield suffix
            self.finished[route] = True

        @app.post("/chat")
        async def chat(request: Request):
            return StreamingResponse(
                body(request, "chat", b'{"data": {"reply": "', b'"}}'), media_type="application/json"
            )

        @app.post("/v1/chat/completions")
        async def completions(request: Request):
            prefix = b'{"id": "c", "object": "chat.completion", "created": 1, "model": "m", "choices": [{"index": 0, ' \
                     b'"finish_reason": "stop", "message": {"role": "assistant", "content": "'  # fmt: skip
            return StreamingResponse(body(request, "llm", prefix, b'"}}]}'), media_type="application/json")

        @app.post("/hook")
        async def hook(request: Request):
            await request.body()
            return StreamingResponse(body(request, "hook", b"", b""), media_type="text/plain")

        @app.websocket("/ws")
        async def ws(websocket: WebSocket):
            await websocket.accept()
            await websocket.receive_text()
            self.sent["ws"] = FIFTY_MB
            try:
                await websocket.send_text(json.dumps({"reply": "x" * FIFTY_MB}))
                self.finished["ws"] = True
            except Exception:  # the client closed the connection at its cap
                pass

        return app


@pytest.fixture
def api(live_api, make_account) -> Api:
    return Api(live_api.url, make_account().headers)


def _agent(api: Api, agent_type: str, url: str) -> str:
    configs = {
        "http": {"url": f"{url}/chat", "method": "POST", "bodyTemplate": '{"message": "{{message}}"}',
                 "replyPath": "data.reply"},
        "websocket": {"url": f"{url.replace('http', 'ws', 1)}/ws", "replyPath": "reply",
                      "messageTemplate": '{"message": "{{message}}"}'},
        "openai": {"baseUrl": f"{url}/v1", "model": "gpt-test"},
    }  # fmt: skip
    return api.agent(agent_type, {**configs[agent_type], "timeoutSeconds": 30})


def _assert_nothing_over_the_cap_was_stored(detail: dict) -> None:
    assert detail["status"] == "error" and detail["endReason"] == "target_error", detail
    assert detail["error"]["source"] == "target" and detail["error"]["kind"] == "too_large", detail["error"]
    assert f"{settings.max_reply_bytes:,} bytes" in detail["error"]["message"]
    assert [m for m in detail["messages"] if m["senderType"] != "persona"] == []
    assert all(len(m["content"]) <= settings.max_reply_bytes and not m["truncated"] for m in detail["messages"])


def test_a_50_mb_reply_ends_the_session_while_health_keeps_answering(live_api, api: Api) -> None:
    rss = psutil.Process()
    rss_before = rss.memory_info().rss
    replies = BigReplies(pause_after=128 * 1024)  # under the 256 KiB cap: the client keeps reading
    idle_ms = _health_ms(live_api.url)
    with LoopbackServer(replies.app()) as server:
        persona_id, objective_id = api.library()
        started = time.perf_counter()
        session_id = api.start(_agent(api, "http", server.url), persona_id, objective_id)
        assert replies.paused.wait(30), "the agent was never asked"
        health_ms = _health_ms(live_api.url)
        # /health answered while the reply was still streaming: nothing was blocked by it.
        assert not replies.finished["chat"]
        assert api.get(f"/api/sessions/{session_id}")["status"] == "running"
        replies.resume.set()
        detail = api.wait(session_id, timeout=60)
        elapsed = time.perf_counter() - started
    _assert_nothing_over_the_cap_was_stored(detail)
    assert replies.sent["chat"] < FIFTY_MB and not replies.finished["chat"]
    grown_mb = (rss.memory_info().rss - rss_before) / 1e6
    print(f"\n/health idle: {idle_ms:.1f} ms, during the stream: {health_ms:.1f} ms; session ended in "
          f"{elapsed:.2f} s; the agent got to send {replies.sent['chat'] / 1e6:.1f} MB of 52.4; RSS +{grown_mb:.1f} MB")


def _health_ms(base_url: str) -> float:
    """One GET /health on a fresh connection, as a monitor would ask; it must answer 200."""
    started = time.perf_counter()
    assert httpx.get(f"{base_url}/health", timeout=10).status_code == 200
    return 1000 * (time.perf_counter() - started)


def test_health_latency_while_50_mb_replies_stream(live_api, api: Api) -> None:
    """Three sessions against 50 MB agents at once while /health is asked in a loop: figures."""
    replies = BigReplies()
    latencies: list[float] = []
    stop = threading.Event()

    def ask_health() -> None:
        with httpx.Client(timeout=10) as client:
            while not stop.is_set():
                t = time.perf_counter()
                assert client.get(f"{live_api.url}/health").status_code == 200
                latencies.append(1000 * (time.perf_counter() - t))
                time.sleep(0.005)

    with LoopbackServer(replies.app()) as server:
        persona_id, objective_id = api.library()
        asker = threading.Thread(target=ask_health)
        asker.start()
        try:
            ids = [api.start(_agent(api, "http", server.url), persona_id, objective_id) for _ in range(3)]
            details = [api.wait(i, timeout=60) for i in ids]
        finally:
            stop.set()
            asker.join()
    for detail in details:
        _assert_nothing_over_the_cap_was_stored(detail)
    assert latencies
    print(
        f"\n/health while 3 agents streamed 50 MB: {len(latencies)} answers, p50 "
        f"{statistics.median(latencies):.1f} ms, max {max(latencies):.1f} ms"
    )


@pytest.mark.parametrize("agent_type", ["websocket", "openai"])
def test_websocket_and_openai_agents_stop_at_the_cap(api: Api, agent_type: str) -> None:
    replies = BigReplies()
    with LoopbackServer(replies.app()) as server:
        persona_id, objective_id = api.library()
        agent_id = _agent(api, agent_type, server.url)
        detail = api.wait(api.start(agent_id, persona_id, objective_id), timeout=60)
        probe = api.post(f"/api/agents/{agent_id}/test")
    _assert_nothing_over_the_cap_was_stored(detail)
    assert probe["reachable"] is False and probe["error"].startswith("too_large: "), probe
    if agent_type == "openai":  # (a WebSocket frame is sent whole into the socket's buffers)
        assert not replies.finished["llm"] and replies.sent["llm"] < FIFTY_MB


def test_the_agent_probe_and_the_provider_test_stop_at_the_cap(api: Api) -> None:
    replies = BigReplies()
    with LoopbackServer(replies.app()) as server:
        probe = api.post(f"/api/agents/{_agent(api, 'http', server.url)}/test")
        assert probe["reachable"] is False and probe["error"].startswith("too_large: "), probe
        assert not replies.finished["chat"]
        api.post("/api/models/custom", {"name": "Big", "baseUrl": f"{server.url}/v1", "model": "m"})
        tested = api.post("/api/providers/openai_compatible/test", {"model": "custom/big"})
        assert tested["ok"] is False and tested["errorKind"] == "too_large", tested
        assert not replies.finished["llm"]


def test_a_webhook_receiver_answering_50_mb_is_read_no_further_than_what_is_kept(api: Api) -> None:
    replies = BigReplies()
    with LoopbackServer(replies.app()) as server:
        hook = api.post("/api/webhooks", {"url": f"{server.url}/hook", "events": ["*"]})
        delivery = api.post(f"/api/webhooks/{hook['id']}/test")
    assert delivery["status"] == "success" and delivery["responseStatus"] == 200, delivery
    assert not replies.finished["hook"] and replies.sent["hook"] < FIFTY_MB


def test_read_paths_cut_a_body_stored_larger_than_the_cap(api: Api, db, monkeypatch) -> None:
    """A message stored before the cap existed (3 MB) comes back cut, marked truncated."""
    from app.models.session import Message, SimSession

    monkeypatch.setattr(settings, "max_reply_bytes", 64 * 1024)
    with LoopbackServer(BigReplies().app()) as server:
        persona_id, objective_id = api.library()
        session_id = api.start(_agent(api, "http", server.url), persona_id, objective_id)
        api.wait(session_id, timeout=60)
    workspace_id = db.get(SimSession, session_id).workspace_id
    db.add(Message(workspace_id=workspace_id, session_id=session_id, sequence=99, role="agent",
                   content="y" * (3 * 1024 * 1024)))  # fmt: skip
    db.commit()
    detail = api.get(f"/api/sessions/{session_id}")
    big = next(m for m in detail["messages"] if m["sequence"] == 99)
    assert big["truncated"] is True and len(big["content"]) == 64 * 1024
    exported = api.http.get(f"/api/sessions/{session_id}/export", params={"format": "json"})
    assert len(exported.content) < 200 * 1024
