"""Calibration reports: a judge (model, prompt version, repeats) run over a calibration set in
the background, case by case, then scored by app/services/calibration.py (the same scoring
as `make bench`) and stored: accuracy, Cohen's kappa, the confusion matrix, flips, accuracy
per category and on hard cases, findings recall strict and lenient, severity agreement,
false alarms, the flip rate with repeats, and every case with both readings.
`calibration.completed` is published when a report ends (completed or error)."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any

from sqlmodel import Session, col, select

from app.db import session_scope
from app.engine.context import ModelChoice
from app.engine.judge_prompt import PROMPT_VERSION
from app.models.base import utcnow
from app.models.calibration import CalibrationCreate, CalibrationDetail, CalibrationPublic, CalibrationReport
from app.runtime import background, execution
from app.services import audit, judging, providers, units
from app.services.access import Permission, Principal, require
from app.services.calibration import CalibrationSet, CaseFailed, CaseResult, judge_case, score
from app.services.crud import ScopedResource
from app.services.errors import FieldError, ValidationFailed
from app.services.judge_calibration import named_set
from app.services.pagination import PageParams, Paginated, paginate

logger = logging.getLogger("mimic.calibrations")

# A report still running this long after it started, with no process to finish it, is shown interrupted.
STALE_AFTER = timedelta(hours=6)


def to_public(row: CalibrationReport) -> CalibrationPublic:
    public = CalibrationPublic.model_validate(row)
    if row.status == "running" and utcnow() - row.created_at > STALE_AFTER:
        public.status = "error"
        public.error = {"kind": "interrupted", "message": "The process running this report stopped."}
    return public


def to_detail(row: CalibrationReport) -> CalibrationDetail:
    return CalibrationDetail(**to_public(row).model_dump(), cases=row.cases)


resource = ScopedResource(CalibrationReport, to_public, "calibration report")


def _create_report(*, session: Session, principal: Principal, data: CalibrationCreate) -> tuple[CalibrationPublic, Any]:
    require(principal, Permission.write)
    labelled = named_set(session, principal.workspace_id, data.set_id)
    if labelled is None:
        raise ValidationFailed("Unknown calibration set", [FieldError("setId", "no such calibration set (id or name)")])
    judging.check_repeats(data.repeats, data.temperature)
    resolved = providers.resolve(session, principal.workspace_id, "judge", data.judge_model)
    report = CalibrationReport(
        workspace_id=principal.workspace_id, set_id=labelled.id, set_name=labelled.name, judge_model=resolved.id,
        prompt_version=PROMPT_VERSION, repeats=data.repeats, temperature=data.temperature,
        case_count=labelled.case_count, criteria_count=labelled.criteria_count, worker_id=execution.WORKER_ID,
        requested_by=principal.user_id,
    )  # fmt: skip
    session.add(report)
    details = {"judgeModel": resolved.id, "promptVersion": PROMPT_VERSION, "repeats": data.repeats}
    audit.record(session, principal=principal, action="calibration.started", target_type="calibration_report",
                 target_id=report.id, target_name=labelled.name, details=details)  # fmt: skip
    session.commit()
    document = {"name": labelled.name, "version": labelled.version, "cases": labelled.cases}
    model = ModelChoice(resolved.model, data.temperature, resolved.credentials, resolved.id)
    return to_public(report), run_report(report.id, document, model, data.repeats, data.temperature)


async def start(*, principal: Principal, data: CalibrationCreate) -> CalibrationPublic:
    """Creates the report (running, in a worker thread) and judges the set in the background."""
    public, judging_job = await units.in_thread(_create_report, principal=principal, data=data)
    background.spawn(judging_job, name=f"calibration-{public.id}")
    return public


def _update(report_id: str, **values: Any) -> tuple[str, str] | None:
    with session_scope() as db:
        row = db.get(CalibrationReport, report_id)
        if row is None:
            return None
        for key, value in values.items():
            setattr(row, key, value)
        return row.workspace_id, row.status


async def run_report(report_id: str, document: dict[str, Any], model: ModelChoice, repeats: int,
                     temperature: float | None) -> None:  # fmt: skip
    calibration = CalibrationSet.model_validate(document)
    results: list[CaseResult] = []
    error = None
    try:
        for case in calibration.cases:
            results.append(await judge_case(case, model, repeats=repeats, temperature=temperature))
            await asyncio.to_thread(_update, report_id, done_cases=len(results))
    except CaseFailed as exc:
        error = {"kind": exc.failed.error.kind, "message": str(exc)[:500], "caseId": exc.case_id}
    except Exception as exc:  # a bug of ours must not leave the report running for ever
        logger.exception("calibration report %s failed", report_id)
        error = {"kind": "internal", "message": str(exc)[:500]}
    figures = score(results) if results else None
    values: dict[str, Any] = {"cases": [r.as_dict() for r in results], "completed_at": utcnow(),
                              "done_cases": len(results), "status": "error" if error else "completed",
                              "error": error}  # fmt: skip
    if figures is not None and error is None:
        values.update(metrics=figures.as_dict(), accuracy=figures.accuracy, kappa=figures.kappa)
    ended = await asyncio.to_thread(_update, report_id, **values)
    if ended is not None:
        judging.publish("calibration", ended[0], report_id, {"reportId": report_id, "status": values["status"]})


def recover_on_start() -> int:
    """A lifespan step of the only process: reports the last process left running end as
    interrupted (with several processes, they read interrupted once stale)."""
    if execution.leased():
        return 0
    with session_scope() as db:
        left = (CalibrationReport.status == "running") & (CalibrationReport.worker_id != execution.WORKER_ID)
        stuck = db.exec(select(CalibrationReport).where(left)).all()
        for row in stuck:
            row.status, row.completed_at = "error", utcnow()
            row.error = {"kind": "interrupted", "message": "The process running this report stopped."}
        return len(stuck)


async def recover_with_backend() -> None:
    await asyncio.to_thread(recover_on_start)


def list_reports(*, session: Session, principal: Principal, params: PageParams, set_id: str | None = None,
                 judge_model: str | None = None, prompt_version: str | None = None,
                 status: str | None = None) -> Paginated[CalibrationPublic]:  # fmt: skip
    require(principal, Permission.read)
    query = select(CalibrationReport).where(CalibrationReport.workspace_id == principal.workspace_id)
    if set_id:
        labelled = named_set(session, principal.workspace_id, set_id)
        query = query.where(CalibrationReport.set_id == (labelled.id if labelled else set_id))
    for column, value in (("judge_model", judge_model), ("prompt_version", prompt_version), ("status", status)):
        if value:
            query = query.where(getattr(CalibrationReport, column) == value)
    query = query.order_by(col(CalibrationReport.created_at).desc(), col(CalibrationReport.id))
    return paginate(session, query, params, to_public)


def get_report(*, session: Session, principal: Principal, report_id: str) -> CalibrationDetail:
    require(principal, Permission.read)
    return to_detail(resource.row(session, principal, report_id))


def delete_report(*, session: Session, principal: Principal, report_id: str) -> None:
    require(principal, Permission.write)
    row = resource.row(session, principal, report_id)
    audit.record(session, principal=principal, action="calibration.deleted", target_type="calibration_report",
                 target_id=row.id, target_name=f"{row.judge_model} on {row.set_name}")  # fmt: skip
    session.delete(row)
    session.commit()
