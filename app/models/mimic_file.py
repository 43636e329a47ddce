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

from pydantic import ConfigDict, Field, create_model

from app.models.agent_config import CONFIG_TYPES, ENV_REFERENCE
from app.models.base import CamelModel, Name
from app.models.library import AgentType, ObjectiveCreate, PersonaCreate
from app.models.suite import SuiteThresholds

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
    return create_model(  # type: ignore[call-overload]
        f"{config_model.__name__.removesuffix('Config')}Entry",
        __base__=FileModel,
        __doc__=f"A {agent_type.value} agent. {(config_model.__doc__ or '').strip()}",
        name=(Name, ...),
        description=(str, Field(default="", max_length=5000)),
        type=(Literal[agent_type.value], ...),  # type: ignore[valid-type]
        config=(dict[str, Any], Field(default_factory=dict, json_schema_extra={CONFIG_MARKER: config_model.__name__})),
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
        default=None, ge=1, le=10, description="How often the judge rules on each session (the majority wins)"
    )
    seed: int | None = Field(default=None, ge=0, le=2**31 - 1, description="Makes offline runs reproducible")
    max_messages: int | None = Field(default=None, ge=1, le=1000)
    duration: float | None = Field(default=None, gt=0, le=86_400, description="Seconds per session")
    message_interval: float | None = Field(default=None, ge=0, le=3600)
    thresholds: SuiteThresholds | None = None


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
        if node.get("type") == "object" and "properties" in node and "additionalProperties" not in node:
            node["additionalProperties"] = False
        for value in node.values():
            _strict(value)
    elif isinstance(node, list):
        for value in node:
            _strict(value)


def schema() -> dict[str, Any]:
    """The JSON Schema (2020-12) of mimic.yaml, version SCHEMA_VERSION."""
    document = copy.deepcopy(MimicFile.model_json_schema(by_alias=True, mode="validation"))
    defs = document.setdefault("$defs", {})
    for config_model in CONFIG_TYPES.values():
        config_schema = config_model.model_json_schema(by_alias=True, mode="validation")
        defs.update(config_schema.pop("$defs", {}))
        config_schema["properties"].pop("envRefs", None)  # written as ${NAME} in the values themselves
        defs[config_model.__name__] = config_schema
    _strict(document)
    # Inside an agent's config a string may be ${NAME} in place of any value (a URL, a port).
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "Mimic project file (mimic.yaml)",
        "description": f"Version {SCHEMA_VERSION}. Personas, objectives (with checks), agents (secrets as ${{ENV_VAR}} "
        "references, never inline), suites and their defaults. See the README's section on mimic.yaml.",
        **{k: v for k, v in document.items() if k not in ("title", "description")},
    }
