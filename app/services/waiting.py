"""Waiting that costs nothing: a long-poll answered when what the caller waits for happens.

A CI script used to read a whole session (its transcript) or a whole run (its matrix) every
second until it ended. `wait_until` holds the request open on the event loop instead, reads
the light state once, then again only when the bus says something happened on the channel
(and every `recheck_s` seconds, should an event be missed), and answers as soon as `done`
holds or the timeout passes. Each read is a unit of work in a thread, never on the loop.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from typing import TypeVar

from app.engine.bus import BusEvent, bus

T = TypeVar("T")

LONGEST_WAIT_S = 60.0
RECHECK_S = 5.0
# A burst of events (a run's sessions ending together) is read back once, after this quiet.
SETTLE_S = 0.05


async def wait_until(
    channel: str,
    read: Callable[[], T],
    done: Callable[[T], bool],
    timeout_s: float,
    *,
    wakes: Callable[[BusEvent], bool] = lambda event: True,
    types: frozenset[str] | None = None,
    recheck_s: float = RECHECK_S,
    settle_s: float = SETTLE_S,
) -> T:
    """`read()` once `done` holds, or at the timeout, whichever comes first; read again when an
    event on `channel` that `wakes` accepts is heard, once no other has come for `settle_s`
    (0: at once); with `types`, events of other types do not even reach the wait. The first read
    raises what `read` raises (not found, not allowed) before anything is waited for."""
    loop = asyncio.get_running_loop()
    deadline = loop.time() + min(max(timeout_s, 0.0), LONGEST_WAIT_S)
    async with bus.subscribe(channel, types) as subscription:
        # Subscribed first, then read: an end between the two is heard.
        state = await asyncio.to_thread(read)
        while not done(state):
            remaining = deadline - loop.time()
            if remaining <= 0:
                break
            event = await subscription.get(timeout=min(remaining, recheck_s))
            if event is not None and not wakes(event):
                continue
            while event is not None and settle_s:  # a burst (many sessions ending together) is read once
                event = await subscription.get(timeout=settle_s)
            state = await asyncio.to_thread(read)
    return state
