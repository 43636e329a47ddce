"""Roles, members and invitations: the role rules of the service layer, over REST."""

from __future__ import annotations

from datetime import timedelta

from app.models import Invitation
from app.models.base import utcnow


def test_roles_are_listed_with_their_permissions(client, make_account) -> None:
    roles = client.get("/api/access/roles", headers=make_account().headers).json()["roles"]
    by_id = {r["id"]: r for r in roles}
    assert list(by_id) == ["owner", "admin", "editor", "viewer"]
    assert by_id["viewer"]["permissions"] == ["read"]
    assert set(by_id["editor"]["permissions"]) == {"read", "write"}
    assert "manage_members" in by_id["admin"]["permissions"] and "manage_owners" not in by_id["admin"]["permissions"]
    assert "manage_owners" in by_id["owner"]["permissions"]


def test_invite_accept_and_join(client, make_account) -> None:
    owner = make_account()
    invitee = make_account("invitee@example.com")
    invited = client.post(
        "/api/access/team/members", json={"email": "Invitee@example.com", "role": "editor"}, headers=owner.headers
    )
    assert invited.status_code == 201
    body = invited.json()
    assert body["email"] == "invitee@example.com" and body["role"] == "editor"
    assert body["inviteUrl"].endswith(f"/invite/{body['token']}")

    team = client.get("/api/access/team", headers=owner.headers).json()
    assert [i["email"] for i in team["invitations"]] == ["invitee@example.com"]
    assert "token" not in team["invitations"][0]

    joined = client.post("/api/access/invitations/accept", json={"token": body["token"]}, headers=invitee.headers)
    assert joined.status_code == 200 and joined.json()["id"] == owner.workspace_id and joined.json()["role"] == "editor"
    me = client.get("/api/auth/me", headers=invitee.headers).json()
    assert me["workspace"]["id"] == owner.workspace_id and me["role"] == "editor"
    assert len(me["workspaces"]) == 2

    team = client.get("/api/access/team", headers=owner.headers).json()
    assert {m["email"]: m["role"] for m in team["members"]}[invitee.email] == "editor"
    assert team["invitations"] == []
    # An invitation is used once.
    again = client.post("/api/access/invitations/accept", json={"token": body["token"]}, headers=invitee.headers)
    assert again.status_code == 404


def test_invitation_is_for_its_email_only(client, make_account) -> None:
    owner = make_account()
    someone_else = make_account()
    token = client.post(
        "/api/access/team/members", json={"email": "right@example.com", "role": "viewer"}, headers=owner.headers
    ).json()["token"]
    response = client.post("/api/access/invitations/accept", json={"token": token}, headers=someone_else.headers)
    assert response.status_code == 403


def test_expired_invitation_is_refused(client, db, make_account) -> None:
    owner = make_account()
    invitee = make_account("late@example.com")
    created = client.post(
        "/api/access/team/members", json={"email": invitee.email, "role": "viewer"}, headers=owner.headers
    ).json()
    row = db.get(Invitation, created["id"])
    row.expires_at = utcnow() - timedelta(minutes=1)
    db.commit()
    response = client.post("/api/access/invitations/accept", json={"token": created["token"]}, headers=invitee.headers)
    assert response.status_code == 404


def test_inviting_an_existing_member_is_a_conflict(client, make_account) -> None:
    owner = make_account()
    member = make_account(join=owner, role="viewer")
    response = client.post(
        "/api/access/team/members", json={"email": member.email, "role": "editor"}, headers=owner.headers
    )
    assert response.status_code == 409


def test_admin_manages_members_but_not_owners(client, make_account) -> None:
    owner = make_account()
    admin = make_account(join=owner, role="admin")
    viewer = make_account(join=owner, role="viewer")

    promoted = client.patch(
        f"/api/access/team/members/{viewer.user_id}", json={"role": "editor"}, headers=admin.headers
    )
    assert promoted.status_code == 200 and promoted.json()["role"] == "editor"
    # An admin may not make owners, nor touch an owner.
    assert (
        client.patch(f"/api/access/team/members/{viewer.user_id}", json={"role": "owner"}, headers=admin.headers)
    ).status_code == 403
    assert client.delete(f"/api/access/team/members/{owner.user_id}", headers=admin.headers).status_code == 403
    invite_owner = client.post(
        "/api/access/team/members", json={"email": "x@example.com", "role": "owner"}, headers=admin.headers
    )
    assert invite_owner.status_code == 403
    # An owner may.
    assert (
        client.patch(f"/api/access/team/members/{viewer.user_id}", json={"role": "owner"}, headers=owner.headers)
    ).status_code == 200


def test_a_workspace_keeps_an_owner(client, make_account) -> None:
    owner = make_account()
    demote = client.patch(f"/api/access/team/members/{owner.user_id}", json={"role": "admin"}, headers=owner.headers)
    assert demote.status_code == 409
    assert client.delete(f"/api/access/team/members/{owner.user_id}", headers=owner.headers).status_code == 409
    second = make_account(join=owner, role="owner")
    assert client.delete(f"/api/access/team/members/{owner.user_id}", headers=second.headers).status_code == 204


def test_unknown_role_is_a_validation_error(client, make_account) -> None:
    owner = make_account()
    member = make_account(join=owner, role="viewer")
    response = client.patch(
        f"/api/access/team/members/{member.user_id}", json={"role": "superuser"}, headers=owner.headers
    )
    assert response.status_code == 422 and response.json()["error"]["details"][0]["field"] == "role"


def test_viewers_see_members_but_not_invitations(client, make_account) -> None:
    owner = make_account()
    viewer = make_account(join=owner, role="viewer")
    client.post("/api/access/team/members", json={"email": "p@example.com", "role": "viewer"}, headers=owner.headers)
    team = client.get("/api/access/team", headers=viewer.headers).json()
    assert len(team["members"]) == 2 and team["invitations"] == []


def test_removed_member_loses_access_at_once(client, make_account) -> None:
    owner = make_account()
    editor = make_account(join=owner, role="editor")
    assert client.delete(f"/api/access/team/members/{editor.user_id}", headers=owner.headers).status_code == 204
    # The editor's token still signs them in, but into their own workspace only.
    me = client.get("/api/auth/me", headers=editor.headers).json()
    assert me["workspace"]["id"] != owner.workspace_id
    response = client.get("/api/access/team", headers={**editor.headers, "X-Workspace-Id": owner.workspace_id})
    assert response.status_code == 404


def test_invitation_links_come_from_the_public_url_never_the_host_header(client, make_account, monkeypatch) -> None:
    from app.settings import settings

    monkeypatch.setattr(settings, "public_url", "https://mimic.example.com/")
    owner = make_account()
    invited = client.post("/api/access/team/members", json={"email": "guest@example.com"},
                          headers={**owner.headers, "Host": "evil.example"})  # fmt: skip
    assert invited.status_code == 201, invited.text
    body = invited.json()
    assert body["inviteUrl"] == f"https://mimic.example.com/invite/{body['token']}"
