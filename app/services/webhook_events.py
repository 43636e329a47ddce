"""From the event bus to webhooks: which bus events stand for which webhook events, and which
workspaces have an active webhook that wants them (remembered, so that most events cost no
database read)."""

from __future__ import annotations

import asyncio
import time

from sqlmodel import col, select

from app.db import session_scope
from app.engine.bus import BusEvent, bus
from app.models.webhook import ALL_EVENTS, Webhook

# What each workspace's active webhooks listen to, as this backend's dispatcher last read it:
# most bus events (a session starting, a finding) belong to a workspace with no webhook for
# them, and finding that out cost a thread trip and a query per event. A change to a webhook
# drops its workspace's entry here at once and, over the bus, in every other backend; an entry
# is read again after HOOKS_TTL_S in any case (a lost bus message cannot hide a webhook longer).
HOOKS_TTL_S = 10.0
WEBHOOKS_CHANGED = "webhooks_changed"
_listening: dict[str, tuple[float, frozenset[str]]] = {}
_changes: dict[str, int] = {}  # changes heard per workspace: a read begun before one is not kept


def forget(workspace_id: str) -> None:
    _listening.pop(workspace_id, None)
    _changes[workspace_id] = _changes.get(workspace_id, 0) + 1


def changed(workspace_id: str) -> None:
    """After a webhook of the workspace was made, changed or deleted (committed)."""
    forget(workspace_id)
    bus.publish(BusEvent(f"webhooks:{workspace_id}", workspace_id, WEBHOOKS_CHANGED, {}))


def _wanted_names(workspace_id: str) -> frozenset[str]:
    with session_scope() as db:
        hooks = db.exec(
            select(Webhook.events).where(Webhook.workspace_id == workspace_id, col(Webhook.active).is_(True))
        ).all()
    return frozenset(name for events in hooks for name in events)


async def wanted(workspace_id: str, names: list[str]) -> bool:
    """Whether an active webhook of the workspace may want one of these events (as last
    read; read again when unknown or older than HOOKS_TTL_S)."""
    now = time.monotonic()
    known = _listening.get(workspace_id)
    if known is None or now - known[0] > HOOKS_TTL_S:
        changes = _changes.get(workspace_id, 0)
        known = (now, await asyncio.to_thread(_wanted_names, workspace_id))
        if _changes.get(workspace_id, 0) == changes:
            _listening[workspace_id] = known
    return ALL_EVENTS in known[1] or any(name in known[1] for name in names)


def events_for(event: BusEvent) -> list[str]:
    """The webhook events that one bus event stands for."""
    status = event.data.get("status")
    if event.type == "status" and status == "running":
        return ["session.started"]
    if event.type == "finding":
        return ["finding.created"]
    if event.type == "complete":
        if status == "completed":
            return (
                ["session.completed", "session.failed"]
                if event.data.get("outcome") == "failed"
                else ["session.completed"]
            )
        return ["session.cancelled"] if status == "cancelled" else ["session.error"]
    if event.type == "run":
        names = {"running": ["run.started"], "completed": ["run.completed"], "cancelled": ["run.cancelled"]}.get(
            status, []
        )
        return [*names, "run.below_threshold"] if event.data.get("belowThreshold") else names
    return list(JUDGING_EVENTS.get(event.type, ()))


# Judging events (app/services/judging.py publishes them) -> webhook events.
JUDGING_EVENTS = {"judgement": ("judgement.completed",), "review": ("review.completed",),
                  "calibration": ("calibration.completed",), "run_judgement": ("run.rejudged",)}  # fmt: skip


# The bus events that events_for can name (a message or a progress note never is one), and the
# change of a webhook, which drops what the dispatcher knew of its workspace.
BUS_EVENTS = frozenset({"status", "finding", "complete", "run", *JUDGING_EVENTS, WEBHOOKS_CHANGED})
