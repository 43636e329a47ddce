"""/api/webhooks: CRUD, the event names, a test delivery and the delivery log."""

from __future__ import annotations

from typing import Annotated, Literal

from fastapi import Query, Response, status

from app.api.deps import CurrentPrincipal, SessionDep
from app.api.routing import APIRouter
from app.models.webhook import (
    DeliveryPublic,
    WebhookCreate,
    WebhookCreated,
    WebhookEvents,
    WebhookPublic,
    WebhookUpdate,
)
from app.services import webhooks
from app.services.pagination import PageParams, Paginated

router = APIRouter(prefix="/api/webhooks", tags=["webhooks"])


@router.get("/events", response_model=WebhookEvents, summary="The events a webhook can subscribe to")
def list_events(principal: CurrentPrincipal) -> WebhookEvents:
    return webhooks.list_events()


@router.get("", response_model=Paginated[WebhookPublic], summary="List webhooks")
def list_webhooks(
    principal: CurrentPrincipal, session: SessionDep, params: Annotated[PageParams, Query()]
) -> Paginated[WebhookPublic]:
    return webhooks.list_webhooks(session=session, principal=principal, params=params)


@router.post("", response_model=WebhookCreated, status_code=status.HTTP_201_CREATED, summary="Create a webhook")
def create_webhook(data: WebhookCreate, principal: CurrentPrincipal, session: SessionDep) -> WebhookCreated:
    """Without `secret`, one is made and shown once in the answer."""
    return webhooks.create_webhook(session=session, principal=principal, data=data)


@router.get("/{webhook_id}", response_model=WebhookPublic, summary="Get a webhook")
def get_webhook(webhook_id: str, principal: CurrentPrincipal, session: SessionDep) -> WebhookPublic:
    return webhooks.get_webhook(session=session, principal=principal, webhook_id=webhook_id)


@router.put("/{webhook_id}", response_model=WebhookPublic, summary="Replace a webhook")
def replace_webhook(
    webhook_id: str, data: WebhookCreate, principal: CurrentPrincipal, session: SessionDep
) -> WebhookPublic:
    """Leaving `secret` out (or sending the mask back) keeps the stored secret."""
    return webhooks.replace_webhook(session=session, principal=principal, webhook_id=webhook_id, data=data)


@router.patch("/{webhook_id}", response_model=WebhookPublic, summary="Change part of a webhook")
def update_webhook(
    webhook_id: str, data: WebhookUpdate, principal: CurrentPrincipal, session: SessionDep
) -> WebhookPublic:
    return webhooks.update_webhook(session=session, principal=principal, webhook_id=webhook_id, data=data)


@router.delete("/{webhook_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Delete a webhook and its log")
def delete_webhook(webhook_id: str, principal: CurrentPrincipal, session: SessionDep) -> Response:
    webhooks.delete_webhook(session=session, principal=principal, webhook_id=webhook_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/{webhook_id}/test", response_model=DeliveryPublic, summary="Send a test delivery now")
async def test_webhook(webhook_id: str, principal: CurrentPrincipal) -> DeliveryPublic:
    """One signed `webhook.test` delivery, tried once; the answer says how it went."""
    return await webhooks.test_webhook(principal=principal, webhook_id=webhook_id)


@router.get("/{webhook_id}/deliveries", response_model=Paginated[DeliveryPublic], summary="The webhook's delivery log")
def list_deliveries(
    webhook_id: str,
    principal: CurrentPrincipal,
    session: SessionDep,
    params: Annotated[PageParams, Query()],
    status: Literal["pending", "success", "failed"] | None = None,
) -> Paginated[DeliveryPublic]:
    return webhooks.list_deliveries(
        session=session, principal=principal, webhook_id=webhook_id, params=params, status=status
    )
