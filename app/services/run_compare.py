"""What changed in a cell between two runs of a suite, to read rather than count: per changed
cell (regressed, fixed, flaky, incomplete, added, removed), one session of each run side by
side (the pair whose outcomes differ, matched by repeat, else the first repeat of each) with
its transcript, and the verdict rows (criteria and checks) whose status changed."""

from __future__ import annotations

from pydantic import Field
from sqlmodel import Session

from app.models.base import CamelModel
from app.models.session import SessionDetail
from app.models.suite import CellResult, CellSession
from app.services import runs, sessions
from app.services.access import Permission, Principal, require

# A changed cell is shown with at most this many messages a side; the session page has them all.
MESSAGES_PER_SIDE = 60
MAX_CELLS = 30
UNCHANGED = ("unchanged",)


class TranscriptLine(CamelModel):
    id: str
    number: int
    sender: str
    content: str


class CellSideTranscript(CamelModel):
    session_id: str
    repeat: int
    status: str
    outcome: str | None
    messages: list[TranscriptLine]
    more_messages: int = Field(description="Messages left out (over MESSAGES_PER_SIDE)")


class VerdictRowChange(CamelModel):
    kind: str = Field(description="criterion | check")
    criterion: str
    baseline_status: str | None = Field(description="met | not_met | inconclusive; null when the row is new")
    current_status: str | None = Field(description="null when the row is gone")
    baseline_reasoning: str = ""
    current_reasoning: str = ""


class CellTranscripts(CamelModel):
    persona_id: str
    objective_id: str
    persona_name: str
    objective_name: str
    change: str
    baseline: CellSideTranscript | None
    current: CellSideTranscript | None
    changed_rows: list[VerdictRowChange]


def _pair(base: CellResult | None, cur: CellResult | None) -> tuple[CellSession | None, CellSession | None]:
    """The sessions to set side by side: a repeat whose outcome changed, else the first of each."""
    before = {s.repeat: s for s in base.sessions} if base else {}
    now = {s.repeat: s for s in cur.sessions} if cur else {}
    for repeat in sorted(set(before) & set(now)):
        if before[repeat].outcome != now[repeat].outcome:
            return before[repeat], now[repeat]
    first = lambda found: found[min(found)] if found else None  # noqa: E731
    return first(before), first(now)


def _side(detail: SessionDetail | None, cell_session: CellSession | None) -> CellSideTranscript | None:
    if detail is None or cell_session is None:
        return None
    lines = [TranscriptLine(id=m.id, number=m.sequence, sender=m.sender_type, content=m.content)
             for m in detail.messages[:MESSAGES_PER_SIDE]]  # fmt: skip
    return CellSideTranscript(session_id=detail.id, repeat=cell_session.repeat, status=detail.status,
                              outcome=detail.outcome, messages=lines,
                              more_messages=max(0, len(detail.messages) - MESSAGES_PER_SIDE))  # fmt: skip


def _rows(detail: SessionDetail | None) -> dict[tuple[str, str], tuple[str, str, str]]:
    verdict = detail.verdict if detail else None
    rows = [*verdict.criteria, *verdict.checks] if verdict else []
    return {(r.kind, r.key or r.criterion): (r.criterion, r.status, r.reasoning) for r in rows}


def _changed_rows(base: SessionDetail | None, cur: SessionDetail | None) -> list[VerdictRowChange]:
    before, now = _rows(base), _rows(cur)
    changes = []
    for key in [*before, *(k for k in now if k not in before)]:
        b, c = before.get(key), now.get(key)
        if b and c and b[1] == c[1]:
            continue
        changes.append(
            VerdictRowChange(kind=key[0], criterion=(c or b)[0], baseline_status=b[1] if b else None,
                             current_status=c[1] if c else None, baseline_reasoning=b[2] if b else "",
                             current_reasoning=c[2] if c else "")
        )  # fmt: skip
    return changes


def changed_cell_transcripts(
    *, session: Session, principal: Principal, run_id: str, baseline_id: str
) -> list[CellTranscripts]:
    """Per changed cell (in the comparison's order, newly failing first), the two sessions side
    by side and the verdict rows that changed; at most MAX_CELLS cells."""
    require(principal, Permission.read)
    report = runs.compare_runs(session=session, principal=principal, run_id=run_id, baseline_id=baseline_id)
    current = runs.get_run(session=session, principal=principal, run_id=run_id)
    baseline = runs.get_run(session=session, principal=principal, run_id=baseline_id)
    now = {(c.persona_id, c.objective_id): c for c in current.cells}
    before = {(c.persona_id, c.objective_id): c for c in baseline.cells}

    def read(cell_session: CellSession | None) -> SessionDetail | None:
        if cell_session is None:
            return None
        return sessions.get_session(session=session, principal=principal, session_id=cell_session.id)

    result = []
    for change in [c for c in report.cells if c.change not in UNCHANGED][:MAX_CELLS]:
        key = (change.persona_id, change.objective_id)
        base_session, cur_session = _pair(before.get(key), now.get(key))
        base_detail, cur_detail = read(base_session), read(cur_session)
        result.append(
            CellTranscripts(
                persona_id=change.persona_id, objective_id=change.objective_id, persona_name=change.persona_name,
                objective_name=change.objective_name, change=change.change,
                baseline=_side(base_detail, base_session), current=_side(cur_detail, cur_session),
                changed_rows=_changed_rows(base_detail, cur_detail),
            )
        )  # fmt: skip
    return result
