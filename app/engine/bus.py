"""The one event bus of the engine: the runner publishes, and the dashboard, the SSE
stream, the WebSocket and outbound webhooks subscribe. In one process it lives in memory;
across processes a Redis pub/sub bus takes its place behind the same interface."""

from __future__ import annotations

import asyncio
import json
import logging
import time
import uuid
import weakref
from collections import defaultdict
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import dataclass, field
from datetime import datetime
from typing import Any, Protocol

from tenacity import AsyncRetrying, RetryCallState, stop_after_attempt, wait_incrementing

from app.settings import settings

logger = logging.getLogger("mimic.bus")

ALL = "*"  # the channel that receives every session's events (webhooks, dashboards)
# Channels named with this prefix carry messages for one listener (a WhatsApp bot's reply for
# the session waiting for it): they are not sessions' events, and ALL does not hear them.
DIRECT = "direct:"


@dataclass(frozen=True)
class BusEvent:
    """type: status | message | progress | finding | complete | error | action"""

    session_id: str
    workspace_id: str
    type: str
    data: dict[str, Any]
    timestamp: float = field(default_factory=time.time)
    # Names this event wherever it is heard (webhook deliveries are deduplicated on it).
    id: str = field(default_factory=lambda: uuid.uuid4().hex)


class Subscription(Protocol):
    def __aiter__(self) -> AsyncIterator[BusEvent]: ...

    async def get(self, timeout: float | None = None) -> BusEvent | None: ...


class EventBus(Protocol):
    def publish(self, event: BusEvent) -> None: ...

    def subscribe(self, channel: str, types: frozenset[str] | None = None) -> AsyncIterator[Subscription]: ...


class _Queue:
    """One subscriber's events; with `types`, only events of those types are queued (a listener
    that wants a session's end is not woken by each of its messages)."""

    def __init__(self, maxsize: int, types: frozenset[str] | None = None) -> None:
        self.queue: asyncio.Queue[BusEvent] = asyncio.Queue(maxsize=maxsize)
        self.loop = asyncio.get_running_loop()  # an asyncio queue is fed on its own loop only
        self.types = types
        self.dropped = 0

    def put(self, event: BusEvent) -> None:
        try:
            self.queue.put_nowait(event)
        except asyncio.QueueFull:
            self.dropped += 1

    def put_from(self, here: asyncio.AbstractEventLoop | None, event: BusEvent) -> None:
        """From the subscriber's loop at once; from another thread or loop through its loop,
        in the order published."""
        if self.types is not None and event.type not in self.types:
            return
        if here is self.loop:
            self.put(event)
            return
        try:
            self.loop.call_soon_threadsafe(self.put, event)
        except RuntimeError:  # its loop has closed: nobody listens any more
            pass

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

    def publish(self, event: BusEvent) -> None:
        """From any thread (a run is finalized in a worker thread, say)."""
        try:
            here = asyncio.get_running_loop()
        except RuntimeError:
            here = None
        channels = (event.session_id,) if event.session_id.startswith(DIRECT) else (event.session_id, ALL)
        for channel in channels:
            for subscriber in list(self._subscribers.get(channel, ())):
                subscriber.put_from(here, event)

    @asynccontextmanager
    async def subscribe(self, channel: str, types: frozenset[str] | None = None) -> AsyncIterator[_Queue]:
        subscriber = _Queue(self._queue_size, types)
        self._subscribers[channel].add(subscriber)
        try:
            yield subscriber
        finally:
            self._subscribers[channel].discard(subscriber)
            if not self._subscribers[channel]:
                self._subscribers.pop(channel, None)

    def subscriber_count(self, channel: str) -> int:
        return len(self._subscribers.get(channel, ()))


class RedisBus:
    """The bus across processes: every event is PUBLISHed once on one Redis channel, and each
    process fans what it hears out to its own subscribers (as InMemoryBus does), so an SSE
    client, a WebSocket or a page on any backend worker sees the events of a session that
    runs on any other worker or machine. Events published in one process keep their order.

    `publish` never blocks the runner: inside an event loop it queues the event for that
    loop's publisher task; outside one (a worker thread) it publishes synchronously."""

    CHANNEL = "mimic:events"

    def __init__(self, url: str, queue_size: int = 10_000) -> None:
        self.url = url
        self._local = InMemoryBus(queue_size)
        self._loops: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, _RedisLoop] = weakref.WeakKeyDictionary()
        self._sync_client = None

    @staticmethod
    def encode(event: BusEvent) -> str:
        return json.dumps(
            {"s": event.session_id, "w": event.workspace_id, "t": event.type, "d": event.data, "ts": event.timestamp,
             "id": event.id},
            default=_json_default, separators=(",", ":"),
        )  # fmt: skip

    @staticmethod
    def decode(raw: str | bytes) -> BusEvent:
        d = json.loads(raw)
        return BusEvent(d["s"], d["w"], d["t"], d["d"], d["ts"], d["id"])

    def _for_loop(self, loop: asyncio.AbstractEventLoop) -> _RedisLoop:
        state = self._loops.get(loop)
        if state is None:
            state = self._loops[loop] = _RedisLoop(self, loop)
        return state

    def publish(self, event: BusEvent) -> None:
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            loop = None
        if loop is None:
            if self._sync_client is None:
                import redis

                self._sync_client = redis.Redis.from_url(self.url)
            try:
                self._sync_client.publish(self.CHANNEL, self.encode(event))
            except Exception:  # the bus is best effort: subscribers catch up from the database
                logger.warning("publishing %s on Redis failed", event.type, exc_info=True)
            return
        self._for_loop(loop).outbox.put_nowait(self.encode(event))

    @asynccontextmanager
    async def subscribe(self, channel: str, types: frozenset[str] | None = None) -> AsyncIterator[_Queue]:
        await self._for_loop(asyncio.get_running_loop()).listening()
        async with self._local.subscribe(channel, types) as subscription:
            yield subscription

    def deliver(self, event: BusEvent) -> None:
        self._local.publish(event)

    def subscriber_count(self, channel: str) -> int:
        return self._local.subscriber_count(channel)

    async def ping(self) -> bool:
        return await self._for_loop(asyncio.get_running_loop()).ping()


def _log_publish_failure(state: RetryCallState) -> None:
    logger.warning("publishing on Redis failed (attempt %d)", state.attempt_number, exc_info=True)


class _RedisLoop:
    """One event loop's publisher task and pub/sub listener (asyncio clients belong to a loop)."""

    def __init__(self, owner: RedisBus, loop: asyncio.AbstractEventLoop) -> None:
        from redis import asyncio as aioredis

        self.owner = owner
        self.client = aioredis.Redis.from_url(owner.url)
        self.outbox: asyncio.Queue[str] = asyncio.Queue()
        self.publisher = loop.create_task(self._publish_forever(), name="redis-bus-publisher")
        self.listener: asyncio.Task | None = None
        self.subscribed = asyncio.Event()

    async def _publish_forever(self) -> None:
        while True:
            raw = await self.outbox.get()
            try:
                # Three tries, 0.2 s then 0.4 s apart; then the event is dropped (the bus is best
                # effort: subscribers catch up from the database).
                async for attempt in AsyncRetrying(
                    stop=stop_after_attempt(3), wait=wait_incrementing(start=0.2, increment=0.2),
                    before_sleep=_log_publish_failure, reraise=True,
                ):  # fmt: skip
                    with attempt:
                        await self.client.publish(RedisBus.CHANNEL, raw)
            except Exception:
                logger.warning("publishing on Redis failed; the event is dropped", exc_info=True)

    async def listening(self) -> None:
        """Returns once this loop's listener is subscribed, so nothing published after a
        subscribe() call can be missed."""
        if self.listener is None or self.listener.done():
            self.subscribed.clear()
            self.listener = asyncio.get_running_loop().create_task(self._listen_forever(), name="redis-bus-listener")
        await asyncio.wait_for(self.subscribed.wait(), timeout=10)

    async def _listen_forever(self) -> None:
        while True:
            pubsub = self.client.pubsub()
            try:
                await pubsub.subscribe(RedisBus.CHANNEL)
                # The first answer confirms the subscription.
                while await pubsub.get_message(timeout=1) is None:
                    pass
                self.subscribed.set()
                while True:
                    message = await pubsub.get_message(timeout=None)
                    if message is not None and message.get("type") == "message":
                        try:
                            self.owner.deliver(RedisBus.decode(message["data"]))
                        except Exception:
                            logger.warning("dropped an undecodable bus event", exc_info=True)
            except asyncio.CancelledError:
                raise
            except Exception:
                logger.warning("the Redis bus listener lost its connection; reconnecting", exc_info=True)
                await asyncio.sleep(0.5)
            finally:
                try:
                    await pubsub.aclose()
                except Exception:
                    pass

    async def ping(self) -> bool:
        try:
            return bool(await self.client.ping())
        except Exception:
            return False


def _json_default(value: Any) -> Any:
    if isinstance(value, datetime):
        return value.isoformat()
    if hasattr(value, "model_dump"):
        return value.model_dump(by_alias=True, mode="json")
    raise TypeError(f"{type(value).__name__} is not JSON serialisable")


def _make_bus() -> InMemoryBus | RedisBus:
    return RedisBus(settings.redis_url) if settings.redis_url else InMemoryBus()


bus: InMemoryBus | RedisBus = _make_bus()
