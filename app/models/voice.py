"""Voice agents and voice calls: the agent's config per transport, the persona's voice and
realism knobs, and what a call measured (one `voice_call` per session, one `voice_turn` per
agent answer) for the session page and analytics."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, ClassVar, Literal

from pydantic import AfterValidator, ConfigDict, ValidationError, ValidationInfo, field_validator, model_validator
from pydantic import Field as PydanticField
from sqlalchemy import Index
from sqlmodel import Field, SQLModel

from app.models.base import (
    NOT_BLANK_PATTERN,
    CamelModel,
    EnvRefs,
    absolute_url,
    created_at_field,
    id_field,
    json_field,
    url_pattern,
    workspace_fk,
)

VOICE_TRANSPORTS = ("websocket", "http", "hosted")
NoiseKind = Literal["none", "white", "pink", "brown", "street", "babble", "office"]
SAMPLE_RATES = (8000, 16000, 22050, 24000, 32000, 44100, 48000)


def _rate(value: int) -> int:
    if value not in SAMPLE_RATES:
        raise ValueError(f"must be one of {', '.join(map(str, SAMPLE_RATES))} Hz")
    return value


SampleRate = Annotated[int, AfterValidator(_rate), PydanticField(json_schema_extra={"enum": list(SAMPLE_RATES)})]
# A model name that must be given (a hosted engine): what the document says of it.
_GIVEN = {"type": "string", "minLength": 1, "maxLength": 200, "pattern": NOT_BLANK_PATTERN}


class _VoiceAgentBase(CamelModel):
    SECRET_FIELDS: ClassVar[tuple[str, ...]] = ()
    timeout_seconds: float = PydanticField(
        default=30, gt=0, le=600, description="Longest wait for the agent to start answering"
    )
    turn_end_silence_ms: int = PydanticField(
        default=1000, ge=200, le=10_000, description="Silence after the agent's speech that ends its turn"
    )
    greeting: bool = PydanticField(default=False, description="The agent speaks first (it greets the caller)")
    env_refs: EnvRefs = PydanticField(default_factory=dict)


class VoiceWebSocketConfig(_VoiceAgentBase):
    """A media stream over a WebSocket, both ways, in the shape of Twilio Media Streams:
    JSON envelopes (`connected`, `start`, `media` with base64 audio, `mark`, `clear`, `stop`)
    or, with `framing: binary`, raw audio in binary messages and JSON for the rest."""

    # mu-law is G.711: 8000 Hz. Absent, the encoding is mu-law.
    model_config = ConfigDict(json_schema_extra={
        "if": {"required": ["encoding"], "properties": {"encoding": {"const": "pcm16"}}},
        "else": {"properties": {"sampleRate": {"const": 8000}}},
    })  # fmt: skip

    transport: Literal["websocket"] = "websocket"
    url: str = PydanticField(json_schema_extra=url_pattern(("ws", "wss")))
    headers: dict[str, str] = PydanticField(default_factory=dict)
    encoding: Literal["pcm16", "mulaw"] = PydanticField(default="mulaw", description="16-bit PCM or G.711 mu-law")
    sample_rate: SampleRate = 8000
    frame_ms: int = PydanticField(default=20, ge=10, le=200, description="Audio per media message")
    framing: Literal["json", "binary"] = "json"
    custom_parameters: dict[str, str] = PydanticField(
        default_factory=dict, description="Sent in the start event's customParameters"
    )

    _check_url = field_validator("url")(classmethod(lambda cls, v: absolute_url(v, ("ws", "wss"))))

    @field_validator("sample_rate")
    @classmethod
    def _mulaw_rate(cls, value: int, info: ValidationInfo) -> int:
        if info.data.get("encoding") == "mulaw" and value != 8000:
            raise ValueError("mu-law audio is 8000 Hz (G.711): use 8000, or encoding pcm16")
        return value


class VoiceHttpConfig(_VoiceAgentBase):
    """Turn by turn: Mimic POSTs the persona's utterance as a WAV file (audio/wav) and the
    agent answers with a WAV file."""

    transport: Literal["http"] = "http"
    url: str = PydanticField(json_schema_extra=url_pattern())
    headers: dict[str, str] = PydanticField(default_factory=dict)
    sample_rate: SampleRate = 16000

    _check_url = field_validator("url")(classmethod(lambda cls, v: absolute_url(v)))


class VoiceHostedConfig(_VoiceAgentBase):
    """A voice agent Mimic runs itself: it recognises the caller offline, answers through a
    hosted agent's model (system prompt) and speaks with espeak-ng."""

    transport: Literal["hosted"] = "hosted"
    system_prompt: str = PydanticField(min_length=1, max_length=50_000)
    model: str | None = PydanticField(default=None, max_length=200)
    temperature: float = PydanticField(default=0.7, ge=0, le=2, strict=True)
    max_tokens: int = PydanticField(default=300, ge=1, le=32_000)
    first_message: str = PydanticField(
        default="", max_length=500, description="With greeting: what it says first; empty: its model greets"
    )
    voice: str = PydanticField(default="en-us+f5", pattern=r"^[a-z]{2,3}(-[a-z0-9-]{2,20})?(\+[A-Za-z0-9]{1,20})?$",
                               description="espeak-ng voice of the agent")  # fmt: skip
    rate_wpm: int = PydanticField(default=160, ge=80, le=320)


_BY_TRANSPORT: dict[str, type[_VoiceAgentBase]] = {
    "websocket": VoiceWebSocketConfig,
    "http": VoiceHttpConfig,
    "hosted": VoiceHostedConfig,
}


class VoiceAgentConfig(_VoiceAgentBase):
    """A voice agent: `transport` picks the config (websocket | http | hosted). A telephony
    transport is one more entry here and one more adapter in app/engine/targets/voice.py."""

    transport: str = "websocket"

    @classmethod
    def shape_of(cls, obj: Any) -> type[_VoiceAgentBase] | None:
        """The config model of `obj`'s transport (absent: websocket), or None for an unknown one."""
        transport = obj.get("transport", "websocket") if isinstance(obj, dict) else None
        return _BY_TRANSPORT.get(transport) if isinstance(transport, str) else None

    @classmethod
    def model_validate(cls, obj: Any, **kwargs: Any) -> _VoiceAgentBase:  # type: ignore[override]
        chosen = cls.shape_of(obj)
        if chosen is None:
            transport = obj.get("transport", "websocket") if isinstance(obj, dict) else None
            raise ValidationError.from_exception_data(
                "VoiceAgentConfig",
                [{"type": "literal_error", "loc": ("transport",), "input": transport,
                  "ctx": {"expected": ", ".join(f"'{t}'" for t in VOICE_TRANSPORTS)}}],
            )  # fmt: skip
        return chosen.model_validate(obj, **kwargs)

    @classmethod
    def model_json_schema(cls, *args: Any, **kwargs: Any) -> dict[str, Any]:  # type: ignore[override]
        """What the document says: the fields of the config that `transport` picks (absent: websocket)."""
        definitions: dict[str, Any] = {}
        branches = []
        for name, model in _BY_TRANSPORT.items():
            schema = model.model_json_schema(*args, **kwargs)
            definitions |= schema.pop("$defs", {})
            condition: dict[str, Any] = {"properties": {"transport": {"const": name}}}
            if name != "websocket":  # the default: an absent transport is a websocket
                condition["required"] = ["transport"]
            branches.append({"if": condition, "then": schema})
        schema = {"title": "VoiceAgentConfig", "type": "object", "description": cls.__doc__,
                  "properties": {"transport": {"enum": list(VOICE_TRANSPORTS), "default": "websocket"}},
                  "allOf": branches}  # fmt: skip
        return schema | ({"$defs": definitions} if definitions else {})


# -- the persona's voice -----------------------------------------------------------------------


class BargeInConfig(CamelModel):
    after_ms: int = PydanticField(ge=0, le=30_000, description="How far into the agent's answer the persona cuts in")
    every: int = PydanticField(default=1, ge=1, le=100, description="On every n-th answer")
    max_times: int = PydanticField(default=1, ge=1, le=100)


class VoiceRealismConfig(CamelModel):
    """Realism knobs; on an objective, the ones set override the persona's."""

    noise: NoiseKind | None = None
    snr_db: float | None = PydanticField(default=None, ge=-10, le=60, description="Speech-to-noise ratio in dB")
    fillers: float | None = PydanticField(default=None, ge=0, le=1, description="Chance of a filler per sentence")
    pauses: float | None = PydanticField(default=None, ge=0, le=1, description="Chance of a pause mid-sentence")
    pause_ms: int | None = PydanticField(default=None, ge=100, le=10_000)
    barge_in: BargeInConfig | None = None


class PersonaVoiceConfig(CamelModel):
    """How the persona sounds and listens on voice calls. Empty fields follow its traits."""

    # A hosted engine needs its model (the validators below say the same to pydantic).
    model_config = ConfigDict(json_schema_extra={"allOf": [
        {"if": {"required": ["engine"], "properties": {"engine": {"const": "hosted"}}},
         "then": {"required": ["model"], "properties": {"model": _GIVEN}}},
        {"if": {"required": ["listenEngine"], "properties": {"listenEngine": {"const": "hosted"}}},
         "then": {"required": ["listenModel"], "properties": {"listenModel": _GIVEN}}},
    ]})  # fmt: skip

    engine: Literal["espeak", "hosted"] = "espeak"
    model: str | None = PydanticField(
        default=None, max_length=200, validate_default=True, description="Hosted text-to-speech model"
    )
    voice: str | None = PydanticField(default=None, max_length=50, description="Hosted voice name, e.g. alloy")
    accent: str | None = PydanticField(default=None, max_length=50, description="e.g. scottish, en-gb, es")
    espeak_variant: str | None = PydanticField(default=None, pattern=r"^[A-Za-z0-9]{1,20}$")
    rate_wpm: int | None = PydanticField(default=None, ge=80, le=320)
    pitch: int | None = PydanticField(default=None, ge=0, le=99)
    listen_engine: Literal["pocketsphinx", "hosted"] = "pocketsphinx"
    listen_model: str | None = PydanticField(
        default=None, max_length=200, validate_default=True, description="Hosted speech-to-text model"
    )
    realism: VoiceRealismConfig = PydanticField(default_factory=VoiceRealismConfig)

    @model_validator(mode="before")
    @classmethod
    def _name_missing_models(cls, data: Any) -> Any:
        # Given as input (even empty), an error about them is named as the API names them.
        if isinstance(data, dict):
            data = {"model": None, "listenModel": None, **data} if "listen_model" not in data else data
        return data

    @field_validator("model")
    @classmethod
    def _hosted_voice_model(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("engine") == "hosted" and not (value or "").strip():
            raise ValueError("a hosted voice needs a text-to-speech model (e.g. openai/tts-1)")
        return value

    @field_validator("listen_model")
    @classmethod
    def _hosted_listen_model(cls, value: str | None, info: ValidationInfo) -> str | None:
        if info.data.get("listen_engine") == "hosted" and not (value or "").strip():
            raise ValueError("hosted listening needs a speech-to-text model (e.g. openai/whisper-1)")
        return value


# -- what a call measured ------------------------------------------------------------------------


class VoiceCall(SQLModel, table=True):
    """One per voice session: the settings used and the session's figures."""

    __tablename__ = "voice_call"
    __table_args__ = (Index("ix_voice_call_workspace_created", "workspace_id", "created_at"),)

    session_id: str = Field(foreign_key="session.id", primary_key=True, max_length=36, ondelete="CASCADE")
    workspace_id: str = workspace_fk()
    transport: str = Field(max_length=20)
    turns: int = 0
    latency_p50_ms: int | None = None
    latency_p95_ms: int | None = None
    talk_over_ms: int = 0
    interruptions: int = 0
    yields: int = 0
    long_silences: int = 0
    words_per_minute: float | None = None
    confidence: float | None = None
    duration_ms: int = 0
    # Settings used (codec, voices, engines, realism), the timeline of who spoke when, notes.
    summary: dict[str, Any] = json_field()
    created_at: datetime = created_at_field()


class VoiceTurn(SQLModel, table=True):
    """One answer of the agent, measured."""

    __tablename__ = "voice_turn"
    __table_args__ = (
        Index("ix_voice_turn_workspace_created", "workspace_id", "created_at"),
        Index("ix_voice_turn_session", "session_id"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    session_id: str = Field(foreign_key="session.id", max_length=36, ondelete="CASCADE")
    message_id: str | None = Field(default=None, foreign_key="message.id", max_length=36, ondelete="SET NULL")
    turn_index: int = 0
    start_ms: int = 0  # where the answer starts in the recording
    end_ms: int = 0
    latency_ms: int | None = None  # end of the persona's speech to the agent's first audio
    speech_ms: int = 0
    max_gap_ms: int = 0  # the longest silence inside the answer
    talk_over_ms: int = 0  # both speaking at once
    interrupted: bool = False  # the persona barged in
    yielded: bool | None = None  # stopped within the threshold (interrupted answers only)
    yield_ms: int | None = None
    words: int = 0
    words_per_minute: float | None = None
    confidence: float | None = None
    created_at: datetime = created_at_field()


# -- API schemas ---------------------------------------------------------------------------------


class VoiceTurnPublic(CamelModel):
    message_id: str | None
    turn_index: int
    start_ms: int
    end_ms: int
    latency_ms: int | None
    speech_ms: int
    max_gap_ms: int
    talk_over_ms: int
    interrupted: bool
    yielded: bool | None
    yield_ms: int | None
    words: int
    words_per_minute: float | None
    confidence: float | None


class VoiceRecording(CamelModel):
    id: str
    name: str
    channel: str  # stereo | persona | agent
    content_type: str
    size: int
    url: str


class VoiceCallPublic(CamelModel):
    session_id: str
    transport: str
    turns: int
    latency_p50_ms: int | None
    latency_p95_ms: int | None
    talk_over_ms: int
    interruptions: int
    yields: int
    long_silences: int
    words_per_minute: float | None
    confidence: float | None
    duration_ms: int
    summary: dict[str, Any]
    turn_details: list[VoiceTurnPublic]
    recordings: list[VoiceRecording]
    recordings_purged: bool = False


class VoiceSettingsPublic(CamelModel):
    audio_retention_days: int = PydanticField(
        ge=0, le=3650, description="Recordings older than this many days are deleted; 0 keeps them"
    )
    server_default_days: int = 0


class VoiceSettingsUpdate(CamelModel):
    audio_retention_days: int | None = PydanticField(
        default=None, ge=0, le=3650, description="null: the server's default (MIMIC_AUDIO_RETENTION_DAYS)"
    )
