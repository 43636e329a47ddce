"""The litellm custom provider `mimic/offline`: dispatches each call to the role it plays."""

from __future__ import annotations

import json
import math
import random
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass
from typing import Any

from litellm import CustomLLM
from litellm.types.utils import (
    ChatCompletionMessageToolCall,
    Choices,
    Function,
    GenericStreamingChunk,
    Message,
    ModelResponse,
    Usage,
)

from app.llm.offline.agent import hosted_agent_reply
from app.llm.offline.browser import browser_action
from app.llm.offline.browser_judge import browser_audit, browser_verdict
from app.llm.offline.judge import judge_audit, judge_verdict
from app.llm.offline.persona import persona_turn
from app.llm.offline.text import (
    AUDIT_TOOL,
    BROWSER_AUDIT_TOOL,
    BROWSER_VERDICT_TOOL,
    JUDGE_TOOL,
    PERSONA_TOOL,
    PONG,
    ROLE_METADATA_KEY,
    context_of,
    stable_digest,
    text_of,
)


def example_from_schema(schema: dict[str, Any], defs: dict[str, Any] | None = None) -> Any:
    defs = defs if defs is not None else schema.get("$defs", {})
    if "$ref" in schema:
        return example_from_schema(defs.get(schema["$ref"].split("/")[-1], {}), defs)
    if "default" in schema:
        return schema["default"]
    if "const" in schema:
        return schema["const"]
    if "enum" in schema:
        return schema["enum"][0]
    for key in ("anyOf", "oneOf", "allOf"):
        if key in schema:
            options = [s for s in schema[key] if s.get("type") != "null"] or schema[key]
            return example_from_schema(options[0], defs)
    kind = schema.get("type")
    if isinstance(kind, list):
        kind = next((k for k in kind if k != "null"), "null")
    if kind == "object" or "properties" in schema:
        return {name: example_from_schema(prop, defs) for name, prop in (schema.get("properties") or {}).items()}
    if kind == "array":
        return []
    if kind == "integer":
        return int(schema.get("minimum", 0))
    if kind == "number":
        return float(schema.get("minimum", 0))
    if kind == "boolean":
        return False
    if kind == "null":
        return None
    return "offline"


# ======================================================================================
# The litellm provider
# ======================================================================================


@dataclass
class _Answer:
    content: str | None
    tool_name: str | None = None
    arguments: dict[str, Any] | None = None


def _forced_tool(optional_params: dict[str, Any]) -> tuple[str, dict[str, Any]] | None:
    tools = optional_params.get("tools") or []
    choice = optional_params.get("tool_choice")
    wanted = None
    if isinstance(choice, dict):
        wanted = (choice.get("function") or {}).get("name")
    elif choice in (None, "required", "auto") and len(tools) == 1:
        wanted = (tools[0].get("function") or {}).get("name")
    if not wanted:
        return None
    for tool in tools:
        function = tool.get("function") or {}
        if function.get("name") == wanted:
            return str(wanted), dict(function.get("parameters") or {})
    return str(wanted), {}


def _role_of(litellm_params: dict[str, Any], forced: tuple[str, dict[str, Any]] | None) -> str:
    for key in ("metadata", "litellm_metadata"):
        metadata = litellm_params.get(key) or {}
        if isinstance(metadata, dict) and metadata.get(ROLE_METADATA_KEY):
            return str(metadata[ROLE_METADATA_KEY])
    if forced:
        if forced[0] == PERSONA_TOOL:
            return "persona"
        if forced[0] in (JUDGE_TOOL, AUDIT_TOOL, BROWSER_VERDICT_TOOL, BROWSER_AUDIT_TOOL):
            return "judge"
    return "test"


def _schema_fits(parameters: dict[str, Any], required: set[str]) -> bool:
    return not parameters or required <= set((parameters.get("properties") or {}).keys())


def answer(messages: list[dict[str, Any]], optional_params: dict[str, Any], litellm_params: dict[str, Any]) -> _Answer:
    forced = _forced_tool(optional_params)
    role = _role_of(litellm_params, forced)
    context = context_of(litellm_params)
    seed = optional_params.get("seed")
    digest = stable_digest([(m.get("role"), text_of(m.get("content"))) for m in messages])
    rng = random.Random(f"{seed if seed is not None else 0}:{digest}")
    if forced:
        name, parameters = forced
        if role == "persona" and name == "browser_action":  # a browser session's step (browser.py)
            return _Answer(None, name, browser_action(context, rng))
        if role == "judge" and name in (BROWSER_VERDICT_TOOL, BROWSER_AUDIT_TOOL):  # a browser session's judge
            return _Answer(None, name, browser_verdict(context) if name == BROWSER_VERDICT_TOOL else browser_audit())
        if role == "persona" and (name == PERSONA_TOOL or _schema_fits(parameters, {"message", "action"})):
            return _Answer(None, name, persona_turn(messages, context, rng))
        if role == "judge" and name == AUDIT_TOOL:
            return _Answer(None, name, judge_audit(context))
        if role == "judge" and (name == JUDGE_TOOL or _schema_fits(parameters, {"criteria"})):
            return _Answer(None, name, judge_verdict(context))
        return _Answer(None, name, example_from_schema(parameters) if parameters else {})
    if role == "persona":
        return _Answer(persona_turn(messages, context, rng)["message"])
    if role == "judge":
        return _Answer(judge_verdict(context)["summary"])
    if role == "agent":
        return _Answer(hosted_agent_reply(messages, rng))
    return _Answer(PONG)


def _estimate_tokens(text: str) -> int:
    return max(1, math.ceil(len(text) / 4)) if text else 0


def _model_response(model: str, messages: list[dict[str, Any]], result: _Answer) -> ModelResponse:
    digest = stable_digest(
        [(m.get("role"), text_of(m.get("content"))) for m in messages], result.content, result.arguments
    )
    if result.tool_name is not None:
        arguments = json.dumps(result.arguments, ensure_ascii=False)
        message = Message(
            role="assistant",
            content=None,
            tool_calls=[
                ChatCompletionMessageToolCall(
                    id=f"call_{digest[:24]}",
                    type="function",
                    function=Function(name=result.tool_name, arguments=arguments),
                )
            ],
        )
        finish_reason, output = "tool_calls", arguments
    else:
        message = Message(role="assistant", content=result.content or "")
        finish_reason, output = "stop", result.content or ""
    prompt_tokens = sum(_estimate_tokens(text_of(m.get("content"))) + 4 for m in messages)
    completion_tokens = _estimate_tokens(output)
    return ModelResponse(
        id=f"chatcmpl-offline-{digest[:24]}",
        created=int(time.time()),
        model=model,
        object="chat.completion",
        choices=[Choices(index=0, finish_reason=finish_reason, message=message)],
        usage=Usage(
            prompt_tokens=prompt_tokens,
            completion_tokens=completion_tokens,
            total_tokens=prompt_tokens + completion_tokens,
        ),
    )


class OfflineLLM(CustomLLM):
    """The `mimic` litellm provider: `mimic/offline` answers without any network."""

    def completion(
        self,
        model: str,
        messages: list,
        *args: Any,
        optional_params: dict | None = None,
        litellm_params: dict | None = None,
        **kwargs: Any,
    ) -> ModelResponse:
        result = answer(messages, dict(optional_params or {}), dict(litellm_params or {}))
        return _model_response(f"mimic/{model}", messages, result)

    async def acompletion(
        self,
        model: str,
        messages: list,
        *args: Any,
        optional_params: dict | None = None,
        litellm_params: dict | None = None,
        **kwargs: Any,
    ) -> ModelResponse:
        return self.completion(model, messages, optional_params=optional_params, litellm_params=litellm_params)

    def streaming(
        self,
        model: str,
        messages: list,
        *args: Any,
        optional_params: dict | None = None,
        litellm_params: dict | None = None,
        **kwargs: Any,
    ) -> Iterator[GenericStreamingChunk]:
        result = answer(messages, dict(optional_params or {}), dict(litellm_params or {}))
        text = result.content if result.tool_name is None else json.dumps(result.arguments, ensure_ascii=False)
        prompt_tokens = sum(_estimate_tokens(text_of(m.get("content"))) + 4 for m in messages)
        completion_tokens = _estimate_tokens(text or "")
        yield GenericStreamingChunk(
            text=text or "",
            tool_use=None,
            is_finished=True,
            finish_reason="stop",
            usage={
                "prompt_tokens": prompt_tokens,
                "completion_tokens": completion_tokens,
                "total_tokens": prompt_tokens + completion_tokens,
            },
            index=0,
        )

    async def astreaming(
        self,
        model: str,
        messages: list,
        *args: Any,
        optional_params: dict | None = None,
        litellm_params: dict | None = None,
        **kwargs: Any,
    ) -> AsyncIterator[GenericStreamingChunk]:
        for chunk in self.streaming(model, messages, optional_params=optional_params, litellm_params=litellm_params):
            yield chunk
