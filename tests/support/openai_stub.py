"""A real OpenAI-compatible HTTP server on 127.0.0.1 for tests: no mocks, real sockets.

    with OpenAIStub(script=["Hello!", ToolCall({"answer": 42}), HTTPError(500)], required_key="sk-test") as stub:
        ...  # point a client at stub.base_url (ends in /v1) with api_key "sk-test"
        stub.requests[0].body["messages"]

`script` decides each answer to POST /v1/chat/completions. It is either a list, consumed
one item per request (when it runs out, `default` answers), or a callable taking the
`StubRequest` and returning one item. An item is:

- a `str` or `Text(...)`: a plain assistant reply;
- a `dict` or `ToolCall(arguments, name=None)`: a tool call (the name defaults to the
  tool the request forced, else its first tool); `arguments` may be a dict or a raw
  string, so invalid JSON can be sent on purpose;
- `HTTPError(status, body=None)`: an error status with OpenAI's error shape (or `body`);
- `Delay(seconds, then=..., until=event)`: wait (until the event is set, if given), then
  answer `then` (a callable `then` is asked at that moment);
- `Garbage(body=..., status=200)`: a body that is not JSON.

`required_key`, when set, makes every /v1 request without `Authorization: Bearer <key>`
fail with 401 and OpenAI's invalid_api_key error (its message echoes the key it got, as
a careless provider might, so callers can prove they scrub it).
"""

from __future__ import annotations

import asyncio
import json
import socket
import threading
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from typing import Any

import uvicorn
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response, StreamingResponse


@dataclass
class Text:
    content: str
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


@dataclass
class ToolCall:
    arguments: dict[str, Any] | str
    name: str | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None


@dataclass
class HTTPError:
    status: int
    body: dict[str, Any] | str | None = None
    headers: dict[str, str] = field(default_factory=dict)


@dataclass
class Delay:
    """Waits `seconds` (or less, once `until` is set), then answers `then`; a callable `then`
    is asked for the answer when the wait ends."""

    seconds: float
    then: Any = None
    until: threading.Event | None = None


@dataclass
class Garbage:
    body: str = "<html><body>502 upstream hiccup</body></html>"
    status: int = 200
    content_type: str = "application/json"


@dataclass
class StubRequest:
    method: str
    path: str
    headers: dict[str, str]
    body: dict[str, Any] | None

    @property
    def authorization(self) -> str | None:
        return self.headers.get("authorization")


Answer = str | dict | Text | ToolCall | HTTPError | Delay | Garbage
Script = Sequence[Answer] | Callable[[StubRequest], Answer] | None

_ERROR_TYPES = {
    400: ("invalid_request_error", None),
    401: ("invalid_request_error", "invalid_api_key"),
    403: ("invalid_request_error", "permission_denied"),
    404: ("invalid_request_error", "model_not_found"),
    429: ("requests", "rate_limit_exceeded"),
}


def _error_body(status: int, message: str | None = None) -> dict[str, Any]:
    kind, code = _ERROR_TYPES.get(status, ("server_error", None))
    return {"error": {"message": message or f"The stub answered {status}.", "type": kind, "param": None, "code": code}}


def _estimate_tokens(text: str) -> int:
    return max(1, len(text) // 4)


class OpenAIStub:
    """An OpenAI-compatible server in a background thread; a context manager."""

    def __init__(
        self,
        script: Script = None,
        *,
        required_key: str | None = None,
        models: Sequence[str] = ("gpt-4o-mini",),
        default: Answer = "Hello from the OpenAI stub.",
    ) -> None:
        self.script: Script = list(script) if isinstance(script, list | tuple) else script
        self.required_key = required_key
        self.models = list(models)
        self.default = default
        self.requests: list[StubRequest] = []
        self._lock = threading.Lock()
        self._stopping = threading.Event()
        self._server: uvicorn.Server | None = None
        self._thread: threading.Thread | None = None
        self._port: int | None = None

    # -- lifecycle -------------------------------------------------------------------

    @property
    def base_url(self) -> str:
        if self._port is None:
            raise RuntimeError("OpenAIStub is not running; use it as a context manager or call start().")
        return f"http://127.0.0.1:{self._port}/v1"

    def start(self) -> OpenAIStub:
        # proto=IPPROTO_TCP: asyncio sets TCP_NODELAY only on sockets that name it, and without
        # it every answer waits ~40 ms for a delayed ACK (Nagle), on loopback too.
        sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM, socket.IPPROTO_TCP)
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(("127.0.0.1", 0))
        self._port = sock.getsockname()[1]
        config = uvicorn.Config(
            self._build_app(), log_level="warning", access_log=False, lifespan="off", timeout_graceful_shutdown=1
        )
        self._server = uvicorn.Server(config)
        self._stopping.clear()
        self._thread = threading.Thread(
            target=self._server.run, kwargs={"sockets": [sock]}, name="openai-stub", daemon=True
        )
        self._thread.start()
        deadline = time.monotonic() + 10
        while not self._server.started:
            if not self._thread.is_alive() or time.monotonic() > deadline:
                raise RuntimeError("OpenAIStub did not start")
            time.sleep(0.01)
        return self

    def stop(self) -> None:
        if self._server is None:
            return
        self._stopping.set()
        self._server.should_exit = True
        if self._thread is not None:
            self._thread.join(timeout=10)
        self._server = None
        self._thread = None

    def __enter__(self) -> OpenAIStub:
        return self.start()

    def __exit__(self, *exc_info: object) -> None:
        self.stop()

    def reset(self, script: Script = None) -> None:
        """Forget what was received and use a new script (for a stub shared between tests)."""
        with self._lock:
            self.requests.clear()
            self.script = list(script) if isinstance(script, list | tuple) else script

    @property
    def chat_requests(self) -> list[StubRequest]:
        return [r for r in self.requests if r.path.endswith("/chat/completions")]

    # -- the app ---------------------------------------------------------------------

    def _build_app(self) -> FastAPI:
        app = FastAPI()

        @app.get("/v1/models")
        async def list_models(request: Request):
            _, refused = await self._receive(request)
            if refused is not None:
                return refused
            return {
                "object": "list",
                "data": [
                    {"id": m, "object": "model", "created": 1700000000, "owned_by": "mimic-stub"} for m in self.models
                ],
            }

        @app.post("/v1/chat/completions")
        async def chat_completions(request: Request):
            received, refused = await self._receive(request)
            if refused is not None:
                return refused
            if not isinstance(received.body, dict):
                return JSONResponse(_error_body(400, "The body is not JSON."), status_code=400)
            return await self._respond(self._next_answer(received), received.body)

        return app

    async def _receive(self, request: Request) -> tuple[StubRequest, Response | None]:
        """Records the request; returns a 401 response when the key is required and wrong."""
        raw = await request.body()
        try:
            body = json.loads(raw) if raw else None
        except ValueError:
            body = None
        received = StubRequest(
            request.method, request.url.path, {k.lower(): v for k, v in request.headers.items()}, body
        )
        with self._lock:
            self.requests.append(received)
        if self.required_key is not None:
            given = request.headers.get("authorization", "")
            if given != f"Bearer {self.required_key}":
                key = given.removeprefix("Bearer ").strip() or "(none)"
                return received, JSONResponse(_error_body(401, f"Incorrect API key provided: {key}."), status_code=401)
        return received, None

    def _next_answer(self, request: StubRequest) -> Answer:
        with self._lock:
            script = self.script
            if callable(script):
                return script(request)
            if script:
                return script.pop(0)
            return self.default

    async def _respond(self, answer: Answer, body: dict[str, Any]) -> Response:
        if isinstance(answer, Delay):
            # Sleep in small steps so that stopping the stub never waits for a long delay.
            end = time.monotonic() + answer.seconds
            while time.monotonic() < end and not self._stopping.is_set():
                if answer.until is not None and answer.until.is_set():
                    break
                await asyncio.sleep(min(0.01 if answer.until is not None else 0.05, max(0.0, end - time.monotonic())))
            then = answer.then() if callable(answer.then) else answer.then
            return await self._respond(then if then is not None else self.default, body)
        if isinstance(answer, HTTPError):
            payload = answer.body if answer.body is not None else _error_body(answer.status)
            if isinstance(payload, str):
                return Response(payload, status_code=answer.status, headers=answer.headers, media_type="text/plain")
            return JSONResponse(payload, status_code=answer.status, headers=answer.headers)
        if isinstance(answer, Garbage):
            return Response(answer.body, status_code=answer.status, media_type=answer.content_type)
        if isinstance(answer, str):
            answer = Text(answer)
        elif isinstance(answer, dict):
            answer = ToolCall(answer)
        if not isinstance(answer, Text | ToolCall):
            raise TypeError(f"Unknown stub answer: {answer!r}")
        return self._completion(answer, body)

    def _completion(self, answer: Text | ToolCall, body: dict[str, Any]) -> Response:
        model = str(body.get("model") or "stub-model")
        completion_id = f"chatcmpl-stub-{uuid.uuid4().hex[:12]}"
        created = int(time.time())
        prompt_text = json.dumps(body.get("messages", []))
        message: dict[str, Any] = {"role": "assistant", "content": None}
        if isinstance(answer, Text):
            message["content"] = answer.content
            finish_reason = "stop"
            output_text = answer.content
        else:
            arguments = answer.arguments if isinstance(answer.arguments, str) else json.dumps(answer.arguments)
            call = {
                "id": f"call_{uuid.uuid4().hex[:12]}",
                "type": "function",
                "function": {"name": answer.name or _forced_tool_name(body), "arguments": arguments},
            }
            message["tool_calls"] = [call]
            finish_reason = "tool_calls"
            output_text = arguments
        prompt_tokens = answer.prompt_tokens or _estimate_tokens(prompt_text)
        completion_tokens = answer.completion_tokens or _estimate_tokens(output_text)
        usage = {
            "prompt_tokens": prompt_tokens,
            "completion_tokens": completion_tokens,
            "total_tokens": prompt_tokens + completion_tokens,
        }
        if body.get("stream"):
            include_usage = bool((body.get("stream_options") or {}).get("include_usage"))
            chunks = _stream_chunks(
                completion_id, created, model, message, finish_reason, usage if include_usage else None
            )
            return StreamingResponse(chunks, media_type="text/event-stream")
        return JSONResponse(
            {
                "id": completion_id,
                "object": "chat.completion",
                "created": created,
                "model": model,
                "system_fingerprint": "fp_mimic_stub",
                "choices": [{"index": 0, "message": message, "logprobs": None, "finish_reason": finish_reason}],
                "usage": usage,
            }
        )


def _forced_tool_name(body: dict[str, Any]) -> str:
    choice = body.get("tool_choice")
    if isinstance(choice, dict):
        name = (choice.get("function") or {}).get("name")
        if name:
            return str(name)
    for tool in body.get("tools") or []:
        name = (tool.get("function") or {}).get("name")
        if name:
            return str(name)
    return "tool"


async def _stream_chunks(
    completion_id: str,
    created: int,
    model: str,
    message: dict[str, Any],
    finish_reason: str,
    usage: dict[str, int] | None,
):
    def chunk(delta: dict[str, Any], finish: str | None = None, with_usage: dict[str, int] | None = None) -> str:
        payload: dict[str, Any] = {
            "id": completion_id,
            "object": "chat.completion.chunk",
            "created": created,
            "model": model,
            "choices": [{"index": 0, "delta": delta, "logprobs": None, "finish_reason": finish}]
            if delta is not None
            else [],
        }
        if with_usage is not None:
            payload["usage"] = with_usage
        return f"data: {json.dumps(payload)}\n\n"

    yield chunk({"role": "assistant", "content": ""})
    if message.get("tool_calls"):
        call = message["tool_calls"][0]
        yield chunk(
            {
                "tool_calls": [
                    {
                        "index": 0,
                        "id": call["id"],
                        "type": "function",
                        "function": {"name": call["function"]["name"], "arguments": ""},
                    }
                ]
            }
        )
        arguments = call["function"]["arguments"]
        for start in range(0, len(arguments), 16):
            yield chunk({"tool_calls": [{"index": 0, "function": {"arguments": arguments[start : start + 16]}}]})
    else:
        words = (message.get("content") or "").split(" ")
        for i, word in enumerate(words):
            yield chunk({"content": word if i == 0 else " " + word})
    yield chunk({}, finish_reason)
    if usage is not None:
        yield chunk(None, with_usage=usage)  # type: ignore[arg-type]
    yield "data: [DONE]\n\n"
