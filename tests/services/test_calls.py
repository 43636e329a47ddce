"""The dashboard's way into the services, at the service: a call runs as the holder of the
credential, checked afresh each time (a signed-out token or a removed member is refused at
once), sync services in a worker thread and async entry points awaited; anonymous calls have no
caller; a live feed's caller is re-checked the same way, and another workspace's session is not
theirs to stream."""

from __future__ import annotations

import asyncio

import pytest

from app.models.account import Role
from app.services import accounts, calls, live, personas, sessions, team
from app.services.access import RequestMeta
from app.services.errors import AuthenticationFailed, NotFound
from app.services.pagination import PageParams
from tests.conftest import PASSWORD
from tests.services.lab import Lab, principal_of

META = RequestMeta(ip="127.0.0.1", user_agent="dashboard")


def test_a_call_runs_as_the_credentials_holder(db, make_account) -> None:
    account = make_account()
    lab = Lab(db, account)
    made = lab.persona("Made here")
    page = asyncio.run(calls.as_caller(personas.list_personas, credential=account.token, meta=META,
                                       params=PageParams(limit=100)))  # fmt: skip
    assert made in {p.id for p in page.data}
    me = asyncio.run(calls.as_caller(accounts.me, credential=account.token, meta=META))
    assert (me.id, me.workspace.id) == (account.user_id, account.workspace_id)


def test_an_async_entry_point_is_awaited_with_the_caller(db, make_account) -> None:
    account = make_account()
    lab = Lab(db, account)
    session_id = lab.session(lab.agent(), lab.persona())
    stopped = asyncio.run(calls.as_caller(sessions.cancel_session, credential=account.token, meta=META,
                                          session_id=session_id))  # fmt: skip
    assert stopped.status == "cancelled"


def test_a_signed_out_token_is_refused_at_once(db, make_account) -> None:
    account = make_account()
    accounts.logout(session=db, credential=account.token)
    with pytest.raises(AuthenticationFailed, match="revoked"):
        asyncio.run(calls.as_caller(accounts.me, credential=account.token, meta=META))


def test_anonymous_calls_have_no_caller(db, make_account) -> None:
    account = make_account()
    token = asyncio.run(calls.anonymous(accounts.login, email=account.email, password=PASSWORD))
    assert accounts.authenticate(session=db, credential=token.access_token).user_id == account.user_id


def test_a_live_feeds_caller_is_rechecked(db, make_account) -> None:
    owner = make_account()
    member = make_account(join=owner, role=Role.viewer)
    lab = Lab(db, owner)
    session_id = lab.session(lab.agent(), lab.persona())
    principal = principal_of(member)
    assert live.revalidate(member.token, principal, session_id).user_id == member.user_id
    stranger = principal_of(make_account())
    with pytest.raises(NotFound):
        live.check_access(stranger, session_id)
    team.remove_member(session=db, principal=lab.principal, user_id=member.user_id)
    with pytest.raises(NotFound, match="No such workspace"):  # no longer a member of it
        live.revalidate(member.token, principal, session_id)
