"""What CI reads of a run: every session's verdict (its latest judgement's criteria and checks,
with their evidence and blame) and findings (the report), and the run as JUnit XML (rendered by
app/services/junit.py)."""

from __future__ import annotations

from collections import Counter, defaultdict

from sqlmodel import Session, col, select

from app.models.judgement import Judgement
from app.models.session import Finding, Message, SimSession, Verdict
from app.models.suite import ReportFinding, ReportMessage, ReportRow, ReportSession, RunReport
from app.services import junit, runs
from app.services.access import Principal

# A transcript in a report is for reading in CI: bounded, like the JUnit text it goes into.
TRANSCRIPT_MESSAGES = 60
MESSAGE_CHARS = 2000
SEVERITY_ORDER = ("critical", "high", "medium", "low")


def _latest_judgements(session: Session, ids: list[str]) -> dict[str, Judgement]:
    """Each session's latest judgement (its verdict), as app/services/verdicts.py picks it."""
    latest: dict[str, Judgement] = {}
    query = select(Judgement).where(col(Judgement.session_id).in_(ids))
    for judgement in session.exec(query.order_by(col(Judgement.created_at), col(Judgement.id))).all():
        latest[judgement.session_id] = judgement
    return latest


def _numbers(session: Session, ids: list[str]) -> dict[str, int]:
    """Message id -> its number in its session's transcript (from 1), as evidence cites it."""
    numbers: dict[str, int] = {}
    counts: Counter[str] = Counter()
    query = select(Message.id, Message.session_id).where(col(Message.session_id).in_(ids))
    for message_id, session_id in session.exec(query.order_by(col(Message.session_id), col(Message.sequence))).all():
        counts[session_id] += 1
        numbers[message_id] = counts[session_id]
    return numbers


def _row(v: Verdict, numbers: dict[str, int]) -> ReportRow:
    evidence = list(v.cited_message_ids or [])
    return ReportRow(key=v.key or f"criterion:{v.criterion_index}", criterion=v.criterion, status=v.status,
                     reasoning=v.reasoning, evidence_message_ids=evidence,
                     evidence_message_numbers=[numbers[i] for i in evidence if i in numbers], blame=v.blame,
                     source=v.source, gating=v.gating)  # fmt: skip


def run_report(*, session: Session, principal: Principal, run_id: str) -> RunReport:
    detail = runs.get_run(session=session, principal=principal, run_id=run_id)
    rows = {r.id: r for r in session.exec(select(SimSession).where(SimSession.run_id == detail.id)).all()}
    ids = list(rows)
    latest = _latest_judgements(session, ids) if ids else {}
    numbers = _numbers(session, ids) if ids else {}
    criteria: dict[str, list[ReportRow]] = defaultdict(list)
    checks: dict[str, list[ReportRow]] = defaultdict(list)
    findings: dict[str, list[ReportFinding]] = defaultdict(list)
    transcripts: dict[str, list[ReportMessage]] = defaultdict(list)
    if ids:
        for v in session.exec(
            select(Verdict).where(col(Verdict.session_id).in_(ids)).order_by(col(Verdict.criterion_index))
        ).all():
            judgement = latest.get(v.session_id)
            if v.judgement_id != (judgement.id if judgement else None):
                continue  # an earlier judgement's row: the latest one is the verdict
            (checks if v.kind == "check" else criteria)[v.session_id].append(_row(v, numbers))
        for f in session.exec(
            select(Finding).where(col(Finding.session_id).in_(ids)).order_by(col(Finding.created_at))
        ).all():
            judgement = latest.get(f.session_id)
            if f.judgement_id is not None and f.judgement_id != (judgement.id if judgement else None):
                continue  # a browser session's own findings have no judgement and always count
            evidence = [str(i) for i in (f.evidence or {}).get("messageIds") or []]
            cited = [numbers[i] for i in evidence if i in numbers]
            finding = ReportFinding(type=f.type, severity=f.severity, description=f.description, source=f.source,
                                    evidence_message_ids=evidence, evidence_message_numbers=cited)  # fmt: skip
            findings[f.session_id].append(finding)
        not_passed = [i for i, r in rows.items() if r.outcome != "passed"]
        if not_passed:
            for m in session.exec(
                select(Message)
                .where(col(Message.session_id).in_(not_passed), col(Message.sequence) <= TRANSCRIPT_MESSAGES)
                .order_by(col(Message.session_id), col(Message.sequence))
            ).all():
                content = m.content if len(m.content) <= MESSAGE_CHARS else m.content[: MESSAGE_CHARS - 1] + "…"
                transcripts[m.session_id].append(ReportMessage(id=m.id, number=numbers.get(m.id, m.sequence),
                                                               sender_type=m.role, content=content,
                                                               latency_ms=m.latency_ms))  # fmt: skip
    sessions: list[ReportSession] = []
    for cell in detail.cells:
        for s in cell.sessions:
            row = rows.get(s.id)
            if row is None:
                continue
            judgement = latest.get(row.id)
            sessions.append(
                ReportSession(
                    id=row.id, persona_name=cell.persona_name, objective_name=cell.objective_name, repeat=s.repeat,
                    status=row.status, outcome=row.outcome, blame=row.blame, end_reason=row.end_reason,
                    error=row.error, duration_ms=row.duration_ms, message_count=row.message_count,
                    total_cost=row.total_cost, total_tokens=row.total_tokens, verdict_summary=row.verdict_summary,
                    judge_model=judgement.judge_model if judgement else row.llm_config.get("judgeModel"),
                    prompt_version=judgement.prompt_version if judgement else None,
                    criteria=criteria.get(row.id, []), checks=checks.get(row.id, []),
                    findings=findings.get(row.id, []),
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
