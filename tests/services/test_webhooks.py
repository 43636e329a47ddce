"""Webhooks at the service: a secret made when none is given and shown once, sealed at rest and
masked after, a mask sent back keeps it; a test delivery reaches a real endpoint signed with
that secret and is logged; bus events map to webhook events; admins only; another workspace's
webhook is not found."""

from __future__ import annotations

import asyncio
import json

import pytest

from app.engine.bus import BusEvent
from app.models.account import Role
from app.models.webhook import Webhook, WebhookCreate, WebhookUpdate
from app.services import crypto, webhooks
from app.services.errors import NotFound, PermissionDenied
from app.services.pagination import PageParams
from tests.services.lab import principal_of
from tests.support.webhooks import Receiver


def create(db, principal, url: str = "http://127.0.0.1:9/hook", **fields):
    data = WebhookCreate.model_validate({"url": url, "events": ["session.completed"], **fields})
    return webhooks.create_webhook(session=db, principal=principal, data=data)


def test_a_made_secret_is_shown_once_then_masked_and_a_mask_keeps_it(db, make_account) -> None:
    me = principal_of(make_account())
    created = create(db, me)
    assert created.secret_shown_once and created.secret.startswith("whsec_")
    row = db.get(Webhook, created.id)
    assert crypto.is_encrypted(row.secret) and created.secret not in row.secret
    assert webhooks.get_webhook(session=db, principal=me, webhook_id=created.id).secret == crypto.mask(created.secret)
    masked = webhooks.get_webhook(session=db, principal=me, webhook_id=created.id).secret
    webhooks.update_webhook(session=db, principal=me, webhook_id=created.id,
                            data=WebhookUpdate(secret=masked, description="CI"))  # fmt: skip
    assert crypto.decrypt(db.get(Webhook, created.id).secret) == created.secret
    given = create(db, me, secret="my-own-secret-value-1234")
    assert not given.secret_shown_once and given.secret == crypto.mask("my-own-secret-value-1234")


def test_a_test_delivery_is_signed_with_the_secret_and_logged(db, make_account) -> None:
    me = principal_of(make_account())
    with Receiver() as receiver:
        created = create(db, me, receiver.url)
        delivery = asyncio.run(webhooks.test_webhook(principal=me, webhook_id=created.id))
        [request] = receiver.requests
    assert (delivery.event, delivery.status, delivery.response_status) == ("webhook.test", "success", 200)
    headers = request["headers"]
    assert headers["x-mimic-event"] == "webhook.test" and headers["x-mimic-delivery"] == delivery.id
    expected = webhooks.signature(created.secret, headers["x-mimic-timestamp"], request["body"])
    assert headers["x-mimic-signature"] == expected
    assert json.loads(request["body"])["event"] == "webhook.test"
    logged = webhooks.list_deliveries(session=db, principal=me, webhook_id=created.id, params=PageParams())
    assert [d.id for d in logged.data] == [delivery.id]


def test_a_failing_endpoint_is_recorded_not_raised(db, make_account) -> None:
    me = principal_of(make_account())
    with Receiver(status=500) as receiver:
        created = create(db, me, receiver.url)
        delivery = asyncio.run(webhooks.test_webhook(principal=me, webhook_id=created.id))
    assert delivery.status == "failed" and delivery.response_status == 500 and delivery.attempts == 1


@pytest.mark.parametrize(
    ("event", "expected"),
    [
        (BusEvent("s", "w", "status", {"status": "running"}), ["session.started"]),
        (BusEvent("s", "w", "complete", {"status": "completed", "outcome": "failed"}),
         ["session.completed", "session.failed"]),
        (BusEvent("s", "w", "complete", {"status": "completed", "outcome": "passed"}), ["session.completed"]),
        (BusEvent("s", "w", "complete", {"status": "cancelled"}), ["session.cancelled"]),
        (BusEvent("s", "w", "complete", {"status": "error"}), ["session.error"]),
        (BusEvent("r", "w", "run", {"status": "completed", "belowThreshold": True}),
         ["run.completed", "run.below_threshold"]),
        (BusEvent("j", "w", "review", {}), ["review.completed"]),
        (BusEvent("s", "w", "message", {}), []),
    ],
)  # fmt: skip
def test_bus_events_stand_for_webhook_events(event, expected) -> None:
    assert webhooks.events_for(event) == expected


@pytest.mark.parametrize("role", [Role.viewer, Role.editor])
def test_only_admins_and_owners_manage_webhooks(db, make_account, role) -> None:
    owner = make_account()
    created = create(db, principal_of(owner))
    member = principal_of(make_account(join=owner, role=role))
    with pytest.raises(PermissionDenied):
        create(db, member)
    with pytest.raises(PermissionDenied):
        webhooks.list_webhooks(session=db, principal=member, params=PageParams())
    with pytest.raises(PermissionDenied):
        webhooks.delete_webhook(session=db, principal=member, webhook_id=created.id)
    admin = principal_of(make_account(join=owner, role=Role.admin))
    webhooks.delete_webhook(session=db, principal=admin, webhook_id=created.id)
    assert db.get(Webhook, created.id) is None


def test_another_workspaces_webhook_is_not_found(db, make_account) -> None:
    mine, theirs = principal_of(make_account()), principal_of(make_account())
    created = create(db, theirs)
    for call in (lambda: webhooks.get_webhook(session=db, principal=mine, webhook_id=created.id),
                 lambda: webhooks.update_webhook(session=db, principal=mine, webhook_id=created.id,
                                                 data=WebhookUpdate(active=False)),
                 lambda: webhooks.delete_webhook(session=db, principal=mine, webhook_id=created.id),
                 lambda: asyncio.run(webhooks.test_webhook(principal=mine, webhook_id=created.id))):  # fmt: skip
        with pytest.raises(NotFound):
            call()
    assert db.get(Webhook, created.id).active is True
    assert webhooks.list_webhooks(session=db, principal=mine, params=PageParams()).data == []
