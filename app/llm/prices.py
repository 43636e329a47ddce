"""What a model's answer cost, from its usage and a price looked up once per model.

litellm's `completion_cost` re-resolves the model, its provider and its whole price entry on
every call (0.2 ms of CPU each, a few percent of a turn under load). Most models have one price
per input token and one per output token: those are asked of litellm once per model and
multiplied here. Whatever that simple rule does not cover (tiers, fees per request, cached,
audio or reasoning tokens, a model litellm does not know) goes through `completion_cost` as
before, so the figure is always litellm's (tests/llm/test_prices.py holds the two to the same
result on every model of the bundled map).
"""

from __future__ import annotations

import math
import os
from functools import lru_cache
from typing import Any

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")

import litellm  # noqa: E402
from litellm import ModelResponse  # noqa: E402

# A probe's token count: far past every tier of the bundled map (128k to 1M tokens).
_FAR = 2_000_000


def _probe(model: str, provider: str | None, prompt_tokens: int, completion_tokens: int) -> ModelResponse:
    probe = ModelResponse(model=model, usage={"prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens,
                                              "total_tokens": prompt_tokens + completion_tokens})  # fmt: skip
    probe._hidden_params = {"custom_llm_provider": provider} if provider else {}
    return probe


@lru_cache(maxsize=1024)
def linear_price(model: str, provider: str | None) -> tuple[float, float] | None:
    """(per input token, per output token) when that is the whole price of `model`, else None.

    Asked of litellm itself, once: the cost of one input token, of one output token, and of
    two million of each, alone and together; only when those add up exactly (no tier, no fee
    per request, no size-based rule) is the price linear."""

    def cost(prompt_tokens: int, completion_tokens: int) -> float:
        return float(litellm.completion_cost(completion_response=_probe(model, provider, prompt_tokens,
                                                                        completion_tokens)) or 0.0)  # fmt: skip

    try:
        per_in, per_out = cost(1, 0), cost(0, 1)
        linear = (
            cost(0, 0) == 0.0
            and math.isclose(cost(_FAR, 0), _FAR * per_in, rel_tol=1e-9)
            and math.isclose(cost(0, _FAR), _FAR * per_out, rel_tol=1e-9)
            and math.isclose(cost(_FAR, _FAR), _FAR * (per_in + per_out), rel_tol=1e-9)
        )
    except Exception:  # a model litellm cannot price
        return None
    return (per_in, per_out) if linear and (per_in or per_out) else None


def _count(details: Any, name: str) -> int:
    return int(getattr(details, name, 0) or 0) if details is not None else 0


def completion_cost(response: Any) -> float:
    """The cost of one completion response in US dollars (0.0 for a model without a price)."""
    usage = getattr(response, "usage", None)
    model = getattr(response, "model", None)
    hidden = getattr(response, "_hidden_params", None) or {}
    prompt_details = getattr(usage, "prompt_tokens_details", None)
    completion_details = getattr(usage, "completion_tokens_details", None)
    simple = (
        usage is not None
        and model
        and not _count(prompt_details, "cached_tokens")
        and not _count(prompt_details, "audio_tokens")
        and not _count(completion_details, "audio_tokens")
        and not _count(completion_details, "reasoning_tokens")
    )
    price = linear_price(str(model), hidden.get("custom_llm_provider")) if simple else None
    if price is not None:
        prompt_tokens = int(getattr(usage, "prompt_tokens", 0) or 0)
        completion_tokens = int(getattr(usage, "completion_tokens", 0) or 0)
        return prompt_tokens * price[0] + completion_tokens * price[1]
    # litellm's rules need its own response (app/llm/direct.py's Completion builds one).
    built = getattr(type(response), "model_response", None)
    try:
        return float(litellm.completion_cost(completion_response=built(response) if built else response) or 0.0)
    except Exception:  # an unknown model has no price; that is not an error
        return 0.0
