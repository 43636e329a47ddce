"""Mimic's own OpenAI-protocol request (app/llm/direct.py) against litellm's: the same request on
the wire and the same thing stored, from one call to a whole session; and the calls that must
keep going through litellm do."""

from __future__ import annotations

import dataclasses
import json
import re
from collections.abc import Iterator

import litellm
import pytest

from app.engine.bus import InMemoryBus
from app.engine.context import ModelChoice
from app.engine.memory_store import MemorySessionStore
from app.engine.runner import SessionRunner
from app.llm import Credentials, LLMRole, complete, direct
from app.settings import settings
from tests.api.test_sessions import scripted_llm
from tests.engine.test_runner import plan_for
from tests.llm.test_client_openai import KEY, MODEL, Weather
from tests.support.bots import http_bot
from tests.support.loopback import LoopbackServer
from tests.support.openai_stub import OpenAIStub, Text, ToolCall


@pytest.fixture(scope="module")
def stub() -> Iterator[OpenAIStub]:
    with OpenAIStub(required_key=KEY) as running:
        yield running


def _via(monkeypatch: pytest.MonkeyPatch, path: str) -> None:
    monkeypatch.setattr(settings, "llm_direct", path == "direct")


async def _both(stub: OpenAIStub, monkeypatch: pytest.MonkeyPatch, script: list, **call) -> dict[str, tuple]:
    """The same call on each path: what the stub received, and the result minus its latency."""
    seen = {}
    for path in ("direct", "litellm"):
        _via(monkeypatch, path)
        stub.reset(list(script))
        result = await complete(model=MODEL, credentials=Credentials(api_key=KEY, api_base=stub.base_url), **call)
        kept = (result.content, result.data, result.model, result.prompt_tokens, result.completion_tokens, result.cost)
        seen[path] = ([r.body for r in stub.chat_requests], kept)
    return seen


@pytest.mark.parametrize(
    ("script", "call"),
    [
        ([Text("Hello!", prompt_tokens=1200, completion_tokens=300)],
         {"temperature": 0.2, "seed": 7, "max_tokens": 50}),
        ([ToolCall({"city": "Cork", "celsius": 14.5}, prompt_tokens=90, completion_tokens=12)],
         {"schema": Weather, "tool_name": "report_weather", "tool_description": "Report it.", "temperature": 0}),
        ([ToolCall('{"city": "Cork"', prompt_tokens=10, completion_tokens=2), ToolCall({"city": "Cork", "celsius": 3})],
         {"schema": Weather}),
        (["I see a cat."], {"images": [b"\x89PNG\r\n\x1a\n" + b"\x00" * 16]}),
    ],
    ids=["text", "tool call", "invalid then valid", "image"],
)  # fmt: skip
async def test_one_call_sends_and_keeps_the_same_on_both_paths(stub, monkeypatch, script, call) -> None:
    seen = await _both(stub, monkeypatch, script, messages=[{"role": "user", "content": "Say hello."}],
                       role=LLMRole.judge, **call)  # fmt: skip
    assert seen["direct"] == seen["litellm"]
    bodies, (_, _, model, prompt_tokens, _, cost) = seen["direct"]
    assert bodies and model == "gpt-4o-mini" and cost > 0 and prompt_tokens > 0


async def test_the_organization_and_project_of_the_environment_go_both_ways(stub, monkeypatch) -> None:
    monkeypatch.setenv("OPENAI_ORG_ID", "org-mimic-test")
    monkeypatch.setenv("OPENAI_PROJECT_ID", "proj-mimic-test")
    sent = {}
    for path in ("direct", "litellm"):
        _via(monkeypatch, path)
        stub.reset(["Hi."])
        await complete(model=MODEL, messages=[{"role": "user", "content": "Hi"}], role=LLMRole.test,
                       credentials=Credentials(api_key=KEY, api_base=stub.base_url))  # fmt: skip
        (request,) = stub.chat_requests
        sent[path] = (request.headers.get("openai-organization"), request.headers.get("openai-project"))
    assert sent["direct"] == sent["litellm"] == ("org-mimic-test", "proj-mimic-test")


def _fixed_usage(request):
    """The scripted persona and judge, with usage that does not count the measured reply times
    the judge's prompt holds (they differ from run to run)."""
    return dataclasses.replace(scripted_llm(request), prompt_tokens=700 + len(request.body["messages"]),
                               completion_tokens=40)  # fmt: skip


async def test_a_whole_session_stores_the_same_on_both_paths(monkeypatch) -> None:
    """Persona and judge on an OpenAI-compatible model: the stored transcript, every LLM call's
    tokens and cost, the verdict and the findings are the same whichever path carried them."""
    stored = {}
    with OpenAIStub(required_key=KEY) as llm, LoopbackServer(http_bot()) as agent:
        choice = ModelChoice(MODEL, credentials=Credentials(api_key=KEY, api_base=llm.base_url))
        for path in ("direct", "litellm"):
            _via(monkeypatch, path)
            llm.reset(_fixed_usage)
            plan = plan_for(f"{agent.url}/chat", checks=[])
            plan = type(plan)(**{**plan.__dict__, "simulator": choice, "judge": choice})
            store = MemorySessionStore(plan.session_id, plan.workspace_id)
            outcome = await SessionRunner(plan, store, InMemoryBus()).run()
            judgement = store.judgement
            assert judgement is not None, (path, store.status, store.error)
            kept = {
                "outcome": outcome,
                "messages": [(m.role, m.content, m.prompt_tokens, m.completion_tokens, m.cost, m.model)
                             for m in store.messages],
                "calls": [(c.role, c.model, c.prompt_tokens, c.completion_tokens, c.cost, c.status)
                          for c in store.calls],
                "verdicts": [(r.key, r.status, r.reasoning, r.evidence) for r in judgement.rows],
                "findings": [(f["type"], f["description"], f["severity"]) for f in store.findings],
                "totals": (store.total_tokens, round(store.total_cost, 12)),
                "requests": [r.body for r in llm.chat_requests],
            }  # fmt: skip
            stored[path] = json.loads(_neutral(json.dumps(kept), {m.id: m.sequence for m in store.messages}))
    assert list(_diff(stored["direct"], stored["litellm"])) == []
    assert stored["direct"]["outcome"] == "passed" and stored["direct"]["findings"]
    assert {role for role, *_ in stored["direct"]["calls"]} == {"simulator", "judge"}
    assert all(cost > 0 for *_, cost, _status in stored["direct"]["calls"])


def _kwargs(**extra) -> dict:
    return {"model": MODEL, "messages": [], "timeout": 10, "metadata": {}, "drop_params": True, "max_retries": 0,
            "_skip_mcp_handler": True, "api_key": KEY, "api_base": "http://127.0.0.1:9/v1", **extra}  # fmt: skip


def test_only_calls_both_paths_send_alike_go_direct(monkeypatch) -> None:
    assert direct.eligible(_kwargs())
    assert direct.eligible(_kwargs(tools=[], tool_choice={}, temperature=0, seed=1, max_tokens=5))
    # Reasoning models get parameters renamed or dropped by litellm; other providers speak their own protocol.
    assert not direct.eligible(_kwargs(model="openai/o3-mini"))
    assert not direct.eligible(_kwargs(model="anthropic/claude-3-5-sonnet-20241022"))
    # Provider extras and API versions are litellm's to place.
    assert not direct.eligible(_kwargs(api_version="2024-10-21"))
    assert not direct.eligible(_kwargs(organization="org-1"))
    monkeypatch.delenv("OPENAI_API_KEY", raising=False)
    assert not direct.eligible(_kwargs(api_key=None))  # litellm reports the missing key its way
    monkeypatch.setattr(litellm, "success_callback", ["a logger of the operator's"])
    assert not direct.eligible(_kwargs())  # a callback must see every call
    # litellm registers "cache" whenever a Cache object is made (its Gemini path makes one):
    # without a cache set, that entry does nothing, and the calls still go direct.
    monkeypatch.setattr(litellm, "success_callback", ["cache"])
    monkeypatch.setattr(litellm, "input_callback", ["cache"])
    assert direct.eligible(_kwargs())
    monkeypatch.setattr(litellm, "cache", litellm.Cache(type="local"))
    assert not direct.eligible(_kwargs())  # litellm would answer from its cache
    monkeypatch.setattr(litellm, "cache", None)
    monkeypatch.setattr(litellm, "success_callback", [])
    monkeypatch.setattr(settings, "llm_direct", False)
    assert not direct.eligible(_kwargs())


async def test_a_reasoning_model_goes_through_litellm(stub, monkeypatch) -> None:
    _via(monkeypatch, "direct")
    stub.reset(["Thought it through."])
    result = await complete(model="openai/o3-mini", messages=[{"role": "user", "content": "Hi"}], role=LLMRole.test,
                            credentials=Credentials(api_key=KEY, api_base=stub.base_url), temperature=0.3,
                            max_tokens=40)  # fmt: skip
    assert result.content == "Thought it through."
    (request,) = stub.chat_requests
    assert request.headers["user-agent"].startswith("AsyncOpenAI")
    # litellm's renaming for reasoning models, which a direct request would not have done.
    assert request.body.get("max_completion_tokens") == 40 and "max_tokens" not in request.body


def _neutral(text: str, ids: dict[str, int]) -> str:
    """What differs between two runs whatever carried the calls: message ids (new each run, cited
    by the judge) and the agent's measured reply times (the judge's prompt and its timing checks)."""
    for real, sequence in ids.items():
        text = text.replace(real, f"message-{sequence}")
    text = re.sub(r"\b\d+ ms\b", "N ms", text)
    return re.sub(r'(\\?"latency_?[mM]s\\?": )\d+', r"\1N", text)


def _diff(a, b, path=""):
    if isinstance(a, dict) and isinstance(b, dict):
        for k in set(a) | set(b):
            yield from _diff(a.get(k), b.get(k), f"{path}.{k}")
    elif isinstance(a, list | tuple) and isinstance(b, list | tuple) and len(a) == len(b):
        for i, (x, y) in enumerate(zip(a, b, strict=True)):
            yield from _diff(x, y, f"{path}[{i}]")
    elif a != b:
        yield path, str(a)[:300], str(b)[:300]


_ANSWERS = [
    {"model": "gpt-4o-mini-2024", "choices": [{"message": {"role": "assistant", "content": "Friday."}}],
     "usage": {"prompt_tokens": 1200, "completion_tokens": 30, "total_tokens": 1230}},
    {"model": "gpt-4o-mini", "choices": [{"finish_reason": "tool_calls", "message": {
        "role": "assistant", "content": None, "tool_calls": [
            {"id": "c1", "type": "function",
             "function": {"name": "report_weather", "arguments": "{\"city\": \"Cork\"}"}}]}}],
     "usage": {"prompt_tokens": 90, "completion_tokens": 12, "total_tokens": 102,
               "prompt_tokens_details": {"cached_tokens": 64}, "completion_tokens_details": {"reasoning_tokens": 0}}},
    {"model": "gpt-4o", "choices": [{"message": {"role": "assistant", "content": "No usage at all."}}]},
    {"choices": []},
]  # fmt: skip


@pytest.mark.parametrize("data", _ANSWERS)
def test_a_completion_reads_as_litellms_response(data) -> None:
    """What client.py reads of an answer (content, tool calls, usage, model, cost) is the same
    from direct.Completion as from litellm's ModelResponse of the same JSON."""
    from litellm import ModelResponse

    from app.llm import client, prices

    hidden = {"custom_llm_provider": "openai", "api_base": "http://127.0.0.1:1/v1"}
    completion = direct.Completion(json.loads(json.dumps(data)), hidden)
    response = ModelResponse(**json.loads(json.dumps(data)))
    response._hidden_params = hidden

    def read(answer) -> tuple:
        content, calls = client._message_parts(answer)
        usage = client._Usage()
        usage.add(answer, "openai/gpt-4o-mini")
        return (content, [(c.id, c.function.name, c.function.arguments) for c in calls], usage.prompt_tokens,
                usage.completion_tokens, usage.cost, client._response_model(answer, "openai/x"))  # fmt: skip

    assert read(completion) == read(response)
    assert prices.completion_cost(completion) == prices.completion_cost(response)
    assert isinstance(completion.model_response(), ModelResponse)


@pytest.mark.parametrize(
    "data",
    [{"choices": ["x"]}, {"choices": [{"message": "hi"}]}, {"choices": [{"message": {"tool_calls": "x"}}]},
     {"choices": [{"message": {"content": "a", "tool_calls": [{"id": "1"}]}}]}, {"no": "choices"}, ["a", "list"]],
)  # fmt: skip
def test_an_answer_litellm_cannot_read_is_not_a_completion(data) -> None:
    """Refused as litellm refuses to build its response of them (and, as before, what has no
    choices at all)."""
    from litellm import ModelResponse

    assert not direct._completion_shaped(data)
    if isinstance(data, dict) and "choices" in data:
        with pytest.raises((TypeError, ValueError)):
            ModelResponse(**data)
