"""/runs/<id>/compare/<baseline id>: what changed against an earlier run of the same suite: the
two runs' figures, McNemar's test, the change per cell, and per changed cell the two runs'
sessions side by side with the verdict rows that changed (app/services/run_compare.py).
Everything is read in a worker thread."""

from __future__ import annotations

import reflex as rx
from sqlmodel import Session

from app.models.suite import RunComparison
from app.services import run_compare, runs, wording
from app.services.access import Principal
from app.services.errors import ServiceError
from app.ui.components import browser as browser_ui
from app.ui.components.cell_transcripts import ChangedCell, ChangedRow, TranscriptMessage, changed_cells
from app.ui.components.layout import page_header, shell
from app.ui.components.library import link_button
from app.ui.pages.runs import ACTIVE_ROUTE, CHANGE_COLORS, _overall
from app.ui.state.auth import AuthState


def read_comparison(*, session: Session, principal: Principal, run_id: str, baseline_id: str):
    report = run_compare.compare_runs(session=session, principal=principal, run_id=run_id, baseline_id=baseline_id)
    name = runs.get_run(session=session, principal=principal, run_id=run_id).suite_name
    cells = run_compare.changed_cell_transcripts(
        session=session, principal=principal, run_id=run_id, baseline_id=baseline_id
    )
    return report, name, [_changed(c) for c in cells]


def _outcome(side: run_compare.CellSideTranscript | None) -> str:
    if side is None:
        return "no session"
    return wording.words({**wording.STATUS_WORDS, **wording.OUTCOME_WORDS}, side.outcome or side.status)


def _messages(side: run_compare.CellSideTranscript | None) -> list[TranscriptMessage]:
    if side is None:
        return []
    return [TranscriptMessage(number=str(m.number), sender=m.sender, content=m.content) for m in side.messages]


def _more(side: run_compare.CellSideTranscript | None) -> str:
    return f"{side.more_messages} more messages on the session page" if side and side.more_messages else ""


def _changed(c: run_compare.CellTranscripts) -> ChangedCell:
    status = lambda s: wording.words(wording.VERDICT_WORDS, s) if s else "—"  # noqa: E731
    return ChangedCell(
        persona=c.persona_name, objective=c.objective_name, change=c.change,
        base_href=f"/sessions/{c.baseline.session_id}" if c.baseline else "",
        base_label=f"repeat {c.baseline.repeat}: {_outcome(c.baseline)}" if c.baseline else "no session",
        base_messages=_messages(c.baseline),
        base_more=_more(c.baseline),
        cur_href=f"/sessions/{c.current.session_id}" if c.current else "",
        cur_label=f"repeat {c.current.repeat}: {_outcome(c.current)}" if c.current else "no session",
        cur_messages=_messages(c.current),
        cur_more=_more(c.current),
        rows=[ChangedRow(kind=r.kind, criterion=r.criterion, before=status(r.baseline_status),
                         after=status(r.current_status), before_code=r.baseline_status or "",
                         after_code=r.current_status or "", before_reason=r.baseline_reasoning,
                         after_reason=r.current_reasoning) for r in c.changed_rows],
    )  # fmt: skip


def _side(side) -> str:
    return "—" if side is None else f"{side.passed}/{side.n} {side.status}"


class CompareState(AuthState):
    run_key: str = ""
    baseline_key: str = ""
    not_found: bool = False
    error: str = ""
    suite_name: str = ""
    current: dict[str, str] = _overall(None)
    baseline: dict[str, str] = _overall(None)
    delta: str = ""
    test: dict[str, str] = {}
    counts: dict[str, int] = {}
    cells: list[dict[str, str]] = []
    # Browser suites: findings per page of the website, before and after.
    pages: list[dict[str, str]] = []
    # Per changed cell: the two sessions side by side and the verdict rows that changed.
    changed: list[ChangedCell] = []

    def _apply(self, report: RunComparison, suite_name: str) -> None:
        self.suite_name = suite_name
        self.pages = browser_ui.page_rows(report.pages)
        self.current, self.baseline = _overall(report.current), _overall(report.baseline)
        self.delta = "—" if report.delta is None else f"{report.delta * 100:+.1f} points"
        t = report.mcnemar
        verdict = (
            "The change is significant at the 5% level."
            if t.significant
            else "No significant change at the 5% level."
            if t.regressed + t.improved
            else "No session changed its outcome."
        )
        self.test = {
            "pairs": str(t.pairs), "both_passed": str(t.both_passed), "both_failed": str(t.both_failed),
            "regressed": str(t.regressed), "improved": str(t.improved),
            "statistic": "—" if t.statistic is None else f"{t.statistic:.3f}",
            "p_value": "—" if t.p_value is None else f"{t.p_value:.4g}",
            "method": "exact binomial" if t.method == "exact" else "chi-square with continuity correction",
            "verdict": verdict,
        }  # fmt: skip
        self.counts = report.counts
        self.cells = [
            {"persona": c.persona_name, "objective": c.objective_name, "change": c.change,
             "flaky": "flaky" if c.flaky else "", "baseline": _side(c.baseline), "current": _side(c.current),
             "delta": "" if c.delta is None else f"{c.delta * 100:+.0f} pts"}
            for c in report.cells
        ]  # fmt: skip

    @rx.event(background=True)
    async def load(self):
        async with self:
            parts = self.router.url.path.rstrip("/").split("/")
            run_id, baseline_id = parts[-3], parts[-1]
            self.run_key, self.baseline_key = run_id, baseline_id
        try:
            report, name, changed = await self._call(read_comparison, run_id=run_id, baseline_id=baseline_id)
        except ServiceError as exc:
            async with self:
                self.not_found, self.error = True, str(exc)
            return
        async with self:
            if (self.run_key, self.baseline_key) != (run_id, baseline_id):
                return
            self.not_found, self.error = False, ""
            self._apply(report, name)
            self.changed = changed


def _side_card(title: str, side: rx.Var, href: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(rx.text(title, size="2", weight="bold"), rx.link("Open run", href=href, size="1"), spacing="3"),
            rx.text(side["rate"], size="6", weight="bold"),
            rx.text(side["ci"], size="1", color_scheme="gray"),
            rx.text(side["passed"], " of ", side["n"], " judged passed · ", side["errors"], " errors", size="1"),
            rx.text("pass^", side["k"], ": ", side["pass_k"], size="1"),
            spacing="1",
        ),
        min_width="14rem",
    )


def _mcnemar_table() -> rx.Component:
    t = CompareState.test
    return rx.card(
        rx.vstack(
            rx.heading("McNemar's test", size="3", as_="h2"),
            rx.text("Sessions matched by cell and repeat (", t["pairs"], " pairs).", size="1", color_scheme="gray"),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell(""),
                        rx.table.column_header_cell("Now passed"),
                        rx.table.column_header_cell("Now failed"),
                    )
                ),
                rx.table.body(
                    rx.table.row(
                        rx.table.row_header_cell("Baseline passed"),
                        rx.table.cell(t["both_passed"]),
                        rx.table.cell(rx.text(t["regressed"], color_scheme="red", weight="bold")),
                    ),  # fmt: skip
                    rx.table.row(
                        rx.table.row_header_cell("Baseline failed"),
                        rx.table.cell(rx.text(t["improved"], color_scheme="green", weight="bold")),
                        rx.table.cell(t["both_failed"]),
                    ),  # fmt: skip
                ),
                size="1",
                variant="surface",
            ),
            rx.text(
                "p = ", rx.text.strong(t["p_value"]), " (", t["method"], ", statistic ", t["statistic"], ")", size="2"
            ),  # fmt: skip
            rx.text(t["verdict"], size="2", weight="medium"),
            spacing="2",
        ),
    )


def _change_row(cell: rx.Var) -> rx.Component:
    color = rx.match(cell["change"], *[(k, v) for k, v in CHANGE_COLORS.items()], "gray")
    return rx.table.row(
        rx.table.cell(rx.badge(cell["change"], color_scheme=color, variant="solid")),
        rx.table.row_header_cell(cell["persona"]),
        rx.table.cell(cell["objective"]),
        rx.table.cell(cell["baseline"]),
        rx.table.cell(cell["current"]),
        rx.table.cell(cell["delta"]),
        rx.table.cell(rx.cond(cell["flaky"] != "", rx.badge("flaky", color_scheme="amber", variant="soft"))),
        data_testid="change-row",
        data_change=cell["change"],
    )


def compare_page() -> rx.Component:
    c = CompareState
    return shell(
        rx.cond(
            c.not_found,
            rx.callout(c.error, icon="triangle-alert", color_scheme="red", role="alert"),
            rx.vstack(
                page_header(
                    "Compare runs",
                    c.suite_name + ": what changed since the baseline run.",
                    link_button("Back to the run", "/runs/" + c.run_key, variant="soft"),
                ),
                rx.hstack(
                    _side_card("Baseline", c.baseline, "/runs/" + c.baseline_key),
                    _side_card("This run", c.current, "/runs/" + c.run_key),
                    rx.card(
                        rx.vstack(
                            rx.text("Change in pass rate", size="2", weight="bold"),
                            rx.text(c.delta, size="6", weight="bold"),
                            rx.text(
                                c.counts["regressed"],
                                " cells newly failing · ",
                                c.counts["fixed"],
                                " fixed · ",
                                c.counts["flaky"],
                                " flaky",
                                size="1",
                            ),  # fmt: skip
                            spacing="1",
                        ),
                        min_width="14rem",
                    ),
                    _mcnemar_table(),
                    spacing="3",
                    wrap="wrap",
                    align="start",
                ),
                rx.heading("Cells", size="4", as_="h2"),
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            *[
                                rx.table.column_header_cell(h)
                                for h in ("Change", "Persona", "Objective", "Baseline", "This run", "Δ", "")
                            ]
                        )
                    ),  # fmt: skip
                    rx.table.body(rx.foreach(c.cells, _change_row)),
                    variant="surface",
                    width="100%",
                ),
                changed_cells(c.changed),
                rx.cond(
                    c.pages.length() > 0,
                    rx.vstack(
                        rx.heading("Pages of the website", size="4", as_="h2"),
                        rx.text(
                            "Findings per page; pages matched by their path below each run's site root.",
                            size="1",
                            color_scheme="gray",
                        ),  # fmt: skip
                        browser_ui.page_comparison(c.pages, "Baseline", "This run"),
                        width="100%",
                    ),
                ),
                spacing="4",
                width="100%",
            ),
        ),
        active=ACTIVE_ROUTE,
    )
