"""Waiting that costs nothing, at the service: one read when the answer is already there, a
read again only when the channel hears an event the caller cares about, the caller's error
before any wait, and the state as it stands when the time is up (a zero wait reads once)."""

from __future__ import annotations

import asyncio
import threading
import uuid

import pytest

from app.engine.bus import BusEvent, bus
from app.services.errors import NotFound
from app.services.waiting import wait_until


class Watched:
    """A value read the way a service reads a row, counting its reads; `first_read` is set
    once the waiter has read, so an event is sent only after it listens."""

    def __init__(self) -> None:
        self.value = "running"
        self.reads = 0
        self.first_read = threading.Event()

    def read(self) -> str:
        self.reads += 1
        self.first_read.set()
        return self.value


def test_an_answer_already_there_is_read_once() -> None:
    watched = Watched()
    watched.value = "completed"
    result = asyncio.run(wait_until(f"test-{uuid.uuid4()}", watched.read, lambda v: v == "completed", 30))
    assert (result, watched.reads) == ("completed", 1)


def test_an_event_wakes_the_waiter_and_others_are_ignored() -> None:
    channel = f"test-{uuid.uuid4()}"
    watched = Watched()

    async def scenario() -> str:
        async def finish() -> None:
            await asyncio.to_thread(watched.first_read.wait)
            bus.publish(BusEvent(channel, "ws", "message", {}))  # not one the waiter cares about
            watched.value = "completed"
            bus.publish(BusEvent(channel, "ws", "status", {"status": "completed"}))

        finisher = asyncio.create_task(finish())
        # recheck_s as long as the timeout: only an event can end this wait early.
        result = await wait_until(channel, watched.read, lambda v: v == "completed", 30, recheck_s=30,
                                  wakes=lambda event: event.type == "status")  # fmt: skip
        await finisher
        return result

    assert asyncio.run(scenario()) == "completed"
    assert watched.reads == 2  # the first read, then one for the status event (not for the message)
    assert bus.subscriber_count(channel) == 0  # the subscription is gone with the wait


def test_the_callers_error_comes_before_any_wait() -> None:
    def read() -> str:
        raise NotFound("No such session")

    with pytest.raises(NotFound):
        asyncio.run(wait_until(f"test-{uuid.uuid4()}", read, lambda v: True, 30))


def test_a_zero_wait_reads_the_state_once() -> None:
    watched = Watched()
    assert asyncio.run(wait_until(f"test-{uuid.uuid4()}", watched.read, lambda v: v == "completed", 0)) == "running"
    assert watched.reads == 1
