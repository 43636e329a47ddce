"""/: the last 30 days at a glance: sessions per day, the success-rate trend, findings by
severity, agent reply latency (p95), and the five most recent failed sessions."""

from __future__ import annotations

import plotly.graph_objects as go
import reflex as rx

from app.models.analytics import DashboardOverview
from app.services import analytics, wording
from app.services import analytics_charts as charts
from app.services.errors import ServiceError
from app.ui.components.charts import ChartTables, chart_card, stat_card
from app.ui.components.first_run import first_run_guide
from app.ui.components.layout import page_header, shell
from app.ui.formatting import percent, when
from app.ui.pages.recent_runs import recent_runs_card
from app.ui.state.auth import AuthState


def milliseconds(value: float | None) -> str:
    return "—" if value is None else f"{value:,.0f} ms"


def plural(n: int, word: str) -> str:
    return f"{n:,} {word}{'' if n == 1 else 's'}"


class DashboardState(ChartTables, AuthState):
    loaded: bool = False
    # No session in the range: the first-run guide instead of empty charts.
    first_run: bool = False
    range_label: str = ""
    total_sessions: str = "0"
    sessions_hint: str = ""
    success_rate: str = "—"
    success_hint: str = ""
    p95_latency: str = "—"
    latency_hint: str = ""
    findings_total: str = "0"
    findings_hint: str = ""
    cost_total: str = "$0"
    cost_hint: str = ""
    sessions_figure: go.Figure = go.Figure()
    success_figure: go.Figure = go.Figure()
    findings_figure: go.Figure = go.Figure()
    latency_figure: go.Figure = go.Figure()
    failures: list[dict[str, str]] = []

    @rx.event
    async def load(self):
        try:
            data = await self._call(analytics.overview)
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        self._apply(data)

    def _apply(self, data: DashboardOverview) -> None:
        s, latency, findings = data.sessions, data.latency, data.findings
        self.range_label = f"{s.start_date.isoformat()} to {s.end_date.isoformat()} (UTC)"
        self.first_run = s.total_sessions == 0
        self.total_sessions = f"{s.total_sessions:,}"
        self.sessions_hint = f"{plural(s.active_sessions, 'session')} not ended yet · {s.total_messages:,} messages"
        self.success_rate = percent(s.success_rate)
        self.success_hint = (
            f"{s.passed_sessions:,} passed, {s.failed_sessions:,} failed · "
            f"{plural(s.infrastructure_errors, 'infrastructure error')} left out"
        )
        self.p95_latency = milliseconds(latency.p95_ms)
        self.latency_hint = f"p50 {milliseconds(latency.p50_ms)} · {latency.samples:,} agent replies"
        self.findings_total = f"{findings.total:,}"
        self.findings_hint = (
            f"{findings.by_severity.get('critical', 0):,} critical, {findings.by_severity.get('high', 0):,} high"
        )
        self.cost_total = f"${s.total_cost:,.2f}"
        self.cost_hint = f"{s.total_tokens:,} tokens"
        built = [
            charts.sessions_per_day(s),
            charts.success_trend(s),
            charts.findings_by_severity(findings),
            charts.latency_trend(latency),
        ]
        self.sessions_figure, self.success_figure, self.findings_figure, self.latency_figure = (c.figure for c in built)
        self._set_tables(built, f"{s.start_date.isoformat()}_{s.end_date.isoformat()}")
        self.failures = [
            {"id": f.id, "agent": f.agent_name, "agent_id": f.agent_id, "persona": f.persona_name,
             "objective": f.objective_name, "reason": wording.end_reason(f.end_reason),
             "created": when(f.created_at)}
            for f in data.recent_failures
        ]  # fmt: skip
        self.loaded = True


def _failure_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.link(row["persona"], href=f"/sessions/{row['id']}")),
        rx.table.cell(rx.link(row["agent"], href=f"/analytics?agentId={row['agent_id']}")),
        rx.table.cell(row["objective"]),
        rx.table.cell(row["reason"]),
        rx.table.cell(row["created"]),
        rx.table.cell(rx.link("Open", href=f"/sessions/{row['id']}", aria_label="Open the failed session")),
    )


def recent_failures() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Most recent failed sessions", size="3", as_="h2"),
            rx.cond(
                DashboardState.failures.length() > 0,
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            *[
                                rx.table.column_header_cell(h)
                                for h in ("Persona", "Agent", "Objective", "Ended by", "Created (UTC)", "")
                            ]
                        )
                    ),
                    rx.table.body(rx.foreach(DashboardState.failures, _failure_row)),
                    width="100%",
                    size="1",
                ),
                rx.text("No failed session in the last 30 days.", size="2", color_scheme="gray"),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def dashboard_page() -> rx.Component:
    S = DashboardState
    return shell(
        page_header(
            "Dashboard",
            "The last 30 days at a glance: are the agents getting better or worse?",
            rx.link(
                rx.hstack(rx.icon("chart-line", size=16), rx.text("Open analytics"), align="center", spacing="1"),
                href="/analytics",
                weight="medium",
            ),
        ),
        rx.cond(
            S.loaded,
            rx.vstack(
                rx.cond(S.first_run, first_run_guide()),
                rx.text(S.range_label, size="2", color_scheme="gray"),
                rx.grid(
                    stat_card("Sessions", S.total_sessions, S.sessions_hint),
                    stat_card("Success rate", S.success_rate, S.success_hint),
                    stat_card("Agent reply p95", S.p95_latency, S.latency_hint),
                    stat_card("Findings", S.findings_total, S.findings_hint),
                    stat_card("LLM cost", S.cost_total, S.cost_hint),
                    columns=rx.breakpoints(initial="1", sm="2", lg="5"),
                    spacing="3",
                    width="100%",
                ),
                rx.grid(
                    chart_card(
                        S,
                        "sessions-per-day",
                        "Sessions per day",
                        S.sessions_figure,
                        summary="By outcome, on the UTC day each session was created",
                    ),
                    chart_card(
                        S,
                        "success-rate",
                        "Success-rate trend",
                        S.success_figure,
                        summary="passed / (passed + failed); infrastructure errors left out",
                    ),
                    chart_card(
                        S,
                        "findings-by-severity",
                        "Findings by severity",
                        S.findings_figure,
                        summary="Stacked by finding type",
                    ),
                    chart_card(
                        S,
                        "latency",
                        "Agent reply latency",
                        S.latency_figure,
                        summary="p95 and p50 of the agents' replies, per day",
                    ),
                    columns=rx.breakpoints(initial="1", lg="2"),
                    spacing="4",
                    width="100%",
                ),  # fmt: skip
                recent_runs_card(),
                recent_failures(),
                spacing="4",
                width="100%",
            ),
            rx.center(rx.spinner(size="3"), padding="4rem", width="100%"),
        ),
        active="/",
    )
