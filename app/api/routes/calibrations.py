"""/api/calibration-sets (labelled conversations: import, build from reviews, export) and
/api/calibrations (a judge run over a set, and its report)."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query, Request, Response, status

from app.api.deps import CurrentPrincipal, SessionDep
from app.api.documented import inlined
from app.api.errors import error_responses
from app.api.routes.library import _import_format
from app.api.routing import APIRouter
from app.models.calibration import (
    CalibrationCreate,
    CalibrationDetail,
    CalibrationPublic,
    LabelledSetDetail,
    LabelledSetPublic,
    SetFromReviews,
)
from app.services import calibration_sets, calibrations, units
from app.services.calibration import CalibrationSet
from app.services.pagination import PageParams, Paginated

router = APIRouter(tags=["calibration"])


@router.get("/api/calibration-sets", response_model=Paginated[LabelledSetPublic], summary="Calibration sets")
def list_sets(
    principal: CurrentPrincipal, session: SessionDep, params: Annotated[PageParams, Query()], q: str | None = None
) -> Paginated[LabelledSetPublic]:
    return calibration_sets.list_sets(session=session, principal=principal, params=params, q=q)


@router.post(
    "/api/calibration-sets/import",
    response_model=LabelledSetDetail,
    status_code=status.HTTP_201_CREATED,
    summary="Import a calibration set from JSON or YAML",
    responses=error_responses(409),
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": inlined(CalibrationSet.model_json_schema())},
                "application/yaml": {"schema": {"type": "string", "description": "The same document in YAML"}},
            },
        }
    },
)
async def import_set(
    request: Request,
    principal: CurrentPrincipal,
    format: Annotated[Literal["json", "yaml"] | None, Query(description="Else read from Content-Type")] = None,
) -> LabelledSetDetail:
    """{name, version, description, cases: [{id, category, hard, persona, objective,
    agentInstructions, endReason, transcript: [{id, senderType, content, latencyMs}],
    labels: [{criterion, status, evidence, why}], expectedFindings: [{type, severity,
    evidence}]}]}; every bad field is named (`cases.3.labels`). 409 when the name is taken."""
    body = await request.body()
    return await units.in_thread(
        calibration_sets.import_set, principal=principal, content=body, fmt=_import_format(request, format)
    )


@router.post(
    "/api/calibration-sets/from-reviews",
    response_model=LabelledSetDetail,
    status_code=status.HTTP_201_CREATED,
    summary="Build a calibration set from reviewed sessions",
    responses=error_responses(409),
)
def set_from_reviews(data: SetFromReviews, principal: CurrentPrincipal, session: SessionDep) -> LabelledSetDetail:
    """Each reviewed session (of `runId`, `agentId`, or `sessionIds`) becomes a case: its
    latest review's readings are the labels, its confirmed and added findings the expected
    ones; a case the reviewer and the judge (or its repeats) disagreed on is marked hard."""
    return calibration_sets.set_from_reviews(session=session, principal=principal, data=data)


@router.get("/api/calibration-sets/{set_id}", response_model=LabelledSetDetail, summary="A calibration set")
def get_set(set_id: str, principal: CurrentPrincipal, session: SessionDep) -> LabelledSetDetail:
    return calibration_sets.get_set(session=session, principal=principal, set_id=set_id)


@router.get(
    "/api/calibration-sets/{set_id}/export",
    summary="A calibration set as JSON or YAML",
    response_class=Response,
    responses={200: {"content": {"application/json": {}, "application/yaml": {}}}},
)
def export_set(
    set_id: str, principal: CurrentPrincipal, session: SessionDep, format: Literal["json", "yaml"] = "yaml"
) -> Response:
    document, media_type = calibration_sets.export_set(session=session, principal=principal, set_id=set_id, fmt=format)
    disposition = f'attachment; filename="mimic-calibration-set.{format}"'
    return Response(document, media_type=media_type, headers={"Content-Disposition": disposition})


@router.delete(
    "/api/calibration-sets/{set_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a calibration set"
)
def delete_set(set_id: str, principal: CurrentPrincipal, session: SessionDep) -> Response:
    """Its reports stay; a suite gate naming it fails until a set of that name exists again."""
    calibration_sets.delete_set(session=session, principal=principal, set_id=set_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post(
    "/api/calibrations",
    response_model=CalibrationPublic,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Run a judge over a calibration set",
)
async def start_calibration(data: CalibrationCreate, principal: CurrentPrincipal) -> CalibrationPublic:
    """`setId` (id or name), `judgeModel` (else the workspace's judge), `repeats` (the flip
    rate needs 2 or more), `temperature`. Runs in the background: poll GET
    /api/calibrations/{id} until `status` is completed or error; `calibration.completed` is
    sent then. The report names the prompt version of the judge."""
    return await calibrations.start(principal=principal, data=data)


@router.get("/api/calibrations", response_model=Paginated[CalibrationPublic], summary="Calibration reports")
def list_reports(
    principal: CurrentPrincipal,
    session: SessionDep,
    params: Annotated[PageParams, Query()],
    set_id: Annotated[str | None, Query(alias="setId", max_length=200, description="A set's id or name")] = None,
    judge_model: Annotated[str | None, Query(alias="judgeModel", max_length=200)] = None,
    prompt_version: Annotated[str | None, Query(alias="promptVersion", max_length=40)] = None,
    status: Literal["running", "completed", "error"] | None = None,
) -> Paginated[CalibrationPublic]:
    """Newest first."""
    return calibrations.list_reports(
        session=session, principal=principal, params=params, set_id=set_id, judge_model=judge_model,
        prompt_version=prompt_version, status=status,
    )  # fmt: skip


@router.get("/api/calibrations/{report_id}", response_model=CalibrationDetail, summary="A calibration report")
def get_report(report_id: str, principal: CurrentPrincipal, session: SessionDep) -> CalibrationDetail:
    """The figures, and every case with both readings of each criterion."""
    return calibrations.get_report(session=session, principal=principal, report_id=report_id)


@router.delete(
    "/api/calibrations/{report_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a calibration report"
)
def delete_report(report_id: str, principal: CurrentPrincipal, session: SessionDep) -> Response:
    calibrations.delete_report(session=session, principal=principal, report_id=report_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
