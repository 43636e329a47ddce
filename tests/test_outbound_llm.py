"""The outbound policy on every LLM call (app/llm/egress.py): litellm's provider paths (the
OpenAI SDK for openai, azure, groq, mistral and custom OpenAI-compatible models; litellm's own
httpx handlers for anthropic, gemini and ollama) through the real litellm code, against a
server the policy refuses (127.0.0.2: only 127.0.0.1/32 is allowed), directly and through an
allowed server that redirects there with each redirect status; then every place Mimic makes
LLM calls (the persona simulator, the judge, a hosted agent, the provider test, a custom
model, a workspace default) through the API. Allowed hosts still answer."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from fastapi import FastAPI
from fastapi.responses import RedirectResponse, Response

from app import llm
from app.llm import egress
from app.settings import settings
from tests.support.loopback import LoopbackServer
from tests.support.openai_stub import OpenAIStub
from tests.support.refused_server import FAR_BODY, REDIRECTS, Far
from tests.support.sessions import Api

# (litellm model, extra credentials): one per provider path Mimic offers.
PROVIDER_PATHS = [
    ("openai/gpt-test", {}),  # Mimic's own request (app/llm/direct.py); custom models take this path
    ("openai/gpt-test", {"via": "litellm"}),  # the same through litellm's OpenAI SDK (MIMIC_LLM_DIRECT=false)
    ("azure/gpt-test", {"api_version": "2024-10-21"}),  # AzureOpenAI SDK
    ("groq/llama-test", {}),  # OpenAI-compatible via litellm's OpenAI-like code
    ("mistral/mistral-test", {}),
    ("anthropic/claude-test", {}),  # litellm's own httpx handler
    ("gemini/gemini-test", {}),
    ("ollama_chat/llama-test", {}),
    ("ollama/llama-test", {}),
]


async def _complete(model: str, api_base: str, extra: dict) -> llm.LLMResult:
    credentials = llm.Credentials(api_key="sk-test-key-0000", api_base=api_base, api_version=extra.get("api_version"))
    return await llm.complete(model=model, messages=[{"role": "user", "content": "ping"}], role=llm.LLMRole.test,
                              credentials=credentials, max_tokens=5, timeout_s=10, retries=0)  # fmt: skip


# ---- litellm's clients carry the checking transport ------------------------------------------


def test_every_client_litellm_builds_carries_the_checking_transport() -> None:
    """If a litellm upgrade renames a hook, this fails before any request can slip by."""
    import litellm
    from litellm.llms.custom_httpx.http_handler import AsyncHTTPHandler, HTTPHandler, get_async_httpx_client
    from litellm.llms.openai.openai import OpenAIChatCompletion

    assert litellm.disable_aiohttp_transport is True and litellm.force_ipv4 is False
    assert AsyncHTTPHandler().client._transport is egress.TRANSPORT
    for provider in ("anthropic", "gemini", "ollama", "ollama_chat", "mistral"):
        assert get_async_httpx_client(provider).client._transport is egress.TRANSPORT, provider
    assert litellm.module_level_aclient.client._transport is egress.TRANSPORT
    sdk_client = OpenAIChatCompletion()._get_openai_client(
        is_async=True, api_key="k", api_base="http://example.invalid/v1", max_retries=0
    )
    assert sdk_client._client._transport is egress.TRANSPORT
    assert HTTPHandler().client._transport is egress.SYNC_TRANSPORT
    assert litellm.module_level_client.client._transport is egress.SYNC_TRANSPORT


async def test_a_task_has_a_pool_of_its_own_closed_when_it_ends() -> None:
    """A session's calls reuse its connection; another session has its own (httpcore scans every
    connection of a pool for each request); a finished task's connections are closed."""
    app = FastAPI()
    app.get("/ping")(lambda: {"pong": True})
    with LoopbackServer(app) as server:

        async def three_calls() -> tuple[object, int]:
            pool = egress.TRANSPORT.for_this_loop()
            async with httpx.AsyncClient(transport=egress.TRANSPORT) as client:  # closing it leaves the pool
                for _ in range(3):
                    (await client.get(f"{server.url}/ping")).raise_for_status()
            assert egress.TRANSPORT.for_this_loop() is pool
            return pool, len(pool._pool.connections)

        (first, kept), (second, _) = await asyncio.gather(three_calls(), three_calls())
        assert first is not second and kept == 1  # three calls, one connection
        for _ in range(100):  # closed on the loop once their tasks are done
            if not first._pool.connections and not second._pool.connections:
                break
            await asyncio.sleep(0.01)
        assert first._pool.connections == [] and second._pool.connections == []
    # Outside any task (a loop callback), calls share the loop's pool; another loop has its own.
    loop = asyncio.get_running_loop()
    outside = [loop.create_future() for _ in range(2)]
    for future in outside:
        loop.call_soon(lambda f=future: f.set_result(egress.TRANSPORT.for_this_loop()))
    shared, again = await asyncio.gather(*outside)
    assert shared is again and shared is not first
    other = await asyncio.to_thread(lambda: asyncio.run(_transport_of_a_new_loop()))
    assert other is not shared


async def _transport_of_a_new_loop():
    return egress.TRANSPORT.for_this_loop()


# ---- every provider path, directly and through each redirect -----------------------------------


@pytest.mark.parametrize(
    ("model", "extra"), PROVIDER_PATHS, ids=[m + (" via litellm" if e.get("via") else "") for m, e in PROVIDER_PATHS]
)
async def test_each_provider_path_refuses_a_forbidden_address(
    model: str, extra: dict, far: Far, redirector, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(settings, "llm_direct", extra.get("via") != "litellm")
    bases = [f"{far.url}/v1"] + [f"{redirector.url}/{status}/v1" for status in REDIRECTS]
    for base in bases:
        with pytest.raises(llm.LLMError) as refused:
            await _complete(model, base, extra)
        assert refused.value.kind == "refused", (base, refused.value)
        assert "127.0.0.2 is a loopback address" in refused.value.message
        assert FAR_BODY not in refused.value.message
    assert far.hits == []


def _anthropic_and_ollama_app() -> FastAPI:
    """An allowed server speaking Anthropic's and Ollama's formats (litellm's own handlers)."""
    app = FastAPI()

    @app.post("/v1/messages")
    async def messages():
        return {"id": "msg_1", "type": "message", "role": "assistant", "model": "claude-test",
                "content": [{"type": "text", "text": "pong from anthropic"}], "stop_reason": "end_turn",
                "stop_sequence": None, "usage": {"input_tokens": 3, "output_tokens": 3}}  # fmt: skip

    @app.post("/api/chat")
    async def chat():
        return {"model": "llama-test", "created_at": "2026-01-01T00:00:00Z", "done": True,
                "message": {"role": "assistant", "content": "pong from ollama"},
                "prompt_eval_count": 3, "eval_count": 3}  # fmt: skip

    return app


async def test_allowed_hosts_still_answer_on_each_kind_of_client(only_127_0_0_1) -> None:
    with OpenAIStub(script=["pong from the stub"]) as stub:
        assert (await _complete("openai/gpt-test", stub.base_url, {})).content == "pong from the stub"
    with LoopbackServer(_anthropic_and_ollama_app()) as server:
        assert (await _complete("anthropic/claude-test", server.url, {})).content == "pong from anthropic"
        assert (await _complete("ollama_chat/llama-test", server.url, {})).content == "pong from ollama"


async def test_a_redirect_between_allowed_hosts_is_followed(only_127_0_0_1) -> None:
    with OpenAIStub(script=["pong after a redirect"]) as stub:
        app = FastAPI()

        @app.api_route("/{path:path}", methods=["POST"])
        async def moved(path: str):
            return RedirectResponse(f"{stub.base_url.removesuffix('/v1')}/{path}", status_code=307)

        with LoopbackServer(app) as hop:
            result = await _complete("openai/gpt-test", f"{hop.url}/v1", {})
    assert result.content == "pong after a redirect"


async def test_a_provider_outside_httpx_is_refused_before_any_call() -> None:
    with pytest.raises(llm.LLMError) as refused:
        await _complete("aiohttp_openai/gpt-test", "http://127.0.0.1:9/v1", {})
    assert refused.value.kind == "refused"


# ---- model answers are capped ------------------------------------------------------------------


async def test_a_model_answer_over_the_cap_is_too_large(monkeypatch) -> None:
    monkeypatch.setattr(settings, "max_reply_bytes", 64 * 1024)
    with OpenAIStub(script=["x" * (200 * 1024), "small"]) as stub:
        with pytest.raises(llm.LLMError) as failed:
            await _complete("openai/gpt-test", stub.base_url, {})
        assert failed.value.kind == "too_large" and "65,536 bytes" in failed.value.message
        assert (await _complete("openai/gpt-test", stub.base_url, {})).content == "small"


async def test_a_compressed_answer_is_capped_after_decoding(monkeypatch) -> None:
    """A small gzip body that expands past the cap (a compression bomb) stops at the cap."""
    import gzip
    import json

    monkeypatch.setattr(settings, "max_reply_bytes", 64 * 1024)
    message = {"role": "assistant", "content": "y" * (4 * 1024 * 1024)}
    payload = {"id": "c", "object": "chat.completion", "created": 1, "model": "m",
               "choices": [{"index": 0, "message": message, "finish_reason": "stop"}],
               "usage": {"prompt_tokens": 1, "completion_tokens": 1}}  # fmt: skip
    bomb = gzip.compress(json.dumps(payload).encode())
    assert len(bomb) < 64 * 1024
    app = FastAPI()

    @app.post("/v1/chat/completions")
    async def compressed():
        return Response(bomb, media_type="application/json", headers={"Content-Encoding": "gzip"})

    with LoopbackServer(app) as server:
        started = time.perf_counter()
        with pytest.raises(llm.LLMError) as failed:
            await _complete("openai/gpt-test", f"{server.url}/v1", {})
    print(f"compressed {len(bomb)} bytes refused after {1000 * (time.perf_counter() - started):.0f} ms")
    assert failed.value.kind == "too_large"


# ---- every place Mimic calls a model, through the API ------------------------------------------


@pytest.fixture
def api(live_api, make_account) -> Api:
    return Api(live_api.url, make_account().headers)


def _custom_model(api: Api, name: str, base_url: str) -> str:
    return api.post("/api/models/custom", {"name": name, "baseUrl": base_url, "model": "m"})["id"]


def _http_agent(api: Api, url: str) -> str:
    return api.agent("http", {"url": url, "method": "POST", "bodyTemplate": '{"message": "{{message}}"}',
                              "replyPath": "data.reply", "timeoutSeconds": 5})  # fmt: skip


def _reply_bot() -> FastAPI:
    app = FastAPI()

    @app.post("/chat")
    async def chat():
        return {"data": {"reply": "Your order A-10482 arrives on Friday."}}

    return app


def test_the_simulator_judge_and_workspace_default_refuse_a_forbidden_model(api: Api, far: Far, redirector) -> None:
    persona_id, objective_id = api.library()
    with LoopbackServer(_reply_bot()) as bot:
        agent_id = _http_agent(api, f"{bot.url}/chat")
        for status in (None, *REDIRECTS):
            base = f"{far.url}/v1" if status is None else f"{redirector.url}/{status}/v1"
            model = _custom_model(api, f"inside-{status}", base)
            # The persona simulator (the session's llmConfig.model) ...
            detail = api.wait(api.start(agent_id, persona_id, objective_id, llmConfig={"model": model}))
            assert detail["error"]["source"] == "simulator" and detail["error"]["kind"] == "refused", detail["error"]
            assert "127.0.0.2 is a loopback address" in detail["error"]["message"]
            # ... the judge (llmConfig.judgeModel; the offline persona talks first) ...
            detail = api.wait(api.start(agent_id, persona_id, objective_id,
                                        llmConfig={"model": "mimic/offline", "judgeModel": model}))  # fmt: skip
            assert detail["error"]["source"] == "judge" and detail["error"]["kind"] == "refused", detail["error"]
            assert all(FAR_BODY not in m["content"] for m in detail["messages"])
        # ... and a workspace default for the simulator.
        api.http.put("/api/models/defaults", json={"simulator": model}).raise_for_status()
        detail = api.wait(api.start(agent_id, persona_id, objective_id))
        assert detail["error"]["source"] == "simulator" and detail["error"]["kind"] == "refused"
    assert far.hits == []


def test_a_hosted_agent_on_a_forbidden_model(api: Api, far: Far, redirector) -> None:
    persona_id, objective_id = api.library()
    for status in (None, *REDIRECTS):
        base = f"{far.url}/v1" if status is None else f"{redirector.url}/{status}/v1"
        model = _custom_model(api, f"agent-{status}", base)
        agent_id = api.agent("hosted", {"systemPrompt": "You are a shop assistant.", "model": model,
                                        "timeoutSeconds": 5})  # fmt: skip
        probe = api.post(f"/api/agents/{agent_id}/test")
        assert probe["reachable"] is False and probe["error"].startswith("refused: 127.0.0.2 is a loopback"), probe
        run = api.http.post(f"/api/agents/{agent_id}/run", json={"message": "hello"})
        assert run.status_code >= 400 and FAR_BODY not in run.text
        detail = api.wait(api.start(agent_id, persona_id, objective_id))
        assert detail["error"]["source"] == "target" and detail["error"]["kind"] == "refused", detail["error"]
    assert far.hits == []


def test_the_provider_test_checks_every_redirect_hop(api: Api, far: Far, redirector) -> None:
    for status in (None, *REDIRECTS):
        base = f"{far.url}/v1" if status is None else f"{redirector.url}/{status}/v1"
        model = _custom_model(api, f"provider-{status}", base)
        result = api.post("/api/providers/openai_compatible/test", {"model": model})
        assert result["ok"] is False and result["errorKind"] == "refused", (status, result)
        assert "127.0.0.2 is a loopback address" in result["error"] and FAR_BODY not in result["error"]
    # A configured provider's base URL takes the same road.
    api.http.put("/api/providers/openai", json={"apiKey": "sk-test-0000000000", "baseUrl": f"{redirector.url}/302/v1"})
    result = api.post("/api/providers/openai/test", {"model": "openai/gpt-4o-mini"})
    assert result["ok"] is False and result["errorKind"] == "refused" and FAR_BODY not in result["error"]
    assert far.hits == []


def test_allowed_model_endpoints_still_work_through_the_api(api: Api, only_127_0_0_1) -> None:
    with OpenAIStub(default="pong") as stub:
        model = _custom_model(api, "allowed", stub.base_url)
        result = api.post("/api/providers/openai_compatible/test", {"model": model})
        assert result["ok"] is True and result["reply"] == "pong"
        assert stub.chat_requests
