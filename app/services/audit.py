"""The audit log: sign-ins, API keys, members and invitations, deletions, and the judging
of verdicts (re-judges, reviews, calibration sets and runs, judging settings).

`record` only adds the entry to the caller's database session: it is committed with the
change it records, and a change rolled back leaves no entry. Admins read the log of their
workspace with `list_events`.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from sqlmodel import Session, col, select

from app.models.audit import AuditEvent, AuditEventPublic
from app.services.access import Permission, Principal, RequestMeta, require
from app.services.errors import FieldError, ValidationFailed
from app.services.pagination import PageParams, Paginated, paginate

__all__ = ["ACTIONS", "JUDGING_ACTIONS", "RequestMeta", "list_events", "record"]

# Every action the services record, for filters and the dashboard's picker.
ACTIONS: tuple[str, ...] = (
    "auth.sign_in",
    "auth.sign_in_failed",
    "api_key.created",
    "api_key.revoked",
    "invitation.created",
    "invitation.revoked",
    "invitation.accepted",
    "member.role_changed",
    "member.removed",
    "persona.deleted",
    "objective.deleted",
    "agent.deleted",
    "suite.deleted",
    "webhook.deleted",
    "provider.deleted",
    "custom_model.deleted",
    "finding_group.state_changed",
)
# The judging of verdicts (app/services/judging.py, reviews.py, calibrations.py, ...).
JUDGING_ACTIONS: tuple[str, ...] = (
    "session.rejudged",
    "run.rejudged",
    "conversation.judged",
    "review.submitted",
    "calibration_set.created",
    "calibration_set.deleted",
    "calibration.started",
    "calibration.deleted",
    "judging.settings_changed",
)
ACTIONS = ACTIONS + JUDGING_ACTIONS


def record(
    session: Session,
    *,
    action: str,
    principal: Principal | None = None,
    workspace_id: str | None = None,
    actor_user_id: str | None = None,
    actor_email: str | None = None,
    meta: RequestMeta | None = None,
    target_type: str = "",
    target_id: str = "",
    target_name: str = "",
    details: dict[str, Any] | None = None,
) -> None:
    """Add one entry to `session` (the caller commits it with its change).

    The actor, workspace and request come from `principal`; callers without one (sign-in,
    accepting an invitation) name them.
    """
    meta = meta or (principal.meta if principal else RequestMeta())
    session.add(
        AuditEvent(
            workspace_id=workspace_id or (principal.workspace_id if principal else None),
            actor_user_id=actor_user_id or (principal.user_id if principal else None),
            actor_api_key_id=principal.api_key_id if principal else None,
            actor_email=(actor_email or (principal.email if principal else ""))[:320],
            action=action,
            target_type=target_type,
            target_id=target_id[:200],
            target_name=target_name[:320],
            details=details or {},
            ip=meta.ip[:64],
            user_agent=meta.user_agent[:1000],
        )
    )


def _utc(moment: datetime, name: str) -> datetime:
    # A filter without an offset means UTC (the log is shown in UTC).
    try:
        return moment.replace(tzinfo=UTC) if moment.tzinfo is None else moment.astimezone(UTC)
    except OverflowError:  # e.g. 9999-12-31T23:59-01:00 is past year 9999 in UTC
        raise ValidationFailed("Invalid date", [FieldError(name, "out of range")]) from None


def list_events(
    *,
    session: Session,
    principal: Principal,
    params: PageParams,
    action: str | None = None,
    actor: str | None = None,
    since: datetime | None = None,
    until: datetime | None = None,
) -> Paginated[AuditEventPublic]:
    """The workspace's log, newest first; `actor` is a user id, `since` and `until` inclusive."""
    require(principal, Permission.read_audit_log)
    query = select(AuditEvent).where(AuditEvent.workspace_id == principal.workspace_id)
    if action:
        query = query.where(AuditEvent.action == action)
    if actor:
        query = query.where(AuditEvent.actor_user_id == actor)
    if since is not None:
        query = query.where(col(AuditEvent.created_at) >= _utc(since, "since"))
    if until is not None:
        query = query.where(col(AuditEvent.created_at) <= _utc(until, "until"))
    query = query.order_by(col(AuditEvent.created_at).desc(), col(AuditEvent.id).desc())
    return paginate(session, query, params, AuditEventPublic.model_validate)
