"""Sessions at the service (without running them): every part must be of the caller's workspace,
named by its field; a session starts once; a pending one cancels and stays cancelled; its state
reads without the transcript; a late subscriber catches up from a sequence; lists filter and
page newest first; viewers read; another workspace's session is not found."""

from __future__ import annotations

import asyncio

import pytest

from app.models.account import Role
from app.models.session import SessionCreate, SimSession
from app.services import sessions
from app.services.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from app.services.pagination import PageParams
from tests.services.lab import Lab, principal_of


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def create(lab: Lab, agent: str, persona: str, objective: str, principal=None):
    data = SessionCreate.model_validate({"agentId": agent, "personaId": persona, "objectiveId": objective})
    return sessions.create_session(session=lab.db, principal=principal or lab.principal, data=data)


def test_every_part_must_be_of_the_workspace(db, make_account, lab: Lab) -> None:
    other = Lab(db, make_account())
    mine = (lab.agent(), lab.persona(), lab.objective())
    theirs = (other.agent(), other.persona(), other.objective())
    for index, field in enumerate(("agentId", "personaId", "objectiveId")):
        parts = list(mine)
        parts[index] = theirs[index]
        with pytest.raises(ValidationFailed) as raised:
            create(lab, *parts)
        assert [(d.field, d.message) for d in raised.value.details] == [
            (field, f"no such {field[:-2]} in this workspace")
        ]
    created = create(lab, *mine)
    assert (created.status, created.agent_id) == ("pending", mine[0])


def test_a_session_starts_once_and_records_the_models_it_uses(lab: Lab) -> None:
    session_id = lab.session(lab.agent(), lab.persona())
    row = sessions.mark_started(session=lab.db, principal=lab.principal, session_id=session_id)
    assert row.queued_at is not None and row.llm_config["judgeModel"] and row.llm_config["model"]
    with pytest.raises(Conflict, match="already started"):
        sessions.mark_started(session=lab.db, principal=lab.principal, session_id=session_id)


def test_a_pending_session_cancels_once(lab: Lab) -> None:
    session_id = lab.session(lab.agent(), lab.persona())
    stopped = asyncio.run(sessions.cancel_session(principal=lab.principal, session_id=session_id))
    assert stopped.status == "cancelled"
    lab.db.expire_all()
    state = sessions.session_state(session=lab.db, principal=lab.principal, session_id=session_id)
    assert (state.status, state.ended) == ("cancelled", True)
    with pytest.raises(Conflict, match="already ended"):
        asyncio.run(sessions.cancel_session(principal=lab.principal, session_id=session_id))
    with pytest.raises(Conflict):
        sessions.mark_started(session=lab.db, principal=lab.principal, session_id=session_id)


def test_state_and_catch_up(lab: Lab) -> None:
    session_id = lab.session(lab.agent(), lab.persona())
    state = sessions.session_state(session=lab.db, principal=lab.principal, session_id=session_id)
    assert (state.status, state.ended, state.message_count) == ("pending", False, 0)
    ids = lab.conversation(session_id, [("persona", "Hi"), ("agent", "Hello"), ("persona", "Bye")])
    public, messages = sessions.catch_up(session=lab.db, principal=lab.principal, session_id=session_id,
                                         after_sequence=1)  # fmt: skip
    assert public.id == session_id and [m.id for m in messages] == ids[1:]
    assert sessions.session_state(session=lab.db, principal=lab.principal, session_id=session_id).ended is True


def test_lists_filter_and_page_newest_first(lab: Lab) -> None:
    shop, bank, persona = lab.agent("Shop"), lab.agent("Bank"), lab.persona()
    first = lab.session(shop, persona, status="completed", outcome="passed")
    second = lab.session(bank, persona, status="completed", outcome="failed")
    third = lab.session(shop, persona)

    def listed(**filters) -> list[str]:
        page = sessions.list_sessions(session=lab.db, principal=lab.principal, params=PageParams(), **filters)
        return [s.id for s in page.data]

    assert listed() == [third, second, first]
    assert listed(agent_id=shop) == [third, first]
    assert listed(outcome="failed") == [second] and listed(status="pending") == [third]
    page = sessions.list_sessions(session=lab.db, principal=lab.principal, params=PageParams(page=2, limit=2))
    assert [s.id for s in page.data] == [first] and page.pagination.total == 3


def test_viewers_read_and_strangers_find_nothing(db, make_account, lab: Lab) -> None:
    agent, persona, objective = lab.agent(), lab.persona(), lab.objective()
    session_id = create(lab, agent, persona, objective).id
    viewer = principal_of(make_account(join=lab.account, role=Role.viewer))
    assert sessions.get_session(session=db, principal=viewer, session_id=session_id).id == session_id
    with pytest.raises(PermissionDenied):
        create(lab, agent, persona, objective, principal=viewer)
    with pytest.raises(PermissionDenied):
        asyncio.run(sessions.cancel_session(principal=viewer, session_id=session_id))
    stranger = principal_of(make_account())
    for read in (sessions.get_session, sessions.session_state, sessions.list_events, sessions.list_findings):
        with pytest.raises(NotFound):
            read(session=db, principal=stranger, session_id=session_id)
    with pytest.raises(NotFound):
        asyncio.run(sessions.cancel_session(principal=stranger, session_id=session_id))
    assert db.get(SimSession, session_id).status == "pending"
