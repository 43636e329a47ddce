"""Background jobs a service starts and does not wait for (a run's re-judge, a calibration):
tasks on the running event loop, kept referenced until they end, their failure logged.

Called from a service's async entry point, on the loop, once its unit of work has committed:
never from a worker thread (nothing is handed from thread to loop)."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Coroutine
from typing import Any

logger = logging.getLogger("mimic.background")

_running: set[asyncio.Task] = set()


def spawn(job: Coroutine[Any, Any, Any], name: str) -> asyncio.Task:
    task = asyncio.get_running_loop().create_task(job, name=name)
    _running.add(task)
    task.add_done_callback(_finished)
    return task


def _finished(task: asyncio.Task) -> None:
    _running.discard(task)
    if not task.cancelled() and task.exception() is not None:
        logger.error("%s failed", task.get_name(), exc_info=task.exception())
