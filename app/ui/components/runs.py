"""A run as the lists show it: its pass rate with the Wilson interval, and the table of runs
(the suites page, a suite's editor)."""

from __future__ import annotations

from typing import Any

import reflex as rx

from app.models.suite import RunPublic
from app.services import run_stats
from app.ui.components.status import status_badge
from app.ui.formatting import percent, when


def interval(ci: Any) -> str:
    return "" if not ci else f"95% CI {ci.low * 100:.1f}–{ci.high * 100:.1f}%"


def run_row(run: RunPublic) -> dict[str, str]:
    overall, p = run.overall, run.progress
    judged = f"of {overall.n} judged" if overall and overall.n else ""
    return {
        "id": run.id,
        "suite": run.suite_name,
        "suite_id": run.suite_id,
        "agent": run.agent_name,
        "status": run.status,
        "done": run_stats.progress_sentence(p.total, p.done, p.cancelled, p.running, p.pending),
        "pass_rate": percent(overall.pass_rate if overall else None),
        "ci": " · ".join(t for t in (judged, interval(overall.ci if overall else None)) if t),
        "errors": str(run.progress.errors),
        "below": f"under {percent(run.threshold)}" if run.below_threshold else "",
        "started": when(run.started_at or run.created_at),
    }


def runs_table(rows: rx.Var, *, show_suite: bool = True) -> rx.Component:
    headers = ["State", *(["Suite"] if show_suite else []), "Agent", "Progress", "Pass rate", "Errors", "Started", ""]
    return rx.table.root(
        rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in headers])),
        rx.table.body(
            rx.foreach(
                rows,
                lambda r: rx.table.row(
                    rx.table.cell(status_badge(r["status"])),
                    *([rx.table.cell(rx.link(r["suite"], href="/suites/" + r["suite_id"]))] if show_suite else []),
                    rx.table.cell(r["agent"]),
                    rx.table.cell(r["done"], data_testid="run-row-progress"),
                    rx.table.cell(
                        rx.vstack(
                            rx.text(r["pass_rate"], weight="medium", size="2"),
                            rx.text(r["ci"], size="1", color_scheme="gray"),
                            rx.cond(
                                r["below"] != "",
                                rx.badge(r["below"], color_scheme="red", data_testid="run-row-below-threshold"),
                            ),
                            spacing="0",
                        )
                    ),
                    rx.table.cell(r["errors"]),
                    rx.table.cell(r["started"], white_space="nowrap"),
                    rx.table.cell(rx.link("Open", href="/runs/" + r["id"], aria_label="Open run " + r["started"])),
                    vertical_align="middle",
                    data_testid="run-row",
                    data_status=r["status"],
                ),
            )
        ),
        variant="surface",
        width="100%",
    )
