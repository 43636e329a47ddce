"""Trends and alerts: a suite's pass rate over its runs, each with its Wilson interval and the
agent's version (the run's label), and the suite's alert threshold (config.thresholds.passRate,
the same least pass rate `mimic test` gates on). A completed run under it is marked
(`belowThreshold`) and fires the webhook event run.below_threshold (app/services/runs.py)."""

from __future__ import annotations

from datetime import datetime

from sqlmodel import Session

from app.models.suite import RunPublic, SuitePublic
from app.models.trends import SuiteTrend, ThresholdUpdate, TrendPoint
from app.services import runs, suites
from app.services.access import Permission, Principal, require

MAX_TREND_RUNS = 100


def _version(run: RunPublic, agent_updated_at: str | None) -> str:
    if run.label:
        return run.label
    if agent_updated_at:
        try:
            return "agent of " + datetime.fromisoformat(agent_updated_at).strftime("%Y-%m-%d %H:%M")
        except ValueError:
            pass
    return "unlabelled"


def suite_trend(*, session: Session, principal: Principal, suite_id: str, limit: int = 30) -> SuiteTrend:
    """The suite's latest `limit` runs, oldest first."""
    require(principal, Permission.read)
    suite = suites.resource.row(session, principal, suite_id)
    listed = runs.list_runs(
        session=session, principal=principal, params=runs.RunListParams(limit=min(limit, MAX_TREND_RUNS)),
        suite_id=suite.id,
    )  # fmt: skip
    snapshots = runs.snapshots(session, [r.id for r in listed.data])
    points = []
    for run in reversed(listed.data):
        overall = run.overall
        ci = overall.ci if overall else None
        points.append(
            TrendPoint(
                run_id=run.id, created_at=run.created_at, ended_at=run.ended_at, status=run.status, label=run.label,
                version=_version(run, snapshots.get(run.id, {}).get("agentUpdatedAt")),
                n=overall.n if overall else 0, passed=overall.passed if overall else 0,
                failed=overall.failed if overall else 0, errors=overall.errors if overall else 0,
                pass_rate=overall.pass_rate if overall else None, ci_low=ci.low if ci else None,
                ci_high=ci.high if ci else None, threshold=run.threshold, below_threshold=run.below_threshold,
            )
        )  # fmt: skip
    return SuiteTrend(
        suite_id=suite.id, suite_name=suite.name, threshold=runs.run_threshold({"config": suite.config}),
        points=points, below_threshold=sum(p.below_threshold for p in points),
    )  # fmt: skip


def set_threshold(*, session: Session, principal: Principal, suite_id: str, data: ThresholdUpdate) -> SuitePublic:
    """Sets (or, with null, removes) the suite's least pass rate, keeping its other thresholds."""
    require(principal, Permission.write)
    row = suites.resource.row(session, principal, suite_id)
    config = dict(row.config or {})
    thresholds = {k: v for k, v in (config.get("thresholds") or {}).items() if k != "passRate"}
    if data.pass_rate is not None:
        thresholds["passRate"] = data.pass_rate
    if thresholds:
        config["thresholds"] = thresholds
    else:
        config.pop("thresholds", None)
    return suites.resource.change(session, principal, suite_id, config=config)
