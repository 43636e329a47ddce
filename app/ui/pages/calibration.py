"""/calibration (the state; calibration_view.py draws it): calibration sets (import JSON or
YAML, build one from reviewed sessions), running a judge over a set, the reports side by
side per judge model and prompt version, and the cases a report's judge got wrong, with
both readings. Services run in worker threads (background events)."""

from __future__ import annotations

import asyncio
import dataclasses
from typing import Any

import reflex as rx

from app.models.calibration import CalibrationCreate, CalibrationPublic, SetFromReviews
from app.services import calibration_sets, calibrations
from app.services.calibration import STATUSES
from app.services.errors import ServiceError
from app.services.pagination import PageParams
from app.ui.formatting import percent, when
from app.ui.state.auth import AuthState

# The figures compared side by side: (label, how to read it from a report's metrics).
FIGURES: tuple[tuple[str, str], ...] = (
    ("Accuracy", "accuracy"),
    ("Cohen's kappa", "kappa"),
    ("Met / not-met flips", "flips"),
    ("Confusions with inconclusive", "inconclusiveConfusions"),
    ("False passes", "falsePasses"),
    ("Accuracy on hard cases", "hard.accuracy"),
    ("Findings recall (strict)", "findings.recallStrict"),
    ("Findings recall (lenient)", "findings.recallLenient"),
    ("Severity agreement", "findings.severityAgreement"),
    ("False alarms", "findings.falseAlarms"),
    ("Flip rate (repeats)", "flipRate"),
)
RATES = {
    "accuracy",
    "hard.accuracy",
    "findings.recallStrict",
    "findings.recallLenient",
    "findings.severityAgreement",
    "flipRate",
}


def figure(metrics: dict[str, Any], path: str) -> str:
    value: Any = metrics
    for part in path.split("."):
        value = value.get(part) if isinstance(value, dict) else None
    if value is None:
        return "—"
    if isinstance(value, list):
        return str(len(value))
    if path in RATES:
        return percent(value)
    return f"{value:.3f}" if isinstance(value, float) else str(value)


def _pct(value: float | None) -> str:
    return percent(value)


@dataclasses.dataclass
class SetRow:
    id: str
    name: str
    source: str
    counts: str


@dataclasses.dataclass
class ReportRow:
    id: str
    set_name: str
    judge: str
    status: str
    accuracy: str
    kappa: str
    progress: str
    when: str


@dataclasses.dataclass
class WrongReading:
    case: str
    criterion: str
    label: str
    label_why: str
    judge: str
    judge_reasoning: str


def _report_row(r: CalibrationPublic) -> ReportRow:
    return ReportRow(
        id=r.id,
        set_name=r.set_name,
        judge=f"{r.judge_model} · prompt {r.prompt_version}" + (f" · {r.repeats} repeats" if r.repeats > 1 else ""),
        status=r.status,
        accuracy=_pct(r.accuracy),
        kappa="—" if r.kappa is None else f"{r.kappa:.3f}",
        progress=f"{r.done_cases}/{r.case_count}",
        when=when(r.created_at),
    )


class CalibrationState(AuthState):
    sets: list[SetRow] = []
    reports: list[ReportRow] = []
    _reports: list[dict[str, Any]] = []
    import_text: str = ""
    import_error: str = ""
    build_name: str = "Reviewed sessions"
    build_error: str = ""
    run_set: str = ""
    run_model: str = "mimic/offline"
    run_repeats: str = "1"
    run_error: str = ""
    running: bool = False
    compare_set: str = ""
    compare_headers: list[str] = []
    compare_rows: list[list[str]] = []
    selected: str = ""
    selected_title: str = ""
    confusion: list[list[str]] = []
    wrong: list[WrongReading] = []
    missed: list[str] = []

    async def _read(self) -> None:
        try:
            found = await self._call(calibration_sets.list_all)
            listed = await self._call(calibrations.list_reports, params=PageParams(page=1, limit=100))
        except ServiceError:
            return
        async with self:
            self.sets = [
                SetRow(
                    id=s.id,
                    name=s.name,
                    source=s.source,
                    counts=f"{s.case_count} cases · {s.criteria_count} criteria · {s.finding_count} findings",
                )
                for s in found
            ]
            self.reports = [_report_row(r) for r in listed.data]
            self._reports = [r.model_dump(by_alias=True, mode="json") for r in listed.data]
            if not self.run_set and found:
                self.run_set = found[0].id
            if not self.compare_set and found:
                self.compare_set = found[0].name
            self._compare()

    def _compare(self) -> None:
        """The latest completed report of each judge model and prompt version on the chosen set."""
        latest: dict[tuple[str, str], dict[str, Any]] = {}
        for r in self._reports:  # newest first
            if r["setName"] == self.compare_set and r["status"] == "completed":
                latest.setdefault((r["judgeModel"], r["promptVersion"]), r)
        self.compare_headers = [f"{m} · prompt {v}" for m, v in latest]
        self.compare_rows = [[label, *(figure(r["metrics"], path) for r in latest.values())] for label, path in FIGURES]

    @rx.event(background=True)
    async def load(self):
        await self._read()

    @rx.event
    def set_import_text(self, value: str):
        self.import_text = value

    @rx.event
    def set_build_name(self, value: str):
        self.build_name = value

    @rx.event
    def set_run_set(self, value: str):
        self.run_set = value

    @rx.event
    def set_run_model(self, value: str):
        self.run_model = value

    @rx.event
    def set_run_repeats(self, value: str):
        self.run_repeats = value

    @rx.event
    def choose_compare(self, value: str):
        self.compare_set = value
        self._compare()

    @staticmethod
    def _problem(exc: ServiceError) -> str:
        return exc.message + "".join(f" · {d.field}: {d.message}" for d in exc.details[:5])

    @rx.event(background=True)
    async def import_set(self):
        async with self:
            text = self.import_text
        fmt = "json" if text.lstrip().startswith(("{", "[")) else "yaml"
        try:
            made = await self._call(calibration_sets.import_set, content=text, fmt=fmt)
        except ServiceError as exc:
            async with self:
                self.import_error = self._problem(exc)
            return
        async with self:
            self.import_error, self.import_text, self.run_set, self.compare_set = "", "", made.id, made.name
        await self._read()
        yield rx.toast.success(f"Imported “{made.name}”: {made.case_count} cases")

    @rx.event(background=True)
    async def build_from_reviews(self):
        async with self:
            name = self.build_name
        try:
            made = await self._call(calibration_sets.set_from_reviews, data=SetFromReviews(name=name))
        except (ServiceError, ValueError) as exc:
            async with self:
                self.build_error = self._problem(exc) if isinstance(exc, ServiceError) else str(exc).splitlines()[0]
            return
        async with self:
            self.build_error, self.run_set, self.compare_set = "", made.id, made.name
        await self._read()
        yield rx.toast.success(f"Built “{made.name}” from {made.case_count} reviewed sessions")

    @rx.event(background=True)
    async def start(self):
        async with self:
            try:
                data = CalibrationCreate(
                    set_id=self.run_set, judge_model=self.run_model.strip() or None, repeats=int(self.run_repeats or 1)
                )
            except ValueError as exc:
                self.run_error = str(exc).splitlines()[0]
                return
            self.running, self.run_error = True, ""
        try:
            report = await self._call(calibrations.start, data=data)
            while report.status == "running":
                await asyncio.sleep(0.5)
                report = await self._call(calibrations.get_report, report_id=report.id)
        except ServiceError as exc:
            async with self:
                self.running, self.run_error = False, self._problem(exc)
            return
        async with self:
            self.running = False
        await self._read()
        yield CalibrationState.select(report.id)

    @rx.event(background=True)
    async def select(self, report_id: str):
        try:
            detail = await self._call(calibrations.get_report, report_id=report_id)
        except ServiceError:
            return
        confusion = detail.metrics.get("confusion") or {}
        async with self:
            self.selected = report_id
            self.selected_title = (
                f"{detail.judge_model} · prompt {detail.prompt_version} on “{detail.set_name}”: "
                f"accuracy {_pct(detail.accuracy)}, kappa "
                f"{'—' if detail.kappa is None else f'{detail.kappa:.3f}'}"
            )
            if detail.error:
                self.selected_title += f" (error: {detail.error.get('message', '')})"
            self.confusion = [
                [label, *(str((confusion.get(label) or {}).get(j, 0)) for j in STATUSES)] for label in STATUSES
            ]
            self.wrong = [
                WrongReading(
                    case=c["id"],
                    criterion=k["criterion"],
                    label=k["label"],
                    label_why=k.get("labelWhy", ""),
                    judge=k["judge"],
                    judge_reasoning=k.get("judgeReasoning", ""),
                )
                for c in detail.cases
                for k in c["criteria"]
                if not k["agrees"]
            ]
            self.missed = [
                f"{c['id']}: {f['type']} ({f['severity']})"
                for c in detail.cases
                for f in c["findings"]
                if not f["strict"]
            ]
