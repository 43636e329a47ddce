"""The printable report of one agent: a self-contained HTML page with the figures, each chart
as a PNG (rendered by kaleido in the system Chromium, embedded as a data URL) and its table.

When the charts cannot be rendered (no Chromium), the report still comes, with its tables.
"""

from __future__ import annotations

import base64
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import UTC, datetime

import kaleido
import plotly.graph_objects as go
from jinja2 import Environment, select_autoescape

from app.models.analytics import AgentAnalytics
from app.services import analytics_charts as charts

logger = logging.getLogger("mimic.analytics")

PNG_WIDTH = 960


def report_charts(data: AgentAnalytics) -> list[charts.Chart]:
    return [
        charts.sessions_per_day(data),
        charts.success_trend(data),
        charts.success_by("by-persona", "Success by persona", "Persona", data.by_persona),
        charts.success_by("by-objective", "Success by objective", "Objective", data.by_objective),
        charts.latency_trend(data.latency),
        charts.findings_by_severity(data.findings),
        charts.cost_over_time(data.cost),
    ]


async def render_png(figures: Sequence[go.Figure]) -> list[str | None]:
    """Each figure as a PNG data URL, in one Chromium; None for each when that fails."""
    try:
        # mathjax=False: nothing is fetched from a CDN; plotly.js comes from the plotly package.
        async with kaleido.Kaleido(n=1, timeout=60, mathjax=False) as renderer:
            images: list[str | None] = []
            for figure in figures:
                printable = go.Figure(figure)
                printable.update_layout(template="plotly_white", paper_bgcolor="white", plot_bgcolor="white")
                height = printable.layout.height or 300
                png = await renderer.calc_fig(
                    printable, opts={"format": "png", "width": PNG_WIDTH, "height": height, "scale": 2}
                )
                images.append("data:image/png;base64," + base64.b64encode(png).decode("ascii"))
            return images
    except Exception:
        logger.exception("the report's charts could not be rendered as PNG")
        return [None] * len(figures)


def _fmt(value: float | None, unit: str = "", digits: int = 1) -> str:
    return "—" if value is None else f"{value:,.{digits}f}{unit}"


def _facts(d: AgentAnalytics) -> list[tuple[str, str]]:
    rate = None if d.success_rate is None else d.success_rate * 100
    return [
        ("Sessions", f"{d.total_sessions:,}"),
        ("Passed", f"{d.passed_sessions:,}"),
        ("Failed", f"{d.failed_sessions:,}"),
        ("Success rate", _fmt(rate, " %")),
        ("Infrastructure errors (left out of the success rate)", f"{d.infrastructure_errors:,}"),
        ("Cancelled", f"{d.cancelled_sessions:,}"),
        ("Still running or pending", f"{d.active_sessions:,}"),
        ("Average duration", _fmt(d.average_duration, " s")),
        ("Messages", f"{d.total_messages:,}"),
        ("Agent reply latency p50 / p95", f"{_fmt(d.latency.p50_ms, ' ms', 0)} / {_fmt(d.latency.p95_ms, ' ms', 0)}"),
        ("Findings", f"{d.findings.total:,}"),
        ("Cost", f"${d.cost.total:,.4f} ({d.cost.tokens:,} tokens)"),
    ]


_TEMPLATE = Environment(autoescape=select_autoescape(default=True, default_for_string=True)).from_string("""\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ d.agent_name }} · agent report · Mimic</title>
<style>
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1c2024; margin: 2rem auto;
         max-width: 1000px; padding: 0 1.5rem; }
  h1 { font-size: 1.6rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
  .muted { color: #60646c; } .note { font-size: .85rem; color: #60646c; }
  table { border-collapse: collapse; width: 100%; font-size: .82rem; margin-top: .5rem; }
  th, td { border-bottom: 1px solid #e0e1e6; padding: .3rem .5rem; text-align: left; vertical-align: top; }
  th { background: #f9f9fb; } td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; }
  .facts td:first-child { color: #60646c; width: 50%; }
  img { width: 100%; height: auto; border: 1px solid #e0e1e6; border-radius: 6px; }
  section { break-inside: avoid-page; } .toolbar { float: right; }
  button { font: inherit; padding: .4rem .9rem; border-radius: 6px; border: 1px solid #8b8d98; background: #fff; }
  @media print { .toolbar { display: none; } body { margin: 0; max-width: none; } section { break-inside: avoid; } }
</style>
</head>
<body>
<div class="toolbar"><button type="button" id="print-report">Print</button></div>
<script src="/report-print.js" defer></script>
<h1>{{ d.agent_name }}</h1>
<p class="muted">Agent report · {{ d.start_date }} to {{ d.end_date }} (UTC days, both included) ·
generated {{ generated }} by Mimic</p>
<p class="note">Sessions count on the UTC day they were created; their messages, findings and cost count with them.
The success rate is passed / (passed + failed). Left out of it:
{{ d.infrastructure_errors }} infrastructure error{{ '' if d.infrastructure_errors == 1 else 's' }}
(target, simulator or judge) and
{{ d.cancelled_sessions }} cancelled session{{ '' if d.cancelled_sessions == 1 else 's' }}.</p>
<section>
<h2>Summary</h2>
<table class="facts">
{% for label, value in facts %}<tr><td>{{ label }}</td><td>{{ value }}</td></tr>{% endfor %}
</table>
</section>
{% for chart, image in items %}
<section>
<h2>{{ chart.title }}</h2>
{% if image %}<img src="{{ image }}" alt="{{ chart.title }} (chart)">
{% elif d.total_sessions %}<p class="note">The chart image could not be rendered; the table holds its figures.</p>
{% else %}<p class="note">No session of this agent in the range.</p>{% endif %}
{% if chart.left_out %}<p class="note">{{ chart.left_out }} row{{ '' if chart.left_out == 1 else 's' }} with
nothing to show (all zero) left out.</p>{% endif %}
{% if chart.rows %}<table>
<tr>{% for c in chart.columns %}<th{% if loop.index > 1 %} class="n"{% endif %}>{{ c }}</th>{% endfor %}</tr>
{% for row in chart.rows %}<tr>
{% for v in row %}<td{% if loop.index > 1 %} class="n"{% endif %}>{{ v }}</td>{% endfor %}
</tr>
{% endfor %}</table>{% endif %}
</section>
{% endfor %}
</body>
</html>
""")


_ZERO = re.compile(r"[\s$%]*0*(?:[.,]0*)?[\s%]*")


def _is_zero(value: str) -> bool:
    """An empty cell or a zero ("0", "0.0", "0.000000", "$0.00")."""
    return bool(_ZERO.fullmatch(value))


@dataclass
class _PrintedTable:
    """A chart's table as printed: the rows with a figure other than zero (a day without a
    session is a row of zeros on paper), and how many were left out."""

    title: str
    columns: list[str]
    rows: list[list[str]]
    left_out: int


def _printed(chart: charts.Chart) -> _PrintedTable:
    rows = [row for row in chart.rows if not all(_is_zero(v) for v in row[1:])]
    return _PrintedTable(chart.title, chart.columns, rows, len(chart.rows) - len(rows))


async def agent_report_html(data: AgentAnalytics) -> str:
    items = report_charts(data)
    # Without a session in the range every chart is empty: no need to start Chromium.
    images = await render_png([c.figure for c in items]) if data.total_sessions else [None] * len(items)
    return _TEMPLATE.render(
        d=data,
        facts=_facts(data),
        items=list(zip([_printed(c) for c in items], images, strict=True)),
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )
