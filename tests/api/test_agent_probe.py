"""POST /api/agents/{id}/test against real servers on 127.0.0.1: an HTTP webhook, a
WebSocket and an OpenAI-compatible endpoint, each answering well, too slowly, with a 500,
and with a body that is not JSON; and a website."""

from __future__ import annotations

import pytest

from tests.support.bots import http_bot, websocket_bot
from tests.support.loopback import LoopbackServer
from tests.support.openai_stub import Delay, Garbage, HTTPError, OpenAIStub
from tests.support.sessions import Api


@pytest.fixture
def api(live_api, make_account) -> Api:
    return Api(live_api.url, make_account().headers)


def probe(api: Api, agent_type: str, config: dict) -> dict:
    # Time enough for a first call on a loaded machine (a timeout is not tried again: the agent
    # may have the message); the slow agents below take 3 s.
    agent_id = api.agent(agent_type, {**config, "timeoutSeconds": 1.5})
    return api.post(f"/api/agents/{agent_id}/test")


@pytest.mark.parametrize(
    ("mode", "reachable", "error"),
    [("ok", True, None), ("slow", False, "timeout"), ("error", False, "HTTP 500"), ("garbage", False, "not JSON")],
)
def test_http_webhook(api: Api, mode, reachable, error) -> None:
    with LoopbackServer(http_bot({"mode": mode, "delay": 3})) as bot:
        result = probe(api, "http", {"url": f"{bot.url}/chat", "replyPath": "data.reply"})
    assert result["reachable"] is reachable, result
    if reachable:
        assert result["reply"].startswith("Hello! I am the Acme support bot") and result["latencyMs"] >= 0
    else:
        assert error in result["error"] and result["reply"] is None
    if mode == "error":
        assert result["statusCode"] == 500


@pytest.mark.parametrize(
    ("mode", "reachable", "error"),
    [("ok", True, None), ("slow", False, "timeout"), ("garbage", False, "not JSON"), ("drop", False, "connection")],
)
def test_websocket(api: Api, mode, reachable, error) -> None:
    with LoopbackServer(websocket_bot({"mode": mode, "delay": 3})) as bot:
        result = probe(api, "websocket", {"url": f"{bot.ws_url}/ws", "replyPath": "reply"})
    assert result["reachable"] is reachable, result
    if reachable:
        assert "Acme support bot" in result["reply"]
    else:
        assert error in result["error"]


@pytest.mark.parametrize(
    ("answer", "reachable", "error"),
    [
        ("Hi there, how can I help?", True, None),
        (Delay(3, then="late"), False, "timeout"),
        (HTTPError(500), False, "http_status"),
        (Garbage(), False, ""),
    ],
    ids=["ok", "slow", "500", "garbage"],
)
def test_openai_compatible(api: Api, answer, reachable, error) -> None:
    with OpenAIStub(script=lambda r: answer, required_key="sk-agent-key") as stub:
        config = {"baseUrl": stub.base_url, "model": "support-bot", "apiKey": "sk-agent-key"}
        result = probe(api, "openai", config)
    assert result["reachable"] is reachable, result
    if reachable:
        assert result["reply"] == "Hi there, how can I help?"
        assert stub.chat_requests[0].authorization == "Bearer sk-agent-key"
    else:
        assert error in result["error"] and "sk-agent-key" not in result["error"]


def test_website_and_an_unreachable_one(api: Api) -> None:
    with LoopbackServer(http_bot()) as site:
        ok = probe(api, "browser", {"targetUrl": f"{site.url}/"})
    assert ok["reachable"] and ok["reply"] == "HTTP 200 · Acme shop"
    gone = probe(api, "browser", {"targetUrl": f"{site.url}/"})  # the server has stopped
    assert gone["reachable"] is False and gone["error"]
