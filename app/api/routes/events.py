"""/api/events/{sessionId}: browser events, findings, and the live stream (SSE)."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator

from sse_starlette import EventSourceResponse, ServerSentEvent

from app.api.deps import CurrentPrincipal, SessionDep, StreamCredential, StreamPrincipal
from app.api.routing import APIRouter
from app.models.session import EventPublic, FindingPublic
from app.services import live, sessions
from app.services.access import Principal
from app.services.errors import ServiceError
from app.settings import settings

router = APIRouter(prefix="/api/events", tags=["events"])


@router.get("/{session_id}", response_model=list[EventPublic], summary="A session's events, in order")
def list_events(session_id: str, principal: CurrentPrincipal, session: SessionDep) -> list[EventPublic]:
    return sessions.list_events(session=session, principal=principal, session_id=session_id)


@router.get("/{session_id}/findings", response_model=list[FindingPublic], summary="A session's findings")
def list_findings(session_id: str, principal: CurrentPrincipal, session: SessionDep) -> list[FindingPublic]:
    return sessions.list_findings(session=session, principal=principal, session_id=session_id)


def _event(event: str, data: dict) -> ServerSentEvent:
    return ServerSentEvent(event=event, data=json.dumps(data, separators=(",", ":")))


def _heartbeat() -> ServerSentEvent:
    return _event("heartbeat", {"timestamp": int(time.time() * 1000)})


async def _stream(principal: Principal, credential: str, session_id: str) -> AsyncIterator[ServerSentEvent]:
    yield _event("connected", {"sessionId": session_id, "timestamp": int(time.time() * 1000)})
    feed = live.session_feed(principal, session_id, heartbeat_s=settings.sse_heartbeat_seconds)
    try:
        async for item in live.while_allowed(feed, credential, principal, session_id):
            # The feed's own heartbeats re-check the credential; the response pings the client.
            if item.type != "heartbeat":
                yield _event("update", {"type": item.type, "data": item.data})
    except ServiceError as exc:  # signed out, password changed, removed from the workspace
        yield _event("error", {"message": exc.message})


@router.get(
    "/{session_id}/stream",
    summary="Live updates (Server-Sent Events)",
    response_class=EventSourceResponse,
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def stream(session_id: str, principal: StreamPrincipal, credential: StreamCredential) -> EventSourceResponse:
    """Events: `connected`, then `update` ({type: message | status | progress | finding | error |
    complete, data}) and `heartbeat`; the stream ends after `complete`, or with an `error` event
    once the credential is revoked or the caller loses the workspace. Accepts ?token=."""
    live.check_access(principal, session_id)
    # sse-starlette: framing, the heartbeat on its own clock, and the stream closed when the
    # client goes or the server shuts down.
    return EventSourceResponse(
        _stream(principal, credential, session_id),
        ping=settings.sse_heartbeat_seconds,
        ping_message_factory=_heartbeat,
        sep="\n",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
