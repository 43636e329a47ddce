"""A session's live feed for the SSE stream, the WebSocket and the dashboard: the messages
already stored (for a client that arrives late), then what the engine publishes, in order
and without repeats, ending with `complete`."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

from sqlmodel import Session

from app.db import get_engine
from app.engine.bus import bus
from app.models.session import TERMINAL_STATUSES
from app.services import accounts, sessions
from app.services.access import Principal

# An open stream re-checks its credential this often: a token signed out, a password changed
# or a membership removed ends it within this many seconds (a REST request, at once).
REVALIDATE_SECONDS = 5.0


@dataclass(frozen=True)
class FeedItem:
    type: str  # message | status | progress | finding | error | complete | heartbeat
    data: dict[str, Any]


def _catch_up(principal: Principal, session_id: str, after: int):
    with Session(get_engine(), expire_on_commit=False) as db:
        return sessions.catch_up(session=db, principal=principal, session_id=session_id, after_sequence=after)


def _stored_steps(principal: Principal, session_id: str) -> list[dict[str, Any]]:
    """A browser session's steps already stored, as the bus publishes them."""
    with Session(get_engine(), expire_on_commit=False) as db:
        events = sessions.list_events(session=db, principal=principal, session_id=session_id)
    # `replayed`: a client that loaded the session itself (the dashboard) skips these.
    return [{**e.model_dump(by_alias=True, mode="json"), "eventType": e.type, "replayed": True} for e in events]


def revalidate(credential: str, principal: Principal, session_id: str | None = None) -> Principal:
    """The caller again, from its credential: raises ServiceError when the token was revoked,
    the account deactivated, or (with `session_id`) the session is no longer theirs to see."""
    with Session(get_engine(), expire_on_commit=False) as db:
        again = accounts.authenticate(session=db, credential=credential, workspace_id=principal.workspace_id)
    if session_id is not None:
        check_access(again, session_id)
    return again


async def while_allowed(
    items: AsyncIterator[FeedItem], credential: str, principal: Principal, session_id: str
) -> AsyncIterator[FeedItem]:
    """`items`, for as long as the caller may still see the session (re-checked every
    REVALIDATE_SECONDS, off the event loop); a ServiceError ends the stream."""
    loop = asyncio.get_running_loop()
    queue: asyncio.Queue[FeedItem | None] = asyncio.Queue(maxsize=64)

    async def pump() -> None:
        async for item in items:
            await queue.put(item)
        await queue.put(None)

    pumping = asyncio.create_task(pump())
    next_check = loop.time() + REVALIDATE_SECONDS
    try:
        while True:
            try:
                item = await asyncio.wait_for(queue.get(), timeout=max(0.0, next_check - loop.time()))
            except TimeoutError:
                await asyncio.to_thread(revalidate, credential, principal, session_id)
                next_check = loop.time() + REVALIDATE_SECONDS
                continue
            if item is None:
                return
            yield item
    finally:
        pumping.cancel()


def check_access(principal: Principal, session_id: str) -> None:
    """Raises NotFound for a session outside the caller's workspace, before streaming starts."""
    # After INTEGER's largest value (PostgreSQL refuses a bigger one): reads no messages.
    _catch_up(principal, session_id, after=2**31 - 1)


async def session_feed(
    principal: Principal, session_id: str, *, heartbeat_s: float | None = None
) -> AsyncIterator[FeedItem]:
    async with bus.subscribe(session_id) as subscription:
        # Subscribed first, then read the store: nothing falls between the two.
        public, stored = await asyncio.to_thread(_catch_up, principal, session_id, 0)
        steps = await asyncio.to_thread(_stored_steps, principal, session_id)
        seen, seen_step = 0, max((s["sequence"] for s in steps), default=0)
        yield FeedItem("status", {"status": public.status, "messageCount": public.metadata.message_count})
        for message in stored:
            seen = message.sequence
            yield FeedItem("message", message.model_dump(by_alias=True, mode="json"))
        for step in steps:
            yield FeedItem("blocked_request" if step["type"] == "blocked_request" else "action", step)
        if public.status in TERMINAL_STATUSES:
            yield FeedItem("complete", _complete(public))
            return
        while True:
            event = await subscription.get(timeout=heartbeat_s)
            if event is None:
                yield FeedItem("heartbeat", {})
                continue
            if event.type in ("action", "blocked_request"):
                if event.data.get("sequence", seen_step + 1) <= seen_step:
                    continue  # already replayed from the store
            if event.type == "message":
                if event.data["sequence"] <= seen:
                    continue
                if event.data["sequence"] > seen + 1:  # fell behind the bus: read the gap back
                    _public, missing = await asyncio.to_thread(_catch_up, principal, session_id, seen)
                    for message in missing:
                        seen = message.sequence
                        yield FeedItem("message", message.model_dump(by_alias=True, mode="json"))
                    continue
                seen = event.data["sequence"]
            if event.type == "complete" and (event.data.get("messageCount") or 0) > seen:
                # A message published before this client subscribed and committed only with the
                # end (the persona's last, held for the write that follows it): read it back.
                _public, missing = await asyncio.to_thread(_catch_up, principal, session_id, seen)
                for message in missing:
                    seen = message.sequence
                    yield FeedItem("message", message.model_dump(by_alias=True, mode="json"))
            yield FeedItem(event.type, event.data)
            if event.type == "complete":
                return


def _complete(public) -> dict[str, Any]:
    duration = (public.metadata.duration_ms or 0) / 1000
    return {"status": public.status, "outcome": public.outcome, "reason": public.end_reason,
            "duration": duration, "messageCount": public.metadata.message_count}  # fmt: skip
