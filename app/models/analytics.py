"""API schemas of the analytics: how the agents do over a range of days.

Not tables: every figure is an aggregate computed in SQL over `session`, `message` and
`finding`. A session counts on the UTC day it was created; its messages and findings count
with it. Durations are in seconds, latencies in milliseconds, costs in US dollars.
"""

from __future__ import annotations

import datetime as dt

from pydantic import Field

from app.models.base import CamelModel
from app.models.finding_groups import FindingGroup

SUCCESS_RATE_DOC = (
    "passed / (passed + failed), from 0 to 1. Infrastructure errors (outcome `error`: the target, the "
    "simulator or the judge failed), sessions the simulator spoiled (`simulator_error`), sessions the judge "
    "could not decide (`inconclusive`) and cancelled sessions are left out, so they never count against the "
    "agent; null when no session was passed or failed."
)
INFRA_DOC = "Sessions whose outcome is `error` (infrastructure): left out of successRate."
SIMULATOR_DOC = "Sessions the persona spoiled (outcome `simulator_error`): left out of successRate."
INCONCLUSIVE_DOC = "Sessions the judge could not decide (outcome `inconclusive`): left out of successRate."


class DailyStats(CamelModel):
    date: dt.date = Field(description="A UTC day, YYYY-MM-DD")
    sessions: int = Field(description="Sessions created that day")
    messages: int = Field(description="Messages of those sessions")
    avg_duration: float | None = Field(description="Mean duration in seconds of those that ended; null if none")
    passed: int
    failed: int
    infrastructure_errors: int = Field(description=INFRA_DOC)
    simulator_errors: int = Field(default=0, description=SIMULATOR_DOC)
    inconclusive: int = Field(default=0, description=INCONCLUSIVE_DOC)
    success_rate: float | None = Field(description=SUCCESS_RATE_DOC)
    cost: float = Field(description="LLM cost in US dollars of those sessions")
    tokens: int


class SessionAnalytics(CamelModel):
    """The seed's session analytics, plus the counts that explain successRate."""

    start_date: dt.date = Field(description="First UTC day of the range (inclusive)")
    end_date: dt.date = Field(description="Last UTC day of the range (inclusive)")
    total_sessions: int = Field(description="Sessions created in the range")
    active_sessions: int = Field(description="Of those, sessions not ended yet (pending or running)")
    completed_sessions: int = Field(description="Of those, sessions that ran to the end (status completed)")
    failed_sessions: int = Field(
        description="Of those, sessions whose agent did not meet the objective (outcome failed)"
    )
    passed_sessions: int = Field(description="Sessions whose agent met the objective (outcome passed)")
    cancelled_sessions: int = Field(description="Sessions stopped by a user (outcome cancelled)")
    infrastructure_errors: int = Field(description=INFRA_DOC)
    simulator_errors: int = Field(default=0, description=SIMULATOR_DOC)
    inconclusive_sessions: int = Field(default=0, description=INCONCLUSIVE_DOC)
    average_duration: float | None = Field(description="Mean duration in seconds of the sessions that ended")
    total_messages: int = Field(description="Messages of the sessions in the range")
    success_rate: float | None = Field(description=SUCCESS_RATE_DOC)
    total_cost: float = Field(description="LLM cost in US dollars (simulator, judge and hosted agent)")
    total_tokens: int
    daily_stats: list[DailyStats] = Field(description="One entry per day of the range, days without sessions too")


class OutcomeBreakdown(CamelModel):
    """Sessions of one persona, one objective, or one persona x objective pair."""

    persona_id: str | None = None
    persona_name: str | None = None
    objective_id: str | None = None
    objective_name: str | None = None
    sessions: int
    passed: int
    failed: int
    infrastructure_errors: int = Field(description=INFRA_DOC)
    simulator_errors: int = Field(default=0, description=SIMULATOR_DOC)
    inconclusive: int = Field(default=0, description=INCONCLUSIVE_DOC)
    success_rate: float | None = Field(description=SUCCESS_RATE_DOC)


class DailyLatency(CamelModel):
    date: dt.date
    samples: int
    p50_ms: float | None
    p95_ms: float | None


class LatencyStats(CamelModel):
    """Agent reply latency: the latencyMs of the agent's messages (percentile_cont: linear
    interpolation between the closest ranks)."""

    samples: int = Field(description="Agent messages with a measured latency")
    p50_ms: float | None
    p95_ms: float | None
    daily: list[DailyLatency] = Field(description="One entry per day of the range")


class FindingCount(CamelModel):
    type: str
    severity: str
    count: int


class FindingsSummary(CamelModel):
    total: int
    by_severity: dict[str, int] = Field(description="low, medium, high, critical (each present, 0 if none)")
    by_type: dict[str, int]
    by_type_and_severity: list[FindingCount]


class DailyCost(CamelModel):
    date: dt.date
    cost: float
    tokens: int


class CostStats(CamelModel):
    total: float = Field(description="US dollars")
    tokens: int
    daily: list[DailyCost]


class AgentAnalytics(SessionAnalytics):
    """The session analytics of one agent, and why its sessions pass or fail."""

    agent_id: str
    agent_name: str
    by_persona: list[OutcomeBreakdown] = Field(description="Success per persona, most sessions first")
    by_objective: list[OutcomeBreakdown] = Field(description="Success per objective, most sessions first")
    latency: LatencyStats
    findings: FindingsSummary
    cost: CostStats
    voice: VoiceStats | None = Field(default=None, description="Voice calls, when the agent is a voice agent")


class HistogramBin(CamelModel):
    label: str
    lower: float = Field(description="Inclusive lower bound")
    upper: float | None = Field(description="Exclusive upper bound; null for the last, open bin")
    count: int


class RecurringFinding(FindingGroup):
    """A group of the findings inbox (app/services/finding_groups.py) over the range: one row per
    problem, counts and quotes set aside; `severity` is its highest."""


class AnalyticsBreakdown(CamelModel):
    """What the Analytics page shows for a range, optionally for one agent and one persona."""

    start_date: dt.date
    end_date: dt.date
    summary: SessionAnalytics
    matrix: list[OutcomeBreakdown] = Field(description="Success per persona x objective pair")
    duration_histogram: list[HistogramBin] = Field(description="Durations in seconds of the sessions that ended")
    latency: LatencyStats
    latency_histogram: list[HistogramBin] = Field(description="Agent reply latencies in milliseconds")
    top_findings: list[RecurringFinding] = Field(description="The findings recorded most often")
    findings: FindingsSummary
    cost: CostStats
    voice: VoiceStats | None = Field(default=None, description="Voice calls in the range (null: none)")


class FailedSession(CamelModel):
    id: str
    agent_id: str
    agent_name: str
    persona_name: str
    objective_name: str
    end_reason: str | None
    created_at: dt.datetime
    ended_at: dt.datetime | None


class DashboardOverview(CamelModel):
    """The home page: the last 30 days at a glance."""

    sessions: SessionAnalytics
    latency: LatencyStats
    findings: FindingsSummary
    recent_failures: list[FailedSession] = Field(description="The five most recent failed sessions of the range")


class VoiceStats(CamelModel):
    """Voice sessions of the range: the agents' answers as heard on the calls."""

    sessions: int = Field(description="Voice sessions with a stored call")
    turns: int = Field(description="Agent answers measured")
    latency_p50_ms: float | None = Field(description="End of the persona's speech to the agent's first audio, p50")
    latency_p95_ms: float | None
    talk_over_ms: int = Field(description="Both speaking at once, summed over the calls")
    interruptions: int = Field(description="Answers the persona cut into")
    yields: int = Field(description="Of those, answers the agent stopped within the threshold")
    yield_rate: float | None = Field(description="yields / interruptions (0 to 1)")
    long_silences: int
    words_per_minute: float | None = Field(description="Mean pace of the agents' answers")
    confidence: float | None = Field(description="Mean recognition confidence of the agents' answers (0 to 1)")


class JudgeDay(CamelModel):
    date: dt.date = Field(description="A UTC day, YYYY-MM-DD")
    judgements: int = Field(description="Judgements made with repeats (N > 1) that day")
    criteria: int = Field(description="Criteria they ruled on")
    flipped: int = Field(description="Of those, criteria whose repeats did not all agree")
    unstable: int = Field(description="Of those, criteria whose repeats had no clear majority")
    flip_rate: float | None = Field(description="flipped / criteria; null without repeated judgements")
    reviewed_criteria: int = Field(default=0, description="Criteria a human reviewed that day")
    human_disagreements: int = Field(default=0, description="Of those, criteria where the reviewer ruled otherwise")


class JudgeModelStability(CamelModel):
    judge_model: str
    prompt_version: str
    judgements: int
    criteria: int
    flipped: int
    unstable: int
    flip_rate: float | None


class JudgeAnalytics(CamelModel):
    """How stable the judge is: with judge repeats, the share of criteria whose independent
    judgements disagreed (the flip rate), per day and per judge model; and how often human
    reviewers ruled otherwise than the judge."""

    start_date: dt.date
    end_date: dt.date
    judgements: int = Field(description="Judgements with repeats in the range (sessions and imported conversations)")
    criteria: int
    flipped: int
    unstable: int
    flip_rate: float | None = Field(description="flipped / criteria over the range")
    reviewed_criteria: int
    human_disagreements: int
    human_agreement: float | None = Field(description="1 - humanDisagreements / reviewedCriteria")
    by_judge: list[JudgeModelStability]
    daily: list[JudgeDay]
