"""/runs/<id>: a run's matrix of cells, filled in live as its sessions end; and
/runs/<id>/compare/<baseline id>: what changed against an earlier run of the same suite.

While the run is under way, a background task follows the run's feed (the bus, read back
from the database when one of its sessions starts or ends) and redraws the matrix.
"""

from __future__ import annotations

import asyncio
import dataclasses

import reflex as rx

from app.db import session_scope
from app.models.suite import CellResult, OverallResult, RunComparison, RunDetail
from app.services import runs
from app.services.errors import ServiceError
from app.ui.components import browser as browser_ui
from app.ui.components.layout import page_header, shell
from app.ui.components.library import link_button
from app.ui.components.runs import interval, percent, run_row
from app.ui.components.status import status_badge
from app.ui.state.auth import AuthState

ACTIVE_ROUTE = "/suites"

CELL_COLORS = {"passed": "green", "failed": "red", "flaky": "amber", "error": "orange", "cancelled": "gray",
               "running": "blue", "inconclusive": "cyan", "simulator_error": "purple"}  # fmt: skip
CHANGE_COLORS = {"regressed": "red", "fixed": "green", "flaky": "amber", "unchanged": "gray", "incomplete": "orange",
                 "added": "blue", "removed": "gray"}  # fmt: skip


@dataclasses.dataclass
class SessionDot:
    id: str
    title: str
    outcome: str


@dataclasses.dataclass
class MatrixCell:
    status: str
    label: str
    rate: str
    ci: str
    pass_k: str
    errors: int
    sessions: list[SessionDot]
    # Sessions left out of the rate, and whose they are: "2 inconclusive (judge) · 1 simulator error".
    apart: str = ""


@dataclasses.dataclass
class MatrixRow:
    persona: str
    cells: list[MatrixCell]


def _dot_title(repeat: int, outcome: str, blame: str | None) -> str:
    return f"repeat {repeat}: {outcome}" + (f" (blame: {blame})" if blame else "")


def _cell(cell: CellResult) -> MatrixCell:
    dots = [SessionDot(id=s.id, title=_dot_title(s.repeat, s.outcome or s.status, s.blame),
                       outcome=s.outcome or s.status) for s in cell.sessions]  # fmt: skip
    apart = []
    if cell.inconclusive:
        apart.append(f"{cell.inconclusive} inconclusive")
    if cell.simulator_errors:
        apart.append(f"{cell.simulator_errors} simulator error{'s' if cell.simulator_errors > 1 else ''}")
    if cell.unstable:
        apart.append(f"{cell.unstable} unstable (judge repeats disagree)")
    return MatrixCell(
        status=cell.status, label=f"{cell.passed}/{cell.n}", rate=percent(cell.pass_rate), ci=interval(cell.ci),
        pass_k=percent(cell.pass_k), errors=cell.errors, sessions=dots, apart=" · ".join(apart),
    )  # fmt: skip


def _overall(overall: OverallResult | None) -> dict[str, str]:
    if overall is None:
        return {"rate": "—", "ci": "", "pass_k": "—", "pass_k_estimate": "—", "n": "0", "passed": "0", "errors": "0",
                "cancelled": "0", "flaky": "0", "k": "1", "inconclusive": "0", "simulator_errors": "0",
                "unstable": "0"}  # fmt: skip
    return {
        "rate": percent(overall.pass_rate), "ci": interval(overall.ci) or "no session judged yet",
        "pass_k": percent(overall.pass_k),
        "pass_k_estimate": percent(overall.pass_k_estimate), "n": str(overall.n), "passed": str(overall.passed),
        "errors": str(overall.errors), "cancelled": str(overall.cancelled), "flaky": str(overall.flaky_cells),
        "k": str(overall.k), "inconclusive": str(overall.inconclusive),
        "simulator_errors": str(overall.simulator_errors), "unstable": str(overall.unstable),
    }  # fmt: skip


class RunState(AuthState):
    run_key: str = ""
    not_found: bool = False
    suite_id: str = ""
    suite_name: str = ""
    agent_name: str = ""
    status: str = ""
    ended: bool = False
    started: str = ""
    total: int = 0
    done: int = 0
    running_now: int = 0
    overall: dict[str, str] = _overall(None)
    objective_names: list[str] = []
    matrix: list[MatrixRow] = []
    baselines: list[dict[str, str]] = []
    _following: str = ""

    def _apply(self, run: RunDetail) -> None:
        self.suite_id, self.suite_name, self.agent_name = run.suite_id, run.suite_name, run.agent_name
        self.status, self.ended = run.status, run.ended_at is not None
        self.started = (run.started_at or run.created_at).strftime("%Y-%m-%d %H:%M")
        self.total, self.done, self.running_now = run.progress.total, run.progress.done, run.progress.running
        self.overall = _overall(run.overall)
        snapshot = run.suite_snapshot
        objective_ids = snapshot.get("objectiveIds", [])
        self.objective_names = [snapshot.get("objectives", {}).get(o, "(deleted)") for o in objective_ids]
        rows: list[MatrixRow] = []
        width = max(1, len(objective_ids))
        for start in range(0, len(run.cells), width):
            cells = run.cells[start : start + width]
            rows.append(MatrixRow(persona=cells[0].persona_name, cells=[_cell(c) for c in cells]))
        self.matrix = rows

    def _read(self) -> RunDetail | None:
        try:
            with session_scope() as session:
                principal = self._principal()
                run = runs.get_run(session=session, principal=principal, run_id=self.run_key)
                others = runs.list_runs(
                    session=session, principal=principal, params=runs.RunListParams(limit=50), suite_id=run.suite_id
                )
        except ServiceError:
            self.not_found = True
            return None
        self.not_found = False
        self.baselines = [
            {"id": r.id, "label": f"{row['started']} · {row['pass_rate']} · {r.status}"}
            for r, row in ((r, run_row(r)) for r in others.data)
            if r.id != run.id and r.ended_at is not None
        ]
        return run

    @rx.event
    def load(self):
        self.run_key = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
        run = self._read()
        if run is None:
            return
        self._apply(run)
        if run.ended_at is None and self._following != self.run_key:
            return RunState.follow

    @rx.event(background=True)
    async def follow(self):
        async with self:
            run_id = self.run_key
            if self._following == run_id:
                return
            self._following = run_id
            principal = self._principal()
        try:
            async for detail in runs.run_feed(principal, run_id):
                async with self:
                    if self.run_key != run_id:
                        return  # the tab moved on to another run
                    self._apply(detail)
        except (ServiceError, asyncio.CancelledError):
            pass
        finally:
            async with self:
                if self._following == run_id:
                    self._following = ""

    @rx.event
    async def cancel(self):
        try:
            self._apply(await self._off_the_loop(runs.cancel_run, run_id=self.run_key))
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        return rx.toast.info("Cancelling the run's sessions…")

    @rx.event
    def compare_with(self, baseline_id: str):
        return rx.redirect(f"/runs/{self.run_key}/compare/{baseline_id}")

    @rx.var
    def percent_done(self) -> int:
        return int(self.done * 100 / self.total) if self.total else 0


def stat(label: str, value: rx.Var | str, detail: rx.Var | str = "") -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(label, size="1", color_scheme="gray", weight="medium"),
            rx.text(value, size="6", weight="bold"),
            rx.text(detail, size="1", color_scheme="gray"),
            spacing="1",
        ),
        min_width="10rem",
    )


def _dot(dot: rx.Var) -> rx.Component:
    color = rx.match(dot.outcome, ("passed", "green"), ("failed", "red"), ("error", "orange"), ("running", "blue"),
                     ("inconclusive", "cyan"), ("simulator_error", "purple"), "gray")  # fmt: skip
    return rx.link(
        rx.box(width="0.7rem", height="0.7rem", border_radius="50%", background=rx.color(color, 9)),
        href="/sessions/" + dot.id,
        title=dot.title,
        aria_label=dot.title,
    )


def _matrix_cell(cell: rx.Var) -> rx.Component:
    color = rx.match(cell.status, *[(k, v) for k, v in CELL_COLORS.items()], "gray")
    return rx.table.cell(
        rx.vstack(
            rx.hstack(
                rx.badge(cell.status, color_scheme=color, variant="solid", size="1"),
                rx.text(cell.label, size="2", weight="bold"),
                spacing="2",
                align="center",
            ),
            rx.text(cell.rate, " · pass^k ", cell.pass_k, size="1"),
            rx.text(cell.ci, size="1", color_scheme="gray"),
            rx.cond(cell.errors > 0, rx.text(cell.errors, " infra errors", size="1", color_scheme="orange")),
            rx.cond(cell.apart != "", rx.text(cell.apart, size="1", color_scheme="gray")),
            rx.hstack(rx.foreach(cell.sessions, _dot), spacing="1", wrap="wrap"),
            spacing="1",
            align="start",
        ),
        background=rx.color(color, 2),
        border_left=f"3px solid {rx.color('gray', 5)}",
        data_testid="run-cell",
        data_status=cell.status,
        min_width="9rem",
    )


def _matrix() -> rx.Component:
    return rx.box(
        rx.table.root(
            rx.table.header(
                rx.table.row(
                    rx.table.column_header_cell(rx.text("Persona ↓ · Objective →", size="1", color_scheme="gray")),
                    rx.foreach(RunState.objective_names, lambda name: rx.table.column_header_cell(name)),
                )
            ),
            rx.table.body(
                rx.foreach(
                    RunState.matrix,
                    lambda row: rx.table.row(
                        rx.table.row_header_cell(row.persona, font_weight="500"),
                        rx.foreach(row.cells, _matrix_cell),
                        vertical_align="top",
                    ),
                )
            ),
            variant="surface",
            size="1",
        ),
        overflow_x="auto",
        width="100%",
        aria_live="polite",
    )


def _compare_picker() -> rx.Component:
    return rx.cond(
        RunState.baselines.length() > 0,
        rx.select.root(
            rx.select.trigger(placeholder="Compare with an earlier run…", aria_label="Compare with"),
            rx.select.content(rx.foreach(RunState.baselines, lambda b: rx.select.item(b["label"], value=b["id"]))),
            on_change=RunState.compare_with,
        ),
    )


def run_page(*sections: rx.Component) -> rx.Component:
    """The page; `sections` (the judge's calibration, re-judging) come after the matrix."""
    o = RunState.overall
    return shell(
        rx.cond(
            RunState.not_found,
            rx.callout("No such run in this workspace.", icon="triangle-alert", color_scheme="red"),
            rx.vstack(
                page_header(
                    RunState.suite_name,
                    "Run against " + RunState.agent_name + " · started " + RunState.started,
                    status_badge(RunState.status),
                    rx.cond(
                        ~RunState.ended & AuthState.can_write & (RunState.status == "running"),
                        rx.button(
                            rx.icon("square", size=14),
                            "Cancel run",
                            color_scheme="red",
                            variant="soft",
                            on_click=RunState.cancel,
                        ),  # fmt: skip
                    ),
                    _compare_picker(),
                ),
                rx.vstack(
                    rx.hstack(
                        rx.text(RunState.done, " of ", RunState.total, " sessions done", size="2"),
                        rx.cond(RunState.running_now > 0, rx.text(" · ", RunState.running_now, " running", size="2")),
                        rx.cond(~RunState.ended, rx.spinner(size="1")),
                        align="center",
                        spacing="2",
                    ),
                    rx.progress(value=RunState.percent_done, width="100%", aria_label="Progress"),
                    width="100%",
                    spacing="2",
                ),
                rx.hstack(
                    stat("Pass rate", o["rate"], o["ci"]),
                    stat("pass^" + o["k"], o["pass_k"], "cells whose every repeat passed"),
                    stat("Judged sessions", o["passed"] + " / " + o["n"], "passed / judged"),
                    stat("Infrastructure errors", o["errors"], "kept out of the pass rate"),
                    stat("Inconclusive", o["inconclusive"], "the judge could not decide"),
                    stat("Simulator errors", o["simulator_errors"], "the persona spoiled them"),
                    stat("Flaky cells", o["flaky"], "repeats disagree"),
                    stat("Unstable", o["unstable"], "judge repeats without a majority"),
                    spacing="3",
                    wrap="wrap",
                ),
                _matrix(),
                rx.text(
                    "Each dot is one session (a repeat): open it for its transcript, verdict and blame. The interval "
                    "is the 95% Wilson score interval over judged sessions (passed or failed); inconclusive sessions, "
                    "simulator errors and infrastructure errors are counted apart.",
                    size="1",
                    color_scheme="gray",
                ),
                *sections,
                spacing="4",
                width="100%",
            ),
        ),
        active=ACTIVE_ROUTE,
    )


# ---- compare -------------------------------------------------------------------------------


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

    @rx.event
    def load(self):
        parts = self.router.url.path.rstrip("/").split("/")
        self.run_key, self.baseline_key = parts[-3], parts[-1]
        try:
            with session_scope() as session:
                principal = self._principal()
                report = runs.compare_runs(
                    session=session, principal=principal, run_id=self.run_key, baseline_id=self.baseline_key
                )
                name = runs.get_run(session=session, principal=principal, run_id=self.run_key).suite_name
        except ServiceError as exc:
            self.not_found, self.error = True, str(exc)
            return
        self.not_found, self.error = False, ""
        self._apply(report, name)


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
