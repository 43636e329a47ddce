"""The session scheduler: at most `cap` sessions at once, a slot taken ahead by a creation that
claims its session as it makes it, and a task cancelled before its session began at all."""

from __future__ import annotations

import asyncio

from app.engine.scheduler import SessionScheduler


async def _free_slots(scheduler: SessionScheduler) -> int:
    taken = 0
    while await scheduler.reserve():
        taken += 1
    for _ in range(taken):
        scheduler.release()
    return taken


async def test_sessions_wait_for_a_slot_and_a_reserved_one_runs_at_once() -> None:
    scheduler = SessionScheduler(2)
    gate = asyncio.Event()
    ran: list[str] = []

    async def session(name: str) -> None:
        ran.append(name)
        await gate.wait()

    scheduler.submit("a", lambda: session("a"))
    await asyncio.sleep(0.01)  # a runs in the first slot
    assert await scheduler.reserve()  # the second slot, taken ahead
    scheduler.submit("c", lambda: session("c"))  # waits: a holds one slot, the reservation the other
    assert not await scheduler.reserve()  # none free
    scheduler.submit("b", lambda: session("b"), reserved=True)
    await asyncio.sleep(0.01)
    assert sorted(ran) == ["a", "b"] and scheduler.running == 3
    gate.set()
    for name in "abc":
        await scheduler.wait(name)
    assert sorted(ran) == ["a", "b", "c"] and await _free_slots(scheduler) == 2


async def test_a_reserved_session_cancelled_before_it_began_gives_its_slot_back_and_says_so() -> None:
    scheduler = SessionScheduler(1)
    began: list[str] = []
    never: list[str] = []

    async def session() -> None:
        began.append("s")

    assert await scheduler.reserve()
    task = scheduler.submit("s", session, reserved=True, not_started=lambda: never.append("s"))
    task.cancel()  # before its first step
    await scheduler.wait("s")
    assert began == [] and never == ["s"]
    assert await _free_slots(scheduler) == 1


async def test_a_session_cancelled_while_it_runs_is_not_reported_as_never_started() -> None:
    scheduler = SessionScheduler(1)
    never: list[str] = []
    going = asyncio.Event()

    async def session() -> None:
        going.set()
        await asyncio.sleep(60)

    assert await scheduler.reserve()
    scheduler.submit("s", session, reserved=True, not_started=lambda: never.append("s"))
    await going.wait()
    assert scheduler.cancel("s")
    await scheduler.wait("s")
    assert never == [] and await _free_slots(scheduler) == 1


async def test_a_reserved_slot_comes_back_when_the_session_is_already_scheduled() -> None:
    scheduler = SessionScheduler(2)
    gate = asyncio.Event()
    scheduler.submit("s", gate.wait)
    await asyncio.sleep(0)
    assert await scheduler.reserve()
    try:
        scheduler.submit("s", gate.wait, reserved=True)
    except RuntimeError:
        pass
    else:
        raise AssertionError("a session was scheduled twice")
    assert await _free_slots(scheduler) == 1  # the one the running session holds is not free
    gate.set()
    await scheduler.wait("s")
    assert await _free_slots(scheduler) == 2
