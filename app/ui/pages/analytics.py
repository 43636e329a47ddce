"""/analytics: why agents pass or fail, for a date range, an agent and a persona: success per
persona x objective, duration and latency distributions, recurring findings, cost over time,
and a printable report of one agent."""

from __future__ import annotations

import asyncio
from datetime import timedelta
from urllib.parse import urlencode

import plotly.graph_objects as go
import reflex as rx

from app.db import session_scope
from app.models.analytics import AnalyticsBreakdown
from app.services import agents, analytics, analytics_range, browser_pages, personas
from app.services import analytics_charts as charts
from app.services.errors import ServiceError
from app.services.pagination import PageParams
from app.ui.components import browser as browser_ui
from app.ui.components.charts import ChartTables, chart_card, stat_card
from app.ui.components.forms import form_error
from app.ui.components.layout import page_header, shell
from app.ui.components.voice import analytics_cards, analytics_row
from app.ui.pages.analytics_judge import JudgeStabilityState, judge_card
from app.ui.pages.dashboard import milliseconds, percent, plural
from app.ui.state.auth import AuthState

PRESETS = (("7 days", 7), ("30 days", 30), ("90 days", 90), ("1 year", 365))


class AnalyticsState(ChartTables, AuthState):
    start_date: str = ""
    end_date: str = ""
    agent_id: str = ""  # "" = every agent
    persona_id: str = ""  # "" = every persona
    agent_options: list[dict[str, str]] = []
    persona_options: list[dict[str, str]] = []
    form_error: str = ""
    errors: dict[str, str] = {}
    loaded: bool = False
    # What the figures below show (the inputs may have been edited since).
    shown_start: str = ""
    shown_end: str = ""
    shown_agent: str = ""
    stats: dict[str, str] = {}
    voice_cards: list[dict[str, str]] = []  # voice calls: time to first audio, barge-in, talk-over
    heatmap_figure: go.Figure = go.Figure()
    duration_figure: go.Figure = go.Figure()
    latency_figure: go.Figure = go.Figure()
    findings_figure: go.Figure = go.Figure()
    cost_figure: go.Figure = go.Figure()
    # A website agent: findings per page, against another version of the site (a browser agent).
    website_options: list[dict[str, str]] = []
    baseline_agent_id: str = ""
    pages: list[dict[str, str]] = []

    @rx.event
    def load(self):
        """on_load: the filters may come in the URL (?agentId=&personaId=&startDate=&endDate=)."""
        query = self.router.url.query_parameters
        self.agent_id = query.get("agentId", "")
        self.persona_id = query.get("personaId", "")
        self.start_date = query.get("startDate", "")
        self.end_date = query.get("endDate", "")
        try:
            principal = self._principal()
            everything = PageParams(page=1, limit=100)
            with session_scope() as session:
                agent_list = agents.list_agents(session=session, principal=principal, params=everything).data
                persona_list = personas.list_personas(session=session, principal=principal, params=everything).data
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        self.agent_options = [{"id": a.id, "name": a.name} for a in agent_list]
        self.website_options = [{"id": a.id, "name": a.name} for a in agent_list if a.type == "browser"]
        self.baseline_agent_id = query.get("baselineAgentId", "")
        self.persona_options = [{"id": p.id, "name": p.name} for p in persona_list]
        return self._refresh()

    def _refresh(self):
        """The figures for the filters; the judge's stability follows (read off the loop)."""
        self.form_error, self.errors = "", {}
        try:
            with session_scope() as session:
                data = analytics.breakdown(
                    session=session, principal=self._principal(), start_date=self.start_date or None,
                    end_date=self.end_date or None, agent_id=self.agent_id or None,
                    persona_id=self.persona_id or None,
                )  # fmt: skip
        except ServiceError as exc:
            self.form_error = exc.message
            self.errors = {d.field: d.message for d in exc.details}
            return None
        self._apply(data)
        self._refresh_pages()
        return JudgeStabilityState.show(self.start_date, self.end_date, self.agent_id)

    def _refresh_pages(self) -> None:
        self.pages = []
        if not any(o["id"] == self.agent_id for o in self.website_options):
            return
        try:
            self.pages = _page_rows(self._principal(), self.agent_id, self.baseline_agent_id, self.start_date,
                                    self.end_date)  # fmt: skip
        except ServiceError as exc:
            self.form_error = exc.message

    def _apply(self, data: AnalyticsBreakdown) -> None:
        s = data.summary
        self.start_date, self.end_date = data.start_date.isoformat(), data.end_date.isoformat()
        self.shown_start, self.shown_end, self.shown_agent = self.start_date, self.end_date, self.agent_id
        self.stats = {
            "sessions": f"{s.total_sessions:,}",
            "sessions_hint": f"{s.total_messages:,} messages · {plural(s.active_sessions, 'session')} not ended",
            "success": percent(s.success_rate),
            "success_hint": f"{s.passed_sessions:,} passed, {s.failed_sessions:,} failed",
            "errors": f"{s.infrastructure_errors:,}",
            "errors_hint": f"left out of the success rate · {s.cancelled_sessions:,} cancelled",
            "duration": "—" if s.average_duration is None else f"{s.average_duration:,.1f} s",
            "latency": f"{milliseconds(data.latency.p50_ms)} / {milliseconds(data.latency.p95_ms)}",
            "latency_hint": f"p50 / p95 of {data.latency.samples:,} agent replies",
            "cost": f"${data.cost.total:,.2f}",
            "cost_hint": f"{data.cost.tokens:,} tokens",
        }
        self.voice_cards = analytics_cards(data.voice)
        built = [
            charts.success_heatmap(data.matrix),
            charts.duration_histogram(data.duration_histogram),
            charts.latency_histogram(data.latency_histogram),
            charts.top_findings(data.top_findings),
            charts.cost_over_time(data.cost),
        ]
        self.heatmap_figure, self.duration_figure, self.latency_figure, self.findings_figure, self.cost_figure = (
            c.figure for c in built
        )
        self._set_tables(built, f"{self.start_date}_{self.end_date}")
        self.loaded = True

    @rx.event
    def set_start(self, value: str):
        self.start_date = value

    @rx.event
    def set_end(self, value: str):
        self.end_date = value

    @rx.event
    def choose_agent(self, value: str):
        self.agent_id = value
        return self._refresh()

    @rx.event(background=True)
    async def choose_baseline(self, value: str):
        async with self:
            self.baseline_agent_id = value
            asked = (self._principal(), self.agent_id, value, self.start_date, self.end_date)
        try:
            rows = await asyncio.to_thread(_page_rows, *asked)
        except ServiceError as exc:
            async with self:
                self.form_error = exc.message
            return
        async with self:
            if self.baseline_agent_id == value:
                self.pages = rows

    @rx.event
    def choose_persona(self, value: str):
        self.persona_id = value
        return self._refresh()

    @rx.event
    def apply(self):
        return self._refresh()

    @rx.event
    def preset(self, days: int):
        today = analytics_range.utc_today()
        self.start_date, self.end_date = (today - timedelta(days=days - 1)).isoformat(), today.isoformat()
        return self._refresh()

    @rx.var
    def report_url(self) -> str:
        if not self.shown_agent:
            return ""
        query = urlencode({"startDate": self.shown_start, "endDate": self.shown_end, "format": "html"})
        return f"/api/analytics/agents/{self.shown_agent}/report?{query}"


def _page_rows(principal, agent_id: str, baseline_agent_id: str, start: str, end: str) -> list[dict[str, str]]:
    """Findings per page of a website agent against another version (off the event loop when awaited)."""
    with session_scope() as session:
        compared = browser_pages.agent_pages(
            session=session, principal=principal, agent_id=agent_id, baseline_agent_id=baseline_agent_id or None,
            start_date=start or None, end_date=end or None,
        )  # fmt: skip
    return browser_ui.page_rows(compared)


_SELECT_STYLE = {
    "height": "var(--space-6)",
    "font_size": "var(--font-size-2)",
    "padding": "0 0.4rem",
    "border_radius": "var(--radius-2)",
    "border": f"1px solid {rx.color('gray', 7)}",
    "background": rx.color("gray", 1),
    "color": rx.color("gray", 12),
    "width": "16rem",
    "max_width": "100%",
}


def _labelled(label: str, field_id: str, control: rx.Component, error: rx.Var | None = None) -> rx.Component:
    return rx.vstack(
        rx.el.label(rx.text(label, size="2", weight="medium"), html_for=field_id),
        control,
        rx.cond(error != "", rx.text(error, color_scheme="red", size="1", role="alert"))
        if error is not None
        else rx.fragment(),
        spacing="1",
        align="start",
    )


def _choice(label: str, field_id: str, everything: str, options: rx.Var, value: rx.Var, on_change) -> rx.Component:
    return _labelled(
        label,
        field_id,
        rx.el.select(
            rx.el.option(everything, value=""),
            rx.foreach(options, lambda o: rx.el.option(o["name"], value=o["id"])),
            id=field_id,
            value=value,
            on_change=on_change,
            style=_SELECT_STYLE,
        ),
    )


def filters() -> rx.Component:
    S = AnalyticsState
    start = rx.input(id="analytics-start", type="date", value=S.start_date, on_change=S.set_start)
    end = rx.input(id="analytics-end", type="date", value=S.end_date, on_change=S.set_end)
    return rx.card(
        rx.vstack(
            rx.flex(
                _labelled("From", "analytics-start", start, S.errors.get("startDate", "")),
                _labelled("To", "analytics-end", end, S.errors.get("endDate", "")),
                rx.button("Apply", on_click=S.apply, margin_top="1.6rem"),
                _choice("Agent", "analytics-agent", "All agents", S.agent_options, S.agent_id, S.choose_agent),
                _choice(
                    "Persona", "analytics-persona", "All personas", S.persona_options, S.persona_id, S.choose_persona
                ),
                spacing="3",
                wrap="wrap",
                align="start",
                width="100%",
            ),  # fmt: skip
            rx.hstack(
                rx.text("Quick ranges:", size="1", color_scheme="gray"),
                *[rx.button(label, size="1", variant="ghost", on_click=S.preset(days)) for label, days in PRESETS],
                rx.spacer(),
                rx.cond(
                    S.report_url != "",
                    rx.link(
                        rx.hstack(
                            rx.icon("printer", size=16), rx.text("Printable report"), align="center", spacing="1"
                        ),
                        href=S.report_url,
                        is_external=True,
                        weight="medium",
                    ),
                    rx.text("Choose an agent for its printable report.", size="1", color_scheme="gray"),
                ),
                align="center",
                spacing="2",
                width="100%",
            ),
            form_error(S.form_error),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _pages_card() -> rx.Component:
    S = AnalyticsState
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Findings per page", size="3", as_="h2"),
                rx.spacer(),
                _choice(
                    "Compare with",
                    "analytics-baseline",
                    "No other version",
                    S.website_options,
                    S.baseline_agent_id,
                    S.choose_baseline,
                ),  # fmt: skip
                align="end",
                width="100%",
            ),
            rx.text(
                "Pages matched by their path below each agent's site root (the folder of its target URL), "
                "e.g. /before/survey.html and /after/survey.html.",
                size="1",
                color_scheme="gray",
            ),
            browser_ui.page_comparison(S.pages, "The other version", "This agent"),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def analytics_page() -> rx.Component:
    S = AnalyticsState
    return shell(
        page_header("Analytics", "Whether the agents are getting better or worse, and why."),
        rx.vstack(
            filters(),
            rx.cond(
                S.loaded,
                rx.vstack(
                    rx.text(
                        f"{S.shown_start} to {S.shown_end} (UTC days, both included)", size="2", color_scheme="gray"
                    ),
                    rx.grid(
                        stat_card("Sessions", S.stats["sessions"], S.stats["sessions_hint"]),
                        stat_card("Success rate", S.stats["success"], S.stats["success_hint"]),
                        stat_card("Infrastructure errors", S.stats["errors"], S.stats["errors_hint"]),
                        stat_card("Average duration", S.stats["duration"], "of the sessions that ended"),
                        stat_card("Reply latency", S.stats["latency"], S.stats["latency_hint"]),
                        stat_card("LLM cost", S.stats["cost"], S.stats["cost_hint"]),
                        columns=rx.breakpoints(initial="1", sm="3", xl="6"),
                        spacing="3",
                        width="100%",
                    ),
                    analytics_row(S.voice_cards, stat_card),
                    chart_card(
                        S,
                        "persona-objective",
                        "Success by persona × objective",
                        S.heatmap_figure,
                        summary="passed / (passed + failed) per pair; (n) = sessions when none was decided",
                    ),
                    rx.grid(
                        chart_card(
                            S,
                            "duration",
                            "Session duration",
                            S.duration_figure,
                            summary="Sessions that ended, by duration",
                        ),
                        chart_card(
                            S,
                            "latency-distribution",
                            "Agent reply latency",
                            S.latency_figure,
                            summary="The agents' replies, by latency",
                        ),
                        columns=rx.breakpoints(initial="1", lg="2"),
                        spacing="4",
                        width="100%",
                    ),
                    chart_card(
                        S,
                        "top-findings",
                        "Top recurring findings",
                        S.findings_figure,
                        summary="The findings recorded most often, coloured by severity",
                    ),
                    rx.cond(S.pages.length() > 0, _pages_card()),
                    chart_card(
                        S,
                        "cost",
                        "Cost over time",
                        S.cost_figure,
                        summary="LLM cost (simulator, judge, hosted agent) per day",
                    ),
                    judge_card(),
                    spacing="4",
                    width="100%",
                ),  # fmt: skip
                rx.center(rx.spinner(size="3"), padding="4rem", width="100%"),
            ),
            spacing="4",
            width="100%",
        ),
        active="/analytics",
    )
