"""Start-up and shut-down: the chores a process runs for as long as it serves.

A chore is a coroutine function that runs until it is cancelled (or returns when its work is
done). `running(chores)` starts each as a task on the current loop and, on the way out, cancels
them and waits for them. The lists of chores are named in one place, app/services/lifecycle.py,
and every process uses them: the Reflex app and the bare API app (`create_api`) the backend's,
`make worker` the queue worker's."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable, Sequence
from contextlib import asynccontextmanager
from dataclasses import dataclass

logger = logging.getLogger("mimic.lifecycle")

SHUTDOWN_TIMEOUT_S = 10.0


@dataclass(frozen=True)
class Chore:
    name: str
    run: Callable[[], Awaitable[None]]


@dataclass
class Started:
    tasks: list[asyncio.Task]


def _report(task: asyncio.Task) -> None:
    if not task.cancelled() and task.exception() is not None:
        logger.error("chore %s failed", task.get_name(), exc_info=task.exception())


async def startup(chores: Sequence[Chore]) -> Started:
    loop = asyncio.get_running_loop()
    tasks = []
    for chore in chores:
        task = loop.create_task(chore.run(), name=chore.name)  # type: ignore[arg-type]
        task.add_done_callback(_report)
        tasks.append(task)
    return Started(tasks)


async def shutdown(started: Started) -> None:
    for task in started.tasks:
        task.cancel()
    if started.tasks:
        _, late = await asyncio.wait(started.tasks, timeout=SHUTDOWN_TIMEOUT_S)
        for task in late:
            logger.warning("chore %s did not stop within %.0f s", task.get_name(), SHUTDOWN_TIMEOUT_S)


@asynccontextmanager
async def running(chores: Sequence[Chore]) -> AsyncIterator[Started]:
    started = await startup(chores)
    try:
        yield started
    finally:
        await shutdown(started)
