"""Registration, sign-in, the current user, and the workspaces a user belongs to."""

from __future__ import annotations

import re
import secrets
from datetime import timedelta

from sqlmodel import Session, col, select

from app.models.account import (
    ApiKey,
    Membership,
    MePublic,
    ProfileUpdate,
    RegisterRequest,
    Role,
    TokenPublic,
    User,
    UserPublic,
    Workspace,
    WorkspaceCreate,
    WorkspacePublic,
    WorkspaceUpdate,
)
from app.models.base import utcnow
from app.services import audit, library, security
from app.services.access import Permission, Principal, RequestMeta, require
from app.services.errors import AuthenticationFailed, Conflict, FieldError, NotFound, ValidationFailed

# Writing last_used_at on every request would turn each read into a write.
_LAST_USED_RESOLUTION = timedelta(seconds=60)


def _normalise_email(email: str) -> str:
    return email.strip().lower()


def _slug(name: str) -> str:
    base = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")[:60] or "workspace"
    return f"{base}-{secrets.token_hex(3)}"


def _workspace_public(workspace: Workspace, role: str) -> WorkspacePublic:
    return WorkspacePublic(
        id=workspace.id, name=workspace.name, slug=workspace.slug, role=role, created_at=workspace.created_at
    )


def _create_workspace(session: Session, *, name: str, owner: User) -> Workspace:
    workspace = Workspace(name=name, slug=_slug(name))
    session.add(workspace)
    session.flush()
    session.add(Membership(workspace_id=workspace.id, user_id=owner.id, role=Role.owner))
    library.install_starter_library(session, workspace_id=workspace.id, created_by=owner.id)
    return workspace


def register(*, session: Session, data: RegisterRequest) -> UserPublic:
    """A new user and their first workspace, which they own."""
    email = _normalise_email(str(data.email))
    if session.exec(select(User).where(User.email == email)).first():
        raise Conflict("An account with this email already exists", [FieldError("email", "already registered")])
    user = User(email=email, name=data.name.strip(), password_hash=security.hash_password(data.password))
    session.add(user)
    session.flush()
    workspace_name = data.workspace_name or (f"{user.name}'s workspace" if user.name else "My workspace")
    workspace = _create_workspace(session, name=workspace_name, owner=user)
    user.current_workspace_id = workspace.id
    session.commit()
    return UserPublic.model_validate(user)


def login(*, session: Session, email: str, password: str, meta: RequestMeta | None = None) -> TokenPublic:
    """A token for the user; every attempt, good or bad, goes to the audit log."""
    email = _normalise_email(email)
    user = session.exec(select(User).where(User.email == email)).first()
    if user is None:
        security.burn_password_check(password)
        _record_sign_in(session, None, email, meta, "auth.sign_in_failed", {"reason": "unknown_email"})
        session.commit()
        raise AuthenticationFailed("Wrong email or password")
    password_ok = security.verify_password(password, user.password_hash)
    if not password_ok or not user.is_active:
        reason = "inactive" if password_ok else "wrong_password"
        _record_sign_in(session, user, email, meta, "auth.sign_in_failed", {"reason": reason})
        session.commit()
        raise AuthenticationFailed("Wrong email or password")
    user.last_login_at = utcnow()
    _record_sign_in(session, user, email, meta, "auth.sign_in")
    session.commit()
    issued = security.create_access_token(user.id)
    return TokenPublic(access_token=issued.access_token, expires_in=issued.expires_in)


def _record_sign_in(
    session: Session,
    user: User | None,
    email: str,
    meta: RequestMeta | None,
    action: str,
    details: dict[str, str] | None = None,
) -> None:
    """A token acts in any of the user's workspaces, so each of them logs the sign-in;
    an email nobody has is logged once, with no workspace."""
    workspace_ids: list[str | None] = []
    if user is not None:
        workspace_ids += session.exec(select(Membership.workspace_id).where(Membership.user_id == user.id)).all()
    for workspace_id in workspace_ids or [None]:
        audit.record(
            session,
            action=action,
            workspace_id=workspace_id,
            actor_user_id=user.id if user else None,
            actor_email=email,
            meta=meta,
            target_type="user",
            target_id=user.id if user else "",
            target_name=email,
            details=details,
        )


def authenticate(
    *, session: Session, credential: str, workspace_id: str | None = None, meta: RequestMeta | None = None
) -> Principal:
    """The principal behind a bearer token or an API key; AuthenticationFailed otherwise.

    A token acts in the workspace asked for (X-Workspace-Id), else the user's current one.
    An API key acts only in the workspace it was made in, with its owner's present role.
    `meta` (the caller's address and user agent) rides along for the audit log.
    """
    credential = credential.strip()
    if not credential:
        raise AuthenticationFailed("Missing credentials")
    if security.looks_like_api_key(credential):
        return _authenticate_api_key(session, credential, workspace_id, meta or RequestMeta())
    user = session.get(User, security.decode_access_token(credential))
    if user is None or not user.is_active:
        raise AuthenticationFailed("The account behind this token no longer exists")
    membership = _membership_for(session, user, workspace_id)
    return Principal(
        user_id=user.id,
        email=user.email,
        workspace_id=membership.workspace_id,
        role=Role(membership.role),
        meta=meta or RequestMeta(),
    )


def _authenticate_api_key(session: Session, key: str, workspace_id: str | None, meta: RequestMeta) -> Principal:
    api_key = session.exec(select(ApiKey).where(ApiKey.key_hash == security.hash_token(key))).first()
    now = utcnow()
    if api_key is None or api_key.revoked_at is not None:
        raise AuthenticationFailed("Invalid or revoked API key")
    if api_key.expires_at is not None and api_key.expires_at <= now:
        raise AuthenticationFailed("This API key has expired")
    if workspace_id and workspace_id != api_key.workspace_id:
        raise AuthenticationFailed("This API key belongs to another workspace")
    user = session.get(User, api_key.user_id)
    membership = session.exec(
        select(Membership).where(Membership.workspace_id == api_key.workspace_id, Membership.user_id == api_key.user_id)
    ).first()
    if user is None or not user.is_active or membership is None:
        raise AuthenticationFailed("The owner of this API key is no longer a member of its workspace")
    if api_key.last_used_at is None or now - api_key.last_used_at > _LAST_USED_RESOLUTION:
        api_key.last_used_at = now
        session.commit()
    return Principal(
        user_id=user.id,
        email=user.email,
        workspace_id=api_key.workspace_id,
        role=Role(membership.role),
        api_key_id=api_key.id,
        meta=meta,
    )


def _membership_for(session: Session, user: User, workspace_id: str | None) -> Membership:
    query = select(Membership).where(Membership.user_id == user.id)
    if workspace_id:
        membership = session.exec(query.where(Membership.workspace_id == workspace_id)).first()
        if membership is None:
            raise NotFound("No such workspace")
        return membership
    if user.current_workspace_id:
        membership = session.exec(query.where(Membership.workspace_id == user.current_workspace_id)).first()
        if membership is not None:
            return membership
    membership = session.exec(query.order_by(col(Membership.created_at))).first()
    if membership is None:
        raise AuthenticationFailed("This account belongs to no workspace")
    return membership


def list_workspaces(*, session: Session, principal: Principal) -> list[WorkspacePublic]:
    rows = session.exec(
        select(Workspace, Membership.role)
        .join(Membership, col(Membership.workspace_id) == col(Workspace.id))
        .where(Membership.user_id == principal.user_id)
        .order_by(col(Workspace.name))
    ).all()
    return [_workspace_public(workspace, role) for workspace, role in rows]


def me(*, session: Session, principal: Principal) -> MePublic:
    user = session.get(User, principal.user_id)
    if user is None:
        raise AuthenticationFailed("The account no longer exists")
    workspaces = list_workspaces(session=session, principal=principal)
    current = next(w for w in workspaces if w.id == principal.workspace_id)
    return MePublic(
        id=user.id,
        email=user.email,
        name=user.name,
        created_at=user.created_at,
        workspace=current,
        role=principal.role,
        workspaces=workspaces,
        auth_method=principal.auth_method,
    )


def update_profile(*, session: Session, principal: Principal, data: ProfileUpdate) -> UserPublic:
    user = session.get(User, principal.user_id)
    if user is None:
        raise AuthenticationFailed("The account no longer exists")
    if data.name is not None:
        user.name = data.name.strip()
    if data.new_password is not None:
        if not data.current_password or not security.verify_password(data.current_password, user.password_hash):
            raise ValidationFailed(
                "The current password is wrong", [FieldError("currentPassword", "does not match the stored password")]
            )
        user.password_hash = security.hash_password(data.new_password)
    session.commit()
    return UserPublic.model_validate(user)


def create_workspace(*, session: Session, principal: Principal, data: WorkspaceCreate) -> WorkspacePublic:
    user = session.get(User, principal.user_id)
    if user is None:
        raise AuthenticationFailed("The account no longer exists")
    workspace = _create_workspace(session, name=data.name.strip(), owner=user)
    session.commit()
    return _workspace_public(workspace, Role.owner)


def switch_workspace(*, session: Session, principal: Principal, workspace_id: str) -> WorkspacePublic:
    """Make `workspace_id` the one the user's dashboard and tokens act in by default."""
    membership = session.exec(
        select(Membership).where(Membership.user_id == principal.user_id, Membership.workspace_id == workspace_id)
    ).first()
    workspace = session.get(Workspace, workspace_id) if membership else None
    if membership is None or workspace is None:
        raise NotFound("No such workspace")
    user = session.get(User, principal.user_id)
    assert user is not None
    user.current_workspace_id = workspace_id
    session.commit()
    return _workspace_public(workspace, membership.role)


def rename_workspace(*, session: Session, principal: Principal, data: WorkspaceUpdate) -> WorkspacePublic:
    require(principal, Permission.manage_workspace)
    workspace = session.get(Workspace, principal.workspace_id)
    if workspace is None:
        raise NotFound("No such workspace")
    workspace.name = data.name.strip()
    session.commit()
    return _workspace_public(workspace, principal.role)
