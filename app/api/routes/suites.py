"""/api/suites: CRUD and duplicate (as the library resources), and POST /{id}/run."""

from typing import Annotated, Any

from fastapi import Query, status

from app.api.deps import CurrentPrincipal, SessionDep
from app.api.errors import error_responses
from app.api.routes.library import add_crud_routes
from app.api.routing import APIRouter
from app.models.suite import RunDetail, RunOverrides, SuiteCreate, SuitePublic, SuiteUpdate
from app.models.trends import SuiteTrend, ThresholdUpdate
from app.services import runs, suites, trends

router = APIRouter(prefix="/api/suites", tags=["suites"])


def _suite_filters(agent_id: Annotated[str | None, Query(alias="agentId")] = None) -> dict[str, Any]:
    return {"agent_id": agent_id}


add_crud_routes(
    router, label="suite", public=SuitePublic, create=SuiteCreate, update=SuiteUpdate, service=suites,
    list_filters=_suite_filters, delete_responses=error_responses(409),
)  # fmt: skip


@router.post(
    "/{suite_id}/run",
    response_model=RunDetail,
    status_code=status.HTTP_201_CREATED,
    summary="Start a run of the suite",
    responses=error_responses(409),
)
async def run_suite(suite_id: str, principal: CurrentPrincipal, overrides: RunOverrides | None = None) -> RunDetail:
    """Creates one session per cell and repeat and schedules them under the concurrency cap.
    Follow it with GET /api/runs/{id}; it ends (status completed) when its last session ends.
    An optional body overrides, for this run only, the repeats, the seed, or narrows the
    matrix to some of the suite's personas and objectives."""
    return await runs.start_run(principal=principal, suite_id=suite_id, overrides=overrides)


@router.get("/{suite_id}/trend", response_model=SuiteTrend, summary="The suite's pass rate over its runs")
def suite_trend(
    suite_id: str,
    principal: CurrentPrincipal,
    session: SessionDep,
    limit: Annotated[int, Query(ge=2, le=trends.MAX_TREND_RUNS, description="The latest runs to show")] = 30,
) -> SuiteTrend:
    """Per run, oldest first: the pass rate of judged sessions with its 95 % Wilson interval,
    the run's label (the agent's version), the threshold it was held to and whether it fell
    under it."""
    return trends.suite_trend(session=session, principal=principal, suite_id=suite_id, limit=limit)


@router.put("/{suite_id}/threshold", response_model=SuitePublic, summary="Set the suite's alert threshold")
def set_threshold(
    suite_id: str, data: ThresholdUpdate, principal: CurrentPrincipal, session: SessionDep
) -> SuitePublic:
    """The least pass rate of a run (config.thresholds.passRate; null removes it). A completed
    run under it is marked belowThreshold and fires the webhook event run.below_threshold."""
    return trends.set_threshold(session=session, principal=principal, suite_id=suite_id, data=data)
