"""/api/audit: the workspace's audit log, for owners and admins."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated

from fastapi import APIRouter, Query

from app.api.deps import CurrentPrincipal, SessionDep
from app.models.audit import AuditEventPublic
from app.services import audit
from app.services.pagination import PageParams, Paginated

router = APIRouter(prefix="/api/audit", tags=["audit"])


@router.get("", response_model=Paginated[AuditEventPublic], summary="The audit log, newest first")
def list_events(
    principal: CurrentPrincipal,
    session: SessionDep,
    params: Annotated[PageParams, Query()],
    action: Annotated[str | None, Query(max_length=64, description="One of: " + ", ".join(audit.ACTIONS))] = None,
    actor_id: Annotated[str | None, Query(alias="actorId", max_length=36, description="The acting user's id")] = None,
    since: Annotated[datetime | None, Query(description="From this moment (inclusive; UTC if no offset)")] = None,
    until: Annotated[datetime | None, Query(description="Up to this moment (inclusive; UTC if no offset)")] = None,
) -> Paginated[AuditEventPublic]:
    """Sign-ins (good and failed), API keys made and revoked, invitations, role changes and
    removals, and deletions. Readable by owners and admins."""
    return audit.list_events(
        session=session, principal=principal, params=params, action=action, actor=actor_id, since=since, until=until
    )
