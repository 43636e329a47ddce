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


def test_settings_are_tested_before_they_are_saved(api: Api) -> None:
    """POST /api/agents/test: the probe for a draft, checked as a save checks it, under the
    outbound policy, and nothing stored; an edited agent's masked secret keeps the stored one."""
    agents_before = api.get("/api/agents?limit=100")["pagination"]["total"]
    with LoopbackServer(http_bot({"mode": "ok"})) as bot:
        draft = {"type": "http", "config": {"url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 2}}
        result = api.post("/api/agents/test", draft)
        assert result["reachable"] is True and "Acme support bot" in result["reply"], result

        # An edited agent: its secret header comes back masked from the editor and still works.
        agent_id = api.agent("http", {**draft["config"], "headers": {"Authorization": "Bearer s3cret-token"}})
        masked = api.get(f"/api/agents/{agent_id}")["config"]
        assert "s3cret-token" not in str(masked)
        again = api.post("/api/agents/test", {**draft, "config": masked, "agentId": agent_id})
        assert again["reachable"] is True, again

    # The outbound policy refuses the cloud metadata address before anything is sent.
    refused = api.post("/api/agents/test", {"type": "http", "config": {"url": "http://169.254.169.254/chat"}})
    assert refused["reachable"] is False and "metadata" in refused["error"], refused

    # Bad settings are named field by field, as a save names them.
    bad = api.http.post("/api/agents/test", json={"type": "http", "config": {"url": "ftp://x", "timeoutSeconds": 0}})
    assert bad.status_code == 422
    fields = {d["field"]: d["message"] for d in bad.json()["error"]["details"]}
    assert "absolute http or https URL" in fields["config.url"]
    assert fields["config.timeoutSeconds"] == "Timeout seconds must be more than 0."
    assert api.get("/api/agents?limit=100")["pagination"]["total"] == agents_before + 1  # only the one saved
