"""The config of each agent type, validated by the service before anything is stored.

`SECRET_FIELDS` names the fields encrypted at rest and masked in every answer; header
values whose name looks sensitive (authorization, api keys, tokens, cookies) are too.
"""

from __future__ import annotations

import re
from typing import Annotated, Any, ClassVar, Literal
from urllib.parse import urlsplit

from pydantic import AfterValidator, Field, field_validator, model_validator

from app.models.base import CamelModel, EnvRefs, absolute_url, url_pattern
from app.models.library import AgentType
from app.models.voice import VoiceAgentConfig

SENSITIVE_HEADER = re.compile(r"(authorization|api[-_]?key|token|secret|cookie|password|auth)", re.IGNORECASE)


def _origin(value: str) -> str:
    parts = urlsplit(absolute_url(value))
    return f"{parts.scheme}://{parts.netloc}"


Origin = Annotated[str, AfterValidator(_origin), Field(json_schema_extra=url_pattern())]


class AgentConfigBase(CamelModel):
    SECRET_FIELDS: ClassVar[tuple[str, ...]] = ()
    timeout_seconds: float = Field(default=30, gt=0, le=600, description="Per-call timeout")
    env_refs: EnvRefs = Field(default_factory=dict)


class HttpAgentConfig(AgentConfigBase):
    """A JSON webhook: Mimic POSTs the persona's message and reads the reply at `replyPath`."""

    url: str = Field(json_schema_extra=url_pattern())
    method: Literal["POST", "PUT", "PATCH", "GET"] = "POST"
    headers: dict[str, str] = Field(default_factory=dict)
    body_template: str = Field(
        default='{"message": "{{message}}", "sessionId": "{{sessionId}}"}',
        max_length=20_000,
        description='JSON with {{message}}, {{sessionId}} and {{history}} placeholders, quoted or not: "{{message}}" '
        "becomes the message as a JSON string, {{history}} the list of earlier turns",
    )
    reply_path: str = Field(default="reply", min_length=1, max_length=500, description="e.g. data.messages[0].text")

    _check_url = field_validator("url")(classmethod(lambda cls, v: absolute_url(v)))


class OpenAIAgentConfig(AgentConfigBase):
    """Any OpenAI-compatible chat completions endpoint."""

    SECRET_FIELDS: ClassVar[tuple[str, ...]] = ("apiKey",)
    base_url: str = Field(json_schema_extra=url_pattern())
    model: str = Field(min_length=1, max_length=200)
    api_key: str = Field(default="", max_length=2000)
    system_prompt: str = Field(default="", max_length=50_000)
    temperature: float | None = Field(default=None, ge=0, le=2, strict=True)

    _check_url = field_validator("base_url")(classmethod(lambda cls, v: absolute_url(v)))


class WebSocketAgentConfig(AgentConfigBase):
    url: str = Field(json_schema_extra=url_pattern(("ws", "wss")))
    headers: dict[str, str] = Field(default_factory=dict)
    message_template: str = Field(default='{"message": "{{message}}", "sessionId": "{{sessionId}}"}', max_length=20_000)
    reply_path: str = Field(default="reply", min_length=1, max_length=500)

    _check_url = field_validator("url")(classmethod(lambda cls, v: absolute_url(v, ("ws", "wss"))))


class HostedAgentConfig(AgentConfigBase):
    """An agent Mimic runs itself through litellm."""

    system_prompt: str = Field(min_length=1, max_length=50_000)
    # Empty: the workspace's default model for hosted agents (else the server's default).
    model: str | None = Field(default=None, max_length=200)
    temperature: float = Field(default=0.7, ge=0, le=2, strict=True)
    max_tokens: int = Field(default=512, ge=1, le=32_000)


class Viewport(CamelModel):
    width: int = Field(default=1280, ge=320, le=3840)
    height: int = Field(default=800, ge=320, le=2160)


WcagStandard = Literal["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22a", "wcag22aa"]


class AccessibilityConfig(CamelModel):
    """The axe-core rules run on each page of a browser session."""

    enabled: bool = True
    standard: WcagStandard = Field(
        default="wcag22aa", description="The WCAG version and level held to (each includes the ones below it)"
    )
    best_practice: bool = Field(
        default=True,
        description="Also axe's best-practice rules (landmarks, regions, heading order), reported a step below "
        "their impact",
    )


class BrowserAgentConfig(AgentConfigBase):
    """A website that personas use in headless Chromium."""

    target_url: str = Field(json_schema_extra=url_pattern())
    allowed_origins: list[Origin] = Field(default_factory=list, description="Defaults to the target URL's origin")
    viewport: Viewport = Field(default_factory=Viewport)
    accessibility: AccessibilityConfig = Field(default_factory=AccessibilityConfig)

    _check_url = field_validator("target_url")(classmethod(lambda cls, v: absolute_url(v)))

    @model_validator(mode="after")
    def _default_origin(self) -> BrowserAgentConfig:
        if not self.allowed_origins:
            parts = urlsplit(self.target_url)
            self.allowed_origins = [f"{parts.scheme}://{parts.netloc}"]
        return self


class WhatsAppAgentConfig(AgentConfigBase):
    """A bot speaking the WhatsApp Cloud API webhook format. Mimic posts inbound-message
    webhooks to `webhookUrl`; the bot answers through Mimic's Graph-API-style endpoint
    POST /api/whatsapp/{agentId}/messages with `Authorization: Bearer <accessToken>`."""

    SECRET_FIELDS: ClassVar[tuple[str, ...]] = ("accessToken", "appSecret")
    webhook_url: str = Field(json_schema_extra=url_pattern())
    phone_number: str = Field(
        default="+15550100000", pattern=r"^\+[1-9]\d{6,14}$", description="The bot's number, E.164"
    )
    access_token: str = Field(
        min_length=8, max_length=2000, description="The token the bot presents to the send endpoint"
    )
    app_secret: str = Field(default="", max_length=2000, description="Signs inbound webhooks (X-Hub-Signature-256)")

    _check_url = field_validator("webhook_url")(classmethod(lambda cls, v: absolute_url(v)))


CONFIG_TYPES: dict[AgentType, type[AgentConfigBase]] = {
    AgentType.http: HttpAgentConfig,
    AgentType.openai: OpenAIAgentConfig,
    AgentType.websocket: WebSocketAgentConfig,
    AgentType.hosted: HostedAgentConfig,
    AgentType.browser: BrowserAgentConfig,
    AgentType.whatsapp: WhatsAppAgentConfig,
    AgentType.voice: VoiceAgentConfig,
}


def secret_paths(agent_type: AgentType, config: dict[str, Any]) -> list[tuple[str, ...]]:
    """Where the secrets are in a (camelCase) config: fields, and sensitive header values."""
    paths = [(name,) for name in CONFIG_TYPES[agent_type].SECRET_FIELDS if config.get(name)]
    for name in config.get("headers") or {}:
        if SENSITIVE_HEADER.search(name):
            paths.append(("headers", name))
    return paths


class WhatsAppText(CamelModel):
    body: str = Field(min_length=1, max_length=4096)


class WhatsAppSendRequest(CamelModel):
    """What a bot sends to the Graph API's /{phone-number-id}/messages (text messages)."""

    messaging_product: Literal["whatsapp"] = Field(alias="messaging_product")
    recipient_type: Literal["individual"] = Field(default="individual", alias="recipient_type")
    to: str = Field(min_length=5, max_length=20, pattern=r"^\+?\d+$")
    type: Literal["text"] = "text"
    text: WhatsAppText
