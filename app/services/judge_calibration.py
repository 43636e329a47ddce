"""How far a judge is calibrated: the latest calibration report of a judge model and prompt
version in the workspace, and the gate a suite may set (its judge must have a report on a
named set, the latest on that set, with Cohen's kappa at or above a threshold)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable

from sqlmodel import Session, col, select

from app import llm
from app.models.calibration import CalibrationReport, LabelledSet
from app.models.judgement import JudgeCalibration
from app.models.suite import JudgeUse, RunCalibration


def _latest(db: Session, workspace_id: str, judge_model: str, prompt_version: str,
            set_id: str | None = None) -> CalibrationReport | None:  # fmt: skip
    query = select(CalibrationReport).where(
        CalibrationReport.workspace_id == workspace_id, CalibrationReport.judge_model == judge_model,
        CalibrationReport.prompt_version == prompt_version, CalibrationReport.status == "completed",
    )  # fmt: skip
    if set_id is not None:
        query = query.where(CalibrationReport.set_id == set_id)
    return db.exec(query.order_by(col(CalibrationReport.completed_at).desc(), col(CalibrationReport.id))).first()


def named_set(db: Session, workspace_id: str, ref: str) -> LabelledSet | None:
    """A calibration set by id or by name."""
    found = db.get(LabelledSet, ref)
    if found is not None and found.workspace_id == workspace_id:
        return found
    return db.exec(select(LabelledSet).where(LabelledSet.workspace_id == workspace_id, LabelledSet.name == ref)).first()


def _describe(report: CalibrationReport) -> str:
    accuracy = f", accuracy {report.accuracy * 100:.0f}%" if report.accuracy is not None else ""
    kappa = f"{report.kappa:.2f}" if report.kappa is not None else "—"
    return f"kappa {kappa}{accuracy} on “{report.set_name}” ({report.criteria_count} criteria)"


def judge_calibration(db: Session, workspace_id: str, judge_model: str | None,
                      prompt_version: str | None) -> JudgeCalibration | None:  # fmt: skip
    """The judge's latest report on any set, or `never` calibrated."""
    if not judge_model or not prompt_version:
        return None
    report = _latest(db, workspace_id, judge_model, prompt_version)
    if report is None:
        return JudgeCalibration(judge_model=judge_model, prompt_version=prompt_version, status="never",
                                message=f"{llm.display_name(judge_model)} with prompt {prompt_version} has never been "
                                        "calibrated in this workspace")  # fmt: skip
    return JudgeCalibration(
        judge_model=judge_model, prompt_version=prompt_version, status="calibrated", report_id=report.id,
        set_id=report.set_id, set_name=report.set_name, kappa=report.kappa, accuracy=report.accuracy,
        calibrated_at=report.completed_at, message=_describe(report),
    )  # fmt: skip


def gate(db: Session, workspace_id: str, requirement: dict | None,
         judges: Iterable[tuple[str, str]]) -> RunCalibration:  # fmt: skip
    """Whether every judge (model, prompt version) of a run meets its suite's calibration
    gate; the judges are listed with their latest report either way."""
    counted = Counter(judges)
    uses = []
    for (model, version), sessions in sorted(counted.items()):
        known = judge_calibration(db, workspace_id, model, version)
        uses.append(JudgeUse(judge_model=model, prompt_version=version, sessions=sessions,
                             calibration=known.model_dump(by_alias=True, mode="json") if known else {}))  # fmt: skip
    if not requirement or not requirement.get("set"):
        return RunCalibration(required=False, status="not_required", judges=uses,
                              message="The suite does not require a calibrated judge.")  # fmt: skip
    ref, min_kappa = str(requirement["set"]), float(requirement.get("minKappa", 0.6))
    labelled = named_set(db, workspace_id, ref)
    problems = []
    if labelled is None:
        problems.append(f"there is no calibration set “{ref}” in this workspace")
    for use in uses:
        if labelled is None:
            break
        report = _latest(db, workspace_id, use.judge_model, use.prompt_version, labelled.id)
        who = f"{llm.display_name(use.judge_model)} · prompt {use.prompt_version}"
        if report is None:
            problems.append(f"{who} has no calibration report on “{labelled.name}”")
        elif report.kappa is None or report.kappa < min_kappa:
            kappa = "—" if report.kappa is None else f"{report.kappa:.2f}"
            problems.append(f"{who} has kappa {kappa} on “{labelled.name}” (report {report.id[:8]}), under "
                            f"{min_kappa:.2f}")  # fmt: skip
    if not uses and labelled is not None:
        problems.append("no session of the run was judged")
    if problems:
        return RunCalibration(required=True, status="not_calibrated", set=ref, min_kappa=min_kappa, judges=uses,
                              message="Judge not calibrated: " + "; ".join(problems) + ".")  # fmt: skip
    return RunCalibration(required=True, status="calibrated", set=ref, min_kappa=min_kappa, judges=uses,
                          message=f"Every judge of the run has kappa ≥ {min_kappa:.2f} on “{ref}”.")  # fmt: skip
