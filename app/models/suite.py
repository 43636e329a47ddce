"""Test suites (a persona x objective x repeats matrix against one agent) and their runs."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import ConfigDict
from pydantic import Field as PydanticField
from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from app.models.base import (
    CamelModel,
    Name,
    created_at_field,
    id_field,
    json_field,
    timestamp_field,
    updated_at_field,
    workspace_fk,
)
from app.models.pages import PageComparison
from app.models.session import Severity


class RunStatus(StrEnum):
    pending = "pending"
    running = "running"
    completed = "completed"
    cancelled = "cancelled"
    error = "error"


class Suite(SQLModel, table=True):
    __table_args__ = (
        Index("ix_suite_workspace_created", "workspace_id", "created_at"),
        Index("ix_suite_agent", "agent_id"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    name: str = Field(max_length=200)
    description: str = Field(default="", sa_type=Text)
    agent_id: str = Field(foreign_key="agent.id", max_length=36, ondelete="CASCADE")
    persona_ids: list[str] = json_field(list)
    objective_ids: list[str] = json_field(list)
    repeats: int = 1
    simulator_model: str | None = Field(default=None, max_length=200)
    # Session config applied to every cell: {duration, maxMessages, messageInterval, seed}
    config: dict[str, Any] = json_field()
    created_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class Run(SQLModel, table=True):
    """One execution of a suite; it owns its sessions (session.run_id)."""

    __table_args__ = (
        Index("ix_run_workspace_created", "workspace_id", "created_at"),
        Index("ix_run_workspace_status", "workspace_id", "status"),
        Index("ix_run_suite_created", "suite_id", "created_at"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    suite_id: str = Field(foreign_key="suite.id", max_length=36, ondelete="CASCADE")
    agent_id: str = Field(foreign_key="agent.id", max_length=36, ondelete="CASCADE")
    status: str = Field(default=RunStatus.pending, max_length=20)
    # The agent's version or any label the caller gives the run ("v2.3.1", a commit): trends show it.
    label: str = Field(default="", max_length=200)
    total_sessions: int = 0
    # The suite as it was when the run started, so later edits do not rewrite history.
    suite_snapshot: dict[str, Any] = json_field()
    # Pass rates, intervals and per-cell results, filled as sessions end.
    summary: dict[str, Any] = json_field()
    # The figures before each change after the run ended (a re-judge, a review), newest first:
    # [{at, reason, judges, overall, by}].
    summary_history: list[dict[str, Any]] = json_field(list)
    # The last re-judge of the whole run: {status, judgeModel, repeats, total, done, startedAt, endedAt, by}.
    rejudge: dict[str, Any] = json_field()
    started_at: datetime | None = timestamp_field()
    ended_at: datetime | None = timestamp_field()
    created_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


# ---- API schemas -------------------------------------------------------------------------

# A suite's matrix is bounded so that one click cannot queue an unbounded number of sessions.
MAX_SUITE_SESSIONS = 1000


class SuiteThresholds(CamelModel):
    """What a run must reach for `mimic test` (and CI) to pass it. Pass rates count judged
    sessions only (passed or failed); infrastructure errors are held to `maxErrorRate` and
    inconclusive sessions to `maxInconclusiveRate` apart; spoiled sessions are only shown."""

    model_config = ConfigDict(extra="forbid")

    pass_rate: float | None = PydanticField(default=None, ge=0, le=1, description="Least pass rate over all cells")
    cell_pass_rate: float | None = PydanticField(default=None, ge=0, le=1, description="Least pass rate of every cell")
    pass_k: float | None = PydanticField(
        default=None, ge=0, le=1, description="Least share of cells whose every repeat passed (pass^k)"
    )
    max_error_rate: float | None = PydanticField(
        default=None, ge=0, le=1, description="Most infrastructure errors, as a share of sessions (default 0)"
    )
    max_inconclusive_rate: float | None = PydanticField(
        default=None, ge=0, le=1,
        description="Most sessions the judge left inconclusive, as a share of the ended sessions (default: any)",
    )  # fmt: skip
    max_findings: dict[Severity, Annotated[int, PydanticField(ge=0)]] | None = PydanticField(
        default=None, description="Most findings of each severity, e.g. {critical: 0, high: 2}"
    )
    max_regressions: int | None = PydanticField(
        default=None, ge=0, description="Most cells that passed in the baseline and fail now (default 0)"
    )


class CalibrationGate(CamelModel):
    """The suite's judge model and prompt version must have a calibration report on this set
    (its latest) with Cohen's kappa at or above `minKappa`."""

    set: str = PydanticField(min_length=1, max_length=200, description="The calibration set's name (or id)")
    min_kappa: float = PydanticField(default=0.6, ge=-1, le=1)


class SuiteConfig(CamelModel):
    """Session settings applied to every cell. With `seed`, repeat r of a cell runs with
    seed + r - 1: reproducible, yet the repeats are not copies of one another."""

    duration: float | None = PydanticField(default=None, gt=0, le=86_400, description="Seconds per session")
    max_messages: int | None = PydanticField(default=None, ge=1, le=1000)
    message_interval: float | None = PydanticField(default=None, ge=0, le=3600)
    seed: int | None = PydanticField(default=None, ge=0, le=2**31 - 1)
    judge_model: str | None = PydanticField(default=None, max_length=200)
    thresholds: SuiteThresholds | None = None
    judge_repeats: int | None = PydanticField(
        default=None,
        ge=1,
        le=11,
        description="Independent judgements per session, majority per criterion; else the workspace default (1)",
    )
    calibration_gate: CalibrationGate | None = PydanticField(
        default=None, description="Require a calibrated judge: else the runs are marked judge not calibrated"
    )


IdList = Annotated[list[Annotated[str, PydanticField(min_length=1, max_length=36)]], PydanticField(max_length=100)]


class SuiteCreate(CamelModel):
    name: Name
    description: str = PydanticField(default="", max_length=5000)
    agent_id: str = PydanticField(max_length=36)
    persona_ids: IdList = PydanticField(min_length=1)
    objective_ids: IdList = PydanticField(min_length=1)
    repeats: int = PydanticField(default=1, ge=1, le=100, description="Sessions per cell")
    simulator_model: str | None = PydanticField(default=None, max_length=200, description="Else the persona's")
    config: SuiteConfig = PydanticField(default_factory=SuiteConfig)


class SuiteUpdate(CamelModel):
    """PATCH: only the fields sent change."""

    name: Name | None = None
    description: str | None = PydanticField(default=None, max_length=5000)
    agent_id: str | None = PydanticField(default=None, max_length=36)
    persona_ids: IdList | None = None
    objective_ids: IdList | None = None
    repeats: int | None = PydanticField(default=None, ge=1, le=100)
    simulator_model: str | None = PydanticField(default=None, max_length=200)
    config: SuiteConfig | None = None


class RunOverrides(CamelModel):
    """What one run may change of its suite (POST /api/suites/{id}/run): rerun a few cells,
    more repeats, another seed. The run's snapshot records them."""

    repeats: int | None = PydanticField(default=None, ge=1, le=100)
    seed: int | None = PydanticField(default=None, ge=0, le=2**31 - 1)
    persona_ids: IdList | None = PydanticField(default=None, description="Only these of the suite's personas")
    objective_ids: IdList | None = PydanticField(default=None, description="Only these of the suite's objectives")
    label: str | None = PydanticField(
        default=None, max_length=200, description="The agent's version or a label of the run (a release, a commit)"
    )


class SuitePublic(SuiteCreate):
    id: str
    agent_name: str | None = PydanticField(default=None, description="None when the agent was deleted since")
    persona_names: list[str | None] = PydanticField(default_factory=list, description="In the order of personaIds")
    objective_names: list[str | None] = PydanticField(default_factory=list, description="In the order of objectiveIds")
    cell_count: int
    session_count: int
    created_at: datetime
    updated_at: datetime


class Interval(CamelModel):
    low: float
    high: float
    confidence: float = 0.95
    method: str = "wilson"


class RateStats(CamelModel):
    """Judged sessions only: `n` = passed + failed. Infrastructure errors, sessions the
    simulator spoiled, sessions the judge could not decide and cancelled sessions are counted
    apart and never enter the rate."""

    n: int = 0
    passed: int = 0
    failed: int = 0
    errors: int = 0
    simulator_errors: int = 0
    inconclusive: int = 0
    cancelled: int = 0
    pending: int = 0
    pass_rate: float | None = None
    ci: Interval | None = None
    # Sessions with a criterion whose judge repeats had no clear majority (counted apart from
    # passes and failures: such a session is inconclusive unless something else decided it).
    unstable: int = 0
    unstable_criteria: int = 0


class CellSession(CamelModel):
    id: str
    repeat: int
    status: str
    outcome: str | None
    blame: str | None = None
    unstable_criteria: int = 0
    reviewed: bool = False


class CellResult(RateStats):
    persona_id: str
    objective_id: str
    persona_name: str
    objective_name: str
    repeats: int
    # (passed / n) ** repeats: the estimated chance that `repeats` fresh runs of the cell all pass.
    pass_k: float | None = None
    # passed | failed | flaky (both in one run) | inconclusive | simulator_error | error | cancelled | running
    status: str
    flaky: bool = False
    sessions: list[CellSession] = []


class OverallResult(RateStats):
    k: int = 1
    cells: int = 0
    cells_all_passed: int = 0
    flaky_cells: int = 0
    # pass^k: the share of cells (with a judged session) whose every judged repeat passed.
    pass_k: float | None = None
    # The mean over those cells of (passed / n) ** k, the smoothed estimate of the same.
    pass_k_estimate: float | None = None


class RunProgress(CamelModel):
    total: int
    done: int
    pending: int
    running: int
    passed: int
    failed: int
    errors: int
    simulator_errors: int = 0
    inconclusive: int = 0
    unstable: int = 0
    cancelled: int


class RunSummary(CamelModel):
    """What `run.summary` stores once the run has ended."""

    progress: RunProgress
    overall: OverallResult
    cells: list[CellResult]


class RunPublic(CamelModel):
    """`status` reads cancelled as soon as a cancel is asked for; `endedAt` is set (and the
    summary stored) once the last session has ended: wait on `endedAt`."""

    id: str
    suite_id: str
    suite_name: str
    agent_id: str
    agent_name: str
    status: str
    total_sessions: int
    progress: RunProgress
    overall: OverallResult | None
    started_at: datetime | None
    ended_at: datetime | None
    created_at: datetime
    label: str = PydanticField(default="", description="The agent's version or the run's label, as given at start")
    threshold: float | None = PydanticField(
        default=None, description="The suite's least pass rate (config.thresholds.passRate) when the run started"
    )
    below_threshold: bool = PydanticField(
        default=False, description="A completed run whose pass rate is under its threshold (run.below_threshold)"
    )


class JudgeUse(CamelModel):
    """A judge (model and prompt version) that produced verdicts of the run, and its calibration."""

    judge_model: str
    prompt_version: str
    sessions: int
    calibration: dict[str, Any] = PydanticField(description="The judge's latest calibration report, if any")


class RunCalibration(CamelModel):
    """Whether the run's judges are calibrated, as its suite requires (calibrationGate)."""

    required: bool
    status: str = PydanticField(description="calibrated | not_calibrated | not_required")
    set: str | None = None
    min_kappa: float | None = None
    message: str = ""
    judges: list[JudgeUse] = []


class RunDetail(RunPublic):
    cells: list[CellResult]
    suite_snapshot: dict[str, Any]
    calibration: RunCalibration | None = None
    summary_history: list[dict[str, Any]] = PydanticField(
        default_factory=list, description="The figures before each re-judge or review after the run ended, newest first"
    )
    rejudge: dict[str, Any] = PydanticField(default_factory=dict, description="The last re-judge of the whole run")


class McNemarResult(CamelModel):
    """Paired outcomes of the sessions matched by cell and repeat in both runs."""

    pairs: int
    both_passed: int
    both_failed: int
    # Passed in the baseline, failed now / failed in the baseline, passed now.
    regressed: int
    improved: int
    statistic: float | None
    p_value: float | None
    # exact (binomial, fewer than 25 discordant pairs) | chi2 (with continuity correction)
    method: str
    significant: bool


class CellSide(CamelModel):
    n: int
    passed: int
    pass_rate: float | None
    status: str


class CellChange(CamelModel):
    persona_id: str
    objective_id: str
    persona_name: str
    objective_name: str
    # regressed (newly failing) | fixed | flaky | unchanged | incomplete | added | removed
    change: str
    flaky: bool
    delta: float | None
    baseline: CellSide | None
    current: CellSide | None


class RunComparison(CamelModel):
    run_id: str
    baseline_id: str
    suite_id: str
    current: OverallResult
    baseline: OverallResult
    delta: float | None
    mcnemar: McNemarResult
    counts: dict[str, int]
    cells: list[CellChange]
    # Browser suites: findings per page of the website, the baseline's against this run's.
    pages: PageComparison | None = None


class ReportRow(CamelModel):
    """A row of a session's verdict: a success criterion, or a check (its own verdict row)."""

    key: str = PydanticField(default="", description="criterion:<i>, a built-in check's key, or objective:<i>")
    criterion: str = PydanticField(description="The criterion's text, or what the check checks")
    status: str = PydanticField(description="met | not_met | inconclusive")
    reasoning: str
    evidence_message_ids: list[str] = PydanticField(
        default_factory=list, description="Ids of the transcript's messages that show it"
    )
    evidence_message_numbers: list[int] = PydanticField(
        default_factory=list, description="The same messages by their number in the transcript (from 1)"
    )
    blame: str | None = PydanticField(
        default=None, description="agent | simulator | judge | infrastructure, when not met or inconclusive"
    )
    source: str = PydanticField(default="judge", description="judge | check")
    gating: bool = PydanticField(default=True, description="Whether a failure counts toward the session's outcome")


class ReportFinding(CamelModel):
    type: str
    severity: str
    description: str
    source: str
    evidence_message_ids: list[str] = PydanticField(default_factory=list)
    evidence_message_numbers: list[int] = PydanticField(default_factory=list)


class ReportMessage(CamelModel):
    id: str = ""
    number: int = PydanticField(default=0, description="Its place in the transcript, from 1 (what evidence cites)")
    sender_type: str
    content: str
    latency_ms: int | None


class ReportSession(CamelModel):
    """One session of a run as a CI report needs it; the transcript only of sessions that
    did not pass (capped), which a reviewer will want to read."""

    id: str
    persona_name: str
    objective_name: str
    repeat: int
    status: str
    outcome: str | None = PydanticField(
        description="passed | failed | inconclusive | simulator_error | error | cancelled; only failed counts "
        "against the agent, and only passed and failed enter a pass rate"
    )
    blame: str | None = PydanticField(
        default=None, description="Whose a failed, inconclusive or spoiled session is: agent | simulator | judge | "
        "infrastructure"
    )  # fmt: skip
    end_reason: str | None
    error: dict[str, Any] | None
    duration_ms: int | None
    message_count: int
    total_cost: float
    total_tokens: int
    verdict_summary: str | None
    judge_model: str | None = None
    prompt_version: str | None = None
    criteria: list[ReportRow]
    checks: list[ReportRow] = PydanticField(default_factory=list, description="The checks' own verdict rows")
    findings: list[ReportFinding]
    transcript: list[ReportMessage] | None = None


class RunReport(CamelModel):
    """GET /api/runs/{id}/report: the run with every session's verdict and findings."""

    run: RunDetail
    sessions: list[ReportSession]
    findings_by_severity: dict[str, int]
    total_cost: float
