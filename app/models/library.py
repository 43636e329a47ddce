"""What a QA engineer edits: persona, objective and agent (the system under test)."""

from __future__ import annotations

import re
from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any, Generic, Literal, TypeVar

from jsonschema import Draft202012Validator, SchemaError
from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator
from pydantic import Field as PydanticField
from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from app.models.base import (
    NOT_BLANK_PATTERN,
    PATTERN_MESSAGES,
    CamelModel,
    Name,
    created_at_field,
    id_field,
    json_field,
    text,
    updated_at_field,
    workspace_fk,
)
from app.models.voice import PersonaVoiceConfig, VoiceRealismConfig

SchemaT = TypeVar("SchemaT")


class AgentType(StrEnum):
    http = "http"
    openai = "openai"
    websocket = "websocket"
    hosted = "hosted"
    browser = "browser"
    whatsapp = "whatsapp"
    voice = "voice"


class Persona(SQLModel, table=True):
    __table_args__ = (
        Index("ix_persona_workspace_created", "workspace_id", "created_at"),
        Index("ix_persona_workspace_name", "workspace_id", "name"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    name: str = Field(max_length=200)
    description: str = Field(default="", sa_type=Text)
    prompt: str = Field(default="", sa_type=Text)
    # {identity, techProfile, personality, tendencies[]}
    definition: dict[str, Any] = json_field()
    # {communication_style, patience_level, urgency, ...free keys}
    traits: dict[str, Any] = json_field()
    # {archetype, tags[]}; "metadata" is reserved by SQLAlchemy, hence "meta".
    meta: dict[str, Any] = json_field()
    # {messageInterval, sessionDuration}
    config: dict[str, Any] = json_field()
    # {model, temperature}: the simulator model for this persona, when set.
    llm_config: dict[str, Any] = json_field()
    language: str = Field(default="en", max_length=16)
    created_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class Objective(SQLModel, table=True):
    __table_args__ = (
        Index("ix_objective_workspace_created", "workspace_id", "created_at"),
        Index("ix_objective_workspace_name", "workspace_id", "name"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    name: str = Field(max_length=200)
    description: str = Field(default="", sa_type=Text)
    # {goal, constraints[], successCriteria[]}
    definition: dict[str, Any] = json_field()
    # {autonomyLevel, maxActions, maxTurns}
    config: dict[str, Any] = json_field()
    # Deterministic checks of the agent's replies: [{type, value, ...}] (ObjectiveCheck).
    checks: list[dict[str, Any]] = json_field(list)
    created_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class Agent(SQLModel, table=True):
    """The system under test. Secrets inside `config` are stored encrypted."""

    __table_args__ = (
        Index("ix_agent_workspace_created", "workspace_id", "created_at"),
        Index("ix_agent_workspace_type", "workspace_id", "type"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    name: str = Field(max_length=200)
    description: str = Field(default="", sa_type=Text)
    type: str = Field(max_length=20)
    config: dict[str, Any] = json_field()
    status: str = Field(default="active", max_length=20)
    created_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


# ---- API schemas -------------------------------------------------------------------------

Level = Literal["low", "medium", "high"]


class PersonaDefinition(CamelModel):
    identity: str = ""
    tech_profile: str = ""
    personality: str = ""
    tendencies: list[Annotated[str, PydanticField(max_length=500)]] = PydanticField(default_factory=list, max_length=50)


class PersonaTraits(BaseModel):
    """Traits keep their snake_case keys (as the seed does) and allow free keys."""

    model_config = ConfigDict(extra="allow")

    communication_style: str | None = PydanticField(default=None, max_length=50)
    patience_level: Level | None = None
    urgency: Level | None = None


class PersonaMetadata(CamelModel):
    archetype: str = PydanticField(default="", max_length=100)
    tags: list[Annotated[str, PydanticField(max_length=50)]] = PydanticField(default_factory=list, max_length=30)


# The budgets a session gets when its objective or persona does not say (one place for each).
DEFAULT_MAX_TURNS = 12
DEFAULT_MAX_ACTIONS = 30
DEFAULT_SESSION_DURATION_S = 300


class PersonaConfig(CamelModel):
    message_interval: float = PydanticField(default=0, ge=0, le=3600, description="Seconds between persona messages")
    session_duration: int = PydanticField(
        default=DEFAULT_SESSION_DURATION_S, ge=10, le=86_400, description="Session budget in seconds"
    )
    voice: PersonaVoiceConfig | None = PydanticField(default=None, description="How the persona sounds on voice calls")


class LLMChoice(CamelModel):
    """A model picked for one role; empty means: fall back to the next level."""

    model: str | None = PydanticField(default=None, max_length=200)
    temperature: float | None = PydanticField(default=None, ge=0, le=2, strict=True)


class PersonaCreate(CamelModel):
    name: Name
    description: str = PydanticField(default="", max_length=5000)
    prompt: str = PydanticField(default="", max_length=20_000)
    definition: PersonaDefinition = PydanticField(default_factory=PersonaDefinition)
    traits: PersonaTraits = PydanticField(default_factory=PersonaTraits)
    meta: PersonaMetadata = PydanticField(default_factory=PersonaMetadata, alias="metadata")
    config: PersonaConfig = PydanticField(default_factory=PersonaConfig)
    llm_config: LLMChoice = PydanticField(default_factory=LLMChoice)
    language: str = PydanticField(
        default="en", min_length=2, max_length=16, pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$"
    )


class PersonaUpdate(CamelModel):
    """PATCH: only the fields sent change."""

    name: Name | None = None
    description: str | None = PydanticField(default=None, max_length=5000)
    prompt: str | None = PydanticField(default=None, max_length=20_000)
    definition: PersonaDefinition | None = None
    traits: PersonaTraits | None = None
    meta: PersonaMetadata | None = PydanticField(default=None, alias="metadata")
    config: PersonaConfig | None = None
    llm_config: LLMChoice | None = None
    language: str | None = PydanticField(
        default=None, min_length=2, max_length=16, pattern=r"^[a-zA-Z]{2,3}(-[a-zA-Z0-9]{2,8})?$"
    )


class PersonaPublic(PersonaCreate):
    id: str
    created_at: datetime
    updated_at: datetime


AutonomyLevel = Literal["guided", "goal-directed", "exploratory"]


class ObjectiveDefinition(CamelModel):
    goal: text(5000)
    constraints: list[Annotated[str, PydanticField(max_length=1000)]] = PydanticField(
        default_factory=list, max_length=50
    )
    # A list, or one criterion as a string (the seed writes a single one so): the document says both.
    success_criteria: Annotated[list[text(1000)], PydanticField(max_length=50)] | text(
        1000
    ) = PydanticField(default_factory=list)
    # Words a link or button toward this goal would carry: the offline browser explorer follows them.
    keywords: list[Annotated[str, PydanticField(max_length=50)]] = PydanticField(default_factory=list, max_length=30)

    @field_validator("success_criteria", mode="before")
    @classmethod
    def _one_criterion_as_list(cls, value: Any) -> Any:
        return [value] if isinstance(value, str) else value


class ObjectiveConfig(CamelModel):
    autonomy_level: AutonomyLevel = "goal-directed"
    max_actions: int = PydanticField(default=DEFAULT_MAX_ACTIONS, ge=1, le=500, description="Browser action budget")
    max_turns: int = PydanticField(
        default=DEFAULT_MAX_TURNS, ge=1, le=200, description="Chat turn budget (persona messages)"
    )
    voice: VoiceRealismConfig | None = PydanticField(
        default=None, description="Voice calls: realism knobs that override the persona's (noise, barge-in...)"
    )


CheckType = Literal[
    "contains", "not_contains", "regex", "not_regex", "max_latency", "max_turns", "language", "json_schema"
]
_TEXT_CHECKS = {"contains", "not_contains", "regex", "not_regex"}
_LANGUAGE_CODE = r"^[a-z]{2}(?:-[A-Za-z]{2})?$"
PATTERN_MESSAGES[_LANGUAGE_CODE] = "must be an ISO 639-1 language code such as en or es"


def _when_type(types: list[str], then: dict[str, Any]) -> dict[str, Any]:
    return {"if": {"properties": {"type": {"enum": types}}, "required": ["type"]}, "then": then}


# What each type needs, in the document too (the validators below say the same in words), so
# that the OpenAPI document, the mimic.yaml schema and the server agree on a valid check.
_CHECK_SHAPES: dict[str, Any] = {
    "allOf": [
        _when_type(sorted(_TEXT_CHECKS), {"required": ["value"], "properties": {
            "value": {"type": "string", "minLength": 1, "maxLength": 500, "pattern": NOT_BLANK_PATTERN}}}),
        _when_type(["max_latency", "max_turns"], {"required": ["value"], "properties": {
            "value": {"type": "integer", "minimum": 1}}}),
        _when_type(["language"], {"required": ["value"], "properties": {
            "value": {"type": "string", "pattern": _LANGUAGE_CODE}}}),
        _when_type(["json_schema"], {"required": ["schema"], "properties": {"schema": {"type": "object"}}}),
    ]
}  # fmt: skip


class ObjectiveCheck(CamelModel):
    """A deterministic check of the agent's replies, its own verdict row (promptfoo style).
    A check naming a `criterion` decides it: not met when the check fails, met when it passes
    and the judge could not tell."""

    model_config = ConfigDict(json_schema_extra=_CHECK_SHAPES)

    type: CheckType
    value: str | int | None = PydanticField(
        default=None,
        validate_default=True,
        description="contains/not_contains: the text; regex/not_regex: the pattern; max_latency: ms; max_turns: "
        "persona messages; language: an ISO 639-1 code",
    )
    json_schema: dict[str, Any] | None = PydanticField(
        default=None, alias="schema", validate_default=True, description="json_schema's schema"
    )
    scope: Literal["any", "every", "last"] | None = PydanticField(
        default=None, description="Which replies: any (contains/regex), every (not_*, json_schema), or the last one"
    )
    case_sensitive: bool = False
    criterion: int | None = PydanticField(default=None, ge=0, le=49, description="The criterion (from 0) it decides")
    label: str = PydanticField(default="", max_length=200)

    # Errors name the field they are about (value, schema), as the document's rules do.
    @field_validator("value")
    @classmethod
    def _value_fits_type(cls, value: str | int | None, info: ValidationInfo) -> str | int | None:
        kind = info.data.get("type")
        if kind in _TEXT_CHECKS:
            if not isinstance(value, str) or not value.strip() or len(value) > 500:
                raise ValueError(f"{kind} needs a text value (1 to 500 characters)")
            if kind.endswith("regex"):
                try:
                    re.compile(value)
                except re.error as exc:
                    raise ValueError(f"not a valid regular expression: {exc}") from None
        elif kind in ("max_latency", "max_turns"):
            if isinstance(value, bool) or not isinstance(value, int) or value < 1:
                raise ValueError(f"{kind} needs a whole number of at least 1")
        elif kind == "language":
            if not isinstance(value, str) or not re.fullmatch(_LANGUAGE_CODE, value):
                raise ValueError("language needs an ISO 639-1 code such as en or es")
        return value

    @field_validator("json_schema")
    @classmethod
    def _schema_for_json_checks(cls, schema: dict[str, Any] | None, info: ValidationInfo) -> dict[str, Any] | None:
        if info.data.get("type") != "json_schema":
            return schema
        if schema is None:
            raise ValueError("json_schema needs a schema")
        try:
            Draft202012Validator.check_schema(schema)
        except SchemaError as exc:
            raise ValueError(f"not a valid JSON schema: {exc.message}") from None
        return schema


class ObjectiveCreate(CamelModel):
    name: Name
    description: str = PydanticField(default="", max_length=5000)
    definition: ObjectiveDefinition
    config: ObjectiveConfig = PydanticField(default_factory=ObjectiveConfig)
    checks: list[ObjectiveCheck] = PydanticField(default_factory=list, max_length=30)

    @field_validator("checks")
    @classmethod
    def _checks_name_real_criteria(cls, checks: list[ObjectiveCheck], info: ValidationInfo) -> list[ObjectiveCheck]:
        definition = info.data.get("definition")
        count = len(definition.success_criteria) if definition is not None else 0
        for check in checks:
            if definition is not None and check.criterion is not None and check.criterion >= count:
                raise ValueError(f"a check names criterion {check.criterion}, but there are {count} criteria")
        return checks


class ObjectiveUpdate(CamelModel):
    name: Name | None = None
    description: str | None = PydanticField(default=None, max_length=5000)
    definition: ObjectiveDefinition | None = None
    config: ObjectiveConfig | None = None
    checks: list[ObjectiveCheck] | None = PydanticField(default=None, max_length=30)


class ObjectivePublic(ObjectiveCreate):
    id: str
    created_at: datetime
    updated_at: datetime


class AgentCreate(CamelModel):
    name: Name
    description: str = PydanticField(default="", max_length=5000)
    type: AgentType
    # Validated for the type by the service (app/services/agent_config.py), which names the bad field.
    config: dict[str, Any] = PydanticField(default_factory=dict)
    status: Literal["active", "inactive"] = "active"


class AgentUpdate(CamelModel):
    name: Name | None = None
    description: str | None = PydanticField(default=None, max_length=5000)
    type: AgentType | None = None
    config: dict[str, Any] | None = None
    status: Literal["active", "inactive"] | None = None


class AgentPublic(CamelModel):
    """Secrets in `config` are masked (the last 4 characters at most)."""

    id: str
    name: str
    description: str
    type: AgentType
    config: dict[str, Any]
    status: str
    created_at: datetime
    updated_at: datetime


class AgentTestDraft(CamelModel):
    """An agent's settings as an editor holds them, tested before they are saved."""

    type: AgentType
    config: dict[str, Any] = PydanticField(default_factory=dict)
    agent_id: str | None = PydanticField(
        default=None,
        max_length=64,
        description="The agent being edited, if any: a secret sent back masked (or left out) keeps the stored one",
    )


class AgentTestResult(CamelModel):
    reachable: bool
    latency_ms: int | None = None
    reply: str | None = None
    error: str | None = None
    status_code: int | None = None


class AgentRunRequest(CamelModel):
    message: text(20_000)
    context: dict[str, Any] = PydanticField(
        default_factory=dict, description="Free context; `history`: [{role: user|assistant, content}] is replayed"
    )


class AgentRunUsage(CamelModel):
    input_tokens: int
    output_tokens: int
    cost: float


class AgentRunResult(CamelModel):
    content: str
    model: str
    usage: AgentRunUsage
    created_at: datetime


class ImportResult(CamelModel, Generic[SchemaT]):
    imported: int
    data: list[SchemaT]
