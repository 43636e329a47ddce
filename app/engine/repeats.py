"""Judge repeats: N independent judgements of one case (different seeds, a temperature above
0), combined by majority per criterion.

Each repeat is a whole judgement (checks, both passes, the rules), so the votes are on what a
reader would see, after the rules. A criterion takes the status more than half of the repeats
gave it, with its agreement ("4/5"); without such a majority it is unstable: inconclusive, the
judge's. A finding is kept when more than half of the repeats recorded it (same type, an
overlapping message, or step of a browser session), at the severity most of them gave. The
checks are deterministic and the same in every repeat. The outcome is then decided by the
same rules as for one judgement.
"""

from __future__ import annotations

import asyncio
import dataclasses
from collections import Counter
from collections.abc import Callable
from typing import Any

from app.engine import verdict_rules
from app.engine.case import JudgeCase
from app.engine.checks import CheckResult
from app.engine.context import ModelChoice
from app.engine.judge import Judge, JudgeFailed
from app.engine.judgement import FindingRow, JudgementResult, VerdictRow

MAX_REPEATS = 11
# A judge for one repeat, given the model and that repeat's seed (a browser session's judges a visit).
JudgeFactory = Callable[[ModelChoice, int | None], Judge]
# The temperature of repeated judgements when none is chosen: identical runs must be free to differ.
DEFAULT_REPEAT_TEMPERATURE = 0.7


def repeat_settings(repeats: int, temperature: float | None, seed: int | None) -> tuple[float, list[int]]:
    """The temperature and the seeds of N repeats: repeat i runs with seed + i (from 0 when
    no seed is given); one judgement keeps temperature 0 unless told otherwise."""
    base = seed or 0
    chosen = temperature if temperature is not None else (DEFAULT_REPEAT_TEMPERATURE if repeats > 1 else 0.0)
    return chosen, [base + i for i in range(repeats)]


async def judge_repeatedly(model: ModelChoice, case: JudgeCase, *, repeats: int = 1, temperature: float | None = None,
                           seed: int | None = None, slow_reply_ms: int = 8000, checks: list[CheckResult] | None = None,
                           judge_of: JudgeFactory | None = None) -> JudgementResult:  # fmt: skip
    """One judgement of `case`, or the majority of `repeats` of them (run side by side), by
    the judges `judge_of` makes (the conversation judge unless told otherwise).
    Raises JudgeFailed when the judge model fails in any repeat, with what was called."""
    if not 1 <= repeats <= MAX_REPEATS:
        raise ValueError(f"repeats must be between 1 and {MAX_REPEATS}")
    chosen, seeds = repeat_settings(repeats, temperature, seed)
    model = dataclasses.replace(model, temperature=chosen)
    make = judge_of or (lambda m, s: Judge(m, seed=s, slow_reply_ms=slow_reply_ms))
    checks = make(model, None).checks(case) if checks is None else checks
    judges = [make(model, s) for s in seeds]
    outcomes = await asyncio.gather(*(j.evaluate(case, checks) for j in judges), return_exceptions=True)
    failures = [o for o in outcomes if isinstance(o, BaseException)]
    done = [o for o in outcomes if isinstance(o, JudgementResult)]
    calls = [c for o in done for c in o.calls] + [c for f in failures if isinstance(f, JudgeFailed) for c in f.calls]
    settings = {"repeats": repeats, "temperature": chosen, "seeds": seeds}
    if failures:
        first = failures[0]
        if not isinstance(first, JudgeFailed):
            raise first
        first.partial.settings, first.partial.repeats = settings, repeats
        raise JudgeFailed(first.error, first.partial, calls)
    result = done[0] if repeats == 1 else majority(case, done)
    result.calls, result.settings, result.repeats = calls, settings, repeats
    return result


def _vote(rows: list[VerdictRow], n: int) -> VerdictRow:
    votes = Counter(r.status for r in rows)
    status, count = max(votes.items(), key=lambda kv: (kv[1], kv[0] == "inconclusive"))
    first = next(r for r in rows if r.status == status)
    chosen = dataclasses.replace(first, evidence=list(first.evidence), votes=dict(votes))
    if count * 2 <= n:  # no clear majority: the judge cannot be trusted on this one
        tally = ", ".join(f"{k} {v}" for k, v in sorted(votes.items()))
        chosen.status, chosen.blame, chosen.resolved_by, chosen.unstable = "inconclusive", "judge", "unstable", True
        chosen.reasoning = (f"[Mimic: the {n} repeated judgements disagree ({tally}) with no clear majority, so this "
                            f"criterion is unstable.] {chosen.reasoning}")  # fmt: skip
    return chosen


def _cited(finding: FindingRow) -> set[str]:
    """The messages it cites, or a browser session's steps (app/engine/browser_judge.py)."""
    return set(finding.message_ids or finding.evidence.get("stepIds") or [])


def _same(a: FindingRow, b: FindingRow) -> bool:
    if a.type != b.type:
        return False
    ids_a, ids_b = _cited(a), _cited(b)
    return bool(ids_a & ids_b) or not (ids_a or ids_b)


def _majority_findings(results: list[JudgementResult], n: int) -> list[FindingRow]:
    groups: list[list[tuple[int, FindingRow]]] = []
    for i, result in enumerate(results):
        for finding in result.findings:
            group = next((g for g in groups if _same(g[0][1], finding) and all(j != i for j, _ in g)), None)
            if group is None:
                groups.append([(i, finding)])
            else:
                group.append((i, finding))
    kept = []
    for group in groups:
        if len(group) * 2 <= n:
            continue
        severities = Counter(f.severity for _, f in group)
        severity = max(severities, key=lambda s: (severities[s], verdict_rules.SEVERITY_RANK[s]))
        first = group[0][1]
        kept.append(dataclasses.replace(first, severity=severity, evidence=dict(first.evidence), found_in=len(group)))
    return kept


def majority(case: JudgeCase, results: list[JudgementResult]) -> JudgementResult:
    """The repeats combined: per criterion the majority status with its votes; the findings
    most repeats recorded; the simulator check most repeats made; then the outcome rules."""
    n = len(results)
    criteria = [_vote([r.criteria[i] for r in results], n) for i in range(len(results[0].criteria))]
    checks = [dataclasses.replace(row, votes={row.status: n}) for row in results[0].checks]
    findings = _majority_findings(results, n)
    spoiled = sum(1 for r in results if r.simulator.get("spoiled")) * 2 > n
    simulator: dict[str, Any] = dict(next(r.simulator for r in results if bool(r.simulator.get("spoiled")) == spoiled))
    simulator["votes"] = {"spoiled": sum(1 for r in results if r.simulator.get("spoiled")), "of": n}
    rows = criteria + checks
    outcome, blame = verdict_rules.outcome_of(rows, findings, simulator, infrastructure_end=case.infrastructure_end)
    for row in criteria:
        if row.status == "met":
            row.blame = None
    summary = verdict_rules.summary_of(rows, findings, outcome, blame, "")
    outcomes = Counter(r.outcome for r in results)
    summary += " Repeats: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())) + f" of {n}."
    notes: dict[str, Any] = {"repeatOutcomes": dict(outcomes)}
    for r in results:
        for key, value in r.notes.items():
            notes.setdefault(key, value)
    return JudgementResult(judge_model=results[0].judge_model, prompt_version=results[0].prompt_version, rows=rows,
                           findings=findings, simulator=simulator, outcome=outcome, blame=blame, summary=summary,
                           notes=notes)  # fmt: skip
