"""The choices a form offers (an agent, personas, objectives): a page of them found by name, the
ones already chosen always among them, so a form never shows "(deleted)" or loses a choice
because the library has grown past one page."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Literal

from sqlmodel import Session, col, select

from app.models.base import CamelModel
from app.models.library import Agent, Objective, Persona
from app.services.access import Permission, Principal, require
from app.services.crud import LIKE_ESCAPE, like_pattern

Kind = Literal["agents", "personas", "objectives"]
MODELS = {"agents": Agent, "personas": Persona, "objectives": Objective}
PICKER_LIMIT = 200


class Choice(CamelModel):
    id: str
    name: str
    type: str | None = None  # an agent's type


def choices(
    *,
    session: Session,
    principal: Principal,
    kind: Kind,
    q: str | None = None,
    chosen: Iterable[str] = (),
    agent_types: Iterable[str] | None = None,
    limit: int = PICKER_LIMIT,
) -> list[Choice]:
    """The first `limit` items of the workspace whose name contains `q`, by name, plus the
    `chosen` ones wherever they would fall."""
    require(principal, Permission.read)
    model = MODELS[kind]
    query = select(model).where(col(model.workspace_id) == principal.workspace_id)
    if agent_types is not None:
        query = query.where(col(Agent.type).in_(list(agent_types)))
    if q and q.strip():
        query = query.where(col(model.name).ilike(like_pattern(q.strip().lower()), escape=LIKE_ESCAPE))
    rows = list(session.exec(query.order_by(col(model.name), col(model.id)).limit(limit)).all())
    missing = set(chosen) - {row.id for row in rows}
    if missing:
        rows += session.exec(
            select(model).where(col(model.workspace_id) == principal.workspace_id, col(model.id).in_(missing))
        ).all()
    return [Choice(id=row.id, name=row.name, type=getattr(row, "type", None)) for row in rows]
