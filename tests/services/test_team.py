"""Members and invitations at the service: admins invite and manage non-owners, only owners
touch the owner role, a workspace always keeps one owner, an invitation is for its email only,
is used once, and inviting again replaces the earlier link."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from app.models.account import Invitation, InvitationCreate, Membership, MemberUpdate, Role, User
from app.models.audit import AuditEvent
from app.models.base import utcnow
from app.services import team
from app.services.access import Principal
from app.services.errors import Conflict, NotFound, PermissionDenied
from app.settings import settings


def principal_of(account) -> Principal:
    return Principal(account.user_id, account.email, account.workspace_id, Role(account.role))


def role_of(db, account_or_id, workspace_id: str) -> str | None:
    user_id = getattr(account_or_id, "user_id", account_or_id)
    membership = db.exec(
        select(Membership).where(Membership.workspace_id == workspace_id, Membership.user_id == user_id)
    ).first()
    return membership.role if membership else None


def test_roles_are_listed_from_most_to_least_powerful() -> None:
    roles = team.list_roles().roles
    assert [r.id for r in roles] == ["owner", "admin", "editor", "viewer"]
    assert "manage_owners" in roles[0].permissions and "manage_owners" not in roles[1].permissions
    assert roles[-1].permissions == ["read"]


def test_an_invitation_is_accepted_by_its_email_once(db, make_account) -> None:
    owner = make_account()
    invitee = make_account("Invitee@Example.com")
    created = team.invite_member(
        session=db, principal=principal_of(owner), data=InvitationCreate(email=" Invitee@Example.com ", role="viewer")
    )
    assert created.email == "invitee@example.com"
    assert created.invite_url == f"{settings.public_url.rstrip('/')}/invite/{created.token}"
    assert team.preview_invitation(session=db, token=created.token)[1:] == ("viewer", "invitee@example.com")
    workspace = team.accept_invitation(session=db, user_id=invitee.user_id, token=created.token)
    assert (workspace.id, workspace.role) == (owner.workspace_id, "viewer")
    assert role_of(db, invitee, owner.workspace_id) == "viewer"
    assert db.get(User, invitee.user_id).current_workspace_id == owner.workspace_id
    with pytest.raises(NotFound):  # used
        team.accept_invitation(session=db, user_id=invitee.user_id, token=created.token)
    with pytest.raises(NotFound):
        team.preview_invitation(session=db, token=created.token)


def test_an_invitation_for_someone_else_is_refused(db, make_account) -> None:
    owner = make_account()
    stranger = make_account()
    created = team.invite_member(
        session=db, principal=principal_of(owner), data=InvitationCreate(email="someone@example.com")
    )
    with pytest.raises(PermissionDenied, match="someone@example.com"):
        team.accept_invitation(session=db, user_id=stranger.user_id, token=created.token)
    assert role_of(db, stranger, owner.workspace_id) is None
    assert db.get(Invitation, created.id).accepted_at is None  # still usable by its invitee


def test_an_expired_invitation_is_not_found(db, make_account) -> None:
    owner = make_account()
    invitee = make_account()
    created = team.invite_member(session=db, principal=principal_of(owner), data=InvitationCreate(email=invitee.email))
    db.get(Invitation, created.id).expires_at = utcnow() - timedelta(seconds=1)
    db.commit()
    with pytest.raises(NotFound, match="expired"):
        team.accept_invitation(session=db, user_id=invitee.user_id, token=created.token)
    assert team.get_team(session=db, principal=principal_of(owner)).invitations == []


def test_inviting_again_replaces_the_earlier_link(db, make_account) -> None:
    owner = principal_of(make_account())
    first = team.invite_member(session=db, principal=owner, data=InvitationCreate(email="new@example.com"))
    second = team.invite_member(
        session=db, principal=owner, data=InvitationCreate(email="NEW@example.com", role="admin")
    )
    assert [i.id for i in team.get_team(session=db, principal=owner).invitations] == [second.id]
    with pytest.raises(NotFound):
        team.preview_invitation(session=db, token=first.token)


def test_a_member_cannot_be_invited_again(db, make_account) -> None:
    owner = make_account()
    member = make_account(join=owner, role=Role.editor)
    with pytest.raises(Conflict) as raised:
        team.invite_member(session=db, principal=principal_of(owner), data=InvitationCreate(email=member.email))
    assert [d.field for d in raised.value.details] == ["email"]


@pytest.mark.parametrize("role", [Role.viewer, Role.editor])
def test_editors_and_viewers_manage_no_one_and_see_no_invitations(db, make_account, role) -> None:
    owner = make_account()
    other = make_account(join=owner, role=Role.viewer)
    member = principal_of(make_account(join=owner, role=role))
    team.invite_member(session=db, principal=principal_of(owner), data=InvitationCreate(email="x@example.com"))
    with pytest.raises(PermissionDenied):
        team.invite_member(session=db, principal=member, data=InvitationCreate(email="y@example.com"))
    with pytest.raises(PermissionDenied):
        team.change_role(session=db, principal=member, user_id=other.user_id, data=MemberUpdate(role="editor"))
    with pytest.raises(PermissionDenied):
        team.remove_member(session=db, principal=member, user_id=other.user_id)
    seen = team.get_team(session=db, principal=member)
    assert seen.invitations == []  # invitees' emails are for those who manage members
    assert {m.user_id for m in seen.members} == {owner.user_id, other.user_id, member.user_id}
    assert role_of(db, other, owner.workspace_id) == "viewer"


def test_an_admin_manages_non_owners_but_never_the_owner_role(db, make_account) -> None:
    owner = make_account()
    admin = principal_of(make_account(join=owner, role=Role.admin))
    editor = make_account(join=owner, role=Role.editor)
    changed = team.change_role(session=db, principal=admin, user_id=editor.user_id, data=MemberUpdate(role="viewer"))
    assert changed.role == "viewer" and role_of(db, editor, owner.workspace_id) == "viewer"
    with pytest.raises(PermissionDenied, match="owner"):
        team.change_role(session=db, principal=admin, user_id=editor.user_id, data=MemberUpdate(role="owner"))
    with pytest.raises(PermissionDenied, match="owner"):
        team.invite_member(session=db, principal=admin, data=InvitationCreate(email="o@example.com", role="owner"))
    with pytest.raises(PermissionDenied, match="owner"):
        team.change_role(session=db, principal=admin, user_id=owner.user_id, data=MemberUpdate(role="admin"))
    with pytest.raises(PermissionDenied, match="owner"):
        team.remove_member(session=db, principal=admin, user_id=owner.user_id)
    assert role_of(db, owner, owner.workspace_id) == "owner"
    team.remove_member(session=db, principal=admin, user_id=editor.user_id)
    assert role_of(db, editor, owner.workspace_id) is None
    assert db.get(User, editor.user_id).current_workspace_id is None


def test_a_workspace_always_keeps_an_owner(db, make_account) -> None:
    owner = make_account()
    me = principal_of(owner)
    with pytest.raises(Conflict, match="at least one owner"):
        team.change_role(session=db, principal=me, user_id=owner.user_id, data=MemberUpdate(role="admin"))
    with pytest.raises(Conflict, match="at least one owner"):
        team.remove_member(session=db, principal=me, user_id=owner.user_id)
    second = make_account(join=owner, role=Role.admin)
    team.change_role(session=db, principal=me, user_id=second.user_id, data=MemberUpdate(role="owner"))
    # With two owners, either may step down.
    team.change_role(session=db, principal=me, user_id=owner.user_id, data=MemberUpdate(role="admin"))
    assert role_of(db, owner, owner.workspace_id) == "admin"
    assert role_of(db, second, owner.workspace_id) == "owner"


def test_setting_the_same_role_changes_nothing_and_records_nothing(db, make_account) -> None:
    owner = make_account()
    me = principal_of(owner)
    before = len(db.exec(select(AuditEvent)).all())
    assert (
        team.change_role(session=db, principal=me, user_id=owner.user_id, data=MemberUpdate(role="owner")).role
        == "owner"
    )
    assert len(db.exec(select(AuditEvent)).all()) == before


def test_another_workspaces_members_and_invitations_are_not_found(db, make_account) -> None:
    mine = principal_of(make_account())
    theirs_owner = make_account()
    theirs_member = make_account(join=theirs_owner, role=Role.editor)
    invitation = team.invite_member(
        session=db, principal=principal_of(theirs_owner), data=InvitationCreate(email="z@example.com")
    )
    with pytest.raises(NotFound):
        team.change_role(session=db, principal=mine, user_id=theirs_member.user_id, data=MemberUpdate(role="viewer"))
    with pytest.raises(NotFound):
        team.remove_member(session=db, principal=mine, user_id=theirs_member.user_id)
    with pytest.raises(NotFound):
        team.revoke_invitation(session=db, principal=mine, invitation_id=invitation.id)
    assert db.get(Invitation, invitation.id) is not None
    assert role_of(db, theirs_member, theirs_owner.workspace_id) == "editor"


def test_a_revoked_invitation_can_no_longer_be_used(db, make_account) -> None:
    owner = make_account()
    invitee = make_account()
    created = team.invite_member(session=db, principal=principal_of(owner), data=InvitationCreate(email=invitee.email))
    team.revoke_invitation(session=db, principal=principal_of(owner), invitation_id=created.id)
    with pytest.raises(NotFound):
        team.accept_invitation(session=db, user_id=invitee.user_id, token=created.token)
    with pytest.raises(NotFound):
        team.revoke_invitation(session=db, principal=principal_of(owner), invitation_id=created.id)
