"""A WhatsApp bot's reply travels over the bus to the session waiting for it: from a route's
worker thread (thread-safely), and from another process (a backend other than the queue worker
running the session) when the bus is Redis."""

from __future__ import annotations

import asyncio

from app.engine.bus import ALL, InMemoryBus, RedisBus
from app.engine.targets import whatsapp
from app.engine.targets.whatsapp import REPLY, deliver_reply, reply_channel


async def _next_text(subscription) -> str:
    while True:
        event = await asyncio.wait_for(subscription.get(), 5)
        if event is not None and event.type == REPLY:
            return event.data["text"]


async def test_a_reply_from_a_worker_thread_reaches_the_waiting_session(monkeypatch) -> None:
    monkeypatch.setattr(whatsapp, "bus", InMemoryBus())
    async with (
        whatsapp.bus.subscribe(reply_channel("agent-1", "15550001")) as replies,
        whatsapp.bus.subscribe(reply_channel("agent-1", "15550002")) as other_persona,
        whatsapp.bus.subscribe(ALL) as everything,
    ):
        # As the send endpoint does: in a route's worker thread, not on the session's loop.
        await asyncio.to_thread(deliver_reply, "agent-1", "15550001", "ws-1", "Your order ships today")
        assert await _next_text(replies) == "Your order ships today"
        # Only the persona it was sent to hears it, and it is not a session's event (webhooks, feeds).
        assert await other_persona.get(timeout=0.2) is None
        assert await everything.get(timeout=0.2) is None


async def test_a_reply_reaching_another_process_travels_over_redis(redis_url) -> None:
    worker_bus, backend_bus = RedisBus(redis_url), RedisBus(redis_url)  # two processes' buses
    async with worker_bus.subscribe(reply_channel("agent-2", "15550003")) as replies:
        # The bot's call reached another backend: its route thread publishes on its own bus.
        await asyncio.to_thread(
            backend_bus.publish,
            whatsapp.BusEvent(reply_channel("agent-2", "15550003"), "ws-1", REPLY, {"text": "Refund sent"}),
        )
        assert await _next_text(replies) == "Refund sent"
