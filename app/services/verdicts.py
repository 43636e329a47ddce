"""Reading a session's judgements: the latest completed one is its verdict (criteria, checks,
blame, the judge model and prompt version, the votes of judge repeats); earlier ones, and
failed re-judges, are kept. A human review is shown beside the verdict and overrides its
outcome. Findings belong to a judgement (judge and check findings) or to the session itself
(a browser session's measured and persona findings)."""

from __future__ import annotations

from sqlalchemy import case
from sqlmodel import Session, col, or_, select

from app.engine.case import end_reason_text
from app.engine.judgement import finding_pages
from app.models.judgement import Judgement, JudgementPublic, SessionVerdict, VerdictPublic
from app.models.library import Agent
from app.models.review import Review, ReviewPublic
from app.models.session import Finding, FindingPublic, SimSession, Verdict
from app.services.access import Permission, Principal, require
from app.services.crud import ScopedResource
from app.services.judge_calibration import judge_calibration


def verdict_public(row: Verdict) -> VerdictPublic:
    evidence = list(row.cited_message_ids or [])
    return VerdictPublic(
        kind=row.kind, key=row.key or f"criterion:{row.criterion_index}", criterion_index=row.criterion_index,
        criterion=row.criterion, status=row.status, reasoning=row.reasoning, evidence_message_ids=evidence,
        cited_message_ids=evidence, source=row.source, blame=row.blame, gating=row.gating, resolved_by=row.resolved_by,
        votes=dict(row.votes or {}), agreement=agreement(row.votes or {}, row.status, row.unstable),
        unstable=row.unstable,
    )  # fmt: skip


def agreement(votes: dict[str, int], status: str, unstable: bool) -> str:
    """ "4/5": how many repeats ruled the row's status (the largest share when unstable)."""
    total = sum(votes.values())
    if total <= 1:
        return ""
    return f"{max(votes.values()) if unstable else votes.get(status, 0)}/{total}"


def latest_judgement(session: Session, session_id: str) -> Judgement | None:
    """The session's verdict: its latest completed judgement (a re-judge whose model failed
    does not replace it), else its latest (a judge that failed at the end of the session)."""
    completed_first = case((Judgement.status == "completed", 0), else_=1)
    return session.exec(
        select(Judgement)
        .where(Judgement.session_id == session_id)
        .order_by(completed_first, col(Judgement.created_at).desc(), col(Judgement.id).desc())
        .limit(1)
    ).first()


def _medium(session: Session, row: SimSession) -> str:
    """browser for a visit to a website (its verdict speaks of the visitor and the visit), else chat."""
    agent = session.get(Agent, row.agent_id)
    return "browser" if agent is not None and agent.type == "browser" else "chat"


def latest_review(session: Session, session_id: str) -> Review | None:
    return session.exec(
        select(Review).where(Review.session_id == session_id).order_by(col(Review.created_at).desc()).limit(1)
    ).first()


def session_verdict(session: Session, row: SimSession) -> SessionVerdict | None:
    """The latest judgement as the session's verdict; None when it was never judged."""
    judgement = latest_judgement(session, row.id)
    review = latest_review(session, row.id)
    query = select(Verdict).where(Verdict.session_id == row.id)
    query = (
        query.where(Verdict.judgement_id == judgement.id)
        if judgement
        else query.where(col(Verdict.judgement_id).is_(None))
    )
    rows = session.exec(query.order_by(col(Verdict.kind).desc(), col(Verdict.criterion_index))).all()
    if judgement is None and not rows:
        return None
    return SessionVerdict(
        summary=judgement.summary if judgement else (row.verdict_summary or ""),
        outcome=judgement.outcome if judgement else row.outcome,
        blame=judgement.blame if judgement else row.blame,
        judge_model=judgement.judge_model if judgement else row.llm_config.get("judgeModel"),
        prompt_version=judgement.prompt_version if judgement else None,
        judgement_id=judgement.id if judgement else None,
        end_reason_text=end_reason_text(row.end_reason, medium=_medium(session, row)) if row.end_reason else "",
        simulator=judgement.simulator if judgement else {},
        repeats=judgement.repeats if judgement else 1,
        criteria=[verdict_public(v) for v in rows if v.kind == "criterion"],
        checks=[verdict_public(v) for v in rows if v.kind == "check"],
        reviewed_outcome=review.outcome if review else None,
        review=ReviewPublic.model_validate(review).model_dump(by_alias=True, mode="json") if review else None,
        calibration=judge_calibration(session, row.workspace_id, judgement.judge_model, judgement.prompt_version)
        if judgement else None,
    )  # fmt: skip


def finding_public(row: Finding) -> FindingPublic:
    public = FindingPublic.model_validate(row)
    public.pages = finding_pages(row.evidence or {}, row.page)
    return public


def current_findings(session: Session, session_id: str, judgement_id: str | None) -> list[FindingPublic]:
    """The findings of the latest judgement and the session's own (browser) findings."""
    mine = col(Finding.judgement_id).is_(None)
    query = select(Finding).where(Finding.session_id == session_id)
    query = query.where(or_(mine, Finding.judgement_id == judgement_id) if judgement_id else mine)
    return [finding_public(f) for f in session.exec(query.order_by(col(Finding.created_at))).all()]


_sessions = ScopedResource(SimSession, lambda row: row, "session")


def get_verdict(*, session: Session, principal: Principal, session_id: str) -> SessionVerdict | None:
    require(principal, Permission.read)
    return session_verdict(session, _sessions.row(session, principal, session_id))


def list_judgements(*, session: Session, principal: Principal, session_id: str) -> list[JudgementPublic]:
    """Every judgement of the session, newest first."""
    require(principal, Permission.read)
    row = _sessions.row(session, principal, session_id)
    judgements = session.exec(
        select(Judgement).where(Judgement.session_id == row.id).order_by(col(Judgement.created_at).desc())
    ).all()
    return [JudgementPublic.model_validate(j) for j in judgements]


def list_findings(*, session: Session, principal: Principal, session_id: str) -> list[FindingPublic]:
    require(principal, Permission.read)
    row = _sessions.row(session, principal, session_id)
    judgement = latest_judgement(session, row.id)
    return current_findings(session, row.id, judgement.id if judgement else None)
