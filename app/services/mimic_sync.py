"""mimic.yaml into a workspace (push) and out of one (pull), so that a team can move between
its repository and the dashboard.

Push matches every item by name: a new name is created, a known one replaced by what the file
says, nothing else in the workspace is touched; all in one transaction, all or nothing. The
agents' `${NAME}` references are resolved from `env` (the environment where `mimic push` ran)
and remembered as the agent's envRefs; a reference not given keeps the value stored from an
earlier push of the same reference. Pull writes the same references back, never a secret.
"""

from __future__ import annotations

import copy
from collections import defaultdict
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, SQLModel, col, select

from app.models.account import Workspace
from app.models.agent_config import secret_paths
from app.models.base import ENV_REFERENCE, CamelModel, utcnow
from app.models.library import Agent, AgentType, Objective, Persona
from app.models.mimic_file import (
    SCHEMA_VERSION,
    AgentEntry,
    Defaults,
    MimicFile,
    ObjectiveEntry,
    PersonaEntry,
    SuiteEntry,
    SuiteSettings,
)
from app.models.suite import Suite, SuiteConfig, SuiteCreate
from app.services import agent_config, mimic_file, objectives, personas, suites
from app.services.access import Permission, Principal, require
from app.services.errors import FieldError, NotFound, ValidationFailed

KINDS = ("personas", "objectives", "agents", "suites")
MODELS: dict[str, type[SQLModel]] = {"personas": Persona, "objectives": Objective, "agents": Agent, "suites": Suite}
SETTINGS_KEY = "mimicFile"


class PushSummary(CamelModel):
    """Names per kind (personas, objectives, agents, suites, defaults)."""

    created: dict[str, list[str]]
    updated: dict[str, list[str]]
    unchanged: dict[str, list[str]]
    dry_run: bool = False


class PullResult(CamelModel):
    document: dict[str, Any]
    warnings: list[str]
    missing: dict[str, list[str]]


class _Ledger:
    def __init__(self) -> None:
        self.created: dict[str, list[str]] = defaultdict(list)
        self.updated: dict[str, list[str]] = defaultdict(list)
        self.unchanged: dict[str, list[str]] = defaultdict(list)
        self.problems: list[FieldError] = []

    def note(self, kind: str, name: str, state: str) -> None:
        getattr(self, state)[kind].append(name)


def _workspace(session: Session, principal: Principal) -> Workspace:
    workspace = session.get(Workspace, principal.workspace_id)
    if workspace is None:
        raise NotFound("No such workspace")
    return workspace


def _by_name(session: Session, principal: Principal, kind: str) -> dict[str, list[Any]]:
    model: Any = MODELS[kind]
    rows = session.exec(select(model).where(model.workspace_id == principal.workspace_id)
                        .order_by(col(model.created_at))).all()  # fmt: skip
    found: dict[str, list[Any]] = defaultdict(list)
    for row in rows:
        found[row.name].append(row)
    return found


def _one(found: dict[str, list[Any]], name: str, kind: str, where: str, ledger: _Ledger) -> Any | None:
    rows = found.get(name, [])
    if len(rows) > 1:
        ledger.problems.append(FieldError(where, f"{len(rows)} {kind} are named {name!r} in the workspace: "
                                                 "rename all but one"))  # fmt: skip
        return None
    return rows[0] if rows else None


def _upsert(session: Session, principal: Principal, model: type, row: Any, values: dict[str, Any]) -> str:
    if row is None:
        session.add(model(workspace_id=principal.workspace_id, created_by=principal.user_id, **values))
        return "created"
    if all(getattr(row, k) == v for k, v in values.items()):
        return "unchanged"
    for k, v in values.items():
        setattr(row, k, v)
    row.updated_at = utcnow()
    return "updated"


# ---- push ----------------------------------------------------------------------------------


def push(
    *, session: Session, principal: Principal, document: MimicFile, env: dict[str, str], dry_run: bool = False
) -> PushSummary:
    require(principal, Permission.write)
    ledger = _Ledger()
    found = {kind: _by_name(session, principal, kind) for kind in KINDS}
    ids: dict[str, dict[str, str]] = {kind: {} for kind in KINDS}
    for index, entry in enumerate(document.personas):
        row = _one(found["personas"], entry.name, "personas", f"personas[{index}].name", ledger)
        values = personas.row_values(entry)
        ledger.note("personas", entry.name, _upsert(session, principal, Persona, row, values))
    for index, entry in enumerate(document.objectives):
        row = _one(found["objectives"], entry.name, "objectives", f"objectives[{index}].name", ledger)
        values = objectives.row_values(entry)
        ledger.note("objectives", entry.name, _upsert(session, principal, Objective, row, values))
    for index, entry in enumerate(document.agents):
        row = _one(found["agents"], entry.name, "agents", f"agents[{index}].name", ledger)
        values = _agent_values(entry, row, env, f"agents[{index}]", ledger)
        if values is not None:
            ledger.note("agents", entry.name, _upsert_agent(session, principal, row, values))
    if ledger.problems:
        session.rollback()
        raise ValidationFailed("Nothing was pushed", ledger.problems)
    session.flush()
    for kind in ("personas", "objectives", "agents"):
        found[kind] = _by_name(session, principal, kind)
        ids[kind] = {name: rows[0].id for name, rows in found[kind].items() if len(rows) == 1}
    for index, entry in enumerate(document.suites):
        _push_suite(session, principal, entry, document.defaults, found, ids, index, ledger)
    workspace = _workspace(session, principal)
    stored = (workspace.settings or {}).get(SETTINGS_KEY, {})
    defaults = mimic_file.canonical(MimicFile(version=SCHEMA_VERSION, defaults=document.defaults)).get("defaults")
    if defaults != stored.get("defaults"):
        workspace.settings = {**(workspace.settings or {}), SETTINGS_KEY: {**stored, "defaults": defaults}}
        ledger.note("defaults", "defaults", "updated")
    if ledger.problems:
        session.rollback()
        raise ValidationFailed("Nothing was pushed", ledger.problems)
    if dry_run:
        session.rollback()
    else:
        session.commit()
    return PushSummary(created=dict(ledger.created), updated=dict(ledger.updated), unchanged=dict(ledger.unchanged),
                       dry_run=dry_run)  # fmt: skip


def _leaves(value: Any, path: tuple[str, ...] = ()) -> Iterable[tuple[tuple[str, ...], str]]:
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _leaves(item, (*path, str(key)))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _leaves(item, (*path, str(index)))
    elif isinstance(value, str):
        yield path, value


def _at(value: Any, path: tuple[str, ...]) -> Any:
    for key in path:
        if isinstance(value, dict):
            value = value.get(key)
        elif isinstance(value, list) and key.isdigit() and int(key) < len(value):
            value = value[int(key)]
        else:
            return None
    return value


def _put(value: Any, path: tuple[str, ...], new: Any) -> None:
    for key in path[:-1]:
        value = value[int(key)] if isinstance(value, list) else value[key]
    if isinstance(value, list):
        value[int(path[-1])] = new
    else:
        value[path[-1]] = new


def _agent_values(entry: Any, row: Agent | None, env: dict[str, str], where: str, ledger: _Ledger) -> dict | None:
    agent_type = AgentType(entry.type)
    same_type = row is not None and row.type == agent_type.value
    stored_plain = agent_config.unsealed(agent_type, row.config) if same_type else {}
    stored_refs = stored_plain.get("envRefs") or {}
    raw = copy.deepcopy(entry.config)
    refs: dict[str, str] = {}
    unset: list[FieldError] = []
    for path, template in list(_leaves(raw)):
        names = ENV_REFERENCE.findall(template)
        if not names:
            continue
        dotted = ".".join(path)
        refs[dotted] = template
        missing = [n for n in names if n not in env]
        if not missing:
            _put(raw, path, ENV_REFERENCE.sub(lambda m: env[m.group(1)], template))
        elif stored_refs.get(dotted) == template and _at(stored_plain, path) is not None:
            _put(raw, path, _at(stored_plain, path))  # pushed before from the same variables: kept
        else:
            # Named as `env`, what lacks the value (the request's env, the environment of mimic push).
            message = (f"${{{missing[0]}}} is not set ({where}.config.{dotted} references it): set it where mimic "
                       "runs (CI secrets, a .env file)")  # fmt: skip
            unset.append(FieldError("env", message))
    ledger.problems += unset
    if unset or any(p.field.startswith(where) for p in ledger.problems):
        return None
    raw["envRefs"] = refs
    try:
        config = agent_config.validate(agent_type, raw, stored=row.config if same_type else None, keep_env_refs=True)
    except ValidationFailed as exc:
        ledger.problems += [FieldError(f"{where}.{d.field}", d.message) for d in exc.details]
        return None
    return {"name": entry.name, "description": entry.description, "type": agent_type.value, "config": config,
            "status": entry.status}  # fmt: skip


def _upsert_agent(session: Session, principal: Principal, row: Agent | None, values: dict[str, Any]) -> str:
    if row is not None and row.type == values["type"]:
        agent_type = AgentType(row.type)
        same = agent_config.unsealed(agent_type, row.config) == agent_config.unsealed(agent_type, values["config"])
        if same and all(getattr(row, k) == v for k, v in values.items() if k != "config"):
            return "unchanged"
    return _upsert(session, principal, Agent, row, values)


def suite_create(entry: SuiteEntry, settings: SuiteSettings, agent_id: str, persona_ids: list[str],
                 objective_ids: list[str]) -> SuiteCreate:  # fmt: skip
    config: dict[str, Any] = {
        "duration": settings.duration, "maxMessages": settings.max_messages,
        "messageInterval": settings.message_interval, "seed": settings.seed, "judgeModel": settings.judge_model,
        "thresholds": settings.thresholds.model_dump(by_alias=True, exclude_none=True) if settings.thresholds else None,
        "judgeRepeats": settings.judge_repeats,
        "calibrationGate": settings.calibration_gate.model_dump(by_alias=True) if settings.calibration_gate else None,
    }  # fmt: skip
    return SuiteCreate(
        name=entry.name, description=entry.description, agent_id=agent_id, persona_ids=persona_ids,
        objective_ids=objective_ids, repeats=settings.repeats or 1, simulator_model=settings.model,
        config=SuiteConfig.model_validate({k: v for k, v in config.items() if v is not None}),
    )  # fmt: skip


def _push_suite(session, principal, entry: SuiteEntry, defaults, found, ids, index: int, ledger: _Ledger) -> None:
    where = f"suites[{index}]"
    problems_before = len(ledger.problems)

    def resolve(kind: str, name: str, field: str) -> str | None:
        if name in ids[kind]:
            return ids[kind][name]
        _one(found[kind], name, kind, field, ledger) if found[kind].get(name) else ledger.problems.append(
            FieldError(field, f"no {kind[:-1]} named {name!r} in the file or the workspace")
        )
        return None

    agent_id = resolve("agents", entry.agent, f"{where}.agent")
    persona_ids = [resolve("personas", n, f"{where}.matrix.personas[{i}]") for i, n in enumerate(entry.matrix.personas)]
    objective_ids = [resolve("objectives", n, f"{where}.matrix.objectives[{i}]")
                     for i, n in enumerate(entry.matrix.objectives)]  # fmt: skip
    if len(ledger.problems) > problems_before:
        return
    data = suite_create(entry, mimic_file.effective(entry, defaults), agent_id, persona_ids, objective_ids)  # type: ignore[arg-type]
    values = suites.values_of(data)
    try:
        suites.check_matrix(session, principal, data.agent_id, data.persona_ids, data.objective_ids, data.repeats)
    except ValidationFailed as exc:
        ledger.problems += [FieldError(f"{where}.{d.field}", d.message) for d in exc.details]
        return
    row = _one(found["suites"], entry.name, "suites", f"{where}.name", ledger)
    ledger.note("suites", entry.name, _upsert(session, principal, Suite, row, values))


# ---- pull ----------------------------------------------------------------------------------


def pull(
    *, session: Session, principal: Principal, names: dict[str, list[str]] | None = None, with_defaults: bool = True
) -> PullResult:
    """The workspace as a mimic.yaml document: everything, or only the items `names` names
    per kind (a kind not named: none of it)."""
    require(principal, Permission.read)
    warnings: list[str] = []
    missing: dict[str, list[str]] = {}
    chosen: dict[str, list[Any]] = {}
    for kind in KINDS:
        found = _by_name(session, principal, kind)
        wanted = list(found) if names is None else list(dict.fromkeys(names.get(kind, [])))
        chosen[kind] = [found[n][0] for n in wanted if n in found]
        missing[kind] = [n for n in wanted if n not in found]
        warnings += [f"{len(found[n])} {kind} are named {n!r}; the oldest was pulled" for n in wanted
                     if len(found.get(n, [])) > 1]  # fmt: skip
    stored_defaults = (_workspace(session, principal).settings or {}).get(SETTINGS_KEY, {}).get("defaults")
    defaults = Defaults.model_validate(stored_defaults) if stored_defaults and with_defaults else None
    names_by_id = {row.id: row.name for kind in ("personas", "objectives", "agents")
                   for rows in _by_name(session, principal, kind).values() for row in rows}  # fmt: skip
    document = MimicFile(
        version=SCHEMA_VERSION,
        defaults=defaults,
        personas=[_persona_entry(r) for r in chosen["personas"]],
        objectives=[_objective_entry(r) for r in chosen["objectives"]],
        agents=[_agent_entry(r, warnings) for r in chosen["agents"]],
        suites=[_suite_entry(r, names_by_id) for r in chosen["suites"]],
    )
    return PullResult(document=mimic_file.canonical(document), warnings=warnings,
                      missing={k: v for k, v in missing.items() if v})  # fmt: skip


_PUBLIC_ONLY = {"id", "createdAt", "updatedAt"}


def _persona_entry(row: Persona) -> PersonaEntry:
    dumped = personas.to_public(row).model_dump(by_alias=True, mode="json")
    return PersonaEntry.model_validate({k: v for k, v in dumped.items() if k not in _PUBLIC_ONLY})


def _objective_entry(row: Objective) -> ObjectiveEntry:
    dumped = objectives.to_public(row).model_dump(by_alias=True, mode="json")
    return ObjectiveEntry.model_validate({k: v for k, v in dumped.items() if k not in _PUBLIC_ONLY})


def _agent_entry(row: Agent, warnings: list[str]) -> Any:
    agent_type = AgentType(row.type)
    config = agent_config.masked(agent_type, row.config)
    refs = config.pop("envRefs", None) or {}
    for dotted, template in refs.items():
        path = tuple(dotted.split("."))
        if _at(config, path) is not None:
            _put(config, path, template)
    for path in secret_paths(agent_type, config):
        if ".".join(path) not in refs:
            name = "".join(c if c.isalnum() else "_" for c in f"{row.name}_{path[-1]}").upper().strip("_")
            _put(config, path, f"${{{name}}}")
            warnings.append(
                f"agent {row.name!r}: its {'.'.join(path)} was typed in the dashboard; it is pulled as ${{{name}}}: "
                "set that variable where mimic runs (the stored value stays on the server)"
            )
    entry = {"name": row.name, "description": row.description, "type": row.type, "config": config,
             "status": row.status}  # fmt: skip
    return MimicFile.model_validate({"version": SCHEMA_VERSION, "agents": [entry]}).agents[0]


def _suite_entry(row: Suite, names_by_id: dict[str, str]) -> SuiteEntry:
    """The suite with every setting it runs with (canonical() leaves out what the defaults give)."""
    config = SuiteConfig.model_validate(row.config)
    settings: dict[str, Any] = {
        "repeats": row.repeats, "model": row.simulator_model, "judgeModel": config.judge_model,
        "judgeRepeats": config.judge_repeats, "seed": config.seed, "maxMessages": config.max_messages,
        "duration": config.duration, "messageInterval": config.message_interval,
        "thresholds": config.thresholds.model_dump(by_alias=True, exclude_none=True) if config.thresholds else None,
        "calibrationGate": config.calibration_gate.model_dump(by_alias=True) if config.calibration_gate else None,
    }  # fmt: skip
    entry = {
        "name": row.name, "description": row.description, "agent": names_by_id.get(row.agent_id, row.agent_id),
        "matrix": {"personas": [names_by_id.get(i, i) for i in row.persona_ids],
                   "objectives": [names_by_id.get(i, i) for i in row.objective_ids]},
        **{k: v for k, v in settings.items() if v is not None},
    }  # fmt: skip
    return SuiteEntry.model_validate(entry)


__all__ = ["AgentEntry", "PullResult", "PushSummary", "pull", "push", "suite_create"]
