"""Where sessions run.

- "inprocess" (the default): asyncio tasks in the backend, at most
  MIMIC_MAX_CONCURRENT_SESSIONS at once (the scheduler).
- "queue": the backend only enqueues the session's id on a taskiq queue in Redis (a Redis
  stream); queue workers (`make worker`, `app/worker.py`) on any number of machines run it.

Whatever runs a session first claims it in the database, pending -> running, in one
conditional UPDATE: only one claim can succeed, so a session never runs twice at once, even
when the queue hands its message out again. When several processes share the work (Redis is
configured), the claim is a lease that its worker renews while the session runs; a lease left
to run out means the worker died, and `reap_expired` ends the session as interrupted with its
transcript intact (and settles its run). A single process needs no lease: at start-up it ends
whatever the last process left running (`recover_on_start`) and runs again what was waiting
for a slot.

Secrets never go through Redis: a message carries only the session id, and the worker builds
the session's plan from the database.
"""

from __future__ import annotations

import asyncio
import logging
import os
import socket
import uuid
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, func, select

from app.db import session_scope
from app.engine.scheduler import SessionScheduler
from app.models.base import utcnow
from app.models.session import TERMINAL_STATUSES, SimSession
from app.settings import settings

logger = logging.getLogger("mimic.execution")

WORKER_ID = f"{socket.gethostname()}:{os.getpid()}:{uuid.uuid4().hex[:6]}"
QUEUE_NAME = "mimic:sessions"
WORKER_KEY_PREFIX = "mimic:worker:"
TASK_NAME = "mimic.run_session"

INTERRUPTED_ERROR = {
    "source": "mimic",
    "kind": "interrupted",
    "message": "The process running this session stopped; everything it said until then is kept.",
}

scheduler = SessionScheduler(settings.max_concurrent_sessions)


@dataclass(frozen=True)
class SessionWork:
    """What running a session needs from the services, handed over once by them
    (app/services/sessions.py, at import): the runtime never imports a service."""

    load_plan: Callable[[str], Any]  # session id -> (plan, vision config, run id) | None
    # Runs it to its end, recording it; `new`: made a moment ago by this process (nothing
    # stored under it yet: no message or event to number after).
    run_plan: Callable[..., Awaitable[None]]
    record_failure: Callable[[str, str], None]  # (session id, why): it could not run at all
    record_cancelled: Callable[[str, str], None]  # (session id, worker id): cancelled after its claim


_work: SessionWork | None = None
_settlers: list[Callable[[list[str] | None], None]] = []


def serve(work: SessionWork) -> None:
    global _work
    _work = work


def settle_with(settler: Callable[[list[str] | None], None]) -> None:
    """Subscribes `settler` to sessions that ended: it is called with their run ids (None: every
    open run) after a session of a run ends, here or when a dead worker's sessions are reaped."""
    if settler not in _settlers:
        _settlers.append(settler)


def _session_work() -> SessionWork:
    if _work is None:
        raise RuntimeError("no session work registered: import app.services.sessions first")
    return _work


def leased() -> bool:
    """Claims are leases when more than one process may run sessions."""
    return bool(settings.redis_url)


def lease_seconds() -> float:
    return settings.worker_lease_seconds


# ---- claims and leases (blocking: call them in a thread) ------------------------------------


def claim(session_id: str, worker_id: str) -> bool:
    """pending -> running for this worker; False when someone else has it or it has ended."""
    fields = claim_fields(worker_id)
    with session_scope() as db:
        result = db.exec(
            update(SimSession)
            .where(col(SimSession.id) == session_id, col(SimSession.status) == "pending")
            .values(**fields, updated_at=fields["started_at"])
        )
        return result.rowcount == 1


def claim_fields(worker_id: str = WORKER_ID) -> dict[str, Any]:
    """What a claim writes: by `claim`, and by a creation that claims its session as it makes it."""
    now = utcnow()
    lease = now + timedelta(seconds=lease_seconds()) if leased() else None
    return {"status": "running", "worker_id": worker_id, "lease_expires_at": lease, "started_at": now}


def renew(session_id: str, worker_id: str) -> bool:
    """Extends this worker's lease; False when the session is no longer running here (it was
    cancelled, or declared interrupted after a stall)."""
    with session_scope() as db:
        result = db.exec(
            update(SimSession)
            .where(
                col(SimSession.id) == session_id,
                col(SimSession.worker_id) == worker_id,
                col(SimSession.status) == "running",
            )  # fmt: skip
            .values(lease_expires_at=utcnow() + timedelta(seconds=lease_seconds()))
        )
        return result.rowcount == 1


def _interrupt(where: Any) -> list[str]:
    """Ends the matching running sessions as interrupted; returns the runs they belong to."""
    now = utcnow()
    with session_scope() as db:
        rows = db.exec(select(SimSession.id, SimSession.run_id).where(where)).all()
        if not rows:
            return []
        db.exec(
            update(SimSession)
            .where(col(SimSession.id).in_([r[0] for r in rows]), col(SimSession.status) == "running")
            .values(
                status="interrupted",
                outcome="error",
                end_reason="interrupted",
                error=INTERRUPTED_ERROR,
                ended_at=now,
                updated_at=now,
                lease_expires_at=None,
            )  # fmt: skip
        )
    return sorted({r[1] for r in rows if r[1]})


def reap_expired() -> tuple[int, list[str]]:
    """Sessions whose worker stopped renewing its lease end as interrupted."""
    where = (col(SimSession.status) == "running") & (col(SimSession.lease_expires_at) < utcnow())
    with session_scope() as db:
        count = db.exec(select(func.count()).select_from(SimSession).where(where)).one()
    if not count:
        return 0, []
    return count, _interrupt(where)


def interrupt_all_running() -> tuple[int, list[str]]:
    """At the start of the only process: nothing can still be running the sessions it left."""
    where = col(SimSession.status) == "running"
    with session_scope() as db:
        count = db.exec(select(func.count()).select_from(SimSession).where(where)).one()
    return (count, _interrupt(where)) if count else (0, [])


def waiting_sessions() -> list[str]:
    """Sessions that were started but never got a slot (the process stopped first)."""
    with session_scope() as db:
        return list(db.exec(
            select(SimSession.id)
            .where(col(SimSession.status) == "pending", col(SimSession.queued_at).is_not(None))
            .order_by(col(SimSession.queued_at))
        ).all())  # fmt: skip


def settle_runs(run_ids: list[str] | None = None) -> None:
    """Tells the subscribers (the runs service) that these runs' sessions ended (None: any)."""
    for settler in _settlers:
        try:
            settler(run_ids)
        except Exception:
            logger.exception("settling runs %s failed", run_ids)


# ---- running one session ---------------------------------------------------------------------


def _claim_and_load(work: SessionWork, session_id: str, worker_id: str, loaded: Any) -> tuple[bool, Any]:
    """The claim, then the plan unless the caller made it already, in one trip to a thread:
    (claimed, what load_plan gave or the exception it raised)."""
    if not claim(session_id, worker_id):
        return False, None
    if loaded is not None:
        return True, loaded
    try:
        return True, work.load_plan(session_id)
    except Exception as exc:  # the plan cannot be built any more (a deleted agent, say)
        return True, exc


async def run_session(
    session_id: str, worker_id: str = WORKER_ID, loaded: Any = None, *, claimed: bool = False
) -> bool:
    """Claims the session and runs it to its end here. Returns False when it was not ours
    to run (already claimed, cancelled or ended). `loaded`: what load_plan would give, made
    by whoever started the session in this process a moment ago; `claimed`: with `loaded`,
    the session was claimed for this worker when it was made (`claim_fields`)."""
    work = _session_work()
    made_here = loaded is not None  # handed over by its creation (submit_loaded): nothing ran it yet
    heartbeat = None
    run_id = None
    known = False  # whether run_id is known (None: the session belongs to no run)
    try:
        if not claimed:
            claimed, loaded = await _to_completion(_claim_and_load, work, session_id, worker_id, loaded)
        if not claimed:
            logger.info("session %s is not pending any more; not running it", session_id)
            return False
        if leased():
            heartbeat = asyncio.get_running_loop().create_task(
                _keep_lease(session_id, worker_id, asyncio.current_task()), name=f"lease-{session_id}"
            )
        if isinstance(loaded, Exception):
            logger.error("session %s could not run", session_id, exc_info=loaded)
            await asyncio.to_thread(work.record_failure, session_id, str(loaded))
            return True
        if loaded is None:
            return False
        plan, vision_config, run_id = loaded
        known = True
        await work.run_plan(plan, vision_config, new=made_here)  # records its own end, cancelled included
        return True
    except asyncio.CancelledError:
        # Cancelled after the claim but before the runner took over: the session ends here.
        await _to_completion(work.record_cancelled, session_id, worker_id)
        raise
    finally:
        if heartbeat is not None:
            heartbeat.cancel()
        if not known:
            run_id = await _to_completion(_run_of, session_id)
        if run_id:
            await _to_completion(settle_runs, [run_id])


async def _to_completion(fn, *args):
    """Runs fn in a thread and waits for it even if this task is cancelled meanwhile (a
    thread cannot be stopped half way: its transaction commits or not, but we must know)."""
    job = asyncio.ensure_future(asyncio.to_thread(fn, *args))
    try:
        return await asyncio.shield(job)
    except asyncio.CancelledError:
        await job
        raise


def _run_of(session_id: str) -> str | None:
    with session_scope() as db:
        return db.exec(select(SimSession.run_id).where(col(SimSession.id) == session_id)).first()


async def _keep_lease(session_id: str, worker_id: str, runner: asyncio.Task | None) -> None:
    while True:
        await asyncio.sleep(lease_seconds() / 3)
        try:
            still_ours = await asyncio.to_thread(renew, session_id, worker_id)
        except Exception:  # the database is away: keep trying until the lease runs out
            logger.warning("renewing the lease of session %s failed", session_id, exc_info=True)
            continue
        if not still_ours:
            logger.info("session %s was cancelled or taken from this worker; stopping it", session_id)
            if runner is not None:
                runner.cancel()
            return


# ---- submitting ------------------------------------------------------------------------------


def submit(*session_ids: str) -> None:
    """Hands pending sessions (already marked started, committed) to whatever runs sessions.
    On the event loop, in order: the services' async entry points call it once their unit of
    work has committed (app/services/sessions.py, runs.py)."""
    asyncio.get_running_loop()  # raises off the loop: sessions run on the loop that starts them
    for session_id in session_ids:
        _submit_one(session_id)


def submit_loaded(session_id: str, loaded: Any, *, claimed: bool = False) -> None:
    """`submit` for one session whose plan the caller has just made (what load_plan would give):
    run in this process, the runner starts from it; a queue worker reads its own. `claimed`: the
    caller reserved a slot (`reserve_slot`) and made the session running here (`claim_fields`)
    in the transaction that created it: it runs at once, without a claim of its own."""
    asyncio.get_running_loop()
    if claimed:
        run_id = loaded[2]
        scheduler.submit(session_id, lambda: run_session(session_id, loaded=loaded, claimed=True), reserved=True,
                         not_started=lambda: _cancelled_before_start(session_id, run_id))  # fmt: skip
    elif settings.uses_queue:
        _submit_one(session_id)
    else:
        scheduler.submit(session_id, lambda: run_session(session_id, loaded=loaded))


async def reserve_slot() -> bool:
    """A slot taken now for a session about to be made and claimed in one transaction: only in
    a process that runs its sessions itself, when one is free (False otherwise: the session is
    made pending and waits its turn). Hand it to `submit_loaded(claimed=True)`, or give it back
    with `release_slot()` when the creation fails."""
    return not settings.uses_queue and await scheduler.reserve()


def release_slot() -> None:
    scheduler.release()


def _cancelled_before_start(session_id: str, run_id: str | None) -> None:
    """A session claimed as it was made whose task was cancelled before its runner began: it
    ends as cancelled (the runner would have recorded it), and its run settles."""

    async def record() -> None:
        await _to_completion(_session_work().record_cancelled, session_id, WORKER_ID)
        if run_id:
            await _to_completion(settle_runs, [run_id])

    task = asyncio.get_running_loop().create_task(record(), name=f"cancelled-{session_id}")
    _background_tasks.add(task)
    task.add_done_callback(_background_tasks.discard)


def _submit_one(session_id: str) -> None:
    if settings.uses_queue:
        task = asyncio.get_running_loop().create_task(_enqueue(session_id), name=f"enqueue-{session_id}")
        _background_tasks.add(task)
        task.add_done_callback(_background_tasks.discard)
    else:
        scheduler.submit(session_id, lambda: run_session(session_id))


# Enqueues and the like, kept until done (the loop holds only weak references to tasks).
_background_tasks: set[asyncio.Task] = set()


async def _enqueue(session_id: str) -> None:
    try:
        broker = await started_broker()
        await broker.find_task(TASK_NAME).kiq(session_id)
    except Exception as exc:
        logger.exception("enqueueing session %s failed", session_id)
        await asyncio.to_thread(_session_work().record_failure, session_id, f"the task queue is unavailable: {exc}")


def is_active_here(session_id: str) -> bool:
    return scheduler.is_active(session_id)


def stop(db: Session, row: SimSession, *, cancelled_task: bool) -> bool:
    """Stops a session that has not ended, wherever it is, once `cancel_here` has cancelled its
    task if this process runs it (`cancelled_task`): that task's runner records the end. A session
    waiting for a slot or a worker (no runner will claim it now), or running in another process
    (whose worker stops it at its next lease renewal), ends here, in `db`'s transaction. Returns
    whether it ended here."""
    db.refresh(row)
    if cancelled_task and row.status == "running":
        return False
    now = utcnow()
    db.exec(
        update(SimSession)
        .where(col(SimSession.id) == row.id, col(SimSession.status).not_in(list(TERMINAL_STATUSES)))
        .values(status="cancelled", outcome="cancelled", end_reason="cancelled", ended_at=now, updated_at=now)
    )
    return True


def cancel_here(*session_ids: str) -> set[str]:
    """Cancels the tasks of these sessions that this process runs; returns their ids. Queue
    workers notice a cancelled session at their next lease renewal (within a third of the lease)."""
    return {session_id for session_id in session_ids if scheduler.cancel(session_id)}


# ---- the queue -------------------------------------------------------------------------------

_broker = None
_broker_started: asyncio.Event | None = None


def broker():
    """The taskiq broker on a Redis stream: a message is acknowledged only once its session
    has run, so the messages a dead worker had taken are handed to another after
    `idle_timeout` (the claim makes that harmless for sessions already under way)."""
    global _broker
    if _broker is None:
        from taskiq_redis import RedisStreamBroker

        _broker = RedisStreamBroker(
            url=settings.redis_url,
            queue_name=QUEUE_NAME,
            consumer_group_name="mimic-workers",
            idle_timeout=int(max(60, lease_seconds() * 4) * 1000),
        )
        _broker.register_task(_run_session_task, task_name=TASK_NAME)
    return _broker


async def _run_session_task(session_id: str) -> None:
    await run_session(session_id)


async def started_broker():
    """The broker, started once per process on the client side (the backend)."""
    global _broker_started
    b = broker()
    if _broker_started is None:
        _broker_started = asyncio.Event()
        await b.startup()
        _broker_started.set()
    else:
        await _broker_started.wait()
    return b


# ---- periodic care ---------------------------------------------------------------------------


async def reap_forever(interval: float | None = None) -> None:
    """In every backend and worker when leases are in use."""
    while True:
        await asyncio.sleep(interval or lease_seconds() / 3)
        try:
            count, run_ids = await asyncio.to_thread(reap_expired)
            if count:
                logger.warning("%d session(s) lost their worker and ended as interrupted", count)
                await asyncio.to_thread(settle_runs, run_ids)
        except Exception:
            logger.warning("reaping expired sessions failed", exc_info=True)


async def recover_on_start() -> None:
    """A chore of the backend (app/services/lifecycle.py). The only process ends what the last
    one left running and runs again what was waiting; with leases, expired sessions are reaped
    instead, as long as the backend runs."""
    if leased():
        await reap_forever()
        return
    count, run_ids = await asyncio.to_thread(interrupt_all_running)
    if count:
        logger.warning("marked %d session(s) interrupted by the last stop", count)
    for session_id in await asyncio.to_thread(waiting_sessions):
        if not scheduler.is_active(session_id):
            submit(session_id)
    await asyncio.to_thread(settle_runs, None)


async def announce_forever() -> None:
    """A queue worker's chore: announces it in Redis while it runs (GET /health counts them)."""
    from redis import asyncio as aioredis

    client = aioredis.Redis.from_url(settings.redis_url)
    try:
        while True:
            try:
                await client.set(WORKER_KEY_PREFIX + WORKER_ID, "1", ex=int(max(10, lease_seconds())))
            except Exception:
                logger.warning("announcing this worker in Redis failed", exc_info=True)
            await asyncio.sleep(max(3, lease_seconds() / 3))
    finally:
        await client.delete(WORKER_KEY_PREFIX + WORKER_ID)
        await client.aclose()


# ---- health ----------------------------------------------------------------------------------


def queue_state() -> dict[str, Any]:
    """Workers alive and messages waiting, read from Redis (blocking)."""
    import redis

    client = redis.Redis.from_url(settings.redis_url, socket_timeout=2, socket_connect_timeout=2)
    try:
        workers = sum(1 for _ in client.scan_iter(WORKER_KEY_PREFIX + "*", count=100))
        try:
            groups = client.xinfo_groups(QUEUE_NAME)
            lag = sum(int(g.get("lag") or 0) for g in groups)
            pending = sum(int(g.get("pending") or 0) for g in groups)
        except redis.ResponseError:  # no stream yet: nothing was ever queued
            lag = pending = 0
        return {"workers": workers, "waiting": lag, "inProgress": pending}
    finally:
        client.close()
