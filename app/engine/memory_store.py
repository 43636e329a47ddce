"""A SessionStore that keeps a session in memory: the engine's own, for running a session with
no database (the engine's tests run the runner against it; the services' DatabaseSessionStore
is held to the same contract by tests/services/test_session_store_contract.py).

It keeps the database store's rules: messages and events numbered from 1 without gaps, the
session's counters (messages, tokens, cost, actions) in step with what it holds (here derived
from it), a session stopped from outside (cancelled, interrupted) stays stopped, and findings
come back in the shape the bus publishes.
"""

from __future__ import annotations

import uuid
from dataclasses import dataclass, field
from datetime import UTC, datetime
from typing import Any

from app.engine.judgement import JudgementResult, finding_pages, published_finding
from app.engine.runner import STOPPED_FROM_OUTSIDE, CallRecord, StoredArtifact, StoredEvent, StoredMessage


def _now() -> datetime:
    return datetime.now(UTC)


def _id() -> str:
    return str(uuid.uuid4())


@dataclass
class KeptMessage:
    id: str
    sequence: int
    created_at: datetime
    role: str
    content: str
    latency_ms: int | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    cost: float | None = None
    model: str | None = None
    meta: dict[str, Any] = field(default_factory=dict)


@dataclass
class KeptCall:
    role: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    cost: float
    latency_ms: int
    status: str = "ok"
    error: str | None = None


@dataclass
class KeptEvent:
    id: str
    sequence: int
    created_at: datetime
    type: str
    context: dict[str, Any]
    decision: dict[str, Any]
    outcome: dict[str, Any]


@dataclass
class KeptArtifact:
    id: str
    kind: str
    name: str
    content_type: str
    data: bytes
    event_id: str | None = None


class MemorySessionStore:
    """One session's record, in memory. `status` starts as the session row's would (pending);
    `stop_from_outside` is what a user's cancel or the recovery's "interrupted" does to it."""

    def __init__(self, session_id: str | None = None, workspace_id: str = "", *, status: str = "pending") -> None:
        self.session_id = session_id or _id()
        self.workspace_id = workspace_id
        self.status = status
        self.outcome: str | None = None
        self.end_reason: str | None = None
        self.error: dict[str, Any] | None = None
        self.blame: str | None = None
        self.started_at: datetime | None = None
        self.ended_at: datetime | None = None
        self.duration_ms: int | None = None
        self.verdict_summary: str | None = None
        self.messages: list[KeptMessage] = []
        self.calls: list[KeptCall] = []
        self.judgements: list[JudgementResult] = []
        self.findings: list[dict[str, Any]] = []
        self.events: list[KeptEvent] = []
        self.artifacts: list[KeptArtifact] = []

    def stop_from_outside(self, status: str = "cancelled") -> None:
        self.status = self.outcome = self.end_reason = status

    # The session's counters, from what it holds (the database store keeps them in the row).
    @property
    def message_count(self) -> int:
        return len(self.messages)

    @property
    def action_count(self) -> int:
        return sum(1 for event in self.events if event.type == "action")

    @property
    def total_tokens(self) -> int:
        return sum(call.prompt_tokens + call.completion_tokens for call in self.calls)

    @property
    def total_cost(self) -> float:
        return sum(call.cost for call in self.calls)

    @property
    def judgement(self) -> JudgementResult | None:
        """The latest judgement (the session's)."""
        return self.judgements[-1] if self.judgements else None

    async def mark_running(self) -> None:
        if self.status in ("pending", "running"):
            self.status, self.started_at = "running", _now()

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
        held: bool = False,  # kept at once: nothing to save by waiting
    ) -> StoredMessage:
        message = KeptMessage(_id(), len(self.messages) + 1, _now(), role, content, latency_ms, prompt_tokens,
                              completion_tokens, cost, model, meta or {})  # fmt: skip
        self.messages.append(message)
        if llm_call is not None:
            call = llm_call
            self.calls.append(KeptCall(call.role, call.model, call.prompt_tokens, call.completion_tokens, call.cost,
                                       call.latency_ms))  # fmt: skip
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
        held: bool = False,  # kept at once
    ) -> None:
        status = "error" if error else "ok"
        self.calls.append(KeptCall(role, model, prompt_tokens, completion_tokens, cost, latency_ms, status, error))

    async def save_judgement(self, result: JudgementResult) -> list[dict[str, Any]]:
        judgement_id, now = _id(), _now().isoformat()
        self.judgements.append(result)
        self.verdict_summary = result.summary
        published = [
            published_finding(
                id=_id(), session_id=self.session_id, judgement_id=judgement_id, created_at=now, **found.stored()
            )
            for found in result.findings
        ]
        # A new judgement replaces the findings of the one before; the session's own stay.
        self.findings = [f for f in self.findings if f["judgementId"] is None] + published
        return published

    async def finish(
        self,
        *,
        status: str,
        outcome: str,
        end_reason: str,
        error: dict[str, Any] | None = None,
        blame: str | None = None,
    ) -> dict[str, Any]:
        if self.status in STOPPED_FROM_OUTSIDE and self.status != status:
            return {"duration": round((self.duration_ms or 0) / 1000, 3), "messageCount": self.message_count}
        self.ended_at = _now()
        self.duration_ms = int((self.ended_at - self.started_at).total_seconds() * 1000) if self.started_at else 0
        self.status, self.outcome, self.end_reason, self.error, self.blame = status, outcome, end_reason, error, blame
        summary: dict[str, Any] = {"duration": round(self.duration_ms / 1000, 3), "messageCount": self.message_count}
        if self.action_count:
            summary["actionCount"] = self.action_count
        return summary

    # -- browser sessions ------------------------------------------------------------------

    async def add_event(
        self, *, type: str, context: dict[str, Any], decision: dict[str, Any], outcome: dict[str, Any]
    ) -> StoredEvent:
        event = KeptEvent(_id(), len(self.events) + 1, _now(), type, context, decision, outcome)
        self.events.append(event)
        return StoredEvent(event.id, event.sequence, event.created_at.isoformat())

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
        finding = published_finding(
            id=_id(), session_id=self.session_id, type=type, severity=severity, description=description,
            persona_perspective=persona_perspective, evidence=evidence, source=source, event_id=event_id, page=page,
            created_at=_now().isoformat(),
        )  # fmt: skip
        self.findings.append(finding)
        return finding

    async def update_finding(
        self, finding_id: str, *, description: str, evidence: dict[str, Any]
    ) -> dict[str, Any] | None:
        for index, finding in enumerate(self.findings):
            if finding["id"] == finding_id:
                pages = finding_pages(evidence or {}, finding["page"])
                self.findings[index] = {**finding, "description": description, "evidence": evidence, "pages": pages}
                return self.findings[index]
        return None

    async def add_artifact(
        self, *, kind: str, name: str, content_type: str, data: bytes, event_id: str | None = None
    ) -> StoredArtifact:
        artifact = KeptArtifact(_id(), kind, name, content_type, bytes(data), event_id)
        self.artifacts.append(artifact)
        return StoredArtifact(artifact.id, kind, name, content_type, len(data))
