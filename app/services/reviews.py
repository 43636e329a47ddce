"""Human review of verdicts, and the queue of sessions waiting for one.

A review rules every criterion of the session's verdict (met / not met / inconclusive, with a
note and, when not met, whose it is), confirms or dismisses each finding, and may add the
findings the judge missed. Its outcome follows the judge's rules on the reviewed rows: failed
when a criterion is not met by the agent, an objective check failed, or a kept or added
finding is critical; simulator_error when the reviewer blamed the persona; passed when every
criterion is met; else inconclusive. The latest review overrides the judge's outcome (the
judgements stay); it is audited, published (`review.completed`), and restates the run.

The queue lists judged sessions, newest first, unreviewed by default, filtered by run, agent,
disagreement between judge repeats, failed, and the sample the team's review rate picks (by
the session's random id, so a session is in the sample or not for good).
"""

from __future__ import annotations

from sqlalchemy import false
from sqlmodel import Session, col, select

from app.engine import verdict_rules
from app.engine.case import INFRASTRUCTURE_ENDS
from app.engine.judgement import FindingRow, VerdictRow
from app.models.library import Agent, Objective, Persona
from app.models.review import Review, ReviewCreate, ReviewPublic, ReviewQueueItem
from app.models.session import Finding, FindingType, Message, SimSession, Verdict
from app.services import audit, judging, runs, verdicts
from app.services.access import Permission, Principal, require
from app.services.crud import ScopedResource
from app.services.errors import Conflict, FieldError, ValidationFailed
from app.services.judging_settings import judging_settings
from app.services.pagination import PageParams, Paginated, paginate

JUDGED = ("passed", "failed", "inconclusive", "simulator_error")
KNOWN_FINDING_TYPES = frozenset(t.value for t in FindingType)
_sessions = ScopedResource(SimSession, lambda row: row, "session")


def sample_bound(rate: float) -> str:
    """Sessions whose id sorts below this are in the sample: a uuid4's first 8 hex digits are
    uniformly random, so `id < bound` picks `rate` of them, for good."""
    return f"{min(int(rate * 16**8), 16**8 - 1):08x}" if rate < 1 else "g"


def in_sample(session_id: str, rate: float) -> bool:
    return rate > 0 and session_id < sample_bound(rate)


def _default_blame(status: str, judge_row: Verdict | None) -> str | None:
    if status == "met":
        return None
    if judge_row is not None and judge_row.status == status and judge_row.blame:
        return judge_row.blame
    return "agent" if status == "not_met" else "judge"


def _validate(data: ReviewCreate, criteria: list[Verdict], findings: dict[str, Finding], message_ids: set[str]) -> None:
    problems = []
    wanted = {v.criterion_index for v in criteria}
    given = {c.index for c in data.criteria}
    if len(given) != len(data.criteria):
        problems.append(FieldError("criteria", "each criterion may be reviewed once"))
    if len({d.finding_id for d in data.findings}) != len(data.findings):
        problems.append(FieldError("findings", "each finding may be decided once"))
    if given != wanted:
        missing, unknown = sorted(wanted - given), sorted(given - wanted)
        text = "; ".join(part for part in (f"missing {missing}" if missing else "",
                                           f"no such criterion {unknown}" if unknown else "") if part)  # fmt: skip
        problems.append(FieldError("criteria", f"review every criterion of the verdict, once ({text})"))
    for i, decision in enumerate(data.findings):
        if decision.finding_id not in findings:
            problems.append(FieldError(f"findings.{i}.findingId", "not a finding of this session's verdict"))
    for i, added in enumerate(data.added_findings):
        if added.type not in KNOWN_FINDING_TYPES:
            problems.append(FieldError(f"addedFindings.{i}.type", f"unknown finding type {added.type!r}"))
        for ref in added.evidence:
            if ref not in message_ids:
                problems.append(FieldError(f"addedFindings.{i}.evidence", f"{ref!r} is not a message of this session"))
    for i, criterion in enumerate(data.criteria):
        for ref in criterion.evidence:
            if ref not in message_ids:
                problems.append(FieldError(f"criteria.{i}.evidence", f"{ref!r} is not a message of this session"))
    if problems:
        raise ValidationFailed("Invalid review", problems)


def submit_review(*, session: Session, principal: Principal, session_id: str, data: ReviewCreate) -> ReviewPublic:
    require(principal, Permission.write)
    row = _sessions.row(session, principal, session_id)
    judgement = verdicts.latest_judgement(session, row.id)
    if row.status != "completed" or judgement is None or judgement.status != "completed":
        raise Conflict("Only a judged session can be reviewed")
    rows = session.exec(select(Verdict).where(Verdict.judgement_id == judgement.id)).all()
    criteria = sorted((v for v in rows if v.kind == "criterion"), key=lambda v: v.criterion_index)
    current = {f.id: f for f in session.exec(select(Finding).where(Finding.judgement_id == judgement.id)).all()}
    message_ids = set(session.exec(select(Message.id).where(Message.session_id == row.id)).all())
    _validate(data, criteria, current, message_ids)

    by_index = {v.criterion_index: v for v in criteria}
    reviewed, reviewed_rows = [], []
    for c in sorted(data.criteria, key=lambda c: c.index):
        judge_row = by_index[c.index]
        blame = None if c.status == "met" else (c.blame or _default_blame(c.status, judge_row))
        evidence = list(c.evidence) or (list(judge_row.cited_message_ids or []) if c.status == judge_row.status else [])
        reviewed.append({"index": c.index, "criterion": judge_row.criterion, "status": c.status, "note": c.note,
                         "blame": blame, "evidence": evidence, "judgeStatus": judge_row.status})  # fmt: skip
        reviewed_rows.append(VerdictRow("criterion", c.index, judge_row.key, judge_row.criterion, c.status, c.note,
                                        evidence, "review", blame=blame))  # fmt: skip
    checks = [VerdictRow("check", v.criterion_index, v.key, v.criterion, v.status, v.reasoning,
                         list(v.cited_message_ids or []), "check", gating=v.gating, blame=v.blame)
              for v in rows if v.kind == "check" and v.key.startswith("objective:")]  # fmt: skip
    decided = {d.finding_id: d for d in data.findings}
    decisions = [{"findingId": f.id, "type": f.type, "severity": f.severity,
                  "decision": decided[f.id].decision if f.id in decided else "confirmed",
                  "note": decided[f.id].note if f.id in decided else ""} for f in current.values()]  # fmt: skip
    kept = [FindingRow(f.type, f.severity, f.description, "", dict(f.evidence), f.source) for f in current.values()
            if decided.get(f.id) is None or decided[f.id].decision == "confirmed"]  # fmt: skip
    added = [a.model_dump(by_alias=True) for a in data.added_findings]
    kept += [FindingRow(a.type, a.severity, a.description, "", {"messageIds": a.evidence}, "review")
             for a in data.added_findings]  # fmt: skip
    spoiled = any(r.blame == "simulator" for r in reviewed_rows)
    outcome, blame = verdict_rules.outcome_of(reviewed_rows + checks, kept, {"spoiled": spoiled},
                                              infrastructure_end=row.end_reason in INFRASTRUCTURE_ENDS)  # fmt: skip
    disagreements = sum(1 for c in reviewed if c["status"] != c["judgeStatus"])
    review = Review(
        workspace_id=row.workspace_id, session_id=row.id, judgement_id=judgement.id, reviewer_id=principal.user_id,
        reviewer_email=principal.email or "", criteria=reviewed, findings=decisions, added_findings=added,
        note=data.note, outcome=outcome, blame=blame, disagreements=disagreements,
    )  # fmt: skip
    session.add(review)
    row.reviewed_at = review.created_at
    session.flush()
    judging.refresh_session(session, row)
    audit.record(session, principal=principal, action="review.submitted", target_type="session", target_id=row.id,
                 details={"reviewId": review.id, "outcome": outcome, "judgeOutcome": judgement.outcome,
                          "disagreements": disagreements, "dismissed": sum(1 for d in decisions
                                                                           if d["decision"] == "dismissed"),
                          "added": len(added)})  # fmt: skip
    if row.run_id:
        session.flush()
        runs.restate_summary(session, row.run_id, reason="review", by=principal.user_id)
    session.commit()
    judging.publish("review", row.workspace_id, review.id, {"reviewId": review.id, "sessionId": row.id})
    return ReviewPublic.model_validate(review)


def list_reviews(*, session: Session, principal: Principal, session_id: str) -> list[ReviewPublic]:
    """The session's reviews, newest first (the first overrides the judge's outcome)."""
    require(principal, Permission.read)
    row = _sessions.row(session, principal, session_id)
    found = session.exec(select(Review).where(Review.session_id == row.id).order_by(col(Review.created_at).desc()))
    return [ReviewPublic.model_validate(r) for r in found.all()]


def review_queue(
    *, session: Session, principal: Principal, params: PageParams, run_id: str | None = None,
    agent_id: str | None = None, disagreement: bool = False, failed: bool = False, sampled: bool = False,
    reviewed: bool = False,
) -> Paginated[ReviewQueueItem]:  # fmt: skip
    """Judged sessions waiting for review (or, with `reviewed`, those reviewed), newest first."""
    require(principal, Permission.read)
    rate = judging_settings(session, principal.workspace_id).review_sample_rate
    query = select(SimSession).where(SimSession.workspace_id == principal.workspace_id,
                                     SimSession.status == "completed", col(SimSession.outcome).in_(JUDGED))  # fmt: skip
    query = query.where(col(SimSession.reviewed_at).is_not(None) if reviewed else col(SimSession.reviewed_at).is_(None))
    if run_id:
        query = query.where(SimSession.run_id == run_id)
    if agent_id:
        query = query.where(SimSession.agent_id == agent_id)
    if disagreement:
        query = query.where(col(SimSession.flipped_criteria) > 0)
    if failed:
        query = query.where(SimSession.outcome == "failed")
    if sampled:
        query = query.where(col(SimSession.id) < sample_bound(rate)) if rate > 0 else query.where(false())
    page = paginate(session, query.order_by(col(SimSession.ended_at).desc(), col(SimSession.id)), params, lambda r: r)
    names = _names(session, page.data)
    items = [ReviewQueueItem(
        session_id=r.id, run_id=r.run_id, agent_id=r.agent_id, agent_name=names.get(r.agent_id, ""),
        persona_name=names.get(r.persona_id, ""), objective_name=names.get(r.objective_id or "", ""), outcome=r.outcome,
        blame=r.blame, judge_model=r.llm_config.get("judgeModel"), flipped_criteria=r.flipped_criteria,
        unstable_criteria=r.unstable_criteria, sampled=in_sample(r.id, rate), reviewed_at=r.reviewed_at,
        ended_at=r.ended_at, created_at=r.created_at,
    ) for r in page.data]  # fmt: skip
    return Paginated[ReviewQueueItem](data=items, pagination=page.pagination)


def _names(session: Session, rows: list[SimSession]) -> dict[str, str]:
    names: dict[str, str] = {}
    for model, ids in ((Agent, {r.agent_id for r in rows}), (Persona, {r.persona_id for r in rows}),
                       (Objective, {r.objective_id for r in rows if r.objective_id})):  # fmt: skip
        if ids:
            names.update(dict(session.exec(select(model.id, model.name).where(col(model.id).in_(ids))).all()))
    return names
