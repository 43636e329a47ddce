"""Re-judging a whole run: every session of an ended run that can be judged again is judged
by the model asked for (a few at a time, in the background), then the run's matrix and
statistics are restated once, the previous figures kept beside them for comparison.

The run's `rejudge` field follows it: {status: running | completed | interrupted, judgeModel,
repeats, temperature, total, done, failed, startedAt, endedAt, by}; a re-judge whose process
stopped reads interrupted once it has made no progress for half an hour, and may be started
again (what it judged stays).
"""

from __future__ import annotations

import asyncio
import logging
from typing import Any

from sqlmodel import Session, select

from app.db import session_scope
from app.models.base import utcnow
from app.models.judgement import JudgeRequest
from app.models.session import SimSession
from app.models.suite import Run, RunDetail
from app.runtime import background
from app.services import audit, judging, runs, units
from app.services.access import Permission, Principal, require
from app.services.errors import Conflict, NotFound

logger = logging.getLogger("mimic.run_judging")

# Sessions judged at once: the judge model's rate limits matter more than this machine.
CONCURRENT_JUDGEMENTS = 4


def _save_state(run_id: str, **changes: Any) -> None:
    with session_scope() as db:
        run = db.get(Run, run_id)
        if run is not None:
            run.rejudge = {**run.rejudge, **changes, "updatedAt": utcnow().isoformat()}


def _record_start(
    *, session: Session, principal: Principal, run_id: str, data: JudgeRequest
) -> tuple[RunDetail, list[str]]:
    require(principal, Permission.write)
    run = session.get(Run, run_id)
    if run is None or run.workspace_id != principal.workspace_id:
        raise NotFound("No such run")
    if run.ended_at is None:
        raise Conflict("The run has not ended: its sessions are judged as they end")
    if runs.rejudge_state(run).get("status") == "running":
        raise Conflict("The run is being re-judged already")
    rows = session.exec(select(SimSession).where(SimSession.run_id == run.id)).all()
    eligible = [r.id for r in rows if judging.rejudgeable(session, r) is None]
    if not eligible:
        raise Conflict("No session of the run can be judged again (none ran to its end)")
    # The same checks as each session's, once, before anything starts.
    prepared = judging.prepare(session, principal, session.get(SimSession, eligible[0]), data)
    now = utcnow().isoformat()
    run.rejudge = {"status": "running", "judgeModel": prepared.model.id, "repeats": prepared.repeats,
                   "temperature": data.temperature, "total": len(eligible), "done": 0, "failed": 0, "startedAt": now,
                   "updatedAt": now, "endedAt": None, "by": principal.user_id}  # fmt: skip
    details = {"judgeModel": prepared.model.id, "sessions": len(eligible), "repeats": prepared.repeats}
    audit.record(session, principal=principal, action="run.rejudged", target_type="run", target_id=run.id,
                 target_name=run.suite_snapshot.get("name", ""), details=details)  # fmt: skip
    session.commit()
    return runs.get_run(session=session, principal=principal, run_id=run.id), eligible


async def start(*, principal: Principal, run_id: str, data: JudgeRequest) -> RunDetail:
    """Checks and records who asked (in a worker thread), and starts the re-judge in the
    background on the loop; answers the run with its `rejudge` state (running)."""
    detail, eligible = await units.in_thread(_record_start, principal=principal, run_id=run_id, data=data)
    background.spawn(rejudge_sessions(principal, detail.id, eligible, data), name=f"rejudge-run-{detail.id}")
    return detail


async def rejudge_sessions(principal: Principal, run_id: str, session_ids: list[str], data: JudgeRequest) -> None:
    """Judges each session again (a few at a time), then restates the run once."""
    limit = asyncio.Semaphore(CONCURRENT_JUDGEMENTS)
    counts = {"done": 0, "failed": 0}

    def prepare(session_id: str) -> judging.Prepared | None:
        with session_scope() as db:
            row = db.get(SimSession, session_id)
            if row is None or judging.rejudgeable(db, row) is not None:
                return None
            return judging.prepare(db, principal, row, data)

    async def one(session_id: str) -> None:
        async with limit:
            try:
                prepared = await asyncio.to_thread(prepare, session_id)
                if prepared is not None:
                    result, error = await judging.judge(prepared)
                    await asyncio.to_thread(judging.store, prepared, result, error, trigger="run_rejudge",
                                            restate_run=False)  # fmt: skip
                    counts["failed"] += error is not None
            except Exception:  # one session's trouble must not stop the others
                logger.exception("re-judging session %s of run %s failed", session_id, run_id)
                counts["failed"] += 1
            counts["done"] += 1
            await asyncio.to_thread(_save_state, run_id, done=counts["done"], failed=counts["failed"])

    try:
        await asyncio.gather(*(one(i) for i in session_ids))
    finally:
        await asyncio.to_thread(_finish, run_id, principal.user_id, counts)


def _finish(run_id: str, by: str | None, counts: dict[str, int]) -> None:
    with session_scope() as db:
        runs.restate_summary(db, run_id, reason="run_rejudge", by=by)
        run = db.get(Run, run_id)
        if run is not None:
            run.rejudge = {**run.rejudge, **counts, "status": "completed", "endedAt": utcnow().isoformat(),
                           "updatedAt": utcnow().isoformat()}  # fmt: skip
            workspace_id, status = run.workspace_id, run.status
    if run is not None:
        judging.publish("run_judgement", workspace_id, run_id, {"runId": run_id, "status": status, **counts})
