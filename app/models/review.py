"""A human review of a session's verdict: per criterion met / not met / inconclusive with a
note, each finding confirmed or dismissed, findings the judge missed added. The latest
review overrides the judge's outcome; the judgements stay as they were, beside it."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field as PydanticField
from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from app.models.base import CamelModel, created_at_field, id_field, json_field, workspace_fk

ReviewStatus = Literal["met", "not_met", "inconclusive"]
Severity = Literal["low", "medium", "high", "critical"]
BlameName = Literal["agent", "simulator", "judge", "infrastructure"]
Note = Annotated[str, PydanticField(max_length=2000)]


class Review(SQLModel, table=True):
    __table_args__ = (
        Index("ix_review_workspace_created", "workspace_id", "created_at"),
        Index("ix_review_session_created", "session_id", "created_at"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    session_id: str = Field(foreign_key="session.id", max_length=36, ondelete="CASCADE")
    # The judgement the reviewer read (the session's verdict at the time).
    judgement_id: str | None = Field(default=None, foreign_key="judgement.id", max_length=36, ondelete="SET NULL")
    reviewer_id: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    reviewer_email: str = Field(default="", max_length=320)
    # [{index, status, note, blame, evidence, judgeStatus}]
    criteria: list[dict[str, Any]] = json_field(list)
    # [{findingId, decision: confirmed | dismissed, note, type, severity}]
    findings: list[dict[str, Any]] = json_field(list)
    # Findings the judge missed: [{type, severity, description, evidence: [message ids], note}]
    added_findings: list[dict[str, Any]] = json_field(list)
    note: str = Field(default="", sa_type=Text)
    # The outcome the review gives the session, and whose it is.
    outcome: str = Field(max_length=20)
    blame: str | None = Field(default=None, max_length=20)
    # Criteria where the reviewer and the judge differ.
    disagreements: int = 0
    created_at: datetime = created_at_field()


# ---- API schemas -------------------------------------------------------------------------


class CriterionReview(CamelModel):
    index: int = PydanticField(ge=0, description="The criterion's number, from 0")
    status: ReviewStatus
    note: Note = ""
    blame: BlameName | None = PydanticField(
        default=None, description="Whose it is when not met or inconclusive (default: the judge's, else agent)"
    )
    evidence: list[Annotated[str, PydanticField(max_length=80)]] = PydanticField(
        default_factory=list, max_length=50, description="Ids of the messages that show it"
    )


class FindingDecision(CamelModel):
    finding_id: str = PydanticField(max_length=36)
    decision: Literal["confirmed", "dismissed"]
    note: Note = ""


class AddedFinding(CamelModel):
    type: str = PydanticField(min_length=1, max_length=40)
    severity: Severity
    description: str = PydanticField(min_length=1, max_length=2000)
    evidence: list[Annotated[str, PydanticField(max_length=80)]] = PydanticField(
        default_factory=list, max_length=50, description="Ids of the messages that show it"
    )
    note: Note = ""


class ReviewCreate(CamelModel):
    """Every criterion of the session's verdict must be reviewed, once; findings not named stay
    as the judge recorded them (counted as confirmed); each finding is decided once."""

    criteria: list[CriterionReview] = PydanticField(min_length=1, max_length=100)
    findings: list[FindingDecision] = PydanticField(default_factory=list, max_length=500)
    added_findings: list[AddedFinding] = PydanticField(default_factory=list, max_length=100)
    note: str = PydanticField(default="", max_length=5000)


class ReviewPublic(CamelModel):
    id: str
    session_id: str
    judgement_id: str | None
    reviewer_id: str | None
    reviewer_email: str
    criteria: list[dict[str, Any]]
    findings: list[dict[str, Any]]
    added_findings: list[dict[str, Any]]
    note: str
    outcome: str = PydanticField(description="The outcome the review gives the session (it overrides the judge's)")
    blame: str | None
    disagreements: int = PydanticField(description="Criteria where the reviewer and the judge differ")
    created_at: datetime


class ReviewQueueItem(CamelModel):
    session_id: str
    run_id: str | None
    agent_id: str
    agent_name: str
    persona_name: str
    objective_name: str
    outcome: str | None
    blame: str | None
    judge_model: str | None
    flipped_criteria: int
    unstable_criteria: int
    sampled: bool = PydanticField(description="In the sample the team's review rate picks")
    reviewed_at: datetime | None
    ended_at: datetime | None
    created_at: datetime


class JudgingSettings(CamelModel):
    """The workspace's judging defaults."""

    judge_repeats: int = PydanticField(
        default=1, ge=1, le=11, description="Judge repeats when neither the session nor the suite says"
    )
    review_sample_rate: float = PydanticField(
        default=0.0, ge=0, le=1, description="Share of judged sessions the review queue samples (0 to 1)"
    )
