"""Outbound webhooks: CRUD, the signed deliveries and their log, and the dispatcher that
turns the engine's bus events into webhook events.

Each delivery is a POST of a JSON envelope {id, event, createdAt, workspaceId, data} with

    X-Mimic-Event:      the event name
    X-Mimic-Delivery:   the delivery id (the same on every retry: receivers dedupe on it)
    X-Mimic-Timestamp:  unix seconds when this attempt was signed
    X-Mimic-Signature:  "sha256=" + hex HMAC-SHA256(secret, timestamp + "." + body)

so a receiver can check the body came from Mimic and reject a replayed request by its
stale timestamp (README.md has the verifier). A 2xx answer delivers it; anything else is
retried with exponential backoff (10 s, 40 s, 160 s, 640 s: five attempts), and the next
attempt's time is stored, so a restarted backend carries on where the last one stopped.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import logging
import secrets
import time
import uuid
from collections import defaultdict
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

import httpx
from sqlalchemy import update
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, func, select

from app.db import session_scope
from app.engine.bus import ALL, BusEvent, bus
from app.models.base import new_id, utcnow
from app.models.calibration import CalibrationReport
from app.models.judgement import ConversationJudgement, Judgement, JudgementPublic
from app.models.review import Review, ReviewPublic
from app.models.session import SimSession
from app.models.suite import Run
from app.models.webhook import (
    ALL_EVENTS,
    WEBHOOK_EVENTS,
    DeliveryPublic,
    DeliveryStatus,
    Webhook,
    WebhookCreate,
    WebhookCreated,
    WebhookDelivery,
    WebhookEvents,
    WebhookPublic,
    WebhookUpdate,
)
from app.outbound import OutboundError, outbound_client, read_prefix
from app.services import audit, calibrations, conversations, crypto, runs, sessions, units, verdicts, webhook_events
from app.services.access import Permission, Principal, require
from app.services.errors import NotFound
from app.services.pagination import PageParams, Paginated, paginate
from app.services.webhook_events import JUDGING_EVENTS, events_for
from app.settings import VERSION, settings

logger = logging.getLogger("mimic.webhooks")

USER_AGENT = f"Mimic-Webhooks/{VERSION}"
SIGNATURE_HEADER = "X-Mimic-Signature"
TIMESTAMP_HEADER = "X-Mimic-Timestamp"
EVENT_HEADER = "X-Mimic-Event"
DELIVERY_HEADER = "X-Mimic-Delivery"
KEPT_RESPONSE_CHARS = 2000
_DELIVERY_NAMESPACE = uuid.UUID("5f0c1d52-6d1e-4c87-9a43-3e0f7b0a5a11")


# ---- signing ---------------------------------------------------------------------------------


def signature(secret: str, timestamp: str, body: bytes) -> str:
    digest = hmac.new(secret.encode(), timestamp.encode() + b"." + body, hashlib.sha256).hexdigest()
    return f"sha256={digest}"


def encode_body(payload: dict[str, Any]) -> bytes:
    return json.dumps(payload, separators=(",", ":"), ensure_ascii=False).encode()


def signed_headers(*, secret: str, event: str, delivery_id: str, body: bytes, now: float | None = None) -> dict:
    timestamp = str(int(now if now is not None else time.time()))
    return {
        "Content-Type": "application/json",
        "User-Agent": USER_AGENT,
        EVENT_HEADER: event,
        DELIVERY_HEADER: delivery_id,
        TIMESTAMP_HEADER: timestamp,
        SIGNATURE_HEADER: signature(secret, timestamp, body),
    }


# ---- CRUD ------------------------------------------------------------------------------------


def _secret_of(row: Webhook) -> str:
    try:
        return crypto.decrypt(row.secret)
    except ValueError:
        return ""


def to_public(row: Webhook) -> WebhookPublic:
    plain = _secret_of(row)
    return WebhookPublic(
        id=row.id, url=row.url, description=row.description, events=row.events,
        secret=crypto.mask(plain) if plain else crypto.UNREADABLE, active=row.active, created_at=row.created_at,
        updated_at=row.updated_at,
    )  # fmt: skip


def _row(session: Session, principal: Principal, webhook_id: str) -> Webhook:
    row = session.get(Webhook, webhook_id)
    if row is None or row.workspace_id != principal.workspace_id:
        raise NotFound("No such webhook")
    return row


def list_events() -> WebhookEvents:
    return WebhookEvents(events=list(WEBHOOK_EVENTS), descriptions=WEBHOOK_EVENTS)


def list_webhooks(*, session: Session, principal: Principal, params: PageParams) -> Paginated[WebhookPublic]:
    require(principal, Permission.manage_webhooks)
    query = (
        select(Webhook)
        .where(Webhook.workspace_id == principal.workspace_id)
        .order_by(col(Webhook.created_at).desc(), col(Webhook.id))
    )
    return paginate(session, query, params, to_public)


def get_webhook(*, session: Session, principal: Principal, webhook_id: str) -> WebhookPublic:
    require(principal, Permission.manage_webhooks)
    return to_public(_row(session, principal, webhook_id))


def create_webhook(*, session: Session, principal: Principal, data: WebhookCreate) -> WebhookCreated:
    require(principal, Permission.manage_webhooks)
    generated = data.secret is None or crypto.is_mask(data.secret)
    plain = f"whsec_{secrets.token_urlsafe(24)}" if generated else data.secret
    row = Webhook(
        workspace_id=principal.workspace_id, url=data.url, description=data.description, events=data.events,
        secret=crypto.encrypt(plain), active=data.active, created_by=principal.user_id,
    )  # fmt: skip
    session.add(row)
    session.commit()
    webhook_events.changed(principal.workspace_id)
    public = to_public(row).model_dump()
    if generated:
        public["secret"] = plain
    return WebhookCreated(**public, secret_shown_once=generated)


def _apply(row: Webhook, values: dict[str, Any]) -> None:
    for name, value in values.items():
        if name == "secret":
            if value is None or crypto.is_mask(value):
                continue  # left out, or the mask sent back: keep the stored secret
            value = crypto.encrypt(value)
        setattr(row, name, value)
    row.updated_at = utcnow()


def replace_webhook(*, session: Session, principal: Principal, webhook_id: str, data: WebhookCreate) -> WebhookPublic:
    require(principal, Permission.manage_webhooks)
    row = _row(session, principal, webhook_id)
    _apply(row, data.model_dump())
    session.commit()
    webhook_events.changed(principal.workspace_id)
    return to_public(row)


def update_webhook(*, session: Session, principal: Principal, webhook_id: str, data: WebhookUpdate) -> WebhookPublic:
    require(principal, Permission.manage_webhooks)
    row = _row(session, principal, webhook_id)
    _apply(row, {k: v for k, v in data.model_dump(exclude_unset=True).items() if v is not None})
    session.commit()
    webhook_events.changed(principal.workspace_id)
    return to_public(row)


def delete_webhook(*, session: Session, principal: Principal, webhook_id: str) -> None:
    """Deletes the webhook and its delivery log."""
    require(principal, Permission.manage_webhooks)
    row = _row(session, principal, webhook_id)
    audit.record(
        session, principal=principal, action="webhook.deleted", target_type="webhook", target_id=row.id,
        target_name=row.url, details={"events": list(row.events)},
    )  # fmt: skip
    session.delete(row)
    session.commit()
    webhook_events.changed(principal.workspace_id)


def delivery_public(row: WebhookDelivery) -> DeliveryPublic:
    return DeliveryPublic.model_validate(row, from_attributes=True)


def list_deliveries(
    *, session: Session, principal: Principal, webhook_id: str, params: PageParams, status: str | None = None
) -> Paginated[DeliveryPublic]:
    """The delivery log of one webhook, newest first."""
    require(principal, Permission.manage_webhooks)
    row = _row(session, principal, webhook_id)
    query = select(WebhookDelivery).where(WebhookDelivery.webhook_id == row.id)
    if status:
        query = query.where(WebhookDelivery.status == status)
    query = query.order_by(col(WebhookDelivery.created_at).desc(), col(WebhookDelivery.id))
    return paginate(session, query, params, delivery_public)


def delivery_counts(*, session: Session, principal: Principal) -> dict[str, dict[str, int]]:
    """{webhook id: {status: deliveries}} for the caller's workspace (the dashboard's list)."""
    require(principal, Permission.manage_webhooks)
    rows = session.exec(
        select(WebhookDelivery.webhook_id, WebhookDelivery.status, func.count())
        .where(WebhookDelivery.workspace_id == principal.workspace_id)
        .group_by(WebhookDelivery.webhook_id, WebhookDelivery.status)
    ).all()
    counts: dict[str, dict[str, int]] = defaultdict(dict)
    for webhook_id, status, total in rows:
        counts[webhook_id][status] = total
    return dict(counts)


def _envelope(delivery_id: str, event: str, workspace_id: str, data: dict[str, Any]) -> dict[str, Any]:
    return {"id": delivery_id, "event": event, "createdAt": utcnow().isoformat(), "workspaceId": workspace_id,
            "data": data}  # fmt: skip


def _test_delivery(*, session: Session, principal: Principal, webhook_id: str) -> _Attempt:
    """Records a `webhook.test` delivery (pending) and answers the attempt to make."""
    require(principal, Permission.manage_webhooks)
    row = _row(session, principal, webhook_id)
    delivery_id = new_id()
    data = {"message": "A test delivery from Mimic.", "webhookId": row.id}
    delivery = WebhookDelivery(
        id=delivery_id, workspace_id=row.workspace_id, webhook_id=row.id, event="webhook.test",
        payload=_envelope(delivery_id, "webhook.test", row.workspace_id, data), status=DeliveryStatus.pending,
    )  # fmt: skip
    session.add(delivery)
    session.commit()
    return _Attempt(delivery.id, row.id, row.url, _secret_of(row), delivery.event, delivery.payload, 0, 1)


def _delivery(*, session: Session, delivery_id: str) -> DeliveryPublic:
    return delivery_public(session.get(WebhookDelivery, delivery_id))


async def test_webhook(*, principal: Principal, webhook_id: str) -> DeliveryPublic:
    """Sends one `webhook.test` delivery now and answers how it went. A test is tried once:
    it is not retried. The database is used in worker threads, never while the request waits."""
    attempt = await units.in_thread(_test_delivery, principal=principal, webhook_id=webhook_id)
    async with outbound_client(timeout=dispatcher.timeout_seconds) as client:
        await dispatcher.send(client, attempt)
    return await units.in_thread(_delivery, delivery_id=attempt.delivery_id)


# ---- the dispatcher --------------------------------------------------------------------------


def _judging_data(db: Session, event: BusEvent) -> dict[str, Any]:
    d = event.data
    if event.type == "calibration":
        report = db.get(CalibrationReport, d["reportId"])
        return {"calibration": calibrations.to_public(report).model_dump(by_alias=True, mode="json") if report
                else {"id": d["reportId"]}}  # fmt: skip
    if event.type == "run_judgement":
        run = db.get(Run, d["runId"])
        public = runs.run_public(db, d["runId"])
        return {"run": public.model_dump(by_alias=True, mode="json") if public else {"id": d["runId"]},
                "previous": (run.summary_history[:1] or [None])[0] if run else None}  # fmt: skip
    if d.get("conversationJudgementId"):
        row = db.get(ConversationJudgement, d["conversationJudgementId"])
        return {"conversationJudgement": conversations.to_public(row).model_dump(by_alias=True, mode="json") if row
                else {"id": d["conversationJudgementId"]}}  # fmt: skip
    row = db.get(SimSession, d.get("sessionId"))
    data: dict[str, Any] = {"session": sessions.to_public(row).model_dump(by_alias=True, mode="json") if row
                            else {"id": d.get("sessionId")}}  # fmt: skip
    if event.type == "review":
        review = db.get(Review, d["reviewId"])
        data["review"] = ReviewPublic.model_validate(review).model_dump(by_alias=True, mode="json") if review else None
    else:
        judgement = db.get(Judgement, d["judgementId"])
        data["judgement"] = (
            JudgementPublic.model_validate(judgement).model_dump(by_alias=True, mode="json") if judgement else None
        )
    if row is not None:
        verdict = verdicts.session_verdict(db, row)
        data["verdict"] = verdict.model_dump(by_alias=True, mode="json") if verdict else None
    return data


def _event_data(db: Session, event: BusEvent) -> dict[str, Any]:
    if event.type in JUDGING_EVENTS:
        return _judging_data(db, event)
    if event.type == "run":
        public = runs.run_public(db, event.session_id)
        return {"run": public.model_dump(by_alias=True, mode="json") if public else {"id": event.session_id}}
    row = db.get(SimSession, event.session_id)
    data: dict[str, Any] = {
        "session": sessions.to_public(row).model_dump(by_alias=True, mode="json") if row else {"id": event.session_id}
    }
    if event.type == "finding":
        data["finding"] = event.data
    if event.type == "complete" and row is not None:
        # The verdict travels with the end: criteria and checks with evidence and blame, the judge's
        # model and prompt version, and the findings.
        verdict = verdicts.session_verdict(db, row)
        data["verdict"] = verdict.model_dump(by_alias=True, mode="json") if verdict else None
        findings = verdicts.current_findings(db, row.id, verdict.judgement_id if verdict else None)
        data["findings"] = [f.model_dump(by_alias=True, mode="json") for f in findings]
    return data


@dataclass(frozen=True)
class _Attempt:
    delivery_id: str
    webhook_id: str
    url: str
    secret: str
    event: str
    payload: dict[str, Any]
    attempts: int  # made before this one
    max_attempts: int


class WebhookDispatcher:
    """Listens to every session's and run's events on the bus (the ALL channel), records a
    delivery per subscribed webhook, and sends the due deliveries (`run`, a chore of every
    backend from its start-up: pending retries carry on after a restart)."""

    def __init__(self) -> None:
        # MIMIC_WEBHOOK_*: the n-th retry waits base x factor^(n-1) seconds (10 s, 40 s, 160 s...).
        self.retry_base_seconds = settings.webhook_retry_base_seconds
        self.retry_factor = settings.webhook_retry_factor
        self.max_attempts = settings.webhook_max_attempts
        self.timeout_seconds = settings.webhook_timeout_seconds
        # A claimed delivery is not claimed again for this long (it covers the attempt itself).
        self.claim_seconds = settings.webhook_claim_seconds

    async def run(self) -> None:
        """A chore of every backend (app/services/lifecycle.py): records the deliveries of the
        events it hears and sends the due ones until it is cancelled. Several backends may run
        it at once: a delivery's id is the same in each, and sending claims it first."""
        wake = asyncio.Event()
        listener = asyncio.get_running_loop().create_task(self._listen(wake), name="webhook-listener")
        try:
            await self._deliver_forever(wake)
        finally:
            listener.cancel()
            await asyncio.gather(listener, return_exceptions=True)

    def retry_delay(self, attempts: int) -> float:
        """Seconds before the next try, after `attempts` failed ones."""
        return self.retry_base_seconds * self.retry_factor ** (attempts - 1)

    # -- from bus events to deliveries ---------------------------------------------------------

    async def _listen(self, wake: asyncio.Event) -> None:
        async with bus.subscribe(ALL, webhook_events.BUS_EVENTS) as subscription:
            async for event in subscription:
                if event.type == webhook_events.WEBHOOKS_CHANGED:
                    webhook_events.forget(event.workspace_id)
                    continue
                names = events_for(event)
                if not names or not await webhook_events.wanted(event.workspace_id, names):
                    continue
                try:
                    created = await asyncio.to_thread(self._record_event, event, names)
                except IntegrityError:  # another backend recorded the same deliveries first
                    continue
                except Exception:
                    logger.exception("recording webhook deliveries for %s failed", event.type)
                    continue
                if created:
                    wake.set()

    def _record_event(self, event: BusEvent, names: list[str]) -> int:
        with session_scope() as db:
            hooks = db.exec(
                select(Webhook).where(Webhook.workspace_id == event.workspace_id, col(Webhook.active).is_(True))
            ).all()
            wanted = [
                (hook, name) for hook in hooks for name in names if name in hook.events or ALL_EVENTS in hook.events
            ]
            if not wanted:
                return 0
            data = _event_data(db, event)
            now = utcnow()
            for hook, name in wanted:
                # The same id in every backend that hears this event (with several backend
                # workers each one does): the first insert wins, the others change nothing.
                delivery_id = str(uuid.uuid5(_DELIVERY_NAMESPACE, f"{hook.id}:{name}:{event.id}"))
                if db.get(WebhookDelivery, delivery_id) is not None:
                    continue
                db.add(
                    WebhookDelivery(
                        id=delivery_id, workspace_id=event.workspace_id, webhook_id=hook.id, event=name,
                        payload=_envelope(delivery_id, name, event.workspace_id, data),
                        status=DeliveryStatus.pending, next_attempt_at=now, created_at=now, updated_at=now,
                    )
                )  # fmt: skip
        return len(wanted)

    # -- sending -------------------------------------------------------------------------------

    async def deliver_due(self, client: httpx.AsyncClient) -> int:
        """Sends every delivery that is due (new ones, retries whose time has come, and those
        a stopped process left behind); returns how many were tried."""
        due = await asyncio.to_thread(self._claim_due)
        by_webhook: dict[str, list[_Attempt]] = defaultdict(list)
        for attempt in due:
            by_webhook[attempt.webhook_id].append(attempt)
        # In order within one webhook, side by side across webhooks.
        await asyncio.gather(*(self._send_in_order(client, group) for group in by_webhook.values()))
        return len(due)

    async def _deliver_forever(self, wake: asyncio.Event) -> None:
        # Deliveries go only where the outbound policy allows (each connection is checked).
        async with outbound_client(timeout=self.timeout_seconds) as client:
            while True:
                try:
                    if await self.deliver_due(client):
                        continue
                except Exception:
                    logger.exception("sending due webhook deliveries failed")
                try:
                    pause = await asyncio.to_thread(self._seconds_to_next)
                except Exception:
                    pause = 5.0
                try:
                    await asyncio.wait_for(wake.wait(), timeout=pause)
                except TimeoutError:
                    pass
                wake.clear()

    async def _send_in_order(self, client: httpx.AsyncClient, attempts: list[_Attempt]) -> None:
        for attempt in attempts:
            await self.send(client, attempt)

    def _claim_due(self, limit: int = 50) -> list[_Attempt]:
        """Due deliveries, each claimed for `claim_seconds` (so that another process or a slow
        attempt does not send it twice)."""
        with session_scope() as db:
            now = utcnow()
            rows = db.exec(
                select(WebhookDelivery)
                .where(WebhookDelivery.status == DeliveryStatus.pending, col(WebhookDelivery.next_attempt_at) <= now)
                .order_by(col(WebhookDelivery.created_at), col(WebhookDelivery.id))
                .limit(limit)
            ).all()
            claimed: list[_Attempt] = []
            hooks: dict[str, Webhook | None] = {}
            for row in rows:
                taken = db.execute(
                    update(WebhookDelivery)
                    .where(
                        col(WebhookDelivery.id) == row.id,
                        col(WebhookDelivery.status) == DeliveryStatus.pending,
                        col(WebhookDelivery.next_attempt_at) == row.next_attempt_at,
                    )
                    .values(next_attempt_at=now + timedelta(seconds=self.claim_seconds))
                    .execution_options(synchronize_session=False)
                )
                if taken.rowcount != 1:
                    continue
                if row.webhook_id not in hooks:
                    hooks[row.webhook_id] = db.get(Webhook, row.webhook_id)
                hook = hooks[row.webhook_id]
                if hook is None or not hook.active:
                    db.execute(
                        update(WebhookDelivery)
                        .where(col(WebhookDelivery.id) == row.id)
                        .values(status=DeliveryStatus.failed, next_attempt_at=None, error="the webhook is inactive",
                                updated_at=now)
                        .execution_options(synchronize_session=False)
                    )  # fmt: skip
                    continue
                claimed.append(
                    _Attempt(row.id, hook.id, hook.url, _secret_of(hook), row.event, row.payload, row.attempts,
                             self.max_attempts)
                )  # fmt: skip
        return claimed

    def _seconds_to_next(self) -> float:
        with session_scope() as db:
            nearest = db.exec(
                select(func.min(WebhookDelivery.next_attempt_at)).where(
                    WebhookDelivery.status == DeliveryStatus.pending
                )
            ).one()
        if nearest is None:
            return 30.0
        if nearest.tzinfo is None:  # an aggregate comes back as SQLite stored it
            from datetime import UTC

            nearest = nearest.replace(tzinfo=UTC)
        return min(30.0, max(0.01, (nearest - utcnow()).total_seconds()))

    async def send(self, client: httpx.AsyncClient, attempt: _Attempt) -> bool:
        """One attempt: POST the signed body, then record the answer (and the retry, if any)."""
        body = encode_body(attempt.payload)
        headers = signed_headers(secret=attempt.secret, event=attempt.event, delivery_id=attempt.delivery_id, body=body)
        status_code: int | None = None
        response_body: str | None = None
        error: str | None = None
        try:
            # Only the start of the receiver's answer is kept, so only that much is read.
            async with client.stream("POST", attempt.url, content=body, headers=headers) as response:
                kept = await read_prefix(response, KEPT_RESPONSE_CHARS * 4)
            status_code = response.status_code
            response_body = kept.decode(response.encoding or "utf-8", errors="replace")[:KEPT_RESPONSE_CHARS]
            if not 200 <= status_code < 300:
                error = f"HTTP {status_code}"
        except httpx.HTTPError as exc:
            error = f"{type(exc).__name__}: {exc}"[:500] if str(exc) else type(exc).__name__
        except OutboundError as exc:
            error = f"{exc.kind}: {exc.message}"[:500]
        await asyncio.to_thread(self._record_attempt, attempt, status_code, response_body, error)
        return error is None

    def _record_attempt(self, attempt: _Attempt, status_code: int | None, body: str | None, error: str | None) -> None:
        with session_scope() as db:
            row = db.get(WebhookDelivery, attempt.delivery_id)
            if row is None:  # the webhook was deleted meanwhile
                return
            now = utcnow()
            row.attempts = attempt.attempts + 1
            row.response_status, row.response_body, row.error, row.updated_at = status_code, body, error, now
            if error is None:
                row.status, row.delivered_at, row.next_attempt_at = DeliveryStatus.success, now, None
            elif row.attempts >= attempt.max_attempts:
                row.status, row.next_attempt_at = DeliveryStatus.failed, None
            else:
                row.status = DeliveryStatus.pending
                row.next_attempt_at = now + timedelta(seconds=self.retry_delay(row.attempts))


dispatcher = WebhookDispatcher()
