"""API keys for scripts and CI: the key is returned once, stored as a hash, shown by prefix."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session, col, select

from app.models.account import ApiKey, ApiKeyCreate, ApiKeyCreated, ApiKeyPublic
from app.models.base import utcnow
from app.services import audit, security
from app.services.access import Permission, Principal, require
from app.services.errors import FieldError, NotFound, ValidationFailed


def _public(row: ApiKey) -> ApiKeyPublic:
    status = "revoked" if row.revoked_at else "expired" if row.expires_at and row.expires_at <= utcnow() else "active"
    return ApiKeyPublic.model_validate(row).model_copy(update={"status": status})


def _iso(moment: datetime | None) -> str | None:
    return moment.isoformat() if moment else None


def create_api_key(*, session: Session, principal: Principal, data: ApiKeyCreate) -> ApiKeyCreated:
    require(principal, Permission.manage_api_keys)
    if data.expires_at is not None:
        if data.expires_at.tzinfo is None:
            raise ValidationFailed("Invalid expiry", [FieldError("expiresAt", "must include a timezone offset")])
        if data.expires_at <= utcnow():
            raise ValidationFailed("Invalid expiry", [FieldError("expiresAt", "must be in the future")])
    new_key = security.generate_api_key()
    api_key = ApiKey(
        workspace_id=principal.workspace_id,
        user_id=principal.user_id,
        name=data.name.strip(),
        prefix=new_key.prefix,
        key_hash=new_key.key_hash,
        expires_at=data.expires_at,
    )
    session.add(api_key)
    audit.record(
        session, principal=principal, action="api_key.created", target_type="api_key", target_id=api_key.id,
        target_name=api_key.name, details={"prefix": api_key.prefix, "expiresAt": _iso(api_key.expires_at)},
    )  # fmt: skip
    session.commit()
    return ApiKeyCreated(**_public(api_key).model_dump(), key=new_key.key)


def list_api_keys(*, session: Session, principal: Principal, include_revoked: bool = False) -> list[ApiKeyPublic]:
    require(principal, Permission.manage_api_keys)
    query = select(ApiKey).where(ApiKey.workspace_id == principal.workspace_id)
    if not include_revoked:
        query = query.where(col(ApiKey.revoked_at).is_(None))
    rows = session.exec(query.order_by(col(ApiKey.created_at).desc())).all()
    return [_public(row) for row in rows]


def revoke_api_key(*, session: Session, principal: Principal, key_id: str) -> None:
    require(principal, Permission.manage_api_keys)
    api_key = session.get(ApiKey, key_id)
    if api_key is None or api_key.workspace_id != principal.workspace_id or api_key.revoked_at is not None:
        raise NotFound("No such API key")
    api_key.revoked_at = utcnow()
    audit.record(
        session, principal=principal, action="api_key.revoked", target_type="api_key", target_id=api_key.id,
        target_name=api_key.name, details={"prefix": api_key.prefix},
    )  # fmt: skip
    session.commit()
