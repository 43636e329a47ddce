"""/api/analytics: how the agents do over a range of UTC days, and a printable report."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query, Response
from fastapi.responses import HTMLResponse

from app.api.deps import CurrentPrincipal, SessionDep, StreamPrincipal
from app.api.errors import PATTERN_MESSAGES
from app.api.routing import APIRouter
from app.models.analytics import (
    AgentAnalytics,
    AnalyticsBreakdown,
    DashboardOverview,
    JudgeAnalytics,
    SessionAnalytics,
)
from app.models.pages import PageComparison
from app.services import analytics, analytics_report, browser_pages, judge_analytics, units

router = APIRouter(prefix="/api/analytics", tags=["analytics"])

_DAY = r"^[0-9]{4}-[0-9]{2}-[0-9]{2}$"
PATTERN_MESSAGES[_DAY] = "must be a date as YYYY-MM-DD"
StartDate = Annotated[
    str | None,
    Query(alias="startDate", pattern=_DAY, description="First UTC day, YYYY-MM-DD (default: 29 days before endDate)"),
]
EndDate = Annotated[
    str | None, Query(alias="endDate", pattern=_DAY, description="Last UTC day, YYYY-MM-DD (default: today)")
]
AgentFilter = Annotated[str | None, Query(alias="agentId", description="Only this agent's sessions")]
PersonaFilter = Annotated[str | None, Query(alias="personaId", description="Only this persona's sessions")]


@router.get("/sessions", response_model=SessionAnalytics, summary="Session analytics of a range of days")
def session_analytics(
    principal: CurrentPrincipal,
    session: SessionDep,
    start_date: StartDate = None,
    end_date: EndDate = None,
    agent_id: AgentFilter = None,
    persona_id: PersonaFilter = None,
) -> SessionAnalytics:
    """Counts, success rate and one entry per day. successRate is passed / (passed + failed):
    infrastructure errors are left out (and counted in infrastructureErrors). Bad or reversed
    dates answer 422."""
    return analytics.session_analytics(
        session=session, principal=principal, start_date=start_date, end_date=end_date, agent_id=agent_id,
        persona_id=persona_id,
    )  # fmt: skip


@router.get("/overview", response_model=DashboardOverview, summary="The dashboard: the last 30 days at a glance")
def overview(
    principal: CurrentPrincipal, session: SessionDep, start_date: StartDate = None, end_date: EndDate = None
) -> DashboardOverview:
    return analytics.overview(session=session, principal=principal, start_date=start_date, end_date=end_date)


@router.get("/breakdown", response_model=AnalyticsBreakdown, summary="Success per persona x objective, distributions")
def breakdown(
    principal: CurrentPrincipal,
    session: SessionDep,
    start_date: StartDate = None,
    end_date: EndDate = None,
    agent_id: AgentFilter = None,
    persona_id: PersonaFilter = None,
) -> AnalyticsBreakdown:
    """What the Analytics page shows: the persona x objective success matrix, duration and
    latency histograms, the most recurring findings and the cost per day."""
    return analytics.breakdown(
        session=session, principal=principal, start_date=start_date, end_date=end_date, agent_id=agent_id,
        persona_id=persona_id,
    )  # fmt: skip


@router.get("/judge", response_model=JudgeAnalytics, summary="The judge's flip rate and human agreement over time")
def judge_stability(
    principal: CurrentPrincipal,
    session: SessionDep,
    start_date: StartDate = None,
    end_date: EndDate = None,
    agent_id: AgentFilter = None,
) -> JudgeAnalytics:
    """With judge repeats: the share of criteria whose independent judgements did not all
    agree (flipRate), per UTC day and per judge model and prompt version; and the criteria
    human reviewers ruled otherwise than the judge."""
    return judge_analytics.judge_analytics(
        session=session, principal=principal, start_date=start_date, end_date=end_date, agent_id=agent_id
    )


@router.get("/agents/{agent_id}", response_model=AgentAnalytics, summary="One agent's performance")
def agent_analytics(
    agent_id: str,
    principal: CurrentPrincipal,
    session: SessionDep,
    start_date: StartDate = None,
    end_date: EndDate = None,
) -> AgentAnalytics:
    """The session analytics of one agent, plus success per persona and per objective, reply
    latency p50/p95, findings by type and severity, and cost."""
    return analytics.agent_analytics(
        session=session, principal=principal, agent_id=agent_id, start_date=start_date, end_date=end_date
    )


@router.get("/pages", response_model=PageComparison, summary="A website's findings page by page, against another")
def pages(
    principal: CurrentPrincipal,
    session: SessionDep,
    agent_id: Annotated[str, Query(alias="agentId", description="A browser agent")],
    baseline_agent_id: Annotated[
        str | None, Query(alias="baselineAgentId", description="Another version of the site (a browser agent)")
    ] = None,
    start_date: StartDate = None,
    end_date: EndDate = None,
) -> PageComparison:
    """Findings per page of the agent's sessions that ended in the range, beside the baseline
    agent's: pages are matched by their path below each agent's site root (the folder of its
    target URL), so /before/survey.html and /after/survey.html are one row."""
    return browser_pages.agent_pages(
        session=session, principal=principal, agent_id=agent_id, baseline_agent_id=baseline_agent_id,
        start_date=start_date, end_date=end_date,
    )  # fmt: skip


@router.get(
    "/agents/{agent_id}/report",
    # Response, not HTMLResponse, so that its errors stay documented as JSON.
    response_class=Response,
    summary="A printable report of one agent (HTML, charts as PNG)",
    responses={200: {"content": {"text/html": {}}}},
)
async def agent_report(
    agent_id: str,
    principal: StreamPrincipal,
    start_date: StartDate = None,
    end_date: EndDate = None,
    format: Literal["html"] = "html",
) -> HTMLResponse:
    """A self-contained HTML page to print or save: the figures, each chart as a PNG image
    (rendered by kaleido) and its table. Also accepts ?token= and the dashboard's cookie, so a
    link from the dashboard opens it."""
    # The queries off the event loop; the charts render in Chromium, awaited.
    data = await units.in_thread(
        analytics.agent_analytics, principal=principal, agent_id=agent_id, start_date=start_date, end_date=end_date
    )
    return HTMLResponse(await analytics_report.agent_report_html(data))
