"""A workspace to call services in: a principal built from an account, and the library
items and sessions the services read, made through the real services."""

from __future__ import annotations

import asyncio
from datetime import datetime

from app.models.account import Role
from app.models.base import utcnow
from app.models.judgement import JudgeRequest
from app.models.library import AgentCreate, ObjectiveCreate, PersonaCreate
from app.models.session import Finding, Message, SessionCreate, SimSession
from app.models.suite import RunOverrides, SuiteCreate
from app.services import agents, judging, objectives, personas, runs, sessions, suites
from app.services.access import Principal


def principal_of(account) -> Principal:
    return Principal(account.user_id, account.email, account.workspace_id, Role(account.role))


class Lab:
    def __init__(self, db, account) -> None:
        self.db = db
        self.account = account
        self.principal = principal_of(account)
        self._objective: str | None = None  # the one a session gets when the test names none

    def persona(self, name: str = "P", description: str = "") -> str:
        data = PersonaCreate(name=name, description=description)
        return personas.create_persona(session=self.db, principal=self.principal, data=data).id

    def objective(self, name: str = "O", criteria: list[str] | None = None) -> str:
        data = ObjectiveCreate.model_validate(
            {"name": name, "definition": {"goal": "g", "successCriteria": criteria or []}}
        )
        return objectives.create_objective(session=self.db, principal=self.principal, data=data).id

    def agent(self, name: str = "A", description: str = "") -> str:
        data = AgentCreate.model_validate(
            {"name": name, "description": description, "type": "hosted",
             "config": {"systemPrompt": "You help.", "timeoutSeconds": 10}}
        )  # fmt: skip
        return agents.create_agent(session=self.db, principal=self.principal, data=data).id

    def session(self, agent_id: str, persona_id: str, objective_id: str | None = None, **ended) -> str:
        """A session, created by the service; `ended` (status, outcome, ended_at...) is written
        on the row as a finished run would leave it."""
        if objective_id is None:
            self._objective = self._objective or self.objective("Default objective")
            objective_id = self._objective
        data = SessionCreate.model_validate({"agentId": agent_id, "personaId": persona_id, "objectiveId": objective_id})
        session_id = sessions.create_session(session=self.db, principal=self.principal, data=data).id
        if ended:
            row = self.db.get(SimSession, session_id)
            for key, value in ended.items():
                setattr(row, key, value)
            self.db.commit()
        return session_id

    def finding(self, session_id: str, description: str, *, type: str = "loop", severity: str = "low",
                at: datetime | None = None) -> str:  # fmt: skip
        row = Finding(workspace_id=self.principal.workspace_id, session_id=session_id, type=type, severity=severity,
                      description=description, source="check", created_at=at or utcnow())  # fmt: skip
        self.db.add(row)
        self.db.commit()
        return row.id

    def conversation(self, session_id: str, turns: list[tuple[str, str]], **ended) -> list[str]:
        """Stores the transcript (role, text) and ends the session as a run that got to its
        end would; the message ids, in order."""
        ids = []
        for sequence, (role, content) in enumerate(turns, start=1):
            message = Message(workspace_id=self.principal.workspace_id, session_id=session_id, sequence=sequence,
                              role=role, content=content, latency_ms=400 if role == "agent" else None)  # fmt: skip
            self.db.add(message)
            ids.append(message.id)
        row = self.db.get(SimSession, session_id)
        row.status, row.end_reason, row.ended_at = "completed", "goal_met", utcnow()
        row.message_count = len(turns)
        for key, value in ended.items():
            setattr(row, key, value)
        self.db.commit()
        return ids

    def judge(self, session_id: str, repeats: int = 1):
        """The stored session judged by the offline model, through the real judging service."""
        request = JudgeRequest(judge_model="mimic/offline", repeats=repeats, temperature=0.7 if repeats > 1 else None)
        judgement = asyncio.run(judging.rejudge_session(principal=self.principal, session_id=session_id, data=request))
        self.db.expire_all()
        return judgement

    def suite(self, *, personas: int = 1, repeats: int = 1, thresholds: dict | None = None,
              name: str = "Checkout") -> str:  # fmt: skip
        data = SuiteCreate.model_validate({
            "name": name, "agentId": self.agent("Shop bot"),
            "personaIds": [self.persona(f"Persona {i + 1}") for i in range(personas)],
            "objectiveIds": [self.objective()], "repeats": repeats, "config": {"thresholds": thresholds or {}},
        })  # fmt: skip
        return suites.create_suite(session=self.db, principal=self.principal, data=data).id

    def finished_run(self, suite_id: str, outcomes: list[str], label: str | None = None) -> str:
        """A run of the suite (created by the runs service, not scheduled), its sessions (in
        matrix order: persona, objective, repeat) ended with `outcomes`, finalized as the end
        of its last session finalizes it."""
        # _create_run is start_run's unit of work without the scheduling: the sessions never run.
        detail, session_ids = runs._create_run(session=self.db, principal=self.principal, suite_id=suite_id,
                                               overrides=RunOverrides(label=label))  # fmt: skip
        for session_id, outcome in zip(session_ids, outcomes, strict=True):
            row = self.db.get(SimSession, session_id)
            row.status, row.outcome, row.end_reason, row.ended_at = "completed", outcome, "goal_met", utcnow()
        self.db.commit()
        assert runs.finalize_run(detail.id)
        self.db.expire_all()
        return detail.id
