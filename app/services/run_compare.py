"""What changed in a cell between two runs of a suite, to read rather than count: per changed
cell (regressed, fixed, flaky, incomplete, added, removed), one session of each run side by
side (the pair whose outcomes differ, matched by repeat, else the first repeat of each) with
its transcript, and the verdict rows (criteria and checks) whose status changed."""

from __future__ import annotations

from pydantic import Field
from sqlmodel import Session

from app.models.base import CamelModel
from app.models.session import SessionDetail
from app.models.suite import CellChange, CellResult, CellSession, CellSide, McNemarResult, RunComparison
from app.services import browser_pages, run_stats, runs, sessions
from app.services.access import Permission, Principal, require
from app.services.errors import FieldError, ValidationFailed

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
    report = compare_runs(session=session, principal=principal, run_id=run_id, baseline_id=baseline_id)
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


def _cell_side(cell: CellResult | None) -> CellSide | None:
    return CellSide(n=cell.n, passed=cell.passed, pass_rate=cell.pass_rate, status=cell.status) if cell else None


def compare_runs(*, session: Session, principal: Principal, run_id: str, baseline_id: str) -> RunComparison:
    """The change per cell from `baseline_id` to `run_id`, newly failing cells first, and
    McNemar's test over the sessions matched by cell and repeat."""
    require(principal, Permission.read)
    current = runs.get_run(session=session, principal=principal, run_id=run_id)
    baseline = runs.get_run(session=session, principal=principal, run_id=baseline_id)
    if current.suite_id != baseline.suite_id:
        raise ValidationFailed("Runs of different suites", [FieldError("baselineId", "is a run of another suite")])
    now = {(c.persona_id, c.objective_id): c for c in current.cells}
    before = {(c.persona_id, c.objective_id): c for c in baseline.cells}
    changes: list[CellChange] = []
    pairs: list[tuple[bool, bool]] = []
    for key in [*now, *(k for k in before if k not in now)]:
        cur, base = now.get(key), before.get(key)
        named = cur or base
        change = run_stats.change_of(base.status if base else None, cur.status if cur else None)
        delta = (
            cur.pass_rate - base.pass_rate
            if cur and base and cur.pass_rate is not None and base.pass_rate is not None
            else None
        )
        changes.append(
            CellChange(
                persona_id=key[0], objective_id=key[1], persona_name=named.persona_name,
                objective_name=named.objective_name, change=change,
                flaky=bool((cur and cur.flaky) or (base and base.flaky)), delta=delta, baseline=_cell_side(base),
                current=_cell_side(cur),
            )
        )  # fmt: skip
        if cur and base:
            outcomes = {s.repeat: s.outcome for s in base.sessions}
            for s in cur.sessions:
                before_outcome = outcomes.get(s.repeat)
                if s.outcome in run_stats.JUDGED and before_outcome in run_stats.JUDGED:
                    pairs.append((before_outcome == "passed", s.outcome == "passed"))
    order = {name: i for i, name in enumerate(run_stats.CHANGE_ORDER)}
    changes.sort(key=lambda c: (order[c.change], c.delta if c.delta is not None else 0.0))
    test = run_stats.mcnemar_test(pairs)
    counts = {name: sum(1 for c in changes if c.change == name) for name in run_stats.CHANGE_ORDER}
    delta = (
        current.overall.pass_rate - baseline.overall.pass_rate
        if current.overall and baseline.overall and None not in (current.overall.pass_rate, baseline.overall.pass_rate)
        else None
    )
    pages = None
    if current.suite_snapshot.get("agentType") == "browser" or baseline.suite_snapshot.get("agentType") == "browser":
        ran = runs.sessions_of(session, [baseline.id, current.id])
        pages = browser_pages.compare_pages(session, [r.id for r in ran.get(baseline.id, [])],
                                            [r.id for r in ran.get(current.id, [])])  # fmt: skip
    return RunComparison(
        run_id=current.id, baseline_id=baseline.id, suite_id=current.suite_id, current=current.overall,
        baseline=baseline.overall, delta=delta, counts=counts, cells=changes, pages=pages,
        mcnemar=McNemarResult(
            pairs=test.pairs, both_passed=test.both_passed, both_failed=test.both_failed, regressed=test.regressed,
            improved=test.improved, statistic=test.statistic, p_value=test.p_value, method=test.method,
            significant=test.significant,
        ),
    )  # fmt: skip
