"""Agent configs are validated for their type in the service layer, with one clear error
per bad field; secrets are sealed at rest and masked on the way out."""

from __future__ import annotations

import pytest

from app.models.library import AgentType
from app.services import agent_config, crypto
from app.services.errors import ValidationFailed

VALID = {
    AgentType.http: {"url": "https://bot.example.com/chat", "headers": {"Authorization": "Bearer s3cr3t-token-1234"}},
    AgentType.openai: {"baseUrl": "http://127.0.0.1:9/v1", "model": "gpt-4o-mini", "apiKey": "sk-test-abcdefgh1234"},
    AgentType.websocket: {"url": "wss://bot.example.com/ws"},
    AgentType.hosted: {"systemPrompt": "You are a helpful support agent."},
    AgentType.browser: {"targetUrl": "https://shop.example.com/", "viewport": {"width": 1024, "height": 768}},
    AgentType.whatsapp: {"webhookUrl": "https://bot.example.com/wa", "accessToken": "wa-token-12345678"},
    AgentType.voice: {"transport": "websocket", "url": "wss://bot.example.com/media"},
}

INVALID = [
    (AgentType.http, {}, {"config.url": "Url is required."}),
    (AgentType.http, {"url": "ftp://x"}, {"config.url": "must be an absolute http or https URL"}),
    (AgentType.http, {"url": "http://x", "method": "TRACE"}, {"config.method": "Method must be one of"}),
    (AgentType.http, {"url": "http://x", "timeoutSeconds": 0}, {"config.timeoutSeconds": "must be more than 0."}),
    (AgentType.openai, {"baseUrl": "http://x/v1"}, {"config.model": "Model is required."}),
    (AgentType.openai, {"baseUrl": "not a url", "model": "m"}, {"config.baseUrl": "absolute http or https URL"}),
    (AgentType.websocket, {"url": "https://x/ws"}, {"config.url": "absolute ws or wss URL"}),
    (AgentType.hosted, {"systemPrompt": ""}, {"config.systemPrompt": "System prompt cannot be empty."}),
    (AgentType.hosted, {"systemPrompt": "x", "temperature": 3}, {"config.temperature": "must be 2 or less."}),
    (AgentType.browser, {"targetUrl": "https://x", "viewport": {"width": 10}}, {"config.viewport.width": ">= 320"}),
    (AgentType.browser, {"targetUrl": "https://x", "allowedOrigins": ["nope"]}, {"config.allowedOrigins.0": "URL"}),
    (AgentType.whatsapp, {"webhookUrl": "https://x/wa", "accessToken": "short"}, {"config.accessToken": "at least 8"}),
    (AgentType.whatsapp, {"webhookUrl": "https://x/wa", "accessToken": "long-enough", "phoneNumber": "12"},
     {"config.phoneNumber": "match pattern"}),
    (AgentType.voice, {"transport": "fax"}, {"config.transport": "'websocket', 'http', 'hosted'"}),
    (AgentType.voice, {"url": "https://x/media"}, {"config.url": "absolute ws or wss URL"}),
    (AgentType.voice, {"transport": "http", "url": "ws://x/turn"}, {"config.url": "absolute http or https URL"}),
    (AgentType.voice, {"url": "ws://x", "encoding": "mulaw", "sampleRate": 16000}, {"config.sampleRate": "8000 Hz"}),
    (AgentType.voice, {"url": "ws://x", "encoding": "pcm16", "sampleRate": 11025}, {"config.sampleRate": "one of"}),
    (AgentType.voice, {"url": "ws://x", "frameMs": 5, "framing": "xml"},
     {"config.frameMs": "Frame ms must be 10 or more.", "config.framing": "Framing must be one of"}),
    (AgentType.voice, {"transport": "hosted", "voice": "not a voice!"},
     {"config.systemPrompt": "System prompt is required.", "config.voice": "match pattern"}),
    (AgentType.voice, {"transport": "http", "url": "http://x", "turnEndSilenceMs": 50},
     {"config.turnEndSilenceMs": "Turn end silence ms must be 200 or more."}),
]  # fmt: skip


@pytest.mark.parametrize("agent_type", list(AgentType))
def test_every_type_accepts_a_good_config(agent_type: AgentType) -> None:
    stored = agent_config.validate(agent_type, VALID[agent_type])
    assert stored["timeoutSeconds"] == 30  # defaults are filled in


@pytest.mark.parametrize(("agent_type", "config", "expected"), INVALID, ids=lambda v: str(v)[:40])
def test_bad_configs_name_each_bad_field(agent_type, config, expected) -> None:
    with pytest.raises(ValidationFailed) as caught:
        agent_config.validate(agent_type, config)
    details = {d.field: d.message for d in caught.value.details}
    for field, fragment in expected.items():
        assert field in details, details
        assert fragment.lower().replace(">= ", "") in details[field].lower().replace("greater than or equal to ", ""), (
            details
        )


def test_browser_allowed_origins_default_to_the_target() -> None:
    stored = agent_config.validate(AgentType.browser, {"targetUrl": "http://127.0.0.1:8123/shop/cart"})
    assert stored["allowedOrigins"] == ["http://127.0.0.1:8123"]


def test_secrets_are_sealed_masked_and_opened() -> None:
    stored = agent_config.validate(AgentType.openai, VALID[AgentType.openai])
    assert crypto.is_encrypted(stored["apiKey"]) and "sk-test" not in stored["apiKey"]
    shown = agent_config.masked(AgentType.openai, stored)
    assert shown["apiKey"] == crypto.MASK + "1234"
    assert agent_config.unsealed(AgentType.openai, stored)["apiKey"] == "sk-test-abcdefgh1234"


def test_sensitive_headers_are_secrets_too() -> None:
    config = {**VALID[AgentType.http], "headers": {"Authorization": "Bearer s3cr3t-token-1234", "Accept": "json"}}
    stored = agent_config.validate(AgentType.http, config)
    assert crypto.is_encrypted(stored["headers"]["Authorization"]) and stored["headers"]["Accept"] == "json"
    assert agent_config.masked(AgentType.http, stored)["headers"]["Authorization"].startswith(crypto.MASK)


def test_a_masked_value_sent_back_keeps_the_stored_secret() -> None:
    stored = agent_config.validate(AgentType.openai, VALID[AgentType.openai])
    shown = agent_config.masked(AgentType.openai, stored)
    again = agent_config.validate(AgentType.openai, {**shown, "model": "gpt-4o"}, stored=stored)
    assert agent_config.unsealed(AgentType.openai, again)["apiKey"] == "sk-test-abcdefgh1234"
    assert again["model"] == "gpt-4o"
    # A mask with nothing stored behind it is refused rather than saved as the key.
    with pytest.raises(ValidationFailed):
        agent_config.validate(AgentType.openai, shown)


def test_voice_headers_are_secrets_and_the_transport_picks_the_fields() -> None:
    config = {"transport": "http", "url": "https://bot.example.com/turn", "sampleRate": "8000",
              "headers": {"Authorization": "Bearer voice-secret-1234"}}  # fmt: skip
    stored = agent_config.validate(AgentType.voice, config)
    assert stored["sampleRate"] == 8000 and "encoding" not in stored  # an http agent has no stream codec
    assert crypto.is_encrypted(stored["headers"]["Authorization"])
    assert agent_config.unsealed(AgentType.voice, stored)["headers"]["Authorization"] == "Bearer voice-secret-1234"
    stream = agent_config.validate(AgentType.voice, {"url": "wss://bot.example.com/media"})
    assert (stream["transport"], stream["encoding"], stream["sampleRate"], stream["frameMs"]) == (
        "websocket",
        "mulaw",
        8000,
        20,
    )  # Twilio's defaults
