"""/runs/<id>: a run's matrix of cells, filled in live as its sessions end, its honest figures
(a cancelled run reads "3 of 24 done, 21 cancelled" and its pass rate is its judged sessions'),
its JUnit download and the CLI command that runs it again. The compare page is run_compare.py.

While the run is under way, a background task follows the run's feed (the bus, read back
from the database when one of its sessions starts or ends) and redraws the matrix. Reads go
through worker threads: the event loop never waits for the database.
"""

from __future__ import annotations

import asyncio
import dataclasses
import shlex

import reflex as rx
from sqlmodel import Session

from app.models.suite import CellResult, OverallResult, RunDetail
from app.services import calls, run_stats, runs, wording
from app.services.access import Principal
from app.services.errors import ServiceError
from app.ui.components.layout import page_header, shell
from app.ui.components.runs import interval, percent, run_row
from app.ui.components.status import in_words, status_badge
from app.ui.formatting import when
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
    anchor: str  # "cell-<persona id>-<objective id>": a session page links to its cell
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
    words = wording.words({**wording.STATUS_WORDS, **wording.OUTCOME_WORDS}, outcome)
    return f"repeat {repeat}: {words}" + (f" (blame: {blame})" if blame else "")


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
    if cell.cancelled:
        apart.append(f"{cell.cancelled} cancelled")
    return MatrixCell(
        anchor=f"cell-{cell.persona_id}-{cell.objective_id}",
        status=cell.status, label=f"{cell.passed}/{cell.n}", rate=percent(cell.pass_rate), ci=interval(cell.ci),
        pass_k=percent(cell.pass_k), errors=cell.errors, sessions=dots, apart=" · ".join(apart),
    )  # fmt: skip


def _overall(overall: OverallResult | None) -> dict[str, str]:
    if overall is None:
        return {"rate": "—", "ci": "", "pass_k": "—", "pass_k_estimate": "—", "n": "0", "passed": "0", "errors": "0",
                "cancelled": "0", "flaky": "0", "k": "1", "inconclusive": "0", "simulator_errors": "0",
                "unstable": "0"}  # fmt: skip
    judged = f"of {overall.n} judged session{'' if overall.n == 1 else 's'}"
    return {
        "rate": percent(overall.pass_rate),
        "ci": (judged + " · " + interval(overall.ci)) if overall.ci else "no session judged yet",
        "pass_k": percent(overall.pass_k),
        "pass_k_estimate": percent(overall.pass_k_estimate), "n": str(overall.n), "passed": str(overall.passed),
        "errors": str(overall.errors), "cancelled": str(overall.cancelled), "flaky": str(overall.flaky_cells),
        "k": str(overall.k), "inconclusive": str(overall.inconclusive),
        "simulator_errors": str(overall.simulator_errors), "unstable": str(overall.unstable),
    }  # fmt: skip


def read_run(*, session: Session, principal: Principal, run_id: str) -> tuple[RunDetail, list[dict[str, str]]]:
    """The run, and the ended runs of its suite it can be compared with (in a worker thread)."""
    run = runs.get_run(session=session, principal=principal, run_id=run_id)
    others = runs.list_runs(
        session=session, principal=principal, params=runs.RunListParams(limit=50), suite_id=run.suite_id
    )
    baselines = [
        {"id": r.id, "label": f"{row['started']} · {row['pass_rate']} · {r.status}"}
        for r, row in ((r, run_row(r)) for r in others.data)
        if r.id != run.id and r.ended_at is not None
    ]
    return run, baselines


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
    cancelled: int = 0
    running_now: int = 0
    progress_text: str = ""  # "3 of 24 done, 21 cancelled"
    cli_command: str = ""  # the `mimic` command that runs the suite again
    overrides_note: str = ""  # what this run narrowed, which the CLI command does not repeat
    below_threshold: str = ""  # "Under the suite's alert threshold of 80 %" when it is
    overall: dict[str, str] = _overall(None)
    objective_names: list[str] = []
    matrix: list[MatrixRow] = []
    baselines: list[dict[str, str]] = []
    _following: str = ""

    def _apply(self, run: RunDetail) -> None:
        self.suite_id, self.suite_name, self.agent_name = run.suite_id, run.suite_name, run.agent_name
        self.status, self.ended = run.status, run.ended_at is not None
        self.started = when(run.started_at or run.created_at)
        p = run.progress
        self.total, self.done, self.running_now, self.cancelled = p.total, p.done, p.running, p.cancelled
        self.progress_text = run_stats.progress_sentence(p.total, p.done, p.cancelled, p.running, p.pending)
        self.cli_command = f"mimic run {shlex.quote(run.suite_id)} --wait --junit mimic-junit.xml"
        overrides = run.suite_snapshot.get("overrides") or {}
        self.overrides_note = (
            "This run changed its suite's settings ("
            + ", ".join(f"{k}: {v if not isinstance(v, list) else len(v)}" for k, v in overrides.items())
            + "); the command runs the suite as it is saved now."
            if overrides
            else ""
        )
        self.overall = _overall(run.overall)
        self.below_threshold = (
            f"Under the suite's alert threshold of {percent(run.threshold)}: run.below_threshold was sent."
            if run.below_threshold
            else ""
        )
        snapshot = run.suite_snapshot
        objective_ids = snapshot.get("objectiveIds", [])
        self.objective_names = [snapshot.get("objectives", {}).get(o, "(deleted)") for o in objective_ids]
        rows: list[MatrixRow] = []
        width = max(1, len(objective_ids))
        for start in range(0, len(run.cells), width):
            cells = run.cells[start : start + width]
            rows.append(MatrixRow(persona=cells[0].persona_name, cells=[_cell(c) for c in cells]))
        self.matrix = rows

    @rx.event(background=True)
    async def load(self):
        async with self:
            run_id = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
            self.run_key = run_id
        try:
            run, others = await self._call(read_run, run_id=run_id)
        except ServiceError:
            async with self:
                self.not_found = self.run_key == run_id or self.not_found
            return
        async with self:
            if self.run_key != run_id:
                return
            self.not_found = False
            self.baselines = others
            self._apply(run)
            follow = run.ended_at is None and self._following != run_id
        if follow:
            yield RunState.follow

    @rx.event(background=True)
    async def follow(self):
        async with self:
            run_id = self.run_key
            if self._following == run_id:
                return
            self._following = run_id
            credential, meta = self._session_token(), self._request_meta()
        try:
            # Who asks, checked in a worker thread with the state unlocked.
            principal = await asyncio.to_thread(calls.caller, credential=credential, meta=meta)
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
            self._apply(await self._call(runs.cancel_run, run_id=self.run_key))
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        return rx.toast.info("Cancelling the run's sessions…")

    @rx.event
    def compare_with(self, baseline_id: str):
        return rx.redirect(f"/runs/{self.run_key}/compare/{baseline_id}")

    @rx.var
    def percent_done(self) -> int:
        return int(self.done * 100 / self.total) if self.total else 0


def stat(label: str, value: rx.Var | str, detail: rx.Var | str = "", testid: str = "") -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.text(label, size="1", color_scheme="gray", weight="medium"),
            rx.text(value, size="6", weight="bold"),
            rx.text(detail, size="1", color_scheme="gray"),
            spacing="1",
        ),
        min_width="10rem",
        **({"data_testid": testid} if testid else {}),
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
                rx.badge(in_words(cell.status, wording.CELL_WORDS), color_scheme=color, variant="solid", size="1"),
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
        id=cell.anchor,
        scroll_margin_top="5rem",
        style={"&:target": {"outline": "3px solid var(--amber-9)", "outline_offset": "-3px"}},
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


def _reproduce() -> rx.Component:
    """The run for CI: its JUnit XML, and the `mimic` command that runs its suite again."""
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Reproduce", size="3", as_="h2"),
                rx.spacer(),
                rx.button(
                    rx.el.a(
                        rx.icon("download", size=14),
                        "JUnit XML",
                        href="/api/runs/" + RunState.run_key + "/junit",
                        download="mimic-run-" + RunState.run_key + ".xml",
                        data_testid="junit-download",
                        reload_document=True,
                    ),
                    as_child=True,
                    variant="soft",
                    size="1",
                ),
                width="100%",
                align="center",
            ),
            rx.text("Run this suite again from a shell or CI (after `mimic login`):", size="1", color_scheme="gray"),
            rx.code(RunState.cli_command, data_testid="cli-command", white_space="pre-wrap", word_break="break-all"),
            rx.cond(RunState.overrides_note != "", rx.text(RunState.overrides_note, size="1", color_scheme="amber")),
            spacing="2",
            width="100%",
        ),
        width="100%",
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
                        rx.text(RunState.progress_text, size="2", data_testid="run-progress"),
                        rx.cond(~RunState.ended, rx.spinner(size="1")),
                        align="center",
                        spacing="2",
                    ),
                    rx.progress(value=RunState.percent_done, width="100%", aria_label="Progress"),
                    width="100%",
                    spacing="2",
                ),
                rx.cond(
                    RunState.below_threshold != "",
                    rx.callout.root(
                        rx.callout.icon(rx.icon("triangle-alert")),
                        rx.callout.text(RunState.below_threshold),
                        color_scheme="red",
                        width="100%",
                        data_testid="run-below-threshold",
                    ),
                ),
                rx.cond(
                    RunState.ended & (RunState.status == "cancelled"),
                    rx.callout.root(
                        rx.callout.icon(rx.icon("circle-slash")),
                        rx.callout.text(
                            "This run was cancelled: ",
                            RunState.progress_text,
                            ". Its figures cover its ",
                            o["n"],
                            " judged sessions only; the cancelled ones count neither way.",
                        ),
                        color_scheme="gray",
                        width="100%",
                        data_testid="cancelled-note",
                    ),
                ),
                rx.hstack(
                    stat("Pass rate", o["rate"], o["ci"], "stat-pass-rate"),
                    stat("pass^" + o["k"], o["pass_k"], "cells whose every repeat passed"),
                    stat(
                        "Judged sessions",
                        o["passed"] + " / " + o["n"],
                        "passed / judged (passed or failed)",
                        "stat-judged",
                    ),
                    stat("Infrastructure errors", o["errors"], "kept out of the pass rate"),
                    stat("Inconclusive", o["inconclusive"], "the judge could not decide"),
                    stat("Simulator errors", o["simulator_errors"], "the persona spoiled them"),
                    stat("Flaky cells", o["flaky"], "repeats disagree"),
                    stat("Unstable", o["unstable"], "judge repeats without a majority"),
                    spacing="3",
                    wrap="wrap",
                ),
                _matrix(),
                _reproduce(),
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
