"""A workspace's members and invitations.

An admin invites by email; the invitation's token (in a link) is accepted by the
registered user with that email. Admins manage editors and viewers and other admins;
only owners grant, change or remove the owner role, and a workspace always keeps an owner.
"""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import Session, col, func, select

from app.models.account import (
    Invitation,
    InvitationCreate,
    InvitationCreated,
    InvitationPublic,
    MemberPublic,
    Membership,
    MemberUpdate,
    Role,
    RolePublic,
    RolesPublic,
    TeamPublic,
    User,
    Workspace,
    WorkspacePublic,
)
from app.models.base import utcnow
from app.services import audit, security
from app.services.access import (
    ROLE_DESCRIPTIONS,
    ROLE_PERMISSIONS,
    ROLE_RANK,
    Permission,
    Principal,
    RequestMeta,
    require,
)
from app.services.errors import Conflict, FieldError, NotFound, PermissionDenied
from app.settings import settings

INVITATION_TTL = timedelta(days=7)


def list_roles() -> RolesPublic:
    return RolesPublic(
        roles=[
            RolePublic(
                id=role.value,
                name=ROLE_DESCRIPTIONS[role][0],
                description=ROLE_DESCRIPTIONS[role][1],
                permissions=sorted(p.value for p in ROLE_PERMISSIONS[role]),
            )
            for role in sorted(ROLE_RANK, key=ROLE_RANK.__getitem__, reverse=True)
        ]
    )


def _members(session: Session, workspace_id: str) -> list[MemberPublic]:
    rows = session.exec(
        select(Membership, User)
        .join(User, col(User.id) == col(Membership.user_id))
        .where(Membership.workspace_id == workspace_id)
        .order_by(col(Membership.created_at))
    ).all()
    return [
        MemberPublic(user_id=user.id, email=user.email, name=user.name, role=m.role, joined_at=m.created_at)
        for m, user in rows
    ]


def get_team(*, session: Session, principal: Principal) -> TeamPublic:
    require(principal, Permission.read)
    workspace = session.get(Workspace, principal.workspace_id)
    if workspace is None:
        raise NotFound("No such workspace")
    pending = []
    if principal.can(Permission.manage_members):  # invitees' emails are for those who manage members
        pending = session.exec(
            select(Invitation)
            .where(
                Invitation.workspace_id == principal.workspace_id,
                col(Invitation.accepted_at).is_(None),
                Invitation.expires_at > utcnow(),
            )
            .order_by(col(Invitation.created_at).desc())
        ).all()
    return TeamPublic(
        workspace=WorkspacePublic(
            id=workspace.id,
            name=workspace.name,
            slug=workspace.slug,
            role=principal.role,
            created_at=workspace.created_at,
        ),
        members=_members(session, principal.workspace_id),
        invitations=[InvitationPublic.model_validate(i) for i in pending],
    )


def _check_can_assign(principal: Principal, role: Role) -> None:
    require(principal, Permission.manage_members)
    if role == Role.owner and not principal.can(Permission.manage_owners):
        raise PermissionDenied("Only an owner can grant the owner role.")


def invite_member(
    *, session: Session, principal: Principal, data: InvitationCreate
) -> InvitationCreated:
    """The link points at MIMIC_PUBLIC_URL, never at the address the request came to (its Host
    header is the caller's to write: a forged one would send the invitee elsewhere)."""
    _check_can_assign(principal, data.role)
    email = str(data.email).strip().lower()
    already = session.exec(
        select(Membership)
        .join(User, col(User.id) == col(Membership.user_id))
        .where(Membership.workspace_id == principal.workspace_id, User.email == email)
    ).first()
    if already:
        raise Conflict("This person is already a member", [FieldError("email", "already a member")])
    # Inviting again replaces the earlier invitation: one live link per person.
    replaced = session.exec(
        select(Invitation).where(
            Invitation.workspace_id == principal.workspace_id,
            Invitation.email == email,
            col(Invitation.accepted_at).is_(None),
        )
    ).all()
    for earlier in replaced:
        session.delete(earlier)
    token, token_hash = security.generate_invitation_token()
    invitation = Invitation(
        workspace_id=principal.workspace_id,
        email=email,
        role=data.role,
        token_hash=token_hash,
        invited_by=principal.user_id,
        expires_at=utcnow() + INVITATION_TTL,
    )
    session.add(invitation)
    audit.record(
        session, principal=principal, action="invitation.created", target_type="invitation",
        target_id=invitation.id, target_name=email, details={"role": invitation.role, "replaced": len(replaced)},
    )  # fmt: skip
    session.commit()
    return InvitationCreated(
        **InvitationPublic.model_validate(invitation).model_dump(),
        token=token,
        invite_url=f"{settings.public_url.rstrip('/')}/invite/{token}",
    )


def revoke_invitation(*, session: Session, principal: Principal, invitation_id: str) -> None:
    require(principal, Permission.manage_members)
    invitation = session.get(Invitation, invitation_id)
    if invitation is None or invitation.workspace_id != principal.workspace_id or invitation.accepted_at:
        raise NotFound("No such invitation")
    session.delete(invitation)
    audit.record(
        session, principal=principal, action="invitation.revoked", target_type="invitation",
        target_id=invitation.id, target_name=invitation.email, details={"role": invitation.role},
    )  # fmt: skip
    session.commit()


def preview_invitation(*, session: Session, token: str) -> tuple[str, str, str]:
    """(workspace name, role, invited email) of a usable invitation; NotFound otherwise."""
    invitation = _usable_invitation(session, token)
    workspace = session.get(Workspace, invitation.workspace_id)
    assert workspace is not None
    return workspace.name, invitation.role, invitation.email


def _usable_invitation(session: Session, token: str) -> Invitation:
    invitation = session.exec(select(Invitation).where(Invitation.token_hash == security.hash_token(token))).first()
    if invitation is None or invitation.accepted_at is not None or invitation.expires_at <= utcnow():
        raise NotFound("This invitation does not exist, was used, or has expired")
    return invitation


def accept_invitation(
    *, session: Session, user_id: str, token: str, meta: RequestMeta | None = None
) -> WorkspacePublic:
    """The signed-in user joins the invitation's workspace (the invitation names their email)."""
    invitation = _usable_invitation(session, token)
    user = session.get(User, user_id)
    if user is None:
        raise NotFound("No such user")
    if invitation.email != user.email:
        raise PermissionDenied(f"This invitation is for {invitation.email}; sign in with that account to accept it.")
    exists = session.exec(
        select(Membership).where(Membership.workspace_id == invitation.workspace_id, Membership.user_id == user.id)
    ).first()
    if exists is None:
        session.add(Membership(workspace_id=invitation.workspace_id, user_id=user.id, role=invitation.role))
    invitation.accepted_at = utcnow()
    invitation.accepted_by = user.id
    user.current_workspace_id = invitation.workspace_id
    audit.record(
        session, action="invitation.accepted", workspace_id=invitation.workspace_id, actor_user_id=user.id,
        actor_email=user.email, meta=meta, target_type="invitation", target_id=invitation.id,
        target_name=invitation.email, details={"role": exists.role if exists else invitation.role},
    )  # fmt: skip
    session.commit()
    workspace = session.get(Workspace, invitation.workspace_id)
    assert workspace is not None
    role = exists.role if exists else invitation.role
    return WorkspacePublic(id=workspace.id, name=workspace.name, slug=workspace.slug, role=role,
                           created_at=workspace.created_at)  # fmt: skip


def _target_membership(session: Session, principal: Principal, user_id: str) -> Membership:
    membership = session.exec(
        select(Membership).where(Membership.workspace_id == principal.workspace_id, Membership.user_id == user_id)
    ).first()
    if membership is None:
        raise NotFound("No such member")
    return membership


def _email_of(session: Session, user_id: str) -> str:
    user = session.get(User, user_id)
    return user.email if user else ""


def _owner_count(session: Session, workspace_id: str) -> int:
    return session.exec(
        select(func.count())
        .select_from(Membership)
        .where(Membership.workspace_id == workspace_id, Membership.role == Role.owner)
    ).one()


def _check_can_touch(session: Session, principal: Principal, membership: Membership) -> None:
    require(principal, Permission.manage_members)
    if membership.role == Role.owner:
        if not principal.can(Permission.manage_owners):
            raise PermissionDenied("Only an owner can change or remove an owner.")
        if _owner_count(session, principal.workspace_id) <= 1:
            raise Conflict("A workspace must keep at least one owner.")


def change_role(*, session: Session, principal: Principal, user_id: str, data: MemberUpdate) -> MemberPublic:
    membership = _target_membership(session, principal, user_id)
    _check_can_assign(principal, data.role)
    if membership.role != data.role:
        _check_can_touch(session, principal, membership)
        audit.record(
            session, principal=principal, action="member.role_changed", target_type="member", target_id=user_id,
            target_name=_email_of(session, user_id), details={"from": membership.role, "to": data.role.value},
        )  # fmt: skip
        membership.role = data.role
        session.commit()
    return next(m for m in _members(session, principal.workspace_id) if m.user_id == user_id)


def remove_member(*, session: Session, principal: Principal, user_id: str) -> None:
    membership = _target_membership(session, principal, user_id)
    _check_can_touch(session, principal, membership)
    session.delete(membership)
    user = session.get(User, user_id)
    if user is not None and user.current_workspace_id == principal.workspace_id:
        user.current_workspace_id = None
    audit.record(
        session, principal=principal, action="member.removed", target_type="member", target_id=user_id,
        target_name=user.email if user else "", details={"role": membership.role},
    )  # fmt: skip
    session.commit()
