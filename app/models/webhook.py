"""Outbound webhooks and the log of their deliveries."""

from __future__ import annotations

from datetime import datetime
from enum import StrEnum
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator
from pydantic import Field as PydanticField
from sqlalchemy import Index, Text
from sqlmodel import Field, SQLModel

from app.models.base import (
    PATTERN_MESSAGES,
    CamelModel,
    created_at_field,
    id_field,
    json_field,
    timestamp_field,
    updated_at_field,
    workspace_fk,
)


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


# ---- API schemas -------------------------------------------------------------------------

# Every event a webhook can subscribe to ("*" subscribes to all of them).
WEBHOOK_EVENTS: dict[str, str] = {
    "session.started": "A session began running.",
    "session.completed": "A session ended with a verdict (data.session.outcome: passed, failed, inconclusive or "
    "simulator_error; data.session.blame; data.verdict: criteria and checks with evidence and blame, the judge "
    "model and prompt version; data.findings).",
    "session.failed": "A session ended with the outcome failed: the agent did not meet the objective.",
    "session.error": "A session ended on an infrastructure error (target, simulator or judge).",
    "session.cancelled": "A session was stopped or cancelled.",
    "finding.created": "The judge recorded a finding.",
    "run.started": "A suite run began: its sessions are scheduled.",
    "run.completed": "A suite run ended; data.run carries its pass rate, interval and pass^k.",
    "run.cancelled": "A suite run was cancelled.",
    "run.below_threshold": "A suite run completed with a pass rate under its suite's threshold "
    "(config.thresholds.passRate); data.run carries its pass rate, threshold and label, as run.completed does.",
    "judgement.completed": "A judgement was stored: a re-judge of a session (data.judgement with its judge model, "
    "prompt version, settings, trigger and status; data.session; data.verdict) or a conversation judged through POST "
    "/api/judgements (data.conversationJudgement).",
    "run.rejudged": "A whole run was judged again; data.run carries its restated figures and data.previous the "
    "figures before.",
    "review.completed": "A human reviewed a session's verdict (data.review: per criterion status and note, the "
    "findings confirmed, dismissed and added, the outcome it gives; data.session).",
    "calibration.completed": "A calibration report ended (data.calibration: status, judge model, prompt version, "
    "accuracy, kappa and every figure).",
    "webhook.test": "A test delivery, sent by POST /api/webhooks/{id}/test (whatever the subscription).",
}
ALL_EVENTS = "*"


def _valid_url(value: str) -> str:
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in ("http", "https") or not parts.hostname:
        raise ValueError("must be an http:// or https:// URL")
    return value


def _valid_events(value: list[str]) -> list[str]:
    events = list(dict.fromkeys(e.strip() for e in value if e.strip()))
    unknown = [e for e in events if e != ALL_EVENTS and e not in WEBHOOK_EVENTS]
    if unknown:
        raise ValueError(f"unknown events: {', '.join(unknown)} (see GET /api/webhooks/events)")
    if not events:
        raise ValueError("name at least one event")
    return events


# The OpenAPI document says what the validators check: an http(s) URL with a host, and events
# from the list (or "*"), at least one.
_URL_PATTERN = "^[ \t\n\r]*https?://([^/?#@ ]*@)?[^/?#@:\\[\\] \t\n\r]+(:[0-9]*)?([/?#]|$)"
PATTERN_MESSAGES[_URL_PATTERN] = "must be an http:// or https:// URL"
WebhookUrl = Annotated[
    str, PydanticField(max_length=2000, json_schema_extra={"pattern": _URL_PATTERN}), AfterValidator(_valid_url)
]
EventList = Annotated[
    list[Annotated[str, PydanticField(max_length=60, json_schema_extra={"enum": [*WEBHOOK_EVENTS, ALL_EVENTS]})]],
    PydanticField(max_length=50, json_schema_extra={"minItems": 1}),
    AfterValidator(_valid_events),
]
Secret = Annotated[str, PydanticField(min_length=8, max_length=500)]


class WebhookCreate(CamelModel):
    url: WebhookUrl
    events: EventList
    # Made for you when left out, and then shown once in the answer. Sending the masked
    # value back (as a GET shows it) keeps the stored secret.
    secret: Secret | None = None
    description: str = PydanticField(default="", max_length=2000)
    active: bool = True


class WebhookUpdate(CamelModel):
    url: WebhookUrl | None = None
    events: EventList | None = None
    secret: Secret | None = None
    description: str | None = PydanticField(default=None, max_length=2000)
    active: bool | None = None


class WebhookPublic(CamelModel):
    """`secret` is masked: the last 4 characters at most."""

    id: str
    url: str
    description: str
    events: list[str]
    secret: str
    active: bool
    created_at: datetime
    updated_at: datetime


class WebhookCreated(WebhookPublic):
    # True when Mimic made the secret: `secret` then holds it in full, this once.
    secret_shown_once: bool = False


class WebhookEvents(CamelModel):
    events: list[str]
    descriptions: dict[str, str]


class DeliveryPublic(CamelModel):
    id: str
    webhook_id: str
    event: str
    status: str
    attempts: int
    response_status: int | None
    response_body: str | None
    error: str | None
    next_attempt_at: datetime | None
    delivered_at: datetime | None
    created_at: datetime
    updated_at: datetime
    payload: dict[str, Any]
