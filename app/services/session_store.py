"""The runner's SessionStore, backed by the database: every message is committed before the
runner goes on from it, so a crash loses nothing it had said, except one the runner lets wait
for the write that follows it (`held`: the persona's message, written with the agent's answer
in one transaction, or alone after HOLD_S if the answer is slow). A held message is already on
the bus (the live views show it); it reaches the database at most HOLD_S later.

Every write goes through the session writer (app/services/writer.py): one thread that commits
what all running sessions hand it, a batch per transaction. A transaction never spans an
`await` (one that held SQLite's write lock across it could deadlock with a request handler
blocking the loop while it waits for that lock). A write changes nothing but the database (the
writer may run it again alone after a failed batch): what the store keeps for itself, such as
the next sequence number, it decides here on the loop, before handing the write over.

The runner's own rows (messages, LLM calls, events, the counters on the session) are written
with SQLAlchemy Core on their tables: the ORM's unit of work cost more than the insert itself.
"""

from __future__ import annotations

import asyncio
import functools
from dataclasses import dataclass
from datetime import datetime
from typing import Any

from sqlalchemy import bindparam
from sqlmodel import Session, col, func, select, update

from app.engine.judgement import JudgementResult, published_finding
from app.engine.runner import STOPPED_FROM_OUTSIDE, CallRecord, StoredArtifact, StoredEvent, StoredMessage
from app.models.base import new_id, table_row, utcnow
from app.models.finding_signature import finding_signature
from app.models.judgement import Judgement
from app.models.session import Artifact, Event, Finding, LLMCall, Message, SimSession, Verdict
from app.services.writer import WRITER, Rows, held_then, write_rows
from app.settings import settings

_MESSAGES, _CALLS, _EVENTS, _SESSIONS = Message.__table__, LLMCall.__table__, Event.__table__, SimSession.__table__
_ENDING = select(
    _SESSIONS.c.started_at, _SESSIONS.c.duration_ms, _SESSIONS.c.message_count, _SESSIONS.c.action_count
).where(_SESSIONS.c.id == bindparam("id"))
_JUDGEMENTS, _VERDICTS, _FINDINGS = Judgement.__table__, Verdict.__table__, Finding.__table__
# How long a held message waits for the write that follows it before it is written alone: a
# reader of the database (REST, the session page after a reload) sees it this much later.
HOLD_S = 1.0


def _call_row(workspace_id: str, session_id: str, **fields: Any) -> dict[str, Any]:
    return {"id": new_id(), "workspace_id": workspace_id, "session_id": session_id, "provider": None,
            "status": "ok", "error": None, "created_at": utcnow(), **fields}  # fmt: skip


class DatabaseSessionStore:
    def __init__(self, session_id: str, workspace_id: str, *, claimed: bool = False, new: bool = False,
                 hold_s: float = HOLD_S) -> None:  # fmt: skip
        """`claimed`: the session was claimed for this runner (app/runtime/execution.py: pending ->
        running, its start time written), so starting it writes nothing again. `new`: nothing is
        stored under the session yet, so its messages and events are numbered from 1 without
        reading. `hold_s`: how long a held message waits for the next write."""
        self.session_id = session_id
        self.workspace_id = workspace_id
        self._claimed = claimed
        self._hold_s = hold_s
        self._next_sequence: int | None = 1 if new else None
        self._next_event_sequence: int | None = 1 if new else None
        self._held: list[Rows] = []
        self._hold_timer: asyncio.TimerHandle | None = None
        self._held_write: asyncio.Future | None = None  # held rows written alone, not yet awaited

    async def _in_thread(self, work, *args: Any) -> Any:
        """`work(db, *args)` in a transaction of the session writer (after the held rows, in
        the same transaction), awaited until committed."""
        held = await self._take_held()
        if held:
            return await WRITER.write(held_then, held, work, *args)
        return await WRITER.write(work, *args)

    async def _rows(self, rows: Rows, *, held: bool = False) -> None:
        """Rows committed now with what was held before them, or (`held`) kept for the next write."""
        if held:
            self._hold(rows)
            return
        await WRITER.rows(*(await self._take_held()), rows)

    def _hold(self, rows: Rows) -> None:
        self._held.append(rows)
        if self._hold_timer is None:
            self._hold_timer = asyncio.get_running_loop().call_later(self._hold_s, self._write_held)

    async def _take_held(self) -> tuple[Rows, ...]:
        """The held rows, to be written now; first, a failure of those written alone is raised."""
        if self._held_write is not None:
            written, self._held_write = self._held_write, None
            await written
        if self._hold_timer is not None:
            self._hold_timer.cancel()
            self._hold_timer = None
        held, self._held = tuple(self._held), []
        return held

    def _write_held(self) -> None:
        """Nothing followed the held rows in time: they are written alone (the next write
        awaits that and raises its failure)."""
        self._hold_timer = None
        held, self._held = tuple(self._held), []
        if held:
            previous = self._held_write
            self._held_write = asyncio.ensure_future(_after(previous, held))

    async def mark_running(self) -> None:
        """Running, and the next message and event numbers read, in one transaction (nothing
        to do for a claimed session whose numbers are known)."""
        if self._claimed and self._next_sequence is not None and self._next_event_sequence is not None:
            return
        self._next_sequence, self._next_event_sequence = await self._in_thread(self._mark_running)

    def _mark_running(self, db: Session) -> tuple[int, int]:
        if not self._claimed:
            # Only from pending or running: a cancel can end the session while this transaction
            # waits for the write lock, and must not be undone by it.
            now = utcnow()
            db.exec(
                update(SimSession)
                .where(col(SimSession.id) == self.session_id, col(SimSession.status).in_(("pending", "running")))
                .values(status="running", started_at=now, updated_at=now)
            )
        return self._last_sequences(db)

    async def _sequences(self) -> None:
        """The next message and event numbers, read once: from then on this store numbers them."""
        if self._next_sequence is None or self._next_event_sequence is None:
            self._next_sequence, self._next_event_sequence = await self._in_thread(self._last_sequences)

    def _last_sequences(self, db: Session) -> tuple[int, int]:
        messages = db.exec(select(func.max(Message.sequence)).where(Message.session_id == self.session_id)).one()
        events = db.exec(select(func.max(Event.sequence)).where(Event.session_id == self.session_id)).one()
        return (messages or 0) + 1, (events or 0) + 1

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
        llm_call: CallRecord | None = None,
        held: bool = False,
    ) -> StoredMessage:
        """The message, and the LLM call that wrote it when given, in one transaction;
        `held`: written with the next write (see the module's note)."""
        await self._sequences()
        sequence, created = self._next_sequence, utcnow()
        self._next_sequence += 1
        message = {"id": new_id(), "workspace_id": self.workspace_id, "session_id": self.session_id,
                   "sequence": sequence, "role": role, "content": content, "latency_ms": latency_ms,
                   "prompt_tokens": prompt_tokens, "completion_tokens": completion_tokens, "cost": cost,
                   "model": model, "meta": meta or {}, "created_at": created}  # fmt: skip
        call = None
        if llm_call is not None:
            call = _call_row(self.workspace_id, self.session_id, role=llm_call.role, model=llm_call.model,
                             prompt_tokens=llm_call.prompt_tokens, completion_tokens=llm_call.completion_tokens,
                             cost=llm_call.cost, latency_ms=llm_call.latency_ms)  # fmt: skip
        inserts = ((_MESSAGES, message),) if call is None else ((_MESSAGES, message), (_CALLS, call))
        amounts: dict[str, float] = {"message_count": 1}
        if call is not None:
            amounts.update(total_cost=call["cost"], total_tokens=call["prompt_tokens"] + call["completion_tokens"])
        await self._rows(Rows(inserts, (_SESSIONS, self.session_id, amounts, {"updated_at": created})), held=held)
        return StoredMessage(message["id"], sequence, created.isoformat())

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
        held: bool = False,
    ) -> None:
        call = _call_row(self.workspace_id, self.session_id, role=role, model=model, prompt_tokens=prompt_tokens,
                         completion_tokens=completion_tokens, cost=cost, latency_ms=latency_ms,
                         status="error" if error else "ok", error=error)  # fmt: skip
        tokens = prompt_tokens + completion_tokens
        await self._rows(
            Rows(((_CALLS, call),), (_SESSIONS, self.session_id, {"total_cost": cost, "total_tokens": tokens}, {})),
            held=held,
        )

    async def save_judgement(self, result: JudgementResult) -> list[dict[str, Any]]:
        """The judgement, its verdict rows and its findings, held for the next write (how the
        session ended: one transaction); the findings as published."""
        rows = JudgementRows.of(self.workspace_id, self.session_id, result)
        self._hold(rows.rows())
        return rows.published()

    async def finish(
        self,
        *,
        status: str,
        outcome: str,
        end_reason: str,
        error: dict[str, Any] | None = None,
        blame: str | None = None,
    ) -> dict[str, Any]:
        return await self._in_thread(self._finish, status, outcome, end_reason, error, blame)

    def _finish(
        self,
        db: Session,
        status: str,
        outcome: str,
        end_reason: str,
        error: dict[str, Any] | None,
        blame: str | None = None,
    ) -> dict[str, Any]:
        connection = db.connection()  # Core: loading the row through the ORM cost more than the rest
        row = connection.execute(_ENDING, {"id": self.session_id}).first()
        if row is None:  # deleted while running: nothing left to record
            return {"duration": 0, "messageCount": 0}
        started_at, stored_duration_ms, message_count, action_count = row
        ended = utcnow()
        duration_ms = int((ended - started_at).total_seconds() * 1000) if started_at else 0
        # Cancelled by a user, or declared interrupted after its worker stalled, while this
        # runner went on (even if committed after the read above): that stands.
        stopped = [s for s in STOPPED_FROM_OUTSIDE if s != status]
        written = connection.execute(
            _SESSIONS.update()
            .where(_SESSIONS.c.id == self.session_id, _SESSIONS.c.status.not_in(stopped))
            .values(status=status, outcome=outcome, end_reason=end_reason, error=error, ended_at=ended,
                    updated_at=ended, duration_ms=duration_ms, blame=blame)
        )  # fmt: skip
        if written.rowcount != 1:
            return {"duration": round((stored_duration_ms or 0) / 1000, 3), "messageCount": message_count}
        summary = {"duration": round(duration_ms / 1000, 3), "messageCount": message_count}
        if action_count:
            summary["actionCount"] = action_count
        return summary

    # -- browser sessions ------------------------------------------------------------------

    async def add_event(
        self, *, type: str, context: dict[str, Any], decision: dict[str, Any], outcome: dict[str, Any]
    ) -> StoredEvent:
        await self._sequences()
        sequence, created = self._next_event_sequence, utcnow()
        self._next_event_sequence += 1
        event = {"id": new_id(), "workspace_id": self.workspace_id, "session_id": self.session_id,
                 "sequence": sequence, "type": type, "context": context, "decision": decision, "outcome": outcome,
                 "created_at": created}  # fmt: skip
        bump = (_SESSIONS, self.session_id, {"action_count": 1}, {"updated_at": created}) if type == "action" else None
        await self._rows(Rows(((_EVENTS, event),), bump))
        return StoredEvent(event["id"], sequence, created.isoformat())

    async def add_finding(
        self,
        *,
        type: str,
        severity: str,
        description: str,
        evidence: dict[str, Any],
        source: str,
        persona_perspective: str = "",
        event_id: str | None = None,
        page: str | None = None,
    ) -> dict[str, Any]:
        finding = Finding(
            id=new_id(), workspace_id=self.workspace_id, session_id=self.session_id, event_id=event_id, type=type,
            severity=severity, description=description, persona_perspective=persona_perspective, evidence=evidence,
            source=source, page=page, created_at=utcnow(),
        )  # fmt: skip
        public = _finding_dict(finding)
        await self._in_thread(lambda db: db.add(finding))
        return public

    async def update_finding(
        self, finding_id: str, *, description: str, evidence: dict[str, Any]
    ) -> dict[str, Any] | None:
        """A finding that grew (another page showed it): its new description and evidence."""
        return await self._in_thread(self._update_finding, finding_id, description, evidence)

    def _update_finding(
        self, db: Session, finding_id: str, description: str, evidence: dict[str, Any]
    ) -> dict[str, Any] | None:
        finding = db.get(Finding, finding_id)
        if finding is None or finding.session_id != self.session_id:
            return None
        finding.description, finding.evidence = description, evidence
        db.add(finding)
        db.flush()
        return _finding_dict(finding)

    async def add_artifact(
        self, *, kind: str, name: str, content_type: str, data: bytes, event_id: str | None = None
    ) -> StoredArtifact:
        artifact = Artifact(
            id=new_id(), workspace_id=self.workspace_id, session_id=self.session_id, event_id=event_id, kind=kind,
            name=name, content_type=content_type, size=len(data), path="", created_at=utcnow(),
        )  # fmt: skip
        # Files live under the data directory, one folder per session; the row keeps the relative path.
        artifact.path = f"sessions/{self.session_id}/{artifact.id}-{name}"
        await self._in_thread(self._add_artifact, artifact, data)
        return StoredArtifact(artifact.id, kind, name, content_type, len(data))

    def _add_artifact(self, db: Session, artifact: Artifact, data: bytes) -> None:
        path = settings.data_dir / artifact.path
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(data)
        db.add(artifact)


async def _after(previous: asyncio.Future | None, held: tuple[Rows, ...]) -> None:
    """What was held, written alone once what was written alone before it is: in order."""
    try:
        if previous is not None:
            await previous
    finally:
        await WRITER.rows(*held)


@dataclass(frozen=True)
class JudgementRows:
    """One judgement of a session as rows to write, its ids decided here (so that its findings
    can be published before they are committed)."""

    workspace_id: str
    session_id: str
    result: JudgementResult
    judgement_id: str
    finding_ids: tuple[str, ...]
    created_at: datetime
    requested_by: str | None = None
    settings_used: dict[str, Any] | None = None
    error: dict[str, Any] | None = None
    trigger: str = "session"

    @classmethod
    def of(cls, workspace_id: str, session_id: str, result: JudgementResult, **options: Any) -> JudgementRows:
        return cls(workspace_id, session_id, result, new_id(), tuple(new_id() for _ in result.findings), utcnow(),
                   **options)  # fmt: skip

    # The judgement's and findings' rows are read for the writer and for what is returned or
    # published: made once (a frozen dataclass keeps a cached_property in its __dict__).
    @functools.cached_property
    def judgement(self) -> dict[str, Any]:
        result = self.result
        return table_row(
            Judgement, id=self.judgement_id, workspace_id=self.workspace_id, session_id=self.session_id,
            judge_model=result.judge_model, prompt_version=result.prompt_version,
            status="error" if result.outcome == "error" else "completed", outcome=result.outcome, blame=result.blame,
            summary=result.summary, simulator=result.simulator,
            settings={**result.settings, **(self.settings_used or {})}, trigger=self.trigger, repeats=result.repeats,
            criteria_count=len(result.criteria), flipped_criteria=result.flipped_criteria,
            unstable_criteria=result.unstable_criteria, requested_by=self.requested_by, notes=result.notes,
            error=self.error, created_at=self.created_at,
        )  # fmt: skip

    @functools.cached_property
    def findings(self) -> list[Finding]:
        return [
            Finding(
                id=finding_id,
                workspace_id=self.workspace_id,
                session_id=self.session_id,
                judgement_id=self.judgement_id,
                created_at=self.created_at,
                **found.stored(),
            )
            for finding_id, found in zip(self.finding_ids, self.result.findings, strict=True)
        ]

    def published(self) -> list[dict[str, Any]]:
        """Its findings as the bus publishes them."""
        return [_finding_dict(finding) for finding in self.findings]

    def verdicts(self) -> list[dict[str, Any]]:
        return [
            table_row(
                Verdict,
                workspace_id=self.workspace_id,
                session_id=self.session_id,
                judgement_id=self.judgement_id,
                kind=row.kind,
                key=row.key,
                criterion_index=row.index,
                criterion=row.label,
                status=row.status,
                reasoning=row.reasoning,
                cited_message_ids=row.evidence,
                source=row.source,
                blame=row.blame,
                gating=row.gating,
                resolved_by=row.resolved_by,
                votes=row.votes,
                unstable=row.unstable,
                created_at=self.created_at,
            )
            for row in self.result.rows
        ]

    def rows(self) -> Rows:
        """The judgement (a new one each time: earlier ones are kept), its verdict rows and its
        findings as rows to insert (the judgement first), and its summary made the session's;
        for the session writer, which merges them with the rest of its batch."""
        result = self.result
        inserts = [(_JUDGEMENTS, self.judgement), *((_VERDICTS, verdict) for verdict in self.verdicts())]
        # Core inserts skip the ORM's hook that signs a finding (app/models/finding_groups.py).
        inserts += [(_FINDINGS, _columns(finding) | {"signature": _signature(finding)}) for finding in self.findings]
        summary = {"verdict_summary": result.summary, "flipped_criteria": result.flipped_criteria,
                   "unstable_criteria": result.unstable_criteria}  # fmt: skip
        return Rows(tuple(inserts), (_SESSIONS, self.session_id, {}, summary))


def store_judgement(
    db: Session, workspace_id: str, session_id: str, result: JudgementResult, **options: Any
) -> tuple[Judgement, list[dict[str, Any]]]:
    """Stores one judgement of a session now (see JudgementRows); returns it, and its findings
    as the bus publishes them."""
    rows = JudgementRows.of(workspace_id, session_id, result, **options)
    write_rows(db, [rows.rows()])
    return Judgement(**rows.judgement), rows.published()


def _signature(finding: Finding) -> str:
    return finding_signature(finding.type, finding.description, finding.evidence)


def _columns(row: Any) -> dict[str, Any]:
    """A model's row as its table's columns, to insert with Core."""
    return {column.name: getattr(row, column.name) for column in row.__table__.columns}


def _finding_dict(finding: Finding) -> dict[str, Any]:
    """A finding as published on the bus (the shape of FindingPublic)."""
    return published_finding(
        id=finding.id, session_id=finding.session_id, event_id=finding.event_id, type=finding.type,
        severity=finding.severity, description=finding.description, persona_perspective=finding.persona_perspective,
        evidence=finding.evidence, source=finding.source, judgement_id=finding.judgement_id, page=finding.page,
        created_at=finding.created_at.isoformat(),
    )  # fmt: skip
