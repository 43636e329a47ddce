"""`mimic.yaml`: a workspace's personas, objectives, agents and suites as one versioned file,
kept in a team's repository beside its agent's code.

The entries reuse the API's own schemas (PersonaCreate, ObjectiveCreate, the agent config of
each type), so the file cannot drift from the API; the JSON Schema published for editors
(`schema()`, served at GET /api/schemas/mimic.yaml.json) is made from these models, made
strict (an unknown key is an error, not silently dropped) and is the first validator of a file.

Agents name their secrets as references to environment variables, `${NAME}`, never inline;
references also work inside any other string of an agent's config (`url: ${BOT_URL}/chat`).
"""

from __future__ import annotations

import copy
from typing import Annotated, Any, Literal, Union

from pydantic import ConfigDict, Field, ValidationError, create_model

from app.models.agent_config import CONFIG_TYPES, SENSITIVE_HEADER
from app.models.base import ENV_REFERENCE, PATTERN_MESSAGES, CamelModel, Name
from app.models.library import AgentType, ObjectiveCreate, PersonaCreate
from app.models.suite import CalibrationGate, SuiteThresholds

SCHEMA_VERSION = 1
SCHEMA_ID = "https://mimic.dev/schemas/mimic.yaml.json"


def references(value: Any) -> list[str]:
    """The variable names referenced anywhere in a string (or nested lists and dicts)."""
    if isinstance(value, str):
        return ENV_REFERENCE.findall(value)
    if isinstance(value, dict):
        return [name for item in value.values() for name in references(item)]
    if isinstance(value, list):
        return [name for item in value for name in references(item)]
    return []


class FileModel(CamelModel):
    """camelCase keys only, and no unknown key: a typo is an error, not a silent default."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False)


# ---- entries -----------------------------------------------------------------------------


class PersonaEntry(PersonaCreate):
    """A persona, exactly as the API takes it (POST /api/personas)."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False)


class ObjectiveEntry(ObjectiveCreate):
    """An objective exactly as the API takes it (POST /api/objectives), its deterministic
    `checks` (ObjectiveCheck) beside the criteria they may decide."""

    model_config = ConfigDict(extra="forbid", populate_by_name=False)


CONFIG_MARKER = "x-mimic-config"


def _agent_entry(agent_type: AgentType) -> type[FileModel]:
    config_model = CONFIG_TYPES[agent_type]
    marker = {CONFIG_MARKER: config_model.__name__}
    # Required when its type needs some of it (a URL, a prompt: an empty config is refused,
    # a voice agent's by its transport's rules); else it may be left out.
    try:
        config_model.model_validate({})
        needed = False
    except ValidationError:
        needed = True
    config = Field(json_schema_extra=marker) if needed else Field(default_factory=dict, json_schema_extra=marker)
    return create_model(  # type: ignore[call-overload]
        f"{config_model.__name__.removesuffix('Config')}Entry",
        __base__=FileModel,
        __doc__=f"A {agent_type.value} agent. {(config_model.__doc__ or '').strip()}",
        name=(Name, ...),
        description=(str, Field(default="", max_length=5000)),
        type=(Literal[agent_type.value], ...),  # type: ignore[valid-type]
        config=(dict[str, Any], config),
        status=(Literal["active", "inactive"], "active"),
    )


# One entry per agent type: a type added to CONFIG_TYPES appears in the file's schema.
AGENT_ENTRIES = {agent_type: _agent_entry(agent_type) for agent_type in CONFIG_TYPES}
AgentEntry = Annotated[Union[tuple(AGENT_ENTRIES.values())], Field(discriminator="type")]  # noqa: UP007


class SuiteSettings(FileModel):
    """What a suite may set and `defaults` gives every suite that does not."""

    repeats: int | None = Field(default=None, ge=1, le=100, description="Sessions per cell (default 1)")
    model: str | None = Field(default=None, max_length=200, description="The persona simulator's model")
    judge_model: str | None = Field(default=None, max_length=200)
    judge_repeats: int | None = Field(
        default=None, ge=1, le=11,
        description="Independent judgements of each session, the majority per criterion (else the workspace's)",
    )  # fmt: skip
    seed: int | None = Field(default=None, ge=0, le=2**31 - 1, description="Makes offline runs reproducible")
    max_messages: int | None = Field(default=None, ge=1, le=1000)
    duration: float | None = Field(default=None, gt=0, le=86_400, description="Seconds per session")
    message_interval: float | None = Field(default=None, ge=0, le=3600)
    thresholds: SuiteThresholds | None = None
    calibration_gate: CalibrationGate | None = Field(
        default=None, description="Require a judge calibrated on this set: else the runs fail their gate"
    )


class Matrix(FileModel):
    personas: list[Name] = Field(min_length=1, max_length=100, description="Persona names")
    objectives: list[Name] = Field(min_length=1, max_length=100, description="Objective names")


class SuiteEntry(SuiteSettings):
    """personas x objectives x repeats against one agent."""

    name: Name
    description: str = Field(default="", max_length=5000)
    agent: Name = Field(description="The agent's name")
    matrix: Matrix


class Defaults(SuiteSettings):
    """Settings of every suite of the file that does not set them itself."""


class MimicFile(FileModel):
    """A Mimic project file (mimic.yaml)."""

    version: Literal[1] = Field(description="The version of this file's format")
    defaults: Defaults | None = None
    personas: list[PersonaEntry] = Field(default_factory=list, max_length=500)
    objectives: list[ObjectiveEntry] = Field(default_factory=list, max_length=500)
    agents: list[AgentEntry] = Field(default_factory=list, max_length=100)  # type: ignore[valid-type]
    suites: list[SuiteEntry] = Field(default_factory=list, max_length=100)


# ---- the JSON Schema -----------------------------------------------------------------------


def _strict(node: Any) -> None:
    """additionalProperties: false on every object of known keys (the API models ignore
    unknown keys; a file must not), except the ones that allow free keys (traits); an agent's
    config points at its type's config schema."""
    if isinstance(node, dict):
        if CONFIG_MARKER in node:
            name = node.pop(CONFIG_MARKER)
            node.clear()
            node["$ref"] = f"#/$defs/{name}"
            return
        if node.get("type") == "object" and "properties" in node and "additionalProperties" not in node \
                and not _keys_in_parts(node) - set(node["properties"]):  # fmt: skip
            node["additionalProperties"] = False
        for value in node.values():
            _strict(value)
    elif isinstance(node, list):
        for value in node:
            _strict(value)


def _keys_in_parts(node: dict[str, Any]) -> set[str]:
    """The keys an object's conditional parts declare (a voice agent's config: one part per
    transport, with its own keys). An object whose parts declare keys of their own is limited
    by its parts (each strict), not by its own short list of keys."""
    parts = [p for key in ("allOf", "anyOf", "oneOf") for p in node.get(key, ()) if isinstance(p, dict)]
    parts += [p[branch] for p in list(parts) for branch in ("then", "else") if isinstance(p.get(branch), dict)]
    return {name for part in parts for name in part.get("properties", {})}


# A string of an agent's config that holds a ${NAME} reference (unanchored, as JSON Schema reads patterns).
REFERENCE_PATTERN = ENV_REFERENCE.pattern


def _or_reference(node: Any) -> None:
    """Inside an agent's config a string may hold ${NAME} references in place of what its
    pattern asks (`url: ${BOT_URL}/chat`): the value the variable gives is checked at push."""
    if isinstance(node, dict):
        pattern = node.get("pattern")
        if node.get("type") == "string" and isinstance(pattern, str) and not pattern.endswith(REFERENCE_PATTERN):
            either = f"(?:{pattern})|{REFERENCE_PATTERN}"
            meaning = PATTERN_MESSAGES.get(pattern, f"must match {pattern}")
            PATTERN_MESSAGES[either] = f"{meaning}, or hold a ${{NAME}} reference to an environment variable"
            node["pattern"] = either
        for value in node.values():
            _or_reference(value)
    elif isinstance(node, list):
        for value in node:
            _or_reference(value)


def _any_case(pattern: str) -> str:
    """`pattern` matching letters in either case (JSON Schema's regexes take no flags)."""
    out, in_class = [], False
    for char in pattern:
        in_class = (in_class or char == "[") and char != "]"
        out.append(f"[{char.lower()}{char.upper()}]" if char.isalpha() and not in_class else char)
    return "".join(out)


INLINE_SECRET = (
    "an inline secret: write a reference to an environment variable instead, such as ${BOT_TOKEN}, "
    "and set it where mimic runs"
)
# A secret field is empty (none) or holds a reference; a sensitive header always holds one.
SECRET_FIELD_PATTERN = f"^$|{REFERENCE_PATTERN}"
SECRET_VALUE_PATTERN = f"^[\\s\\S]*{REFERENCE_PATTERN}"  # any text holding a reference (its own message)
SECRET_HEADERS_PATTERN = _any_case(SENSITIVE_HEADER.pattern)
PATTERN_MESSAGES[SECRET_FIELD_PATTERN] = PATTERN_MESSAGES[SECRET_VALUE_PATTERN] = INLINE_SECRET


def _secrets_as_references(node: Any, secret_fields: tuple[str, ...]) -> None:
    """Secrets are never inline: the schema says so, so that an editor flags one as it is typed
    (in every part of a config: a voice agent's has one per transport). `envRefs` is not a key
    of the file: the references are written in the values themselves."""
    if isinstance(node, dict):
        properties = node.get("properties")
        if isinstance(properties, dict):
            properties.pop("envRefs", None)
            for name in secret_fields:
                if name in properties:
                    properties[name]["pattern"] = SECRET_FIELD_PATTERN
            if "headers" in properties:
                properties["headers"]["patternProperties"] = {
                    SECRET_HEADERS_PATTERN: {"type": "string", "pattern": SECRET_VALUE_PATTERN}
                }
        for value in node.values():
            _secrets_as_references(value, secret_fields)
    elif isinstance(node, list):
        for value in node:
            _secrets_as_references(value, secret_fields)


def schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of mimic.yaml, version SCHEMA_VERSION."""
    document = copy.deepcopy(MimicFile.model_json_schema(by_alias=True, mode="validation"))
    defs = document.setdefault("$defs", {})
    for config_model in CONFIG_TYPES.values():
        config_schema = config_model.model_json_schema(by_alias=True, mode="validation")
        config_defs = config_schema.pop("$defs", {})
        _or_reference([config_schema, config_defs])
        _secrets_as_references(config_schema, config_model.SECRET_FIELDS)
        defs.update(config_defs)
        defs[config_model.__name__] = config_schema
    _strict(document)
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Mimic project file (mimic.yaml)",
        "description": f"Version {SCHEMA_VERSION}. Personas, objectives (with checks), agents (secrets as ${{ENV_VAR}} "
        "references, never inline), suites and their defaults. See the README's section on mimic.yaml.",
        **{k: v for k, v in document.items() if k not in ("title", "description")},
    }


OPENAPI_NAME = "MimicYaml"


def openapi_components() -> dict[str, dict[str, Any]]:
    """The schema as OpenAPI components (MimicYaml, MimicYaml<Definition>), so that the import's
    request body documents the file exactly as editors validate it."""
    document = schema()
    definitions = document.pop("$defs")

    def moved(node: Any) -> Any:
        if isinstance(node, dict):
            return {key: moved(value) for key, value in node.items()}
        if isinstance(node, list):
            return [moved(value) for value in node]
        if isinstance(node, str) and node.startswith("#/$defs/"):
            return f"#/components/schemas/{OPENAPI_NAME}{node.removeprefix('#/$defs/')}"
        return node

    root = {key: value for key, value in document.items() if key not in ("$schema", "$id")}
    return {OPENAPI_NAME: moved(root)} | {f"{OPENAPI_NAME}{name}": moved(d) for name, d in definitions.items()}
