"""A completion's cost from a price looked up once per model is litellm's own figure, for every
model of the bundled cost map; what the simple rule does not cover goes through litellm."""

from __future__ import annotations

import math

import litellm
import pytest
from litellm import ModelResponse

from app.llm import prices


def response(model: str, provider: str | None, prompt: int = 812, completion: int = 64, **usage) -> ModelResponse:
    made = ModelResponse(
        model=model,
        choices=[{"message": {"role": "assistant", "content": "Your parcel arrives on Friday."}}],
        usage={"prompt_tokens": prompt, "completion_tokens": completion, "total_tokens": prompt + completion, **usage},
    )
    made._hidden_params = {"custom_llm_provider": provider} if provider else {}
    return made


def litellms(made: ModelResponse) -> float:
    return float(litellm.completion_cost(completion_response=made) or 0.0)


CHAT_MODELS = sorted(
    (key, info.get("litellm_provider"))
    for key, info in litellm.model_cost.items()
    if isinstance(info, dict) and info.get("mode") == "chat" and info.get("litellm_provider")
)


def test_every_bundled_chat_model_costs_what_litellm_says() -> None:
    fast = 0
    for model, provider in CHAT_MODELS:
        for prompt, completion in ((812, 64), (1, 0), (90_000, 4_000)):
            made = response(model, provider, prompt, completion)
            try:
                expected = litellms(made)
            except Exception:  # litellm cannot price it either: ours must say 0.0, not fail
                expected = 0.0
            assert math.isclose(prices.completion_cost(made), expected, rel_tol=1e-9, abs_tol=1e-15), model
        fast += prices.linear_price(model, provider) is not None
    # Most models take the short way; the count keeps the rule from silently covering none.
    assert len(CHAT_MODELS) > 500 and fast > len(CHAT_MODELS) // 2


def test_tiered_cached_and_unknown_prices_are_left_to_litellm() -> None:
    # A model litellm prices by more than two rates (tiers, a fee per request, its size...).
    tiered = next(
        (model, provider)
        for model, provider in CHAT_MODELS
        if prices.linear_price(model, provider) is None and litellms(response(model, provider)) > 0
    )
    for prompt in (812, 300_000):
        made = response(*tiered, prompt=prompt, completion=1_000)
        assert prices.completion_cost(made) == pytest.approx(litellms(made), rel=1e-9)

    cached = response("gpt-4o-mini", "openai", prompt_tokens_details={"cached_tokens": 800})
    assert prices.completion_cost(cached) == pytest.approx(litellms(cached), rel=1e-9)
    assert prices.completion_cost(cached) < prices.completion_cost(response("gpt-4o-mini", "openai"))

    assert prices.completion_cost(response("my-own-model-nobody-prices", None)) == 0.0


def test_the_price_is_looked_up_once_per_model() -> None:
    prices.linear_price.cache_clear()
    for _ in range(50):
        prices.completion_cost(response("gpt-4o-mini-2024-07-18", "openai"))
    info = prices.linear_price.cache_info()
    assert (info.misses, info.hits) == (1, 49)
