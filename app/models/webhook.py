"""Outbound webhooks and the log of their deliveries."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Any

from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from app.models.base import created_at_field, id_field, json_field, timestamp_field, updated_at_field, workspace_fk


class DeliveryStatus(StrEnum):
    pending = "pending"
    success = "success"
    failed = "failed"


class Webhook(SQLModel, table=True):
    __table_args__ = (Index("ix_webhook_workspace_created", "workspace_id", "created_at"),)

    id: str = id_field()
    workspace_id: str = workspace_fk()
    url: str = Field(max_length=2000)
    description: str = Field(default="", sa_type=Text)
    events: list[str] = json_field(list)
    # Encrypted at rest, like agent secrets.
    secret: str = Field(sa_type=Text)
    active: bool = True
    created_by: str | None = Field(default=None, foreign_key="user.id", max_length=36, ondelete="SET NULL")
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()


class WebhookDelivery(SQLModel, table=True):
    __tablename__ = "webhook_delivery"
    __table_args__ = (
        Index("ix_webhook_delivery_webhook_created", "webhook_id", "created_at"),
        Index("ix_webhook_delivery_status_next", "status", "next_attempt_at"),
        Index("ix_webhook_delivery_workspace_created", "workspace_id", "created_at"),
    )

    id: str = id_field()
    workspace_id: str = workspace_fk()
    webhook_id: str = Field(foreign_key="webhook.id", max_length=36, ondelete="CASCADE")
    event: str = Field(max_length=60)
    payload: dict[str, Any] = json_field()
    status: str = Field(default=DeliveryStatus.pending, max_length=20)
    attempts: int = 0
    response_status: int | None = None
    response_body: str | None = Field(default=None, sa_type=Text)
    error: str | None = Field(default=None, sa_type=Text)
    next_attempt_at: datetime | None = timestamp_field()
    delivered_at: datetime | None = timestamp_field()
    created_at: datetime = created_at_field()
    updated_at: datetime = updated_at_field()
