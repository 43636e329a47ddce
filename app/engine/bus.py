"""The one event bus of the engine: the runner publishes, and the dashboard, the SSE
stream, the WebSocket and outbound webhooks subscribe. In one process it lives in memory;
across processes a Redis pub/sub bus takes its place behind the same interface."""

from __future__ import annotations

import asyncio
import time
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from typing import Any, Protocol

ALL = "*"  # the channel that receives every session's events (webhooks, dashboards)


@dataclass(frozen=True)
class BusEvent:
    """type: status | message | progress | finding | complete | error | action"""

    session_id: str
    workspace_id: str
    type: str
    data: dict[str, Any]
    timestamp: float = field(default_factory=time.time)


class Subscription(Protocol):
    def __aiter__(self) -> AsyncIterator[BusEvent]: ...

    async def get(self, timeout: float | None = None) -> BusEvent | None: ...


class EventBus(Protocol):
    def publish(self, event: BusEvent) -> None: ...

    def subscribe(self, channel: str) -> AsyncIterator[Subscription]: ...


class _Queue:
    def __init__(self, maxsize: int) -> None:
        self.queue: asyncio.Queue[BusEvent] = asyncio.Queue(maxsize=maxsize)
        self.dropped = 0

    def __aiter__(self) -> AsyncIterator[BusEvent]:
        return self._iterate()

    async def _iterate(self) -> AsyncIterator[BusEvent]:
        while True:
            yield await self.queue.get()

    async def get(self, timeout: float | None = None) -> BusEvent | None:
        try:
            return await asyncio.wait_for(self.queue.get(), timeout)
        except TimeoutError:
            return None


class InMemoryBus:
    """Fan-out to asyncio queues. A subscriber that falls far behind loses events rather
    than holding the runner back; subscribers catch up from the database anyway."""

    def __init__(self, queue_size: int = 10_000) -> None:
        self._subscribers: dict[str, set[_Queue]] = defaultdict(set)
        self._queue_size = queue_size
        self._loop: asyncio.AbstractEventLoop | None = None

    def publish(self, event: BusEvent) -> None:
        for channel in (event.session_id, ALL):
            for subscriber in list(self._subscribers.get(channel, ())):
                try:
                    subscriber.queue.put_nowait(event)
                except asyncio.QueueFull:
                    subscriber.dropped += 1

    @asynccontextmanager
    async def subscribe(self, channel: str) -> AsyncIterator[_Queue]:
        subscriber = _Queue(self._queue_size)
        self._subscribers[channel].add(subscriber)
        try:
            yield subscriber
        finally:
            self._subscribers[channel].discard(subscriber)
            if not self._subscribers[channel]:
                self._subscribers.pop(channel, None)

    def subscriber_count(self, channel: str) -> int:
        return len(self._subscribers.get(channel, ()))


bus = InMemoryBus()
