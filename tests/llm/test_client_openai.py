"""complete() against a real OpenAI-compatible server (tests.support.openai_stub), every case on
both paths: Mimic's own request (app/llm/direct.py) and litellm's."""

from __future__ import annotations

import json
import socket
import time
from collections.abc import Iterator

import httpx
import pytest
from pydantic import BaseModel

from app.llm import Credentials, LLMError, LLMRole, complete
from app.settings import settings
from tests.support.openai_stub import Delay, Garbage, HTTPError, OpenAIStub, Text, ToolCall

KEY = "sk-test-0123456789abcdefghijklmnop"
MODEL = "openai/gpt-4o-mini"
HELLO = [{"role": "user", "content": "Say hello."}]


class Weather(BaseModel):
    city: str
    celsius: float


@pytest.fixture(scope="module")
def server() -> Iterator[OpenAIStub]:
    with OpenAIStub(required_key=KEY) as running:
        yield running


@pytest.fixture(params=["direct", "litellm"])
def stub(request: pytest.FixtureRequest, server: OpenAIStub, monkeypatch: pytest.MonkeyPatch) -> Iterator[OpenAIStub]:
    monkeypatch.setattr(settings, "llm_direct", request.param == "direct")
    server.reset()
    server.required_key = KEY
    yield server
    # Each case went the way it names: the OpenAI SDK (under litellm) says so in its user agent.
    agents = {r.headers.get("user-agent", "").split("/")[0] for r in server.chat_requests}
    assert agents <= ({"Mimic"} if request.param == "direct" else {"AsyncOpenAI"})


def creds(stub: OpenAIStub, key: str = KEY) -> Credentials:
    return Credentials(api_key=key, api_base=stub.base_url)


async def test_plain_text_with_tokens_cost_and_the_key_in_the_header(stub: OpenAIStub) -> None:
    stub.reset([Text("Hello there!", prompt_tokens=1000, completion_tokens=500)])
    result = await complete(
        model=MODEL, messages=HELLO, role=LLMRole.test, credentials=creds(stub), temperature=0.2, seed=7, max_tokens=50
    )
    assert result.content == "Hello there!" and result.data is None
    assert (result.prompt_tokens, result.completion_tokens) == (1000, 500)
    assert result.cost > 0  # gpt-4o-mini is in litellm's local cost map
    assert result.model == "gpt-4o-mini"
    (request,) = stub.chat_requests
    assert request.authorization == f"Bearer {KEY}"
    body = request.body
    assert body["model"] == "gpt-4o-mini" and body["messages"] == HELLO
    assert (body["temperature"], body["seed"]) == (0.2, 7)
    assert "metadata" not in body and "tools" not in body  # the offline role channel stays in litellm


async def test_structured_output_by_forced_tool_call(stub: OpenAIStub) -> None:
    stub.reset([ToolCall({"city": "Cork", "celsius": 14.5})])
    result = await complete(
        model=MODEL,
        messages=HELLO,
        role=LLMRole.judge,
        credentials=creds(stub),
        schema=Weather,
        tool_name="report_weather",
        tool_description="Report the weather.",
    )
    assert result.data == Weather(city="Cork", celsius=14.5)
    assert result.content == ""
    body = stub.chat_requests[0].body
    assert body["tool_choice"] == {"type": "function", "function": {"name": "report_weather"}}
    (tool,) = body["tools"]
    assert tool["function"]["name"] == "report_weather"
    assert tool["function"]["description"] == "Report the weather."
    assert tool["function"]["parameters"]["properties"]["celsius"]["type"] == "number"


async def test_a_price_of_the_callers_own_applies_to_its_calls_only(stub: OpenAIStub) -> None:
    """A workspace's custom model priced by the workspace: its calls cost what it said, and the
    same model name called without that price keeps litellm's price (nothing registered globally)."""
    stub.reset([Text("a", prompt_tokens=1000, completion_tokens=100), Text("b", prompt_tokens=1000,
                completion_tokens=100)])  # fmt: skip
    priced = Credentials(api_key=KEY, api_base=stub.base_url, price=(0.001, 0.002))
    own = await complete(model=MODEL, messages=HELLO, role=LLMRole.test, credentials=priced)
    assert own.cost == pytest.approx(1000 * 0.001 + 100 * 0.002)
    listed = await complete(model=MODEL, messages=HELLO, role=LLMRole.test, credentials=creds(stub))
    assert 0 < listed.cost < 0.01  # gpt-4o-mini at litellm's price, far below the custom one
    assert "price" not in stub.chat_requests[0].body and "input_cost_per_token" not in stub.chat_requests[0].body


async def test_tool_name_defaults_to_the_schema_name(stub: OpenAIStub) -> None:
    stub.reset([ToolCall({"city": "Cork", "celsius": 1})])
    await complete(model=MODEL, messages=HELLO, role=LLMRole.judge, credentials=creds(stub), schema=Weather)
    assert stub.chat_requests[0].body["tool_choice"]["function"]["name"] == "Weather"


async def test_invalid_arguments_once_then_valid_succeeds_after_one_retry(stub: OpenAIStub) -> None:
    stub.reset(
        [
            ToolCall('{"city": "Cork"', prompt_tokens=100, completion_tokens=10),
            ToolCall({"city": "Cork", "celsius": 3}, prompt_tokens=120, completion_tokens=12),
        ]
    )
    result = await complete(model=MODEL, messages=HELLO, role=LLMRole.judge, credentials=creds(stub), schema=Weather)
    assert result.data == Weather(city="Cork", celsius=3)
    assert len(stub.chat_requests) == 2
    retry_messages = stub.chat_requests[1].body["messages"]
    assert retry_messages[:1] == HELLO and "Weather" in retry_messages[-1]["content"]
    assert (result.prompt_tokens, result.completion_tokens) == (220, 22)  # both attempts count


async def test_invalid_twice_is_bad_output(stub: OpenAIStub) -> None:
    stub.reset([ToolCall({"city": "Cork", "celsius": "warm"}), Text("It is warm in Cork.")])
    with pytest.raises(LLMError) as caught:
        await complete(model=MODEL, messages=HELLO, role=LLMRole.judge, credentials=creds(stub), schema=Weather)
    assert caught.value.kind == "bad_output"
    assert len(stub.chat_requests) == 2


async def test_wrong_key_is_auth_and_the_message_never_holds_the_key(stub: OpenAIStub) -> None:
    wrong = "sk-wrong-key-9876543210zyxwvutsrq"
    with pytest.raises(LLMError) as caught:
        await complete(model=MODEL, messages=HELLO, role=LLMRole.test, credentials=creds(stub, wrong))
    error = caught.value
    assert error.kind == "auth" and error.status_code == 401
    assert "Incorrect API key provided" in error.message  # the provider's message, as it came...
    assert wrong not in error.message and wrong[:12] not in error.message  # ...minus the key
    assert wrong not in str(error) and wrong not in repr(error)
    assert stub.chat_requests[0].authorization == f"Bearer {wrong}"


@pytest.mark.parametrize(
    ("answer", "kind", "status"),
    [
        (HTTPError(500), "provider", 500),
        (HTTPError(503, "upstream is down"), "provider", 503),
        (HTTPError(429), "rate_limit", 429),
        (HTTPError(400), "bad_request", 400),
        (HTTPError(404), "bad_request", 404),
        (Garbage(), "provider", None),
    ],
)
async def test_errors_are_mapped_to_kinds(stub: OpenAIStub, answer: object, kind: str, status: int | None) -> None:
    stub.reset([answer])
    with pytest.raises(LLMError) as caught:
        await complete(model=MODEL, messages=HELLO, role=LLMRole.test, credentials=creds(stub), retries=0)
    assert caught.value.kind == kind
    if status is not None:
        assert caught.value.status_code == status
    assert len(stub.chat_requests) == 1  # no hidden retries inside litellm or the OpenAI SDK


async def test_transient_errors_are_retried(stub: OpenAIStub) -> None:
    stub.reset([HTTPError(500), "Recovered."])
    result = await complete(model=MODEL, messages=HELLO, role=LLMRole.test, credentials=creds(stub), retries=1)
    assert result.content == "Recovered." and len(stub.chat_requests) == 2


async def test_a_slow_answer_is_a_timeout(stub: OpenAIStub) -> None:
    stub.reset([Delay(5, then="Too late.")])
    started = time.perf_counter()
    with pytest.raises(LLMError) as caught:
        await complete(model=MODEL, messages=HELLO, role=LLMRole.test, credentials=creds(stub), timeout_s=0.5)
    assert caught.value.kind == "timeout"
    assert time.perf_counter() - started < 3
    assert len(stub.chat_requests) == 1  # timeouts are not retried


async def test_nothing_listening_is_a_connection_error() -> None:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    credentials = Credentials(api_key=KEY, api_base=f"http://127.0.0.1:{port}/v1")
    with pytest.raises(LLMError) as caught:
        await complete(model=MODEL, messages=HELLO, role=LLMRole.test, credentials=credentials, retries=0, timeout_s=5)
    assert caught.value.kind == "connection"


async def test_images_are_attached_to_the_last_user_message(stub: OpenAIStub) -> None:
    png = b"\x89PNG\r\n\x1a\n" + b"\x00" * 16
    await complete(model=MODEL, messages=HELLO, role=LLMRole.persona, credentials=creds(stub), images=[png])
    content = stub.chat_requests[0].body["messages"][-1]["content"]
    assert content[0] == {"type": "text", "text": "Say hello."}
    assert content[1]["type"] == "image_url" and content[1]["image_url"]["url"].startswith("data:image/png;base64,")


def test_stub_lists_models_checks_keys_and_streams(server: OpenAIStub) -> None:
    stub = server  # the stub itself, called without complete(): one path is enough
    stub.reset()
    stub.required_key = KEY
    headers = {"Authorization": f"Bearer {KEY}"}
    models = httpx.get(f"{stub.base_url}/models", headers=headers).json()
    assert models["object"] == "list" and models["data"][0]["id"] == "gpt-4o-mini"
    refused = httpx.get(f"{stub.base_url}/models")
    assert refused.status_code == 401 and refused.json()["error"]["code"] == "invalid_api_key"

    stub.reset(["Hello streaming world"])
    body = {"model": "gpt-4o-mini", "messages": HELLO, "stream": True, "stream_options": {"include_usage": True}}
    with httpx.stream("POST", f"{stub.base_url}/chat/completions", json=body, headers=headers) as response:
        assert response.headers["content-type"].startswith("text/event-stream")
        events = [line.removeprefix("data: ") for line in response.iter_lines() if line.startswith("data: ")]
    assert events[-1] == "[DONE]"
    chunks = [json.loads(e) for e in events[:-1]]
    text = "".join(c["choices"][0]["delta"].get("content") or "" for c in chunks if c["choices"])
    assert text == "Hello streaming world"
    assert chunks[-1]["usage"]["total_tokens"] > 0


def test_stub_streams_tool_calls(server: OpenAIStub) -> None:
    stub = server  # the stub itself, called without complete(): one path is enough
    stub.reset()
    stub.required_key = KEY
    stub.reset([ToolCall({"city": "Cork", "celsius": 9})])
    tool = {"type": "function", "function": {"name": "report", "parameters": Weather.model_json_schema()}}
    body = {"model": "m", "messages": HELLO, "stream": True, "tools": [tool], "tool_choice": "required"}
    headers = {"Authorization": f"Bearer {KEY}"}
    with httpx.stream("POST", f"{stub.base_url}/chat/completions", json=body, headers=headers) as response:
        events = [json.loads(line[6:]) for line in response.iter_lines() if line.startswith("data: {")]
    deltas = [e["choices"][0]["delta"].get("tool_calls") for e in events if e["choices"]]
    calls = [d[0] for d in deltas if d]
    assert calls[0]["function"]["name"] == "report"
    assert json.loads("".join(c["function"]["arguments"] for c in calls)) == {"city": "Cork", "celsius": 9}
    assert events[-1]["choices"][0]["finish_reason"] == "tool_calls"
