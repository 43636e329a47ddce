"""LLM providers per workspace: the catalog offline, credentials sealed and masked, "Test",
sessions that reach a configured provider with its stored key, custom models with costs,
and the model resolution chain."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from app.models import LLMCall, Workspace
from app.services import crypto
from tests.support.openai_stub import OpenAIStub, StubRequest, ToolCall
from tests.support.sessions import Api

KEY = "sk-provider-key-123456"


def persona_and_judge(request: StubRequest):
    """A model that plays the persona for one turn and then judges: enough for a session."""
    tool = (request.body.get("tool_choice") or {}).get("function", {}).get("name")
    if tool == "persona_turn":
        said = sum(1 for m in request.body["messages"] if m["role"] == "assistant")
        action = "goal_met" if said else "continue"
        return ToolCall({"message": "Where is order A-10482?" if not said else "Thanks!", "action": action})
    if tool == "submit_verdict":
        return ToolCall({"criteria": [], "summary": "judged by the stub"})
    if tool == "submit_findings":
        return ToolCall({"findings": []})
    return "pong"


@pytest.fixture
def api(live_api, make_account) -> Api:
    return Api(live_api.url, make_account().headers)


def test_the_catalog_without_providers_is_the_offline_model(client, make_account) -> None:
    owner = make_account()
    models = client.get("/api/models", headers=owner.headers).json()["models"]
    assert [m["id"] for m in models] == ["mimic/offline"]
    assert models[0]["offline"] is True
    listing = client.get("/api/providers", headers=owner.headers).json()
    ids = {p["id"] for p in listing["providers"]}
    assert {"openai", "anthropic", "azure", "google", "mistral", "groq", "ollama", "openai_compatible"} <= ids
    assert not any(p["configured"] for p in listing["providers"])
    assert all(p["modelsCount"] == 0 for p in listing["providers"])
    assert listing["defaultModel"] == "mimic/offline"


def test_a_configured_provider_brings_its_models_with_costs(client, db, make_account) -> None:
    owner = make_account()
    saved = client.put("/api/providers/openai", json={"apiKey": KEY}, headers=owner.headers)
    assert saved.status_code == 200, saved.text
    assert saved.json()["settings"]["apiKey"] == crypto.MASK + KEY[-4:]

    models = client.get("/api/models?provider=openai", headers=owner.headers).json()["models"]
    mini = next(m for m in models if m["id"] == "openai/gpt-4o-mini")
    assert mini["contextWindow"] == 128000 and mini["supportsVision"] and mini["supportsFunctionCalling"]
    assert mini["inputCostPerToken"] > 0 and mini["outputCostPerToken"] > 0
    everything = client.get("/api/models", headers=owner.headers).json()["models"]
    assert everything[0]["id"] == "mimic/offline" and len(everything) == len(models) + 1
    listing = {p["id"]: p for p in client.get("/api/providers", headers=owner.headers).json()["providers"]}
    assert listing["openai"]["configured"] and listing["openai"]["modelsCount"] == len(models)

    raw = db.get(Workspace, owner.workspace_id)
    db.refresh(raw)
    stored = raw.settings["providers"]["openai"]["apiKey"]
    assert crypto.is_encrypted(stored) and KEY not in json.dumps(raw.settings)

    # Sent back masked, the key is kept.
    again = client.put("/api/providers/openai", json={"apiKey": crypto.MASK + KEY[-4:]}, headers=owner.headers)
    assert again.status_code == 200
    db.refresh(raw)
    assert crypto.decrypt(raw.settings["providers"]["openai"]["apiKey"]) == KEY


def test_bad_provider_settings(client, make_account) -> None:
    owner = make_account()
    assert client.put("/api/providers/openai", json={}, headers=owner.headers).status_code == 422
    azure = client.put("/api/providers/azure", json={"apiKey": KEY}, headers=owner.headers)
    assert {d["field"] for d in azure.json()["error"]["details"]} == {"baseUrl", "apiVersion"}
    assert client.put("/api/providers/nope", json={"apiKey": KEY}, headers=owner.headers).status_code == 404
    editor = make_account(join=owner, role="editor")
    assert client.put("/api/providers/openai", json={"apiKey": KEY}, headers=editor.headers).status_code == 403
    assert client.get("/api/providers", headers=editor.headers).status_code == 200


def test_provider_test_reaches_the_server_and_reports_its_error(api: Api) -> None:
    with OpenAIStub(script=persona_and_judge, required_key=KEY) as stub:
        api.http.put("/api/providers/openai", json={"apiKey": KEY, "baseUrl": stub.base_url}).raise_for_status()
        ok = api.post("/api/providers/openai/test", {"model": "openai/gpt-4o-mini"})
        assert ok["ok"] is True and ok["reply"] == "pong" and ok["latencyMs"] >= 0
        assert stub.chat_requests[-1].authorization == f"Bearer {KEY}"

        api.http.put("/api/providers/openai", json={"apiKey": "sk-wrong-key-000000", "baseUrl": stub.base_url})
        failed = api.post("/api/providers/openai/test", {"model": "openai/gpt-4o-mini"})
        assert failed["ok"] is False and failed["errorKind"] == "auth"
        assert "invalid_api_key" in failed["error"] or "Incorrect API key" in failed["error"]
        assert "sk-wrong-key-000000" not in json.dumps(failed)


def test_a_session_uses_the_stored_key_and_a_wrong_key_is_an_infrastructure_error(api: Api, db) -> None:
    persona_id, objective_id = api.library()
    agent_id = api.agent("hosted", {"systemPrompt": "You help.", "model": "mimic/offline"})
    with OpenAIStub(script=persona_and_judge, required_key=KEY) as stub:
        api.http.put("/api/providers/openai", json={"apiKey": KEY, "baseUrl": stub.base_url}).raise_for_status()
        model = {"model": "openai/gpt-4o-mini", "judgeModel": "openai/gpt-4o-mini"}
        passed = api.wait(api.start(agent_id, persona_id, objective_id, llmConfig=model))
        assert passed["status"] == "completed", passed["error"]
        assert passed["llmConfig"]["model"] == "openai/gpt-4o-mini"
        assert stub.chat_requests and all(r.authorization == f"Bearer {KEY}" for r in stub.chat_requests)
        assert passed["totalCost"] > 0  # litellm's cost map priced gpt-4o-mini

        api.http.put("/api/providers/openai", json={"apiKey": "sk-wrong-key-000000", "baseUrl": stub.base_url})
        failed = api.wait(api.start(agent_id, persona_id, objective_id, llmConfig=model))
    assert failed["status"] == "error" and failed["outcome"] == "error"
    assert failed["error"]["source"] == "simulator" and failed["error"]["kind"] == "auth"
    # The credentials appear in no answer, event, export or stored error.
    for document in (failed, api.http.get(f"/api/sessions/{failed['id']}/export").text):
        assert KEY not in json.dumps(document) and "sk-wrong-key-000000" not in json.dumps(document)
    errors = [c.error or "" for c in db.exec(select(LLMCall).where(LLMCall.session_id == failed["id"])).all()]
    assert errors and not any("sk-wrong-key" in e for e in errors)


def test_custom_models_with_costs_and_workspace_defaults(api: Api) -> None:
    persona_id, objective_id = api.library()
    agent_id = api.agent("hosted", {"systemPrompt": "You help."})  # no model: the workspace default
    with OpenAIStub(script=persona_and_judge, required_key="sk-vllm-0000") as stub:
        custom = api.post("/api/models/custom", {"name": "Team Llama", "baseUrl": stub.base_url, "model": "llama-3-8b",
                                                 "apiKey": "sk-vllm-0000", "inputCostPerToken": 0.001,
                                                 "outputCostPerToken": 0.002})  # fmt: skip
        assert custom["id"] == "custom/team-llama" and custom["custom"] is True
        assert "custom/team-llama" in [m["id"] for m in api.get("/api/models?provider=openai_compatible")["models"]]
        defaults = {"simulator": "custom/team-llama", "judge": "custom/team-llama", "agent": "mimic/offline"}
        assert api.http.put("/api/models/defaults", json=defaults).json() == defaults

        detail = api.wait(api.start(agent_id, persona_id, objective_id))
        assert detail["status"] == "completed", detail["error"]
        # The session keeps what it ran with, the judge's repeats too (the workspace default, 1).
        assert detail["llmConfig"] == {"model": "custom/team-llama", "judgeModel": "custom/team-llama",
                                       "agentModel": "mimic/offline", "judgeRepeats": 1}  # fmt: skip
        assert {r.body["model"] for r in stub.chat_requests} == {"llama-3-8b"}
        # The workspace's prices, and nothing else, make the cost: its tokens at 0.001 and 0.002.
        usage = api.get(f"/api/sessions/{detail['id']}/usage")
        expected = sum(
            u["promptTokens"] * 0.001 + u["completionTokens"] * 0.002
            for u in usage
            if u["role"] in ("simulator", "judge")
        )  # the agent is the offline model: free
        assert detail["totalCost"] == pytest.approx(expected) and expected >= 0.001

        # The session's choice wins over the workspace default, the persona's over the default.
        override = api.wait(api.start(agent_id, persona_id, objective_id, llmConfig={"model": "mimic/offline"}))
        assert override["llmConfig"]["model"] == "mimic/offline"
        api.http.patch(f"/api/personas/{persona_id}", json={"llmConfig": {"model": "mimic/offline"}})
        by_persona = api.wait(api.start(agent_id, persona_id, objective_id))
        assert by_persona["llmConfig"]["model"] == "mimic/offline"
        assert by_persona["llmConfig"]["judgeModel"] == "custom/team-llama"

    assert api.http.put("/api/models/defaults", json={"judge": "nonsense-model-x"}).status_code == 422
    assert api.http.delete("/api/models/custom/custom/team-llama").status_code == 204
    assert api.http.delete("/api/models/custom/custom/team-llama").status_code == 404


def test_nothing_configured_falls_back_to_offline(api: Api) -> None:
    persona_id, objective_id = api.library()
    agent_id = api.agent("hosted", {"systemPrompt": "You help."})
    detail = api.wait(api.start(agent_id, persona_id, objective_id))
    assert detail["llmConfig"] == {
        "model": "mimic/offline",
        "judgeModel": "mimic/offline",
        "agentModel": "mimic/offline",
        "judgeRepeats": 1,
    }
