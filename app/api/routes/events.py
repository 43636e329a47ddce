"""/api/events/{sessionId}: browser events, findings, and the live stream (SSE)."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from app.api.deps import CurrentPrincipal, SessionDep, StreamCredential, StreamPrincipal
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


def _sse(event: str, data: dict) -> str:
    return f"event: {event}\ndata: {json.dumps(data, separators=(',', ':'))}\n\n"


async def _stream(principal: Principal, credential: str, session_id: str) -> AsyncIterator[str]:
    yield _sse("connected", {"sessionId": session_id, "timestamp": int(time.time() * 1000)})
    feed = live.session_feed(principal, session_id, heartbeat_s=settings.sse_heartbeat_seconds)
    try:
        async for item in live.while_allowed(feed, credential, principal, session_id):
            if item.type == "heartbeat":
                yield _sse("heartbeat", {"timestamp": int(time.time() * 1000)})
            else:
                yield _sse("update", {"type": item.type, "data": item.data})
    except ServiceError as exc:  # signed out, password changed, removed from the workspace
        yield _sse("error", {"message": exc.message})


@router.get(
    "/{session_id}/stream",
    summary="Live updates (Server-Sent Events)",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def stream(session_id: str, principal: StreamPrincipal, credential: StreamCredential) -> StreamingResponse:
    """Events: `connected`, then `update` ({type: message | status | progress | finding | error |
    complete, data}) and `heartbeat`; the stream ends after `complete`, or with an `error` event
    once the credential is revoked or the caller loses the workspace. Accepts ?token=."""
    live.check_access(principal, session_id)
    return StreamingResponse(
        _stream(principal, credential, session_id),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
