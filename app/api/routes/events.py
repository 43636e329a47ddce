"""/api/events/{sessionId}: browser events, findings, and the live stream (SSE)."""

from __future__ import annotations

import json
import time
from collections.abc import AsyncIterator

from fastapi import APIRouter
from fastapi.responses import StreamingResponse

from app.api.deps import CurrentPrincipal, SessionDep, StreamPrincipal
from app.models.session import EventPublic, FindingPublic
from app.services import live, sessions
from app.services.access import Principal
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


async def _stream(principal: Principal, session_id: str) -> AsyncIterator[str]:
    yield _sse("connected", {"sessionId": session_id, "timestamp": int(time.time() * 1000)})
    async for item in live.session_feed(principal, session_id, heartbeat_s=settings.sse_heartbeat_seconds):
        if item.type == "heartbeat":
            yield _sse("heartbeat", {"timestamp": int(time.time() * 1000)})
        else:
            yield _sse("update", {"type": item.type, "data": item.data})


@router.get(
    "/{session_id}/stream",
    summary="Live updates (Server-Sent Events)",
    response_class=StreamingResponse,
    responses={200: {"content": {"text/event-stream": {}}}},
)
async def stream(session_id: str, principal: StreamPrincipal) -> StreamingResponse:
    """Events: `connected`, then `update` ({type: message | status | progress | finding | error |
    complete, data}) and `heartbeat`; the stream ends after `complete`. Accepts ?token=."""
    live.check_access(principal, session_id)
    return StreamingResponse(
        _stream(principal, session_id),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
