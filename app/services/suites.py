"""Suites: a named persona x objective x repeats matrix against one agent."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session, col, select

from app.models.library import Agent, Objective, Persona
from app.models.suite import MAX_SUITE_SESSIONS, Run, Suite, SuiteCreate, SuitePublic, SuiteUpdate
from app.services import names, sessions
from app.services.access import Principal
from app.services.crud import ScopedResource
from app.services.errors import Conflict, FieldError, ValidationFailed
from app.services.pagination import PageParams, Paginated

# Every agent a session can run against: the conversational ones and websites.
RUNNABLE_AGENT_TYPES = sessions.CHAT_AGENT_TYPES | {"browser"}


def to_public(row: Suite) -> SuitePublic:
    cells = len(row.persona_ids) * len(row.objective_ids)
    return SuitePublic(
        id=row.id, name=row.name, description=row.description, agent_id=row.agent_id, persona_ids=row.persona_ids,
        objective_ids=row.objective_ids, repeats=row.repeats, simulator_model=row.simulator_model,
        config=row.config, cell_count=cells, session_count=cells * row.repeats, created_at=row.created_at,
        updated_at=row.updated_at,
    )  # fmt: skip


resource = ScopedResource(Suite, to_public, "suite", named=names.name_suites)


def _unique(ids: list[str]) -> list[str]:
    return list(dict.fromkeys(ids))


def check_matrix(
    session: Session,
    principal: Principal,
    agent_id: str,
    persona_ids: list[str],
    objective_ids: list[str],
    repeats: int,
) -> None:
    """Every id names a row of the caller's workspace, and the matrix is not too big."""
    problems: list[FieldError] = []
    values = {"persona_ids": persona_ids, "objective_ids": objective_ids}
    agent = session.get(Agent, agent_id)
    if agent is None or agent.workspace_id != principal.workspace_id:
        problems.append(FieldError("agentId", "no such agent in this workspace"))
    elif agent.type not in RUNNABLE_AGENT_TYPES:
        problems.append(FieldError("agentId", f"{agent.type} agents cannot run sessions"))
    for field, model, label in (("persona_ids", Persona, "persona"), ("objective_ids", Objective, "objective")):
        ids = values[field]
        found = set(
            session.exec(
                select(model.id).where(model.workspace_id == principal.workspace_id, col(model.id).in_(ids))
            ).all()
        )
        missing = [i for i in ids if i not in found]
        if missing:
            name = "personaIds" if field == "persona_ids" else "objectiveIds"
            problems.append(FieldError(name, f"no such {label} in this workspace: {', '.join(missing[:5])}"))
    total = len(persona_ids) * len(objective_ids) * repeats
    if total > MAX_SUITE_SESSIONS:
        problems.append(FieldError("repeats", f"the suite would run {total} sessions; at most {MAX_SUITE_SESSIONS}"))
    if problems:
        raise ValidationFailed("Invalid suite", problems)


def _check(session: Session, principal: Principal, values: dict[str, Any]) -> None:
    check_matrix(
        session, principal, values["agent_id"], values["persona_ids"], values["objective_ids"], values["repeats"]
    )


def _values(data: SuiteCreate | SuiteUpdate, *, partial: bool) -> dict[str, Any]:
    values = data.model_dump(exclude_unset=partial, by_alias=False)
    if "config" in values and data.config is not None:
        values["config"] = data.config.model_dump(by_alias=True, exclude_none=True)
    for field in ("persona_ids", "objective_ids"):
        if values.get(field) is not None:
            values[field] = _unique(values[field])
    if "simulator_model" in values:
        values["simulator_model"] = (values["simulator_model"] or "").strip() or None
    return {k: v for k, v in values.items() if v is not None or k == "simulator_model"}


def values_of(data: SuiteCreate) -> dict[str, Any]:
    """The columns a suite is stored with (mimic.yaml's push writes them too)."""
    return _values(data, partial=False)


def list_suites(
    *, session: Session, principal: Principal, params: PageParams, q: str | None = None, agent_id: str | None = None
) -> Paginated[SuitePublic]:
    return resource.list(session, principal, params, q=q, filters={"agent_id": agent_id})


def get_suite(*, session: Session, principal: Principal, suite_id: str) -> SuitePublic:
    return resource.get(session, principal, suite_id)


def create_suite(*, session: Session, principal: Principal, data: SuiteCreate) -> SuitePublic:
    values = _values(data, partial=False)
    _check(session, principal, values)
    return resource.add(session, principal, **values)


def replace_suite(*, session: Session, principal: Principal, suite_id: str, data: SuiteCreate) -> SuitePublic:
    resource.row(session, principal, suite_id)
    values = _values(data, partial=False)
    _check(session, principal, values)
    return resource.change(session, principal, suite_id, **values)


def update_suite(*, session: Session, principal: Principal, suite_id: str, data: SuiteUpdate) -> SuitePublic:
    row = resource.row(session, principal, suite_id)
    values = _values(data, partial=True)
    merged = {
        "agent_id": values.get("agent_id", row.agent_id),
        "persona_ids": values.get("persona_ids", row.persona_ids),
        "objective_ids": values.get("objective_ids", row.objective_ids),
        "repeats": values.get("repeats", row.repeats),
    }
    _check(session, principal, merged)
    return resource.change(session, principal, suite_id, **values)


def delete_suite(*, session: Session, principal: Principal, suite_id: str) -> None:
    """Deletes the suite with its runs and their sessions (the foreign keys cascade);
    a suite with a run under way is cancelled first, so no session loses its run mid-flight."""
    row = resource.row(session, principal, suite_id)
    active = session.exec(
        select(Run.id).where(Run.suite_id == row.id, col(Run.status).in_(("pending", "running")))
    ).first()
    if active is not None:
        raise Conflict("A run of this suite is under way; cancel it before deleting the suite")
    resource.delete(session, principal, suite_id)


def duplicate_suite(*, session: Session, principal: Principal, suite_id: str) -> SuitePublic:
    return resource.duplicate(session, principal, suite_id)
