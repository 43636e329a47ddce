"""The names a page shows beside the ids a public schema carries, looked up once per page.

A session names its agent, persona and objective; a suite its agent, personas and objectives.
A name is None when the item was deleted since (the page says so); the lookup is one query per
kind of item for the whole page, never a list of every item in the workspace."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, select

from app.models.library import Agent, Objective, Persona


def lookup(session: Session, model: Any, ids: Iterable[str | None]) -> dict[str, str]:
    wanted = sorted({i for i in ids if i})
    if not wanted:
        return {}
    return dict(session.exec(select(model.id, model.name).where(col(model.id).in_(wanted))).all())


def name_sessions(session: Session, publics: list[Any]) -> None:
    """Fills agentName, personaName and objectiveName of sessions (SessionPublic)."""
    agents = lookup(session, Agent, (p.agent_id for p in publics))
    personas = lookup(session, Persona, (p.persona_id for p in publics))
    objectives = lookup(session, Objective, (p.objective_id for p in publics))
    for public in publics:
        public.agent_name = agents.get(public.agent_id)
        public.persona_name = personas.get(public.persona_id)
        public.objective_name = objectives.get(public.objective_id) if public.objective_id else None


def name_suites(session: Session, publics: list[Any]) -> None:
    """Fills agentName, personaNames and objectiveNames of suites (SuitePublic), in the order of
    their ids (None where one was deleted)."""
    agents = lookup(session, Agent, (p.agent_id for p in publics))
    personas = lookup(session, Persona, (i for p in publics for i in p.persona_ids))
    objectives = lookup(session, Objective, (i for p in publics for i in p.objective_ids))
    for public in publics:
        public.agent_name = agents.get(public.agent_id)
        public.persona_names = [personas.get(i) for i in public.persona_ids]
        public.objective_names = [objectives.get(i) for i in public.objective_ids]
