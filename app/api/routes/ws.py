"""WebSocket /api/ws: subscribe to sessions by id; the server sends session_update,
new_message and session_end (and finding). Authenticate with ?token=, an Authorization
header, or the dashboard's cookie. A browser page of another site is refused (its Origin must
be the app's own, MIMIC_PUBLIC_URL's or one of MIMIC_ALLOWED_ORIGINS): it would otherwise ride
on the dashboard's cookie."""

from __future__ import annotations

import asyncio
import contextlib
import json

from fastapi import WebSocket, WebSocketDisconnect
from sqlmodel import Session

from app.api.deps import TOKEN_COOKIE
from app.api.routing import APIRouter
from app.db import get_engine
from app.services import accounts, live, origins
from app.services.access import Principal
from app.services.errors import ServiceError

router = APIRouter(tags=["websocket"])


def _credential(websocket: WebSocket) -> str:
    authorization = websocket.headers.get("authorization", "")
    credential = (
        websocket.query_params.get("token")
        or (authorization[7:] if authorization.lower().startswith("bearer ") else None)
        or websocket.headers.get("x-api-key")
        or websocket.cookies.get(TOKEN_COOKIE)
        or ""
    )
    return credential


def _principal(credential: str) -> Principal:
    with Session(get_engine()) as session:
        return accounts.authenticate(session=session, credential=credential)


def _frame(session_id: str, item: live.FeedItem) -> dict | None:
    if item.type == "message":
        return {"type": "new_message", "sessionId": session_id, "data": item.data}
    if item.type in ("status", "progress", "error"):
        return {"type": "session_update", "sessionId": session_id, "data": item.data}
    if item.type in ("finding", "finding_updated", "action", "blocked_request"):
        return {"type": item.type, "sessionId": session_id, "data": item.data}
    if item.type == "complete":
        return {"type": "session_end", "sessionId": session_id, "data": item.data}
    return None


@router.websocket("/api/ws")
async def websocket_endpoint(websocket: WebSocket) -> None:
    origin = websocket.headers.get("origin")
    if origin is not None and not origins.allowed(origin, host=websocket.headers.get("host", "")):
        await websocket.close(code=4403, reason="cross-origin connection refused")
        return
    credential = _credential(websocket)
    try:
        principal = await asyncio.to_thread(_principal, credential)
    except ServiceError as exc:
        await websocket.close(code=4401, reason=exc.message[:120])
        return
    await websocket.accept()
    send_lock = asyncio.Lock()
    feeds: dict[str, asyncio.Task] = {}

    async def send(frame: dict) -> None:
        async with send_lock:
            await websocket.send_text(json.dumps(frame))

    async def forward(session_id: str) -> None:
        async for item in live.session_feed(principal, session_id):
            frame = _frame(session_id, item)
            if frame is not None:
                await send(frame)

    async def watch() -> None:
        """Ends the connection once its credential is revoked, and a feed once its session is no
        longer the caller's to see (re-checked every live.REVALIDATE_SECONDS)."""
        while True:
            await asyncio.sleep(live.REVALIDATE_SECONDS)
            try:
                await asyncio.to_thread(live.revalidate, credential, principal)
            except ServiceError as exc:
                await websocket.close(code=4401, reason=exc.message[:120])
                return
            for session_id, task in list(feeds.items()):
                try:
                    await asyncio.to_thread(live.revalidate, credential, principal, session_id)
                except ServiceError as exc:
                    task.cancel()
                    feeds.pop(session_id, None)
                    await send({"type": "error", "sessionId": session_id, "data": {"message": exc.message}})

    watcher = asyncio.create_task(watch())
    try:
        while True:
            try:
                request = json.loads(await websocket.receive_text())
                kind, session_id = request.get("type"), str(request.get("sessionId", ""))
            except (json.JSONDecodeError, AttributeError):
                await send(
                    {"type": "error", "data": {"message": "send JSON: {type: subscribe|unsubscribe, sessionId}"}}
                )
                continue
            if kind == "subscribe" and session_id:
                try:
                    await asyncio.to_thread(live.check_access, principal, session_id)
                except ServiceError as exc:
                    await send({"type": "error", "sessionId": session_id, "data": {"message": exc.message}})
                    continue
                if session_id not in feeds or feeds[session_id].done():
                    feeds[session_id] = asyncio.create_task(forward(session_id))
                await send({"type": "subscribed", "sessionId": session_id})
            elif kind == "unsubscribe" and session_id:
                task = feeds.pop(session_id, None)
                if task:
                    task.cancel()
                await send({"type": "unsubscribed", "sessionId": session_id})
            elif kind == "ping":
                await send({"type": "pong"})
            else:
                await send({"type": "error", "data": {"message": f"unknown request type {kind!r}"}})
    except (WebSocketDisconnect, RuntimeError):  # RuntimeError: closed by the watcher meanwhile
        pass
    finally:
        watcher.cancel()
        for task in feeds.values():
            task.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await task
