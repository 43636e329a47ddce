"""API schemas of LLM providers, the model catalog and the workspace's model defaults.
Stored in workspace.settings (JSON): providers (secrets encrypted), customModels, defaultModels."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, HttpUrl

from app.models.base import CamelModel, Name

ModelRole = Literal["simulator", "judge", "agent"]


class CredentialFieldPublic(CamelModel):
    name: str
    label: str
    secret: bool
    required: bool
    placeholder: str


class ProviderPublic(CamelModel):
    id: str
    name: str
    configured: bool
    models_count: int
    fields: list[CredentialFieldPublic]
    # What is stored, secrets masked.
    settings: dict[str, str] = Field(default_factory=dict)


class DefaultModels(CamelModel):
    simulator: str | None = Field(default=None, max_length=200)
    judge: str | None = Field(default=None, max_length=200)
    agent: str | None = Field(default=None, max_length=200)


class ProvidersPublic(CamelModel):
    providers: list[ProviderPublic]
    default_models: DefaultModels
    default_model: str = Field(description="The model used when nothing more specific is chosen")


class ProviderSettings(CamelModel):
    """Credentials of one provider; a secret sent back masked keeps the stored value."""

    api_key: str | None = Field(default=None, max_length=2000)
    base_url: HttpUrl | None = None
    api_version: str | None = Field(default=None, max_length=50)


class ModelPublic(CamelModel):
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


class ModelsPublic(CamelModel):
    models: list[ModelPublic]


class CustomModelCreate(CamelModel):
    """A model behind any OpenAI-compatible base URL (vLLM, LM Studio, a gateway…)."""

    name: Name
    base_url: HttpUrl
    model: str = Field(min_length=1, max_length=200, description="The model name the server expects")
    api_key: str | None = Field(default=None, max_length=2000)
    input_cost_per_token: float | None = Field(default=None, ge=0)
    output_cost_per_token: float | None = Field(default=None, ge=0)
    context_window: int | None = Field(default=None, ge=1)
    supports_vision: bool = False


class ProviderTestRequest(CamelModel):
    model: str | None = Field(default=None, max_length=200, description="Default: the provider's first model")


class ProviderTestResult(CamelModel):
    ok: bool
    model: str
    latency_ms: int | None = None
    reply: str | None = None
    error: str | None = None
    error_kind: str | None = None
