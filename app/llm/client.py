"""One async call to any LLM through litellm, with structured output by forced tool call,
errors mapped to a small set of kinds, and credentials kept out of every message."""

from __future__ import annotations

import asyncio
import base64
import functools
import importlib
import json
import logging
import os
import re
import socket
import time
from collections.abc import Awaitable, Callable, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any, TypeVar

# litellm fetches its cost map from the internet at import unless told otherwise.
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

import httpx  # noqa: E402
import litellm  # noqa: E402
import openai  # noqa: E402
from pydantic import BaseModel, ValidationError  # noqa: E402

from app import outbound  # noqa: E402
from app.llm import cache as response_cache  # noqa: E402
from app.llm import direct, egress, prices, sdk_requests  # noqa: E402
from app.llm.offline import CONTEXT_METADATA_KEY, ROLE_METADATA_KEY, OfflineLLM  # noqa: E402

logger = logging.getLogger(__name__)
T = TypeVar("T")

# What the OpenAI SDK and litellm import on their first call (the SDK's `client.chat` loads
# every resource module: about a second), loaded now: otherwise the first reply of an agent in
# a process is measured a second slower than it was, and may pass its timeout.
_FIRST_CALL_IMPORTS = (
    "openai.resources",
    "anyio._backends._asyncio",
    "litellm._service_logger",
    "litellm.proxy._types",
    "litellm.llms.litellm_proxy.chat.transformation",
    "litellm.llms.openai.chat.gpt_audio_transformation",
    "litellm.llms.openai_like.dynamic_config",
    "litellm.llms.vertex_ai.vertex_ai_partner_models.anthropic.transformation",
    "litellm.proxy.openai_files_endpoints.common_utils",
)
for _module in _FIRST_CALL_IMPORTS:
    try:
        importlib.import_module(_module)
    except ImportError:  # a later litellm or SDK moved it: only the first call is slower
        logger.debug("could not preload %s", _module)

OFFLINE_PROVIDER = "mimic"
OFFLINE_MODEL = "mimic/offline"
# Retries of transient failures (rate limits, connection errors, 5xx) wait this long, doubling.
RETRY_BASE_DELAY_S = 0.5


def is_offline(model: str) -> bool:
    return (model or "").strip().lower().startswith(OFFLINE_PROVIDER + "/")


def display_name(model: str) -> str:
    return f"{model} (offline simulator)" if is_offline(model) else model


class LLMRole(StrEnum):
    persona = "persona"
    judge = "judge"
    agent = "agent"
    test = "test"


@dataclass(frozen=True, repr=False)
class Credentials:
    """How to reach a provider. `extra` holds provider-specific keyword arguments for litellm
    (e.g. aws_region_name); its values are treated as secrets in error messages."""

    api_key: str | None = None
    api_base: str | None = None
    api_version: str | None = None
    extra: dict[str, Any] = field(default_factory=dict)
    # (per input token, per output token) in US dollars when the caller sets the price (a
    # workspace's custom model); otherwise litellm's map prices the call.
    price: tuple[float, float] | None = None

    def __repr__(self) -> str:
        key = "'***'" if self.api_key else "None"
        return (
            f"Credentials(api_key={key}, api_base={self.api_base!r}, api_version={self.api_version!r}, "
            f"extra_keys={sorted(self.extra)!r}, price={self.price!r})"
        )

    __str__ = __repr__

    def secrets(self) -> list[str]:
        values = [self.api_key] + [v for v in self.extra.values() if isinstance(v, str)]
        return [v for v in values if v and len(v) >= 4]


@dataclass(frozen=True)
class LLMResult:
    content: str
    data: BaseModel | None
    model: str
    prompt_tokens: int
    completion_tokens: int
    cost: float
    latency_ms: int


class LLMError(Exception):
    """kind: auth | rate_limit | timeout | connection | bad_request | bad_output | provider |
    refused (the outbound policy does not let Mimic reach the endpoint, or a redirect hop of it)
    | too_large (the answer passed MIMIC_MAX_REPLY_BYTES)."""

    KINDS = ("auth", "rate_limit", "timeout", "connection", "bad_request", "bad_output", "provider", "refused",
             "too_large")  # fmt: skip

    def __init__(self, kind: str, message: str, status_code: int | None = None, *, unsent: bool = False) -> None:
        super().__init__(f"{kind}: {message}")
        self.kind = kind
        self.message = message
        self.status_code = status_code
        # The request surely never reached the endpoint (refused, unresolved, no connection
        # made): the one failure a call to an agent under test may be retried after.
        self.unsent = unsent

    @property
    def retryable(self) -> bool:
        return self.kind in _RETRYABLE


_RETRYABLE = frozenset({"rate_limit", "connection", "provider"})


# -- registration ----------------------------------------------------------------------


def _register_offline_provider() -> None:
    existing = list(litellm.custom_provider_map or [])
    if not any(entry.get("provider") == OFFLINE_PROVIDER for entry in existing):
        litellm.custom_provider_map = [*existing, {"provider": OFFLINE_PROVIDER, "custom_handler": OfflineLLM()}]


_register_offline_provider()
egress.install()  # every HTTP request litellm makes goes through the outbound policy
sdk_requests.install()  # the OpenAI SDK skips its request walk when it would change nothing
# litellm prints "Give Feedback / Get Help" banners on every error otherwise.
litellm.suppress_debug_info = True


# -- the call --------------------------------------------------------------------------


@functools.cache
def _json_schema(schema: type[BaseModel]) -> str:
    return json.dumps(schema.model_json_schema())


def tool_parameters(schema: type[BaseModel]) -> dict[str, Any]:
    """The JSON schema of a tool's arguments: generated once per class (pydantic takes
    milliseconds), a fresh copy per call (providers' transforms may edit it)."""
    return json.loads(_json_schema(schema))


async def complete(
    *,
    model: str,
    messages: list[dict[str, Any]],
    role: LLMRole | str,
    credentials: Credentials | None = None,
    temperature: float | None = None,
    max_tokens: int | None = None,
    seed: int | None = None,
    schema: type[BaseModel] | None = None,
    tool_name: str | None = None,
    tool_description: str = "",
    timeout_s: float = 60.0,
    images: Sequence[bytes | str] | None = None,
    retries: int = 2,
    offline_context: dict[str, Any] | None = None,
) -> LLMResult:
    """One completion. With `schema`, the answer is a forced call of tool `tool_name`
    (default: the schema's class name) whose arguments are validated into `data`; an invalid
    answer is retried once, then raises LLMError("bad_output"). `images` (PNG/JPEG bytes, data
    URLs or http URLs) are attached to the last user message. `retries` re-sends after
    rate limits, connection errors and 5xx answers (not after timeouts). Token counts, cost
    and latency add up over every attempt. `offline_context` is the structured facts the
    offline model plays from; it reaches `mimic/offline` out of band (litellm metadata) and
    is never sent to any other model."""
    credentials = credentials or Credentials()
    secrets = credentials.secrets()
    request_messages = _attach_images(messages, images) if images else [dict(m) for m in messages]
    kwargs: dict[str, Any] = {
        "model": model,
        "timeout": timeout_s,
        "metadata": {ROLE_METADATA_KEY: str(role)},
        "drop_params": True,
        "max_retries": 0,
        # litellm 1.106 imports its MCP gateway (and the absent `mcp` package) whenever tools are passed.
        "_skip_mcp_handler": True,
    }
    if offline_context is not None and is_offline(model):
        kwargs["metadata"][CONTEXT_METADATA_KEY] = offline_context
    for name, value in (("temperature", temperature), ("max_tokens", max_tokens), ("seed", seed)):
        if value is not None:
            kwargs[name] = value
    if credentials.api_key:
        kwargs["api_key"] = credentials.api_key
    if credentials.api_base:
        kwargs["api_base"] = credentials.api_base
    if credentials.api_version:
        kwargs["api_version"] = credentials.api_version
    for key, value in credentials.extra.items():
        kwargs.setdefault(key, value)  # provider extras never override what this call sets
    name = tool_name or (schema.__name__ if schema else None)
    if schema is not None:
        kwargs["tools"] = [
            {
                "type": "function",
                "function": {
                    "name": name,
                    "description": tool_description or (schema.__doc__ or "").strip() or f"Submit the {name} answer.",
                    "parameters": tool_parameters(schema),
                },
            }
        ]
        kwargs["tool_choice"] = {"type": "function", "function": {"name": name}}

    if is_offline(model):
        retries = 0  # the simulator is deterministic: the same call would fail the same way
    elif model.split("/", 1)[0].lower() in egress.PROVIDERS_OUTSIDE_THE_POLICY:
        raise LLMError("refused", f"{model.split('/', 1)[0]} models open connections the outbound policy cannot check")
    started = time.perf_counter()
    cache = response_cache.active(str(role))
    # The offline model answers from its out-of-band context too: part of its key.
    shaping = {**kwargs, "messages": request_messages, "offline_context": kwargs["metadata"].get(CONTEXT_METADATA_KEY)}
    cache_key, ids = cache.key(shaping) if cache else ("", {})
    if cache and (stored := cache.get(cache_key)) is not None:
        cached = cache.restore_ids(stored, ids)
        data = schema.model_validate(cached.data) if schema is not None and cached.data is not None else None
        if schema is None or data is not None:  # a cached answer costs nothing and takes no time
            return LLMResult(cached.content, data, cached.model, cached.prompt_tokens, cached.completion_tokens,
                             0.0, int((time.perf_counter() - started) * 1000))  # fmt: skip
    result = await _complete_uncached(kwargs, request_messages, model, timeout_s, retries, secrets, schema, name,
                                      started, credentials.price)  # fmt: skip
    if cache:
        answer = response_cache.CachedAnswer(
            result.content, result.data.model_dump(mode="json") if result.data is not None else None, result.model,
            result.prompt_tokens, result.completion_tokens)  # fmt: skip
        cache.put(cache_key, cache.hide_ids(answer, ids))
    return result


async def _complete_uncached(
    kwargs: dict[str, Any],
    request_messages: list[dict[str, Any]],
    model: str,
    timeout_s: float,
    retries: int,
    secrets: list[str],
    schema: type[BaseModel] | None,
    name: str | None,
    started: float,
    price: tuple[float, float] | None = None,
) -> LLMResult:
    usage = _Usage(price=price)
    attempt_messages = request_messages
    for attempt in range(2):
        response = await _call(kwargs | {"messages": attempt_messages}, model, timeout_s, retries, secrets, usage)
        content, tool_calls = _message_parts(response)
        if schema is None:
            return usage.result(content, None, _response_model(response, model), started)
        try:
            data = _validated_tool_call(tool_calls, name or "", schema)
        except _BadOutput as problem:
            logger.info("LLM %s gave an invalid %s tool call (attempt %d): %s", model, name, attempt + 1, problem)
            if attempt == 1:
                raise LLMError(
                    "bad_output", _scrub(f"The model did not return a valid {name} tool call: {problem}", secrets)
                ) from None
            attempt_messages = [
                *request_messages,
                {
                    "role": "user",
                    "content": f"Your previous answer was not a valid call of the `{name}` tool ({problem}). "
                    f"Call `{name}` again with arguments that match its JSON schema exactly.",
                },
            ]
            continue
        return usage.result("", data, _response_model(response, model), started)
    raise AssertionError("unreachable")


@dataclass
class _Usage:
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    price: tuple[float, float] | None = None  # the caller's own, else litellm's map decides

    def add(self, response: Any, model: str) -> None:
        usage = getattr(response, "usage", None)
        prompt_tokens = int(getattr(usage, "prompt_tokens", 0) or 0)
        completion_tokens = int(getattr(usage, "completion_tokens", 0) or 0)
        self.prompt_tokens += prompt_tokens
        self.completion_tokens += completion_tokens
        if self.price is not None:
            self.cost += prompt_tokens * self.price[0] + completion_tokens * self.price[1]
        elif not is_offline(model):
            self.cost += prices.completion_cost(response)

    def result(self, content: str, data: BaseModel | None, model: str, started: float) -> LLMResult:
        return LLMResult(
            content=content,
            data=data,
            model=model,
            prompt_tokens=self.prompt_tokens,
            completion_tokens=self.completion_tokens,
            cost=self.cost,
            latency_ms=int((time.perf_counter() - started) * 1000),
        )


async def provider_call(call: Callable[[], Awaitable[T]], *, model: str, timeout_s: float, secrets: list[str]) -> T:
    """One request to a provider through litellm (a completion, speech, a transcription):
    bounded in time, and every failure raised as an LLMError with the secrets scrubbed."""
    try:
        # The checking transport notes a refused address or an oversized answer here: the
        # SDKs between it and this call report either as a mere connection error.
        with outbound.capture_failures() as failures:
            # litellm enforces timeout_s per request; this bounds the whole call (and the offline provider).
            async with asyncio.timeout(timeout_s + (0 if is_offline(model) else 0.5)):
                return await call()
    except Exception as exc:  # every failure leaves here as an LLMError
        raise (
            LLMError(failures[0].kind, _scrub(failures[0].message, secrets))
            if failures
            else _to_llm_error(exc, secrets, timeout_s)
        ) from None


async def _call(
    kwargs: dict[str, Any], model: str, timeout_s: float, retries: int, secrets: list[str], usage: _Usage
) -> Any:
    # OpenAI-protocol models skip litellm's per-call machinery (app/llm/direct.py); the rest go through it.
    send = functools.partial(direct.acompletion, kwargs) if direct.eligible(kwargs) else (
        functools.partial(litellm.acompletion, **kwargs))  # fmt: skip
    for attempt in range(retries + 1):
        try:
            response = await provider_call(send, model=model, timeout_s=timeout_s, secrets=secrets)
        except LLMError as error:
            if error.retryable and attempt < retries:
                await asyncio.sleep(RETRY_BASE_DELAY_S * 2**attempt)
                continue
            raise
        usage.add(response, model)
        return response
    raise AssertionError("unreachable")


def _response_model(response: Any, requested: str) -> str:
    return requested if is_offline(requested) else str(getattr(response, "model", None) or requested)


def _message_parts(response: Any) -> tuple[str, list[Any]]:
    try:
        message = response.choices[0].message
    except (AttributeError, IndexError, TypeError):
        return "", []
    content = message.content if isinstance(message.content, str) else ""
    return content or "", list(getattr(message, "tool_calls", None) or [])


class _BadOutput(Exception):
    pass


def _validated_tool_call(tool_calls: list[Any], name: str, schema: type[BaseModel]) -> BaseModel:
    if not tool_calls:
        raise _BadOutput("no tool call in the answer")
    call = next((c for c in tool_calls if getattr(c.function, "name", None) == name), tool_calls[0])
    arguments = call.function.arguments
    if isinstance(arguments, dict):
        arguments = json.dumps(arguments)
    if not arguments:
        raise _BadOutput("empty tool-call arguments")
    try:
        return schema.model_validate_json(arguments)
    except ValidationError as exc:
        details = "; ".join(
            f"{'.'.join(str(p) for p in err['loc']) or '(root)'}: {err['msg']}" for err in exc.errors()[:5]
        )
        raise _BadOutput(details) from None


# -- errors ----------------------------------------------------------------------------


def _chain(exc: BaseException) -> list[BaseException]:
    seen: list[BaseException] = []
    current: BaseException | None = exc
    while current is not None and current not in seen and len(seen) < 12:
        seen.append(current)
        current = current.__cause__ or current.__context__
    return seen


def _is_connection_failure(exc: BaseException) -> bool:
    if isinstance(exc, openai.APIConnectionError) and not isinstance(exc, openai.APITimeoutError):
        # litellm wraps whatever a custom provider raises in its APIConnectionError: look further.
        return type(exc) is openai.APIConnectionError
    return isinstance(exc, httpx.ConnectError | httpx.RemoteProtocolError | httpx.NetworkError | ConnectionError)


# Failures before a byte of the request left: no connection (refused, reset on connect, no
# route), no address (DNS).
_NEVER_SENT = (httpx.ConnectError, httpx.ConnectTimeout, ConnectionRefusedError, socket.gaierror)


def _to_llm_error(exc: BaseException, secrets: list[str], timeout_s: float) -> LLMError:
    status = getattr(exc, "status_code", None)
    status = status if isinstance(status, int) else None
    message = _scrub(_first_part(str(exc)) or type(exc).__name__, secrets)
    chain = _chain(exc)
    if isinstance(exc, litellm.Timeout | TimeoutError | httpx.TimeoutException) or any(
        isinstance(e, openai.APITimeoutError | httpx.TimeoutException) for e in chain
    ):
        if isinstance(exc, TimeoutError) and not str(exc):
            message = f"No answer within {timeout_s:g} s."
        return LLMError("timeout", message, status)
    if isinstance(exc, litellm.AuthenticationError | litellm.PermissionDeniedError) or status in (401, 403):
        return LLMError("auth", message, status)
    if isinstance(exc, litellm.RateLimitError) or status == 429:
        return LLMError("rate_limit", message, status)
    if isinstance(exc, litellm.BadRequestError | litellm.NotFoundError | litellm.UnprocessableEntityError):
        return LLMError("bad_request", message, status)
    if any(_is_connection_failure(e) for e in chain[1:]) or (
        isinstance(exc, litellm.APIConnectionError) and any(isinstance(e, OSError) for e in chain[1:])
    ):
        unsent = any(isinstance(e, _NEVER_SENT) for e in chain)
        return LLMError("connection", message, None, unsent=unsent)
    if status is not None and 400 <= status < 500:
        return LLMError("bad_request", message, status)
    return LLMError("provider", message, status)


def _first_part(text: str) -> str:
    """The provider's message without the traceback or bug-report blurb litellm appends."""
    for marker in (
        "\nTraceback (most recent call last)",
        "\n\nThis looks like a bug in LiteLLM",
        "\nReceived Model Group",
    ):
        text = text.split(marker, 1)[0]
    text = text.strip()
    return text if len(text) <= 2000 else text[:1999] + "…"


_BEARER_RE = re.compile(r"(?i)(bearer\s+)[^\s\"',;]+")
_KEYLIKE_RE = re.compile(r"\b(sk|pk|rk|xai|gsk|key)-[A-Za-z0-9_\-]{8,}")


def _scrub(text: str, secrets: list[str]) -> str:
    """Removes credentials: the exact secrets, any word sharing 8 characters in a row with one
    (providers echo keys partly masked), bearer tokens and key-shaped strings."""
    for secret in sorted(secrets, key=len, reverse=True):
        text = text.replace(secret, "[redacted]")
    windows = {s[i : i + 8] for s in secrets if len(s) >= 8 for i in range(len(s) - 7)}
    if windows:
        text = " ".join("[redacted]" if any(w in word for w in windows) else word for word in re.split(r" ", text))
    text = _BEARER_RE.sub(r"\1[redacted]", text)
    return _KEYLIKE_RE.sub(lambda m: f"{m.group(1)}-[redacted]", text)


# -- images ----------------------------------------------------------------------------


def _image_url(image: bytes | str) -> str:
    if isinstance(image, str):
        return image
    mime = "image/jpeg" if image[:3] == b"\xff\xd8\xff" else "image/webp" if image[8:12] == b"WEBP" else "image/png"
    return f"data:{mime};base64,{base64.b64encode(image).decode()}"


def _attach_images(messages: list[dict[str, Any]], images: Sequence[bytes | str]) -> list[dict[str, Any]]:
    out = [dict(m) for m in messages]
    parts = [{"type": "image_url", "image_url": {"url": _image_url(img)}} for img in images]
    for message in reversed(out):
        if message.get("role") == "user":
            content = message.get("content")
            text_parts = content if isinstance(content, list) else [{"type": "text", "text": str(content or "")}]
            message["content"] = [*text_parts, *parts]
            return out
    out.append({"role": "user", "content": parts})
    return out
