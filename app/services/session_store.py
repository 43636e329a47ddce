"""The runner's SessionStore, backed by the database: every message is committed the
moment it exists (its own short transaction), so a crash loses nothing before it."""

from __future__ import annotations

from typing import Any

from sqlalchemy import func, select, update

from app.db import async_session_scope
from app.engine.judge import JudgeVerdict
from app.engine.runner import StoredMessage
from app.models.base import new_id, utcnow
from app.models.session import Finding, LLMCall, Message, SimSession, Verdict


class DatabaseSessionStore:
    def __init__(self, session_id: str, workspace_id: str) -> None:
        self.session_id = session_id
        self.workspace_id = workspace_id
        self._next_sequence: int | None = None

    async def mark_running(self) -> None:
        async with async_session_scope() as db:
            await db.execute(
                update(SimSession)
                .where(SimSession.id == self.session_id)
                .values(status="running", started_at=utcnow(), updated_at=utcnow())
            )

    async def add_message(
        self,
        *,
        role: str,
        content: str,
        latency_ms: int | None = None,
        prompt_tokens: int | None = None,
        completion_tokens: int | None = None,
        cost: float | None = None,
        model: str | None = None,
        meta: dict[str, Any] | None = None,
    ) -> StoredMessage:
        async with async_session_scope() as db:
            if self._next_sequence is None:
                last = await db.scalar(select(func.max(Message.sequence)).where(Message.session_id == self.session_id))
                self._next_sequence = (last or 0) + 1
            message = Message(
                id=new_id(), workspace_id=self.workspace_id, session_id=self.session_id,
                sequence=self._next_sequence, role=role, content=content, latency_ms=latency_ms,
                prompt_tokens=prompt_tokens, completion_tokens=completion_tokens, cost=cost, model=model,
                meta=meta or {}, created_at=utcnow(),
            )  # fmt: skip
            db.add(message)
            await db.execute(
                update(SimSession)
                .where(SimSession.id == self.session_id)
                .values(message_count=SimSession.message_count + 1, updated_at=utcnow())
            )
        self._next_sequence += 1
        return StoredMessage(message.id, message.sequence, message.created_at.isoformat())

    async def add_llm_call(
        self,
        *,
        role: str,
        model: str,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
        cost: float = 0.0,
        latency_ms: int = 0,
        error: str | None = None,
    ) -> None:
        async with async_session_scope() as db:
            db.add(
                LLMCall(
                    workspace_id=self.workspace_id, session_id=self.session_id, role=role, model=model,
                    prompt_tokens=prompt_tokens, completion_tokens=completion_tokens, cost=cost,
                    latency_ms=latency_ms, status="error" if error else "ok", error=error,
                )
            )  # fmt: skip
            await db.execute(
                update(SimSession)
                .where(SimSession.id == self.session_id)
                .values(
                    total_cost=SimSession.total_cost + cost,
                    total_tokens=SimSession.total_tokens + prompt_tokens + completion_tokens,
                )
            )

    async def save_judgement(self, verdict: JudgeVerdict) -> list[dict[str, Any]]:
        findings = []
        async with async_session_scope() as db:
            for criterion in verdict.criteria:
                db.add(
                    Verdict(
                        workspace_id=self.workspace_id, session_id=self.session_id, criterion_index=criterion.index,
                        criterion=criterion.criterion, status=criterion.status, reasoning=criterion.reasoning,
                        cited_message_ids=criterion.citedMessageIds,
                    )
                )  # fmt: skip
            for judged in verdict.findings:
                finding = Finding(
                    id=new_id(), workspace_id=self.workspace_id, session_id=self.session_id, type=judged.type,
                    severity=judged.severity, description=judged.description,
                    persona_perspective=judged.personaPerspective, evidence=judged.evidence, source="judge",
                    created_at=utcnow(),
                )  # fmt: skip
                db.add(finding)
                findings.append({"id": finding.id, "sessionId": self.session_id, **judged.model_dump()})
            await db.execute(
                update(SimSession).where(SimSession.id == self.session_id).values(verdict_summary=verdict.summary)
            )
        return findings

    async def finish(
        self, *, status: str, outcome: str, end_reason: str, error: dict[str, Any] | None = None
    ) -> dict[str, Any]:
        async with async_session_scope() as db:
            row = await db.get(SimSession, self.session_id)
            if row is None:  # deleted while running: nothing left to record
                return {"duration": 0, "messageCount": 0}
            ended = utcnow()
            row.status, row.outcome, row.end_reason, row.error = status, outcome, end_reason, error
            row.ended_at, row.updated_at = ended, ended
            row.duration_ms = int((ended - row.started_at).total_seconds() * 1000) if row.started_at else 0
            summary = {"duration": round(row.duration_ms / 1000, 3), "messageCount": row.message_count}
        return summary
