"""A run's progress, honestly: cancelled sessions are never "done", the pass rate is the judged
sessions' only, and summaries stored before that rule read the same way."""

from __future__ import annotations

from datetime import UTC, datetime

from app.models.session import SimSession
from app.models.suite import Run
from app.services import run_stats, runs

SNAPSHOT = {"personaIds": ["p1"], "objectiveIds": ["o1"], "repeats": 24, "personas": {"p1": "Dana"},
            "objectives": {"o1": "Order status"}}  # fmt: skip


def _rows(passed: int, failed: int, cancelled: int, running: int = 0) -> list[SimSession]:
    states = ([("completed", "passed")] * passed + [("completed", "failed")] * failed
              + [("cancelled", "cancelled")] * cancelled + [("running", None)] * running)  # fmt: skip
    return [
        SimSession(workspace_id="w", agent_id="a", persona_id="p1", objective_id="o1", run_id="r", status=status,
                   outcome=outcome, config={"cell": {"repeat": i + 1}})
        for i, (status, outcome) in enumerate(states)
    ]  # fmt: skip


def test_a_cancelled_run_is_3_of_24_done_and_its_rate_is_the_judged_sessions() -> None:
    summary = runs.summarize(SNAPSHOT, _rows(passed=3, failed=0, cancelled=21))
    p, overall = summary.progress, summary.overall
    assert (p.total, p.done, p.cancelled, p.pending, p.running) == (24, 3, 21, 0, 0)
    assert (overall.n, overall.passed, overall.pass_rate) == (3, 3, 1.0)
    assert run_stats.progress_sentence(p.total, p.done, p.cancelled) == "3 of 24 done, 21 cancelled"
    assert summary.cells[0].cancelled == 21 and summary.cells[0].n == 3


def test_progress_in_words() -> None:
    assert run_stats.progress_sentence(24, 24) == "24 of 24 done"
    assert run_stats.progress_sentence(24, 5, 0, 2, 17) == "5 of 24 done, 2 running, 17 waiting"
    summary = runs.summarize(SNAPSHOT, _rows(passed=2, failed=1, cancelled=0, running=2))
    assert (summary.progress.done, summary.progress.running) == (3, 2)


def test_a_summary_stored_before_the_rule_reads_the_same() -> None:
    stored = runs.summarize(SNAPSHOT, _rows(passed=3, failed=0, cancelled=21)).model_dump(by_alias=True, mode="json")
    stored["progress"]["done"] = 24  # as the old rule stored it: cancelled ones counted as done
    run = Run(workspace_id="w", suite_id="s", agent_id="a", status="cancelled", suite_snapshot=SNAPSHOT,
              summary=stored, ended_at=datetime.now(UTC))  # fmt: skip
    progress = runs._summary(run, None).progress
    assert (progress.done, progress.cancelled) == (3, 21)
