"""API keys at the service: only admins and owners manage them, a key is shown once and
stored as a hash, another workspace's key is not found, a revoked or expired key stops
authenticating, and an expiry must be in the future and carry its timezone."""

from __future__ import annotations

from datetime import datetime, timedelta

import pytest
from sqlmodel import select

from app.models.account import ApiKey, ApiKeyCreate, Role
from app.models.base import utcnow
from app.services import accounts, api_keys, security, team
from app.services.access import Principal
from app.services.errors import AuthenticationFailed, NotFound, PermissionDenied, ValidationFailed


def principal_of(account) -> Principal:
    return Principal(account.user_id, account.email, account.workspace_id, Role(account.role))


def test_a_new_key_is_shown_once_and_stored_only_as_its_hash(db, make_account) -> None:
    owner = principal_of(make_account())
    created = api_keys.create_api_key(session=db, principal=owner, data=ApiKeyCreate(name="  CI  "))
    assert created.key.startswith(security.API_KEY_PREFIX)
    assert created.prefix == created.key[:12] and created.name == "CI" and created.status == "active"
    row = db.get(ApiKey, created.id)
    assert row.key_hash == security.hash_token(created.key) and created.key not in row.key_hash
    listed = api_keys.list_api_keys(session=db, principal=owner)
    assert [k.id for k in listed] == [created.id]
    assert not hasattr(listed[0], "key")  # the secret is never listed again


def test_the_key_authenticates_as_its_owner_in_its_workspace_only(db, make_account) -> None:
    account = make_account()
    other = make_account()
    created = api_keys.create_api_key(session=db, principal=principal_of(account), data=ApiKeyCreate(name="CI"))
    principal = accounts.authenticate(session=db, credential=created.key)
    assert (principal.user_id, principal.workspace_id, principal.api_key_id) == (
        account.user_id, account.workspace_id, created.id,
    )  # fmt: skip
    assert db.get(ApiKey, created.id).last_used_at is not None
    with pytest.raises(AuthenticationFailed, match="another workspace"):
        accounts.authenticate(session=db, credential=created.key, workspace_id=other.workspace_id)


@pytest.mark.parametrize("role", [Role.viewer, Role.editor])
def test_editors_and_viewers_may_not_manage_keys(db, make_account, role: Role) -> None:
    owner = make_account()
    member = principal_of(make_account(join=owner, role=role))
    with pytest.raises(PermissionDenied):
        api_keys.create_api_key(session=db, principal=member, data=ApiKeyCreate(name="CI"))
    with pytest.raises(PermissionDenied):
        api_keys.list_api_keys(session=db, principal=member)
    key = api_keys.create_api_key(session=db, principal=principal_of(owner), data=ApiKeyCreate(name="CI"))
    with pytest.raises(PermissionDenied):
        api_keys.revoke_api_key(session=db, principal=member, key_id=key.id)
    assert db.get(ApiKey, key.id).revoked_at is None


def test_an_admin_manages_every_key_of_the_workspace(db, make_account) -> None:
    owner = make_account()
    admin = principal_of(make_account(join=owner, role=Role.admin))
    key = api_keys.create_api_key(session=db, principal=principal_of(owner), data=ApiKeyCreate(name="owner's"))
    assert [k.id for k in api_keys.list_api_keys(session=db, principal=admin)] == [key.id]
    api_keys.revoke_api_key(session=db, principal=admin, key_id=key.id)
    assert db.get(ApiKey, key.id).revoked_at is not None


def test_another_workspaces_key_is_not_found_and_stays_usable(db, make_account) -> None:
    mine, theirs = principal_of(make_account()), principal_of(make_account())
    key = api_keys.create_api_key(session=db, principal=theirs, data=ApiKeyCreate(name="theirs"))
    with pytest.raises(NotFound):
        api_keys.revoke_api_key(session=db, principal=mine, key_id=key.id)
    assert api_keys.list_api_keys(session=db, principal=mine) == []
    assert accounts.authenticate(session=db, credential=key.key).api_key_id == key.id


def test_a_revoked_key_is_refused_hidden_by_default_and_not_revoked_twice(db, make_account) -> None:
    owner = principal_of(make_account())
    key = api_keys.create_api_key(session=db, principal=owner, data=ApiKeyCreate(name="CI"))
    api_keys.revoke_api_key(session=db, principal=owner, key_id=key.id)
    with pytest.raises(AuthenticationFailed, match="revoked"):
        accounts.authenticate(session=db, credential=key.key)
    assert api_keys.list_api_keys(session=db, principal=owner) == []
    [listed] = api_keys.list_api_keys(session=db, principal=owner, include_revoked=True)
    assert listed.status == "revoked"
    with pytest.raises(NotFound):
        api_keys.revoke_api_key(session=db, principal=owner, key_id=key.id)
    with pytest.raises(NotFound):
        api_keys.revoke_api_key(session=db, principal=owner, key_id="no-such-key")


@pytest.mark.parametrize(
    ("expires_at", "message"),
    [
        (datetime(2099, 1, 1), "must include a timezone offset"),
        (utcnow() - timedelta(minutes=1), "must be in the future"),
    ],
)
def test_an_expiry_must_be_aware_and_in_the_future(db, make_account, expires_at, message) -> None:
    owner = principal_of(make_account())
    with pytest.raises(ValidationFailed) as raised:
        api_keys.create_api_key(session=db, principal=owner, data=ApiKeyCreate(name="CI", expires_at=expires_at))
    assert [(d.field, d.message) for d in raised.value.details] == [("expiresAt", message)]
    assert db.exec(select(ApiKey)).all() == []


def test_a_key_past_its_expiry_reads_expired_and_is_refused(db, make_account) -> None:
    owner = principal_of(make_account())
    key = api_keys.create_api_key(
        session=db, principal=owner, data=ApiKeyCreate(name="CI", expires_at=utcnow() + timedelta(hours=1))
    )
    db.get(ApiKey, key.id).expires_at = utcnow() - timedelta(seconds=1)
    db.commit()
    [listed] = api_keys.list_api_keys(session=db, principal=owner)
    assert listed.status == "expired"
    with pytest.raises(AuthenticationFailed, match="expired"):
        accounts.authenticate(session=db, credential=key.key)


def test_keys_list_newest_first(db, make_account) -> None:
    owner = principal_of(make_account())
    first = api_keys.create_api_key(session=db, principal=owner, data=ApiKeyCreate(name="first"))
    db.get(ApiKey, first.id).created_at = utcnow() - timedelta(minutes=5)
    db.commit()
    second = api_keys.create_api_key(session=db, principal=owner, data=ApiKeyCreate(name="second"))
    assert [k.id for k in api_keys.list_api_keys(session=db, principal=owner)] == [second.id, first.id]


def test_a_key_whose_owner_left_the_workspace_is_refused(db, make_account) -> None:
    owner = make_account()
    admin = make_account(join=owner, role=Role.admin)
    key = api_keys.create_api_key(session=db, principal=principal_of(admin), data=ApiKeyCreate(name="admin's"))
    team.remove_member(session=db, principal=principal_of(owner), user_id=admin.user_id)
    with pytest.raises(AuthenticationFailed, match="no longer a member"):
        accounts.authenticate(session=db, credential=key.key)
