"""Accounts at the service: one account per email (case aside), the password policy on
registration and change, sign-in throttled per email after repeated failures, sign-out ending
one token or all of them, a changed password ending every token, a single-use sign-in ticket,
and workspaces: created owned, switched to only when a member, renamed by those who manage."""

from __future__ import annotations

import pytest

from app.models.account import ProfileUpdate, RegisterRequest, Role, WorkspaceCreate, WorkspaceUpdate
from app.services import accounts
from app.services.errors import (
    AuthenticationFailed,
    Conflict,
    NotFound,
    PermissionDenied,
    RateLimited,
    ValidationFailed,
)
from app.settings import settings
from tests.conftest import PASSWORD
from tests.services.lab import principal_of

NEW_PASSWORD = "zebra-kettle-orbit-97"


def login(db, email: str, password: str = PASSWORD) -> str:
    return accounts.login(session=db, email=email, password=password).access_token


def test_one_account_per_email_whatever_its_case(db, make_account) -> None:
    account = make_account("Dana@Example.com")
    assert account.email == "Dana@Example.com"
    with pytest.raises(Conflict) as raised:
        accounts.register(session=db, data=RegisterRequest(email="dana@EXAMPLE.com", password=PASSWORD))
    assert [d.field for d in raised.value.details] == ["email"]
    assert accounts.authenticate(session=db, credential=login(db, " DANA@example.com ")).user_id == account.user_id


def test_a_weak_password_is_refused_at_registration(db) -> None:
    with pytest.raises(ValidationFailed) as raised:
        accounts.register(session=db, data=RegisterRequest(email="x@example.com", password="password1234"))
    assert [d.field for d in raised.value.details] == ["password"]
    with pytest.raises(AuthenticationFailed):
        login(db, "x@example.com", "password1234")


def test_a_wrong_password_fails_and_too_many_failures_throttle_the_email(db, make_account, monkeypatch) -> None:
    monkeypatch.setattr(settings, "sign_in_max_failures", 2)
    account = make_account()
    for _ in range(2):
        with pytest.raises(AuthenticationFailed, match="Wrong email or password"):
            login(db, account.email, "not-the-password-at-all")
    with pytest.raises(RateLimited) as raised:
        login(db, account.email, PASSWORD)  # even the right password waits now
    assert 0 < raised.value.retry_after <= settings.sign_in_window_minutes * 60
    other = make_account()
    assert login(db, other.email)  # another email is not throttled


def test_a_success_clears_the_failures(db, make_account, monkeypatch) -> None:
    monkeypatch.setattr(settings, "sign_in_max_failures", 2)
    account = make_account()
    with pytest.raises(AuthenticationFailed):
        login(db, account.email, "not-the-password-at-all")
    login(db, account.email)
    with pytest.raises(AuthenticationFailed):
        login(db, account.email, "not-the-password-at-all")
    assert login(db, account.email)  # one failure since the success: not throttled


def test_sign_out_ends_one_token_or_all(db, make_account) -> None:
    account = make_account()
    first, second, third = (login(db, account.email) for _ in range(3))
    accounts.logout(session=db, credential=first)
    with pytest.raises(AuthenticationFailed, match="revoked"):
        accounts.authenticate(session=db, credential=first)
    assert accounts.authenticate(session=db, credential=second).user_id == account.user_id
    accounts.logout(session=db, credential=second, everywhere=True)
    with pytest.raises(AuthenticationFailed, match="revoked"):
        accounts.authenticate(session=db, credential=third)
    with pytest.raises(ValidationFailed) as raised:
        accounts.logout(session=db, credential="mk_not-a-token")
    assert [d.field for d in raised.value.details] == ["authorization"]


def test_a_changed_password_ends_every_token_and_needs_the_current_one(db, make_account) -> None:
    account = make_account()
    me = principal_of(account)
    token = login(db, account.email)
    with pytest.raises(ValidationFailed) as raised:
        wrong = ProfileUpdate(current_password="wrong-one-entirely", new_password=NEW_PASSWORD)
        accounts.update_profile(session=db, principal=me, data=wrong)
    assert [d.field for d in raised.value.details] == ["currentPassword"]
    assert accounts.authenticate(session=db, credential=token)  # nothing changed
    with pytest.raises(ValidationFailed) as raised:
        accounts.update_profile(session=db, principal=me,
                                data=ProfileUpdate(current_password=PASSWORD, new_password="password1234"))  # fmt: skip
    assert [d.field for d in raised.value.details] == ["newPassword"]
    accounts.update_profile(session=db, principal=me, data=ProfileUpdate(current_password=PASSWORD,
                                                                         new_password=NEW_PASSWORD))  # fmt: skip
    with pytest.raises(AuthenticationFailed):
        accounts.authenticate(session=db, credential=token)
    with pytest.raises(AuthenticationFailed):
        login(db, account.email)
    assert login(db, account.email, NEW_PASSWORD)


def test_a_sign_in_ticket_is_used_once(db, make_account) -> None:
    account = make_account()
    ticket = accounts.sign_in_ticket(session=db, email=account.email, password=PASSWORD)
    token = accounts.redeem_sign_in_ticket(session=db, ticket=ticket).access_token
    assert accounts.authenticate(session=db, credential=token).user_id == account.user_id
    with pytest.raises(AuthenticationFailed, match="used already"):
        accounts.redeem_sign_in_ticket(session=db, ticket=ticket)
    with pytest.raises(AuthenticationFailed):
        accounts.authenticate(session=db, credential=ticket)  # a ticket is no access token


def test_workspaces_are_created_owned_switched_to_only_as_a_member(db, make_account) -> None:
    account = make_account()
    me = principal_of(account)
    made = accounts.create_workspace(session=db, principal=me, data=WorkspaceCreate(name="  Second  "))
    assert (made.name, made.role) == ("Second", "owner")
    assert {w.name for w in accounts.list_workspaces(session=db, principal=me)} >= {"Second"}
    assert accounts.switch_workspace(session=db, principal=me, workspace_id=made.id).id == made.id
    assert accounts.authenticate(session=db, credential=login(db, account.email)).workspace_id == made.id
    stranger = make_account()
    with pytest.raises(NotFound):
        accounts.switch_workspace(session=db, principal=principal_of(stranger), workspace_id=made.id)
    with pytest.raises(NotFound):
        accounts.authenticate(session=db, credential=stranger.token, workspace_id=made.id)


def test_only_those_who_manage_the_workspace_rename_it(db, make_account) -> None:
    owner = make_account()
    editor = principal_of(make_account(join=owner, role=Role.editor))
    with pytest.raises(PermissionDenied):
        accounts.rename_workspace(session=db, principal=editor, data=WorkspaceUpdate(name="Mine now"))
    renamed = accounts.rename_workspace(session=db, principal=principal_of(owner), data=WorkspaceUpdate(name="QA"))
    assert renamed.name == "QA"
    assert accounts.me(session=db, principal=editor).workspace.name == "QA"
