"""The ready library every new workspace starts with: personas, objectives and a hosted
demo agent, kept as YAML in data/ and validated by the same schemas as user input."""

from __future__ import annotations

from datetime import timedelta
from functools import cache
from pathlib import Path
from typing import Any

import yaml
from sqlmodel import Session

from app.models.base import utcnow
from app.models.library import Agent, AgentType, Objective, ObjectiveCreate, Persona, PersonaCreate
from app.services import agent_config, objectives, personas

DATA = Path(__file__).parent / "data"


# One entry per file: with room for one, personas, objectives and agents evicted each other and
# every new workspace parsed all three again (a third of a second of pure-Python YAML).
@cache
def _load(name: str) -> tuple[dict[str, Any], ...]:
    return tuple(yaml.safe_load((DATA / f"{name}.yaml").read_text(encoding="utf-8")))


def starter_personas() -> list[PersonaCreate]:
    return [PersonaCreate.model_validate({k: v for k, v in p.items() if k != "key"}) for p in _load("personas")]


def starter_objectives() -> list[ObjectiveCreate]:
    objectives = []
    for raw in _load("objectives"):
        data = {k: v for k, v in raw.items() if k not in {"key", "keywords"}}
        data["definition"] = {**data["definition"], "keywords": raw.get("keywords", [])}
        objectives.append(ObjectiveCreate.model_validate(data))
    return objectives


def install_starter_library(session: Session, *, workspace_id: str, created_by: str | None) -> None:
    """Adds the library to a new workspace (in the caller's transaction)."""
    for persona in starter_personas():
        session.add(Persona(workspace_id=workspace_id, created_by=created_by, **personas.row_values(persona)))
    for objective in starter_objectives():
        session.add(Objective(workspace_id=workspace_id, created_by=created_by, **objectives.row_values(objective)))
    # Lists show the newest first: each agent is a millisecond older than the one before it in
    # the file, so the list keeps the file's order (the chat demo first, then the voice demo).
    now = utcnow()
    for index, agent in enumerate(_load("agents")):
        agent_type = AgentType(agent["type"])
        session.add(
            Agent(
                workspace_id=workspace_id, created_by=created_by, name=agent["name"],
                description=agent.get("description", ""), type=agent_type.value,
                config=agent_config.validate(agent_type, agent["config"]),
                created_at=now - timedelta(milliseconds=index), updated_at=now,
            )
        )  # fmt: skip
