"""Re-judging a whole run at the service: refused while the run runs, while it is re-judged
already, or when none of its sessions ran to its end; editors of its workspace only; the
sessions judged again each get a new judgement and the run's figures are restated once."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import col, select

from app.models.account import Role
from app.models.base import utcnow
from app.models.judgement import Judgement, JudgeRequest
from app.models.session import SimSession
from app.models.suite import Run
from app.services import run_judging
from app.services.errors import Conflict, NotFound, PermissionDenied
from tests.services.lab import Lab, principal_of

OFFLINE = JudgeRequest(judge_model="mimic/offline")
TURNS = [("persona", "When does order A-1 arrive?"), ("agent", "On Tuesday."), ("persona", "Thanks!")]


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def start(lab: Lab, run_id: str, principal=None):
    return asyncio.run(run_judging.start(principal=principal or lab.principal, run_id=run_id, data=OFFLINE))


def sessions_of(lab: Lab, run_id: str) -> list[str]:
    query = select(SimSession.id).where(SimSession.run_id == run_id).order_by(col(SimSession.created_at))
    return list(lab.db.exec(query).all())


def test_refused_while_running_already_rejudged_or_with_nothing_to_judge(lab: Lab) -> None:
    run_id = lab.finished_run(lab.suite(personas=2), ["passed", "failed"])
    with pytest.raises(Conflict, match="none ran to its end"):
        start(lab, run_id)  # their transcripts are empty
    run = lab.db.get(Run, run_id)
    run.rejudge = {"status": "running", "updatedAt": utcnow().isoformat()}
    lab.db.commit()
    with pytest.raises(Conflict, match="already"):
        start(lab, run_id)
    run.ended_at, run.rejudge = None, {}
    lab.db.commit()
    with pytest.raises(Conflict, match="has not ended"):
        start(lab, run_id)


def test_only_editors_of_its_workspace(db, make_account, lab: Lab) -> None:
    run_id = lab.finished_run(lab.suite(), ["passed"])
    viewer = principal_of(make_account(join=lab.account, role=Role.viewer))
    with pytest.raises(PermissionDenied):
        start(lab, run_id, principal=viewer)
    with pytest.raises(NotFound):
        start(lab, run_id, principal=principal_of(make_account()))
    assert db.get(Run, run_id).rejudge == {}


def test_each_session_is_judged_again_and_the_run_restated_once(lab: Lab) -> None:
    run_id = lab.finished_run(lab.suite(personas=2), ["passed", "passed"])
    session_ids = sessions_of(lab, run_id)
    for session_id in session_ids:
        lab.conversation(session_id, TURNS)
    asyncio.run(run_judging.rejudge_sessions(lab.principal, run_id, session_ids, OFFLINE))
    lab.db.expire_all()
    judged = lab.db.exec(select(Judgement.session_id).where(col(Judgement.session_id).in_(session_ids))).all()
    assert sorted(judged) == sorted(session_ids)
    run = lab.db.get(Run, run_id)
    assert (run.rejudge["status"], run.rejudge["done"], run.rejudge["failed"]) == ("completed", 2, 0)
    assert [h["reason"] for h in run.summary_history] == ["run_rejudge"]
    # The offline judge cannot decide these criteria: the restated run counts no pass any more.
    assert run.summary["overall"]["passed"] == 0
