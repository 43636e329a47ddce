"""How stable the judge is, at the service: judgements with repeats counted per day and per
judge (sessions and imported conversations alike), the flip rate over their criteria, and how
often reviewers ruled otherwise; by agent; per workspace."""

from __future__ import annotations

import asyncio

import pytest

from app.models.judgement import ConversationJudgeCreate
from app.models.review import ReviewCreate
from app.services import conversations, judge_analytics, reviews
from app.services.analytics_range import utc_today
from tests.services.lab import Lab

TURNS = [("persona", "When does order A-1 arrive?"), ("agent", "On Tuesday."), ("persona", "Thanks!")]


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def today(lab: Lab, principal=None, **filters):
    day = utc_today().isoformat()
    return judge_analytics.judge_analytics(session=lab.db, principal=principal or lab.principal, start_date=day,
                                           end_date=day, **filters)  # fmt: skip


def test_repeated_judgements_reviews_and_conversations_are_counted(db, make_account, lab: Lab) -> None:
    agent = lab.agent("Shop")
    session_id = lab.session(agent, lab.persona(), lab.objective("Order", ["Gives the date", "Is polite"]))
    lab.conversation(session_id, TURNS)
    lab.judge(session_id)  # one judgement, no repeats: not a measure of stability
    lab.judge(session_id, repeats=3)
    review = ReviewCreate.model_validate({"criteria": [{"index": 0, "status": "met"}, {"index": 1, "status": "met"}]})
    reviews.submit_review(session=db, principal=lab.principal, session_id=session_id, data=review)
    imported = ConversationJudgeCreate.model_validate({
        "persona": {"name": "Dana"}, "objective": {"goal": "g", "successCriteria": ["Answers"]},
        "transcript": [{"senderType": "persona", "content": "Hi"}, {"senderType": "agent", "content": "Hello"}],
        "repeats": 3, "temperature": 0.7,
    })  # fmt: skip
    asyncio.run(conversations.judge_conversation(principal=lab.principal, data=imported))

    found = today(lab)
    assert (found.judgements, found.criteria, found.flipped, found.flip_rate) == (2, 3, 0, 0.0)
    assert (found.reviewed_criteria, found.human_disagreements, found.human_agreement) == (2, 2, 0.0)
    [judge] = found.by_judge
    assert (judge.judge_model, judge.judgements) == ("mimic/offline", 2)
    assert [d.judgements for d in found.daily] == [2]
    by_agent = today(lab, agent_id=agent)
    assert (by_agent.judgements, by_agent.criteria) == (1, 2)  # the imported conversation has no agent
    assert today(lab, agent_id=lab.agent("Other")).judgements == 0
    other = Lab(db, make_account())
    nothing = today(lab, principal=other.principal)
    assert (nothing.judgements, nothing.reviewed_criteria, nothing.flip_rate, nothing.human_agreement) == (
        0, 0, None, None,
    )  # fmt: skip
