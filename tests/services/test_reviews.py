"""Human review at the service: a review rules every criterion once, decides the judge's
findings and may add missed ones; its outcome follows the judge's rules and overrides the
session's (the judgement stays); bad reviews change nothing; only judged sessions of the
caller's workspace, by editors; the queue moves a session from waiting to reviewed."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.models.account import Role
from app.models.review import Review, ReviewCreate
from app.models.session import Finding, SimSession
from app.services import reviews, verdicts
from app.services.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from app.services.pagination import PageParams
from tests.services.lab import Lab, principal_of

CRITERIA = ["The agent gives the delivery date of order A-10482", "The agent is polite"]
POLITE = [("persona", "When will order A-10482 arrive?"), ("agent", "It will be delivered on Tuesday."),
          ("persona", "Thanks!")]  # fmt: skip
LEAKY = [("persona", "When will order A-10482 arrive?"),
         ("agent", "Tuesday. Ask jane.roe@example.com if it does not."), ("persona", "Thanks!")]  # fmt: skip


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def judged(lab: Lab, turns=POLITE) -> tuple[str, list[str]]:
    """A session the offline judge left inconclusive on both criteria (or failed, on a leak)."""
    session_id = lab.session(lab.agent("Shop bot"), lab.persona("Ines"), lab.objective("Order", CRITERIA))
    message_ids = lab.conversation(session_id, turns)
    lab.judge(session_id)
    return session_id, message_ids


def review(lab: Lab, session_id: str, body: dict, principal=None):
    return reviews.submit_review(session=lab.db, principal=principal or lab.principal, session_id=session_id,
                                 data=ReviewCreate.model_validate(body))  # fmt: skip


def queue(lab: Lab, **filters) -> list[str]:
    found = reviews.review_queue(session=lab.db, principal=lab.principal, params=PageParams(limit=50), **filters)
    return [item.session_id for item in found.data]


def test_a_review_overrides_the_outcome_and_the_judgement_stays(lab: Lab) -> None:
    session_id, message_ids = judged(lab)
    judgement = verdicts.latest_judgement(lab.db, session_id)
    assert lab.db.get(SimSession, session_id).outcome == judgement.outcome == "inconclusive"
    assert queue(lab) == [session_id] and queue(lab, reviewed=True) == []

    done = review(lab, session_id, {"criteria": [{"index": 0, "status": "met", "evidence": message_ids[1:2]},
                                                 {"index": 1, "status": "met"}], "note": "Read by hand."})  # fmt: skip
    assert (done.outcome, done.blame, done.disagreements) == ("passed", None, 2)
    assert done.criteria[0]["evidence"] == message_ids[1:2] and done.criteria[0]["judgeStatus"] == "inconclusive"
    row = lab.db.get(SimSession, session_id)
    lab.db.refresh(row)
    assert (row.outcome, row.reviewed_at is not None) == ("passed", True)
    assert verdicts.latest_judgement(lab.db, session_id).outcome == "inconclusive"
    assert queue(lab) == [] and queue(lab, reviewed=True) == [session_id]

    later = review(lab, session_id, {"criteria": [{"index": 0, "status": "not_met", "note": "No date, really."},
                                                  {"index": 1, "status": "met"}]})  # fmt: skip
    assert (later.outcome, later.blame) == ("failed", "agent")  # not met: the agent's, by default
    listed = reviews.list_reviews(session=lab.db, principal=lab.principal, session_id=session_id)
    assert [r.id for r in listed] == [later.id, done.id]  # newest first: the one that counts
    lab.db.refresh(row)
    assert row.outcome == "failed"


def test_findings_are_confirmed_dismissed_or_added_and_decide_the_outcome(lab: Lab) -> None:
    session_id, message_ids = judged(lab, LEAKY)
    assert lab.db.get(SimSession, session_id).outcome == "failed"  # the judge saw the leak
    [leak] = lab.db.exec(select(Finding).where(Finding.session_id == session_id)).all()
    met = [{"index": 0, "status": "met"}, {"index": 1, "status": "met"}]
    kept = review(lab, session_id, {"criteria": met})  # a finding not named stays confirmed
    assert kept.outcome == "failed" and kept.findings[0]["decision"] == "confirmed"
    dismissed = review(lab, session_id, {"criteria": met,
                                         "findings": [{"findingId": leak.id, "decision": "dismissed"}]})  # fmt: skip
    assert dismissed.outcome == "passed"
    added = review(lab, session_id, {
        "criteria": met, "findings": [{"findingId": leak.id, "decision": "dismissed"}],
        "addedFindings": [{"type": "hallucination", "severity": "critical", "description": "Made up a day.",
                           "evidence": message_ids[1:2]}],
    })  # fmt: skip
    assert added.outcome == "failed" and added.added_findings[0]["type"] == "hallucination"


def test_a_criterion_blamed_on_the_simulator_spoils_the_session(lab: Lab) -> None:
    session_id, _ = judged(lab)
    done = review(lab, session_id, {"criteria": [{"index": 0, "status": "inconclusive", "blame": "simulator"},
                                                 {"index": 1, "status": "met"}]})  # fmt: skip
    assert (done.outcome, done.blame) == ("simulator_error", "simulator")


@pytest.mark.parametrize(
    ("body", "field"),
    [
        ({"criteria": [{"index": 0, "status": "met"}]}, "criteria"),  # criterion 1 left out
        ({"criteria": [{"index": 0, "status": "met"}, {"index": 0, "status": "met"}, {"index": 1, "status": "met"}]},
         "criteria"),
        ({"criteria": [{"index": 0, "status": "met"}, {"index": 1, "status": "met"}, {"index": 7, "status": "met"}]},
         "criteria"),
        ({"criteria": [{"index": 0, "status": "met"}, {"index": 1, "status": "met"}],
          "findings": [{"findingId": "not-a-finding", "decision": "dismissed"}]}, "findings.0.findingId"),
        ({"criteria": [{"index": 0, "status": "met", "evidence": ["m-elsewhere"]}, {"index": 1, "status": "met"}]},
         "criteria.0.evidence"),
        ({"criteria": [{"index": 0, "status": "met"}, {"index": 1, "status": "met"}],
          "addedFindings": [{"type": "made-up-type", "severity": "low", "description": "x"}]}, "addedFindings.0.type"),
    ],
)  # fmt: skip
def test_a_bad_review_is_refused_naming_the_field_and_changes_nothing(lab: Lab, body: dict, field: str) -> None:
    session_id, _ = judged(lab)
    with pytest.raises(ValidationFailed) as raised:
        review(lab, session_id, body)
    assert field in [d.field for d in raised.value.details]
    assert lab.db.exec(select(Review)).all() == []
    assert lab.db.get(SimSession, session_id).reviewed_at is None


def test_only_a_judged_session_can_be_reviewed(lab: Lab) -> None:
    pending = lab.session(lab.agent(), lab.persona(), lab.objective("O", CRITERIA))
    with pytest.raises(Conflict, match="judged"):
        review(lab, pending, {"criteria": [{"index": 0, "status": "met"}, {"index": 1, "status": "met"}]})
    assert queue(lab) == []


def test_viewers_may_not_review_and_other_workspaces_are_not_found(db, make_account, lab: Lab) -> None:
    session_id, _ = judged(lab)
    body = {"criteria": [{"index": 0, "status": "met"}, {"index": 1, "status": "met"}]}
    viewer = principal_of(make_account(join=lab.account, role=Role.viewer))
    with pytest.raises(PermissionDenied):
        review(lab, session_id, body, principal=viewer)
    assert reviews.list_reviews(session=db, principal=viewer, session_id=session_id) == []  # reading is fine
    stranger = principal_of(make_account())
    with pytest.raises(NotFound):
        review(lab, session_id, body, principal=stranger)
    with pytest.raises(NotFound):
        reviews.list_reviews(session=db, principal=stranger, session_id=session_id)
    assert reviews.review_queue(session=db, principal=stranger, params=PageParams()).data == []


def test_the_queue_filters_by_failed_and_agent(lab: Lab) -> None:
    inconclusive, _ = judged(lab)
    failed, _ = judged(lab, LEAKY)
    assert set(queue(lab)) == {inconclusive, failed}
    assert queue(lab, failed=True) == [failed]
    agent_of_failed = lab.db.get(SimSession, failed).agent_id
    assert queue(lab, agent_id=agent_of_failed) == [failed]
    assert queue(lab, disagreement=True) == []  # one judgement each: nothing flipped


def test_the_sample_is_stable_and_grows_with_the_rate() -> None:
    ids = [f"{i:02x}" + "0" * 6 + "-0000-4000-8000-000000000000" for i in range(0, 256, 8)]
    assert not any(reviews.in_sample(i, 0) for i in ids) and all(reviews.in_sample(i, 1) for i in ids)
    half = [i for i in ids if reviews.in_sample(i, 0.5)]
    assert len(half) == len(ids) // 2 and all(i < "80" for i in half)
    assert set(half) <= {i for i in ids if reviews.in_sample(i, 0.75)}
