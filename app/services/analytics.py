"""Analytics: how the agents do over a range of UTC days.

Every figure is an aggregate computed by the database (GROUP BY over indexed columns);
Python only fills in the days without sessions and turns counts into rates. A session counts
on the UTC day it was created, and its messages and findings count with it.

successRate is passed / (passed + failed): infrastructure errors (outcome `error`), sessions
the simulator spoiled (`simulator_error`), sessions the judge could not decide
(`inconclusive`) and cancelled sessions are left out, and every answer says how many were.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

from sqlalchemy import Date, Integer, case, cast, func, literal_column, or_, union_all
from sqlmodel import Session, col, select

from app.models.analytics import (
    AgentAnalytics,
    AnalyticsBreakdown,
    CostStats,
    DailyCost,
    DailyLatency,
    DailyStats,
    DashboardOverview,
    FailedSession,
    FindingCount,
    FindingsSummary,
    HistogramBin,
    LatencyStats,
    OutcomeBreakdown,
    RecurringFinding,
    SessionAnalytics,
)
from app.models.library import Agent, Objective, Persona
from app.models.session import Finding, Message, SimSession
from app.services import agents, finding_groups
from app.services.access import Permission, Principal, require
from app.services.analytics_range import DateRange, parse_range
from app.services.analytics_voice import voice_stats

SEVERITIES = ("low", "medium", "high", "critical")
RECENT_FAILURES = 5
TOP_FINDINGS = 10
# Lower edges of the histogram bins; the last bin is open.
DURATION_EDGES_S = (0, 1, 5, 15, 30, 60, 120, 300, 600)
LATENCY_EDGES_MS = (0, 100, 250, 500, 1000, 2000, 5000, 10000)


@dataclass(frozen=True)
class _Scope:
    """Which sessions a query covers: one workspace's, created in the range, optionally
    of one agent and one persona."""

    workspace_id: str
    range: DateRange
    agent_id: str | None = None
    persona_id: str | None = None

    def conditions(self) -> list[Any]:
        s = SimSession
        where = [
            col(s.workspace_id) == self.workspace_id,
            col(s.created_at) >= self.range.start_at,
            col(s.created_at) < self.range.end_before,
        ]
        if self.agent_id:
            where.append(col(s.agent_id) == self.agent_id)
        if self.persona_id:
            where.append(col(s.persona_id) == self.persona_id)
        return where


def _is_postgres(session: Session) -> bool:
    return session.get_bind().dialect.name == "postgresql"


def utc_day(session: Session, column: Any) -> Any:
    """The UTC day of a timestamp, as the dialect spells it. Literals, not bound parameters,
    so that PostgreSQL sees the same expression in SELECT and GROUP BY."""
    if _is_postgres(session):
        return cast(func.timezone(literal_column("'UTC'"), column), Date)
    # SQLite stores UTC timestamps as ISO text: date() takes its day.
    return func.date(column)


def as_date(value: Any) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value)[:10])


def _rate(passed: int, failed: int) -> float | None:
    decided = passed + failed
    return round(passed / decided, 4) if decided else None


def _count_where(condition: Any) -> Any:
    return func.coalesce(func.sum(case((condition, 1), else_=0)), 0)


def _outcome_columns() -> list[Any]:
    outcome = col(SimSession.outcome)
    return [
        func.count().label("sessions"),
        _count_where(outcome == "passed").label("passed"),
        _count_where(outcome == "failed").label("failed"),
        _count_where(outcome == "error").label("errors"),
        _count_where(outcome == "simulator_error").label("simulator_errors"),
        _count_where(outcome == "inconclusive").label("inconclusive"),
    ]


# ---- Sessions ------------------------------------------------------------------------------


def _session_analytics(session: Session, scope: _Scope) -> SessionAnalytics:
    """One GROUP BY day over the range; the totals are the sums of the days."""
    s = SimSession
    status, duration = col(s.status), col(s.duration_ms)
    day = utc_day(session, s.created_at).label("day")
    rows = session.exec(
        select(
            day,
            *_outcome_columns(),
            _count_where(col(s.outcome) == "cancelled").label("cancelled"),
            _count_where(status.in_(("pending", "running"))).label("active"),
            _count_where(status == "completed").label("completed"),
            func.coalesce(func.sum(duration), 0).label("duration_sum"),
            func.count(duration).label("duration_n"),
            func.coalesce(func.sum(s.message_count), 0).label("messages"),
            func.coalesce(func.sum(s.total_cost), 0.0).label("cost"),
            func.coalesce(func.sum(s.total_tokens), 0).label("tokens"),
        )
        .where(*scope.conditions())
        .group_by(day)
    ).all()
    by_day = {as_date(r.day): r for r in rows}
    daily = []
    for d in scope.range.days():
        r = by_day.get(d)
        daily.append(
            DailyStats(date=d, sessions=0, messages=0, avg_duration=None, passed=0, failed=0, infrastructure_errors=0,
                       success_rate=None, cost=0.0, tokens=0)
            if r is None
            else DailyStats(date=d, sessions=r.sessions, messages=int(r.messages),
                            avg_duration=_mean_seconds(r.duration_sum, r.duration_n), passed=int(r.passed),
                            failed=int(r.failed), infrastructure_errors=int(r.errors),
                            simulator_errors=int(r.simulator_errors), inconclusive=int(r.inconclusive),
                            success_rate=_rate(int(r.passed), int(r.failed)), cost=round(float(r.cost), 6),
                            tokens=int(r.tokens))
        )  # fmt: skip

    def total(name: str) -> int:
        return sum(int(getattr(r, name)) for r in rows)

    passed, failed = total("passed"), total("failed")
    return SessionAnalytics(
        start_date=scope.range.start, end_date=scope.range.end, total_sessions=total("sessions"),
        active_sessions=total("active"), completed_sessions=total("completed"), failed_sessions=failed,
        passed_sessions=passed, cancelled_sessions=total("cancelled"), infrastructure_errors=total("errors"),
        simulator_errors=total("simulator_errors"), inconclusive_sessions=total("inconclusive"),
        average_duration=_mean_seconds(total("duration_sum"), total("duration_n")),
        total_messages=total("messages"), success_rate=_rate(passed, failed),
        total_cost=round(sum(float(r.cost) for r in rows), 6), total_tokens=total("tokens"), daily_stats=daily,
    )  # fmt: skip


def _mean_seconds(total_ms: Any, n: Any) -> float | None:
    return round(float(total_ms) / int(n) / 1000, 3) if n else None


def _cost(summary: SessionAnalytics) -> CostStats:
    return CostStats(
        total=summary.total_cost,
        tokens=summary.total_tokens,
        daily=[DailyCost(date=d.date, cost=d.cost, tokens=d.tokens) for d in summary.daily_stats],
    )


def _breakdown(session: Session, scope: _Scope, *, by_persona: bool, by_objective: bool) -> list[OutcomeBreakdown]:
    s = SimSession
    keys = [c for c, wanted in ((col(s.persona_id), by_persona), (col(s.objective_id), by_objective)) if wanted]
    rows = session.exec(
        select(*keys, *_outcome_columns())
        .where(*scope.conditions())
        .group_by(*keys)
        # Ties by id, sessions without an objective last: the same order on SQLite and PostgreSQL.
        .order_by(func.count().desc(), *(k.asc().nulls_last() for k in keys))
    ).all()
    persona_ids = {r.persona_id for r in rows} if by_persona else set()
    objective_ids = {r.objective_id for r in rows if r.objective_id} if by_objective else set()
    personas = _names(session, Persona, persona_ids)
    objectives = _names(session, Objective, objective_ids)
    result = []
    for r in rows:
        ids: dict[str, Any] = {}
        if by_persona:
            ids |= {"persona_id": r.persona_id, "persona_name": personas.get(r.persona_id, "(deleted)")}
        if by_objective:
            name = objectives.get(r.objective_id, "(deleted)") if r.objective_id else "(none)"
            ids |= {"objective_id": r.objective_id, "objective_name": name}
        result.append(
            OutcomeBreakdown(**ids, sessions=r.sessions, passed=int(r.passed), failed=int(r.failed),
                             infrastructure_errors=int(r.errors), simulator_errors=int(r.simulator_errors),
                             inconclusive=int(r.inconclusive), success_rate=_rate(int(r.passed), int(r.failed)))
        )  # fmt: skip
    return result


def _names(session: Session, model: Any, ids: Iterable[str]) -> dict[str, str]:
    ids = list(ids)
    if not ids:
        return {}
    return dict(session.exec(select(model.id, model.name).where(col(model.id).in_(ids))).all())


def _histogram_bin(column: Any, edges: Sequence[float]) -> Any:
    return case(*[(column < upper, i) for i, upper in enumerate(edges[1:])], else_=len(edges) - 1)


def _histogram(rows: Iterable[Any], edges: Sequence[float], unit: str) -> list[HistogramBin]:
    counts = {int(b): int(n) for b, n in rows}
    bins = []
    for i, lower in enumerate(edges):
        upper = edges[i + 1] if i + 1 < len(edges) else None
        label = f"{_fmt(lower)}–{_fmt(upper)} {unit}" if upper is not None else f"≥ {_fmt(lower)} {unit}"
        bins.append(HistogramBin(label=label, lower=lower, upper=upper, count=counts.get(i, 0)))
    return bins


def _fmt(value: float) -> str:
    return f"{value:g}"


def _duration_histogram(session: Session, scope: _Scope) -> list[HistogramBin]:
    duration = col(SimSession.duration_ms)
    bucket = _histogram_bin(duration, [e * 1000 for e in DURATION_EDGES_S]).label("bucket")
    rows = session.exec(
        select(bucket, func.count()).where(*scope.conditions(), duration.is_not(None)).group_by(bucket)
    ).all()
    return _histogram(rows, DURATION_EDGES_S, "s")


# ---- Agent replies -------------------------------------------------------------------------


def _agent_replies(scope: _Scope) -> list[Any]:
    m = Message
    return [col(m.role) == "agent", col(m.latency_ms).is_not(None), *scope.conditions()]


PERCENTILES = (0.5, 0.95)


def _round(value: Any) -> float | None:
    return None if value is None else round(float(value), 3)


def _latency(
    session: Session, scope: _Scope, *, daily: bool = True, histogram: bool = False
) -> tuple[LatencyStats, list[HistogramBin]]:
    """Agent reply latency p50/p95 over the range (and per day), and its histogram."""
    if _is_postgres(session):
        total, per_day, bins = _latency_postgres(session, scope, daily=daily, histogram=histogram)
    else:
        total, per_day, bins = _latency_by_rank(session, scope, daily=daily, histogram=histogram)
    empty = (0, None, None)
    stats = LatencyStats(
        samples=total[0],
        p50_ms=total[1],
        p95_ms=total[2],
        daily=[DailyLatency(date=d, samples=n, p50_ms=a, p95_ms=b) for d in scope.range.days()
               for n, a, b in [per_day.get(d, empty)]] if daily else [],
    )  # fmt: skip
    return stats, _histogram(bins.items(), LATENCY_EDGES_MS, "ms") if histogram else []


def _latency_postgres(session: Session, scope: _Scope, *, daily: bool, histogram: bool):
    m = Message
    latency = col(m.latency_ms)
    p50, p95 = (func.percentile_cont(p).within_group(latency) for p in PERCENTILES)

    def replies(*columns: Any) -> Any:
        return (
            select(*columns)
            .select_from(SimSession)
            .join(m, col(m.session_id) == SimSession.id)
            .where(*_agent_replies(scope))
        )

    n, a, b = session.exec(replies(func.count(latency), p50, p95)).one()
    total = (int(n), _round(a), _round(b))
    per_day: dict[date, tuple[int, float | None, float | None]] = {}
    if daily:
        day = utc_day(session, SimSession.created_at).label("day")
        rows = session.exec(replies(day, func.count(latency), p50, p95).group_by(day)).all()
        per_day = {as_date(d): (int(n), _round(a), _round(b)) for d, n, a, b in rows}
    bins: dict[int, int] = {}
    if histogram:
        bucket = _histogram_bin(latency, LATENCY_EDGES_MS).label("bucket")
        bins = {int(k): int(c) for k, c in session.exec(replies(bucket, func.count()).group_by(bucket)).all()}
    return total, per_day, bins


def _latency_by_rank(session: Session, scope: _Scope, *, daily: bool, histogram: bool):
    """Exact percentiles without percentile_cont (SQLite), in one statement.

    The replies are counted per (day, latency) once; running sums over those groups give each
    value's range of ranks, and only the groups holding a wanted rank come back (a few rows),
    with the histogram's bins when asked. Python then interpolates as percentile_cont does.
    """
    m = Message
    latency = col(m.latency_ms).label("v")
    keys = [utc_day(session, SimSession.created_at).label("day"), latency] if daily else [latency]
    counted = (
        select(*keys, func.count().label("c"))
        .select_from(SimSession)
        .join(m, col(m.session_id) == SimSession.id)
        .where(*_agent_replies(scope))
        .group_by(*keys)
        .cte("counted")
    )

    def ranked(source: Any, partition: Any = None) -> Any:
        window = {"partition_by": partition} if partition is not None else {}
        return select(
            (partition if partition is not None else literal_column("NULL")).label("day"),
            source.c.v,
            source.c.c,
            func.sum(source.c.c).over(order_by=source.c.v, rows=(None, 0), **window).label("cum"),
            func.sum(source.c.c).over(**window).label("n"),
        ).subquery()

    def wanted(r: Any) -> Any:
        # The group covers ranks cum - c .. cum - 1 (0-based); keep it if it holds a rank
        # that percentile_cont reads: floor(p * (n - 1)) or the one after.
        conditions = []
        for p in PERCENTILES:
            rank = cast(p * (r.c.n - 1), Integer)
            for k in (rank, rank + 1):
                conditions.append((r.c.cum - r.c.c <= k) & (k < r.c.cum))
        return or_(*conditions)

    def picked(kind: str, r: Any) -> Any:
        return select(literal_column(f"'{kind}'").label("kind"), r.c.day, r.c.v, r.c.cum - r.c.c, r.c.n).where(
            wanted(r)
        )

    overall_source = counted
    if daily:
        overall_source = select(counted.c.v, func.sum(counted.c.c).label("c")).group_by(counted.c.v).subquery()
    parts = [picked("all", ranked(overall_source))]
    if daily:
        parts.append(picked("day", ranked(counted, counted.c.day)))
    if histogram:
        bucket = _histogram_bin(counted.c.v, LATENCY_EDGES_MS)
        null = literal_column("NULL")
        parts.append(select(literal_column("'bin'"), null, bucket, null, func.sum(counted.c.c)).group_by(bucket))
    rows = session.exec(union_all(*parts)).all()

    groups: dict[Any, list[tuple[int, float]]] = {}
    sizes: dict[Any, int] = {}
    bins: dict[int, int] = {}
    for kind, day, value, first_rank, n in rows:
        if kind == "bin":
            bins[int(value)] = int(n)
            continue
        key = as_date(day) if kind == "day" else kind
        groups.setdefault(key, []).append((int(first_rank), float(value)))
        sizes[key] = int(n)

    def percentiles(key: Any) -> tuple[int, float | None, float | None]:
        n = sizes.get(key, 0)
        if not n:
            return (0, None, None)
        starts = sorted(groups[key])
        return (n, *(_interpolate(starts, n, p) for p in PERCENTILES))

    per_day = {key: percentiles(key) for key in sizes if key != "all"}
    return percentiles("all"), per_day, bins


def _interpolate(starts: list[tuple[int, float]], n: int, p: float) -> float:
    """percentile_cont: linear interpolation between the two closest ranks (0-based). `starts`
    holds (first rank, value) of the groups around those ranks, in order."""

    def at(rank: int) -> float:
        return next(value for first, value in reversed(starts) if first <= rank)

    position = p * (n - 1)
    lower = int(position)
    low = at(lower)
    high = at(min(lower + 1, n - 1))
    return round(low + (position - lower) * (high - low), 3)


# ---- Findings ------------------------------------------------------------------------------


def _findings(session: Session, scope: _Scope) -> FindingsSummary:
    f = Finding
    rows = session.exec(
        select(f.type, f.severity, func.count())
        .select_from(SimSession)
        .join(f, col(f.session_id) == SimSession.id)
        .where(*scope.conditions())
        .group_by(f.type, f.severity)
        .order_by(func.count().desc(), f.type, f.severity)
    ).all()
    by_severity = dict.fromkeys(SEVERITIES, 0)
    by_type: dict[str, int] = {}
    # Sums over at most a few dozen (type, severity) groups, not over findings.
    for type_, severity, n in rows:
        by_severity[severity] = by_severity.get(severity, 0) + n
        by_type[type_] = by_type.get(type_, 0) + n
    return FindingsSummary(
        total=sum(by_type.values()),
        by_severity=by_severity,
        by_type=dict(sorted(by_type.items(), key=lambda kv: (-kv[1], kv[0]))),
        by_type_and_severity=[FindingCount(type=t, severity=s, count=n) for t, s, n in rows],
    )


def _top_findings(session: Session, scope: _Scope) -> list[RecurringFinding]:
    groups = finding_groups.top_groups(session, scope.workspace_id, scope.conditions(), TOP_FINDINGS)
    return [RecurringFinding(**group.model_dump()) for group in groups]


def _recent_failures(session: Session, scope: _Scope) -> list[FailedSession]:
    s = SimSession
    rows = session.exec(
        select(s.id, s.agent_id, s.end_reason, s.created_at, s.ended_at, Agent.name, Persona.name, Objective.name)
        .select_from(s)
        .outerjoin(Agent, col(Agent.id) == s.agent_id)
        .outerjoin(Persona, col(Persona.id) == s.persona_id)
        .outerjoin(Objective, col(Objective.id) == s.objective_id)
        .where(*scope.conditions(), col(s.outcome) == "failed")
        .order_by(col(s.created_at).desc(), col(s.id))
        .limit(RECENT_FAILURES)
    ).all()
    return [
        FailedSession(id=r[0], agent_id=r[1], end_reason=r[2], created_at=r[3], ended_at=r[4],
                      agent_name=r[5] or "(deleted)", persona_name=r[6] or "(deleted)", objective_name=r[7] or "—")
        for r in rows
    ]  # fmt: skip


def _voice(session: Session, scope: _Scope):
    return voice_stats(session, scope.workspace_id, scope.range.start_at, scope.range.end_before,
                       agent_id=scope.agent_id, persona_id=scope.persona_id)  # fmt: skip


# ---- The public functions ------------------------------------------------------------------


def session_analytics(
    *,
    session: Session,
    principal: Principal,
    start_date: str | None = None,
    end_date: str | None = None,
    agent_id: str | None = None,
    persona_id: str | None = None,
) -> SessionAnalytics:
    """GET /api/analytics/sessions: counts, success rate and daily stats of a range."""
    require(principal, Permission.read)
    scope = _Scope(principal.workspace_id, parse_range(start_date, end_date), agent_id, persona_id)
    return _session_analytics(session, scope)


def agent_analytics(
    *, session: Session, principal: Principal, agent_id: str, start_date: str | None = None, end_date: str | None = None
) -> AgentAnalytics:
    """GET /api/analytics/agents/{id}: one agent's sessions, and why they pass or fail."""
    require(principal, Permission.read)
    agent = agents.resource.row(session, principal, agent_id)  # another workspace's agent: not found
    scope = _Scope(principal.workspace_id, parse_range(start_date, end_date), agent_id=agent.id)
    summary = _session_analytics(session, scope)
    return AgentAnalytics(
        **summary.model_dump(),
        agent_id=agent.id,
        agent_name=agent.name,
        by_persona=_breakdown(session, scope, by_persona=True, by_objective=False),
        by_objective=_breakdown(session, scope, by_persona=False, by_objective=True),
        latency=_latency(session, scope)[0],
        findings=_findings(session, scope),
        cost=_cost(summary),
        voice=_voice(session, scope),
    )


def breakdown(
    *,
    session: Session,
    principal: Principal,
    start_date: str | None = None,
    end_date: str | None = None,
    agent_id: str | None = None,
    persona_id: str | None = None,
) -> AnalyticsBreakdown:
    """The Analytics page: success per persona x objective, distributions, recurring findings, cost."""
    require(principal, Permission.read)
    scope = _Scope(principal.workspace_id, parse_range(start_date, end_date), agent_id or None, persona_id or None)
    summary = _session_analytics(session, scope)
    latency, latency_bins = _latency(session, scope, daily=False, histogram=True)
    return AnalyticsBreakdown(
        start_date=scope.range.start,
        end_date=scope.range.end,
        summary=summary,
        matrix=_breakdown(session, scope, by_persona=True, by_objective=True),
        duration_histogram=_duration_histogram(session, scope),
        latency=latency,
        latency_histogram=latency_bins,
        top_findings=_top_findings(session, scope),
        findings=_findings(session, scope),
        cost=_cost(summary),
        voice=_voice(session, scope),
    )


def overview(
    *, session: Session, principal: Principal, start_date: str | None = None, end_date: str | None = None
) -> DashboardOverview:
    """The home page: by default the last 30 days, today included."""
    require(principal, Permission.read)
    scope = _Scope(principal.workspace_id, parse_range(start_date, end_date))
    return DashboardOverview(
        sessions=_session_analytics(session, scope),
        latency=_latency(session, scope)[0],
        findings=_findings(session, scope),
        recent_failures=_recent_failures(session, scope),
    )
