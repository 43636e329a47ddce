"""/api/sessions: create, list, read, start, cancel, stop, export, the files a session stored,
re-judging it and reviewing its verdict."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query, Response, status
from fastapi.responses import FileResponse

from app.api.deps import CurrentPrincipal, SessionDep, StreamPrincipal
from app.api.errors import error_responses
from app.api.routing import APIRouter
from app.models.judgement import JudgementPublic, JudgeRequest, SessionVerdict
from app.models.pages import SessionPage
from app.models.review import ReviewCreate, ReviewPublic
from app.models.session import (
    ArtifactPublic,
    FindingPublic,
    SessionCreate,
    SessionDetail,
    SessionOutcome,
    SessionPublic,
    SessionState,
    SessionStatus,
    SessionStopped,
)
from app.services import (
    browser_pages,
    browser_sessions,
    judging,
    reviews,
    session_export,
    session_usage,
    sessions,
    units,
    verdicts,
)
from app.services.pagination import PageParams, Paginated
from app.services.session_usage import RoleUsage

router = APIRouter(prefix="/api/sessions", tags=["sessions"])


@router.post(
    "",
    response_model=SessionPublic,
    status_code=status.HTTP_201_CREATED,
    summary="Create a session",
    responses=error_responses(409),
)
async def create_session(data: SessionCreate, principal: CurrentPrincipal) -> SessionPublic:
    """A persona in front of an agent with an objective; `autoStart` starts it at once."""
    if data.auto_start:
        return await sessions.create_and_start(principal=principal, data=data)
    return await units.in_thread(sessions.create_session, principal=principal, data=data)


@router.get("", response_model=Paginated[SessionPublic], summary="List sessions")
def list_sessions(
    principal: CurrentPrincipal,
    session: SessionDep,
    params: Annotated[PageParams, Query()],
    status: SessionStatus | None = None,
    agent_id: Annotated[str | None, Query(alias="agentId")] = None,
    persona_id: Annotated[str | None, Query(alias="personaId")] = None,
    run_id: Annotated[str | None, Query(alias="runId")] = None,
    outcome: SessionOutcome | None = None,
) -> Paginated[SessionPublic]:
    return sessions.list_sessions(
        session=session, principal=principal, params=params, status=status, agent_id=agent_id,
        persona_id=persona_id, run_id=run_id, outcome=outcome,
    )  # fmt: skip


@router.get("/{session_id}", response_model=SessionDetail, summary="A session with its messages, verdict and findings")
def get_session(session_id: str, principal: CurrentPrincipal, session: SessionDep) -> SessionDetail:
    return sessions.get_session(session=session, principal=principal, session_id=session_id)


@router.get("/{session_id}/status", response_model=SessionState, summary="A session's state, without its transcript")
def get_session_state(session_id: str, principal: CurrentPrincipal, session: SessionDep) -> SessionState:
    """Status, outcome and counts in one light read: what a script polls."""
    return sessions.session_state(session=session, principal=principal, session_id=session_id)


@router.get("/{session_id}/wait", response_model=SessionState, summary="Wait for a session to end (long-poll)")
async def wait_for_session(
    session_id: str,
    principal: CurrentPrincipal,
    timeout: Annotated[float, Query(ge=0, le=60, description="Seconds to wait at most")] = 30,
) -> SessionState:
    """Answers as soon as the session has ended (`ended: true`), or after `timeout` seconds with
    its state then (`ended: false`: ask again). Nothing is read while it waits."""
    return await sessions.wait_for_session(principal, session_id, timeout)


@router.get(
    "/{session_id}/verdicts",
    response_model=SessionVerdict | None,
    summary="The session's verdict: criteria and checks, with evidence, blame, the judge model and prompt version",
)
def get_verdicts(session_id: str, principal: CurrentPrincipal, session: SessionDep) -> SessionVerdict | None:
    """The latest judgement's rows (null before the session was judged). A criterion: its
    status (met / not_met / inconclusive), reasoning, `evidenceMessageIds` (a browser
    session's: the ids of its steps), `blame` (agent,
    simulator, judge or infrastructure) and `source` (judge, or check when an objective check
    decided it); a check: the same, with `gating` (whether its failure fails the session)."""
    return verdicts.get_verdict(session=session, principal=principal, session_id=session_id)


@router.get(
    "/{session_id}/findings", response_model=list[FindingPublic], summary="The findings of the session's verdict"
)
def get_findings(session_id: str, principal: CurrentPrincipal, session: SessionDep) -> list[FindingPublic]:
    """The latest judgement's findings (source judge: the audit; source check: a deterministic
    check) and a browser session's measured and persona findings; `evidence.messageIds` cite
    the transcript, a browser session's judge findings cite its steps (`evidence.stepIds`,
    on the first one's `eventId` and `page`)."""
    return verdicts.list_findings(session=session, principal=principal, session_id=session_id)


@router.get("/{session_id}/judgements", response_model=list[JudgementPublic], summary="Every judgement of the session")
def list_judgements(session_id: str, principal: CurrentPrincipal, session: SessionDep) -> list[JudgementPublic]:
    """Newest first; the first is the session's verdict. Each names its judge model and prompt
    version, its outcome and blame, and the simulator check."""
    return verdicts.list_judgements(session=session, principal=principal, session_id=session_id)


@router.post(
    "/{session_id}/judgements",
    response_model=JudgementPublic,
    status_code=status.HTTP_201_CREATED,
    summary="Judge the stored session again, without replaying it",
    responses=error_responses(409),
)
async def rejudge_session(session_id: str, principal: CurrentPrincipal, data: JudgeRequest | None = None) -> Any:
    """The stored transcript, persona, objective and end judged by `judgeModel` (else the
    session's), with `repeats` independent judgements (majority per criterion, temperature
    above 0) when asked. Every judgement is kept (GET …/judgements); the new one becomes the
    session's verdict unless a human review overrides it, and the run's figures follow (the
    previous ones kept). A judge model that fails answers the judgement with status `error`
    and the verdict stays. 409 for a session that has not ended or cannot be judged again."""
    return await judging.rejudge_session(principal=principal, session_id=session_id, data=data or JudgeRequest())


@router.get("/{session_id}/reviews", response_model=list[ReviewPublic], summary="Human reviews of the verdict")
def list_reviews(session_id: str, principal: CurrentPrincipal, session: SessionDep) -> list[ReviewPublic]:
    """Newest first; the first overrides the judge's outcome."""
    return reviews.list_reviews(session=session, principal=principal, session_id=session_id)


@router.post(
    "/{session_id}/reviews",
    response_model=ReviewPublic,
    status_code=status.HTTP_201_CREATED,
    summary="Review the session's verdict",
    responses=error_responses(409),
)
def submit_review(
    session_id: str, data: ReviewCreate, principal: CurrentPrincipal, session: SessionDep
) -> ReviewPublic:
    """Every criterion met / not_met / inconclusive with a note (and whose it is), findings
    confirmed or dismissed, findings the judge missed added (with the messages that show
    them). The review's outcome overrides the judge's; audited; `review.completed` is sent."""
    return reviews.submit_review(session=session, principal=principal, session_id=session_id, data=data)


@router.post(
    "/{session_id}/start",
    response_model=SessionPublic,
    summary="Start a pending session",
    responses=error_responses(409),
)
async def start_session(session_id: str, principal: CurrentPrincipal) -> SessionPublic:
    return await sessions.start_session(principal=principal, session_id=session_id)


@router.post(
    "/{session_id}/rerun",
    response_model=SessionPublic,
    status_code=status.HTTP_201_CREATED,
    summary="Run the session again with the same settings",
    responses=error_responses(422),
)
async def rerun_session(session_id: str, principal: CurrentPrincipal) -> SessionPublic:
    """A new session, started at once, with the same agent, persona, objective, seed, limits
    and models (the ones the first session used); the first one is left as it was."""
    return await sessions.rerun_session(principal=principal, session_id=session_id)


@router.get("/{session_id}/usage", response_model=list[RoleUsage], summary="Tokens and cost per role")
def get_usage(session_id: str, principal: CurrentPrincipal, session: SessionDep) -> list[RoleUsage]:
    """Per role (simulator, agent, judge): the models it called, calls, tokens, cost in USD."""
    return session_usage.usage_by_role(session=session, principal=principal, session_id=session_id)


@router.post(
    "/{session_id}/cancel", response_model=SessionStopped, summary="Cancel a session", responses=error_responses(409)
)
async def cancel_session(session_id: str, principal: CurrentPrincipal) -> SessionStopped:
    return await sessions.cancel_session(principal=principal, session_id=session_id)


@router.delete(
    "/{session_id}",
    response_model=SessionStopped,
    summary="Stop a session (its transcript is kept)",
    responses=error_responses(409),
)
async def stop_session(session_id: str, principal: CurrentPrincipal) -> SessionStopped:
    return await sessions.cancel_session(principal=principal, session_id=session_id)


@router.get(
    "/{session_id}/export",
    summary="The session as JSON or Markdown",
    response_class=Response,
    responses={200: {"content": {"application/json": {}, "text/markdown": {}}}},
)
def export_session(
    session_id: str, principal: StreamPrincipal, session: SessionDep, format: Literal["json", "markdown"] = "json"
) -> Response:
    """A browser session's export also holds every step (action, target, reasoning, outcome, URL,
    timing) with its findings and files, and its pages. Also accepts ?token= and the dashboard's
    cookie, so a download link works."""
    document, media_type = session_export.export_session(
        session=session, principal=principal, session_id=session_id, fmt=format
    )
    extension = "json" if format == "json" else "md"
    return Response(
        document,
        media_type=media_type,
        headers={"Content-Disposition": f'attachment; filename="mimic-session-{session_id}.{extension}"'},
    )


@router.get(
    "/{session_id}/report",
    summary="A browser session's printable report (HTML, screenshots inline)",
    response_class=Response,
    responses={200: {"content": {"text/html": {}}}, **error_responses(422)},
)
def session_report(
    session_id: str, principal: StreamPrincipal, session: SessionDep, format: Literal["html"] = "html"
) -> Response:
    """Every step with its screenshot, the verdict and the findings by page, on one page to print
    or save as PDF. Also accepts ?token= and the dashboard's cookie, so a link opens it."""
    html = session_export.session_report(session=session, principal=principal, session_id=session_id)
    return Response(html, media_type="text/html; charset=utf-8")


@router.get("/{session_id}/pages", response_model=list[SessionPage], summary="A browser session's pages")
def list_pages(session_id: str, principal: CurrentPrincipal, session: SessionDep) -> list[SessionPage]:
    """The pages the persona went through (origin + path), in order, with the steps taken on
    each and its findings; a finding seen on several pages is listed on each."""
    return browser_pages.session_pages(session=session, principal=principal, session_id=session_id)


@router.get("/{session_id}/artifacts", response_model=list[ArtifactPublic], summary="A session's stored files")
def list_artifacts(
    session_id: str, principal: CurrentPrincipal, session: SessionDep, kind: str | None = None
) -> list[ArtifactPublic]:
    """Screenshots of a browser session's steps (with the event they belong to) and its trace."""
    return browser_sessions.list_artifacts(session=session, principal=principal, session_id=session_id, kind=kind)


@router.get(
    "/{session_id}/artifacts/{artifact_id}",
    summary="One stored file, with its content type",
    response_class=FileResponse,
    responses={200: {"content": {"image/jpeg": {}, "application/zip": {}, "audio/wav": {}}}},
)
def get_artifact(session_id: str, artifact_id: str, principal: StreamPrincipal, session: SessionDep) -> FileResponse:
    """Also accepts ?token= and the dashboard's cookie, so that an <img> can show a screenshot."""
    found = browser_sessions.artifact_file(
        session=session, principal=principal, session_id=session_id, artifact_id=artifact_id
    )
    disposition = "inline" if found.content_type.startswith(("image/", "audio/")) else "attachment"
    return FileResponse(
        found.path,
        media_type=found.content_type,
        filename=found.name,
        content_disposition_type=disposition,
        headers={"Cache-Control": "private, max-age=3600"},
    )
