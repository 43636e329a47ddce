"""Register, sign in, the current user, API keys, and workspaces over REST."""

from __future__ import annotations

from datetime import timedelta

from sqlmodel import select

from app.models import ApiKey, User
from app.models.base import utcnow
from app.services import security
from tests.api.test_health_and_errors import assert_error_shape
from tests.conftest import PASSWORD


def test_register_login_me(client) -> None:
    response = client.post("/api/auth/register", json={"email": "Ada@Example.com", "password": PASSWORD, "name": "Ada"})
    assert response.status_code == 201
    user = response.json()
    assert user["email"] == "ada@example.com" and user["name"] == "Ada"
    assert set(user) == {"id", "email", "name", "createdAt"}  # never the password hash

    login = client.post("/api/auth/login", json={"email": "ada@example.com", "password": PASSWORD})
    assert login.status_code == 200
    body = login.json()
    assert body["token_type"] == "bearer" and body["expires_in"] > 0

    me = client.get("/api/auth/me", headers={"Authorization": f"Bearer {body['access_token']}"})
    assert me.status_code == 200
    me = me.json()
    assert me["id"] == user["id"] and me["role"] == "owner" and me["authMethod"] == "token"
    assert me["workspace"]["name"] == "Ada's workspace"
    assert [w["id"] for w in me["workspaces"]] == [me["workspace"]["id"]]


def test_the_token_is_an_hs256_jwt_with_exp_iat_sub(client, make_account) -> None:
    import base64
    import json

    account = make_account()
    token = client.post("/api/auth/login", json={"email": account.email, "password": PASSWORD}).json()["access_token"]
    header, claims, _signature = token.split(".")
    pad = lambda s: s + "=" * (-len(s) % 4)  # noqa: E731
    assert json.loads(base64.urlsafe_b64decode(pad(header)))["alg"] == "HS256"
    claims = json.loads(base64.urlsafe_b64decode(pad(claims)))
    assert claims["sub"] == account.user_id and claims["exp"] > claims["iat"]


def test_password_is_stored_as_argon2_hash(client, db) -> None:
    client.post("/api/auth/register", json={"email": "b@example.com", "password": PASSWORD})
    stored = db.exec(select(User).where(User.email == "b@example.com")).one()
    assert stored.password_hash.startswith("$argon2id$") and PASSWORD not in stored.password_hash


def test_register_rejects_bad_input_and_changes_nothing(client, db) -> None:
    cases = [
        ({"email": "not-an-email", "password": PASSWORD}, "email"),
        ({"email": "c@example.com", "password": "short"}, "password"),
        ({"password": PASSWORD}, "email"),
    ]
    for body, bad_field in cases:
        response = client.post("/api/auth/register", json=body)
        assert response.status_code == 422
        error = assert_error_shape(response.json(), "VALIDATION_ERROR")
        assert bad_field in [d["field"] for d in error["details"]]
    assert db.exec(select(User)).all() == []


def test_duplicate_email_is_a_conflict(client, make_account) -> None:
    account = make_account("dup@example.com")
    response = client.post("/api/auth/register", json={"email": account.email.upper(), "password": PASSWORD})
    assert response.status_code == 409
    assert_error_shape(response.json(), "CONFLICT")


def test_wrong_password_and_unknown_email_look_the_same(client, make_account) -> None:
    account = make_account()
    wrong = client.post("/api/auth/login", json={"email": account.email, "password": "wrong-password"})
    unknown = client.post("/api/auth/login", json={"email": "nobody@example.com", "password": "wrong-password"})
    assert wrong.status_code == unknown.status_code == 401
    assert wrong.json() == unknown.json()
    assert_error_shape(wrong.json(), "AUTHENTICATION_ERROR")


def test_expired_and_tampered_tokens_are_refused(client, make_account) -> None:
    account = make_account()
    expired = security.create_access_token(account.user_id, ttl_seconds=-1).access_token
    tampered = account.token[:-4] + ("AAAA" if not account.token.endswith("AAAA") else "BBBB")
    for token in (expired, tampered, "not.a.jwt", "garbage"):
        response = client.get("/api/auth/me", headers={"Authorization": f"Bearer {token}"})
        assert response.status_code == 401, token
        assert_error_shape(response.json(), "AUTHENTICATION_ERROR")
    assert "expired" in client.get("/api/auth/me", headers={"Authorization": f"Bearer {expired}"}).text


def test_api_key_is_shown_once_then_works(client, db, make_account) -> None:
    owner = make_account()
    created = client.post("/api/auth/api-keys", json={"name": "CI"}, headers=owner.headers)
    assert created.status_code == 201
    key = created.json()["key"]
    assert key.startswith("mk_") and created.json()["prefix"] == key[:12]

    listed = client.get("/api/auth/api-keys", headers=owner.headers).json()
    assert [k["name"] for k in listed] == ["CI"]
    assert "key" not in listed[0] and key not in str(listed)

    stored = db.exec(select(ApiKey)).one()
    assert stored.key_hash == security.hash_token(key) and key not in stored.key_hash

    for headers in ({"Authorization": f"Bearer {key}"}, {"X-API-Key": key}):
        me = client.get("/api/auth/me", headers=headers)
        assert me.status_code == 200
        assert me.json()["authMethod"] == "api_key" and me.json()["id"] == owner.user_id
    db.expire_all()
    assert db.get(ApiKey, stored.id).last_used_at is not None


def test_revoked_key_stops_working(client, make_account) -> None:
    owner = make_account()
    created = client.post("/api/auth/api-keys", json={"name": "temp"}, headers=owner.headers).json()
    assert client.delete(f"/api/auth/api-keys/{created['id']}", headers=owner.headers).status_code == 204
    response = client.get("/api/auth/me", headers={"X-API-Key": created["key"]})
    assert response.status_code == 401
    assert_error_shape(response.json(), "AUTHENTICATION_ERROR")
    assert client.get("/api/auth/api-keys", headers=owner.headers).json() == []
    # Revoking twice: there is no such (active) key any more.
    assert client.delete(f"/api/auth/api-keys/{created['id']}", headers=owner.headers).status_code == 404


def test_expired_key_stops_working(client, db, make_account) -> None:
    owner = make_account()
    soon = (utcnow() + timedelta(hours=1)).isoformat()
    created = client.post("/api/auth/api-keys", json={"name": "short", "expires_at": soon}, headers=owner.headers)
    assert created.status_code == 201 and created.json()["expiresAt"] is not None
    key = created.json()["key"]
    assert client.get("/api/auth/me", headers={"X-API-Key": key}).status_code == 200

    row = db.get(ApiKey, created.json()["id"])
    row.expires_at = utcnow() - timedelta(seconds=1)  # time passes
    db.commit()
    response = client.get("/api/auth/me", headers={"X-API-Key": key})
    assert response.status_code == 401 and "expired" in response.json()["error"]["message"]


def test_key_expiry_must_be_in_the_future(client, make_account) -> None:
    owner = make_account()
    past = (utcnow() - timedelta(days=1)).isoformat()
    response = client.post("/api/auth/api-keys", json={"name": "x", "expiresAt": past}, headers=owner.headers)
    assert response.status_code == 422
    assert [d["field"] for d in response.json()["error"]["details"]] == ["expiresAt"]


def test_a_key_acts_only_in_its_workspace(client, make_account) -> None:
    owner = make_account()
    key = client.post("/api/auth/api-keys", json={"name": "CI"}, headers=owner.headers).json()["key"]
    other = make_account()
    response = client.get("/api/auth/me", headers={"X-API-Key": key, "X-Workspace-Id": other.workspace_id})
    assert response.status_code == 401


def test_key_loses_access_when_its_owner_leaves(client, make_account) -> None:
    owner = make_account()
    admin = make_account(join=owner, role="admin")
    key = client.post("/api/auth/api-keys", json={"name": "CI"}, headers=admin.headers).json()["key"]
    assert client.get("/api/auth/me", headers={"X-API-Key": key}).status_code == 200
    assert client.delete(f"/api/access/team/members/{admin.user_id}", headers=owner.headers).status_code == 204
    assert client.get("/api/auth/me", headers={"X-API-Key": key}).status_code == 401


def test_several_workspaces_and_switching(client, make_account) -> None:
    account = make_account()
    created = client.post("/api/workspaces", json={"name": "Second"}, headers=account.headers)
    assert created.status_code == 201 and created.json()["role"] == "owner"
    second = created.json()["id"]
    names = sorted(w["name"] for w in client.get("/api/workspaces", headers=account.headers).json())
    assert names == ["Second", "Tester's workspace"]

    # Per request, by header...
    me = client.get("/api/auth/me", headers={**account.headers, "X-Workspace-Id": second}).json()
    assert me["workspace"]["id"] == second
    # ...or for good, by switching.
    assert client.get("/api/auth/me", headers=account.headers).json()["workspace"]["id"] == account.workspace_id
    assert client.post(f"/api/workspaces/{second}/switch", headers=account.headers).status_code == 200
    assert client.get("/api/auth/me", headers=account.headers).json()["workspace"]["id"] == second

    # A workspace one does not belong to is not found, whichever way it is asked for.
    stranger = make_account()
    assert client.post(f"/api/workspaces/{second}/switch", headers=stranger.headers).status_code == 404
    assert client.get("/api/auth/me", headers={**stranger.headers, "X-Workspace-Id": second}).status_code == 404


def test_profile_update_and_password_change(client, make_account) -> None:
    account = make_account()
    wrong = client.patch(
        "/api/auth/me", json={"currentPassword": "nope-nope", "newPassword": "a-new-password"}, headers=account.headers
    )
    assert wrong.status_code == 422
    assert wrong.json()["error"]["details"][0]["field"] == "currentPassword"
    ok = client.patch(
        "/api/auth/me",
        json={"name": "Renamed", "currentPassword": PASSWORD, "newPassword": "a-new-password"},
        headers=account.headers,
    )
    assert ok.status_code == 200 and ok.json()["name"] == "Renamed"
    assert client.post("/api/auth/login", json={"email": account.email, "password": PASSWORD}).status_code == 401
    assert (
        client.post("/api/auth/login", json={"email": account.email, "password": "a-new-password"}).status_code == 200
    )
