"""Reading mimic.yaml: parse, validate (the published JSON Schema first, then the API's own
models and the rules a schema cannot say), and the canonical form that push and pull agree on.

The canonical form leaves out what equals its default, so that a file pushed and pulled back
is the same document. Pure: no database (the command line validates a file with it before
anything runs; app/services/mimic_sync.py pushes and pulls).
"""

from __future__ import annotations

import json
from collections import Counter
from functools import cache
from typing import Any

import yaml
from jsonschema import Draft202012Validator
from pydantic import ValidationError

from app.models.agent_config import CONFIG_TYPES
from app.models.base import PATTERN_MESSAGES
from app.models.library import AgentType
from app.models.mimic_file import (
    AGENT_ENTRIES,
    SCHEMA_VERSION,
    SECRET_FIELD_PATTERN,
    SECRET_VALUE_PATTERN,
    Defaults,
    MimicFile,
    SuiteSettings,
    references,
    schema,
)
from app.services.errors import FieldError, ValidationFailed, human_message

MAX_PROBLEMS = 50
SUITE_SETTINGS = tuple(SuiteSettings.model_fields)


@cache
def _schema() -> dict[str, Any]:
    return schema()


@cache
def _validator() -> Draft202012Validator:
    document = _schema()
    # Agents are checked one by one against their type's entry: a oneOf over every type
    # would only say "valid under none of the given schemas".
    without_agents = {**document, "properties": {**document["properties"], "agents": {"type": "array"}}}
    return Draft202012Validator(without_agents)


@cache
def _agent_validator(agent_type: str) -> Draft202012Validator:
    document = _schema()
    entry = AGENT_ENTRIES[AgentType(agent_type)].__name__
    return Draft202012Validator({"$ref": f"#/$defs/{entry}", "$defs": document["$defs"]})


def _message(error: Any) -> str:
    """jsonschema's message, or for a pattern what it means in words (the regex says little)."""
    if error.validator == "pattern" and error.validator_value in PATTERN_MESSAGES:
        return PATTERN_MESSAGES[error.validator_value]
    return error.message[:300]


def _agent_message(error: Any, agent: dict[str, Any]) -> str:
    """As _message; an inline secret is told which variable it could be (SUPPORT_BOT_APIKEY)."""
    if error.validator == "pattern" and error.validator_value in (SECRET_FIELD_PATTERN, SECRET_VALUE_PATTERN):
        hint = "".join(c if c.isalnum() else "_" for c in f"{agent.get('name', 'agent')}_{error.path[-1]}").upper()
        return (f"an inline secret: write a reference to an environment variable, such as ${{{hint}}}, and set it "
                "where mimic runs")  # fmt: skip
    return _message(error)


def _path(parts: Any) -> str:
    out = ""
    for part in parts:
        out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
    return out or "(file)"


# ---- reading -------------------------------------------------------------------------------


def parse(content: bytes | str, *, source: str = "mimic.yaml", whole: str = "(file)") -> dict[str, Any]:
    """YAML (or JSON, which YAML reads too) into a mapping, with the line of a syntax error.
    `whole` names the file in the errors (the API: `body`, or `document` inside a JSON body)."""
    try:
        text = content.decode("utf-8") if isinstance(content, bytes) else content
        document = yaml.safe_load(text)
    except UnicodeDecodeError as exc:
        raise ValidationFailed(
            f"{source} is not UTF-8 text", [FieldError(whole, f"not UTF-8 YAML: {exc}"[:300])]
        ) from exc
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f" at line {mark.line + 1}, column {mark.column + 1}" if mark else ""
        raise ValidationFailed(
            f"{source} is not valid YAML", [FieldError(whole, f"not valid YAML{where}: {exc}"[:300])]
        ) from exc
    if not isinstance(document, dict):
        raise ValidationFailed(f"{source} must be a mapping",
                               [FieldError(whole, "expected a YAML mapping with keys such as version")])  # fmt: skip
    return document


def validate(document: dict[str, Any]) -> MimicFile:
    """The file as models, or ValidationFailed naming every problem by its path in the file
    (`agents[0].config.apiKey`)."""
    version = document.get("version")
    if version != SCHEMA_VERSION:
        message = (
            "missing: write `version: 1` first" if version is None else f"this Mimic reads version {SCHEMA_VERSION}"
        )
        raise ValidationFailed("Unsupported mimic.yaml", [FieldError("version", message)])
    problems = [
        FieldError(_path(e.absolute_path), _message(e))
        for e in sorted(_validator().iter_errors(document), key=lambda e: list(map(str, e.absolute_path)))
    ]
    agents = document.get("agents") if isinstance(document.get("agents"), list) else []
    for index, agent in enumerate(agents):
        kind = agent.get("type") if isinstance(agent, dict) else None
        if kind not in {t.value for t in CONFIG_TYPES}:
            problems.append(FieldError(f"agents[{index}].type",
                                       f"must be one of {', '.join(t.value for t in CONFIG_TYPES)}"))  # fmt: skip
            continue
        problems += [
            FieldError(_path(["agents", index, *e.absolute_path]), _agent_message(e, agent))
            for e in _agent_validator(kind).iter_errors(agent)
        ]
    if problems:
        raise ValidationFailed(f"{len(problems)} problem(s) in mimic.yaml", problems[:MAX_PROBLEMS])
    try:
        parsed = MimicFile.model_validate(document)
    except ValidationError as exc:
        # Named as the schema's errors are: by the place in the file (objectives[0].checks[1].value).
        problems = [FieldError(_path(e["loc"]), human_message(e)) for e in exc.errors()]
        raise ValidationFailed("Invalid mimic.yaml", problems[:MAX_PROBLEMS]) from exc
    problems = _rules(parsed)
    if problems:
        raise ValidationFailed(f"{len(problems)} problem(s) in mimic.yaml", problems[:MAX_PROBLEMS])
    return parsed


def load(content: bytes | str, *, source: str = "mimic.yaml") -> MimicFile:
    return validate(parse(content, source=source))


def _rules(doc: MimicFile) -> list[FieldError]:
    problems: list[FieldError] = []
    for kind in ("personas", "objectives", "agents", "suites"):
        counts = Counter(item.name for item in getattr(doc, kind))
        problems += [FieldError(kind, f"the name {name!r} is used {n} times") for name, n in counts.items() if n > 1]
    # Inline secrets are refused by the schema itself (SECRET_FIELD_PATTERN, SECRET_HEADERS_PATTERN).
    return problems


def effective(entry: SuiteSettings, defaults: Defaults | None) -> SuiteSettings:
    """A suite's settings with the file's defaults filled in (thresholds key by key)."""
    fields = set(SuiteSettings.model_fields)
    own = entry.model_dump(by_alias=True, exclude_none=True, include=fields)
    given = defaults.model_dump(by_alias=True, exclude_none=True) if defaults else {}
    merged = {**given, **own}
    if "thresholds" in own and "thresholds" in given:
        merged["thresholds"] = {**given["thresholds"], **own["thresholds"]}
    return SuiteSettings.model_validate(merged)


def variables(doc: MimicFile) -> list[str]:
    """The environment variables the file's agents reference, in order of appearance."""
    return list(dict.fromkeys(name for agent in doc.agents for name in references(agent.config)))


# ---- the canonical form -------------------------------------------------------------------


# Values kept whole: a json_schema check's schema is data, where {} means "any JSON".
_VERBATIM = {"schema"}


def _prune(value: Any) -> Any:
    """Drops empty mappings and lists (every default of the file is empty or absent)."""
    if isinstance(value, dict):
        pruned = {k: v if k in _VERBATIM else _prune(v) for k, v in value.items()}
        return {k: v for k, v in pruned.items() if v is not None and (k in _VERBATIM or v not in ({}, []))}
    if isinstance(value, list):
        return [_prune(v) for v in value]
    return value


def _defaults_of(model: Any) -> dict[str, Any]:
    defaults = {}
    for name, field in model.model_fields.items():
        if not field.is_required():
            value = field.get_default(call_default_factory=True)
            defaults[field.alias or name] = value.model_dump(by_alias=True) if hasattr(value, "model_dump") else value
    return defaults


def _config_defaults(agent_type: AgentType, config: dict[str, Any]) -> dict[str, Any]:
    model = CONFIG_TYPES[agent_type]
    # A config of several shapes (a voice agent's, per transport) has the defaults of its shape,
    # except the key that picks the shape: it stays unless it is the one picked by default.
    shape = getattr(model, "shape_of", None)
    concrete = (shape(config) if shape else None) or model
    return {**_defaults_of(concrete), **_defaults_of(model)}


def canonical(doc: MimicFile) -> dict[str, Any]:
    """The document without anything that equals its default, keys in the schema's order: a
    suite does not restate what `defaults` gives it (thresholds key by key), nor repeats: 1."""
    out = doc.model_dump(by_alias=True, exclude_defaults=True, mode="json")
    for agent, dumped in zip(doc.agents, out.get("agents", []), strict=True):
        defaults = _config_defaults(AgentType(agent.type), agent.config)
        dumped["config"] = {k: v for k, v in agent.config.items() if k != "envRefs" and defaults.get(k, ...) != v}
    given = out.get("defaults") or {}
    for suite in out.get("suites", []):
        for key, value in given.items():
            if key == "thresholds" and isinstance(suite.get("thresholds"), dict):
                suite["thresholds"] = {k: v for k, v in suite["thresholds"].items() if value.get(k) != v}
            elif suite.get(key) == value:
                del suite[key]
        if suite.get("repeats") == 1 and "repeats" not in given:
            del suite["repeats"]
    return _prune(out)


def dump(document: dict[str, Any], *, fmt: str = "yaml") -> str:
    if fmt == "json":
        return json.dumps(document, indent=2, ensure_ascii=False) + "\n"
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True, width=100)
