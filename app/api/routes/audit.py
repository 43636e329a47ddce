"""/api/audit: the workspace's audit log, for owners and admins."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import Query

from app.api.deps import CurrentPrincipal, SessionDep
from app.api.errors import PATTERN_MESSAGES
from app.api.routing import APIRouter
from app.models.audit import AuditEventPublic
from app.services import audit
from app.services.errors import FieldError, ValidationFailed
from app.services.pagination import PageParams, Paginated

router = APIRouter(prefix="/api/audit", tags=["audit"])

# An ISO 8601 moment, as the document says and nothing else (a bare number is not a moment).
_MOMENT = (
    r"^[0-9]{4}-[0-9]{2}-[0-9]{2}"
    r"([Tt ][0-9]{2}:[0-9]{2}(:[0-9]{2}(\.[0-9]{1,6})?)?([Zz]|[+-][0-9]{2}:[0-9]{2})?)?$"
)

PATTERN_MESSAGES[_MOMENT] = "must be an ISO 8601 moment (2026-01-31 or 2026-01-31T09:30:00Z)"


def _moment(value: str | None, field: str) -> datetime | None:
    if value is None:
        return None
    try:
        return datetime.fromisoformat(value)
    except ValueError:
        raise ValidationFailed("Invalid request data", [FieldError(field, f"not a real moment: {value!r}")]) from None


@router.get("", response_model=Paginated[AuditEventPublic], summary="The audit log, newest first")
def list_events(
    principal: CurrentPrincipal,
    session: SessionDep,
    params: Annotated[PageParams, Query()],
    action: Annotated[str | None, Query(max_length=64, description="One of: " + ", ".join(audit.ACTIONS))] = None,
    actor_id: Annotated[str | None, Query(alias="actorId", max_length=36, description="The acting user's id")] = None,
    since: Annotated[
        str | None, Query(pattern=_MOMENT, description="From this moment, ISO 8601 (inclusive; UTC if no offset)")
    ] = None,
    until: Annotated[
        str | None, Query(pattern=_MOMENT, description="Up to this moment, ISO 8601 (inclusive; UTC if no offset)")
    ] = None,
) -> Paginated[AuditEventPublic]:
    """Sign-ins (good and failed), API keys made and revoked, invitations, role changes and
    removals, and deletions. Readable by owners and admins."""
    return audit.list_events(
        session=session, principal=principal, params=params, action=action, actor=actor_id,
        since=_moment(since, "since"), until=_moment(until, "until"),
    )  # fmt: skip
