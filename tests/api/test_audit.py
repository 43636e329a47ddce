"""GET /api/audit: the audit log over REST, for owners and admins of the workspace only."""

from __future__ import annotations

from tests.api.test_health_and_errors import assert_error_shape
from tests.conftest import PASSWORD

BROWSER = {"User-Agent": "Mozilla/5.0 (audit test)"}


def test_an_admin_reads_sign_ins_with_their_address(client, make_account) -> None:
    owner = make_account()
    admin = make_account(join=owner, role="admin")
    signed_in = client.post("/api/auth/login", json={"email": admin.email, "password": PASSWORD}, headers=BROWSER)
    assert signed_in.status_code == 200

    response = client.get("/api/audit", headers=admin.headers)
    assert response.status_code == 200
    body = response.json()
    assert body["pagination"] == {"page": 1, "limit": 20, "total": 1, "pages": 1}
    [event] = body["data"]
    assert event["action"] == "auth.sign_in"
    assert event["actorUserId"] == admin.user_id and event["actorEmail"] == admin.email
    assert event["ip"] == "testclient" and event["userAgent"] == BROWSER["User-Agent"]
    assert event["actorApiKeyId"] is None and event["createdAt"].endswith(("Z", "+00:00"))


def test_editors_and_viewers_are_refused(client, make_account) -> None:
    owner = make_account()
    for role in ("editor", "viewer"):
        response = client.get("/api/audit", headers=make_account(join=owner, role=role).headers)
        assert response.status_code == 403
        assert_error_shape(response.json(), "AUTHORIZATION_ERROR")


def test_another_workspace_sees_none_of_it(client, make_account) -> None:
    owner = make_account()
    stranger = make_account()
    persona = client.post("/api/personas", json={"name": "Private"}, headers=owner.headers).json()
    assert client.delete(f"/api/personas/{persona['id']}", headers=owner.headers).status_code == 204
    client.post("/api/auth/login", json={"email": owner.email, "password": PASSWORD})

    mine = client.get("/api/audit", headers=owner.headers).json()
    assert {e["action"] for e in mine["data"]} == {"persona.deleted", "auth.sign_in"}
    theirs = client.get("/api/audit", headers=stranger.headers).json()
    assert theirs["data"] == [] and theirs["pagination"]["total"] == 0
    # Naming the other workspace is no way in either.
    other = client.get("/api/audit", headers={**stranger.headers, "X-Workspace-Id": owner.workspace_id})
    assert other.status_code == 404


def test_a_failed_sign_in_is_recorded(client, make_account) -> None:
    owner = make_account()
    member = make_account(join=owner, role="viewer")
    refused = client.post("/api/auth/login", json={"email": member.email, "password": "wrong-password"})
    assert refused.status_code == 401

    failed = client.get("/api/audit", params={"action": "auth.sign_in_failed"}, headers=owner.headers).json()["data"]
    assert len(failed) == 1
    assert failed[0]["actorEmail"] == member.email and failed[0]["details"] == {"reason": "wrong_password"}


def test_deleting_a_persona_is_recorded_with_its_name(client, make_account) -> None:
    owner = make_account()
    editor = make_account(join=owner, role="editor")
    persona = client.post("/api/personas", json={"name": "Impatient Ivan"}, headers=editor.headers).json()
    assert client.delete(f"/api/personas/{persona['id']}", headers=editor.headers).status_code == 204

    response = client.get("/api/audit", params={"actorId": editor.user_id}, headers=owner.headers)
    [event] = response.json()["data"]
    assert event["action"] == "persona.deleted" and event["actorEmail"] == editor.email
    assert (event["targetType"], event["targetId"], event["targetName"]) == ("persona", persona["id"], "Impatient Ivan")


def test_key_creation_revocation_and_use_are_recorded(client, make_account) -> None:
    owner = make_account()
    key = client.post("/api/auth/api-keys", json={"name": "CI"}, headers=owner.headers).json()
    persona = client.post("/api/personas", json={"name": "By key"}, headers={"X-API-Key": key["key"]}).json()
    assert client.delete(f"/api/personas/{persona['id']}", headers={"X-API-Key": key["key"]}).status_code == 204
    assert client.delete(f"/api/auth/api-keys/{key['id']}", headers=owner.headers).status_code == 204

    events = client.get("/api/audit", headers=owner.headers).json()["data"]
    assert [e["action"] for e in events] == ["api_key.revoked", "persona.deleted", "api_key.created"]
    assert events[1]["actorApiKeyId"] == key["id"]
    assert events[0]["targetName"] == events[2]["targetName"] == "CI"
    assert key["key"] not in str(events)


def test_filters_are_validated_and_paginated(client, make_account) -> None:
    owner = make_account()
    for name in ("A", "B", "C"):
        persona = client.post("/api/personas", json={"name": name}, headers=owner.headers).json()
        client.delete(f"/api/personas/{persona['id']}", headers=owner.headers)
    page = client.get("/api/audit", params={"limit": 2, "page": 2}, headers=owner.headers).json()
    assert page["pagination"] == {"page": 2, "limit": 2, "total": 3, "pages": 2}
    assert [e["targetName"] for e in page["data"]] == ["A"]
    later = client.get("/api/audit", params={"since": "2999-01-01T00:00:00"}, headers=owner.headers).json()
    assert later["data"] == []
    bad = client.get("/api/audit", params={"since": "yesterday"}, headers=owner.headers)
    assert bad.status_code == 422
    assert assert_error_shape(bad.json(), "VALIDATION_ERROR")["details"][0]["field"] == "since"
    # A moment that is past year 9999 once turned to UTC is refused, not a crash.
    beyond = client.get("/api/audit", params={"until": "9999-12-31T23:59:00-01:00"}, headers=owner.headers)
    assert beyond.status_code == 422
    assert assert_error_shape(beyond.json(), "VALIDATION_ERROR")["details"][0]["field"] == "until"
