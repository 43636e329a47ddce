"""Sessions run as asyncio tasks in the backend, at most `cap` at once; the others wait
their turn. Running tasks are kept by session id so that they can be cancelled."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager

logger = logging.getLogger("mimic.scheduler")


class SessionScheduler:
    def __init__(self, cap: int) -> None:
        self.cap = cap
        self._semaphore: asyncio.Semaphore | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._tasks: dict[str, asyncio.Task] = {}

    def _slots(self) -> asyncio.Semaphore:
        # Made inside the running loop (an asyncio primitive belongs to one loop).
        loop = asyncio.get_running_loop()
        if self._semaphore is None or self._loop is not loop:
            self._semaphore, self._loop = asyncio.Semaphore(self.cap), loop
        return self._semaphore

    async def reserve(self) -> bool:
        """Takes a slot if one is free and nobody waits for one (True), without waiting; the
        caller hands it to `submit(..., reserved=True)` or gives it back with `release()`."""
        slots = self._slots()
        if slots.locked():
            return False
        await slots.acquire()  # free: returns at once, never yields to the loop
        return True

    def release(self) -> None:
        self._slots().release()

    @asynccontextmanager
    async def _reserved(self) -> AsyncIterator[None]:
        """Holds a slot taken with `reserve()`, released on leaving."""
        try:
            yield
        finally:
            self.release()

    def submit(
        self, session_id: str, run: Callable[[], Awaitable[None]], *, reserved: bool = False,
        not_started: Callable[[], None] | None = None,
    ) -> asyncio.Task:  # fmt: skip
        """Schedule `run()` for this session; a session never runs twice at once. `reserved`:
        it runs at once in the slot the caller took with `reserve()`. `not_started()` is called
        when the task is cancelled before `run()` began (nothing of it ran)."""
        if self.is_active(session_id):
            if reserved:
                self.release()
            raise RuntimeError(f"session {session_id} is already scheduled")
        began = False

        async def guarded() -> None:
            nonlocal began
            async with self._reserved() if reserved else self._slots():
                began = True
                await run()

        def if_never_began(task: asyncio.Task) -> None:
            if not began:
                if reserved:
                    self.release()
                if not_started is not None:
                    not_started()

        task = asyncio.get_running_loop().create_task(guarded(), name=f"session-{session_id}")
        self._tasks[session_id] = task
        task.add_done_callback(lambda t: self._finished(session_id, t))
        task.add_done_callback(if_never_began)
        return task

    def _finished(self, session_id: str, task: asyncio.Task) -> None:
        if self._tasks.get(session_id) is task:
            del self._tasks[session_id]
        if not task.cancelled() and task.exception() is not None:
            logger.error("session %s task failed", session_id, exc_info=task.exception())

    def is_active(self, session_id: str) -> bool:
        task = self._tasks.get(session_id)
        return task is not None and not task.done()

    def cancel(self, session_id: str) -> bool:
        """Cancels the session's task, from its own loop or from another thread or loop (a task
        is cancelled on its own loop). Returns whether there was a task to cancel."""
        task = self._tasks.get(session_id)
        if task is None or task.done():
            return False
        try:
            here = asyncio.get_running_loop()
        except RuntimeError:
            here = None
        if task.get_loop() is here:
            task.cancel()
        else:
            try:
                task.get_loop().call_soon_threadsafe(task.cancel)
            except RuntimeError:  # its loop has closed: the task will never run again
                return False
        return True

    async def wait(self, session_id: str) -> None:
        task = self._tasks.get(session_id)
        if task is not None:
            await asyncio.gather(task, return_exceptions=True)

    @property
    def running(self) -> int:
        return sum(1 for t in self._tasks.values() if not t.done())
