"""A judgement: one judging of a session, with the judge model and prompt version that
produced it. Its verdict rows (criteria and checks) and findings point to it, so a session
can keep several judgements (re-judged, repeated, reviewed); the latest is its verdict."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from pydantic import Field as PydanticField
from pydantic import ValidationInfo, field_validator
from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from app.models.base import CamelModel, JSONType, created_at_field, id_field, json_field, workspace_fk
from app.models.library import ObjectiveCheck


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
    # How it was asked for: {temperature, seeds, repeats}; who asked (a re-judge), when not the run itself.
    settings: dict[str, Any] = json_field()
    # session (at the end of the session) | rejudge (one session) | run_rejudge (a whole run)
    trigger: str = Field(default="session", max_length=20)
    # Judge repeats: how many independent judgements made this one, and over its criteria how
    # many had repeats that disagreed (flipped) and how many had no clear majority (unstable).
    repeats: int = 1
    criteria_count: int = 0
    flipped_criteria: int = 0
    unstable_criteria: int = 0
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
    votes: dict[str, int] = PydanticField(
        default_factory=dict, description="With judge repeats: how many repeats ruled each status"
    )
    agreement: str = PydanticField(default="", description='With judge repeats: "4/5", the repeats that agree')
    unstable: bool = PydanticField(default=False, description="The repeats had no clear majority (inconclusive)")


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
    settings: dict[str, Any] = PydanticField(description="{repeats, temperature, seeds}")
    trigger: str = PydanticField(default="session", description="session | rejudge | run_rejudge")
    repeats: int = 1
    criteria_count: int = 0
    flipped_criteria: int = PydanticField(default=0, description="Criteria whose repeats did not all agree")
    unstable_criteria: int = PydanticField(default=0, description="Criteria whose repeats had no clear majority")
    requested_by: str | None
    notes: dict[str, Any]
    error: dict[str, Any] | None
    created_at: datetime


class JudgeRequest(CamelModel):
    """A re-judge: the session's stored transcript judged again, without replaying it."""

    judge_model: str | None = PydanticField(
        default=None, max_length=200, description="Else the session's judge model, else the workspace default"
    )
    temperature: float | None = PydanticField(
        default=None, ge=0, le=2, description="Default 0 for one judgement, 0.7 for repeats (which need it above 0)"
    )
    repeats: int | None = PydanticField(
        default=None, ge=1, le=11, description="Independent judgements whose majority is the verdict"
    )


class JudgeCalibration(CamelModel):
    """How far a judge (model and prompt version) is calibrated in this workspace."""

    judge_model: str
    prompt_version: str
    status: str = PydanticField(description="calibrated | not_calibrated | below_threshold | never")
    report_id: str | None = None
    set_id: str | None = None
    set_name: str | None = None
    kappa: float | None = None
    accuracy: float | None = None
    calibrated_at: datetime | None = None
    message: str = ""


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
    repeats: int = PydanticField(default=1, description="Independent judgements whose majority this is")
    criteria: list[VerdictPublic]
    checks: list[VerdictPublic]
    reviewed_outcome: str | None = PydanticField(
        default=None, description="The outcome a human review gave, which overrides the judge's"
    )
    review: dict[str, Any] | None = PydanticField(default=None, description="The latest human review, if any")
    calibration: JudgeCalibration | None = PydanticField(
        default=None, description="The latest calibration report of this judge model and prompt version"
    )


# ---- conversations judged without a session (POST /api/judgements) ---------------------------


class ConversationJudgement(SQLModel, table=True):
    """A conversation that did not happen in Mimic (a production transcript, say), judged
    exactly as a session is; kept with its verdict so that teams can look back."""

    __tablename__ = "conversation_judgement"
    __table_args__ = (
        Index("ix_conversation_judgement_workspace_created", "workspace_id", "created_at"),
        Index("ix_conversation_judgement_reference", "workspace_id", "reference"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    # The caller's own id of the conversation (a ticket, a chat id), to find it again.
    reference: str | None = Field(default=None, max_length=200)
    # What was judged: {persona, objective, agentInstructions, endReason, transcript}.
    conversation: dict[str, Any] = json_field()
    judge_model: str = Field(max_length=200)
    prompt_version: str = Field(max_length=40)
    settings: dict[str, Any] = json_field()
    repeats: int = 1
    outcome: str = Field(max_length=20)
    blame: str | None = Field(default=None, max_length=20)
    # The answer as given: {verdict, findings}.
    result: dict[str, Any] = json_field()
    criteria_count: int = 0
    flipped_criteria: int = 0
    unstable_criteria: int = 0
    requested_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    created_at: datetime = created_at_field()


EndReason = Literal[
    "imported", "goal_met", "persona_gave_up", "max_turns", "max_messages", "duration", "agent_silent", "cancelled"
]


class ConversationMessage(CamelModel):
    """The seeds' message shape."""

    id: str | None = PydanticField(default=None, max_length=80, description="Else m1, m2, ... in order")
    sender_type: Literal["persona", "agent"] = PydanticField(description="persona (the user) or agent")
    content: str = PydanticField(max_length=20_000)
    latency_ms: int | None = PydanticField(default=None, ge=0, le=86_400_000)


class ConversationPersona(CamelModel):
    name: str = PydanticField(min_length=1, max_length=200)
    description: str = PydanticField(default="", max_length=5000)
    traits: dict[str, Any] = PydanticField(default_factory=dict)
    language: str = PydanticField(default="en", max_length=20)


class ConversationObjective(CamelModel):
    goal: str = PydanticField(min_length=1, max_length=5000)
    constraints: list[Annotated[str, PydanticField(max_length=2000)]] = PydanticField(
        default_factory=list, max_length=50
    )
    success_criteria: list[Annotated[str, PydanticField(min_length=1, max_length=2000)]] = PydanticField(
        min_length=1, max_length=50, description="What the judge rules on, one by one"
    )
    checks: list[ObjectiveCheck] = PydanticField(default_factory=list, max_length=30)

    @field_validator("checks")
    @classmethod
    def _checks_name_real_criteria(cls, checks: list[ObjectiveCheck], info: ValidationInfo) -> list[ObjectiveCheck]:
        count = len(info.data.get("success_criteria") or [])
        for check in checks:
            if check.criterion is not None and check.criterion >= count:
                raise ValueError(f"a check names criterion {check.criterion}, but there are {count} criteria")
        return checks


class ConversationJudgeCreate(CamelModel):
    reference: str | None = PydanticField(default=None, max_length=200, description="Your id of the conversation")
    persona: ConversationPersona
    objective: ConversationObjective
    agent_instructions: str = PydanticField(default="", max_length=20_000, description="The agent's system prompt")
    end_reason: EndReason = PydanticField(
        default="imported", description="How it ended: imported (not recorded) when you cannot say"
    )
    transcript: list[ConversationMessage] = PydanticField(min_length=1, max_length=1000)
    judge_model: str | None = PydanticField(default=None, max_length=200)
    temperature: float | None = PydanticField(default=None, ge=0, le=2)
    repeats: int | None = PydanticField(default=None, ge=1, le=11)

    @field_validator("transcript")
    @classmethod
    def _a_conversation(cls, transcript: list[ConversationMessage]) -> list[ConversationMessage]:
        if not any(m.sender_type == "agent" for m in transcript):
            raise ValueError("the transcript has no agent message: there is nothing to judge")
        ids = [m.id for m in transcript if m.id]
        if len(set(ids)) != len(ids):
            raise ValueError("message ids must be unique")
        return transcript


class ConversationFinding(CamelModel):
    type: str
    severity: str
    description: str
    persona_perspective: str
    evidence: dict[str, Any]
    source: str


class ConversationJudgementPublic(CamelModel):
    id: str
    reference: str | None
    verdict: SessionVerdict = PydanticField(description="Criteria and checks, as GET /api/sessions/{id}/verdicts")
    findings: list[ConversationFinding] = PydanticField(description="As GET /api/sessions/{id}/findings")
    error: dict[str, Any] | None = PydanticField(default=None, description="The judge model's failure, if it failed")
    requested_by: str | None = None
    created_at: datetime


class ConversationJudgementDetail(ConversationJudgementPublic):
    conversation: dict[str, Any] = PydanticField(
        description="What was judged: persona, objective, agentInstructions, endReason and the transcript, each "
        "message with the id the evidence cites (m1, m2, … in order where none was given)"
    )
