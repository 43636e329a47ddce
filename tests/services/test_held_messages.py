"""A message the runner lets wait (`held`, app/services/session_store.py): the persona's
message commits with the agent's answer in one transaction; alone after its hold when nothing
follows; a held message that cannot be written fails the store's next call; and the end of a
session (the judge's calls, its judgement, how it ended) in one transaction."""

from __future__ import annotations

import asyncio

import pytest
from sqlalchemy.exc import IntegrityError
from sqlmodel import col, select

from app.engine.bus import BusEvent, bus
from app.models import SimSession
from app.models.account import Role
from app.models.judgement import Judgement
from app.models.session import Finding, Message, Verdict
from app.services import live
from app.services.access import Principal
from app.services.session_store import DatabaseSessionStore
from app.services.writer import WRITER
from tests.engine.test_repeats import judged


def _messages(db, session_id: str) -> list[tuple[int, str]]:
    db.expire_all()
    rows = db.exec(select(Message).where(Message.session_id == session_id).order_by(col(Message.sequence))).all()
    return [(m.sequence, m.role) for m in rows]


async def test_a_held_message_commits_with_the_next_write(db, stored_session) -> None:
    store = DatabaseSessionStore(stored_session.id, stored_session.workspace_id, hold_s=30)
    await store.mark_running()
    before, count = WRITER.batches, stored_session.message_count
    persona = await store.add_message(role="persona", content="Where is order A-10482?", held=True)
    assert persona.sequence == 1 and _messages(db, stored_session.id) == []  # not yet in the database
    await store.add_message(role="agent", content="It arrives on Friday.", latency_ms=12)
    assert WRITER.batches == before + 1  # both in one transaction
    assert _messages(db, stored_session.id) == [(1, "persona"), (2, "agent")]
    assert db.get(SimSession, stored_session.id).message_count == count + 2


async def test_a_held_message_is_written_alone_when_nothing_follows(db, stored_session) -> None:
    store = DatabaseSessionStore(stored_session.id, stored_session.workspace_id, hold_s=0.05)
    await store.mark_running()
    await store.add_message(role="persona", content="Hello?", held=True)
    for _ in range(500):  # its hold ends, the writer commits it: seen by another connection
        if _messages(db, stored_session.id):
            break
        await asyncio.sleep(0.01)
    assert _messages(db, stored_session.id) == [(1, "persona")]
    # The next write goes on as usual (the lone write was awaited once, without error).
    await store.add_message(role="agent", content="Hi.")
    assert _messages(db, stored_session.id) == [(1, "persona"), (2, "agent")]


@pytest.mark.parametrize("hold_s", [0.0, 30.0], ids=["written-alone", "written-with-the-next"])
async def test_a_held_message_that_cannot_be_written_fails_the_next_call(db, stored_session, hold_s) -> None:
    store = DatabaseSessionStore(stored_session.id, stored_session.workspace_id, hold_s=hold_s)
    await store.mark_running()
    db.delete(db.get(SimSession, stored_session.id))  # its session is gone: the message cannot be stored
    db.commit()
    await store.add_message(role="persona", content="Anyone there?", held=True)
    await asyncio.sleep(0)
    with pytest.raises(IntegrityError):
        await store.add_message(role="agent", content="Yes.")
    assert _messages(db, stored_session.id) == []


async def test_the_judges_calls_its_judgement_and_the_end_are_one_transaction(db, stored_session) -> None:
    """The end of a session: the judge's two calls and its judgement are held, and written
    with how the session ended; the findings come back with the ids they are stored under."""
    store = DatabaseSessionStore(stored_session.id, stored_session.workspace_id, hold_s=30)
    await store.mark_running()
    result = judged(["met", "not_met"], findings=[("tone", "medium")])
    before = WRITER.batches
    for _ in range(2):
        await store.add_llm_call(role="judge", model="m", prompt_tokens=10, completion_tokens=5, cost=0.25, held=True)
    published = await store.save_judgement(result)
    db.expire_all()
    assert db.exec(select(Judgement).where(Judgement.session_id == stored_session.id)).all() == []  # held
    await store.finish(status="completed", outcome="failed", end_reason="goal_met", blame="agent")
    assert WRITER.batches == before + 1
    db.expire_all()
    [judgement] = db.exec(select(Judgement).where(Judgement.session_id == stored_session.id)).all()
    rows = db.exec(select(Verdict).where(Verdict.judgement_id == judgement.id)).all()
    assert sorted(r.status for r in rows if r.kind == "criterion") == ["met", "not_met"]
    [finding] = db.exec(select(Finding).where(Finding.judgement_id == judgement.id)).all()
    assert [f["id"] for f in published] == [finding.id] and published[0]["judgementId"] == judgement.id
    row = db.get(SimSession, stored_session.id)
    assert (row.status, row.outcome, row.total_tokens, row.total_cost) == ("completed", "failed", 30, 0.5)
    assert row.verdict_summary == result.summary


async def test_a_live_feed_joined_while_a_message_is_held_reads_it_back_at_the_end(db, stored_session) -> None:
    """A client that subscribes after the persona's last message was published but before it
    was committed (with the end) finds it neither in the store nor on the bus: the feed reads
    it back when the session's end says how many messages there are."""
    workspace = stored_session.workspace_id
    store = DatabaseSessionStore(stored_session.id, workspace, hold_s=30)
    await store.mark_running()
    said = await store.add_message(role="persona", content="Thanks, that is all.", held=True)
    bus.publish(BusEvent(stored_session.id, workspace, "message", {"id": said.id, "sequence": said.sequence,
                                                                  "content": "Thanks, that is all."}))  # fmt: skip
    feed = live.session_feed(Principal("someone", "a@example.com", workspace, Role.owner), stored_session.id)
    assert (await anext(feed)).type == "status"  # subscribed, the store read: nothing stored yet
    summary = await store.finish(status="completed", outcome="passed", end_reason="goal_met")
    bus.publish(BusEvent(stored_session.id, workspace, "complete", {"status": "completed", **summary}))
    rest = [(item.type, item.data.get("content")) async for item in feed]
    assert rest == [("message", "Thanks, that is all."), ("complete", None)]
