"""The agent editor's config form: the inputs of each agent type (a voice agent's cover its
three transports), a stored config as input texts, and the inputs back as a config document,
checked by the type's own model so that every problem shows at once."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

import reflex as rx
from pydantic import ValidationError
from pydantic.alias_generators import to_snake
from pydantic_core import PydanticUndefined

from app.models.agent_config import CONFIG_TYPES
from app.models.library import AgentType
from app.ui.components.library import (
    format_pairs,
    input_field,
    join_lines,
    number_field,
    number_text,
    parse_pairs,
    select_field,
    split_lines,
    textarea_field,
    wide,
)
from app.ui.components.model_picker import picker_props
from app.ui.state.errors import field_errors

Kind = Literal["text", "password", "number", "textarea", "lines", "headers", "select", "model"]


@dataclass(frozen=True)
class ConfigField:
    """One input of an agent type's config. `key` is the camelCase path inside config."""

    key: str
    label: str
    kind: Kind = "text"
    placeholder: str = ""
    hint: str = ""
    options: tuple[str, ...] = ()

    @property
    def name(self) -> str:
        return f"config.{self.key}"


_TIMEOUT = ConfigField("timeoutSeconds", "Timeout (seconds)", "number", hint="Per call; at most 600.")
_HEADERS_HINT = 'One "Name: value" per line. Values of headers such as Authorization are stored encrypted.'

CONFIG_FIELDS: dict[str, tuple[ConfigField, ...]] = {
    "http": (
        ConfigField("url", "URL", placeholder="https://bot.example.com/chat"),
        ConfigField("method", "Method", "select", options=("POST", "PUT", "PATCH", "GET")),
        ConfigField("headers", "Headers", "headers", placeholder="Authorization: Bearer …", hint=_HEADERS_HINT),
        ConfigField("bodyTemplate", "Body template", "textarea"),
        ConfigField(
            "replyPath", "Reply path", hint="Where the reply is in the JSON answer, e.g. data.messages[0].text"
        ),
        _TIMEOUT,
    ),
    "openai": (
        ConfigField("baseUrl", "Base URL", placeholder="https://api.openai.com/v1"),
        ConfigField("model", "Model", placeholder="gpt-4o-mini"),
        ConfigField("apiKey", "API key", "password"),
        ConfigField("systemPrompt", "System prompt", "textarea"),
        ConfigField(
            "temperature", "Temperature (optional)", "number", hint="0 to 2; empty uses the endpoint's default."
        ),
        _TIMEOUT,
    ),
    "websocket": (
        ConfigField("url", "URL", placeholder="wss://bot.example.com/socket"),
        ConfigField("headers", "Headers", "headers", placeholder="Authorization: Bearer …", hint=_HEADERS_HINT),
        ConfigField(
            "messageTemplate",
            "Message template",
            "textarea",
            hint="The frame sent for each message, with {{message}} and {{sessionId}} placeholders.",
        ),
        ConfigField("replyPath", "Reply path", hint="Where the reply is in the JSON frame received, e.g. reply"),
        _TIMEOUT,
    ),
    "hosted": (
        ConfigField("systemPrompt", "System prompt", "textarea", hint="The instructions of the agent Mimic runs."),
        ConfigField("model", "Model", "model", placeholder="empty: the workspace default"),
        ConfigField("temperature", "Temperature", "number", hint="0 to 2."),
        ConfigField("maxTokens", "Max tokens", "number", hint="The longest reply, in tokens."),
        _TIMEOUT,
    ),
    "browser": (
        ConfigField("targetUrl", "Target URL", placeholder="https://shop.example.com"),
        ConfigField(
            "allowedOrigins",
            "Allowed origins",
            "lines",
            placeholder="https://shop.example.com",
            hint="One origin per line; the persona's browser stays on them. Empty: the target URL's origin.",
        ),
        ConfigField("viewport.width", "Viewport width (px)", "number", hint="320 to 3840."),
        ConfigField("viewport.height", "Viewport height (px)", "number", hint="320 to 2160."),
        ConfigField(
            "accessibility.standard",
            "Accessibility standard",
            "select",
            options=("wcag22aa", "wcag22a", "wcag21aa", "wcag21a", "wcag2aa", "wcag2a"),
            hint="The WCAG version and level axe-core checks each page against (a level includes those below it).",
        ),
        ConfigField(
            "accessibility.bestPractice",
            "Best-practice rules",
            "select",
            options=("true", "false"),
            hint="Also axe's best-practice rules (landmarks, regions, headings), a step below their impact.",
        ),
        ConfigField("accessibility.enabled", "Accessibility checks", "select", options=("true", "false")),
        _TIMEOUT,
    ),
    "whatsapp": (
        ConfigField("webhookUrl", "Webhook URL", placeholder="https://bot.example.com/whatsapp/webhook"),
        ConfigField("phoneNumber", "Phone number", placeholder="+15550100000"),
        ConfigField("accessToken", "Access token", "password"),
        ConfigField("appSecret", "App secret (optional)", "password"),
        _TIMEOUT,
    ),
}
# Voice agents: one form for the three transports (a field that does not apply is left empty).
CONFIG_FIELDS["voice"] = (
    ConfigField("transport", "Transport", "select", options=("websocket", "http", "hosted"),
                hint="websocket: a media stream both ways; http: WAV in, WAV out per turn; hosted: Mimic's own demo."),
    ConfigField("url", "URL (websocket and http)", placeholder="wss://bot.example.com/media"),
    ConfigField("headers", "Headers", "headers", placeholder="Authorization: Bearer …", hint=_HEADERS_HINT),
    ConfigField("encoding", "Encoding (websocket)", "select", options=("mulaw", "pcm16"),
                hint="G.711 mu-law at 8000 Hz (telephone), or 16-bit PCM at any rate."),
    ConfigField("sampleRate", "Sample rate (Hz)", "select", options=("8000", "16000", "24000", "48000")),
    ConfigField("frameMs", "Frame (ms, websocket)", "number", hint="Audio per media message, 10 to 200 ms."),
    ConfigField("framing", "Framing (websocket)", "select", options=("json", "binary"),
                hint="json: base64 audio in media envelopes (Twilio); binary: raw audio in binary messages."),
    ConfigField("customParameters", "Custom parameters (websocket)", "headers", placeholder="campaign: spring",
                hint="Sent in the start event's customParameters, one \"name: value\" per line."),
    ConfigField("turnEndSilenceMs", "End of turn (ms of silence)", "number",
                hint="Silence after the agent's speech that ends its answer."),
    ConfigField("greeting", "The agent speaks first", "select", options=("False", "True")),
    ConfigField("firstMessage", "First message (hosted)", hint="What it says first; empty: its model greets."),
    ConfigField("systemPrompt", "System prompt (hosted)", "textarea",
                hint="The instructions of the voice agent Mimic runs."),
    ConfigField("model", "Model (hosted)", "model", placeholder="empty: the workspace default"),
    ConfigField("voice", "Voice (hosted)", placeholder="en-us+f5", hint="An espeak-ng voice: language+variant."),
    ConfigField("timeoutSeconds", "Timeout (seconds)", "number", hint="Longest wait for the agent to start answering."),
)  # fmt: skip
WIDE_KINDS = ("textarea", "headers", "lines")


def field_description(agent_type: str, key: str) -> str:
    """The model's own description of a config field, used as the hint when the page has none."""
    model_field = CONFIG_TYPES[AgentType(agent_type)].model_fields.get(to_snake(key))
    return (model_field.description or "") if model_field else ""


def config_defaults(agent_type: str) -> dict[str, Any]:
    """A new config of that type, as the model's defaults make it (camelCase)."""
    defaults: dict[str, Any] = {}
    for name, info in CONFIG_TYPES[AgentType(agent_type)].model_fields.items():
        key = info.alias or name
        if info.default_factory is not None:
            value = info.default_factory()  # type: ignore[call-arg]
            defaults[key] = value.model_dump(by_alias=True) if hasattr(value, "model_dump") else value
        elif info.default is not PydanticUndefined:
            defaults[key] = info.default
    return defaults


def _lookup(config: dict[str, Any], key: str) -> Any:
    value: Any = config
    for part in key.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    return value


def config_values(agent_type: str, config: dict[str, Any]) -> dict[str, str]:
    """A config (camelCase, secrets masked) as the editor's input texts."""
    values: dict[str, str] = {}
    for spec in CONFIG_FIELDS[agent_type]:
        value = _lookup(config, spec.key)
        if spec.kind == "headers":
            values[spec.name] = format_pairs(value)
        elif spec.kind == "lines":
            values[spec.name] = join_lines(value)
        elif spec.kind == "number":
            values[spec.name] = number_text(value)
        elif isinstance(value, bool):
            values[spec.name] = "true" if value else "false"
        else:
            values[spec.name] = "" if value is None else str(value)
    return values


def config_payload(agent_type: str, form: dict[str, Any]) -> tuple[dict[str, Any], dict[str, str]]:
    """The config inputs of the form as a config document, and what the form itself finds
    wrong. Empty inputs are left out so that the type's defaults apply."""
    config: dict[str, Any] = {}
    problems: dict[str, str] = {}
    for spec in CONFIG_FIELDS[agent_type]:
        raw = str(form.get(spec.name, ""))
        if spec.kind == "headers":
            try:
                value: Any = parse_pairs(raw)
            except ValueError as exc:
                problems[spec.name] = str(exc)
                continue
        elif spec.kind == "lines":
            value = split_lines(raw)
        elif spec.kind in ("textarea", "password"):
            value = raw if raw.strip() else ""
        else:
            value = raw.strip()
        if value == "":
            continue
        target = config
        *parents, last = spec.key.split(".")
        for parent in parents:
            target = target.setdefault(parent, {})
        target[last] = value
    return config, problems


def config_problems(agent_type: str, config: dict[str, Any]) -> dict[str, str]:
    """What the type's config model says of `config` (named `config.<field>`); the service
    checks again when saving, so this only lets the form show every problem at once."""
    try:
        CONFIG_TYPES[AgentType(agent_type)].model_validate(config)
    except ValidationError as exc:
        return {f"config.{name}": message for name, message in field_errors(exc)[1].items()}
    return {}


# ---- the inputs ----------------------------------------------------------------------------


def _secret_hint(state: Any, spec: ConfigField, description: str) -> rx.Component:
    """What the field is for, and that the stored value is kept unless a new one is typed."""
    stored = state.values.get(spec.name, "")
    return rx.text(
        f"{description.rstrip('.')}. " if description else "",
        rx.cond(
            stored.startswith("•"),
            "Stored encrypted, shown masked (" + stored + "). Leave it as it is to keep it, or type a new value.",
            "Stored encrypted, and shown masked once saved.",
        ),
        size="1",
        color_scheme="gray",
    )


def config_input(s: Any, agent_type: str, spec: ConfigField) -> rx.Component:
    """The input of one config field in the editor whose state is `s`."""
    hint = spec.hint or field_description(agent_type, spec.key.split(".")[0])
    if spec.kind == "select":
        return select_field(s, spec.label, spec.name, [(option, option) for option in spec.options], hint=hint)
    if spec.kind == "number":
        return number_field(s, spec.label, spec.name, hint=hint, placeholder=spec.placeholder)
    if spec.kind == "password":
        return input_field(
            s,
            spec.label,
            spec.name,
            type="password",
            placeholder=spec.placeholder,
            hint=_secret_hint(s, spec, hint),
            auto_complete="new-password",
        )
    if spec.kind in WIDE_KINDS:
        monospace = spec.kind == "headers" or spec.key.endswith("Template")
        rows = "8" if spec.key == "systemPrompt" else "4"
        field = textarea_field(
            s, spec.label, spec.name, hint=hint, placeholder=spec.placeholder, rows=rows, monospace=monospace
        )
        return wide(field)
    extra = picker_props() if spec.kind == "model" else {}
    return input_field(s, spec.label, spec.name, hint=hint, placeholder=spec.placeholder, **extra)
