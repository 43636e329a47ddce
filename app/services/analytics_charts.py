"""The analytics charts: a plotly figure and the table behind it, built from the analytics
schemas. The dashboard shows them (rx.plotly, a table view, a CSV download) and the printable
report renders them as PNG; both build them here, so they always show the same thing.

Figures carry no template of their own: the dashboard applies its light or dark one, the
report a white one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

import plotly.graph_objects as go

from app.models.analytics import (
    CostStats,
    FindingsSummary,
    HistogramBin,
    JudgeAnalytics,
    LatencyStats,
    OutcomeBreakdown,
    RecurringFinding,
    SessionAnalytics,
)
from app.models.trends import SuiteTrend
from app.services.analytics import SEVERITIES
from app.services.csv_export import to_csv

# Radix step-9 colours: readable on light and dark backgrounds alike.
PASSED, FAILED, ERROR, OTHER = "#30a46c", "#e5484d", "#f76b15", "#8b8d98"
ACCENT, AMBER = "#6e56cf", "#ffc53d"
SEVERITY_COLORS = {"low": OTHER, "medium": AMBER, "high": ERROR, "critical": FAILED}


@dataclass
class Chart:
    key: str
    title: str
    figure: go.Figure
    columns: list[str]
    rows: list[list[str]] = field(default_factory=list)

    def csv(self) -> str:
        return to_csv(self.columns, self.rows)


def _figure(
    *traces: Any, y_title: str = "", x_title: str = "", height: int = 300, rangemode: str = "normal", **layout: Any
) -> go.Figure:
    """A figure in the dashboard's style: no template of its own, a transparent background,
    margins that grow to fit the labels; `layout` overrides any of it."""
    figure = go.Figure(data=list(traces))
    figure.update_layout(
        template="none",
        height=height,
        margin={"l": 16, "r": 16, "t": 16, "b": 16},
        paper_bgcolor="rgba(0,0,0,0)",
        plot_bgcolor="rgba(0,0,0,0)",
        legend={"orientation": "h", "yanchor": "bottom", "y": 1.02, "x": 0},
        xaxis={"title": {"text": x_title or None}, "automargin": True},
        yaxis={"title": {"text": y_title or None}, "automargin": True, "rangemode": rangemode},
        hovermode="x unified" if layout.pop("unified", False) else "closest",
    )
    figure.update_layout(**layout)
    return figure


def _whole_numbers(figure: go.Figure, values: Sequence[float | int | None], axis: str = "yaxis") -> go.Figure:
    """A count axis: whole-number ticks only (never 0.5 sessions), from 0."""
    top = max((v or 0 for v in values), default=0)
    ticks: dict[str, Any] = {"tickformat": ",d", "rangemode": "tozero"}
    if top <= 10:  # plotly would pick half steps on a small range
        ticks.update(tick0=0, dtick=1, range=[0, max(top, 1) * 1.1])
    figure.update_layout({axis: ticks})
    return figure


def _no_data(figure: go.Figure, message: str = "No data in this range") -> go.Figure:
    figure.update_layout(
        xaxis={"visible": False},
        yaxis={"visible": False},
        annotations=[{"text": message, "showarrow": False, "xref": "paper", "yref": "paper", "x": 0.5, "y": 0.5,
                      "font": {"size": 14}}],
    )  # fmt: skip
    return figure


def _num(value: float | int | None, digits: int = 1) -> str:
    if value is None:
        return ""
    if isinstance(value, int):
        return str(value)
    return f"{value:.{digits}f}"


def _pct(rate: float | None) -> float | None:
    return None if rate is None else round(rate * 100, 1)


def sessions_per_day(a: SessionAnalytics) -> Chart:
    days = [d.date.isoformat() for d in a.daily_stats]
    undecided = [d.inconclusive + d.simulator_errors for d in a.daily_stats]
    other = [
        d.sessions - d.passed - d.failed - d.infrastructure_errors - u
        for d, u in zip(a.daily_stats, undecided, strict=True)
    ]
    traces = [
        go.Bar(name="Passed", x=days, y=[d.passed for d in a.daily_stats], marker_color=PASSED),
        go.Bar(name="Failed", x=days, y=[d.failed for d in a.daily_stats], marker_color=FAILED),
        go.Bar(name="Inconclusive or simulator error", x=days, y=undecided, marker_color=OTHER, opacity=0.6),
        go.Bar(name="Infrastructure error", x=days, y=[d.infrastructure_errors for d in a.daily_stats],
               marker_color=ERROR),
        go.Bar(name="Cancelled or running", x=days, y=other, marker_color=OTHER),
    ]  # fmt: skip
    figure = _figure(*traces, y_title="Sessions", barmode="stack", unified=True, rangemode="nonnegative")
    _whole_numbers(figure, [d.sessions for d in a.daily_stats])
    rows = [[d.date.isoformat(), str(d.sessions), str(d.passed), str(d.failed), str(d.inconclusive),
             str(d.simulator_errors), str(d.infrastructure_errors), str(d.messages), _num(d.avg_duration)]
            for d in a.daily_stats]  # fmt: skip
    columns = ["Date", "Sessions", "Passed", "Failed", "Inconclusive", "Simulator errors", "Infrastructure errors",
               "Messages", "Avg duration (s)"]  # fmt: skip
    return Chart("sessions-per-day", "Sessions per day", figure, columns, rows)


def success_trend(a: SessionAnalytics) -> Chart:
    days = [d.date.isoformat() for d in a.daily_stats]
    rates = [_pct(d.success_rate) for d in a.daily_stats]
    traces = [go.Scatter(name="Success rate", x=days, y=rates, mode="lines+markers", connectgaps=True,
                         line={"color": PASSED, "width": 2})]  # fmt: skip
    if a.success_rate is not None:
        traces.append(go.Scatter(name=f"Whole range ({_pct(a.success_rate)}%)", x=[days[0], days[-1]],
                                 y=[_pct(a.success_rate)] * 2, mode="lines",
                                 line={"color": OTHER, "dash": "dash", "width": 1}))  # fmt: skip
    figure = _figure(*traces, y_title="Success rate (%)", yaxis_range=[0, 105], unified=True)
    if a.success_rate is None:
        _no_data(figure, "No passed or failed session in this range")
    rows = [[d.date.isoformat(), str(d.passed), str(d.failed), str(d.infrastructure_errors), _num(_pct(d.success_rate))]
            for d in a.daily_stats]  # fmt: skip
    columns = ["Date", "Passed", "Failed", "Infrastructure errors (left out)", "Success rate (%)"]
    return Chart("success-rate", "Success-rate trend", figure, columns, rows)


def findings_by_severity(f: FindingsSummary) -> Chart:
    types = list(f.by_type)
    counts = {(c.type, c.severity): c.count for c in f.by_type_and_severity}
    traces = [go.Bar(name=t, x=list(SEVERITIES), y=[counts.get((t, s), 0) for s in SEVERITIES]) for t in types]
    figure = _figure(*traces, y_title="Findings", barmode="stack", showlegend=True, rangemode="nonnegative")
    _whole_numbers(figure, list(f.by_severity.values()))
    if not f.total:
        _no_data(figure, "No findings in this range")
    rows = [[s, str(f.by_severity.get(s, 0))] + [str(counts.get((t, s), 0)) for t in types] for s in SEVERITIES]
    return Chart("findings-by-severity", "Findings by severity", figure, ["Severity", "Findings", *types], rows)


def latency_trend(latency: LatencyStats) -> Chart:
    days = [d.date.isoformat() for d in latency.daily]
    traces = [
        go.Scatter(name="p95", x=days, y=[d.p95_ms for d in latency.daily], mode="lines+markers",
                   connectgaps=True, line={"color": ERROR, "width": 2}),
        go.Scatter(name="p50", x=days, y=[d.p50_ms for d in latency.daily], mode="lines+markers",
                   connectgaps=True, line={"color": ACCENT, "width": 2}),
    ]  # fmt: skip
    figure = _figure(*traces, y_title="Agent reply latency (ms)", unified=True, rangemode="tozero")
    if not latency.samples:
        _no_data(figure, "No agent replies in this range")
    rows = [[d.date.isoformat(), str(d.samples), _num(d.p50_ms), _num(d.p95_ms)] for d in latency.daily]
    columns = ["Date", "Replies", "p50 (ms)", "p95 (ms)"]
    return Chart("latency", "Agent reply latency, p50 and p95", figure, columns, rows)


def success_heatmap(matrix: Sequence[OutcomeBreakdown]) -> Chart:
    personas = sorted({m.persona_name or "" for m in matrix})
    objectives = sorted({m.objective_name or "" for m in matrix})
    cells = {(m.persona_name, m.objective_name): m for m in matrix}
    z, text = [], []
    for p in personas:
        z.append([_pct(cells[(p, o)].success_rate) if (p, o) in cells else None for o in objectives])
        text.append([_cell_text(cells.get((p, o))) for o in objectives])
    height = max(240, 120 + 40 * len(personas))
    figure = _figure(
        go.Heatmap(z=z, x=objectives, y=personas, text=text, texttemplate="%{text}", zmin=0, zmax=100,
                   colorscale="RdYlGn", colorbar={"title": {"text": "Success %"}}, hoverongaps=False,
                   hovertemplate="%{y} × %{x}<br>%{text}<extra></extra>"),
        height=height,
    )  # fmt: skip
    if not matrix:
        _no_data(figure)
    rows = [[m.persona_name or "", m.objective_name or "", str(m.sessions), str(m.passed), str(m.failed),
             str(m.infrastructure_errors), _num(_pct(m.success_rate))] for m in matrix]  # fmt: skip
    columns = ["Persona", "Objective", "Sessions", "Passed", "Failed", "Infrastructure errors", "Success rate (%)"]
    return Chart("persona-objective", "Success by persona × objective", figure, columns, rows)


def _cell_text(cell: OutcomeBreakdown | None) -> str:
    if cell is None:
        return ""
    if cell.success_rate is None:
        return f"– ({cell.sessions})"
    return f"{_pct(cell.success_rate):.0f}% ({cell.passed}/{cell.passed + cell.failed})"


def _histogram(key: str, title: str, bins: Sequence[HistogramBin], x_title: str, y_title: str) -> Chart:
    figure = _figure(
        go.Bar(x=[b.label for b in bins], y=[b.count for b in bins], marker_color=ACCENT, name=y_title),
        x_title=x_title,
        y_title=y_title,
        rangemode="nonnegative",
    )
    _whole_numbers(figure, [b.count for b in bins])
    if not any(b.count for b in bins):
        _no_data(figure)
    rows = [[b.label, str(b.count)] for b in bins]
    return Chart(key, title, figure, [x_title, y_title], rows)


def duration_histogram(bins: Sequence[HistogramBin]) -> Chart:
    return _histogram("duration", "Session duration", bins, "Duration", "Sessions")


def latency_histogram(bins: Sequence[HistogramBin]) -> Chart:
    return _histogram("latency-distribution", "Agent reply latency", bins, "Latency", "Replies")


def top_findings(findings: Sequence[RecurringFinding]) -> Chart:
    """The most frequent finding groups (app/services/finding_groups.py), one bar each, coloured
    by the group's highest severity, with a legend of the severities."""
    ordered = list(reversed(findings))  # the most frequent on top
    labels = [_short(f"{f.type}: {f.description}", 60) for f in ordered]
    traces = [
        go.Bar(x=[f.count for f in ordered if f.severity == severity],
               y=[label for label, f in zip(labels, ordered, strict=True) if f.severity == severity],
               orientation="h", name=severity, marker_color=SEVERITY_COLORS[severity],
               hovertemplate="%{y}<br>%{x} times (highest severity " + severity + ")<extra></extra>")
        for severity in SEVERITIES
    ]  # fmt: skip
    figure = _figure(
        *traces, x_title="Times recorded", height=max(200, 110 + 34 * len(ordered)), bargap=0.3, barmode="stack",
        showlegend=True, legend_title_text="Highest severity",
        yaxis={"categoryorder": "array", "categoryarray": labels, "automargin": True},
    )  # fmt: skip
    _whole_numbers(figure, [f.count for f in findings], axis="xaxis")
    if not findings:
        _no_data(figure, "No findings in this range")
    rows = [[f.type, f.severity, f.description, str(f.count), str(f.sessions), ", ".join(a["name"] for a in f.agents),
             f.first_seen.strftime("%Y-%m-%d %H:%M"), f.last_seen.strftime("%Y-%m-%d %H:%M"),
             "regressed" if f.regressed else f.state.replace("_", " ")]
            for f in findings]  # fmt: skip
    columns = ["Type", "Highest severity", "Latest text", "Count", "Sessions", "Agents", "First seen (UTC)",
               "Last seen (UTC)", "State"]  # fmt: skip
    return Chart("top-findings", "Top recurring findings", figure, columns, rows)


def _short(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def cost_over_time(cost: CostStats) -> Chart:
    days = [d.date.isoformat() for d in cost.daily]
    figure = _figure(go.Bar(name="Cost", x=days, y=[d.cost for d in cost.daily], marker_color=ACCENT),
                     y_title="Cost (USD)", unified=True, rangemode="nonnegative")  # fmt: skip
    rows = [[d.date.isoformat(), f"{d.cost:.6f}", str(d.tokens)] for d in cost.daily]
    return Chart("cost", "Cost over time", figure, ["Date", "Cost (USD)", "Tokens"], rows)


def success_by(key: str, title: str, label: str, items: Sequence[OutcomeBreakdown]) -> Chart:
    """Success per persona or per objective, as horizontal bars."""
    names = [(i.persona_name if label == "Persona" else i.objective_name) or "" for i in items]
    ordered = list(reversed(list(zip(names, items, strict=True))))
    figure = _figure(
        go.Bar(x=[_pct(i.success_rate) for _, i in ordered], y=[n for n, _ in ordered], orientation="h",
               marker_color=PASSED, name="Success rate", text=[_cell_text(i) for _, i in ordered],
               textposition="auto"),
        x_title="Success rate (%)", xaxis_range=[0, 100], height=max(200, 90 + 34 * len(items)), bargap=0.3,
    )  # fmt: skip
    if not items:
        _no_data(figure)
    rows = [[n, str(i.sessions), str(i.passed), str(i.failed), str(i.infrastructure_errors), _num(_pct(i.success_rate))]
            for n, i in zip(names, items, strict=True)]  # fmt: skip
    columns = [label, "Sessions", "Passed", "Failed", "Infrastructure errors", "Success rate (%)"]
    return Chart(key, title, figure, columns, rows)


def judge_stability(j: JudgeAnalytics) -> Chart:
    """The judge's flip rate per day (criteria whose repeated judgements disagreed), and the
    share of reviewed criteria where a human ruled otherwise."""
    days = [d.date.isoformat() for d in j.daily]
    human = [_pct(d.human_disagreements / d.reviewed_criteria) if d.reviewed_criteria else None for d in j.daily]
    traces = [
        go.Scatter(name="Flip rate (judge repeats disagree)", x=days, y=[_pct(d.flip_rate) for d in j.daily],
                   mode="lines+markers", connectgaps=True, line={"color": AMBER, "width": 2}),
        go.Scatter(name="Human reviewers disagree", x=days, y=human, mode="lines+markers", connectgaps=True,
                   line={"color": ACCENT, "width": 2}),
    ]  # fmt: skip
    figure = _figure(*traces, y_title="Criteria (%)", yaxis_range=[0, 105], unified=True)
    if j.flip_rate is None and not j.reviewed_criteria:
        _no_data(figure, "No repeated judgement and no review in this range")
    rows = [[d.date.isoformat(), str(d.judgements), str(d.criteria), str(d.flipped), str(d.unstable),
             _num(_pct(d.flip_rate)), str(d.reviewed_criteria), str(d.human_disagreements)]
            for d in j.daily]  # fmt: skip
    columns = ["Date", "Repeated judgements", "Criteria", "Flipped", "Unstable", "Flip rate (%)", "Reviewed criteria",
               "Human disagreements"]  # fmt: skip
    return Chart("judge-stability", "The judge's flip rate", figure, columns, rows)


def suite_trend(trend: SuiteTrend) -> Chart:
    """A suite's pass rate per run (oldest first) with its 95 % Wilson interval, the run's
    label (the agent's version) under each point, and the threshold; runs under it in red."""
    points = trend.points
    # One x position per run, named by its label and start (two runs may share both: the number tells them apart).
    x = [f"#{i} {p.version}<br>{p.created_at:%Y-%m-%d %H:%M}" for i, p in enumerate(points, start=1)]
    rates = [_pct(p.pass_rate) for p in points]
    minus = [
        (r - _pct(p.ci_low)) if r is not None and p.ci_low is not None else None
        for r, p in zip(rates, points, strict=True)
    ]
    plus = [(_pct(p.ci_high) - r) if r is not None and p.ci_high is not None else None
             for r, p in zip(rates, points, strict=True)]  # fmt: skip
    traces = [
        go.Scatter(
            name="Pass rate (95 % interval)", x=x, y=rates, mode="lines+markers", connectgaps=True,
            line={"color": ACCENT, "width": 2},
            marker={"size": 10, "color": [FAILED if p.below_threshold else PASSED for p in points]},
            error_y={"type": "data", "symmetric": False, "array": plus, "arrayminus": minus, "color": OTHER},
            customdata=[[p.n, p.passed, p.status] for p in points],
            hovertemplate="%{x}<br>%{y}% of %{customdata[0]} judged (%{customdata[1]} passed), %{customdata[2]}"
            "<extra></extra>",
        ),
    ]  # fmt: skip
    if trend.threshold is not None and points:
        traces.append(go.Scatter(name=f"Threshold ({_pct(trend.threshold)}%)", x=[x[0], x[-1]],
                                 y=[_pct(trend.threshold)] * 2, mode="lines",
                                 line={"color": FAILED, "dash": "dash", "width": 1}))  # fmt: skip
    figure = _figure(*traces, y_title="Pass rate (%)", yaxis_range=[0, 105], x_title="Run (label, started UTC)")
    if not any(r is not None for r in rates):
        _no_data(figure, "No run with a judged session yet")
    rows = [[p.created_at.strftime("%Y-%m-%d %H:%M"), p.version, p.status, str(p.n), str(p.passed), str(p.failed),
             str(p.errors), _num(_pct(p.pass_rate)), _num(_pct(p.ci_low)), _num(_pct(p.ci_high)),
             _num(_pct(p.threshold)), "below" if p.below_threshold else ""]
            for p in points]  # fmt: skip
    columns = ["Started (UTC)", "Label", "Status", "Judged", "Passed", "Failed", "Errors", "Pass rate (%)",
               "95 % low (%)", "95 % high (%)", "Threshold (%)", "Alert"]  # fmt: skip
    return Chart("suite-trend", "Pass rate over the runs", figure, columns, rows)
