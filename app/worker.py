"""A queue worker: runs sessions that backends put on the Redis queue.

Started by `make worker` (several can run on one machine or many):

    taskiq worker app.worker:broker --workers 1 --max-async-tasks $MIMIC_MAX_CONCURRENT_SESSIONS

It needs the same MIMIC_DATABASE_URL, MIMIC_REDIS_URL, MIMIC_SECRET_KEY (stored secrets are
decrypted with it) and MIMIC_SESSION_EXECUTION=queue as the backends. While it runs it
announces itself in Redis (GET /health counts the workers), renews the leases of the
sessions it runs, and ends as interrupted the sessions of workers that died.
"""

from __future__ import annotations

import asyncio
import logging

from taskiq import TaskiqEvents, TaskiqState

from app.runtime import execution

# The services hand the runtime what running a session needs (its plan, how it ended) and
# settle runs when their sessions end: importing them registers that.
from app.services import runs, sessions  # noqa: F401
from app.settings import settings

if not settings.uses_queue:
    raise SystemExit("A queue worker needs MIMIC_SESSION_EXECUTION=queue and MIMIC_REDIS_URL (see README).")

logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
logger = logging.getLogger("mimic.worker")

broker = execution.broker()
_chores: list[asyncio.Task] = []


async def _announce_forever() -> None:
    from redis import asyncio as aioredis

    client = aioredis.Redis.from_url(settings.redis_url)
    try:
        while True:
            try:
                await client.set(execution.WORKER_KEY_PREFIX + execution.WORKER_ID, "1",
                                 ex=int(max(10, execution.lease_seconds())))  # fmt: skip
            except Exception:
                logger.warning("announcing this worker in Redis failed", exc_info=True)
            await asyncio.sleep(max(3, execution.lease_seconds() / 3))
    finally:
        await client.delete(execution.WORKER_KEY_PREFIX + execution.WORKER_ID)
        await client.aclose()


@broker.on_event(TaskiqEvents.WORKER_STARTUP)
async def _startup(state: TaskiqState) -> None:
    loop = asyncio.get_running_loop()
    _chores.append(loop.create_task(_announce_forever(), name="announce-worker"))
    _chores.append(loop.create_task(execution.reap_forever(), name="reap-expired"))
    logger.info("worker %s ready (database %s)", execution.WORKER_ID, settings.database_url.split("@")[-1])


@broker.on_event(TaskiqEvents.WORKER_SHUTDOWN)
async def _shutdown(state: TaskiqState) -> None:
    for chore in _chores:
        chore.cancel()
    await asyncio.gather(*_chores, return_exceptions=True)
