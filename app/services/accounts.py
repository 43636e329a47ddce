"""Registration, sign-in, the current user, and the workspaces a user belongs to."""

from __future__ import annotations

import functools
import math
import re
import secrets
from datetime import UTC, datetime, timedelta

from sqlalchemy import and_, bindparam, delete, func, literal
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.models.account import (
    ApiKey,
    Membership,
    MePublic,
    ProfileUpdate,
    RegisterRequest,
    RevokedToken,
    Role,
    SignInFailure,
    TokenPublic,
    User,
    UserPublic,
    Workspace,
    WorkspaceCreate,
    WorkspacePublic,
    WorkspaceUpdate,
)
from app.models.base import utcnow
from app.services import audit, library, passwords, security
from app.services.access import Permission, Principal, RequestMeta, require
from app.services.errors import AuthenticationFailed, Conflict, FieldError, NotFound, RateLimited, ValidationFailed
from app.settings import settings

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
    passwords.check(data.password, email=email, name=data.name)
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
    user = _verify_credentials(session, email, password, meta)
    issued = security.create_access_token(user.id, version=user.token_version)
    return TokenPublic(access_token=issued.access_token, expires_in=issued.expires_in)


def sign_in_ticket(*, session: Session, email: str, password: str, meta: RequestMeta | None = None) -> str:
    """The dashboard's sign-in: the same checks as login, answered with a one-minute,
    single-use ticket that POST /api/auth/session trades for the HttpOnly cookie."""
    user = _verify_credentials(session, email, password, meta)
    return security.create_sign_in_ticket(user.id, version=user.token_version).access_token


def redeem_sign_in_ticket(*, session: Session, ticket: str) -> TokenPublic:
    """An access token for a valid ticket, which cannot be used again."""
    claims = security.decode_access_token(ticket, typ="sign_in")
    user = session.get(User, claims.user_id)
    if user is None or not user.is_active or claims.version != user.token_version or claims.token_id is None:
        raise AuthenticationFailed("The sign-in ticket is no longer valid")
    session.add(RevokedToken(jti=claims.token_id, user_id=user.id, expires_at=_from_timestamp(claims.expires_at)))
    try:
        session.commit()
    except IntegrityError:  # redeemed already
        session.rollback()
        raise AuthenticationFailed("The sign-in ticket was used already") from None
    issued = security.create_access_token(user.id, version=user.token_version)
    return TokenPublic(access_token=issued.access_token, expires_in=issued.expires_in)


def logout(*, session: Session, credential: str, everywhere: bool = False) -> None:
    """Ends the token at once (its jti is kept, refused, until it would have expired);
    with `everywhere`, every token of its user."""
    credential = credential.strip()
    if security.looks_like_api_key(credential):
        raise ValidationFailed(
            "Sign-out ends an access token; an API key is revoked with DELETE /api/auth/api-keys/{id}",
            [FieldError("authorization", "an API key, not an access token")],
        )
    claims, user = _token_user(session, credential)
    if everywhere or claims.token_id is None:  # a token from before tokens were named: end them all
        end_all_tokens(session, user)
    else:
        now = utcnow()
        session.execute(delete(RevokedToken).where(col(RevokedToken.expires_at) < now))  # the expired ones
        if session.get(RevokedToken, claims.token_id) is None:
            session.add(RevokedToken(jti=claims.token_id, user_id=user.id,
                                     expires_at=_from_timestamp(claims.expires_at)))  # fmt: skip
    session.commit()


def end_all_tokens(session: Session, user: User) -> None:
    """Every token issued to `user` so far is refused from now on (committed by the caller)."""
    user.token_version = User.token_version + 1  # computed by the database: concurrent changes both count
    session.flush()


def _from_timestamp(seconds: int) -> datetime:
    return datetime.fromtimestamp(seconds, UTC)


def _throttled(session: Session, email: str) -> int | None:
    """Seconds until `email` may try again when its failed sign-ins fill the window, else None."""
    window = timedelta(minutes=settings.sign_in_window_minutes)
    since = utcnow() - window
    count, oldest = session.exec(
        select(func.count(), func.min(SignInFailure.created_at)).where(
            SignInFailure.email == email, col(SignInFailure.created_at) > since
        )
    ).one()
    if count < settings.sign_in_max_failures or oldest is None:
        return None
    if oldest.tzinfo is None:  # an aggregate comes back as SQLite stored it
        oldest = oldest.replace(tzinfo=UTC)
    return max(1, math.ceil((oldest + window - utcnow()).total_seconds()))


def _verify_credentials(session: Session, email: str, password: str, meta: RequestMeta | None) -> User:
    """The user whose email and password these are; every attempt goes to the audit log, and
    an email with too many recent failures is refused before its password is even looked at."""
    email = _normalise_email(email)
    retry_after = _throttled(session, email)
    user = session.exec(select(User).where(User.email == email)).first()
    if retry_after is not None:
        _record_sign_in(session, user, email, meta, "auth.sign_in_failed", {"reason": "throttled"})
        session.commit()
        minutes = max(1, math.ceil(retry_after / 60))
        raise RateLimited(
            f"Too many failed sign-ins for this account: try again in {minutes} minute{'s' * (minutes > 1)}",
            retry_after=retry_after,
        )
    if user is None:
        security.burn_password_check(password)
        password_ok, new_hash = False, None
    else:
        password_ok, new_hash = security.check_password(password, user.password_hash)
    if user is None or not password_ok or not user.is_active:
        reason = "unknown_email" if user is None else "inactive" if password_ok else "wrong_password"
        session.add(SignInFailure(email=email))
        session.execute(delete(SignInFailure).where(
            col(SignInFailure.created_at) < utcnow() - timedelta(minutes=settings.sign_in_window_minutes)
        ))  # fmt: skip
        _record_sign_in(session, user, email, meta, "auth.sign_in_failed", {"reason": reason})
        session.commit()
        raise AuthenticationFailed("Wrong email or password")
    if new_hash is not None:
        user.password_hash = new_hash
    session.execute(delete(SignInFailure).where(SignInFailure.email == email))
    user.last_login_at = utcnow()
    _record_sign_in(session, user, email, meta, "auth.sign_in")
    session.commit()
    return user


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
    return _authenticate_token(session, credential, workspace_id, meta or RequestMeta())


def _authenticate_token(session: Session, credential: str, workspace_id: str | None, meta: RequestMeta) -> Principal:
    """A bearer token's principal in one query: the user, whether the token was revoked, and
    the membership in the workspace asked for (else the user's current one); the same rules
    as _token_user and _membership_for, which a user without that membership falls back to."""
    claims = security.decode_access_token(credential)
    query = _principal_query(bool(workspace_id), claims.token_id is not None)
    found = (
        session.connection()
        .execute(query, {"user_id": claims.user_id, "workspace_id": workspace_id, "jti": claims.token_id})
        .first()
    )
    _check_token(claims, found[1:4] if found is not None else None)  # (active, version, revoked)
    assert found is not None
    email, *_, member_of, role = found
    if member_of is None:
        user = session.get(User, claims.user_id)
        assert user is not None
        membership = _membership_for(session, user, workspace_id)
        member_of, role = membership.workspace_id, membership.role
    return Principal(user_id=claims.user_id, email=email, workspace_id=member_of, role=Role(role), meta=meta)


@functools.cache
def _principal_query(workspace_asked: bool, named_token: bool):
    """The query of _authenticate_token, made once for each of its four shapes (building it
    each time cost more than running it); run with Core, its parameters bound."""
    wanted = bindparam("workspace_id") if workspace_asked else col(User.current_workspace_id)
    return (
        select(
            User.email,
            User.is_active,
            User.token_version,
            _revoked(named_token),
            Membership.workspace_id,
            Membership.role,
        )
        .outerjoin(Membership, and_(col(Membership.user_id) == col(User.id), col(Membership.workspace_id) == wanted))
        .where(col(User.id) == bindparam("user_id"))
    )


def _token_user(session: Session, credential: str) -> tuple[security.TokenClaims, User]:
    """The claims and user of a valid access token: signed, unexpired, of an active user, of
    the user's current token version, and not signed out."""
    claims = security.decode_access_token(credential)
    found = session.exec(
        select(User, _revoked(claims.token_id is not None)).where(col(User.id) == claims.user_id),
        params={"jti": claims.token_id},
    ).first()
    user = found[0] if found is not None else None
    _check_token(claims, (user.is_active, user.token_version, found[1]) if user is not None else None)
    assert user is not None
    return claims, user


def _revoked(named_token: bool):
    """Whether the token was signed out, as a column of the query that reads its user (the
    token's id bound as `jti`)."""
    if not named_token:  # a token from before tokens were named: only its version can end it
        return literal(False)
    return select(RevokedToken.jti).where(col(RevokedToken.jti) == bindparam("jti")).exists()


def _check_token(claims: security.TokenClaims, user: tuple[bool, int, bool] | None) -> None:
    """The rules of an access token past its signature, given its user's (active, token
    version, token revoked), None when there is no such user: an active user, the user's
    current token version, and not signed out."""
    if user is None or not user[0]:
        raise AuthenticationFailed("The account behind this token no longer exists")
    _active, version, revoked = user
    if claims.version != version or revoked:
        raise AuthenticationFailed("This token was revoked (signed out, or the password changed): sign in again")


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
        passwords.check(data.new_password, field="newPassword", email=user.email, name=user.name)
        user.password_hash = security.hash_password(data.new_password)
        end_all_tokens(session, user)  # whoever held a token of the old password holds nothing now
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
