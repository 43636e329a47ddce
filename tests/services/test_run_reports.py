"""A run's report at the service: one entry per session in matrix order, each with the rows and
findings of its latest judgement only (messages cited by number), the transcript only for the
sessions that did not pass, findings counted by severity; as JUnit it is valid against the
schema; another workspace's run is not found."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest
import xmlschema
from sqlmodel import col, select

from app.models.session import SimSession
from app.services import run_reports
from app.services.errors import NotFound
from app.settings import PROJECT_ROOT
from tests.services.lab import Lab, principal_of

LEAKY = [("persona", "When will order A-10482 arrive?"),
         ("agent", "Tuesday. Ask jane.roe@example.com if it does not."), ("persona", "Thanks!")]  # fmt: skip


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def run_with_a_leak(lab: Lab) -> tuple[str, str, str]:
    """A run of two sessions: the first passed, the second leaked an address and was judged twice."""
    run_id = lab.finished_run(lab.suite(personas=2), ["passed", "passed"])
    ordered = lab.db.exec(select(SimSession).where(SimSession.run_id == run_id).order_by(col(SimSession.created_at)))
    passed, leaked = [r.id for r in ordered.all()]
    lab.conversation(leaked, LEAKY)
    lab.judge(leaked)
    lab.judge(leaked)
    return run_id, passed, leaked


def test_each_session_with_its_latest_verdict_and_transcript_when_not_passed(lab: Lab) -> None:
    run_id, passed, leaked = run_with_a_leak(lab)
    report = run_reports.run_report(session=lab.db, principal=lab.principal, run_id=run_id)
    assert {s.id for s in report.sessions} == {passed, leaked}
    by_id = {s.id: s for s in report.sessions}
    good, bad = by_id[passed], by_id[leaked]
    assert good.outcome == "passed" and good.transcript is None and good.findings == []
    assert (bad.outcome, bad.blame, bad.judge_model) == ("failed", "agent", "mimic/offline")
    assert [f.type for f in bad.findings] == ["data-disclosure"]  # the first judgement's copy left out
    assert bad.findings[0].evidence_message_numbers == [2]
    assert [c.key for c in bad.checks if c.status == "not_met"] == ["personal_data"]
    assert [m.number for m in bad.transcript] == [1, 2, 3] and bad.transcript[1].sender_type == "agent"
    assert report.findings_by_severity["critical"] == 1 and report.findings_by_severity["low"] == 0


def test_the_junit_form_is_schema_valid_and_names_the_failure(lab: Lab) -> None:
    run_id, _, _ = run_with_a_leak(lab)
    xml = run_reports.junit_report(session=lab.db, principal=lab.principal, run_id=run_id)
    xmlschema.XMLSchema(str(PROJECT_ROOT / "schemas" / "junit.xsd")).validate(xml)
    suite = ET.fromstring(xml.encode()).find("testsuite")
    assert (suite.get("tests"), suite.get("failures")) == ("2", "1")
    assert "#2 agent: Tuesday." in ET.fromstring(xml.encode()).find(".//failure/../system-out").text


def test_another_workspaces_run_is_not_found(db, make_account, lab: Lab) -> None:
    run_id = lab.finished_run(lab.suite(), ["passed"])
    stranger = principal_of(make_account())
    with pytest.raises(NotFound):
        run_reports.run_report(session=db, principal=stranger, run_id=run_id)
    with pytest.raises(NotFound):
        run_reports.junit_report(session=db, principal=stranger, run_id=run_id)
