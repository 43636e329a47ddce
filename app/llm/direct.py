"""OpenAI-protocol chat completions sent by Mimic itself, beside litellm.

litellm stays the gateway to every provider; for the one protocol most of them speak, a call
through it costs about five times the request itself (its logging and redaction, the OpenAI
SDK's client and request building, its parameter mapping: issue 20's profile). A call here is
one POST of the body litellm would have sent, through app/http1.py (a lean HTTP/1.1 client
under the same outbound policy as every client litellm is handed: checked addresses, replies
capped, no redirect followed), read as litellm's answer is read (`Completion`: the attributes
of its `ModelResponse` over the answer's JSON, its provider noted for the price). Everything
around the call (timeouts, retries, the mapping of failures to kinds, usage and cost) stays in
app/llm/client.py and is the same for both paths.

It is taken only where the two surely send the same request (`eligible`): an `openai/` model
(OpenAI, or any OpenAI-compatible base URL) that litellm's map does not flag as a reasoning
model (those get parameters renamed or dropped), with no provider extras and no API version,
and no litellm callback registered (it would not see the call). Everything else, and every
call when MIMIC_LLM_DIRECT is false, goes through litellm. tests/llm/test_client_openai.py runs
each case on both paths, and tests/llm/test_direct.py holds them to the same request and the
same stored result.
"""

from __future__ import annotations

import functools
import os
from typing import Any

import httpx
import litellm
from litellm import ModelResponse

from app import http1
from app.settings import settings

PREFIX = "openai/"
DEFAULT_BASE = "https://api.openai.com/v1"
# What litellm sends of a call's keyword arguments: the rest (metadata, drop_params,
# max_retries, its own switches) stays on Mimic's side of the wire.
_SENT = ("temperature", "max_tokens", "seed", "tools", "tool_choice")
_HANDLED = frozenset({*_SENT, "model", "messages", "timeout", "metadata", "drop_params", "max_retries",
                      "_skip_mcp_handler", "api_key", "api_base"})  # fmt: skip


class ProviderHTTPError(Exception):
    """The provider answered with an error status (or a body that is not a completion)."""

    def __init__(self, status_code: int | None, message: str) -> None:
        super().__init__(message)
        self.status_code = status_code


class ProviderConnectionError(Exception):
    """No answer: the connection failed (its cause is httpx's error, which says whether the
    request left)."""


class ProviderTimeout(TimeoutError):
    """The provider said the request timed out (HTTP 408), as litellm reports it."""


@functools.lru_cache(maxsize=512)
def _reasoning(model: str) -> bool:
    try:
        return bool(litellm.supports_reasoning(model=model, custom_llm_provider="openai"))
    except Exception:  # a model litellm does not know is an ordinary chat model to it
        return False


def _callbacks_registered() -> bool:
    """Whether litellm would do more around a call than send it: a cache, a logger, a hook.
    The "cache" entry alone is not one while no cache is set: litellm adds it whenever a Cache
    object is made (its Gemini path makes one at import) and it then does nothing."""
    if litellm.cache is not None:
        return True
    lists = ("callbacks", "success_callback", "failure_callback", "_async_success_callback",
             "_async_failure_callback", "input_callback")  # fmt: skip
    return any(callback != "cache" for name in lists for callback in getattr(litellm, name, None) or ())


def eligible(kwargs: dict[str, Any]) -> bool:
    """Whether this call (litellm's keyword arguments) goes out here rather than through litellm."""
    model = str(kwargs.get("model") or "")
    return (
        settings.llm_direct
        and model.startswith(PREFIX)
        and set(kwargs) <= _HANDLED
        and bool(kwargs.get("api_key") or os.environ.get("OPENAI_API_KEY"))
        and not _reasoning(model.removeprefix(PREFIX))
        and not _callbacks_registered()
    )


def _base_url(kwargs: dict[str, Any]) -> str:
    # litellm's order: the call's base, its module setting, then the environment.
    base = (kwargs.get("api_base") or litellm.api_base or os.environ.get("OPENAI_BASE_URL")
            or os.environ.get("OPENAI_API_BASE") or DEFAULT_BASE)  # fmt: skip
    return str(base).rstrip("/")


def _headers(key: str) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {key}"}
    # What the OpenAI SDK under litellm adds from the environment when they are set.
    for variable, header in (("OPENAI_ORG_ID", "OpenAI-Organization"), ("OPENAI_PROJECT_ID", "OpenAI-Project")):
        if os.environ.get(variable):
            headers[header] = os.environ[variable]
    return headers


def request_body(kwargs: dict[str, Any]) -> dict[str, Any]:
    body: dict[str, Any] = {"model": str(kwargs["model"]).removeprefix(PREFIX), "messages": kwargs["messages"]}
    body.update((name, kwargs[name]) for name in _SENT if kwargs.get(name) is not None)
    return body


def _error_message(response: http1.Answer) -> str:
    try:
        error = response.json().get("error")
    except (ValueError, AttributeError):
        error = None
    if isinstance(error, dict) and error.get("message"):
        detail = str(error["message"])
    elif isinstance(error, str):
        detail = error
    else:
        detail = response.text[:2000] or f"HTTP {response.status_code}"
    return f"OpenAIException - {detail}"


async def acompletion(kwargs: dict[str, Any]) -> Completion:
    """One chat completion, read as what `litellm.acompletion(**kwargs)` would return."""
    key = kwargs.get("api_key") or os.environ.get("OPENAI_API_KEY")
    timeout = float(kwargs.get("timeout") or 600)
    base = _base_url(kwargs)
    try:
        response = await http1.client().post_json(
            f"{base}/chat/completions", request_body(kwargs), _headers(str(key)), timeout=timeout
        )
    except httpx.TimeoutException:
        raise
    except httpx.TransportError as exc:
        raise ProviderConnectionError(f"Connection error: {type(exc).__name__}") from exc
    if response.status_code == 408:
        raise ProviderTimeout(_error_message(response))
    if response.status_code >= 400:
        raise ProviderHTTPError(response.status_code, _error_message(response))
    try:
        data = response.json()
    except ValueError:  # not JSON (a JSONDecodeError is a ValueError)
        data = None
    if not _completion_shaped(data):
        raise ProviderHTTPError(None, f"OpenAIException - the answer is not a chat completion: {response.text[:200]}")
    return Completion(data, {"custom_llm_provider": "openai", "api_base": base})


def _completion_shaped(data: Any) -> bool:
    """What litellm's ModelResponse needs of an answer to be read: choices (a list of objects,
    their messages objects), and a usage object if any."""
    if not isinstance(data, dict) or not isinstance(data.get("choices"), list):
        return False
    for choice in data["choices"]:
        if not isinstance(choice, dict) or not isinstance(choice.get("message", {}), dict | None):
            return False
        tool_calls = (choice.get("message") or {}).get("tool_calls")
        if tool_calls is not None and not (
            isinstance(tool_calls, list)
            and all(isinstance(c, dict) and isinstance(c.get("function"), dict) for c in tool_calls)
        ):
            return False
    return isinstance(data.get("usage", {}), dict | None)


class _View:
    """A JSON object read by attribute, as litellm's types are: a missing key reads None."""

    __slots__ = ("_data",)

    def __init__(self, data: dict[str, Any]) -> None:
        self._data = data

    def __getattr__(self, name: str) -> Any:
        if name.startswith("__"):
            raise AttributeError(name)
        return _viewed(self._data.get(name))


def _viewed(value: Any) -> Any:
    if isinstance(value, dict):
        return _View(value)
    if isinstance(value, list):
        return [_viewed(item) for item in value]
    return value


class Completion(_View):
    """A chat completion as client.py reads it (`choices[0].message` with its content and tool
    calls, `usage`, `model`), over the answer's JSON: what building litellm's `ModelResponse`
    gives those reads, without building it (a tenth of the CPU of a turn); `model_response()`
    builds it for litellm's own cost rules (app/llm/prices.py)."""

    __slots__ = ("_hidden_params",)

    def __init__(self, data: dict[str, Any], hidden_params: dict[str, Any]) -> None:
        super().__init__(data)
        self._hidden_params = hidden_params

    def model_response(self) -> ModelResponse:
        built = ModelResponse(**self._data)
        built._hidden_params = dict(self._hidden_params)
        return built
