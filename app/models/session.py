"""A session and everything it produces: messages, events, findings, verdicts,
artifacts and the LLM calls made for it.

The class is `SimSession` (a simulated-user session) so that it never reads as a
database session; its table is `session`.
"""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from pydantic import Field as PydanticField
from sqlalchemy import Column, Index, String, Text, UniqueConstraint
from sqlmodel import Field, SQLModel

from app.models.base import (
    CamelModel,
    JSONType,
    created_at_field,
    id_field,
    json_field,
    timestamp_field,
    updated_at_field,
    workspace_fk,
)
from app.models.finding_signature import signature_default
from app.models.judgement import SessionVerdict


class SessionStatus(StrEnum):
    pending = "pending"
    running = "running"
    completed = "completed"
    cancelled = "cancelled"
    error = "error"
    interrupted = "interrupted"


class SessionOutcome(StrEnum):
    passed = "passed"
    failed = "failed"  # the agent did not meet the objective: the only outcome counted against it
    inconclusive = "inconclusive"  # the judge could not decide (e.g. the offline judge: needs an LLM judge)
    simulator_error = "simulator_error"  # the persona spoiled the session (left the objective, gave up early, ...)
    error = "error"  # infrastructure: target, simulator or judge call failed; never counted against the agent
    cancelled = "cancelled"


# Outcomes that decide a pass rate; every other outcome is counted apart.
JUDGED_OUTCOMES = ("passed", "failed")


class Blame(StrEnum):
    """Whose a failed or undecided criterion or session is."""

    agent = "agent"
    simulator = "simulator"
    judge = "judge"
    infrastructure = "infrastructure"


class FindingType(StrEnum):
    # The judge's audit checklist (app/engine/judge_prompt.py)
    data_disclosure = "data-disclosure"
    identity_check_missing = "identity-check-missing"
    secret_disclosure = "secret-disclosure"
    sensitive_data_request = "sensitive-data-request"
    unfounded_claim = "unfounded-claim"
    constraint_ignored = "constraint-ignored"
    unanswered_question = "unanswered-question"
    loop = "loop"
    wrong_language = "wrong-language"
    tone = "tone"
    waiting = "waiting"
    # Recorded by the deterministic checks (app/engine/checks.py)
    empty_reply = "empty-reply"
    echo = "echo"
    template_blank = "template-blank"
    error_text = "error-text"
    judge_steering = "judge-steering"
    # Browser sessions (measured, or reported by the persona)
    bug = "bug"
    ux_issue = "ux-issue"
    policy_violation = "policy-violation"
    hallucination = "hallucination"
    performance = "performance"
    error = "error"
    accessibility = "accessibility"


class Severity(StrEnum):
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"


class VerdictStatus(StrEnum):
    met = "met"
    not_met = "not_met"
    inconclusive = "inconclusive"


class SimSession(SQLModel, table=True):
    __tablename__ = "session"
    __table_args__ = (
        Index("ix_session_workspace_created", "workspace_id", "created_at"),
        Index("ix_session_workspace_status", "workspace_id", "status"),
        Index("ix_session_status_lease", "status", "lease_expires_at"),
        Index("ix_session_agent_created", "agent_id", "created_at"),
        Index("ix_session_persona", "persona_id"),
        Index("ix_session_objective", "objective_id"),
        Index("ix_session_run", "run_id"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    agent_id: str = Field(foreign_key="agent.id", max_length=36, ondelete="CASCADE")
    persona_id: str = Field(foreign_key="persona.id", max_length=36, ondelete="CASCADE")
    objective_id: str | None = Field(default=None, foreign_key="objective.id", max_length=36, ondelete="SET NULL")
    run_id: str | None = Field(default=None, foreign_key="run.id", max_length=36, ondelete="CASCADE")
    status: str = Field(default=SessionStatus.pending, max_length=20)
    outcome: str | None = Field(default=None, max_length=20)
    # Why it ended: goal_met, persona_gave_up, max_turns, max_messages, duration, agent_silent, cancelled, *_error...
    end_reason: str | None = Field(default=None, max_length=40)
    # Whose a failed, undecided or spoiled session is: agent | simulator | judge | infrastructure.
    blame: str | None = Field(default=None, max_length=20)
    error: dict[str, Any] | None = Field(default=None, sa_type=JSONType, nullable=True)
    # {duration, maxMessages, messageInterval, seed}
    config: dict[str, Any] = json_field()
    # {model, temperature}
    llm_config: dict[str, Any] = json_field()
    # {includeScreenshots, screenshotInterval} (browser sessions)
    vision_config: dict[str, Any] = json_field()
    message_count: int = 0
    action_count: int = 0
    # Summed over the session's LLM calls, so analytics need no join for cost.
    total_cost: float = 0.0
    total_tokens: int = 0
    # The judge's summary of the whole session; the per-criterion verdicts are rows of `verdict`.
    verdict_summary: str | None = Field(default=None, sa_type=Text)
    # Of its current judgement: criteria whose repeats disagreed, and those with no clear majority.
    flipped_criteria: int = 0
    unstable_criteria: int = 0
    # When a human last reviewed its verdict (a review overrides the judge's outcome).
    reviewed_at: datetime | None = timestamp_field()
    started_at: datetime | None = timestamp_field()
    ended_at: datetime | None = timestamp_field()
    duration_ms: int | None = None
    # Execution (app/runtime/execution.py): when it was handed to a runner, which worker
    # claimed it, and until when that worker's claim holds unless renewed (queue workers).
    queued_at: datetime | None = timestamp_field()
    worker_id: str | None = Field(default=None, max_length=80)
    lease_expires_at: datetime | None = timestamp_field()
    created_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class Message(SQLModel, table=True):
    """A transcript turn, committed the moment it exists."""

    __table_args__ = (
        UniqueConstraint("session_id", "sequence", name="uq_message_session_sequence"),
        Index("ix_message_workspace_created", "workspace_id", "created_at"),
        # Covers the analytics' reply-latency queries (a session's agent replies, read from the index alone).
        Index("ix_message_session_role_latency", "session_id", "role", "latency_ms"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    session_id: str = Field(foreign_key="session.id", max_length=36, ondelete="CASCADE")
    sequence: int
    # persona | agent | system
    role: str = Field(max_length=20)
    content: str = Field(default="", sa_type=Text)
    latency_ms: int | None = None
    prompt_tokens: int | None = None
    completion_tokens: int | None = None
    cost: float | None = None
    model: str | None = Field(default=None, max_length=200)
    meta: dict[str, Any] = json_field()
    created_at: datetime = created_at_field()


class Event(SQLModel, table=True):
    """A browser action or a notable happening: context, decision (action + reasoning), outcome."""

    __table_args__ = (
        UniqueConstraint("session_id", "sequence", name="uq_event_session_sequence"),
        Index("ix_event_workspace_created", "workspace_id", "created_at"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    session_id: str = Field(foreign_key="session.id", max_length=36, ondelete="CASCADE")
    sequence: int
    # action | blocked_request | navigation | ...
    type: str = Field(default="action", max_length=40)
    context: dict[str, Any] = json_field()
    decision: dict[str, Any] = json_field()
    outcome: dict[str, Any] = json_field()
    created_at: datetime = created_at_field()


class Finding(SQLModel, table=True):
    __table_args__ = (
        Index("ix_finding_workspace_created", "workspace_id", "created_at"),
        Index("ix_finding_session", "session_id"),
        Index("ix_finding_workspace_type_severity", "workspace_id", "type", "severity"),
        Index("ix_finding_session_page", "session_id", "page"),
        Index("ix_finding_workspace_signature", "workspace_id", "signature"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    session_id: str = Field(foreign_key="session.id", max_length=36, ondelete="CASCADE")
    event_id: str | None = Field(default=None, foreign_key="event.id", max_length=36, ondelete="SET NULL")
    type: str = Field(max_length=40)
    severity: str = Field(max_length=20)
    description: str = Field(sa_type=Text)
    persona_perspective: str = Field(default="", sa_type=Text)
    evidence: dict[str, Any] = json_field()
    # judge | check | measured | persona
    source: str = Field(default="judge", max_length=20)
    # Browser sessions: the page of the website it is about (origin + path); a finding seen on
    # several pages lists them all in evidence.pages and names the first here.
    page: str | None = Field(default=None, max_length=2000)
    # The judgement that recorded it (judge and check findings); measured and persona findings have none.
    judgement_id: str | None = Field(default=None, foreign_key="judgement.id", max_length=36, ondelete="CASCADE")
    # Groups it with the same problem in other sessions (app/models/finding_groups.py sets it).
    signature: str = Field(default="", sa_column=Column(String(32), nullable=False, default=signature_default))
    created_at: datetime = created_at_field()


class Verdict(SQLModel, table=True):
    """One row of a judgement: a success criterion of the objective, or a check."""

    __table_args__ = (
        Index("ix_verdict_session", "session_id"),
        Index("ix_verdict_workspace_created", "workspace_id", "created_at"),
        Index("ix_verdict_judgement", "judgement_id"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    session_id: str = Field(foreign_key="session.id", max_length=36, ondelete="CASCADE")
    judgement_id: str | None = Field(default=None, foreign_key="judgement.id", max_length=36, ondelete="CASCADE")
    # criterion | check
    kind: str = Field(default="criterion", max_length=20)
    # criterion:<i>, a built-in check's key (empty_reply, ...) or objective:<i>
    key: str = Field(default="", max_length=60)
    criterion_index: int = 0
    # The criterion's text, or what the check checks.
    criterion: str = Field(sa_type=Text)
    status: str = Field(max_length=20)
    reasoning: str = Field(default="", sa_type=Text)
    # The evidence: ids of the transcript's messages (or a browser session's steps).
    cited_message_ids: list[str] = json_field(list)
    # judge | check (a criterion an objective check decided, or a check's own row)
    source: str = Field(default="judge", max_length=20)
    blame: str | None = Field(default=None, max_length=20)
    # Whether a failure of this row counts toward the session's outcome.
    gating: bool = True
    # Why a rule changed the judge's ruling: a finding that contradicted it, a check, no evidence...
    resolved_by: str | None = Field(default=None, max_length=80)
    # With judge repeats: how many repeats ruled each status, and whether none had a clear majority.
    votes: dict[str, int] = json_field()
    unstable: bool = False
    created_at: datetime = created_at_field()


class Artifact(SQLModel, table=True):
    """A stored file of a session: screenshot, trace, transcript export or report."""

    __table_args__ = (
        Index("ix_artifact_session", "session_id"),
        Index("ix_artifact_workspace_created", "workspace_id", "created_at"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    session_id: str | None = Field(default=None, foreign_key="session.id", max_length=36, ondelete="CASCADE")
    event_id: str | None = Field(default=None, foreign_key="event.id", max_length=36, ondelete="SET NULL")
    kind: str = Field(max_length=20)
    name: str = Field(max_length=255)
    content_type: str = Field(max_length=100)
    size: int = 0
    # Relative to the data directory.
    path: str = Field(max_length=500)
    created_at: datetime = created_at_field()


class LLMCall(SQLModel, table=True):
    """One LLM call made for a session: simulator, judge or hosted agent."""

    __tablename__ = "llm_call"
    __table_args__ = (
        Index("ix_llm_call_workspace_created", "workspace_id", "created_at"),
        Index("ix_llm_call_session", "session_id"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    session_id: str | None = Field(default=None, foreign_key="session.id", max_length=36, ondelete="CASCADE")
    # simulator | judge | agent | test
    role: str = Field(max_length=20)
    model: str = Field(max_length=200)
    provider: str | None = Field(default=None, max_length=50)
    prompt_tokens: int = 0
    completion_tokens: int = 0
    cost: float = 0.0
    latency_ms: int = 0
    # ok | error
    status: str = Field(default="ok", max_length=20)
    error: str | None = Field(default=None, sa_type=Text)
    created_at: datetime = created_at_field()


# ---- API schemas -------------------------------------------------------------------------

TERMINAL_STATUSES = frozenset({"completed", "cancelled", "error", "interrupted"})


class SessionConfig(CamelModel):
    duration: float | None = PydanticField(default=None, gt=0, le=86_400, description="Seconds; default: the persona's")
    max_messages: int | None = PydanticField(default=None, ge=1, le=1000, description="Persona + agent messages")
    message_interval: float | None = PydanticField(default=None, ge=0, le=3600, description="Seconds between turns")
    seed: int | None = PydanticField(default=None, ge=0, le=2**31 - 1, description="Makes offline runs reproducible")


class SessionLLMConfig(CamelModel):
    model: str | None = PydanticField(default=None, max_length=200, description="The persona simulator's model")
    temperature: float | None = PydanticField(default=None, ge=0, le=2, strict=True)
    judge_model: str | None = PydanticField(default=None, max_length=200)
    judge_repeats: int | None = PydanticField(
        default=None,
        ge=1,
        le=11,
        description="Independent judgements whose majority is the verdict; else the workspace default (1)",
    )
    agent_model: str | None = PydanticField(default=None, max_length=200, description="For hosted agents")


class VisionConfig(CamelModel):
    include_screenshots: bool = False
    screenshot_interval: int = PydanticField(default=5, ge=1, le=1000)


class SessionCreate(CamelModel):
    agent_id: str
    persona_id: str
    objective_id: str
    config: SessionConfig = PydanticField(default_factory=SessionConfig)
    llm_config: SessionLLMConfig = PydanticField(default_factory=SessionLLMConfig)
    vision_config: VisionConfig = PydanticField(default_factory=VisionConfig)
    auto_start: bool = False


class SessionMetadata(CamelModel):
    start_time: datetime | None
    end_time: datetime | None
    message_count: int
    action_count: int
    duration_ms: int | None


class SessionPublic(CamelModel):
    id: str
    agent_id: str
    persona_id: str
    objective_id: str | None
    agent_name: str | None = PydanticField(default=None, description="None when the agent was deleted since")
    persona_name: str | None = PydanticField(default=None, description="None when the persona was deleted since")
    objective_name: str | None = PydanticField(default=None, description="None when there is none or it was deleted")
    run_id: str | None
    status: str
    outcome: str | None = PydanticField(
        description="passed | failed | inconclusive | simulator_error | error | cancelled; only failed counts "
        "against the agent, and only passed and failed enter a pass rate"
    )
    end_reason: str | None
    blame: str | None = PydanticField(
        default=None,
        description="Whose a failed, inconclusive or spoiled session is: agent | simulator | judge | infrastructure",
    )
    flipped_criteria: int = PydanticField(default=0, description="Criteria whose judge repeats disagreed")
    unstable_criteria: int = PydanticField(default=0, description="Criteria whose judge repeats had no majority")
    reviewed_at: datetime | None = PydanticField(default=None, description="When a human last reviewed the verdict")
    error: dict[str, Any] | None
    config: dict[str, Any]
    llm_config: dict[str, Any]
    vision_config: dict[str, Any]
    metadata: SessionMetadata
    total_cost: float
    total_tokens: int
    created_at: datetime
    updated_at: datetime


class MessagePublic(CamelModel):
    id: str
    session_id: str
    sequence: int
    sender_type: str
    content: str
    truncated: bool = PydanticField(
        default=False,
        description="The stored body is longer than MIMIC_MAX_REPLY_BYTES characters; content is its start",
    )
    latency_ms: int | None
    prompt_tokens: int | None
    completion_tokens: int | None
    cost: float | None
    model: str | None
    meta: dict[str, Any] = PydanticField(alias="metadata")
    empty: bool = PydanticField(default=False, description="The agent's reply had no text (stored, and flagged)")
    unrecognized: bool = PydanticField(
        default=False, description="Voice: the agent spoke, but Mimic's recogniser made out no words"
    )
    timestamp: datetime


class FindingPublic(CamelModel):
    id: str
    session_id: str
    event_id: str | None
    type: str
    severity: str
    description: str
    persona_perspective: str
    evidence: dict[str, Any]
    source: str
    page: str | None = PydanticField(default=None, description="Browser sessions: origin + path of the page")
    pages: list[str] = PydanticField(default_factory=list, description="Every page it was seen on (browser sessions)")
    judgement_id: str | None = None
    created_at: datetime


class EventPublic(CamelModel):
    id: str
    session_id: str
    sequence: int
    type: str
    context: dict[str, Any]
    decision: dict[str, Any]
    outcome: dict[str, Any]
    created_at: datetime


class ArtifactPublic(CamelModel):
    id: str
    session_id: str | None
    event_id: str | None
    kind: str  # screenshot | trace | ...
    name: str
    content_type: str
    size: int
    created_at: datetime
    url: str = PydanticField(description="Where the file is served (GET, same credentials)")


class SessionDetail(SessionPublic):
    messages: list[MessagePublic]
    verdict: SessionVerdict | None
    findings: list[FindingPublic]
    persona_name: str
    objective_name: str
    agent_name: str


class SessionState(CamelModel):
    """A session's state without its transcript: what a script polls or waits on."""

    id: str
    status: str
    outcome: str | None
    end_reason: str | None
    blame: str | None
    message_count: int
    run_id: str | None
    started_at: datetime | None
    ended_at: datetime | None
    updated_at: datetime
    ended: bool = PydanticField(description="The session has ended: its status is terminal and its verdict stored")


class SessionStopped(CamelModel):
    id: str
    status: str
    updated_at: datetime
