"""The public surface of app.llm: names, labels, credentials that never show their key."""

from __future__ import annotations

import os

from app.llm import (
    OFFLINE_MODEL,
    Credentials,
    LLMError,
    LLMRole,
    display_name,
    is_offline,
    mimic_context_block,
)
from app.llm.offline import read_context_block


def test_offline_model_is_labelled() -> None:
    assert OFFLINE_MODEL == "mimic/offline"
    assert is_offline("mimic/offline")
    assert not is_offline("openai/gpt-4o-mini")
    assert display_name("mimic/offline") == "mimic/offline (offline simulator)"
    assert display_name("openai/gpt-4o-mini") == "openai/gpt-4o-mini"


def test_roles_are_strings() -> None:
    assert [str(r) for r in LLMRole] == ["persona", "judge", "agent", "test"]


def test_credentials_repr_hides_secrets() -> None:
    credentials = Credentials(api_key="sk-very-secret-123456", api_base="http://x/v1", extra={"aws_secret": "abcdefgh"})
    text = repr(credentials) + str(credentials)
    assert "sk-very-secret" not in text and "abcdefgh" not in text
    assert "http://x/v1" in text and "aws_secret" in text


def test_llm_error_carries_kind_and_status() -> None:
    error = LLMError("rate_limit", "slow down", 429)
    assert (error.kind, error.message, error.status_code) == ("rate_limit", "slow down", 429)
    assert error.retryable and not LLMError("auth", "no").retryable


def test_context_block_round_trips() -> None:
    data = {"criteria": ["The agent says hello"], "transcript": [{"id": "m1", "role": "agent", "content": "héllo"}]}
    text = "Judge this.\n\n" + mimic_context_block(data) + "\n\nThanks."
    assert read_context_block(text) == data
    assert read_context_block("no block here") is None


def test_cost_map_is_local() -> None:
    assert os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] == "True"
