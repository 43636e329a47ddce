"""Runs as JUnit XML, which CI systems read (Jenkins, GitLab, GitHub's test reporters).

One <testsuite> per run and one <testcase> per session (cell and repeat): a failed verdict is
a <failure> naming the criteria not met, an infrastructure error an <error>, a cancelled or
unfinished session <skipped>. The document follows the common JUnit schema (schemas/junit.xsd):
properties only on suites; a session's id, end and transcript go in its <system-out>.

Pure: it reads RunReport models only, so the `mimic` command line renders the same XML from
the reports it fetched over the API as the server does.
"""

from __future__ import annotations

import re
import socket
import xml.etree.ElementTree as ET
from collections.abc import Sequence

from app.models.suite import OverallResult, ReportSession, RunReport

# XML 1.0 cannot carry most control characters; an agent's reply may contain them.
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ufffe\uffff]")
MAX_TEXT = 20_000


def _text(value: str, limit: int = MAX_TEXT) -> str:
    value = _NOT_XML.sub("\ufffd", value)
    return value if len(value) <= limit else value[: limit - 1] + "…"


def failure_message(s: ReportSession) -> str:
    """One line a CI summary shows: the criteria not met, else the judge's summary."""
    unmet = [c.criterion for c in s.criteria if c.status != "met"]
    if unmet:
        return "not met: " + "; ".join(unmet)
    return s.verdict_summary or "the agent did not meet the objective"


def _system_out(s: ReportSession) -> str:
    lines = [f"session {s.id} · {s.status} · outcome {s.outcome or '—'} · ended by {s.end_reason or '—'}"]
    for c in s.criteria:
        lines.append(f"[{c.status}] {c.criterion}: {c.reasoning}")
    for f in s.findings:
        lines.append(f"finding [{f.severity}] {f.type}: {f.description}")
    if s.transcript:
        lines.append("--- transcript ---")
        lines += [f"{m.sender_type}: {m.content}" for m in s.transcript]
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
        ET.SubElement(case, "skipped", message=s.outcome or s.status)
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
        "totalCost": report.total_cost,
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
