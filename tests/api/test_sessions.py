"""Whole sessions over the real API against real targets of every type on 127.0.0.1, with
the persona and the judge served by an OpenAI-compatible server through the real litellm
code path, and again with mimic/offline; live streams; failures; cancel."""

from __future__ import annotations

import json
import re
import threading

import httpx
import pytest
import websockets.sync.client

from app.engine.judge_prompt import PROMPT_VERSION
from tests.conftest import PASSWORD
from tests.support.bots import http_bot, support_reply, websocket_bot, whatsapp_bot
from tests.support.loopback import DroppingServer, LoopbackServer
from tests.support.openai_stub import OpenAIStub, StubRequest, ToolCall
from tests.support.sessions import Api

WA_TOKEN = "wa-access-token-123"


@pytest.fixture
def api(live_api, make_account) -> Api:
    return Api(live_api.url, make_account().headers)


def _transcript(request: StubRequest) -> list[dict]:
    """What the judge is shown: the JSON lines between <transcript> and </transcript>."""
    text = request.body["messages"][-1]["content"]
    block = re.search(r"<transcript>\n(.*?)\n</transcript>", text, re.S).group(1)
    return [json.loads(line) for line in block.splitlines()]


def scripted_llm(request: StubRequest):
    """Plays the persona and the judge like a real model would, through forced tool calls,
    reading only what a real model reads (the prompt)."""
    tool = request.body["tool_choice"]["function"]["name"]
    if tool == "persona_turn":
        replies = [m for m in request.body["messages"] if m["role"] == "user" and "A-10482" in m.get("content", "")]
        if not replies:
            return ToolCall(
                {"message": "Hi, when will order A-10482 arrive?", "action": "continue", "reasoning": "ask"}
            )
        return ToolCall({"message": "Great, thanks!", "action": "goal_met", "reasoning": "got the date"})
    agent = [m for m in _transcript(request) if m["sender"] == "agent"]
    if tool == "submit_findings":
        return ToolCall({"findings": [{"type": "tone", "evidenceMessageIds": [m["id"] for m in agent],
                                       "description": "Terse greeting.", "personaPerspective": "A bit curt.",
                                       "severity": "low"}]})  # fmt: skip
    dated = [m["id"] for m in agent if "Friday" in m["text"]]
    return ToolCall(
        {
            "criteria": [{"index": 0, "evidenceMessageIds": dated, "reasoning": "The agent named the day.",
                          "status": "met" if dated else "not_met", "blame": None if dated else "agent"}],
            "simulator": {"evidenceMessageIds": [], "reasoning": "Asked plainly.", "problems": [], "verdict": "fair"},
            "summary": "The agent answered.",
        }
    )  # fmt: skip


@pytest.fixture
def llm_stub(monkeypatch):
    with OpenAIStub(script=scripted_llm, required_key="sk-stub-key") as stub:
        monkeypatch.setenv("OPENAI_API_KEY", "sk-stub-key")
        monkeypatch.setenv("OPENAI_API_BASE", stub.base_url)
        yield stub


@pytest.fixture
def targets(live_api):
    """One running server per agent type; yields {type: config}."""
    support = OpenAIStub(script=lambda r: support_reply(r.body["messages"][-1]["content"]))
    with (
        LoopbackServer(http_bot()) as http_server,
        LoopbackServer(websocket_bot()) as ws_server,
        LoopbackServer(whatsapp_bot(mimic_url=live_api.url, access_token=WA_TOKEN)) as wa_server,
        support,
    ):
        yield {
            "http": {"url": f"{http_server.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 10},
            "websocket": {"url": f"{ws_server.ws_url}/ws", "replyPath": "reply", "timeoutSeconds": 10},
            "openai": {"baseUrl": support.base_url, "model": "support-bot", "apiKey": "sk-agent", "timeoutSeconds": 10},
            "hosted": {"systemPrompt": "You are Acme's support agent.", "model": "mimic/offline"},
            "whatsapp": {"webhookUrl": f"{wa_server.url}/webhook", "accessToken": WA_TOKEN, "timeoutSeconds": 10},
        }


@pytest.mark.parametrize("agent_type", ["http", "websocket", "openai", "hosted", "whatsapp"])
def test_whole_flow_with_an_llm_served_over_http(api: Api, targets, llm_stub, agent_type) -> None:
    persona_id, objective_id = api.library()
    agent_id = api.agent(agent_type, targets[agent_type])
    session_id = api.start(agent_id, persona_id, objective_id,
                           llmConfig={"model": "openai/gpt-4o-mini", "judgeModel": "openai/gpt-4o-mini"})  # fmt: skip
    detail = api.wait(session_id)

    assert detail["status"] == "completed", detail["error"]
    assert detail["endReason"] == "goal_met"
    roles = [m["senderType"] for m in detail["messages"]]
    assert roles == ["persona", "agent", "persona"]
    agent_message = detail["messages"][1]
    if agent_type != "hosted":
        assert "Friday" in agent_message["content"]
    assert agent_message["latencyMs"] is not None and agent_message["latencyMs"] >= 0
    assert detail["metadata"]["messageCount"] == 3 and detail["metadata"]["startTime"]
    # The judge spoke through structured output; its citations are real message ids.
    verdict = detail["verdict"]
    if agent_type != "hosted":
        assert detail["outcome"] == "passed" and detail["blame"] is None
        [criterion] = verdict["criteria"]
        assert criterion["evidenceMessageIds"] == criterion["citedMessageIds"] == [agent_message["id"]]
        assert (criterion["status"], criterion["source"], criterion["blame"]) == ("met", "judge", None)
    assert (verdict["judgeModel"], verdict["promptVersion"]) == ("openai/gpt-4o-mini", PROMPT_VERSION)
    assert verdict["endReasonText"].startswith("Ended by the persona")
    assert {c["key"] for c in verdict["checks"]} >= {"empty_reply", "echo", "personal_data", "judge_steering"}
    [tone] = [f for f in detail["findings"] if f["source"] == "judge"]
    assert tone["type"] == "tone" and tone["evidence"]["messageIds"] == [agent_message["id"]] and tone["judgementId"]
    # Every simulator and judge call went through litellm to the stub, with the key.
    assert {r.body["tool_choice"]["function"]["name"] for r in llm_stub.chat_requests} == {
        "persona_turn",
        "submit_verdict",
        "submit_findings",
    }
    assert all(r.authorization == "Bearer sk-stub-key" for r in llm_stub.chat_requests)
    assert detail["totalTokens"] > 0


@pytest.mark.parametrize("agent_type", ["http", "hosted"])
def test_whole_flow_offline_and_reproducible(api: Api, targets, agent_type) -> None:
    persona_id, objective_id = api.library()
    agent_id = api.agent(agent_type, targets[agent_type])
    runs = [api.wait(api.start(agent_id, persona_id, objective_id, config={"seed": 7})) for _ in range(2)]
    for detail in runs:
        assert detail["status"] == "completed", detail["error"]
        # The objective's check decides its criterion: the bot's answer passes, the demo agent's wording fails it.
        assert detail["outcome"] == ("passed" if agent_type == "http" else "failed") and detail["verdict"]["criteria"]
        assert detail["verdict"]["criteria"][0]["source"] == "check"
        assert detail["verdict"]["judgeModel"] == "mimic/offline"
        assert detail["messages"][0]["senderType"] == "persona"
    transcripts = [[(m["senderType"], m["content"]) for m in d["messages"]] for d in runs]
    assert transcripts[0] == transcripts[1]  # same seed, same conversation
    assert [c["status"] for c in runs[0]["verdict"]["criteria"]] == [
        c["status"] for c in runs[1]["verdict"]["criteria"]
    ]


def _collect_sse(url: str, token: str, out: list[dict], ready: threading.Event) -> None:
    with httpx.stream("GET", url, params={"token": token}, timeout=60) as response:
        event = None
        for line in response.iter_lines():
            if line.startswith("event: "):
                event = line[7:]
                if event == "connected":
                    ready.set()
            elif line.startswith("data: "):
                out.append({"event": event, "data": json.loads(line[6:])})


def _collect_ws(url: str, token: str, session_id: str, out: list[dict], ready: threading.Event) -> None:
    with websockets.sync.client.connect(f"{url}/api/ws?token={token}") as ws:
        ws.send(json.dumps({"type": "subscribe", "sessionId": session_id}))
        while True:
            frame = json.loads(ws.recv(timeout=60))
            out.append(frame)
            if frame["type"] == "subscribed":
                ready.set()
            if frame["type"] == "session_end":
                return


def test_sse_and_websocket_clients_receive_every_message_in_order(api: Api, live_api, targets, make_account) -> None:
    persona_id, objective_id = api.library()
    agent_id = api.agent("http", targets["http"])
    created = api.post("/api/sessions", {"agentId": agent_id, "personaId": persona_id, "objectiveId": objective_id,
                                         "config": {"seed": 3, "messageInterval": 0.05}})  # fmt: skip
    token = api.http.headers["Authorization"].removeprefix("Bearer ")
    sse_events, ws_frames = [], []
    ready_sse, ready_ws = threading.Event(), threading.Event()
    threads = [
        threading.Thread(target=_collect_sse, args=(f"{live_api.url}/api/events/{created['id']}/stream", token,
                                                     sse_events, ready_sse)),
        threading.Thread(target=_collect_ws, args=(live_api.ws_url, token, created["id"], ws_frames, ready_ws)),
    ]  # fmt: skip
    for t in threads:
        t.start()
    assert ready_sse.wait(10) and ready_ws.wait(10)
    api.post(f"/api/sessions/{created['id']}/start")
    for t in threads:
        t.join(60)
    detail = api.wait(created["id"])
    stored = [(m["id"], m["content"]) for m in detail["messages"]]
    assert len(stored) >= 2

    assert sse_events[0]["event"] == "connected"
    sse_messages = [(e["data"]["data"]["id"], e["data"]["data"]["content"]) for e in sse_events
                    if e["event"] == "update" and e["data"]["type"] == "message"]  # fmt: skip
    assert sse_messages == stored
    assert sse_events[-1]["data"]["type"] == "complete"  # and the stream ended after it

    ws_messages = [(f["data"]["id"], f["data"]["content"]) for f in ws_frames if f["type"] == "new_message"]
    assert ws_messages == stored
    assert any(f["type"] == "session_update" for f in ws_frames)
    assert ws_frames[-1]["type"] == "session_end" and ws_frames[-1]["data"]["messageCount"] == len(stored)


def test_a_late_subscriber_gets_the_transcript_then_the_end(api: Api, live_api, targets) -> None:
    persona_id, objective_id = api.library()
    detail = api.wait(api.start(api.agent("http", targets["http"]), persona_id, objective_id))
    token = api.http.headers["Authorization"].removeprefix("Bearer ")
    events: list[dict] = []
    _collect_sse(f"{live_api.url}/api/events/{detail['id']}/stream", token, events, threading.Event())
    messages = [e["data"]["data"]["id"] for e in events if e.get("data", {}).get("type") == "message"]
    assert messages == [m["id"] for m in detail["messages"]]
    assert events[-1]["data"]["type"] == "complete"


def test_streams_need_credentials_and_the_right_workspace(api: Api, live_api, targets, make_account) -> None:
    persona_id, objective_id = api.library()
    session_id = api.post("/api/sessions", {"agentId": api.agent("http", targets["http"]), "personaId": persona_id,
                                            "objectiveId": objective_id})["id"]  # fmt: skip
    assert httpx.get(f"{live_api.url}/api/events/{session_id}/stream").status_code == 401
    stranger = make_account().token
    assert httpx.get(f"{live_api.url}/api/events/{session_id}/stream", params={"token": stranger}).status_code == 404
    with websockets.sync.client.connect(f"{live_api.ws_url}/api/ws?token={stranger}") as ws:
        ws.send(json.dumps({"type": "subscribe", "sessionId": session_id}))
        assert json.loads(ws.recv(timeout=10))["type"] == "error"
    with (
        pytest.raises(websockets.exceptions.InvalidStatus),
        websockets.sync.client.connect(f"{live_api.ws_url}/api/ws"),
    ):
        pass


def test_the_websocket_refuses_pages_of_other_sites(live_api, make_account, monkeypatch) -> None:
    """A page on another site could open /api/ws with the dashboard's cookie: its Origin is refused."""
    from app.settings import settings

    token = make_account().token
    url = f"{live_api.ws_url}/api/ws?token={token}"
    for origin in ("https://evil.example", "null", f"{live_api.url}.evil.example"):
        with pytest.raises(websockets.exceptions.InvalidStatus) as refused:
            websockets.sync.client.connect(url, origin=origin)
        assert refused.value.response.status_code == 403, origin
    monkeypatch.setattr(settings, "allowed_origins", "https://qa.example.com, https://ops.example.com")
    for origin in (live_api.url, "https://qa.example.com", None):  # its own, a configured one, a script
        with websockets.sync.client.connect(url, origin=origin) as ws:
            ws.send(json.dumps({"type": "ping"}))
            assert json.loads(ws.recv(timeout=10))["type"] == "pong"


@pytest.mark.parametrize("mode", ["slow", "error", "garbage", "drop"])
def test_a_failing_target_gives_an_error_outcome_with_the_transcript_intact(api: Api, mode) -> None:
    persona_id, objective_id = api.library()
    # The first exchange works (an answer that does not end the conversation); then the
    # target breaks. A dropping server breaks from the start.
    state = {"mode": mode, "delay": 3, "fail_after": 1, "reply": "Let me look into that for you."}
    with LoopbackServer(http_bot(state)) as bot, DroppingServer() as dropper:
        url = f"{dropper.url}/chat" if mode == "drop" else f"{bot.url}/chat"
        agent_id = api.agent("http", {"url": url, "replyPath": "data.reply", "timeoutSeconds": 1.5})
        detail = api.wait(api.start(agent_id, persona_id, objective_id, config={"seed": 1}))

    assert detail["status"] == "error" and detail["outcome"] == "error"
    assert detail["error"]["source"] == "target"
    expected_kind = {"slow": "timeout", "error": "http_status", "garbage": "bad_response", "drop": "connection"}[mode]
    assert detail["error"]["kind"] == expected_kind
    if mode == "error":
        assert detail["error"]["statusCode"] == 500
    if mode == "drop":
        assert [m["senderType"] for m in detail["messages"]] == ["persona"]
    else:
        assert [m["senderType"] for m in detail["messages"]] == ["persona", "agent", "persona"]
        assert detail["messages"][1]["content"] == "Let me look into that for you."
    # An infrastructure error is not a verdict on the agent.
    assert detail["verdict"] is None and detail["blame"] == "infrastructure"


def test_cancel_mid_session(api: Api, targets) -> None:
    persona_id, objective_id = api.library()
    state = {"mode": "ok"}
    with LoopbackServer(http_bot(state)) as bot:
        agent_id = api.agent("http", {"url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 30})
        session_id = api.start(agent_id, persona_id, objective_id, config={"messageInterval": 0.2})
        while api.get(f"/api/sessions/{session_id}")["metadata"]["messageCount"] < 2:
            pass
        state.update(mode="slow", delay=20)  # the next agent call hangs: cancel must not wait for it
        stopped = api.post(f"/api/sessions/{session_id}/cancel")
        assert stopped["status"] == "cancelled"
        detail = api.wait(session_id, timeout=10)
    assert detail["status"] == "cancelled" and detail["outcome"] == "cancelled"
    assert len(detail["messages"]) >= 2
    again = api.http.post(f"/api/sessions/{session_id}/cancel")
    assert again.status_code == 409


def test_bad_session_input_is_refused_and_changes_nothing(api: Api, make_account) -> None:
    persona_id, objective_id = api.library()
    stranger = Api(api.http.base_url.__str__(), make_account().headers)
    foreign_agent = stranger.agent("hosted", {"systemPrompt": "x"})
    cases = [
        ({"agentId": foreign_agent, "personaId": persona_id, "objectiveId": objective_id}, "agentId"),
        ({"agentId": foreign_agent, "personaId": "nope", "objectiveId": objective_id}, "agentId"),
        ({"personaId": persona_id, "objectiveId": objective_id}, "agentId"),
        ({"agentId": foreign_agent, "personaId": persona_id, "objectiveId": objective_id,
          "config": {"maxMessages": 0}}, "config.maxMessages"),
    ]  # fmt: skip
    for body, field in cases:
        response = api.http.post("/api/sessions", json=body)
        assert response.status_code == 422, body
        assert field in [d["field"] for d in response.json()["error"]["details"]]
    assert api.get("/api/sessions")["pagination"]["total"] == 0


def test_auto_start_of_a_session_that_cannot_start_leaves_nothing_behind(api: Api) -> None:
    """Created and started in one transaction: a session whose plan cannot be made (its model
    names a custom model that does not exist) is refused whole, not stored as pending."""
    persona_id, objective_id = api.library()
    agent_id = api.agent("hosted", {"systemPrompt": "You are Acme's support agent.", "model": "mimic/offline"})
    response = api.http.post("/api/sessions", json={
        "agentId": agent_id, "personaId": persona_id, "objectiveId": objective_id, "autoStart": True,
        "llmConfig": {"model": "custom/no-such-model"},
    })  # fmt: skip
    assert response.status_code == 422, response.text
    assert response.json()["error"]["details"][0]["field"] == "model"
    assert api.get("/api/sessions")["pagination"]["total"] == 0


def test_export_json_and_markdown(api: Api, targets) -> None:
    persona_id, objective_id = api.library()
    detail = api.wait(api.start(api.agent("http", targets["http"]), persona_id, objective_id))
    exported = api.http.get(f"/api/sessions/{detail['id']}/export?format=json")
    assert exported.status_code == 200 and json.loads(exported.text)["messages"] == detail["messages"]
    as_json = json.loads(exported.text)
    assert as_json["verdict"] == detail["verdict"] and as_json["blame"] == detail["blame"]
    markdown = api.http.get(f"/api/sessions/{detail['id']}/export?format=markdown")
    assert markdown.headers["content-type"].startswith("text/markdown")
    assert f"# Session {detail['id']}" in markdown.text and "**#1 persona**" in markdown.text
    assert f"- Judge: mimic/offline · prompt version {PROMPT_VERSION}" in markdown.text
    assert "### Checks" in markdown.text and "Evidence: #2" in markdown.text


def test_verdicts_findings_and_judgements_over_rest(api: Api, make_account) -> None:
    """A bot that leaks another customer's address and answers in a template: the verdict's
    rows, the check findings and the judgement, each on its own route; another workspace gets 404."""
    persona_id, objective_id = api.library()
    reply = "Hi , . Order A-10482 goes to Maria Lopez, 14 Oak Avenue, Cork, and will be delivered on Friday."
    with LoopbackServer(http_bot({"mode": "ok", "reply": reply})) as bot:
        agent_id = api.agent("http", {"url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 5})
        detail = api.wait(api.start(agent_id, persona_id, objective_id, config={"seed": 3}))
    session_id = detail["id"]
    assert (detail["outcome"], detail["blame"]) == ("failed", "agent")  # a critical data leak fails it

    verdict = api.get(f"/api/sessions/{session_id}/verdicts")
    assert verdict == detail["verdict"] and verdict["outcome"] == "failed" and verdict["blame"] == "agent"
    checks = {c["key"]: c for c in verdict["checks"]}
    agent_ids = [m["id"] for m in detail["messages"] if m["senderType"] == "agent"]
    assert checks["personal_data"]["status"] == "not_met" and checks["personal_data"]["gating"] is True
    assert checks["personal_data"]["evidenceMessageIds"] == agent_ids and checks["personal_data"]["blame"] == "agent"
    assert checks["template_blank"]["status"] == "not_met" and checks["template_blank"]["gating"] is False
    assert checks["objective:0"]["status"] == "met"  # the date is there; the leak fails it all the same

    findings = api.get(f"/api/sessions/{session_id}/findings")
    assert findings == detail["findings"]
    leak = next(f for f in findings if f["type"] == "data-disclosure")
    assert (leak["severity"], leak["source"], leak["evidence"]["messageIds"]) == ("critical", "check", agent_ids)

    [judgement] = api.get(f"/api/sessions/{session_id}/judgements")
    assert judgement["id"] == verdict["judgementId"] == leak["judgementId"]
    assert (judgement["judgeModel"], judgement["outcome"], judgement["blame"]) == ("mimic/offline", "failed", "agent")
    assert judgement["simulator"]["spoiled"] is False

    assert [s["id"] for s in api.get("/api/sessions?outcome=failed")["data"]] == [session_id]
    assert api.get("/api/sessions?outcome=passed")["data"] == []
    assert api.http.get("/api/sessions?outcome=bogus").status_code == 422
    stranger = Api(str(api.http.base_url), make_account().headers)
    for path in ("verdicts", "findings", "judgements"):
        response = stranger.http.get(f"/api/sessions/{session_id}/{path}")
        assert response.status_code == 404 and response.json()["error"]["code"] == "RESOURCE_NOT_FOUND"


def test_list_filters_and_pagination(api: Api, targets) -> None:
    persona_id, objective_id = api.library()
    agent_id = api.agent("http", targets["http"])
    done = api.wait(api.start(agent_id, persona_id, objective_id))
    pending = api.post("/api/sessions", {"agentId": agent_id, "personaId": persona_id, "objectiveId": objective_id})
    assert [s["id"] for s in api.get("/api/sessions?status=pending")["data"]] == [pending["id"]]
    assert [s["id"] for s in api.get("/api/sessions?status=completed")["data"]] == [done["id"]]
    assert api.get(f"/api/sessions?agentId={agent_id}&limit=1")["pagination"] == {"page": 1, "limit": 1, "total": 2,
                                                                                   "pages": 2}  # fmt: skip
    assert api.http.get("/api/sessions?status=bogus").status_code == 422


def test_cancel_a_session_still_waiting_for_a_slot(api: Api, targets, monkeypatch) -> None:
    from app.runtime import execution

    persona_id, objective_id = api.library()
    state = {"mode": "slow", "delay": 5, "fail_after": 0}
    with LoopbackServer(http_bot(state)) as bot:
        agent_id = api.agent("http", {"url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 30})
        monkeypatch.setattr(execution.scheduler, "cap", 1)
        monkeypatch.setattr(execution.scheduler, "_semaphore", None)
        busy = api.start(agent_id, persona_id, objective_id)
        queued = api.start(agent_id, persona_id, objective_id)
        assert api.get(f"/api/sessions/{queued}")["status"] == "pending"
        assert api.post(f"/api/sessions/{queued}/cancel")["status"] == "cancelled"
        assert api.get(f"/api/sessions/{queued}")["status"] == "cancelled"
        api.post(f"/api/sessions/{busy}/cancel")
        assert api.wait(busy, timeout=10)["status"] == "cancelled"


def test_open_streams_end_when_the_token_is_revoked(api: Api, live_api, targets, make_account, monkeypatch) -> None:
    """REST requests see a revocation at once; an open SSE stream or WebSocket within
    live.REVALIDATE_SECONDS (shortened here)."""
    from app.services import live

    monkeypatch.setattr(live, "REVALIDATE_SECONDS", 0.3)
    persona_id, objective_id = api.library()
    session_id = api.post("/api/sessions", {"agentId": api.agent("http", targets["http"]), "personaId": persona_id,
                                            "objectiveId": objective_id})["id"]  # fmt: skip
    account_token = api.http.headers["Authorization"].removeprefix("Bearer ")
    email = api.get("/api/auth/me")["email"]

    def sign_in() -> str:
        signed_in = httpx.post(f"{live_api.url}/api/auth/login", json={"email": email, "password": PASSWORD})
        return signed_in.json()["access_token"]

    sse_token = sign_in()
    assert account_token != sse_token
    with httpx.stream("GET", f"{live_api.url}/api/events/{session_id}/stream", params={"token": sse_token},
                      timeout=10) as stream:  # fmt: skip
        lines = stream.iter_lines()
        assert next(lines).startswith("event: connected")
        assert httpx.post(f"{live_api.url}/api/auth/logout",
                          headers={"Authorization": f"Bearer {sse_token}"}).status_code == 204  # fmt: skip
        rest = list(lines)  # the stream ends by itself
    assert "event: error" in rest and any("revoked" in line for line in rest), rest
    ws_token = sign_in()
    with websockets.sync.client.connect(f"{live_api.ws_url}/api/ws?token={ws_token}") as ws:
        ws.send(json.dumps({"type": "subscribe", "sessionId": session_id}))
        httpx.post(f"{live_api.url}/api/auth/logout", headers={"Authorization": f"Bearer {ws_token}"})
        with pytest.raises(websockets.exceptions.ConnectionClosed) as closed:
            while True:
                ws.recv(timeout=10)
    assert closed.value.rcvd is not None and closed.value.rcvd.code == 4401
    assert api.get(f"/api/sessions/{session_id}")["id"] == session_id  # the other token goes on
