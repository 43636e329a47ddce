"""/api/runs: list, read with per-cell results, cancel, compare two runs, the report CI reads, JUnit XML, re-judge."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, Response, status

from app.api.deps import CurrentPrincipal, SessionDep, StreamPrincipal
from app.api.errors import error_responses
from app.api.routing import APIRouter
from app.models.judgement import JudgeRequest
from app.models.suite import RunComparison, RunDetail, RunPublic, RunReport, RunStatus
from app.services import run_compare, run_judging, run_reports, runs
from app.services.pagination import Paginated
from app.services.run_compare import CellTranscripts

router = APIRouter(prefix="/api/runs", tags=["runs"])


@router.get("", response_model=Paginated[RunPublic], summary="List runs, newest first")
def list_runs(
    principal: CurrentPrincipal,
    session: SessionDep,
    params: Annotated[runs.RunListParams, Query()],
    status: RunStatus | None = None,
    suite_id: Annotated[str | None, Query(alias="suiteId")] = None,
) -> Paginated[RunPublic]:
    return runs.list_runs(session=session, principal=principal, params=params, status=status, suite_id=suite_id)


@router.get("/{run_id}/status", response_model=RunPublic, summary="A run's status and progress, without its matrix")
def get_run_state(run_id: str, principal: CurrentPrincipal, session: SessionDep) -> RunPublic:
    return runs.run_state(session=session, principal=principal, run_id=run_id)


@router.get("/{run_id}/wait", response_model=RunPublic, summary="Wait for a run to end or progress (long-poll)")
async def wait_for_run(
    run_id: str,
    principal: CurrentPrincipal,
    timeout: Annotated[float, Query(ge=0, le=60, description="Seconds to wait at most")] = 30,
    done: Annotated[
        int | None, Query(ge=0, description="Answer as soon as the count of ended sessions is not this one")
    ] = None,
) -> RunPublic:
    """Answers as soon as the run has ended (`endedAt` set), or, with `done`, as soon as
    `progress.done` differs from it; else after `timeout` seconds with the run then."""
    return await runs.wait_for_run(principal, run_id, timeout, done=done)


@router.get("/{run_id}", response_model=RunDetail, summary="A run: progress, overall and per-cell results")
def get_run(run_id: str, principal: CurrentPrincipal, session: SessionDep) -> RunDetail:
    return runs.get_run(session=session, principal=principal, run_id=run_id)


@router.post(
    "/{run_id}/cancel",
    response_model=RunDetail,
    summary="Cancel a run's sessions that have not ended",
    responses=error_responses(409),
)
async def cancel_run(run_id: str, principal: CurrentPrincipal) -> RunDetail:
    return await runs.cancel_run(principal=principal, run_id=run_id)


@router.get(
    "/{run_id}/compare/{baseline_id}",
    response_model=RunComparison,
    summary="Compare a run with a baseline run of the same suite",
)
def compare_runs(run_id: str, baseline_id: str, principal: CurrentPrincipal, session: SessionDep) -> RunComparison:
    """The change per cell (newly failing first), and McNemar's test over the sessions
    matched by cell and repeat."""
    return run_compare.compare_runs(session=session, principal=principal, run_id=run_id, baseline_id=baseline_id)


@router.get(
    "/{run_id}/compare/{baseline_id}/transcripts",
    response_model=list[CellTranscripts],
    summary="Per changed cell, the two runs' sessions side by side",
)
def compare_transcripts(
    run_id: str, baseline_id: str, principal: CurrentPrincipal, session: SessionDep
) -> list[CellTranscripts]:
    """Per changed cell (newly failing first): a session of each run (the repeat whose outcome
    changed, else the first), its transcript, and the verdict rows whose status changed."""
    return run_compare.changed_cell_transcripts(
        session=session, principal=principal, run_id=run_id, baseline_id=baseline_id
    )


@router.get(
    "/{run_id}/junit",
    summary="The run as JUnit XML",
    response_class=Response,
    responses={200: {"content": {"application/xml": {}}}},
)
def junit_report(run_id: str, principal: StreamPrincipal, session: SessionDep) -> Response:
    """Also accepts ?token= and the dashboard's cookie, so the run page's download link works."""
    document = run_reports.junit_report(session=session, principal=principal, run_id=run_id)
    return Response(
        document,
        media_type="application/xml",
        headers={"Content-Disposition": f'attachment; filename="mimic-run-{run_id}.xml"'},
    )


@router.get("/{run_id}/report", response_model=RunReport, summary="Every session's verdict and findings")
def run_report(run_id: str, principal: CurrentPrincipal, session: SessionDep) -> RunReport:
    """The run with, per session, the verdict per criterion, the findings, and the
    transcript of each session that did not pass (what `mimic test` writes its reports from)."""
    return run_reports.run_report(session=session, principal=principal, run_id=run_id)


@router.post(
    "/{run_id}/judgements",
    response_model=RunDetail,
    status_code=status.HTTP_202_ACCEPTED,
    summary="Judge every session of an ended run again",
    responses=error_responses(409),
)
async def rejudge_run(run_id: str, principal: CurrentPrincipal, data: JudgeRequest | None = None) -> RunDetail:
    """In the background: each session that ran to its end is judged again (`judgeModel`,
    `temperature`, `repeats`), then the matrix and statistics are restated, the previous
    figures kept in `summaryHistory`. `rejudge` follows the progress; `run.rejudged` is sent."""
    return await run_judging.start(principal=principal, run_id=run_id, data=data or JudgeRequest())
