"""A session row to write into, in a real workspace (the runner's store needs one)."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.models import SimSession
from app.models.library import Agent, Objective, Persona


@pytest.fixture
def stored_session(db, make_account):
    account = make_account()
    agent = db.exec(select(Agent).where(Agent.workspace_id == account.workspace_id)).first()
    persona = db.exec(select(Persona).where(Persona.workspace_id == account.workspace_id)).first()
    objective = db.exec(select(Objective).where(Objective.workspace_id == account.workspace_id)).first()
    row = SimSession(workspace_id=account.workspace_id, agent_id=agent.id, persona_id=persona.id,
                     objective_id=objective.id)  # fmt: skip
    db.add(row)
    db.commit()
    return row
