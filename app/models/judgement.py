"""A judgement: one judging of a session, with the judge model and prompt version that
produced it. Its verdict rows (criteria and checks) and findings point to it, so a session
can keep several judgements (re-judged, repeated, reviewed); the latest is its verdict."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from pydantic import Field as PydanticField
from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from app.models.base import CamelModel, JSONType, created_at_field, id_field, json_field, workspace_fk


class Judgement(SQLModel, table=True):
    __table_args__ = (
        Index("ix_judgement_session_created", "session_id", "created_at"),
        Index("ix_judgement_workspace_created", "workspace_id", "created_at"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    session_id: str = Field(foreign_key="session.id", max_length=36, ondelete="CASCADE")
    # The model id as chosen (e.g. custom/my-vllm, mimic/offline) and the judge prompt's version.
    judge_model: str = Field(max_length=200)
    prompt_version: str = Field(max_length=40)
    # completed | error (the judge model failed; the checks' rows are kept)
    status: str = Field(default="completed", max_length=20)
    outcome: str = Field(max_length=20)
    blame: str | None = Field(default=None, max_length=20)
    summary: str = Field(default="", sa_type=Text)
    # The simulator check: {spoiled, problems: [{kind, source, evidence, reason}], judge}
    simulator: dict[str, Any] = json_field()
    # How it was asked for: {temperature, seed, ...}; who asked (a re-judge), when not the run itself.
    settings: dict[str, Any] = json_field()
    requested_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    # What the rules dropped or changed: invalid citations, findings without evidence, skipped criteria.
    notes: dict[str, Any] = json_field()
    error: dict[str, Any] | None = Field(default=None, sa_type=JSONType, nullable=True)
    created_at: datetime = created_at_field()


# ---- API schemas -------------------------------------------------------------------------


class VerdictPublic(CamelModel):
    """A criterion's verdict, or a check's result."""

    kind: str = PydanticField(description="criterion | check")
    key: str = PydanticField(description="criterion:<i>, a built-in check (empty_reply, echo, ...) or objective:<i>")
    criterion_index: int
    criterion: str = PydanticField(description="The criterion's text, or what the check checks")
    status: str = PydanticField(description="met | not_met | inconclusive")
    reasoning: str
    evidence_message_ids: list[str] = PydanticField(description="Ids of the messages (or steps) that show it")
    cited_message_ids: list[str] = PydanticField(description="The same as evidenceMessageIds (older name)")
    source: str = PydanticField(description="judge | check")
    blame: str | None = PydanticField(description="agent | simulator | judge | infrastructure, when not met")
    gating: bool = PydanticField(description="Whether a failure counts toward the session's outcome")
    resolved_by: str | None = PydanticField(description="The rule that changed the judge's ruling, if any")


class JudgementPublic(CamelModel):
    id: str
    session_id: str
    judge_model: str
    prompt_version: str
    status: str
    outcome: str
    blame: str | None
    summary: str
    simulator: dict[str, Any]
    settings: dict[str, Any]
    requested_by: str | None
    notes: dict[str, Any]
    error: dict[str, Any] | None
    created_at: datetime


class SessionVerdict(CamelModel):
    """The session's verdict: its latest judgement's criteria and checks."""

    summary: str
    outcome: str | None
    blame: str | None
    judge_model: str | None
    prompt_version: str | None
    judgement_id: str | None
    end_reason_text: str = PydanticField(description="How and by whom the session ended, in words")
    simulator: dict[str, Any] = PydanticField(default_factory=dict, description="The simulator check")
    criteria: list[VerdictPublic]
    checks: list[VerdictPublic]
