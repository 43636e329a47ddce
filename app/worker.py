"""A queue worker: runs sessions that backends put on the Redis queue.

Started by `make worker` (several can run on one machine or many):

    taskiq worker app.worker:broker --workers 1 --max-async-tasks $MIMIC_MAX_CONCURRENT_SESSIONS

It needs the same MIMIC_DATABASE_URL, MIMIC_REDIS_URL, MIMIC_SECRET_KEY (stored secrets are
decrypted with it) and MIMIC_SESSION_EXECUTION=queue as the backends. While it runs it
announces itself in Redis (GET /health counts the workers), renews the leases of the
sessions it runs, and ends as interrupted the sessions of workers that died.
"""

from __future__ import annotations

import logging

from taskiq import TaskiqEvents, TaskiqState

from app.runtime import execution, lifecycle

# Importing the services hands the runtime what running a session needs (its plan, how it
# ended) and settles runs when their sessions end.
from app.services import lifecycle as chores
from app.settings import settings

if not settings.uses_queue:
    raise SystemExit("A queue worker needs MIMIC_SESSION_EXECUTION=queue and MIMIC_REDIS_URL (see README).")

logging.basicConfig(level=settings.log_level, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
logger = logging.getLogger("mimic.worker")

broker = execution.broker()
_started: lifecycle.Started | None = None


@broker.on_event(TaskiqEvents.WORKER_STARTUP)
async def _startup(state: TaskiqState) -> None:
    global _started
    # The worker's chores (app/services/lifecycle.py): announced in Redis, reaping dead workers' sessions.
    _started = await lifecycle.startup(chores.WORKER_CHORES)
    logger.info("worker %s ready (database %s)", execution.WORKER_ID, settings.database_url.split("@")[-1])


@broker.on_event(TaskiqEvents.WORKER_SHUTDOWN)
async def _shutdown(state: TaskiqState) -> None:
    if _started is not None:
        await lifecycle.shutdown(_started)
