"""/analytics, continued: how stable the judge is over the chosen range (the flip rate of
judge repeats per day and per judge model, and how often human reviewers ruled otherwise).
Read in a worker thread (a background event)."""

from __future__ import annotations

import plotly.graph_objects as go
import reflex as rx

from app.services import analytics_charts as charts
from app.services import judge_analytics
from app.services.errors import ServiceError
from app.ui.components.charts import ChartTables, chart_card
from app.ui.formatting import percent
from app.ui.state.auth import AuthState


class JudgeStabilityState(ChartTables, AuthState):
    figure: go.Figure = go.Figure()
    summary: str = ""
    by_judge: list[dict[str, str]] = []

    @rx.event(background=True)
    async def show(self, start_date: str, end_date: str, agent_id: str):
        try:
            data = await self._call(
                judge_analytics.judge_analytics,
                start_date=start_date or None,
                end_date=end_date or None,
                agent_id=agent_id or None,
            )
        except ServiceError:
            return
        chart = charts.judge_stability(data)
        async with self:
            self.figure = chart.figure
            self._set_tables([chart], f"{data.start_date}_{data.end_date}")
            self.summary = (
                f"Flip rate {percent(data.flip_rate)}: {data.flipped} of {data.criteria} criteria ruled with repeats "
                f"({data.judgements} judgements) did not get the same ruling every time; {data.unstable} had no "
                f"clear majority. Human reviewers agreed on {percent(data.human_agreement)} of "
                f"{data.reviewed_criteria} reviewed criteria."
            )
            self.by_judge = [
                {
                    "judge": f"{b.judge_model} · {b.prompt_version}",
                    "rate": percent(b.flip_rate),
                    "detail": f"{b.flipped} / {b.criteria} criteria, {b.judgements} judgements",
                }
                for b in data.by_judge
            ]


def judge_card() -> rx.Component:
    S = JudgeStabilityState
    return rx.vstack(
        chart_card(
            S,
            "judge-stability",
            "The judge's flip rate",
            S.figure,
            summary="Criteria whose repeated judgements disagreed, and criteria human reviewers ruled "
            "otherwise, per day",
        ),
        rx.text(S.summary, size="2", data_testid="judge-stability"),
        rx.foreach(
            S.by_judge,
            lambda b: rx.text(
                rx.code(b["judge"]), " flip rate ", b["rate"], " (", b["detail"], ")", size="1", color_scheme="gray"
            ),
        ),
        width="100%",
        spacing="2",
    )
