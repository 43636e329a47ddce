"""The services' async entry points and the dashboard's way into them: the database work runs in
a worker thread (never on the loop), the loop work (a session's task) on the loop that awaits
them; names come with a page of sessions and suites; the lifecycle starts and stops its chores."""

from __future__ import annotations

import asyncio
import threading

import pytest

from app.models.account import Role
from app.models.library import AgentCreate, ObjectiveCreate, PersonaCreate
from app.models.session import SessionCreate
from app.models.suite import SuiteCreate
from app.runtime import execution, lifecycle
from app.services import accounts, agents, calls, objectives, personas, sessions, suites, units
from app.services.access import Principal, RequestMeta
from app.services.errors import AuthenticationFailed, Conflict, NotFound
from app.services.pagination import PageParams


class Lab:
    def __init__(self, db, account) -> None:
        self.db = db
        self.account = account
        self.principal = Principal(account.user_id, account.email, account.workspace_id, Role(account.role))
        self.persona = personas.create_persona(session=db, principal=self.principal, data=PersonaCreate(name="Ann")).id
        self.objective = objectives.create_objective(
            session=db, principal=self.principal,
            data=ObjectiveCreate.model_validate({"name": "Refund", "definition": {"goal": "get a refund"}}),
        ).id  # fmt: skip
        self.agent = agents.create_agent(session=db, principal=self.principal, data=AgentCreate.model_validate(
            {"name": "Shop bot", "type": "hosted", "config": {"systemPrompt": "You help.", "timeoutSeconds": 10}}
        )).id  # fmt: skip

    def session_data(self) -> SessionCreate:
        return SessionCreate.model_validate(
            {"agentId": self.agent, "personaId": self.persona, "objectiveId": self.objective,
             "config": {"maxTurns": 2}, "llmConfig": {"model": "mimic/offline", "judgeModel": "mimic/offline"}}
        )  # fmt: skip


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


async def test_a_unit_of_work_runs_in_a_worker_thread(lab: Lab) -> None:
    seen = {}

    def work(*, session, principal):
        seen["thread"] = threading.current_thread()
        return accounts.me(session=session, principal=principal).email

    assert await units.in_thread(work, principal=lab.principal) == lab.account.email
    assert seen["thread"] is not threading.main_thread()


async def test_the_dashboard_calls_sync_and_async_services_as_the_caller(lab: Lab) -> None:
    meta = RequestMeta(ip="127.0.0.1", user_agent="test")
    me = await calls.as_caller(accounts.me, credential=lab.account.token, meta=meta)
    assert me.email == lab.account.email
    # An async entry point gets the caller checked in a thread, and is awaited here, on this loop.
    started = await calls.as_caller(sessions.create_and_start, credential=lab.account.token, meta=meta,
                                    data=lab.session_data())  # fmt: skip
    # A slot was free: the session was made running, claimed by this process, and runs.
    assert started.status == "running" and execution.scheduler.is_active(started.id)
    await execution.scheduler.wait(started.id)
    with pytest.raises(AuthenticationFailed):
        await calls.as_caller(accounts.me, credential="not-a-token", meta=meta)


def _stored(lab: Lab, session_id: str):
    from app.models.session import SimSession

    lab.db.expire_all()
    return lab.db.get(SimSession, session_id)


async def test_a_started_session_is_claimed_as_it_is_made_when_a_slot_is_free(lab: Lab) -> None:
    started = await sessions.create_and_start(principal=lab.principal, data=lab.session_data())
    row = await asyncio.to_thread(_stored, lab, started.id)
    # One transaction made it running for this process: the runner claims nothing again.
    assert (row.status, row.worker_id) in {("running", execution.WORKER_ID), ("completed", execution.WORKER_ID)}
    assert row.started_at is not None and row.queued_at is not None
    await execution.scheduler.wait(started.id)
    ended = await asyncio.to_thread(_stored, lab, started.id)
    assert ended.status == "completed" and ended.ended_at is not None
    assert await execution.scheduler.reserve()  # the slot came back
    execution.scheduler.release()


async def test_with_every_slot_taken_a_started_session_waits_pending_and_runs_later(lab: Lab) -> None:
    taken = 0
    while await execution.scheduler.reserve():
        taken += 1
    assert taken == execution.scheduler.cap
    try:
        waiting = await sessions.create_and_start(principal=lab.principal, data=lab.session_data())
        assert waiting.status == "pending" and execution.scheduler.is_active(waiting.id)
        row = await asyncio.to_thread(_stored, lab, waiting.id)
        assert row.status == "pending" and row.worker_id is None
    finally:
        for _ in range(taken):
            execution.scheduler.release()
    await execution.scheduler.wait(waiting.id)  # claimed the usual way once a slot is free
    ended = await asyncio.to_thread(_stored, lab, waiting.id)
    assert ended.status == "completed" and ended.worker_id == execution.WORKER_ID


async def test_a_refused_start_gives_its_slot_back_and_leaves_nothing(lab: Lab) -> None:
    from sqlmodel import select

    from app.models.session import SimSession
    from app.services.errors import ValidationFailed

    data = lab.session_data().model_copy(update={"agent_id": "no-such-agent"})
    with pytest.raises(ValidationFailed):
        await sessions.create_and_start(principal=lab.principal, data=data)
    assert not lab.db.exec(select(SimSession).where(SimSession.workspace_id == lab.account.workspace_id)).all()
    taken = 0
    while await execution.scheduler.reserve():
        taken += 1
    for _ in range(taken):
        execution.scheduler.release()
    assert taken == execution.scheduler.cap  # every slot is free again


async def test_a_session_claimed_as_made_and_cancelled_at_once_ends_cancelled(lab: Lab) -> None:
    started = await sessions.create_and_start(principal=lab.principal, data=lab.session_data())
    # (tests/engine/test_scheduler.py: a task cancelled before its runner began at all.)
    assert execution.scheduler.cancel(started.id)
    await execution.scheduler.wait(started.id)
    for _ in range(100):
        row = await asyncio.to_thread(_stored, lab, started.id)
        if row.status != "running":
            break
        await asyncio.sleep(0.02)
    assert (row.status, row.outcome, row.end_reason) == ("cancelled", "cancelled", "cancelled")
    taken = 0
    while await execution.scheduler.reserve():
        taken += 1
    for _ in range(taken):
        execution.scheduler.release()
    assert taken == execution.scheduler.cap


async def test_starting_and_cancelling_a_session_on_this_loop(lab: Lab) -> None:
    created = await units.in_thread(sessions.create_session, principal=lab.principal, data=lab.session_data())
    assert (created.agent_name, created.persona_name, created.objective_name) == ("Shop bot", "Ann", "Refund")
    started = await sessions.start_session(principal=lab.principal, session_id=created.id)
    assert started.id == created.id and execution.scheduler.is_active(created.id)
    with pytest.raises(Conflict):  # started once only
        await sessions.start_session(principal=lab.principal, session_id=created.id)
    stopped = await sessions.cancel_session(principal=lab.principal, session_id=created.id)
    assert stopped.status == "cancelled"
    await execution.scheduler.wait(created.id)
    detail = await units.in_thread(sessions.get_session, principal=lab.principal, session_id=created.id)
    assert detail.status == "cancelled" and detail.agent_name == "Shop bot"
    with pytest.raises(Conflict):
        await sessions.cancel_session(principal=lab.principal, session_id=created.id)


async def test_another_workspace_cannot_start_or_stop_a_session(lab: Lab, make_account) -> None:
    other = make_account()
    stranger = Principal(other.user_id, other.email, other.workspace_id, Role(other.role))
    created = await units.in_thread(sessions.create_session, principal=lab.principal, data=lab.session_data())
    with pytest.raises(NotFound):
        await sessions.start_session(principal=stranger, session_id=created.id)
    with pytest.raises(NotFound):
        await sessions.cancel_session(principal=stranger, session_id=created.id)
    assert not execution.scheduler.is_active(created.id)


def test_a_page_of_sessions_and_suites_names_what_it_refers_to(lab: Lab) -> None:
    sessions.create_session(session=lab.db, principal=lab.principal, data=lab.session_data())
    suite = suites.create_suite(session=lab.db, principal=lab.principal, data=SuiteCreate(
        name="Nightly", agent_id=lab.agent, persona_ids=[lab.persona], objective_ids=[lab.objective]))  # fmt: skip
    assert (suite.agent_name, suite.persona_names, suite.objective_names) == ("Shop bot", ["Ann"], ["Refund"])
    [listed] = sessions.list_sessions(session=lab.db, principal=lab.principal, params=PageParams(limit=10)).data
    assert (listed.agent_name, listed.persona_name, listed.objective_name) == ("Shop bot", "Ann", "Refund")
    objectives.delete_objective(session=lab.db, principal=lab.principal, objective_id=lab.objective)
    [listed] = sessions.list_sessions(session=lab.db, principal=lab.principal, params=PageParams(limit=10)).data
    assert (listed.persona_name, listed.objective_name) == ("Ann", None)  # deleted since: the page says so
    [page_suite] = suites.list_suites(session=lab.db, principal=lab.principal, params=PageParams(limit=10)).data
    assert page_suite.agent_name == "Shop bot" and page_suite.persona_names == ["Ann"]


async def test_the_lifecycle_starts_its_chores_and_stops_them() -> None:
    began, ended = asyncio.Event(), asyncio.Event()

    async def chore() -> None:
        began.set()
        try:
            await asyncio.Event().wait()
        finally:
            ended.set()

    async with lifecycle.running([lifecycle.Chore("test-chore", chore)]) as started:
        await asyncio.wait_for(began.wait(), 5)
        assert [t.get_name() for t in started.tasks] == ["test-chore"]
    assert ended.is_set() and all(t.done() for t in started.tasks)


def test_pickers_find_by_name_and_keep_what_was_chosen(lab: Lab, make_account) -> None:
    from app.services import pickers

    for n in range(5):
        personas.create_persona(session=lab.db, principal=lab.principal, data=PersonaCreate(name=f"Bob {n}"))
    found = pickers.choices(session=lab.db, principal=lab.principal, kind="personas", q="bob", limit=3)
    assert [c.name for c in found] == ["Bob 0", "Bob 1", "Bob 2"]  # by name, one page
    every = pickers.choices(session=lab.db, principal=lab.principal, kind="personas", q="bob")
    kept = pickers.choices(session=lab.db, principal=lab.principal, kind="personas", q="bob", limit=1,
                           chosen=[every[4].id])  # fmt: skip
    assert [c.name for c in kept] == ["Bob 0", "Bob 4"]  # a choice past the page is still offered
    assert [c.name for c in pickers.choices(session=lab.db, principal=lab.principal, kind="personas", q="b 4")] == [
        "Bob 4"
    ]
    runnable = pickers.choices(session=lab.db, principal=lab.principal, kind="agents", agent_types=["browser"])
    assert runnable == []  # the hosted agent is not of that type
    other = make_account()
    stranger = Principal(other.user_id, other.email, other.workspace_id, Role(other.role))
    theirs = pickers.choices(session=lab.db, principal=stranger, kind="personas", chosen=[lab.persona])
    assert lab.persona not in {c.id for c in theirs}  # another workspace's choice is never offered
