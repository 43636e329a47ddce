"""The OpenAI SDK's chat request, built without its per-call type walk when that walk would
change nothing.

litellm sends OpenAI-protocol calls through the OpenAI SDK, which passes every request body
through `async_maybe_transform`: a recursive walk of the body against the TypedDicts of
`CompletionCreateParams` (each message tried against every member of the message union) that
renames aliased keys and formats dates and files. For the chat parameters there is nothing to
rename or format, yet the walk was 40 % of an LLM call's CPU (issue 20's profile). So:

- at install, the parameter types are walked once; the fast path is installed only when no
  key alias or format appears anywhere in them (a later SDK that adds one keeps its walk);
- per call, a body made only of plain JSON values (dict, list, str, numbers, bool, None) is
  sent as the walk would have sent it: the same dict, without the SDK's "not given" markers.
  Anything else (pydantic models, iterables, files) goes through the SDK's own walk.

tests/llm/test_sdk_requests.py proves the two give the same body.
"""

from __future__ import annotations

import logging
import typing
from typing import Any

import typing_extensions
from openai._models import BaseModel as OpenAIModel
from openai._utils import _transform, is_given
from openai.resources.chat.completions import completions as chat_completions
from openai.types.chat import completion_create_params

logger = logging.getLogger(__name__)

CHAT_PARAMS = (
    completion_create_params.CompletionCreateParamsBase,
    completion_create_params.CompletionCreateParamsStreaming,
    completion_create_params.CompletionCreateParamsNonStreaming,
)
_PLAIN_SCALARS = (str, int, float, bool, type(None))
_sdk_transform = chat_completions.async_maybe_transform


def plain_json(value: Any) -> bool:
    """Only dicts with string keys, lists and JSON scalars, all the way down."""
    kind = type(value)
    if kind in _PLAIN_SCALARS:
        return True
    if kind is dict:
        return all(type(k) is str and plain_json(v) for k, v in value.items())
    if kind is list:
        return all(plain_json(v) for v in value)
    return False


def transforms_nothing(annotation: Any, seen: dict[int, Any] | None = None) -> bool:
    """True when the SDK's walk of `annotation` can only copy: no key alias, no format, no
    pydantic model to dump, anywhere in the type."""
    seen = {} if seen is None else seen  # kept alive while walking, so that no id is reused
    if id(annotation) in seen:
        return True
    seen[id(annotation)] = annotation
    if typing.get_origin(annotation) is typing.Annotated:
        base, *metadata = typing.get_args(annotation)
        for item in metadata:
            if isinstance(item, _transform.PropertyInfo) and (item.alias or item.format):
                return False
        return transforms_nothing(base, seen)
    if isinstance(annotation, type) and issubclass(annotation, OpenAIModel):
        return False
    if typing_extensions.is_typeddict(annotation):  # the SDK's TypedDicts are typing_extensions'
        hints = typing_extensions.get_type_hints(annotation, include_extras=True)
        return all(transforms_nothing(hint, seen) for hint in hints.values())
    return all(transforms_nothing(arg, seen) for arg in typing.get_args(annotation))


async def _chat_body(data: Any, expected_type: Any) -> Any:
    if expected_type in CHAT_PARAMS and type(data) is dict:
        body = {key: value for key, value in data.items() if is_given(value)}
        if plain_json(body):
            return body
    return await _sdk_transform(data, expected_type)


def install() -> bool:
    """Puts the fast path in the SDK's chat module when its types allow it (idempotent)."""
    if chat_completions.async_maybe_transform is _chat_body:
        return True
    if not all(transforms_nothing(params) for params in CHAT_PARAMS):
        logger.info("the OpenAI SDK's chat parameters rename or format fields: its request walk stays")
        return False
    chat_completions.async_maybe_transform = _chat_body
    return True
