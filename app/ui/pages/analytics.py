"""/analytics: why agents pass or fail, for a date range, an agent and a persona: success per
persona x objective, duration and latency distributions, recurring findings, cost over time,
and a printable report of one agent."""

from __future__ import annotations

from datetime import timedelta
from urllib.parse import urlencode

import plotly.graph_objects as go
import reflex as rx

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
from app.ui.formatting import percent
from app.ui.pages.analytics_judge import JudgeStabilityState, judge_card
from app.ui.pages.dashboard import milliseconds, plural
from app.ui.state.auth import AuthState

ROUTE = "/analytics"
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
    # The days the default range (no dates in the URL) stood for when it was shown.
    _default_range: tuple[str, str] = ("", "")
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

    def _filters(self) -> dict[str, str]:
        return {"startDate": self.start_date, "endDate": self.end_date, "agentId": self.agent_id,
                "personaId": self.persona_id, "baselineAgentId": self.baseline_agent_id}  # fmt: skip

    def _clear(self) -> None:
        """No figures of another question under this one's error."""
        self.loaded, self.stats, self.pages, self.voice_cards = False, {}, [], []
        self._set_tables([], "")

    def _go(self):
        """The filters live in the URL (shareable; reload, back and forward restore them): a
        change navigates, and on_load shows what the URL asks for."""
        wanted = {k: v for k, v in self._filters().items() if v}
        if (self.start_date, self.end_date) == self._default_range:  # still "the last 30 days", not those days
            wanted.pop("startDate", None), wanted.pop("endDate", None)
        if wanted == dict(self.router.url.query_parameters):
            return AnalyticsState.show  # the same URL: no navigation, so show it again here
        return rx.redirect(ROUTE + ("?" + urlencode(wanted) if wanted else ""))

    @rx.event(background=True)
    async def load(self):
        """on_load: the filters come from the URL (?startDate=&endDate=&agentId=&personaId=&baselineAgentId=)."""
        async with self:
            query = self.router.url.query_parameters
            self.start_date, self.end_date = query.get("startDate", ""), query.get("endDate", "")
            self.agent_id, self.persona_id = query.get("agentId", ""), query.get("personaId", "")
            self.baseline_agent_id = query.get("baselineAgentId", "")
            self._default_range = ("", "")
        try:
            agent_list, persona_list = await self._call(_options)
        except ServiceError as exc:
            yield rx.toast.error(str(exc))
            return
        async with self:
            self.agent_options = [{"id": a.id, "name": a.name} for a in agent_list]
            self.website_options = [{"id": a.id, "name": a.name} for a in agent_list if a.type == "browser"]
            self.persona_options = [{"id": p.id, "name": p.name} for p in persona_list]
        yield AnalyticsState.show

    @rx.event(background=True)
    async def show(self):
        """The figures for the filters (read off the loop); the judge's stability follows."""
        async with self:
            self.form_error, self.errors = "", {}
            asked = self._filters()
            problem = analytics_range.reversed_range_sentence(asked["startDate"], asked["endDate"])
            if problem:
                self.form_error, self.errors = problem, {"startDate": "After the end date", "endDate": ""}
                self._clear()
                return
            website = any(o["id"] == asked["agentId"] for o in self.website_options)
        try:
            data = await self._call(
                analytics.breakdown, start_date=asked["startDate"] or None, end_date=asked["endDate"] or None,
                agent_id=asked["agentId"] or None, persona_id=asked["personaId"] or None,
            )  # fmt: skip
            compared = (
                await self._call(
                    browser_pages.agent_pages, agent_id=asked["agentId"],
                    baseline_agent_id=asked["baselineAgentId"] or None, start_date=data.start_date.isoformat(),
                    end_date=data.end_date.isoformat(),
                )
                if website else None
            )  # fmt: skip
            pages = browser_ui.page_rows(compared) if compared is not None else []
        except ServiceError as exc:
            async with self:
                if self._filters() == asked:
                    self.form_error, self.errors = exc.message, {d.field: d.message for d in exc.details}
                    self._clear()
            return
        async with self:
            if self._filters() != asked:  # the filters changed meanwhile: their own answer follows
                return
            self._apply(data)
            self.pages = pages
        yield JudgeStabilityState.show(asked["startDate"], asked["endDate"], asked["agentId"])

    def _apply(self, data: AnalyticsBreakdown) -> None:
        s = data.summary
        self.shown_start, self.shown_end = data.start_date.isoformat(), data.end_date.isoformat()
        if not self.start_date and not self.end_date:  # the default range: show its days in the inputs
            self.start_date, self.end_date = self.shown_start, self.shown_end
            self._default_range = (self.shown_start, self.shown_end)
        self.shown_agent = self.agent_id
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
        self._set_tables(built, f"{self.shown_start}_{self.shown_end}")
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
        return self._go()

    @rx.event
    def choose_baseline(self, value: str):
        self.baseline_agent_id = value
        return self._go()

    @rx.event
    def choose_persona(self, value: str):
        self.persona_id = value
        return self._go()

    @rx.event
    def apply(self):
        return self._go()

    @rx.event
    def preset(self, days: int):
        today = analytics_range.utc_today()
        self.start_date, self.end_date = (today - timedelta(days=days - 1)).isoformat(), today.isoformat()
        return self._go()

    @rx.var
    def report_url(self) -> str:
        if not self.shown_agent or not self.loaded:
            return ""
        query = urlencode({"startDate": self.shown_start, "endDate": self.shown_end, "format": "html"})
        return f"/api/analytics/agents/{self.shown_agent}/report?{query}"


def _options(*, session, principal) -> tuple[list, list]:
    """The agents and personas to filter by."""
    everything = PageParams(page=1, limit=100)
    return (agents.list_agents(session=session, principal=principal, params=everything).data,
            personas.list_personas(session=session, principal=principal, params=everything).data)  # fmt: skip


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
                        summary="The findings recorded most often, one bar per problem (counts, quotes and ids set "
                        "aside, as in the findings inbox), coloured by its highest severity",
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
                rx.cond(
                    S.form_error == "",
                    rx.center(rx.spinner(size="3"), padding="4rem", width="100%"),
                    rx.text("Nothing to show for these filters.", size="2", color_scheme="gray",
                            data_testid="analytics-cleared"),
                ),  # fmt: skip
            ),
            spacing="4",
            width="100%",
        ),
        active="/analytics",
    )
