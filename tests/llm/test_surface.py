"""The public surface of app.llm: names, labels, credentials that never show their key."""

from __future__ import annotations

import os

import app.llm
from app.llm import (
    OFFLINE_MODEL,
    Credentials,
    LLMError,
    LLMRole,
    display_name,
    is_offline,
)
from app.llm.offline.text import CONTEXT_METADATA_KEY, context_of


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


def test_the_offline_context_travels_in_metadata_only() -> None:
    """No block in text to write or parse any more: the facts are litellm metadata."""
    assert not hasattr(app.llm, "mimic_context_block")
    data = {"objective": {"successCriteria": ["The agent says hello"]}}
    assert context_of({"metadata": {CONTEXT_METADATA_KEY: data, "mimic_role": "judge"}}) == data
    assert context_of({"metadata": {"mimic_role": "judge"}}) == {}
    assert context_of({"metadata": {CONTEXT_METADATA_KEY: "```mimic-context\n{}\n```"}}) == {}


def test_cost_map_is_local() -> None:
    assert os.environ["LITELLM_LOCAL_MODEL_COST_MAP"] == "True"
