"""Runs as JUnit XML, which CI systems read (Jenkins, GitLab, GitHub's test reporters).

One <testsuite> per run and one <testcase> per session (cell and repeat): a failed verdict is
a <failure> naming what the agent did not meet, an infrastructure error an <error>; a session
the judge could not decide (inconclusive), one the simulator spoiled (simulator_error) and a
cancelled or unfinished one are <skipped>, with whose it is: none of them counts against the
agent. A suite that requires a calibrated judge adds a "judge calibration" case, failed while the
judge is not calibrated. The document follows the common JUnit schema (schemas/junit.xsd): properties only on
suites; a session's id, end, verdict rows (with their evidence and blame) and transcript go in
its <system-out>.

Pure: it reads RunReport models only, so the `mimic` command line renders the same XML from
the reports it fetched over the API as the server does.
"""

from __future__ import annotations

import re
import socket
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from app.models.suite import OverallResult, ReportRow, ReportSession, RunReport

# XML 1.0 cannot carry most control characters; an agent's reply may contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_TEXT = 20_000


def _text(value: str, limit: int = MAX_TEXT) -> str:
    value = _NOT_XML.sub("\ufffd", value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def evidence_text(numbers: Sequence[int]) -> str:
    return ", ".join(f"#{n}" for n in numbers)


def failure_message(s: ReportSession) -> str:
    """One line a CI summary shows: what the agent did not meet (criteria first, then the
    objective's checks), else a critical finding, else the judge's summary."""
    unmet = [c.criterion for c in s.criteria if c.status == "not_met"]
    failed_checks = [c.criterion for c in s.checks if c.status == "not_met" and c.gating and c.blame == "agent"]
    parts = (["not met: " + "; ".join(unmet)] if unmet else []) + (
        ["check failed: " + "; ".join(failed_checks)] if failed_checks else []
    )
    if parts:
        return " · ".join(parts)
    critical = [f"{f.type}: {f.description}" for f in s.findings if f.severity == "critical"]
    if critical:
        return "critical finding: " + "; ".join(critical)
    return s.verdict_summary or "the agent did not meet the objective"


def apart_message(s: ReportSession) -> str:
    """Why a session is kept out of the pass rate: its outcome, whose it is, and the rows
    that were left undecided (or the simulator's failings)."""
    head = f"{s.outcome or s.status}" + (f" (blame: {s.blame})" if s.blame else "")
    if s.outcome == "inconclusive":
        open_rows = [c.criterion for c in s.criteria if c.status != "met"]
        return head + (": undecided: " + "; ".join(open_rows) if open_rows else "")
    if s.outcome == "simulator_error":
        spoiled = [c.criterion for c in [*s.criteria, *s.checks] if c.blame == "simulator"]
        return head + ": the persona spoiled the session" + (": " + "; ".join(spoiled) if spoiled else "")
    return head


def _row_line(prefix: str, c: ReportRow) -> str:
    facts = [f"blame: {c.blame}"] if c.blame else []
    if c.evidence_message_numbers:
        facts.append(f"evidence: {evidence_text(c.evidence_message_numbers)}")
    return f"{prefix}[{c.status}] {c.criterion}" + (f" ({'; '.join(facts)})" if facts else "") + f": {c.reasoning}"


def _system_out(s: ReportSession) -> str:
    lines = [f"session {s.id} · {s.status} · outcome {s.outcome or '—'}"
             + (f" · blame {s.blame}" if s.blame else "") + f" · ended by {s.end_reason or '—'}"
             + (f" · judge {s.judge_model}" + (f" ({s.prompt_version})" if s.prompt_version else "")
                if s.judge_model else "")]  # fmt: skip
    lines += [_row_line("", c) for c in s.criteria]
    # Checks that passed are many and say little: the ones not met or undecided are shown.
    lines += [_row_line("check ", c) for c in s.checks if c.status != "met"]
    for f in s.findings:
        cited = f" ({evidence_text(f.evidence_message_numbers)})" if f.evidence_message_numbers else ""
        lines.append(f"finding [{f.severity}] {f.type}{cited}: {f.description}")
    if s.transcript:
        lines.append("--- transcript ---")
        lines += [f"#{m.number} {m.sender_type}: {m.content}" if m.number else f"{m.sender_type}: {m.content}"
                  for m in s.transcript]  # fmt: skip
    return _text("\n".join(lines))


def _case(report: RunReport, s: ReportSession) -> tuple[ET.Element, str]:
    seconds = (s.duration_ms or 0) / 1000
    case = ET.Element(
        "testcase",
        name=_text(f"{s.objective_name} #{s.repeat}", 500),
        classname=_text(f"{report.run.suite_name}.{s.persona_name}", 500),
        time=f"{seconds:.3f}",
    )
    if s.outcome == "failed":
        kind = "failure"
        ET.SubElement(case, "failure", message=_text(failure_message(s), 1000), type="not_met").text = _text(
            s.verdict_summary or failure_message(s)
        )
    elif s.outcome == "error" or s.status in ("error", "interrupted"):
        kind = "error"
        error = s.error or {}
        ET.SubElement(case, "error", message=_text(str(error.get("message", "infrastructure error")), 1000),
                      type=f"{error.get('source', 'mimic')}_{error.get('kind', 'error')}")  # fmt: skip
    elif s.outcome != "passed":
        kind = "skipped"
        ET.SubElement(case, "skipped", message=_text(apart_message(s), 1000))
    else:
        kind = "passed"
    ET.SubElement(case, "system-out").text = _system_out(s)
    return case, kind


def _suite(report: RunReport) -> ET.Element:
    run = report.run
    overall = run.overall or OverallResult()
    cases, counts, seconds = [], {"failure": 0, "error": 0, "skipped": 0, "passed": 0}, 0.0
    for s in report.sessions:
        case, kind = _case(report, s)
        cases.append(case)
        counts[kind] += 1
        seconds += (s.duration_ms or 0) / 1000
    gate = run.calibration
    if gate is not None and gate.required:  # the suite requires a calibrated judge: a test case of its own
        case = ET.Element("testcase", name="judge calibration", classname=_text(f"{run.suite_name}.judge", 500),
                          time="0.000")  # fmt: skip
        if gate.status != "calibrated":
            ET.SubElement(case, "failure", message=_text(gate.message, 1000),
                          type="judge_not_calibrated").text = _text(gate.message)  # fmt: skip
        cases.append(case)
        counts["passed" if gate.status == "calibrated" else "failure"] += 1
    suite = ET.Element(
        "testsuite", name=_text(run.suite_name, 500), tests=str(len(cases)), failures=str(counts["failure"]),
        errors=str(counts["error"]), skipped=str(counts["skipped"]), time=f"{seconds:.3f}",
        timestamp=(run.started_at or run.created_at).replace(tzinfo=None).isoformat(timespec="seconds"),
        hostname=_text(socket.gethostname(), 200), id=run.id,
    )  # fmt: skip
    properties = ET.SubElement(suite, "properties")
    facts = {
        "runId": run.id, "suiteId": run.suite_id, "agent": run.agent_name, "status": run.status,
        "passRate": overall.pass_rate, "passRateCiLow": overall.ci.low if overall.ci else None,
        "passRateCiHigh": overall.ci.high if overall.ci else None, "passK": overall.pass_k, "k": overall.k,
        "totalCost": report.total_cost, "judgeCalibration": run.calibration.status if run.calibration else None,
    }  # fmt: skip
    for name, value in facts.items():
        ET.SubElement(properties, "property", name=name, value="" if value is None else _text(str(value), 500))
    suite.extend(cases)
    return suite


def junit_xml(reports: Sequence[RunReport], name: str | None = None) -> str:
    """One JUnit document for one or several runs."""
    suites = [_suite(r) for r in reports]
    totals = {key: str(sum(int(s.get(key) or 0) for s in suites)) for key in ("tests", "failures", "errors", "skipped")}
    seconds = sum(float(s.get("time") or 0) for s in suites)
    title = name or (f"Mimic suite {reports[0].run.suite_name}" if len(reports) == 1 else "Mimic")
    root = ET.Element("testsuites", name=_text(title, 500), time=f"{seconds:.3f}", **totals)
    root.extend(suites)
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode") + "\n"
