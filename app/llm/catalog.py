"""The providers Mimic offers and their chat models, from litellm's bundled model map
(read locally: LITELLM_LOCAL_MODEL_COST_MAP is set before litellm is imported)."""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import lru_cache
from typing import Any

import litellm

from app.llm.client import OFFLINE_MODEL


@dataclass(frozen=True)
class CredentialField:
    name: str  # camelCase, as the API takes it
    label: str
    secret: bool = False
    required: bool = False
    placeholder: str = ""


@dataclass(frozen=True)
class Provider:
    id: str
    name: str
    litellm_providers: tuple[str, ...]
    prefix: str  # what model ids of this provider start with
    fields: tuple[CredentialField, ...] = field(default_factory=tuple)


_KEY = CredentialField("apiKey", "API key", secret=True, required=True)
_BASE = CredentialField("baseUrl", "Base URL (optional)", placeholder="leave empty for the provider's own")

PROVIDERS: tuple[Provider, ...] = (
    Provider("openai", "OpenAI", ("openai",), "openai/", (_KEY, _BASE)),
    Provider("anthropic", "Anthropic", ("anthropic",), "anthropic/", (_KEY,)),
    Provider(
        "azure",
        "Azure OpenAI",
        ("azure",),
        "azure/",
        (
            _KEY,
            CredentialField("baseUrl", "Endpoint", required=True, placeholder="https://<resource>.openai.azure.com"),
            CredentialField("apiVersion", "API version", required=True, placeholder="2024-10-21"),
        ),
    ),
    Provider("google", "Google Gemini", ("gemini",), "gemini/", (_KEY,)),
    Provider("mistral", "Mistral", ("mistral",), "mistral/", (_KEY,)),
    Provider("groq", "Groq", ("groq",), "groq/", (_KEY,)),
    Provider(
        "ollama",
        "Ollama",
        ("ollama",),
        "ollama/",
        (CredentialField("baseUrl", "Base URL", required=True, placeholder="http://localhost:11434"),),
    ),
)
PROVIDERS_BY_ID = {p.id: p for p in PROVIDERS}
CUSTOM_PREFIX = "custom/"


@dataclass(frozen=True)
class ModelInfo:
    id: str
    name: str
    provider: str
    context_window: int | None
    supports_vision: bool
    supports_function_calling: bool
    input_cost_per_token: float | None
    output_cost_per_token: float | None
    offline: bool = False
    custom: bool = False


OFFLINE_INFO = ModelInfo(
    id=OFFLINE_MODEL, name="Mimic offline simulator", provider="mimic", context_window=None, supports_vision=False,
    supports_function_calling=True, input_cost_per_token=0.0, output_cost_per_token=0.0, offline=True,
)  # fmt: skip


def _model_id(key: str, provider: Provider) -> str:
    return key if key.startswith(provider.prefix) else provider.prefix + key


@lru_cache(maxsize=1)
def _bundled() -> dict[str, tuple[ModelInfo, ...]]:
    by_provider: dict[str, list[ModelInfo]] = {p.id: [] for p in PROVIDERS}
    for key, info in litellm.model_cost.items():
        if not isinstance(info, dict) or info.get("mode") != "chat":
            continue
        for provider in PROVIDERS:
            if info.get("litellm_provider") in provider.litellm_providers:
                model_id = _model_id(key, provider)
                by_provider[provider.id].append(
                    ModelInfo(
                        id=model_id,
                        name=model_id.removeprefix(provider.prefix),
                        provider=provider.id,
                        context_window=info.get("max_input_tokens") or info.get("max_tokens"),
                        supports_vision=bool(info.get("supports_vision")),
                        supports_function_calling=bool(info.get("supports_function_calling")),
                        input_cost_per_token=info.get("input_cost_per_token"),
                        output_cost_per_token=info.get("output_cost_per_token"),
                    )
                )
    return {pid: tuple(sorted(models, key=lambda m: m.id)) for pid, models in by_provider.items()}


def bundled_models(provider_id: str) -> tuple[ModelInfo, ...]:
    return _bundled().get(provider_id, ())


def provider_of(model_id: str) -> str | None:
    """Which provider a model id belongs to: by its prefix, else by the bundled map."""
    for provider in PROVIDERS:
        if model_id.startswith(provider.prefix):
            return provider.id
    info: Any = litellm.model_cost.get(model_id)
    if isinstance(info, dict):
        for provider in PROVIDERS:
            if info.get("litellm_provider") in provider.litellm_providers:
                return provider.id
    return None


def supports_vision(model_id: str) -> bool:
    provider = provider_of(model_id)
    if provider is None:
        return False
    return any(m.id == model_id and m.supports_vision for m in bundled_models(provider))
