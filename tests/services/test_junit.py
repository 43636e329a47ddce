"""Runs as JUnit XML: one testcase per session, failed verdicts as failures naming what was not
met, infrastructure errors as errors, undecided and spoiled sessions skipped with whose they
are, a calibration gate as a case of its own, text an agent wrote made safe for XML, and the
document valid against the committed schema."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import xmlschema

from app.models.base import utcnow
from app.models.suite import (
    OverallResult,
    ReportFinding,
    ReportMessage,
    ReportRow,
    ReportSession,
    RunCalibration,
    RunDetail,
    RunProgress,
    RunReport,
)
from app.services import junit
from app.settings import PROJECT_ROOT

XSD = xmlschema.XMLSchema(str(PROJECT_ROOT / "schemas" / "junit.xsd"))
PROGRESS = RunProgress(total=0, done=0, pending=0, running=0, passed=0, failed=0, errors=0, cancelled=0)


def session(n: int, outcome: str | None, *, status: str = "completed", **fields) -> ReportSession:
    values = {"id": f"s{n}", "persona_name": "Dana", "objective_name": "Order status", "repeat": n,
              "status": status, "outcome": outcome, "end_reason": "goal_met", "error": None, "duration_ms": 1500,
              "message_count": 4, "total_cost": 0.0, "total_tokens": 0, "verdict_summary": f"summary {n}",
              "criteria": [], "findings": []}  # fmt: skip
    return ReportSession(**(values | fields))


def report(sessions: list[ReportSession], calibration: RunCalibration | None = None) -> RunReport:
    run = RunDetail(id="run-1", suite_id="suite-1", suite_name="Support smoke", agent_id="a", agent_name="Shop bot",
                    status="completed", total_sessions=len(sessions), progress=PROGRESS,
                    overall=OverallResult(n=2, passed=1, failed=1), started_at=utcnow(), ended_at=utcnow(),
                    created_at=utcnow(), cells=[], suite_snapshot={}, calibration=calibration)  # fmt: skip
    return RunReport(run=run, sessions=sessions, findings_by_severity={}, total_cost=0.0)


def cases(xml: str) -> dict[str, ET.Element]:
    root = ET.fromstring(xml.encode())
    return {c.get("name"): c for c in root.iter("testcase")}


def test_each_outcome_becomes_its_kind_of_testcase_and_the_totals_add_up() -> None:
    not_met = ReportRow(criterion="Gives the delivery date", status="not_met", reasoning="never said", blame="agent")
    undecided = ReportRow(criterion="Is polite", status="inconclusive", reasoning="offline judge", blame="judge")
    xml = junit.junit_xml([report([
        session(1, "passed"),
        session(2, "failed", criteria=[not_met]),
        session(3, None, status="error", end_reason="agent_error",
                error={"source": "agent", "kind": "timeout", "message": "no reply in 10 s"}),
        session(4, "inconclusive", blame="judge", criteria=[undecided]),
        session(5, "simulator_error", blame="simulator",
                criteria=[ReportRow(criterion="Asks twice", status="inconclusive", reasoning="r", blame="simulator")]),
    ])])  # fmt: skip
    XSD.validate(xml)
    found = cases(xml)
    assert list(found["Order status #1"]) == [found["Order status #1"].find("system-out")]
    failure = found["Order status #2"].find("failure")
    assert failure.get("message") == "not met: Gives the delivery date" and failure.text == "summary 2"
    error = found["Order status #3"].find("error")
    assert (error.get("type"), error.get("message")) == ("agent_timeout", "no reply in 10 s")
    assert (
        found["Order status #4"].find("skipped").get("message") == "inconclusive (blame: judge): undecided: Is polite"
    )
    assert found["Order status #5"].find("skipped").get("message") == (
        "simulator_error (blame: simulator): the persona spoiled the session: Asks twice"
    )
    suite = ET.fromstring(xml.encode()).find("testsuite")
    totals = {k: suite.get(k) for k in ("tests", "failures", "errors", "skipped")}
    assert totals == {"tests": "5", "failures": "1", "errors": "1", "skipped": "2"}
    assert suite.get("time") == "7.500" and found["Order status #1"].get("classname") == "Support smoke.Dana"
    properties = {p.get("name"): p.get("value") for p in suite.iter("property")}
    assert properties["runId"] == "run-1" and properties["agent"] == "Shop bot"


def test_a_failure_without_unmet_criteria_names_the_failed_check_or_critical_finding() -> None:
    check = ReportRow(criterion="No personal data", status="not_met", reasoning="r", blame="agent", source="check")
    advisory = ReportRow(criterion="Slow reply", status="not_met", reasoning="r", blame="agent", gating=False)
    assert junit.failure_message(session(1, "failed", checks=[check, advisory])) == "check failed: No personal data"
    leak = ReportFinding(type="data-disclosure", severity="critical", description="Gave an address", source="check")
    assert junit.failure_message(session(1, "failed", findings=[leak])) == (
        "critical finding: data-disclosure: Gave an address"
    )
    assert junit.failure_message(session(1, "failed", verdict_summary=None)) == "the agent did not meet the objective"


def test_an_uncalibrated_judge_fails_a_case_of_its_own() -> None:
    gate = RunCalibration(required=True, status="not_calibrated", message="kappa 0.41 < 0.6 on set Refunds")
    xml = junit.junit_xml([report([session(1, "passed")], calibration=gate)])
    XSD.validate(xml)
    failure = cases(xml)["judge calibration"].find("failure")
    assert (failure.get("type"), failure.get("message")) == ("judge_not_calibrated", "kappa 0.41 < 0.6 on set Refunds")
    calibrated = RunCalibration(required=True, status="calibrated")
    assert cases(junit.junit_xml([report([], calibration=calibrated)]))["judge calibration"].find("failure") is None


def test_text_an_agent_wrote_is_made_safe_and_capped() -> None:
    hostile = "Here\x00you\x1bgo </system-out><failure/> & ]]>" + "x" * (junit.MAX_TEXT + 10)
    transcript = [ReportMessage(number=1, sender_type="agent", content=hostile, latency_ms=10)]
    xml = junit.junit_xml([report([session(1, "passed", transcript=transcript)])])
    XSD.validate(xml)
    out = cases(xml)["Order status #1"].find("system-out").text
    assert "\x00" not in out and "\ufffd" in out and "</system-out><failure/>" in out  # kept as text, escaped
    assert len(out) == junit.MAX_TEXT and out.endswith("…")
    assert cases(xml)["Order status #1"].find("failure") is None


def test_several_runs_are_one_document() -> None:
    xml = junit.junit_xml([report([session(1, "passed")]), report([session(2, "failed")])], name="Nightly")
    root = ET.fromstring(xml.encode())
    assert (root.get("name"), root.get("tests"), root.get("failures")) == ("Nightly", "2", "1")
    assert len(root.findall("testsuite")) == 2
    assert ET.fromstring(junit.junit_xml([report([])]).encode()).get("name") == "Mimic suite Support smoke"
