"""The judge's stability over time: with judge repeats, how often independent judgements of
one criterion disagree (the flip rate), per UTC day and per judge model and prompt version,
over sessions and imported conversations; and how often human reviewers rule otherwise."""

from __future__ import annotations

from collections import defaultdict
from typing import Any

from sqlmodel import Session, col, func, select

from app.models.analytics import JudgeAnalytics, JudgeDay, JudgeModelStability
from app.models.judgement import ConversationJudgement, Judgement
from app.models.review import Review
from app.models.session import SimSession
from app.services.access import Permission, Principal, require
from app.services.analytics import as_date, utc_day
from app.services.analytics_range import parse_range


def _rate(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _repeated(session: Session, model: Any, workspace_id: str, start: Any, end: Any, agent_id: str | None):
    day = utc_day(session, model.created_at).label("day")
    query = select(day, model.judge_model, model.prompt_version, func.count(), func.sum(model.criteria_count),
                   func.sum(model.flipped_criteria), func.sum(model.unstable_criteria)).where(
        model.workspace_id == workspace_id, col(model.repeats) > 1, col(model.created_at) >= start,
        col(model.created_at) < end)  # fmt: skip
    if agent_id:
        if model is not Judgement:
            return []  # an imported conversation has no agent of this workspace
        query = query.join(SimSession, col(SimSession.id) == Judgement.session_id)
        query = query.where(SimSession.agent_id == agent_id)
    return session.exec(query.group_by(day, model.judge_model, model.prompt_version)).all()


def judge_analytics(*, session: Session, principal: Principal, start_date: str | None = None,
                    end_date: str | None = None, agent_id: str | None = None) -> JudgeAnalytics:  # fmt: skip
    require(principal, Permission.read)
    span = parse_range(start_date, end_date)
    days: dict[Any, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    judges: dict[tuple[str, str], dict[str, int]] = defaultdict(lambda: defaultdict(int))
    for model in (Judgement, ConversationJudgement):
        for day, judge, version, n, criteria, flipped, unstable in _repeated(
            session, model, principal.workspace_id, span.start_at, span.end_before, agent_id
        ):
            for bucket in (days[as_date(day)], judges[(judge, version)]):
                bucket["judgements"] += n
                bucket["criteria"] += int(criteria or 0)
                bucket["flipped"] += int(flipped or 0)
                bucket["unstable"] += int(unstable or 0)
    review_day = utc_day(session, Review.created_at).label("day")
    reviews = select(review_day, Review.criteria).where(
        Review.workspace_id == principal.workspace_id, col(Review.created_at) >= span.start_at,
        col(Review.created_at) < span.end_before)  # fmt: skip
    if agent_id:
        reviews = reviews.join(SimSession, col(SimSession.id) == Review.session_id)
        reviews = reviews.where(SimSession.agent_id == agent_id)
    for day, criteria in session.exec(reviews).all():
        bucket = days[as_date(day)]
        bucket["reviewed"] += len(criteria or [])
        bucket["disagreed"] += sum(1 for c in criteria or [] if c.get("status") != c.get("judgeStatus"))
    daily = [JudgeDay(date=d, judgements=days[d]["judgements"], criteria=days[d]["criteria"],
                      flipped=days[d]["flipped"], unstable=days[d]["unstable"],
                      flip_rate=_rate(days[d]["flipped"], days[d]["criteria"]), reviewed_criteria=days[d]["reviewed"],
                      human_disagreements=days[d]["disagreed"]) if d in days else
             JudgeDay(date=d, judgements=0, criteria=0, flipped=0, unstable=0, flip_rate=None)
             for d in span.days()]  # fmt: skip
    total = {k: sum(getattr(d, k) for d in daily) for k in ("judgements", "criteria", "flipped", "unstable",
                                                             "reviewed_criteria", "human_disagreements")}  # fmt: skip
    by_judge = [JudgeModelStability(judge_model=m, prompt_version=v, judgements=b["judgements"], criteria=b["criteria"],
                                    flipped=b["flipped"], unstable=b["unstable"],
                                    flip_rate=_rate(b["flipped"], b["criteria"]))
                for (m, v), b in sorted(judges.items(), key=lambda kv: -kv[1]["judgements"])]  # fmt: skip
    agreement = (1 - total["human_disagreements"] / total["reviewed_criteria"]) if total["reviewed_criteria"] else None
    return JudgeAnalytics(
        start_date=span.start, end_date=span.end, **total, flip_rate=_rate(total["flipped"], total["criteria"]),
        human_agreement=round(agreement, 4) if agreement is not None else None, by_judge=by_judge, daily=daily,
    )  # fmt: skip
