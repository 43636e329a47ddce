"""The runner's stop conditions and outcomes, with the real offline model and real targets on
127.0.0.1, writing to the engine's in-memory store (the database store is held to the same
contract in tests/services/test_session_store_contract.py)."""

from __future__ import annotations

import asyncio
import uuid

import pytest

from app.engine.bus import InMemoryBus
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot, SessionLimits, SessionPlan
from app.engine.memory_store import MemorySessionStore
from app.engine.runner import SessionRunner
from app.engine.targets import TargetSpec
from app.models.agent_config import HttpAgentConfig
from tests.support.bots import http_bot
from tests.support.loopback import LoopbackServer

OFFLINE = ModelChoice("mimic/offline")

# The objective's own check decides its criterion (the offline judge abstains on meaning).
DATE_CHECK = {"type": "regex", "value": r"delivered on \w+day", "criterion": 0}


def plan_for(url: str, *, traits=None, max_turns=6, limits=None, criteria=None, checks=None) -> SessionPlan:
    return SessionPlan(
        session_id=str(uuid.uuid4()),
        workspace_id="workspace",
        persona=PersonaSnapshot(name="Sam", traits=traits or {"patience_level": "medium"}),
        objective=ObjectiveSnapshot(
            name="Parcel",
            goal="Find out when order A-10482 will be delivered.",
            success_criteria=criteria or ["The agent gives the delivery date of order A-10482"],
            max_turns=max_turns,
            checks=[DATE_CHECK] if checks is None else checks,
        ),  # fmt: skip
        target=TargetSpec(
            "agent",
            "http",
            HttpAgentConfig.model_validate({"url": url, "replyPath": "data.reply", "timeoutSeconds": 5}).model_dump(
                by_alias=True
            ),
        ),  # fmt: skip
        limits=limits or SessionLimits(seed=11),
        simulator=OFFLINE,
        judge=OFFLINE,
    )


async def run(plan: SessionPlan, bus: InMemoryBus | None = None) -> tuple[str, MemorySessionStore]:
    store = MemorySessionStore(plan.session_id, plan.workspace_id)
    return await SessionRunner(plan, store, bus or InMemoryBus()).run(), store


async def test_goal_met_passes_and_everything_is_recorded() -> None:
    with LoopbackServer(http_bot()) as bot:
        outcome, store = await run(plan_for(f"{bot.url}/chat"))
    messages = store.messages
    assert outcome == "passed" and store.status == "completed" and store.end_reason == "goal_met"
    assert [m.sequence for m in messages] == list(range(1, len(messages) + 1))
    assert all(m.latency_ms is not None for m in messages if m.role == "agent")
    assert store.message_count == len(messages) and store.duration_ms is not None
    roles = [c.role for c in store.calls]
    assert roles.count("judge") == 2 and roles.count("simulator") >= 2  # the verdict pass and the audit pass
    assert store.total_tokens == sum(c.prompt_tokens + c.completion_tokens for c in store.calls)
    [judgement] = store.judgements
    assert (judgement.judge_model, judgement.outcome, judgement.blame) == ("mimic/offline", "passed", None)
    assert judgement.prompt_version and judgement.simulator["spoiled"] is False
    [criterion] = judgement.criteria
    assert criterion.status == "met" and criterion.source == "check"
    assert criterion.evidence and set(criterion.evidence) <= {m.id for m in messages if m.role == "agent"}


async def test_without_a_check_the_offline_judge_answers_inconclusive() -> None:
    """The same good conversation, no objective check: the offline judge cannot read meaning,
    so it abstains, and the session is inconclusive (never passed), the judge's to answer for."""
    with LoopbackServer(http_bot()) as bot:
        outcome, store = await run(plan_for(f"{bot.url}/chat", checks=[]))
    assert outcome == "inconclusive" and (store.outcome, store.blame) == ("inconclusive", "judge")


async def test_an_unhelpful_agent_fails_and_patience_decides_when() -> None:
    state = {"mode": "ok", "fail_after": 10**6, "reply": "I'm sorry, I can't help with that."}
    turns = {}
    with LoopbackServer(http_bot(state)) as bot:
        for patience in ("low", "high"):
            plan = plan_for(f"{bot.url}/chat", traits={"patience_level": patience}, max_turns=12)
            outcome, store = await run(plan)
            assert outcome == "failed" and store.end_reason in {"persona_gave_up", "max_turns"}
            assert store.blame == "agent"
            turns[patience] = sum(1 for m in store.messages if m.role == "persona")
    assert turns["low"] < turns["high"]


async def test_budgets_stop_the_conversation() -> None:
    state = {"mode": "ok", "fail_after": 10**6, "reply": "Could you tell me more?"}
    with LoopbackServer(http_bot(state)) as bot:
        _, store = await run(plan_for(f"{bot.url}/chat", traits={"patience_level": "high"},
                                      limits=SessionLimits(max_messages=3, seed=1)))  # fmt: skip
        assert store.end_reason == "max_messages" and len(store.messages) == 3

        _, store = await run(plan_for(f"{bot.url}/chat", traits={"patience_level": "high"}, max_turns=2))
        assert store.end_reason == "max_turns" and sum(m.role == "persona" for m in store.messages) == 2

        state.update(mode="slow", delay=0.4, fail_after=0)
        _, store = await run(plan_for(f"{bot.url}/chat", traits={"patience_level": "high"}, max_turns=50,
                                      limits=SessionLimits(duration_s=1.0, seed=1)))  # fmt: skip
        assert store.end_reason == "duration" and store.status == "completed"


async def test_a_silent_agent_ends_the_session() -> None:
    with LoopbackServer(http_bot({"mode": "ok", "fail_after": 10**6, "reply": "   "})) as bot:
        outcome, store = await run(plan_for(f"{bot.url}/chat", checks=[]))
    messages = store.messages
    # The empty reply is stored, flagged, and counted toward the silence that ended the session.
    assert store.end_reason == "agent_silent" and [m.role for m in messages] == ["persona", "agent"]
    assert messages[1].content == "   " and messages[1].meta == {"empty": True} and store.message_count == 2
    # Silence meets nothing: failed, the agent's.
    assert outcome == "failed" and store.blame == "agent"


async def test_cancel_keeps_what_was_said_and_publishes_the_end() -> None:
    bus = InMemoryBus()
    state = {"mode": "ok", "fail_after": 1, "reply": "One moment please."}
    with LoopbackServer(http_bot(state)) as bot:
        state.update(mode="slow", delay=30)
        plan = plan_for(f"{bot.url}/chat", traits={"patience_level": "high"})
        store = MemorySessionStore(plan.session_id, plan.workspace_id)
        async with bus.subscribe(plan.session_id) as events:
            task = asyncio.create_task(SessionRunner(plan, store, bus).run())
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
    assert store.status == "cancelled" and store.outcome == "cancelled"
    assert [m.role for m in store.messages] == ["persona", "agent", "persona"]
    assert kinds[-1] == "complete"


async def test_a_session_stopped_from_outside_stays_stopped() -> None:
    """A cancel can end the session while the runner's "running" write still waits; that write,
    and the runner's own ending, landing last, must not bring the session back to life."""
    store = MemorySessionStore()
    store.stop_from_outside("cancelled")
    await store.mark_running()
    await store.finish(status="completed", outcome="passed", end_reason="goal_met")
    assert (store.status, store.outcome, store.end_reason) == ("cancelled", "cancelled", "cancelled")


async def test_bus_events_follow_the_stored_messages() -> None:
    bus = InMemoryBus()
    with LoopbackServer(http_bot()) as bot:
        plan = plan_for(f"{bot.url}/chat")
        store = MemorySessionStore(plan.session_id, plan.workspace_id)
        async with bus.subscribe(plan.session_id) as events:
            await SessionRunner(plan, store, bus).run()
            received = []
            while (event := await events.get(timeout=0.5)) is not None:
                received.append(event)
    assert [e.data["id"] for e in received if e.type == "message"] == [m.id for m in store.messages]
    assert received[-1].type == "complete" and received[-1].data["outcome"] == "passed"
