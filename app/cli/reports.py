"""What `mimic test` decides and writes: the gate of each suite against its thresholds, the
cells that changed against a baseline, and the reports (JUnit XML, JSON, a Markdown summary
for a pull-request comment). Pure functions over the API's JSON (run details and reports)."""

from __future__ import annotations

import html
import json
from dataclasses import dataclass, field
from typing import Any

from app.cli.common import inconclusive_problem
from app.models.suite import RunReport
from app.services import junit, run_stats

SEVERITIES = ("critical", "high", "medium", "low")
RESULTS_VERSION = 1


@dataclass
class SuiteOutcome:
    """One suite's run and what the gate found: `infrastructure` problems make the exit code
    2 (the result cannot be trusted), `gate` problems 1."""

    name: str
    run: dict[str, Any]
    report: dict[str, Any]
    thresholds: dict[str, Any]
    comparison: dict[str, Any] | None = None
    infrastructure: list[str] = field(default_factory=list)
    gate: list[str] = field(default_factory=list)

    @property
    def passed(self) -> bool:
        return not self.infrastructure and not self.gate


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def evaluate(outcome: SuiteOutcome) -> SuiteOutcome:
    run, thresholds = outcome.run, outcome.thresholds
    overall = run.get("overall") or {}
    total = run.get("totalSessions") or 0
    errors = overall.get("errors", 0)
    if run["status"] != "completed":
        outcome.infrastructure.append(f"the run ended {run['status']}")
    max_error_rate = thresholds.get("maxErrorRate") or 0.0
    if total and errors / total > max_error_rate:
        reasons = sorted({str((s.get("error") or {}).get("message", "error"))[:160] for s in outcome.report["sessions"]
                          if s.get("outcome") == "error" or s.get("status") in ("error", "interrupted")})  # fmt: skip
        outcome.infrastructure.append(
            f"{errors} of {total} sessions ended in an infrastructure error (at most {_pct(max_error_rate)} allowed): "
            + "; ".join(reasons[:3])
        )
    apart = inconclusive_problem(overall, thresholds.get("maxInconclusiveRate"), "the maxInconclusiveRate threshold")
    if apart and overall.get("n"):
        outcome.gate.append(apart)
    if not overall.get("n"):
        # Nothing was passed or failed: no figure about the agent can be trusted.
        outcome.infrastructure.append(
            f"no session was passed or failed: {overall.get('inconclusive', 0)} inconclusive (the judge could not "
            f"decide), {overall.get('simulatorErrors', 0)} spoiled by the simulator, {errors} infrastructure "
            "error(s)" + _why_undecided(outcome.report)
        )
    else:
        least = thresholds.get("passRate", 1.0)
        if overall["passRate"] < least:
            outcome.gate.append(f"pass rate {_pct(overall['passRate'])} is under {_pct(least)}")
        if thresholds.get("passK") is not None and (overall.get("passK") or 0) < thresholds["passK"]:
            k, least_k = overall.get("k"), thresholds["passK"]
            outcome.gate.append(f"pass^{k} {_pct(overall.get('passK'))} is under {_pct(least_k)}")
        cell_least = thresholds.get("cellPassRate")
        for cell in run.get("cells", []) if cell_least is not None else []:
            if cell.get("passRate") is not None and cell["passRate"] < cell_least:
                outcome.gate.append(f"{cell['personaName']} × {cell['objectiveName']}: pass rate "
                                    f"{_pct(cell['passRate'])} is under {_pct(cell_least)}")  # fmt: skip
    calibration = run.get("calibration") or {}
    if calibration.get("status") == "not_calibrated":  # the suite's calibrationGate: its judge is not
        outcome.gate.append(calibration.get("message") or "judge not calibrated")
    found = outcome.report.get("findingsBySeverity") or {}
    for severity, most in (thresholds.get("maxFindings") or {}).items():
        if found.get(severity, 0) > most:
            outcome.gate.append(f"{found[severity]} {severity} finding(s), at most {most} allowed")
    if outcome.comparison is not None:
        regressed = [c for c in outcome.comparison["cells"] if c["change"] == "regressed"]
        most = thresholds.get("maxRegressions") or 0
        if len(regressed) > most:
            cells = ", ".join(f"{c['personaName']} × {c['objectiveName']}" for c in regressed[:5])
            outcome.gate.append(f"{len(regressed)} cell(s) regressed against the baseline (at most {most}): {cells}")
    return outcome


def _why_undecided(report: dict[str, Any]) -> str:
    """The first criteria left undecided, so that the log says what the judge could not tell."""
    rows = list(dict.fromkeys(c["criterion"] for s in report.get("sessions", []) if s.get("outcome") == "inconclusive"
                              for c in s.get("criteria", []) if c["status"] == "inconclusive"))  # fmt: skip
    return f"; undecided: {'; '.join(rows[:3])}" if rows else ""


def exit_code(outcomes: list[SuiteOutcome]) -> int:
    if any(o.infrastructure for o in outcomes):
        return 2
    return 1 if any(o.gate for o in outcomes) else 0


# ---- the baseline ------------------------------------------------------------------------------


def compare(current: dict[str, Any], baseline: dict[str, Any]) -> dict[str, Any]:
    """The change per cell from `baseline` to `current` (two run details), matched by persona
    and objective names (a baseline may come from another database: a file of a local run),
    with McNemar's test over the sessions matched by cell and repeat."""
    now = {(c["personaName"], c["objectiveName"]): c for c in current.get("cells", [])}
    before = {(c["personaName"], c["objectiveName"]): c for c in baseline.get("cells", [])}
    cells, pairs = [], []
    for key in [*now, *(k for k in before if k not in now)]:
        cur, base = now.get(key), before.get(key)
        change = run_stats.change_of(base["status"] if base else None, cur["status"] if cur else None)
        if change == "removed":
            continue  # a cell left out of this run (--filter) is not a change of the agent
        delta = (
            (cur["passRate"] - base["passRate"])
            if cur and base and None not in (cur["passRate"], base["passRate"])
            else None
        )
        side = lambda c: c and {"n": c["n"], "passed": c["passed"], "passRate": c["passRate"], "status": c["status"]}  # noqa: E731
        cells.append({"personaName": key[0], "objectiveName": key[1], "change": change, "delta": delta,
                      "flaky": bool((cur or {}).get("flaky") or (base or {}).get("flaky")),
                      "baseline": side(base), "current": side(cur)})  # fmt: skip
        if cur and base:
            outcomes = {s["repeat"]: s["outcome"] for s in base.get("sessions", [])}
            for s in cur.get("sessions", []):
                if s["outcome"] in run_stats.JUDGED and outcomes.get(s["repeat"]) in run_stats.JUDGED:
                    pairs.append((outcomes[s["repeat"]] == "passed", s["outcome"] == "passed"))
    order = {name: i for i, name in enumerate(run_stats.CHANGE_ORDER)}
    cells.sort(key=lambda c: (order[c["change"]], c["delta"] if c["delta"] is not None else 0.0))
    test = run_stats.mcnemar_test(pairs)
    return {"baselineId": baseline.get("id", ""), "cells": cells,
            "counts": {name: sum(1 for c in cells if c["change"] == name) for name in run_stats.CHANGE_ORDER},
            "mcnemar": {"pairs": test.pairs, "regressed": test.regressed, "improved": test.improved,
                        "pValue": test.p_value, "method": test.method, "significant": test.significant}}  # fmt: skip


# ---- the reports -------------------------------------------------------------------------------


def junit_document(outcomes: list[SuiteOutcome]) -> str:
    return junit.junit_xml([RunReport.model_validate(o.report) for o in outcomes], name="Mimic")


def results_document(outcomes: list[SuiteOutcome], *, source: str, mode: str, code: int) -> str:
    return json.dumps({
        "version": RESULTS_VERSION, "file": source, "mode": mode, "exitCode": code,
        "suites": [{"name": o.name, "passed": o.passed, "infrastructure": o.infrastructure, "gate": o.gate,
                    "thresholds": o.thresholds, "run": o.run, "comparison": o.comparison,
                    "sessions": o.report.get("sessions", []), "findingsBySeverity": o.report.get("findingsBySeverity"),
                    "totalCost": o.report.get("totalCost")} for o in outcomes],
    }, indent=2, ensure_ascii=False) + "\n"  # fmt: skip


def _md(text: Any, limit: int = 200) -> str:
    """Safe in a Markdown table cell: agent text is untrusted (no HTML, no pipes, one line)."""
    value = " ".join(str(text).split())
    value = value if len(value) <= limit else value[: limit - 1] + "…"
    return html.escape(value, quote=False).replace("|", "\\|").replace("`", "'")


JUDGED = ("passed", "failed")


def _cited(row: dict[str, Any]) -> str:
    numbers = row.get("evidenceMessageNumbers") or []
    return f" (messages {', '.join(f'#{n}' for n in numbers)})" if numbers else ""


def _session_lines(suite: str, s: dict[str, Any]) -> list[str]:
    """A session that did not pass: its outcome and whose it is, then every row not met or
    undecided with its blame and the messages that show it."""
    blame = f", blame: {s['blame']}" if s.get("blame") else ""
    lines = [f"- **{_md(suite)}** · {_md(s['personaName'])} × {_md(s['objectiveName'])} #{s['repeat']}: "
             f"{s.get('outcome') or s.get('status')}{blame}"]  # fmt: skip
    rows = [c for c in s.get("criteria", []) if c["status"] != "met"]
    rows += [c for c in s.get("checks", []) if c["status"] == "not_met" and (c.get("gating") or c.get("blame"))]
    for c in rows:
        mark = "✗" if c["status"] == "not_met" else "?"
        whose = f" [{c['blame']}]" if c.get("blame") else ""
        lines.append(f"  - {mark} {_md(c['criterion'])}{whose}{_cited(c)}: {_md(c.get('reasoning', ''), 300)}")
    for f in s.get("findings", []):
        if f.get("severity") in ("critical", "high"):
            lines.append(f"  - finding {f['severity']} {_md(f['type'])}{_cited(f)}: {_md(f['description'], 300)}")
    if s.get("error"):
        lines.append(f"  - error: {_md((s['error'] or {}).get('message', ''), 300)}")
    return lines


def markdown_summary(outcomes: list[SuiteOutcome], *, code: int, mode: str, link: str | None = None) -> str:
    failed = [o for o in outcomes if not o.passed]
    icon = {0: "✅", 1: "❌", 2: "⚠️"}[code]
    head = {0: f"all {len(outcomes)} suite(s) passed", 1: f"{len(failed)} of {len(outcomes)} suite(s) failed the gate",
            2: "could not be trusted: infrastructure errors"}[code]  # fmt: skip
    lines = [f"## {icon} Mimic: {head}", ""]
    # Inconclusive sessions, those the simulator spoiled and infrastructure errors are set apart:
    # they never enter the pass rate, nor count against the agent.
    lines += ["| Suite | Pass rate | 95% CI (Wilson) | pass^k | Passed / judged | Inconclusive | Simulator errors "
              "| Errors | Threshold | Result |",
              "| --- | ---: | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |"]  # fmt: skip
    for o in outcomes:
        overall = o.run.get("overall") or {}
        ci = overall.get("ci")
        ci_text = f"{_pct(ci['low'])} – {_pct(ci['high'])}" if ci else "—"
        result = "✅ passed" if o.passed else ("⚠️ error" if o.infrastructure else "❌ failed")
        lines.append(f"| {_md(o.name)} | {_pct(overall.get('passRate'))} | {ci_text} | {_pct(overall.get('passK'))} "
                     f"| {overall.get('passed', 0)}/{overall.get('n', 0)} | {overall.get('inconclusive', 0)} | "
                     f"{overall.get('simulatorErrors', 0)} | {overall.get('errors', 0)} | "
                     f"≥ {_pct(o.thresholds.get('passRate', 1.0))} | {result} |")  # fmt: skip
    problems = [(o.name, p) for o in outcomes for p in [*o.infrastructure, *o.gate]]
    if problems:
        lines += ["", "**Why:**", ""] + [f"- {_md(name)}: {_md(p, 400)}" for name, p in problems]
    compared = [o for o in outcomes if o.comparison is not None]
    if compared:
        changed = [(o.name, c) for o in compared for c in o.comparison["cells"] if c["change"] != "unchanged"]
        lines += ["", "### Changed cells against the baseline", ""]
        if changed:
            lines += ["| Suite | Persona | Objective | Change | Baseline | Now |",
                      "| --- | --- | --- | --- | ---: | ---: |"]  # fmt: skip
            side = lambda s: "—" if not s else f"{s['passed']}/{s['n']} ({_pct(s['passRate'])})"  # noqa: E731
            lines += [f"| {_md(n)} | {_md(c['personaName'])} | {_md(c['objectiveName'])} | **{c['change']}** | "
                      f"{side(c['baseline'])} | {side(c['current'])} |" for n, c in changed]  # fmt: skip
        else:
            lines.append("No cell changed.")
    totals = {s: sum((o.report.get("findingsBySeverity") or {}).get(s, 0) for o in outcomes) for s in SEVERITIES}
    lines += ["", "### Findings by severity", "", "| " + " | ".join(SEVERITIES) + " |",
              "| " + " | ".join("---:" for _ in SEVERITIES) + " |",
              "| " + " | ".join(str(totals[s]) for s in SEVERITIES) + " |"]  # fmt: skip
    failed = [(o, s) for o in outcomes for s in o.report.get("sessions", []) if s.get("outcome") == "failed"]
    apart = [(o, s) for o in outcomes for s in o.report.get("sessions", []) if s.get("outcome") not in JUDGED]
    for title, chosen in ((f"{len(failed)} failed session(s): counted against the agent", failed),
                          (f"{len(apart)} session(s) kept out of the pass rate: inconclusive, spoiled by the "
                           "simulator, or in error", apart)):  # fmt: skip
        if chosen:
            lines += ["", f"<details><summary>{title}</summary>", ""]
            for o, s in chosen[:30]:
                lines += _session_lines(o.name, s)
            lines += ["", "</details>"]
    cost = sum(float(o.report.get("totalCost") or 0) for o in outcomes)
    lines += ["", f"<sub>{mode} run · {sum(len(o.report.get('sessions', [])) for o in outcomes)} sessions · "
              f"LLM cost ${cost:.4f}" + (f" · {link}" if link else "") + "</sub>", ""]  # fmt: skip
    return "\n".join(lines)
