"""What CI reads of a run: every session's verdict per criterion and findings (the report),
and the run as JUnit XML (rendered by app/services/junit.py)."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlmodel import Session, col, select

from app.models.session import Finding, Message, SimSession, Verdict
from app.models.suite import ReportCriterion, ReportFinding, ReportMessage, ReportSession, RunReport
from app.services import junit, runs
from app.services.access import Principal

# A transcript in a report is for reading in CI: bounded, like the JUnit text it goes into.
TRANSCRIPT_MESSAGES = 60
MESSAGE_CHARS = 2000
SEVERITY_ORDER = ("critical", "high", "medium", "low")


def run_report(*, session: Session, principal: Principal, run_id: str) -> RunReport:
    detail = runs.get_run(session=session, principal=principal, run_id=run_id)
    rows = {r.id: r for r in session.exec(select(SimSession).where(SimSession.run_id == detail.id)).all()}
    ids = list(rows)
    criteria: dict[str, list[ReportCriterion]] = defaultdict(list)
    findings: dict[str, list[ReportFinding]] = defaultdict(list)
    transcripts: dict[str, list[ReportMessage]] = defaultdict(list)
    if ids:
        for v in session.exec(
            select(Verdict).where(col(Verdict.session_id).in_(ids)).order_by(col(Verdict.criterion_index))
        ).all():
            criteria[v.session_id].append(
                ReportCriterion(criterion=v.criterion, status=v.status, reasoning=v.reasoning)
            )
        for f in session.exec(
            select(Finding).where(col(Finding.session_id).in_(ids)).order_by(col(Finding.created_at))
        ).all():
            findings[f.session_id].append(
                ReportFinding(type=f.type, severity=f.severity, description=f.description, source=f.source)
            )
        not_passed = [i for i, r in rows.items() if r.outcome != "passed"]
        if not_passed:
            for m in session.exec(
                select(Message)
                .where(col(Message.session_id).in_(not_passed), col(Message.sequence) <= TRANSCRIPT_MESSAGES)
                .order_by(col(Message.session_id), col(Message.sequence))
            ).all():
                content = m.content if len(m.content) <= MESSAGE_CHARS else m.content[: MESSAGE_CHARS - 1] + "…"
                transcripts[m.session_id].append(
                    ReportMessage(sender_type=m.role, content=content, latency_ms=m.latency_ms)
                )
    sessions: list[ReportSession] = []
    for cell in detail.cells:
        for s in cell.sessions:
            row = rows.get(s.id)
            if row is None:
                continue
            sessions.append(
                ReportSession(
                    id=row.id, persona_name=cell.persona_name, objective_name=cell.objective_name, repeat=s.repeat,
                    status=row.status, outcome=row.outcome, end_reason=row.end_reason, error=row.error,
                    duration_ms=row.duration_ms, message_count=row.message_count, total_cost=row.total_cost,
                    total_tokens=row.total_tokens, verdict_summary=row.verdict_summary,
                    criteria=criteria.get(row.id, []), findings=findings.get(row.id, []),
                    transcript=transcripts.get(row.id) if row.outcome != "passed" else None,
                )
            )  # fmt: skip
    severities = Counter(f.severity for s in sessions for f in s.findings)
    return RunReport(
        run=detail,
        sessions=sessions,
        findings_by_severity={k: severities.get(k, 0) for k in SEVERITY_ORDER}
        | {k: v for k, v in severities.items() if k not in SEVERITY_ORDER},
        total_cost=sum(s.total_cost for s in sessions),
    )


def junit_report(*, session: Session, principal: Principal, run_id: str) -> str:
    return junit.junit_xml([run_report(session=session, principal=principal, run_id=run_id)])
