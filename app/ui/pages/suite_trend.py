"""The suite editor's trend (/suites/<id>): the pass rate of the suite's runs with their 95 %
Wilson intervals and labels (the agent's version), against the suite's threshold, as a chart
with its table and CSV like the analytics charts. Read in a worker thread (a background event)."""

from __future__ import annotations

import plotly.graph_objects as go
import reflex as rx

from app.services import analytics_charts as charts
from app.services import trends
from app.services.errors import ServiceError
from app.ui.components.charts import ChartTables, chart_card
from app.ui.formatting import percent, when
from app.ui.state.auth import AuthState


def _pct(rate: float | None) -> str:
    return percent(rate, digits=0)


class SuiteTrendState(ChartTables, AuthState):
    figure: go.Figure = go.Figure()
    runs: int = 0
    summary: str = ""
    alerts: list[dict[str, str]] = []

    @rx.event(background=True)
    async def load(self):
        async with self:
            suite_id = self.router.page.params.get("suite_id", "")
            self.runs, self.summary, self.alerts = 0, "", []
        if not suite_id:
            return
        try:
            trend = await self._call(trends.suite_trend, suite_id=suite_id)
        except ServiceError:
            return  # the editor says what is wrong with the suite
        chart = charts.suite_trend(trend)
        threshold = f"the threshold is {_pct(trend.threshold)}" if trend.threshold is not None else "no threshold"
        async with self:
            self.figure = chart.figure
            self._set_tables([chart], trend.suite_name.replace(" ", "-")[:40] or "suite")
            self.runs = len(trend.points)
            self.summary = (
                f"The last {len(trend.points)} runs, oldest first; {threshold}; "
                f"{trend.below_threshold} run{'s' if trend.below_threshold != 1 else ''} completed under it."
            )
            self.alerts = [
                {"id": p.run_id, "text": f"{p.version}: {_pct(p.pass_rate)} of {p.n} judged, under {_pct(p.threshold)}",
                 "when": when(p.created_at)}
                for p in reversed(trend.points) if p.below_threshold
            ][:5]  # fmt: skip


def trend_card() -> rx.Component:
    S = SuiteTrendState
    return rx.cond(
        S.runs > 0,
        rx.vstack(
            chart_card(
                S,
                "suite-trend",
                "Pass rate over the runs",
                S.figure,
                summary="Judged sessions passed per run, with the 95 % Wilson interval; red points fell under the "
                "threshold (and fired run.below_threshold)",
            ),
            rx.text(S.summary, size="2", color_scheme="gray", data_testid="suite-trend-summary"),
            rx.foreach(
                S.alerts,
                lambda a: rx.callout(
                    rx.hstack(
                        rx.text("Under the threshold: ", a["text"], " (", a["when"], " UTC)"),
                        rx.link("Open the run", href="/runs/" + a["id"]),
                        spacing="2",
                        wrap="wrap",
                    ),
                    icon="triangle-alert",
                    color_scheme="red",
                    size="1",
                    data_testid="below-threshold",
                ),
            ),
            spacing="2",
            width="100%",
            max_width="60rem",
            padding_top="1.5rem",
        ),
    )
