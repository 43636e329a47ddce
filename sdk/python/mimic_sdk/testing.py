"""Running Mimic tests from code: a conversation or a suite, on a Mimic server (RemoteBackend,
over this SDK) or on Mimic's own engine in this process (app.local.EmbeddedBackend, when Mimic
itself is importable), with results that read well in a failed assertion.

Both backends take mimic.yaml documents (dicts) and answer the API's JSON, so the `mimic test`
command line and the pytest plugin do the same things whichever runs the sessions.
"""

from __future__ import annotations

import math
import textwrap
import time
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any, Protocol

from mimic_sdk._client import MimicClient
from mimic_sdk._errors import MimicError
from mimic_sdk.types import JUDGED_OUTCOMES, SET_APART_OUTCOMES

Json = Any
JUDGED = JUDGED_OUTCOMES


class Backend(Protocol):
    """What runs Mimic tests: push a mimic.yaml document, run one conversation, run a suite."""

    def push(self, document: dict[str, Any], env: Mapping[str, str]) -> Json: ...

    def run_conversation(self, *, agent: str, persona: str, objective: str, config: dict[str, Any],
                         llm_config: dict[str, Any]) -> Json: ...  # fmt: skip

    def start_suite(self, name: str, overrides: dict[str, Any]) -> Json: ...

    def get_run(self, run_id: str) -> Json: ...

    def run_report(self, run_id: str) -> Json: ...

    def close(self) -> None: ...


class ConfigurationError(MimicError):
    """The test definitions are wrong (a name that does not exist, a bad file): exit code 2."""


class RemoteBackend:
    """Runs on a Mimic server: the results land in its dashboard."""

    def __init__(self, client: MimicClient, *, poll: float = 0.5) -> None:
        self.client = client
        self.poll = poll

    def push(self, document: dict[str, Any], env: Mapping[str, str]) -> Json:
        return self.client.mimic_file.push(document, env=dict(env))

    def _id(self, resource: Any, kind: str, name: str) -> str:
        found = [item for item in resource.iterate(q=name) if item["name"] == name]
        if len(found) != 1:
            raise ConfigurationError(
                f"no {kind} named {name!r}" if not found else f"several {kind}s are named {name!r}"
            )
        return found[0]["id"]

    def run_conversation(self, *, agent: str, persona: str, objective: str, config: dict[str, Any],
                         llm_config: dict[str, Any]) -> Json:  # fmt: skip
        session = self.client.sessions.create(
            agent_id=self._id(self.client.agents, "agent", agent),
            persona_id=self._id(self.client.personas, "persona", persona),
            objective_id=self._id(self.client.objectives, "objective", objective),
            config=config, llm_config=llm_config, auto_start=True,
        )  # fmt: skip
        return self.client.sessions.wait(session["id"])

    def start_suite(self, name: str, overrides: dict[str, Any]) -> Json:
        suite_id = self._id(self.client.suites, "suite", name)
        personas = overrides.pop("personas", None)
        objectives = overrides.pop("objectives", None)
        if personas is not None:
            overrides["personaIds"] = [self._id(self.client.personas, "persona", n) for n in personas]
        if objectives is not None:
            overrides["objectiveIds"] = [self._id(self.client.objectives, "objective", n) for n in objectives]
        return self.client.suites.run(suite_id, overrides)

    def get_run(self, run_id: str) -> Json:
        return self.client.runs.get(run_id)

    def run_report(self, run_id: str) -> Json:
        return self.client.runs.report(run_id)

    def close(self) -> None:
        self.client.close()


def wait_run(backend: Backend, run: Json, *, timeout: float = 3600, poll: float = 0.25,
             on_progress: Callable[[Json], Any] | None = None) -> Json:  # fmt: skip
    deadline = time.monotonic() + timeout
    while True:
        if on_progress:
            on_progress(run)
        if run.get("endedAt"):
            return run
        if time.monotonic() > deadline:
            raise TimeoutError(f"the run of {run.get('suiteName')} did not end within {timeout:g} s")
        time.sleep(poll)
        run = backend.get_run(run["id"])


# ---- results -------------------------------------------------------------------------------


def wilson(passed: int, n: int, z: float = 1.959963984540054) -> tuple[float, float] | None:
    """The 95% Wilson score interval of passed/n (None when nothing was judged)."""
    if n <= 0:
        return None
    p = passed / n
    centre = (p + z * z / (2 * n)) / (1 + z * z / n)
    half = z * math.sqrt(p * (1 - p) / n + z * z / (4 * n * n)) / (1 + z * z / n)
    return max(0.0, centre - half), min(1.0, centre + half)


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def _transcript(messages: list[Json], width: int = 100) -> str:
    lines = []
    for number, m in enumerate(messages, start=1):
        who = m.get("senderType", "?")
        text = textwrap.shorten(" ".join(str(m.get("content", "")).split()), width=1000, placeholder=" …")
        if not text and who == "agent":
            text = "(empty reply)"
        label = f"#{m.get('number') or number} {who}"
        lines.append(textwrap.fill(f"{label:>10}: {text}", width=width, subsequent_indent=" " * 12))
    return "\n".join(lines) or "(no messages)"


def _apart_note(outcome: str | None) -> str:
    return " — not counted against the agent" if outcome in SET_APART_OUTCOMES else ""


@dataclass
class Criterion:
    """A row of a verdict: a success criterion, or a check. `blame` says whose a row that is
    not met (or undecided) is; `evidence` the numbers of the transcript's messages that show it."""

    criterion: str
    status: str
    reasoning: str = ""
    blame: str | None = None
    evidence_message_ids: list[str] = field(default_factory=list)
    evidence: list[int] = field(default_factory=list)
    source: str = "judge"
    gating: bool = True

    @property
    def met(self) -> bool:
        return self.status == "met"

    @classmethod
    def of(cls, row: Json, numbers: dict[str, int]) -> Criterion:
        ids = [str(i) for i in row.get("evidenceMessageIds") or row.get("citedMessageIds") or []]
        cited = list(row.get("evidenceMessageNumbers") or [numbers[i] for i in ids if i in numbers])
        return cls(row["criterion"], row["status"], row.get("reasoning", ""), row.get("blame"), ids, cited,
                   row.get("source", "judge"), bool(row.get("gating", True)))  # fmt: skip

    def line(self, mark: str = "") -> str:
        facts = ([f"blame: {self.blame}"] if self.blame else []) + (
            [f"evidence: {', '.join(f'#{n}' for n in self.evidence)}"] if self.evidence else []
        )
        return f"{mark}[{self.status}] {self.criterion}" + (f" ({'; '.join(facts)})" if facts else "")


@dataclass
class ConversationResult:
    """One session: its outcome and whose a failure is, the verdict per criterion and check
    (with evidence), findings, transcript and cost. True when it passed; its repr says why not.
    An `inconclusive` or `simulator_error` session is not a pass, but not the agent's failure
    either (`counts_against_agent` is False): the assertion message says so."""

    session: Json = field(repr=False)

    @property
    def id(self) -> str:
        return self.session["id"]

    @property
    def outcome(self) -> str | None:
        return self.session.get("outcome")

    @property
    def blame(self) -> str | None:
        """agent | simulator | judge | infrastructure, when it did not pass."""
        return self.session.get("blame") or (self.session.get("verdict") or {}).get("blame")

    @property
    def passed(self) -> bool:
        return self.outcome == "passed"

    @property
    def counts_against_agent(self) -> bool:
        return self.outcome == "failed"

    @property
    def _numbers(self) -> dict[str, int]:
        return {str(m.get("id")): i for i, m in enumerate(self.transcript, start=1)}

    @property
    def criteria(self) -> list[Criterion]:
        verdict, numbers = self.session.get("verdict") or {}, self._numbers
        return [Criterion.of(c, numbers) for c in verdict.get("criteria", [])]

    @property
    def checks(self) -> list[Criterion]:
        """The checks' own verdict rows (built-in and the objective's)."""
        verdict, numbers = self.session.get("verdict") or {}, self._numbers
        return [Criterion.of(c, numbers) for c in verdict.get("checks", [])]

    @property
    def verdict(self) -> dict[str, str]:
        """criterion -> met | not_met | inconclusive"""
        return {c.criterion: c.status for c in self.criteria}

    @property
    def failed_criteria(self) -> list[Criterion]:
        return [c for c in self.criteria if not c.met]

    @property
    def failed_checks(self) -> list[Criterion]:
        return [c for c in self.checks if c.status == "not_met" and c.gating]

    @property
    def findings(self) -> list[Json]:
        return list(self.session.get("findings") or [])

    @property
    def transcript(self) -> list[Json]:
        return list(self.session.get("messages") or [])

    @property
    def cost(self) -> float:
        return float(self.session.get("totalCost") or 0.0)

    @property
    def tokens(self) -> int:
        return int(self.session.get("totalTokens") or 0)

    @property
    def error(self) -> Json | None:
        return self.session.get("error")

    def _status(self) -> str:
        blame = f" (blame: {self.blame})" if self.blame and not self.passed else ""
        return f"{self.outcome or self.session.get('status')}{blame}"

    def explain(self) -> str:
        s = self.session
        head = (f"Mimic session {s['id']}: {s.get('personaName', '')} × {s.get('objectiveName', '')} against "
                f"{s.get('agentName', '')} — {self._status()}{_apart_note(self.outcome)} "
                f"(ended by {s.get('endReason')})")  # fmt: skip
        lines = [head]
        if self.error:
            lines.append(f"  error ({self.error.get('source')}: {self.error.get('kind')}): {self.error.get('message')}")
        for c in self.criteria:
            mark = "✓" if c.met else ("✗" if c.status == "not_met" else "?")
            lines.append(c.line(f"  {mark} ") + (f"\n      {c.reasoning}" if c.reasoning and not c.met else ""))
        for c in self.failed_checks:
            lines.append(c.line("  ✗ check ") + (f"\n      {c.reasoning}" if c.reasoning else ""))
        numbers = self._numbers
        for f in self.findings:
            cited = [numbers[str(i)] for i in (f.get("evidence") or {}).get("messageIds") or [] if str(i) in numbers]
            where = f" ({', '.join(f'#{n}' for n in cited)})" if cited else ""
            lines.append(f"  finding [{f.get('severity')}] {f.get('type')}{where}: {f.get('description')}")
        lines.append("  transcript:")
        lines.append(textwrap.indent(_transcript(self.transcript), "    "))
        lines.append(f"  cost: ${self.cost:.4f} · {self.tokens} tokens")
        return "\n".join(lines)

    def assert_passed(self) -> None:
        if not self.passed:
            raise AssertionError(self.explain())

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        # One line for pytest's assertion line; explain() (a report section on failure) has the rest.
        if self.passed:
            return f"<Mimic session {self.id} passed: {len(self.criteria)} criteria met>"
        # The criteria first (a check bound to one fails with it); else the checks that failed.
        why = "; ".join(f"{c.status}: {c.criterion}" for c in self.failed_criteria or self.failed_checks)
        if self.error:
            why = f"{self.error.get('source')} error: {self.error.get('message')}"
        return f"<Mimic session {self.id} {self._status()}{_apart_note(self.outcome)}: {why or 'no criterion met'}>"


@dataclass
class RepeatedResult:
    """Several sessions of one conversation: true when the pass rate (judged sessions only)
    reaches `min_pass_rate`."""

    results: list[ConversationResult]
    min_pass_rate: float = 1.0

    @property
    def judged(self) -> list[ConversationResult]:
        return [r for r in self.results if r.outcome in JUDGED]

    @property
    def set_apart(self) -> list[ConversationResult]:
        """Inconclusive, spoiled by the simulator, or in error: outside the pass rate."""
        return [r for r in self.results if r.outcome not in JUDGED]

    def _apart_text(self) -> str:
        counts: dict[str, int] = {}
        for r in self.set_apart:
            key = r.outcome or r.session.get("status") or "unfinished"
            counts[key] = counts.get(key, 0) + 1
        return "; set apart: " + ", ".join(f"{n} {k}" for k, n in counts.items()) if counts else ""

    @property
    def passed(self) -> bool:
        rate = self.pass_rate
        return rate is not None and rate >= self.min_pass_rate

    @property
    def pass_rate(self) -> float | None:
        judged = self.judged
        return sum(r.passed for r in judged) / len(judged) if judged else None

    @property
    def interval(self) -> tuple[float, float] | None:
        return wilson(sum(r.passed for r in self.judged), len(self.judged))

    @property
    def cost(self) -> float:
        return sum(r.cost for r in self.results)

    def explain(self) -> str:
        ci = self.interval
        head = (f"Mimic: {sum(r.passed for r in self.judged)}/{len(self.judged)} repeats passed "
                f"({_pct(self.pass_rate)}, 95% CI {_pct(ci[0]) if ci else '—'}–{_pct(ci[1]) if ci else '—'}); "
                f"at least {_pct(self.min_pass_rate)} wanted{self._apart_text()}")  # fmt: skip
        failing = [r for r in self.results if not r.passed]
        return "\n".join([head, *(r.explain() for r in failing[:3])])

    def assert_passed(self) -> None:
        if not self.passed:
            raise AssertionError(self.explain())

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        judged = self.judged
        return (f"<Mimic: {sum(r.passed for r in judged)}/{len(judged)} repeats passed "
                f"({_pct(self.pass_rate)}; at least {_pct(self.min_pass_rate)} wanted"
                f"{self._apart_text()})>")  # fmt: skip


@dataclass
class SuiteResult:
    """A suite's run: overall and per-cell pass rates with Wilson intervals, every session's
    verdict and findings. True when the pass rate reaches `min_pass_rate` with no error."""

    run: Json
    report: Json = field(repr=False)
    min_pass_rate: float = 1.0

    @property
    def pass_rate(self) -> float | None:
        return (self.run.get("overall") or {}).get("passRate")

    @property
    def passed(self) -> bool:
        overall = self.run.get("overall") or {}
        return (self.run.get("status") == "completed" and not overall.get("errors") and overall.get("n", 0) > 0
                and (overall.get("passRate") or 0) >= self.min_pass_rate)  # fmt: skip

    @property
    def cells(self) -> list[Json]:
        return list(self.run.get("cells") or [])

    @property
    def sessions(self) -> list[Json]:
        return list(self.report.get("sessions") or [])

    @property
    def findings(self) -> list[Json]:
        return [f for s in self.sessions for f in s.get("findings", [])]

    @property
    def cost(self) -> float:
        return float(self.report.get("totalCost") or 0.0)

    def explain(self) -> str:
        overall = self.run.get("overall") or {}
        ci = overall.get("ci") or {}
        lines = [f"Mimic suite {self.run.get('suiteName')}: {overall.get('passed', 0)}/{overall.get('n', 0)} passed "
                 f"({_pct(overall.get('passRate'))}, 95% CI {_pct(ci.get('low'))}–{_pct(ci.get('high'))}); "
                 f"set apart: {overall.get('inconclusive', 0)} inconclusive, {overall.get('simulatorErrors', 0)} "
                 f"simulator errors, {overall.get('errors', 0)} errors; at least {_pct(self.min_pass_rate)} "
                 "wanted"]  # fmt: skip
        for cell in self.cells:
            if cell["status"] != "passed":
                lines.append(f"  ✗ {cell['personaName']} × {cell['objectiveName']}: {cell['status']} "
                             f"({cell['passed']}/{cell['n']})")  # fmt: skip
        shown = 0
        for s in self.sessions:
            if s.get("outcome") != "passed" and shown < 2:
                shown += 1
                rows = [Criterion.of(c, {}) for c in s.get("criteria", []) if c["status"] != "met"]
                rows += [Criterion.of(c, {}) for c in s.get("checks", []) if c["status"] == "not_met" and c["gating"]]
                blame = f" (blame: {s['blame']})" if s.get("blame") else ""
                status = f"{s.get('outcome') or s.get('status')}{blame}{_apart_note(s.get('outcome'))}"
                lines.append(f"  session {s['id']} ({s['personaName']} × {s['objectiveName']} #{s['repeat']}): "
                             f"{status}")  # fmt: skip
                lines += [f"{c.line('    ✗ ' if c.status == 'not_met' else '    ? ')}: {c.reasoning}" for c in rows]
                if s.get("error"):
                    lines.append(f"    error: {s['error'].get('message')}")
                lines.append(textwrap.indent(_transcript(s.get("transcript") or []), "      "))
        return "\n".join(lines)

    def assert_passed(self) -> None:
        if not self.passed:
            raise AssertionError(self.explain())

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        return f"<{self.explain().splitlines()[0]}>"
