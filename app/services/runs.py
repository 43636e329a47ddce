"""Runs: one execution of a suite. Starting a run creates one session per cell and repeat
(session.run_id, with the cell in session.config["cell"]) and schedules them all under the
concurrency cap; a coordinator task awaits them and, when the last one ends, stores the
summary (pass rates, Wilson intervals, pass^k) in run.summary and marks the run completed.

Run events go on the bus with the run's id in place of a session id, so the dashboard and
the webhooks hear of them like of a session's.
"""

from __future__ import annotations

import asyncio
import logging
from collections import defaultdict
from collections.abc import AsyncIterator, Iterable
from datetime import datetime, timedelta
from typing import Any

from pydantic import BaseModel, Field
from sqlalchemy import update
from sqlmodel import Session, col, func, select

from app.db import session_scope
from app.engine.bus import ALL, BusEvent, bus
from app.models.base import utcnow
from app.models.judgement import Judgement
from app.models.library import Agent, Objective, Persona
from app.models.session import TERMINAL_STATUSES, SimSession
from app.models.suite import (
    CellResult,
    CellSession,
    Interval,
    OverallResult,
    Run,
    RunDetail,
    RunOverrides,
    RunProgress,
    RunPublic,
    RunStatus,
    RunSummary,
    Suite,
)
from app.runtime import execution
from app.services import judge_calibration, run_stats, sessions, suites, units, waiting
from app.services.access import Permission, Principal, require
from app.services.errors import Conflict, FieldError, NotFound, ValidationFailed
from app.services.pagination import Paginated, paginate

logger = logging.getLogger("mimic.runs")

ACTIVE = (RunStatus.pending, RunStatus.running)


class RunListParams(BaseModel):
    """limit/offset paging (as CI scripts page through executions); answered in the one
    {data, pagination} shape."""

    limit: int = Field(default=20, ge=1, le=100, description="Items per page (max 100)")
    offset: int = Field(default=0, ge=0, le=100_000_000, description="Items to skip")

    @property
    def page(self) -> int:
        return self.offset // self.limit + 1


def _row(session: Session, principal: Principal, run_id: str) -> Run:
    row = session.get(Run, run_id)
    if row is None or row.workspace_id != principal.workspace_id:
        raise NotFound("No such run")
    return row


# ---- results -----------------------------------------------------------------------------


def _interval(passed: int, n: int) -> Interval | None:
    bounds = run_stats.wilson_interval(passed, n)
    return Interval(low=bounds[0], high=bounds[1]) if bounds else None


def _rates(counts: run_stats.Counts, rows: list[SimSession]) -> dict[str, Any]:
    ended = [r for r in rows if r.status in TERMINAL_STATUSES]
    return {"n": counts.n, "passed": counts.passed, "failed": counts.failed, "errors": counts.errors,
            "simulator_errors": counts.simulator_errors, "inconclusive": counts.inconclusive,
            "cancelled": counts.cancelled, "pending": counts.pending, "pass_rate": counts.rate,
            "ci": _interval(counts.passed, counts.n),
            "unstable": sum(1 for r in ended if r.unstable_criteria),
            "unstable_criteria": sum(r.unstable_criteria for r in ended)}  # fmt: skip


def _cell_repeat(row: SimSession) -> int:
    return int((row.config.get("cell") or {}).get("repeat") or 1)


def summarize(snapshot: dict[str, Any], rows: Iterable[SimSession]) -> RunSummary:
    rows = list(rows)
    k = int(snapshot.get("repeats") or 1)
    by_cell: dict[tuple[str, str], list[SimSession]] = defaultdict(list)
    for row in rows:
        by_cell[(row.persona_id, row.objective_id or "")].append(row)
    personas, objectives = snapshot.get("personas", {}), snapshot.get("objectives", {})
    cells: list[CellResult] = []
    for persona_id in snapshot.get("personaIds", []):
        for objective_id in snapshot.get("objectiveIds", []):
            cell_rows = sorted(by_cell.get((persona_id, objective_id), []), key=_cell_repeat)
            counts = run_stats.count((r.status, r.outcome) for r in cell_rows)
            status = run_stats.cell_status(counts)
            cells.append(
                CellResult(
                    **_rates(counts, cell_rows), persona_id=persona_id, objective_id=objective_id,
                    persona_name=personas.get(persona_id, "(deleted)"),
                    objective_name=objectives.get(objective_id, "(deleted)"), repeats=k,
                    pass_k=run_stats.pass_hat_k(counts.passed, counts.n, k), status=status,
                    flaky=counts.passed > 0 and counts.failed > 0,
                    sessions=[CellSession(id=r.id, repeat=_cell_repeat(r), status=r.status, outcome=r.outcome,
                                          blame=r.blame, unstable_criteria=r.unstable_criteria,
                                          reviewed=r.reviewed_at is not None) for r in cell_rows],
                )
            )  # fmt: skip
    total = run_stats.count((r.status, r.outcome) for r in rows)
    judged = [c for c in cells if c.n > 0]
    all_passed = sum(1 for c in judged if c.failed == 0)
    overall = OverallResult(
        **_rates(total, rows), k=k, cells=len(cells), cells_all_passed=all_passed,
        flaky_cells=sum(1 for c in cells if c.flaky),
        pass_k=all_passed / len(judged) if judged else None,
        pass_k_estimate=sum(c.pass_k or 0.0 for c in judged) / len(judged) if judged else None,
    )  # fmt: skip
    running = sum(1 for r in rows if r.status == "running")
    # Done: sessions that ran to an end (judged, undecided or in error); cancelled ones are apart.
    progress = RunProgress(
        total=len(rows), done=len(rows) - total.pending - total.cancelled, pending=total.pending - running,
        running=running,
        passed=total.passed, failed=total.failed, errors=total.errors, simulator_errors=total.simulator_errors,
        inconclusive=total.inconclusive, cancelled=total.cancelled, unstable=overall.unstable,
    )  # fmt: skip
    return RunSummary(progress=progress, overall=overall, cells=cells)


def sessions_of(session: Session, run_ids: list[str]) -> dict[str, list[SimSession]]:
    found: dict[str, list[SimSession]] = defaultdict(list)
    if run_ids:
        for row in session.exec(select(SimSession).where(col(SimSession.run_id).in_(run_ids))).all():
            found[row.run_id].append(row)
    return found


def _summary(run: Run, rows: list[SimSession] | None) -> RunSummary:
    """The stored summary of an ended run, else one computed from its sessions now."""
    if run.ended_at is not None and run.summary.get("overall"):
        stored = RunSummary.model_validate(run.summary)
        # Summaries stored before cancelled sessions were kept out of "done" counted them in.
        p = stored.progress
        p.done = min(p.done, p.total - p.pending - p.running - p.cancelled)
        return stored
    return summarize(run.suite_snapshot, rows or [])


def run_threshold(snapshot: dict[str, Any]) -> float | None:
    """The least pass rate the suite asked of the run (config.thresholds.passRate) when it started."""
    value = ((snapshot.get("config") or {}).get("thresholds") or {}).get("passRate")
    return float(value) if isinstance(value, int | float) else None


def below_threshold(status: str, overall: OverallResult | None, threshold: float | None) -> bool:
    """A completed run with judged sessions whose pass rate is under its suite's threshold."""
    rate = overall.pass_rate if overall is not None else None
    return status == RunStatus.completed and threshold is not None and rate is not None and rate < threshold


def _public(run: Run, summary: RunSummary) -> dict[str, Any]:
    snapshot = run.suite_snapshot
    threshold = run_threshold(snapshot)
    return {"id": run.id, "suite_id": run.suite_id, "suite_name": snapshot.get("name", ""), "agent_id": run.agent_id,
            "agent_name": snapshot.get("agentName", ""), "status": run.status, "total_sessions": run.total_sessions,
            "progress": summary.progress, "overall": summary.overall, "started_at": run.started_at,
            "ended_at": run.ended_at, "created_at": run.created_at, "label": run.label, "threshold": threshold,
            "below_threshold": below_threshold(run.status, summary.overall, threshold)}  # fmt: skip


def _detail(session: Session, run: Run) -> RunDetail:
    rows = sessions_of(session, [run.id]).get(run.id, [])
    summary = _summary(run, rows)
    requirement = (run.suite_snapshot.get("config") or {}).get("calibrationGate")
    calibration = judge_calibration.gate(session, run.workspace_id, requirement, judges_of(session, rows))
    return RunDetail(**_public(run, summary), cells=summary.cells, suite_snapshot=run.suite_snapshot,
                     calibration=calibration, summary_history=run.summary_history,
                     rejudge=rejudge_state(run))  # fmt: skip


# A re-judge of a run that made no progress for this long was left by a process that stopped.
REJUDGE_STALE_AFTER = timedelta(minutes=30)


def rejudge_state(run: Run) -> dict[str, Any]:
    """The run's last re-judge (app/services/run_judging.py) as it stands: interrupted when
    it made no progress for REJUDGE_STALE_AFTER (its process stopped; it may start again)."""
    state = dict(run.rejudge or {})
    if state.get("status") == "running":
        try:
            idle = utcnow() - datetime.fromisoformat(state.get("updatedAt") or state.get("startedAt"))
        except (TypeError, ValueError):
            idle = REJUDGE_STALE_AFTER
        if idle >= REJUDGE_STALE_AFTER:
            state["status"] = "interrupted"
    return state


def judges_of(session: Session, rows: list[SimSession]) -> list[tuple[str, str]]:
    """(judge model, prompt version) of each judged session's verdict."""
    ids = [r.id for r in rows if r.status in TERMINAL_STATUSES]
    found: dict[str, tuple[str, str]] = {}
    for start in range(0, len(ids), 500):
        judgements = session.exec(
            select(Judgement.session_id, Judgement.judge_model, Judgement.prompt_version)
            .where(col(Judgement.session_id).in_(ids[start : start + 500]), Judgement.status == "completed")
            .order_by(col(Judgement.created_at).desc())
        ).all()
        for session_id, model, version in judgements:
            found.setdefault(session_id, (model, version))
    return list(found.values())


HISTORY_KEPT = 20


def restate_summary(session: Session, run_id: str, *, reason: str, by: str | None) -> bool:
    """An ended run's figures after a change to its verdicts (a re-judge, a review): the new
    summary is stored and the previous one kept, newest first, for comparison. In the
    caller's transaction. Returns whether the figures changed."""
    run = session.get(Run, run_id)
    if run is None or run.ended_at is None:
        return False  # a run still going computes its figures as it is read
    rows = sessions_of(session, [run.id]).get(run.id, [])
    before = RunSummary.model_validate(run.summary) if run.summary.get("overall") else None
    after = summarize(run.suite_snapshot, rows)
    stored = after.model_dump(by_alias=True, mode="json")
    if before is not None and before.model_dump(by_alias=True, mode="json") == stored:
        return False
    if before is not None:
        entry = {"at": utcnow().isoformat(), "reason": reason, "by": by,
                 "overall": before.overall.model_dump(by_alias=True, mode="json"),
                 "judges": run.summary.get("judges", [])}  # fmt: skip
        run.summary_history = [entry, *run.summary_history][:HISTORY_KEPT]
    judges = sorted({f"{m} · {v}" for m, v in judges_of(session, rows)})
    run.summary = {**stored, "judges": judges}
    run.updated_at = utcnow()
    return True


# ---- start, follow, end ------------------------------------------------------------------


def _snapshot(session: Session, suite: Suite, overrides: RunOverrides | None = None) -> dict[str, Any]:
    def names(model: type, ids: list[str]) -> dict[str, str]:
        rows = session.exec(select(model).where(col(model.id).in_(ids))).all() if ids else []
        return {row.id: row.name for row in rows}

    agent = session.get(Agent, suite.agent_id)
    return {
        "id": suite.id, "name": suite.name, "description": suite.description, "agentId": suite.agent_id,
        "agentName": agent.name if agent else "", "agentType": agent.type if agent else "",
        # The agent as it was: a run without a label is told apart by when its agent last changed.
        "agentUpdatedAt": agent.updated_at.isoformat() if agent else None,
        "personaIds": list(suite.persona_ids), "objectiveIds": list(suite.objective_ids), "repeats": suite.repeats,
        "simulatorModel": suite.simulator_model, "config": dict(suite.config),
        "personas": names(Persona, suite.persona_ids), "objectives": names(Objective, suite.objective_ids),
        "overrides": overrides.model_dump(by_alias=True, exclude_none=True) if overrides else {},
    }  # fmt: skip


def _session_rows(run: Run, suite: Suite, principal: Principal) -> list[SimSession]:
    # Judging settings go to the session's llmConfig; the thresholds are the gate's and the
    # calibration gate stays with the run.
    config = {k: v for k, v in suite.config.items()
              if k not in ("judgeModel", "judgeRepeats", "calibrationGate", "thresholds")}  # fmt: skip
    llm_config = {"model": suite.simulator_model, "judgeModel": suite.config.get("judgeModel"),
                  "judgeRepeats": suite.config.get("judgeRepeats")}  # fmt: skip
    llm_config = {k: v for k, v in llm_config.items() if v}
    rows = []
    for persona_id in suite.persona_ids:
        for objective_id in suite.objective_ids:
            for repeat in range(1, suite.repeats + 1):
                cell_config = {**config, "cell": {"personaId": persona_id, "objectiveId": objective_id,
                                                  "repeat": repeat}}  # fmt: skip
                if config.get("seed") is not None:
                    cell_config["seed"] = int(config["seed"]) + repeat - 1
                rows.append(
                    SimSession(
                        workspace_id=run.workspace_id, agent_id=suite.agent_id, persona_id=persona_id,
                        objective_id=objective_id, run_id=run.id, config=cell_config, llm_config=dict(llm_config),
                        vision_config={}, created_by=principal.user_id,
                    )
                )  # fmt: skip
    return rows


def publish_run_event(run: Run, status: str, extra: dict[str, Any] | None = None) -> None:
    bus.publish(BusEvent(run.id, run.workspace_id, "run", {"runId": run.id, "suiteId": run.suite_id,
                                                           "status": status, **(extra or {})}))  # fmt: skip


def _overridden(suite: Suite, overrides: RunOverrides | None) -> Suite:
    """The suite as this run runs it: a copy (never stored) with the run's overrides, which
    may only narrow the matrix to some of its personas and objectives."""
    if overrides is None:
        return suite
    problems = [
        FieldError(field, f"not in the suite: {', '.join(extra[:5])}")
        for field, chosen, known in (("personaIds", overrides.persona_ids, suite.persona_ids),
                                     ("objectiveIds", overrides.objective_ids, suite.objective_ids))
        if chosen and (extra := [i for i in chosen if i not in known])
    ]  # fmt: skip
    if problems:
        raise ValidationFailed("The overrides name cells the suite does not have", problems)
    values = suite.model_dump()
    if overrides.persona_ids:
        values["persona_ids"] = [i for i in suite.persona_ids if i in overrides.persona_ids]
    if overrides.objective_ids:
        values["objective_ids"] = [i for i in suite.objective_ids if i in overrides.objective_ids]
    if overrides.repeats is not None:
        values["repeats"] = overrides.repeats
    if overrides.seed is not None:
        values["config"] = {**suite.config, "seed": overrides.seed}
    return Suite(**values)


def _create_run(
    *, session: Session, principal: Principal, suite_id: str, overrides: RunOverrides | None = None
) -> tuple[RunDetail, list[str]]:
    require(principal, Permission.write)
    suite = _overridden(suites.resource.row(session, principal, suite_id), overrides)
    suites.check_matrix(session, principal, suite.agent_id, suite.persona_ids, suite.objective_ids, suite.repeats)
    run = Run(
        workspace_id=principal.workspace_id, suite_id=suite.id, agent_id=suite.agent_id, status=RunStatus.running,
        total_sessions=len(suite.persona_ids) * len(suite.objective_ids) * suite.repeats,
        label=((overrides.label if overrides else None) or "").strip(),
        suite_snapshot=_snapshot(session, suite, overrides), started_at=utcnow(), created_by=principal.user_id,
    )  # fmt: skip
    session.add(run)
    session.flush()
    rows = _session_rows(run, suite, principal)
    session.add_all(rows)
    session.commit()
    try:
        for row in rows:
            sessions.mark_started(session=session, principal=principal, session_id=row.id)
    except Exception:
        run.status, run.ended_at = RunStatus.error, utcnow()
        for row in rows:
            session.refresh(row)
            if row.status not in TERMINAL_STATUSES:
                row.status, row.outcome, row.end_reason = "cancelled", "cancelled", "cancelled"
        session.commit()
        raise
    publish_run_event(run, "running", {"totalSessions": run.total_sessions})
    return _detail(session, run), [row.id for row in rows]


async def start_run(*, principal: Principal, suite_id: str, overrides: RunOverrides | None = None) -> RunDetail:
    """Creates the run and its sessions (in a worker thread) and schedules them. `overrides`
    (repeats, seed, a subset of the personas and objectives) apply to this run only."""
    detail, session_ids = await units.in_thread(
        _create_run, principal=principal, suite_id=suite_id, overrides=overrides
    )
    execution.submit(*session_ids)  # after run.started, so that it is heard first
    # No coordinator waits for the sessions: whoever ends a run's last session (a backend or
    # a queue worker, possibly after a restart) finalizes the run (execution.settle_runs).
    return detail


def open_run_ids() -> list[str]:
    with session_scope() as db:
        return list(db.exec(select(Run.id).where(col(Run.ended_at).is_(None))).all())


def finalize_run(run_id: str) -> bool:
    """Ends the run once none of its sessions can still change: stores the summary and
    publishes run.completed (or run.cancelled), once, whoever calls it how often (the end
    is a conditional update). Returns whether the run ended now."""
    with session_scope() as db:
        run = db.get(Run, run_id)
        if run is None or run.ended_at is not None:
            return False
        # Cheap first: most calls come from a session ending while others still run.
        open_sessions = db.exec(
            select(func.count()).select_from(SimSession)
            .where(SimSession.run_id == run.id, col(SimSession.status).not_in(list(TERMINAL_STATUSES)))
        ).one()  # fmt: skip
        if open_sessions:
            return False
        rows = sessions_of(db, [run.id]).get(run.id, [])
        now = utcnow()
        summary = summarize(run.suite_snapshot, rows)
        status = RunStatus.cancelled if run.status == RunStatus.cancelled else RunStatus.completed
        stored = {**summary.model_dump(by_alias=True, mode="json"),
                  "judges": sorted({f"{m} · {v}" for m, v in judges_of(db, rows)})}  # fmt: skip
        ended = db.execute(
            update(Run)
            .where(col(Run.id) == run.id, col(Run.ended_at).is_(None))
            .values(summary=stored, status=status, ended_at=now, updated_at=now)
            .execution_options(synchronize_session=False)
        )
        db.commit()
        if ended.rowcount != 1:  # another process or thread finished it first
            return False
        db.refresh(run)
        overall = summary.overall
        threshold = run_threshold(run.suite_snapshot)
        below = below_threshold(run.status, overall, threshold)
        publish_run_event(run, run.status, {"passRate": overall.pass_rate, "passed": overall.passed,
                                            "failed": overall.failed, "errors": overall.errors,
                                            "threshold": threshold, "belowThreshold": below})  # fmt: skip
    return True


def _mark_cancelled(*, session: Session, principal: Principal, run_id: str) -> list[str]:
    """Marks the run cancelled; returns its sessions that have not ended."""
    require(principal, Permission.write)
    run = _row(session, principal, run_id)
    # Conditional, so that a run its coordinator has just finished is not marked cancelled.
    marked = session.execute(
        update(Run)
        .where(col(Run.id) == run.id, col(Run.status).in_(ACTIVE), col(Run.ended_at).is_(None))
        .values(status=RunStatus.cancelled, updated_at=utcnow())
        .execution_options(synchronize_session=False)
    )
    session.commit()
    if marked.rowcount != 1:
        session.refresh(run)
        raise Conflict(f"The run has already ended ({run.status})")
    return [row.id for row in sessions_of(session, [run.id]).get(run.id, []) if row.status not in TERMINAL_STATUSES]


def _stop_sessions(*, session: Session, principal: Principal, run_id: str, cancelled_here: set[str]) -> RunDetail:
    for row in sessions_of(session, [run_id]).get(run_id, []):
        if row.status not in TERMINAL_STATUSES:
            execution.stop(session, row, cancelled_task=row.id in cancelled_here)
    session.commit()
    finalize_run(run_id)
    session.expire_all()
    return _detail(session, _row(session, principal, run_id))


async def cancel_run(*, principal: Principal, run_id: str) -> RunDetail:
    """Cancels every session of the run that has not ended; what they said stays stored.
    The run reads "cancelled" at once, and has its `endedAt` (and stored summary) when its
    last session has stopped."""
    open_ids = await units.in_thread(_mark_cancelled, principal=principal, run_id=run_id)
    cancelled_here = execution.cancel_here(*open_ids)
    return await units.in_thread(_stop_sessions, principal=principal, run_id=run_id, cancelled_here=cancelled_here)


def _settle(session: Session, run: Run) -> Run:
    """A run whose sessions have all ended is finished when someone looks at it, should
    the process that ended its last session have stopped before finalizing it."""
    if run.ended_at is None and finalize_run(run.id):
        session.expire_all()
        return session.get(Run, run.id)
    return run


# ---- reading -------------------------------------------------------------------------------


def list_runs(
    *,
    session: Session,
    principal: Principal,
    params: RunListParams,
    status: str | None = None,
    suite_id: str | None = None,
) -> Paginated[RunPublic]:
    require(principal, Permission.read)
    query = select(Run).where(Run.workspace_id == principal.workspace_id)
    if status:
        query = query.where(Run.status == status)
    if suite_id:
        query = query.where(Run.suite_id == suite_id)
    query = query.order_by(col(Run.created_at).desc(), col(Run.id))
    page = paginate(session, query, params, lambda row: row)  # type: ignore[arg-type]
    active = [r.id for r in page.data if r.ended_at is None]
    rows = sessions_of(session, active)
    return Paginated[RunPublic](
        data=[RunPublic(**_public(r, _summary(r, rows.get(r.id)))) for r in page.data], pagination=page.pagination
    )


def snapshots(session: Session, run_ids: list[str]) -> dict[str, dict[str, Any]]:
    """The suite as each run started it, by run id."""
    if not run_ids:
        return {}
    return dict(session.exec(select(Run.id, Run.suite_snapshot).where(col(Run.id).in_(run_ids))).all())


def run_public(session: Session, run_id: str) -> RunPublic | None:
    """The run for the system itself (the webhook dispatcher): no caller to check."""
    run = session.get(Run, run_id)
    if run is None:
        return None
    rows = sessions_of(session, [run.id]).get(run.id, []) if run.ended_at is None else None
    return RunPublic(**_public(run, _summary(run, rows)))


def get_run(*, session: Session, principal: Principal, run_id: str) -> RunDetail:
    require(principal, Permission.read)
    return _detail(session, _settle(session, _row(session, principal, run_id)))


def run_state(*, session: Session, principal: Principal, run_id: str) -> RunPublic:
    """The run's status and progress without its matrix: for scripts that wait."""
    require(principal, Permission.read)
    run = _settle(session, _row(session, principal, run_id))
    rows = sessions_of(session, [run.id]).get(run.id, []) if run.ended_at is None else None
    return RunPublic(**_public(run, _summary(run, rows)))


# A run's own events, and its sessions' starts and ends: not their messages.
_RUN_WAKING_EVENTS = frozenset({"run", "status", "complete"})


async def wait_for_run(principal: Principal, run_id: str, timeout_s: float, *, done: int | None = None) -> RunPublic:
    """The run once it has ended (`endedAt` set), or once more than `done` of its sessions have
    ended (progress for a waiting script), or after `timeout_s` (at most 60 s)."""

    def read() -> RunPublic:
        with session_scope() as db:
            return run_state(session=db, principal=principal, run_id=run_id)

    def answered(state: RunPublic) -> bool:
        return state.ended_at is not None or (done is not None and state.progress.done != done)

    def wakes(event: BusEvent) -> bool:  # its sessions' events reach it on ALL, with everyone's
        return event.session_id == run_id or event.type in ("status", "complete")

    return await waiting.wait_until(ALL, read, answered, timeout_s, wakes=wakes, types=_RUN_WAKING_EVENTS)


def _follow_read(principal: Principal, run_id: str) -> RunDetail:
    with session_scope() as db:
        return get_run(session=db, principal=principal, run_id=run_id)


async def run_feed(principal: Principal, run_id: str, *, heartbeat_s: float = 15) -> AsyncIterator[RunDetail]:
    """The run now, then again whenever one of its sessions starts or ends, until it ends.
    Bursts of events (many sessions ending together) are read back once."""
    async with bus.subscribe(ALL) as subscription:
        # Subscribed first, then read: nothing falls between the two.
        detail = await asyncio.to_thread(_follow_read, principal, run_id)
        yield detail
        while detail.ended_at is None:
            ids = {s.id for cell in detail.cells for s in cell.sessions}
            event = await subscription.get(timeout=heartbeat_s)
            if event is not None and not (
                event.session_id == run_id or (event.session_id in ids and event.type in ("status", "complete"))
            ):
                continue
            await asyncio.sleep(0.2)
            while await subscription.get(timeout=0.001) is not None:
                pass
            detail = await asyncio.to_thread(_follow_read, principal, run_id)
            yield detail


def settle(run_ids: list[str] | None) -> None:
    """Finalizes these runs (None: every open run), each on its own: one that fails is logged."""
    for run_id in run_ids if run_ids is not None else open_run_ids():
        try:
            finalize_run(run_id)
        except Exception:
            logger.exception("finishing run %s failed", run_id)


# A run settles when the runtime says one of its sessions ended (it imports no service).
execution.settle_with(settle)
