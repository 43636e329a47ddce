"""The in-memory bus fed from other threads (a run is finalized in a worker thread, a REST
route runs in one): a subscriber waiting on the loop is woken, and events keep their order."""

from __future__ import annotations

import asyncio
import threading
import time

from app.engine.bus import ALL, BusEvent, InMemoryBus


def _event(n: int, session_id: str = "s1") -> BusEvent:
    return BusEvent(session_id, "w1", "message", {"n": n})


async def test_a_waiting_subscriber_is_woken_by_an_event_from_another_thread() -> None:
    bus = InMemoryBus()
    async with bus.subscribe("s1") as subscription:
        # Nothing else happens on this loop meanwhile: only the publish can wake the wait.
        threading.Timer(0.2, bus.publish, args=(_event(1),)).start()
        started = time.monotonic()
        event = await subscription.get(timeout=10)
        waited = time.monotonic() - started
    assert event is not None and event.data == {"n": 1}
    assert waited < 5, f"the subscriber slept through the event for {waited:.1f} s"


async def test_events_from_threads_and_the_loop_keep_their_order() -> None:
    bus = InMemoryBus()
    async with bus.subscribe("s1") as one, bus.subscribe(ALL) as everything:
        bus.publish(_event(0))
        await asyncio.to_thread(lambda: [bus.publish(_event(n)) for n in range(1, 200)])
        bus.publish(_event(200))
        bus.publish(_event(0, session_id="other"))
        got = [(await one.get(timeout=5)).data["n"] for _ in range(201)]
        everywhere = [(await everything.get(timeout=5)).data["n"] for _ in range(202)]
    assert got == list(range(201))
    assert everywhere == [*range(201), 0]


async def test_a_subscriber_on_another_loop_hears_events_through_its_own_loop() -> None:
    bus = InMemoryBus()
    ready, heard = threading.Event(), []

    def listen_on_another_loop() -> None:
        async def listen() -> None:
            async with bus.subscribe("s1") as there:
                ready.set()
                event = await there.get(timeout=10)
                heard.append(event.data if event else None)

        asyncio.run(listen())

    thread = threading.Thread(target=listen_on_another_loop)
    thread.start()
    assert ready.wait(5)
    async with bus.subscribe("s1") as here:
        bus.publish(_event(1))  # published on this loop, heard on both
        assert (await here.get(timeout=5)).data == {"n": 1}
    await asyncio.to_thread(thread.join, 10)
    assert heard == [{"n": 1}]
    assert bus.subscriber_count("s1") == 0
