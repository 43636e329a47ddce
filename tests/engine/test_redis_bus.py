"""The event bus over a real Redis: two bus objects stand for two processes."""

from __future__ import annotations

import asyncio
from datetime import UTC, datetime

from app.engine.bus import ALL, BusEvent, RedisBus


async def test_events_published_in_one_process_reach_subscribers_in_another_in_order(redis_url) -> None:
    here, there = RedisBus(redis_url), RedisBus(redis_url)
    async with there.subscribe("s-1") as session_feed, there.subscribe(ALL) as everything:
        for n in range(50):
            here.publish(BusEvent("s-1", "w-1", "message", {"n": n, "at": datetime(2026, 11, 22, tzinfo=UTC)}))
        here.publish(BusEvent("s-2", "w-1", "status", {"status": "running"}))
        heard = [await session_feed.get(timeout=5) for _ in range(50)]
        assert [e.data["n"] for e in heard] == list(range(50))
        assert heard[0].data["at"] == "2026-11-22T00:00:00+00:00" and heard[0].workspace_id == "w-1"
        all_heard = [await everything.get(timeout=5) for _ in range(51)]
        assert all_heard[-1].session_id == "s-2"
        assert await session_feed.get(timeout=0.3) is None  # s-2's event is not s-1's
        # An event keeps its id across processes (webhook deliveries are deduplicated on it).
        assert heard[0].id == all_heard[0].id


async def test_publishing_from_a_thread_reaches_subscribers(redis_url) -> None:
    here, there = RedisBus(redis_url), RedisBus(redis_url)
    async with there.subscribe("s-3") as feed:
        await asyncio.to_thread(here.publish, BusEvent("s-3", "w-1", "complete", {"outcome": "passed"}))
        event = await feed.get(timeout=5)
    assert event is not None and event.type == "complete" and event.data == {"outcome": "passed"}


async def test_a_subscriber_that_leaves_stops_receiving(redis_url) -> None:
    bus = RedisBus(redis_url)
    async with bus.subscribe("s-4"):
        assert bus.subscriber_count("s-4") == 1
    assert bus.subscriber_count("s-4") == 0
    assert await bus.ping()
