"""The runner's stop conditions and outcomes, with the real offline model, the real
database store and real targets on 127.0.0.1."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import select

from app.engine.bus import InMemoryBus
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot, SessionLimits, SessionPlan
from app.engine.runner import SessionRunner
from app.engine.targets import TargetSpec
from app.models import Judgement, LLMCall, Message, SimSession, Verdict
from app.models.agent_config import HttpAgentConfig
from app.services.session_store import DatabaseSessionStore
from tests.support.bots import http_bot
from tests.support.loopback import LoopbackServer

OFFLINE = ModelChoice("mimic/offline")


def another(db, row) -> SimSession:
    """A new session row like `row`."""
    db.refresh(row)
    fresh = SimSession(workspace_id=row.workspace_id, agent_id=row.agent_id, persona_id=row.persona_id,
                       objective_id=row.objective_id)  # fmt: skip
    db.add(fresh)
    db.commit()
    return fresh


# The objective's own check decides its criterion (the offline judge abstains on meaning).
DATE_CHECK = {"type": "regex", "value": r"delivered on \w+day", "criterion": 0}


def plan_for(row, url: str, *, traits=None, max_turns=6, limits=None, criteria=None, checks=None) -> SessionPlan:
    return SessionPlan(
        session_id=row.id,
        workspace_id=row.workspace_id,
        persona=PersonaSnapshot(name="Sam", traits=traits or {"patience_level": "medium"}),
        objective=ObjectiveSnapshot(
            name="Parcel",
            goal="Find out when order A-10482 will be delivered.",
            success_criteria=criteria or ["The agent gives the delivery date of order A-10482"],
            max_turns=max_turns,
            checks=[DATE_CHECK] if checks is None else checks,
        ),  # fmt: skip
        target=TargetSpec(
            row.agent_id,
            "http",
            HttpAgentConfig.model_validate({"url": url, "replyPath": "data.reply", "timeoutSeconds": 5}).model_dump(
                by_alias=True
            ),
        ),  # fmt: skip
        limits=limits or SessionLimits(seed=11),
        simulator=OFFLINE,
        judge=OFFLINE,
    )


async def run(plan: SessionPlan, bus: InMemoryBus | None = None) -> str:
    return await SessionRunner(
        plan, DatabaseSessionStore(plan.session_id, plan.workspace_id), bus or InMemoryBus()
    ).run()


def _reload(db, row):
    db.expire_all()
    return db.get(SimSession, row.id), db.exec(select(Message).where(Message.session_id == row.id)
                                                .order_by(Message.sequence)).all()  # fmt: skip


async def test_goal_met_passes_and_everything_is_recorded(db, stored_session) -> None:
    with LoopbackServer(http_bot()) as bot:
        outcome = await run(plan_for(stored_session, f"{bot.url}/chat"))
    row, messages = _reload(db, stored_session)
    assert outcome == "passed" and row.status == "completed" and row.end_reason == "goal_met"
    assert [m.sequence for m in messages] == list(range(1, len(messages) + 1))
    assert all(m.latency_ms is not None for m in messages if m.role == "agent")
    assert row.message_count == len(messages) and row.duration_ms is not None
    roles = [c.role for c in db.exec(select(LLMCall).where(LLMCall.session_id == row.id)).all()]
    assert roles.count("judge") == 2 and roles.count("simulator") >= 2  # the verdict pass and the audit pass
    [judgement] = db.exec(select(Judgement).where(Judgement.session_id == row.id)).all()
    assert (judgement.judge_model, judgement.outcome, judgement.blame) == ("mimic/offline", "passed", None)
    assert judgement.prompt_version and judgement.simulator["spoiled"] is False
    [criterion] = [
        v for v in db.exec(select(Verdict).where(Verdict.judgement_id == judgement.id)) if v.kind == "criterion"
    ]
    assert criterion.status == "met" and criterion.source == "check"
    assert criterion.cited_message_ids and set(criterion.cited_message_ids) <= {
        m.id for m in messages if m.role == "agent"
    }


async def test_without_a_check_the_offline_judge_answers_inconclusive(db, stored_session) -> None:
    """The same good conversation, no objective check: the offline judge cannot read meaning,
    so it abstains, and the session is inconclusive (never passed), the judge's to answer for."""
    with LoopbackServer(http_bot()) as bot:
        outcome = await run(plan_for(stored_session, f"{bot.url}/chat", checks=[]))
    row, _ = _reload(db, stored_session)
    assert outcome == "inconclusive" and (row.outcome, row.blame) == ("inconclusive", "judge")


async def test_an_unhelpful_agent_fails_and_patience_decides_when(db, stored_session, make_account) -> None:
    state = {"mode": "ok", "fail_after": 10**6, "reply": "I'm sorry, I can't help with that."}
    turns = {}
    with LoopbackServer(http_bot(state)) as bot:
        for patience in ("low", "high"):
            row = another(db, stored_session)
            outcome = await run(plan_for(row, f"{bot.url}/chat", traits={"patience_level": patience}, max_turns=12))
            row, messages = _reload(db, row)
            assert outcome == "failed" and row.end_reason in {"persona_gave_up", "max_turns"}
            assert row.blame == "agent"
            turns[patience] = sum(1 for m in messages if m.role == "persona")
    assert turns["low"] < turns["high"]


async def test_budgets_stop_the_conversation(db, stored_session) -> None:
    state = {"mode": "ok", "fail_after": 10**6, "reply": "Could you tell me more?"}
    with LoopbackServer(http_bot(state)) as bot:
        await run(plan_for(stored_session, f"{bot.url}/chat", traits={"patience_level": "high"},
                           limits=SessionLimits(max_messages=3, seed=1)))  # fmt: skip
        row, messages = _reload(db, stored_session)
        assert row.end_reason == "max_messages" and len(messages) == 3

        second = another(db, stored_session)
        await run(plan_for(second, f"{bot.url}/chat", traits={"patience_level": "high"}, max_turns=2))
        row, messages = _reload(db, second)
        assert row.end_reason == "max_turns" and sum(m.role == "persona" for m in messages) == 2

        third = another(db, stored_session)
        state.update(mode="slow", delay=0.4, fail_after=0)
        await run(plan_for(third, f"{bot.url}/chat", traits={"patience_level": "high"}, max_turns=50,
                           limits=SessionLimits(duration_s=1.0, seed=1)))  # fmt: skip
        row, _ = _reload(db, third)
        assert row.end_reason == "duration" and row.status == "completed"


async def test_a_silent_agent_ends_the_session(db, stored_session) -> None:
    with LoopbackServer(http_bot({"mode": "ok", "fail_after": 10**6, "reply": "   "})) as bot:
        outcome = await run(plan_for(stored_session, f"{bot.url}/chat", checks=[]))
    row, messages = _reload(db, stored_session)
    # The empty reply is stored, flagged, and counted toward the silence that ended the session.
    assert row.end_reason == "agent_silent" and [m.role for m in messages] == ["persona", "agent"]
    assert messages[1].content == "   " and messages[1].meta == {"empty": True} and row.message_count == 2
    # Silence meets nothing: failed, the agent's.
    assert outcome == "failed" and row.blame == "agent"


async def test_cancel_keeps_what_was_said_and_publishes_the_end(db, stored_session) -> None:
    bus = InMemoryBus()
    state = {"mode": "ok", "fail_after": 1, "reply": "One moment please."}
    with LoopbackServer(http_bot(state)) as bot:
        state.update(mode="slow", delay=30)
        async with bus.subscribe(stored_session.id) as events:
            plan = plan_for(stored_session, f"{bot.url}/chat", traits={"patience_level": "high"})
            task = asyncio.create_task(run(plan, bus))
            while True:
                event = await events.get(timeout=10)
                if event.type == "message" and event.data["role"] == "persona" and event.data["sequence"] == 3:
                    break
            task.cancel()
            with pytest.raises(asyncio.CancelledError):
                await task
            kinds = []
            while (event := await events.get(timeout=1)) is not None:
                kinds.append(event.type)
    row, messages = _reload(db, stored_session)
    assert row.status == "cancelled" and row.outcome == "cancelled"
    assert [m.role for m in messages] == ["persona", "agent", "persona"]
    assert kinds[-1] == "complete"


async def test_a_runner_starting_late_does_not_undo_a_cancel(db, stored_session) -> None:
    """A cancel can end the session while the runner's "running" write still waits for the
    write lock; that write, landing last, must not bring the session back to life."""
    store = DatabaseSessionStore(stored_session.id, stored_session.workspace_id)
    stored_session.status, stored_session.outcome, stored_session.end_reason = "cancelled", "cancelled", "cancelled"
    db.add(stored_session)
    db.commit()
    await store.mark_running()
    row, _ = _reload(db, stored_session)
    assert row.status == "cancelled" and row.outcome == "cancelled"


async def test_bus_events_follow_the_stored_messages(db, stored_session) -> None:
    bus = InMemoryBus()
    with LoopbackServer(http_bot()) as bot:
        async with bus.subscribe(stored_session.id) as events:
            await run(plan_for(stored_session, f"{bot.url}/chat"), bus)
            received = []
            while (event := await events.get(timeout=0.5)) is not None:
                received.append(event)
    _row, messages = _reload(db, stored_session)
    assert [e.data["id"] for e in received if e.type == "message"] == [m.id for m in messages]
    assert received[-1].type == "complete" and received[-1].data["outcome"] == "passed"
