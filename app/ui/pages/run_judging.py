"""/runs/<id>, continued: the calibration of the judges that produced the run's verdicts
(and whether the suite's gate is met), re-judging the whole run, and the figures before
each re-judge or review, for comparison. Services run in worker threads (background events)."""

from __future__ import annotations

import asyncio
import dataclasses

import reflex as rx

from app.models.judgement import JudgeRequest
from app.models.suite import RunDetail
from app.services import run_judging, runs
from app.services.errors import ServiceError
from app.ui.components.library import link_button
from app.ui.components.model_picker import picker_props
from app.ui.components.runs import percent
from app.ui.pages import runs as runs_page
from app.ui.pages.runs import RunState
from app.ui.state.auth import AuthState

REASONS = {"rejudge": "a session re-judged", "run_rejudge": "the run re-judged", "review": "a human review"}


@dataclasses.dataclass
class JudgeLine:
    judge: str
    sessions: int
    calibration: str
    calibrated: bool


@dataclasses.dataclass
class PastFigures:
    when: str
    reason: str
    rate: str
    judged: str
    apart: str


class RunJudgingState(RunState):
    gate_status: str = ""  # calibrated | not_calibrated | not_required
    gate_message: str = ""
    judges: list[JudgeLine] = []
    history: list[PastFigures] = []
    rejudge_status: str = ""
    rejudge_progress: str = ""
    dialog_open: bool = False
    judge_model: str = ""
    repeats: str = "1"
    rejudge_error: str = ""
    _watching: bool = False

    def _fill(self, run: RunDetail) -> None:
        gate = run.calibration
        self.gate_status = gate.status if gate else ""
        self.gate_message = gate.message if gate else ""
        self.judges = [
            JudgeLine(
                judge=f"{j.judge_model} · prompt {j.prompt_version}",
                sessions=j.sessions,
                calibration=j.calibration.get("message", "") if j.calibration else "",
                calibrated=(j.calibration or {}).get("status") == "calibrated",
            )
            for j in (gate.judges if gate else [])
        ]
        self.history = [
            PastFigures(
                when=str(h.get("at", ""))[:19].replace("T", " "),
                reason=REASONS.get(h.get("reason"), h.get("reason")),
                rate=percent((h.get("overall") or {}).get("passRate")),
                judged=f"{(h.get('overall') or {}).get('passed', 0)} / {(h.get('overall') or {}).get('n', 0)}",
                apart=f"{(h.get('overall') or {}).get('inconclusive', 0)} inconclusive · "
                f"{(h.get('overall') or {}).get('unstable', 0)} unstable",
            )
            for h in run.summary_history
        ]
        state = run.rejudge or {}
        self.rejudge_status = state.get("status", "")
        self.rejudge_progress = (
            f"{state.get('done', 0)} of {state.get('total', 0)} sessions judged by {state.get('judgeModel', '')}"
            + (f" · {state['failed']} failed" if state.get("failed") else "")
            if state
            else ""
        )

    @rx.event(background=True)
    async def load_judging(self):
        """The run's calibration and history; while a re-judge goes on, again every second."""
        async with self:
            run_id = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
            if self._watching:
                return
            self._watching = True
        try:
            while True:
                try:
                    run = await self._call(runs.get_run, run_id=run_id)
                except ServiceError:
                    return
                async with self:
                    if self.run_key and self.run_key != run_id:
                        return
                    was_running = self.rejudge_status == "running"
                    self._fill(run)
                    if was_running and self.rejudge_status != "running":
                        self._apply(run)  # the matrix and figures, restated
                if self.rejudge_status != "running":
                    return
                await asyncio.sleep(1)
        finally:
            async with self:
                self._watching = False

    @rx.event
    def open_dialog(self, value: bool):
        self.dialog_open, self.rejudge_error = value, ""

    @rx.event
    def set_judge_model(self, value: str):
        self.judge_model = value

    @rx.event
    def set_repeats(self, value: str):
        self.repeats = value

    @rx.event(background=True)
    async def rejudge_run(self):
        async with self:
            try:
                request = JudgeRequest(judge_model=self.judge_model.strip() or None, repeats=int(self.repeats or 1))
            except ValueError as exc:
                self.rejudge_error = str(exc).splitlines()[0]
                return
            run_id = self.run_key
        try:
            run = await self._call(run_judging.start, run_id=run_id, data=request)
        except ServiceError as exc:
            async with self:
                self.rejudge_error = exc.message + "".join(f" ({d.field}: {d.message})" for d in exc.details)
            return
        async with self:
            self.dialog_open = False
            self._fill(run)
        yield RunJudgingState.load_judging


def _rejudge_dialog() -> rx.Component:
    S = RunJudgingState
    return rx.dialog.root(
        rx.dialog.trigger(
            rx.button(
                rx.icon("refresh-cw", size=14),
                "Re-judge run",
                variant="soft",
                data_testid="rejudge-run",
                disabled=S.rejudge_status == "running",
            ),
        ),
        rx.dialog.content(
            rx.dialog.title("Judge every session of this run again"),
            rx.dialog.description(
                "Each session that ran to its end is judged again from its stored transcript; the matrix and the "
                "statistics are restated, and the figures before are kept below for comparison.",
                size="2",
            ),
            rx.vstack(
                rx.text("Judge model (empty: each session's)", size="2", weight="medium"),
                rx.input(value=S.judge_model, on_change=S.set_judge_model, aria_label="Judge model", **picker_props()),
                rx.text("Repeats", size="2", weight="medium"),
                rx.input(
                    value=S.repeats, on_change=S.set_repeats, type="number", min="1", max="11", aria_label="Repeats"
                ),
                rx.cond(S.rejudge_error != "", rx.callout(S.rejudge_error, color_scheme="red", role="alert")),
                rx.hstack(
                    rx.dialog.close(rx.button("Cancel", variant="soft", color_scheme="gray")),
                    rx.button("Judge again", on_click=S.rejudge_run, data_testid="rejudge-run-submit"),
                    justify="end",
                    width="100%",
                ),
                spacing="3",
                padding_top="1rem",
            ),
        ),
        open=S.dialog_open,
        on_open_change=S.open_dialog,
    )


def judging_card() -> rx.Component:
    S = RunJudgingState
    color = rx.match(S.gate_status, ("calibrated", "green"), ("not_calibrated", "red"), "gray")
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("The judge", size="4", as_="h2"),
                rx.cond(S.gate_status == "not_calibrated", rx.badge("judge not calibrated", color_scheme="red")),
                rx.cond(S.gate_status == "calibrated", rx.badge("judge calibrated", color_scheme="green")),
                rx.spacer(),
                link_button("Review its sessions", "/reviews?runId=" + RunState.run_key, icon="clipboard-check",
                            variant="soft", size="2", data_testid="review-run"),  # fmt: skip
                rx.cond(AuthState.can_write & RunState.ended, _rejudge_dialog()),
                width="100%",
                align="center",
            ),
            rx.cond(
                S.gate_message != "",
                rx.text(S.gate_message, size="2", color_scheme=color, data_testid="run-calibration"),
            ),
            rx.foreach(
                S.judges,
                lambda j: rx.hstack(
                    rx.code(j.judge),
                    rx.text(j.sessions, " sessions", size="1", color_scheme="gray"),
                    rx.text(
                        rx.cond(j.calibrated, "", "not calibrated: "),
                        j.calibration,
                        size="1",
                        color_scheme=rx.cond(j.calibrated, "gray", "amber"),
                    ),
                    spacing="2",
                    align="center",
                    wrap="wrap",
                    data_testid="run-judge",
                ),
            ),
            rx.cond(
                S.rejudge_status != "",
                rx.text(
                    "Re-judge: ", S.rejudge_status, " · ", S.rejudge_progress, size="2", data_testid="rejudge-progress"
                ),
            ),
            rx.cond(
                S.history.length() > 0,
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            *[
                                rx.table.column_header_cell(h)
                                for h in ("Until", "Changed by", "Pass rate", "Passed / judged", "Kept apart")
                            ]
                        )
                    ),
                    rx.table.body(
                        rx.foreach(
                            S.history,
                            lambda h: rx.table.row(
                                rx.table.cell(h.when),
                                rx.table.cell(h.reason),
                                rx.table.cell(h.rate),
                                rx.table.cell(h.judged),
                                rx.table.cell(h.apart),
                                data_testid="previous-figures",
                            ),
                        )
                    ),
                    size="1",
                    width="100%",
                ),
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
        on_mount=S.load_judging,
    )


def run_page() -> rx.Component:
    return runs_page.run_page(rx.cond(RunState.ended, judging_card()))
