"""The session page's figures over REST: tokens and cost per role (from the LLM calls the
engine recorded, through the real litellm path to a stub on 127.0.0.1), and "Run again":
a new session with the same settings, started at once, the first one untouched."""

from __future__ import annotations

import pytest
from mimic_sdk import MimicClient

from tests.api.test_sessions import scripted_llm
from tests.support.bots import http_bot
from tests.support.loopback import LoopbackServer
from tests.support.openai_stub import OpenAIStub
from tests.support.sessions import Api

MODEL = "openai/gpt-4o-mini"


@pytest.fixture
def api(live_api, make_account) -> Api:
    return Api(live_api.url, make_account().headers)


@pytest.fixture
def llm_stub(monkeypatch):
    with OpenAIStub(script=scripted_llm, required_key="sk-stub-key") as stub:
        monkeypatch.setenv("OPENAI_API_KEY", "sk-stub-key")
        monkeypatch.setenv("OPENAI_API_BASE", stub.base_url)
        yield stub


def test_usage_per_role_adds_up_to_the_session_and_a_rerun_keeps_its_settings(api: Api, llm_stub) -> None:
    with LoopbackServer(http_bot()) as server:
        agent_id = api.agent("http", {"url": f"{server.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 10})
        persona_id, objective_id = api.library()
        first = api.wait(api.start(agent_id, persona_id, objective_id, config={"seed": 7, "maxMessages": 6},
                                   llmConfig={"model": MODEL, "judgeModel": MODEL, "temperature": 0.3}))  # fmt: skip
        assert first["status"] == "completed"

        usage = api.get(f"/api/sessions/{first['id']}/usage")
        roles = {u["role"]: u for u in usage}
        assert [u["role"] for u in usage][:1] == ["simulator"] and "judge" in roles
        # Each role names the model as the provider answered it ("gpt-4o-mini" for openai/gpt-4o-mini).
        assert roles["simulator"]["models"] == ["gpt-4o-mini"] and roles["judge"]["models"] == ["gpt-4o-mini"]
        assert roles["simulator"]["calls"] == len([m for m in first["messages"] if m["senderType"] == "persona"])
        assert all(u["promptTokens"] > 0 and u["completionTokens"] > 0 and u["failedCalls"] == 0 for u in usage)
        # Each persona message carries the tokens and cost of the simulator call that wrote it.
        persona = [m for m in first["messages"] if m["senderType"] == "persona"]
        assert all(m["promptTokens"] > 0 and m["model"] == "gpt-4o-mini" for m in persona)
        written = sum(m["promptTokens"] + m["completionTokens"] for m in persona)
        assert written == roles["simulator"]["promptTokens"] + roles["simulator"]["completionTokens"]
        spent = sum(u["promptTokens"] + u["completionTokens"] for u in usage)
        assert spent == first["totalTokens"]
        assert sum(u["cost"] for u in usage) == pytest.approx(first["totalCost"])

        response = api.http.post(f"/api/sessions/{first['id']}/rerun")
        assert response.status_code == 201, response.text
        again = api.wait(response.json()["id"])
        assert again["id"] != first["id"] and again["status"] == "completed"
        assert (again["agentId"], again["personaId"], again["objectiveId"]) == (agent_id, persona_id, objective_id)
        assert again["config"]["seed"] == 7 and again["config"]["maxMessages"] == 6
        assert again["llmConfig"]["model"] == MODEL and again["llmConfig"]["judgeModel"] == MODEL
        assert again["llmConfig"]["temperature"] == 0.3
        # The same seed and the same scripted models: the same conversation, the first one untouched.
        assert [m["content"] for m in again["messages"]] == [m["content"] for m in first["messages"]]
        assert api.get(f"/api/sessions/{first['id']}")["updatedAt"] == first["updatedAt"]

        # The Python SDK says the same.
        sdk = MimicClient(str(api.http.base_url), api.http.headers["Authorization"].split(" ", 1)[1])
        assert sdk.sessions.usage(first["id"]) == usage
        third = sdk.sessions.rerun(first["id"])
        assert third["personaId"] == persona_id and api.wait(third["id"])["status"] == "completed"


def test_rerun_and_usage_stay_in_their_workspace(api: Api, live_api, make_account) -> None:
    persona_id, objective_id = api.library()
    agent_id = api.agent("http", {"url": "http://127.0.0.1:9/chat", "replyPath": "data.reply", "timeoutSeconds": 1})
    created = api.post("/api/sessions", {"agentId": agent_id, "personaId": persona_id, "objectiveId": objective_id})
    stranger = Api(live_api.url, make_account().headers)
    assert stranger.http.post(f"/api/sessions/{created['id']}/rerun").status_code == 404
    assert stranger.http.get(f"/api/sessions/{created['id']}/usage").status_code == 404
    assert api.get(f"/api/sessions/{created['id']}/usage") == []  # never started: nothing spent
