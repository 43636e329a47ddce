"""The two SessionStores keep one contract: the same session, run by the real runner with the
offline model against a real agent on 127.0.0.1, leaves the same record in the database as in
the engine's in-memory store (which the engine's own tests use), and both keep the rules of a
session stopped from outside, of numbering, counters and browser records."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.engine.bus import InMemoryBus
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot, SessionLimits, SessionPlan
from app.engine.memory_store import MemorySessionStore
from app.engine.runner import SessionRunner
from app.engine.targets import TargetSpec
from app.models import Event, Finding, Judgement, LLMCall, Message, SimSession, Verdict
from app.models.agent_config import HttpAgentConfig
from app.services.session_store import DatabaseSessionStore
from tests.support.bots import http_bot, scripted_bot
from tests.support.loopback import LoopbackServer

OFFLINE = ModelChoice("mimic/offline")
DATE_CHECK = {"type": "regex", "value": r"delivered on \w+day", "criterion": 0}


@pytest.fixture
def new_row(db, stored_session):
    """Session rows like the stored one (same workspace, agent, persona, objective)."""

    def make() -> SimSession:
        row = SimSession(workspace_id=stored_session.workspace_id, agent_id=stored_session.agent_id,
                         persona_id=stored_session.persona_id, objective_id=stored_session.objective_id)  # fmt: skip
        db.add(row)
        db.commit()
        return row

    return make


def plan_for(row: SimSession, url: str, **limits) -> SessionPlan:
    config = HttpAgentConfig.model_validate({"url": url, "replyPath": "data.reply", "timeoutSeconds": 5})
    return SessionPlan(
        session_id=row.id, workspace_id=row.workspace_id,
        persona=PersonaSnapshot(name="Sam", traits={"patience_level": "medium"}),
        objective=ObjectiveSnapshot(name="Parcel", goal="Find out when order A-10482 will be delivered.",
                                    success_criteria=["The agent gives the delivery date of order A-10482"],
                                    max_turns=4, checks=[DATE_CHECK]),
        target=TargetSpec(row.agent_id, "http", config.model_dump(by_alias=True)),
        limits=SessionLimits(seed=7, **limits), simulator=OFFLINE, judge=OFFLINE,
    )  # fmt: skip


async def run_both(db, row: SimSession, url: str, **limits):
    """The same plan through each store: (outcome, what the database holds), (outcome, memory)."""
    plan = plan_for(row, url, **limits)
    in_db = await SessionRunner(plan, DatabaseSessionStore(row.id, row.workspace_id), InMemoryBus()).run()
    memory = MemorySessionStore(row.id, row.workspace_id)
    in_memory = await SessionRunner(plan, memory, InMemoryBus()).run()
    db.expire_all()
    return in_db, in_memory, memory


def db_record(db, session_id: str) -> dict:
    row = db.get(SimSession, session_id)
    messages = db.exec(select(Message).where(Message.session_id == session_id).order_by(Message.sequence)).all()
    position = {m.id: m.sequence for m in messages}
    calls = db.exec(select(LLMCall).where(LLMCall.session_id == session_id).order_by(LLMCall.created_at)).all()
    judgement = db.exec(select(Judgement).where(Judgement.session_id == session_id)).one()
    verdicts = db.exec(select(Verdict).where(Verdict.judgement_id == judgement.id)).all()
    findings = db.exec(select(Finding).where(Finding.session_id == session_id)).all()
    return {
        "status": (row.status, row.outcome, row.end_reason, row.blame, row.error),
        "counters": (row.message_count, row.total_tokens, round(row.total_cost, 9)),
        "summary": row.verdict_summary,
        "messages": [(m.sequence, m.role, m.content, m.meta, m.model, m.prompt_tokens) for m in messages],
        "calls": sorted((c.role, c.model, c.prompt_tokens, c.completion_tokens, c.status) for c in calls),
        "judgement": (judgement.judge_model, judgement.prompt_version, judgement.outcome, judgement.blame),
        "verdicts": sorted(
            (v.kind, v.key, v.status, v.source, v.gating, v.blame, tuple(position[i] for i in v.cited_message_ids))
            for v in verdicts
        ),  # fmt: skip
        "findings": sorted((f.type, f.severity, f.source, f.description) for f in findings),
    }


def memory_record(store: MemorySessionStore) -> dict:
    position = {m.id: m.sequence for m in store.messages}
    judgement = store.judgement
    return {
        "status": (store.status, store.outcome, store.end_reason, store.blame, store.error),
        "counters": (store.message_count, store.total_tokens, round(store.total_cost, 9)),
        "summary": store.verdict_summary,
        "messages": [(m.sequence, m.role, m.content, m.meta, m.model, m.prompt_tokens) for m in store.messages],
        "calls": sorted((c.role, c.model, c.prompt_tokens, c.completion_tokens, c.status) for c in store.calls),
        "judgement": (judgement.judge_model, judgement.prompt_version, judgement.outcome, judgement.blame),
        "verdicts": sorted(
            (r.kind, r.key, r.status, r.source, r.gating, r.blame, tuple(position[i] for i in r.evidence))
            for r in judgement.rows
        ),  # fmt: skip
        "findings": sorted((f["type"], f["severity"], f["source"], f["description"]) for f in store.findings),
    }


async def test_a_passing_session_leaves_the_same_record_in_both(db, new_row) -> None:
    row = new_row()
    with LoopbackServer(http_bot()) as bot:
        in_db, in_memory, memory = await run_both(db, row, f"{bot.url}/chat")
    assert in_db == in_memory == "passed"
    stored, kept = db_record(db, row.id), memory_record(memory)
    assert stored == kept
    assert stored["counters"][0] == len(stored["messages"]) >= 3 and stored["verdicts"]


async def test_a_failing_session_with_findings_leaves_the_same_record_in_both(db, new_row) -> None:
    row = new_row()
    with LoopbackServer(scripted_bot(lambda message, n: f"You said: {message}")) as bot:
        in_db, in_memory, memory = await run_both(db, row, f"{bot.url}/chat")
    assert in_db == in_memory == "failed"
    stored, kept = db_record(db, row.id), memory_record(memory)
    assert stored == kept and any(f[0] == "echo" for f in stored["findings"])


async def test_a_silent_agent_and_a_budget_end_both_alike(db, new_row) -> None:
    with LoopbackServer(scripted_bot(lambda message, n: "  ")) as bot:
        row = new_row()
        await run_both(db, row, f"{bot.url}/chat")
        silent = db_record(db, row.id)
    with LoopbackServer(http_bot({"mode": "ok", "fail_after": 10**6, "reply": "Tell me more?"})) as bot:
        row = new_row()
        _, _, memory = await run_both(db, row, f"{bot.url}/chat", max_messages=3)
        assert db_record(db, row.id) == memory_record(memory)
    assert silent["status"][2] == "agent_silent" and silent["messages"][1][3] == {"empty": True}


@pytest.mark.parametrize("kind", ["database", "memory"])
async def test_a_session_stopped_from_outside_stays_stopped(db, new_row, kind) -> None:
    """A cancel can end the session while the runner's "running" write still waits for the
    write lock; that write, and the runner's ending, landing last, must not undo it."""
    row = new_row()
    if kind == "database":
        store = DatabaseSessionStore(row.id, row.workspace_id)
        row.status = row.outcome = row.end_reason = "cancelled"
        db.add(row)
        db.commit()
    else:
        store = MemorySessionStore(row.id, row.workspace_id)
        store.stop_from_outside("cancelled")
    await store.mark_running()
    summary = await store.finish(status="completed", outcome="passed", end_reason="goal_met")
    if kind == "database":
        db.expire_all()
        row = db.get(SimSession, row.id)
        state = (row.status, row.outcome, row.end_reason)
    else:
        state = (store.status, store.outcome, store.end_reason)
    assert state == ("cancelled", "cancelled", "cancelled") and summary == {"duration": 0.0, "messageCount": 0}


@pytest.mark.parametrize("kind", ["database", "memory"])
async def test_browser_records_numbered_counted_and_published_alike(db, new_row, kind) -> None:
    row = new_row()
    store = DatabaseSessionStore(row.id, row.workspace_id) if kind == "database" else MemorySessionStore(row.id)
    await store.mark_running()
    first = await store.add_event(type="navigate", context={"url": "/"}, decision={}, outcome={"ok": True})
    second = await store.add_event(type="action", context={}, decision={"click": "e3"}, outcome={"ok": True})
    third = await store.add_event(type="action", context={}, decision={"click": "e4"}, outcome={"ok": True})
    assert [first.sequence, second.sequence, third.sequence] == [1, 2, 3]
    finding = await store.add_finding(type="accessibility", severity="high", description="No label", source="measured",
                                      evidence={"pages": [{"page": "/"}]}, event_id=second.id, page="/")  # fmt: skip
    grown = await store.update_finding(finding["id"], description="No label (2 pages)",
                                       evidence={"pages": [{"page": "/"}, {"page": "/cart"}]})  # fmt: skip
    assert await store.update_finding("no-such-finding", description="x", evidence={}) is None
    artifact = await store.add_artifact(kind="screenshot", name="step-2.png", content_type="image/png",
                                        data=b"\x89PNG", event_id=second.id)  # fmt: skip
    summary = await store.finish(status="completed", outcome="passed", end_reason="goal_met")
    assert set(finding) == set(grown) and grown["id"] == finding["id"]
    assert (grown["description"], grown["pages"], grown["eventId"]) == ("No label (2 pages)", ["/", "/cart"], second.id)
    assert (artifact.kind, artifact.size) == ("screenshot", 4) and summary["actionCount"] == 2
    if kind == "database":
        db.expire_all()
        assert db.get(SimSession, row.id).action_count == 2
        assert [e.sequence for e in db.exec(select(Event).where(Event.session_id == row.id))] == [1, 2, 3]
        assert db.get(Finding, finding["id"]).description == "No label (2 pages)"
    else:
        assert store.action_count == 2 and store.findings == [grown] and store.artifacts[0].data == b"\x89PNG"
