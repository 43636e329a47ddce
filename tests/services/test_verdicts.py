"""Reading a session's verdict at the service: none until judged; the latest completed
judgement is the verdict (a failed re-judge does not replace it), earlier ones kept newest
first; findings are the latest judgement's plus the session's own; a review shows beside the
verdict; another workspace's session is not found."""

from __future__ import annotations

from datetime import timedelta

import pytest
from sqlmodel import select

from app.models.judgement import Judgement
from app.models.review import ReviewCreate
from app.services import reviews, verdicts
from app.services.errors import NotFound
from tests.services.lab import Lab, principal_of

CRITERIA = ["The agent gives the delivery date", "The agent is polite"]
LEAKY = [("persona", "When will order A-10482 arrive?"),
         ("agent", "Tuesday. Ask jane.roe@example.com if it does not."), ("persona", "Thanks!")]  # fmt: skip


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def ended(lab: Lab) -> str:
    session_id = lab.session(lab.agent(), lab.persona(), lab.objective("Order", CRITERIA))
    lab.conversation(session_id, LEAKY)
    return session_id


def read(lab: Lab, session_id: str, principal=None):
    kwargs = {"session": lab.db, "principal": principal or lab.principal, "session_id": session_id}
    return verdicts.get_verdict(**kwargs), verdicts.list_judgements(**kwargs), verdicts.list_findings(**kwargs)


def test_nothing_until_judged_but_the_sessions_own_findings(lab: Lab) -> None:
    session_id = ended(lab)
    lab.finding(session_id, "The page had 3 console errors", type="console-error")
    verdict, judgements, findings = read(lab, session_id)
    assert verdict is None and judgements == []
    assert [f.description for f in findings] == ["The page had 3 console errors"]


def test_the_latest_judgement_is_the_verdict_with_its_rows_in_order(lab: Lab) -> None:
    session_id = ended(lab)
    judgement = lab.judge(session_id)
    lab.finding(session_id, "A measured finding of the session itself", type="console-error")
    verdict, judgements, findings = read(lab, session_id)
    assert (verdict.judgement_id, verdict.outcome, verdict.blame) == (judgement.id, "failed", "agent")
    assert verdict.judge_model == "mimic/offline" and verdict.end_reason_text
    assert [(c.criterion_index, c.criterion) for c in verdict.criteria] == list(enumerate(CRITERIA))
    assert "personal_data" in {c.key for c in verdict.checks}
    assert [j.id for j in judgements] == [judgement.id]
    assert sorted(f.type for f in findings) == ["console-error", "data-disclosure"]
    assert verdict.reviewed_outcome is None and verdict.review is None


def test_a_rejudge_replaces_the_verdict_and_its_findings_and_keeps_the_earlier(lab: Lab) -> None:
    session_id = ended(lab)
    first = lab.judge(session_id)
    second = lab.judge(session_id)
    verdict, judgements, findings = read(lab, session_id)
    assert verdict.judgement_id == second.id
    assert [j.id for j in judgements] == [second.id, first.id]
    assert [f.type for f in findings] == ["data-disclosure"]  # the first judgement's copy is not shown again


def test_a_failed_rejudge_does_not_replace_the_verdict(lab: Lab) -> None:
    session_id = ended(lab)
    good = lab.judge(session_id)
    failed = lab.judge(session_id)
    row = lab.db.get(Judgement, failed.id)
    row.status, row.created_at = "error", row.created_at + timedelta(seconds=5)
    lab.db.commit()
    assert verdicts.latest_judgement(lab.db, session_id).id == good.id
    verdict, judgements, _ = read(lab, session_id)
    assert verdict.judgement_id == good.id and judgements[0].id == failed.id


def test_a_review_shows_beside_the_verdict_it_overrides(lab: Lab) -> None:
    session_id = ended(lab)
    lab.judge(session_id)
    [judgement] = lab.db.exec(select(Judgement).where(Judgement.session_id == session_id)).all()
    data = ReviewCreate.model_validate({"criteria": [{"index": 0, "status": "met"}, {"index": 1, "status": "met"}],
                                        "findings": []})  # fmt: skip
    review = reviews.submit_review(session=lab.db, principal=lab.principal, session_id=session_id, data=data)
    verdict, _, _ = read(lab, session_id)
    assert verdict.outcome == "failed" and verdict.reviewed_outcome == review.outcome == "failed"
    assert verdict.review["id"] == review.id and verdict.judgement_id == judgement.id


def test_another_workspaces_session_is_not_found(db, make_account, lab: Lab) -> None:
    session_id = ended(lab)
    stranger = principal_of(make_account())
    for reader in (verdicts.get_verdict, verdicts.list_judgements, verdicts.list_findings):
        with pytest.raises(NotFound):
            reader(session=db, principal=stranger, session_id=session_id)


@pytest.mark.parametrize(
    ("votes", "status", "unstable", "expected"),
    [({}, "met", False, ""), ({"met": 1}, "met", False, ""), ({"met": 4, "not_met": 1}, "met", False, "4/5"),
     ({"met": 2, "not_met": 2, "inconclusive": 1}, "inconclusive", True, "2/5")],
)  # fmt: skip
def test_agreement_says_how_many_repeats_ruled(votes, status, unstable, expected) -> None:
    assert verdicts.agreement(votes, status, unstable) == expected


def test_a_finding_seen_on_several_pages_lists_them_all() -> None:
    evidence = {"pages": [{"page": "https://shop.test/a"}, {"page": "https://shop.test/b"}, {"nope": 1}]}
    assert verdicts.finding_pages(evidence, "https://shop.test/a") == ["https://shop.test/a", "https://shop.test/b"]
    assert verdicts.finding_pages({}, "https://shop.test/c") == ["https://shop.test/c"]
    assert verdicts.finding_pages({}, None) == []
