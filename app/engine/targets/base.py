"""The one interface every target adapter implements, and what they share: timeouts,
retries with backoff for transient errors (tenacity), reply paths and body templates."""

from __future__ import annotations

import asyncio
import json
import re
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

from tenacity import AsyncRetrying, retry_if_exception, stop_after_attempt, wait_exponential

from app.outbound import OutboundError, UnresolvedHost

MAX_ATTEMPTS = 3
# Statuses that say the agent did not act on the request (too early, too many, unavailable):
# safe to send again. Not 502/504: a gateway may have passed it on before failing.
TRANSIENT_STATUSES = frozenset({408, 425, 429, 503})


@dataclass(frozen=True)
class TargetSpec:
    """How to reach one agent: its type and its config with secrets in plain text."""

    agent_id: str
    type: str
    config: dict[str, Any]
    # Provider credentials for hosted agents (resolved by the services), never logged.
    credentials: Any = field(default=None, repr=False)


@dataclass(frozen=True)
class Turn:
    session_id: str
    message: str
    # Earlier turns from the agent's point of view: [{"role": "user"|"assistant", "content": str}]
    history: list[dict[str, str]] = field(default_factory=list)


@dataclass(frozen=True)
class TargetReply:
    content: str
    latency_ms: int
    model: str | None = None
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    raw: Any = None


class TargetError(Exception):
    """The target failed: an infrastructure error, never counted against the agent's answers.

    kind: timeout | connection | http_status | bad_response | auth | config | refused (the
    outbound policy does not let Mimic reach that address) | too_large (the reply passed
    MIMIC_MAX_REPLY_BYTES; reading stopped there and nothing of it is kept)
    """

    def __init__(self, kind: str, message: str, *, status_code: int | None = None, retryable: bool = False) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message
        self.status_code = status_code
        self.retryable = retryable

    def as_dict(self) -> dict[str, Any]:
        return {"kind": self.kind, "message": self.message, "statusCode": self.status_code}


def outbound_error(exc: OutboundError) -> TargetError:
    """A destination the outbound policy refuses and a reply over the cap are final; a host
    that does not resolve may resolve on the next try."""
    return TargetError(exc.kind, exc.message, retryable=isinstance(exc, UnresolvedHost))


class Target(Protocol):
    async def send(self, turn: Turn) -> TargetReply: ...

    async def close(self) -> None: ...


async def with_retries(attempt, timeout_s: float) -> tuple[Any, int]:
    """Run `attempt()` under a per-call timeout, retrying transient failures with
    exponential backoff. Returns (result, latency in ms of the successful attempt)."""
    retrying = AsyncRetrying(
        stop=stop_after_attempt(MAX_ATTEMPTS),
        wait=wait_exponential(multiplier=0.25, max=2),
        retry=retry_if_exception(lambda exc: isinstance(exc, TargetError) and exc.retryable),
        reraise=True,
    )
    async for attempt_state in retrying:
        with attempt_state:
            started = time.perf_counter()
            try:
                async with asyncio.timeout(timeout_s):
                    result = await attempt()
            except TimeoutError as exc:
                # The agent may have the message: never sent twice.
                raise TargetError("timeout", f"no answer within {timeout_s:g} s") from exc
            return result, int((time.perf_counter() - started) * 1000)
    raise AssertionError("unreachable")  # pragma: no cover


_PATH_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def extract_reply(data: Any, path: str) -> str:
    """The text at `path` ("reply", "data.messages[0].text", "choices[0].message.content")."""
    value = data
    for name, index in _PATH_TOKEN.findall(path):
        try:
            value = value[int(index)] if index else value[name]
        except (KeyError, IndexError, TypeError):
            raise TargetError("bad_response", f"the reply has nothing at '{path}'") from None
    if value is None:
        raise TargetError("bad_response", f"the reply is null at '{path}'")
    return value if isinstance(value, str) else json.dumps(value)


def render_template(template: str, values: dict[str, Any]) -> str:
    """Fill {{name}} placeholders with JSON values; a quoted "{{name}}" becomes a JSON string
    (or the JSON value of a list), so the result is valid JSON either way."""
    rendered = template
    for name, value in values.items():
        encoded = json.dumps(value)
        rendered = rendered.replace(f'"{{{{{name}}}}}"', encoded).replace(f"{{{{{name}}}}}", encoded)
    return rendered


def history_for_template(history: list[dict[str, str]]) -> list[dict[str, str]]:
    return [{"role": h["role"], "content": h["content"]} for h in history]
