"""The OpenAI SDK's chat request body is the same with and without its type walk: the fast
path (app/llm/sdk_requests.py) sends what the walk would have sent, and leaves the walk to the
bodies it cannot prove plain."""

from __future__ import annotations

import asyncio

from openai import NOT_GIVEN
from openai.resources.chat.completions import completions as chat_completions
from openai.types.beta import response_create_params
from pydantic import BaseModel

from app.llm import client, sdk_requests
from app.llm.sdk_requests import CHAT_PARAMS, plain_json, transforms_nothing

PNG = "data:image/png;base64,iVBORw0KGgo="


def _bodies() -> list[dict]:
    tool = {"type": "function", "function": {"name": "persona_turn", "description": "Your next message.",
            "parameters": {"type": "object", "properties": {"message": {"type": "string"},
                           "action": {"enum": ["continue", "goal_met"]}}, "required": ["message"],
                           "$defs": {"x": {"anyOf": [{"type": "integer"}, {"type": "null"}]}}}}}  # fmt: skip
    return [
        {
            "model": "gpt-4o-mini",
            "messages": [
                {"role": "system", "content": "You are Sam."},
                {"role": "user", "content": "Hi"},
                {
                    "role": "assistant",
                    "content": None,
                    "tool_calls": [
                        {"id": "c1", "type": "function", "function": {"name": "persona_turn", "arguments": "{}"}}
                    ],
                },
                {"role": "tool", "tool_call_id": "c1", "content": "ok"},
            ],
            "tools": [tool],
            "tool_choice": {"type": "function", "function": {"name": "persona_turn"}},
            "temperature": 0.2,
            "max_tokens": 300,
            "seed": 7,
            "stream": False,
            "metadata": {"k": "v"},
        },  # fmt: skip
        {
            "model": "gpt-4o",
            "messages": [
                {
                    "role": "user",
                    "content": [
                        {"type": "text", "text": "What is on this page?"},
                        {"type": "image_url", "image_url": {"url": PNG, "detail": "low"}},
                        {"type": "input_audio", "input_audio": {"data": "UklGRg==", "format": "wav"}},
                    ],
                }
            ],
            "response_format": {"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "object"}}},
            "stream": True,
            "stream_options": {"include_usage": True},
            "user": "u-1",
        },  # fmt: skip
        {
            "model": "m",
            "messages": [{"role": "user", "content": "é ✓ \u0000"}],
            "n": 1,
            "stop": ["\n"],
            "temperature": NOT_GIVEN,
            "top_p": NOT_GIVEN,
            "logit_bias": {"50256": -100},
        },
    ]


def test_the_chat_parameters_need_no_walk_and_a_type_that_renames_is_detected() -> None:
    assert all(transforms_nothing(params) for params in CHAT_PARAMS)
    # The Responses API's parameters rename a key (betas -> openai-beta): the check sees it.
    assert not transforms_nothing(response_create_params.ResponseCreateParams)
    assert chat_completions.async_maybe_transform is sdk_requests._chat_body  # installed by app.llm.client
    assert client.sdk_requests is sdk_requests


def test_the_fast_path_sends_what_the_sdk_walk_sends() -> None:
    for body in _bodies():
        for params in CHAT_PARAMS:
            walked = asyncio.run(sdk_requests._sdk_transform(dict(body), params))
            fast = asyncio.run(chat_completions.async_maybe_transform(dict(body), params))
            assert fast == walked, (params, body)
            assert "temperature" not in fast or body.get("temperature") is not NOT_GIVEN


class Attachment(BaseModel):
    type: str = "text"
    text: str


def test_bodies_that_are_not_plain_json_go_through_the_sdk_walk() -> None:
    odd = {"model": "m", "messages": [{"role": "user", "content": [Attachment(type="text", text="hi")]}],
           "stop": ("a", "b")}  # fmt: skip
    assert not plain_json(odd)
    walked = asyncio.run(sdk_requests._sdk_transform(dict(odd), CHAT_PARAMS[2]))
    assert asyncio.run(chat_completions.async_maybe_transform(dict(odd), CHAT_PARAMS[2])) == walked
    assert walked["messages"][0]["content"] == [{"type": "text", "text": "hi"}]  # the walk dumped the model
    # Other request types keep the walk: the fast path answers only for the chat parameters.
    other = {"betas": ["responses_multi_agent=v1"], "model": "m"}
    renamed = asyncio.run(chat_completions.async_maybe_transform(other, response_create_params.ResponseCreateParams))
    assert renamed == {"openai-beta": ["responses_multi_agent=v1"], "model": "m"}


def test_a_tool_schema_is_made_once_per_class_and_copied_per_call() -> None:
    class Answer(BaseModel):
        message: str
        score: int | None = None

    first = client.tool_parameters(Answer)
    assert first == Answer.model_json_schema()
    first["properties"].clear()  # a provider transform editing its copy
    assert client.tool_parameters(Answer) == Answer.model_json_schema()
    assert client._json_schema.cache_info().hits >= 1
