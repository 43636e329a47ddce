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

Json = Any
JUDGED = ("passed", "failed")


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
    for m in messages:
        who = m.get("senderType", "?")
        text = textwrap.shorten(" ".join(str(m.get("content", "")).split()), width=1000, placeholder=" …")
        lines.append(textwrap.fill(f"{who:>7}: {text}", width=width, subsequent_indent=" " * 9))
    return "\n".join(lines) or "(no messages)"


@dataclass
class Criterion:
    criterion: str
    status: str
    reasoning: str = ""

    @property
    def met(self) -> bool:
        return self.status == "met"


@dataclass
class ConversationResult:
    """One session: its outcome, the verdict per criterion, findings, transcript and cost.
    True when it passed; its repr says why not (failed criteria and the transcript)."""

    session: Json = field(repr=False)

    @property
    def id(self) -> str:
        return self.session["id"]

    @property
    def outcome(self) -> str | None:
        return self.session.get("outcome")

    @property
    def passed(self) -> bool:
        return self.outcome == "passed"

    @property
    def criteria(self) -> list[Criterion]:
        verdict = self.session.get("verdict") or {}
        return [Criterion(c["criterion"], c["status"], c.get("reasoning", "")) for c in verdict.get("criteria", [])]

    @property
    def verdict(self) -> dict[str, str]:
        """criterion -> met | not_met | inconclusive"""
        return {c.criterion: c.status for c in self.criteria}

    @property
    def failed_criteria(self) -> list[Criterion]:
        return [c for c in self.criteria if not c.met]

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

    def explain(self) -> str:
        s = self.session
        head = (f"Mimic session {s['id']}: {s.get('personaName', '')} × {s.get('objectiveName', '')} against "
                f"{s.get('agentName', '')} — {self.outcome or s.get('status')} "
                f"(ended by {s.get('endReason')})")  # fmt: skip
        lines = [head]
        if self.error:
            lines.append(f"  error ({self.error.get('source')}: {self.error.get('kind')}): {self.error.get('message')}")
        for c in self.criteria:
            mark = "✓" if c.met else "✗"
            lines.append(f"  {mark} [{c.status}] {c.criterion}" + (f"\n      {c.reasoning}" if c.reasoning and not c.met
                                                                    else ""))  # fmt: skip
        for f in self.findings:
            lines.append(f"  finding [{f.get('severity')}] {f.get('type')}: {f.get('description')}")
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
        why = "; ".join(f"{c.status}: {c.criterion}" for c in self.failed_criteria)
        if self.error:
            why = f"{self.error.get('source')} error: {self.error.get('message')}"
        return f"<Mimic session {self.id} {self.outcome or self.session.get('status')}: {why or 'no criterion met'}>"


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
                f"at least {_pct(self.min_pass_rate)} wanted")  # fmt: skip
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
                f"({_pct(self.pass_rate)}; at least {_pct(self.min_pass_rate)} wanted)>")  # fmt: skip


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
                 f"({_pct(overall.get('passRate'))}, 95% CI {_pct(ci.get('low'))}–{_pct(ci.get('high'))}), "
                 f"{overall.get('errors', 0)} errors; at least {_pct(self.min_pass_rate)} wanted"]  # fmt: skip
        for cell in self.cells:
            if cell["status"] != "passed":
                lines.append(f"  ✗ {cell['personaName']} × {cell['objectiveName']}: {cell['status']} "
                             f"({cell['passed']}/{cell['n']})")  # fmt: skip
        shown = 0
        for s in self.sessions:
            if s.get("outcome") != "passed" and shown < 2:
                shown += 1
                unmet = [c for c in s.get("criteria", []) if c["status"] != "met"]
                lines.append(f"  session {s['id']} ({s['personaName']} × {s['objectiveName']} #{s['repeat']}): "
                             f"{s.get('outcome') or s.get('status')}")  # fmt: skip
                lines += [f"    ✗ [{c['status']}] {c['criterion']}: {c.get('reasoning', '')}" for c in unmet]
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
