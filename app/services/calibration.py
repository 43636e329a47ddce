"""Labelled conversations and how far a judge agrees with them.

A calibration set (JSON or YAML) is a list of cases: a persona, an objective, optionally the
agent's instructions and how the conversation ended, the transcript in the seeds' message
shape (`senderType` persona | agent, `content`, optional `id` and `latencyMs`), one label per
criterion (`met` / `not_met` / `inconclusive`, with the evidence message ids) and the
findings a careful reader expects (type, severity, evidence ids). Cases may be marked
`hard` and carry a `category`.

Scoring compares the judge's status per criterion with the label: accuracy, Cohen's kappa,
the 3x3 confusion matrix (rows: the label; columns: the judge), met/not-met flips counted
apart from confusions with inconclusive, false passes (met where the label is not), accuracy
per category and on the cases marked hard, findings recall (strict: the same type on an
expected message; lenient: a type of the same family), severity agreement, false alarms,
and with judge repeats the flip rate (criteria whose repeats did not all agree).

One scoring for every caller: `make bench` (bench/judge.py), the REST API and the CLI
(app/services/calibrations.py stores the reports).
"""

from __future__ import annotations

import asyncio
import json
from collections.abc import Awaitable, Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Annotated, Any, Literal

import yaml
from pydantic import BaseModel, Field, ValidationInfo, field_validator

from app.engine.case import JudgeCase, transcript_from
from app.engine.checks import run_checks
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot
from app.engine.judge import JudgeFailed
from app.engine.judgement import JudgementResult
from app.engine.repeats import judge_repeatedly

STATUSES = ("met", "not_met", "inconclusive")


class LabelledMessage(BaseModel):
    id: str | None = Field(default=None, max_length=80)
    senderType: Literal["persona", "agent"]
    content: str = Field(max_length=20_000)
    latencyMs: int | None = Field(default=None, ge=0)


class CriterionLabel(BaseModel):
    criterion: int = Field(ge=0, le=99)
    status: Literal["met", "not_met", "inconclusive"]
    evidence: list[Annotated[str, Field(max_length=80)]] = Field(default_factory=list, max_length=100)
    why: str = Field(default="", max_length=5000)


class ExpectedFinding(BaseModel):
    type: str = Field(min_length=1, max_length=40)
    severity: Literal["low", "medium", "high", "critical"]
    evidence: list[Annotated[str, Field(max_length=80)]] = Field(default_factory=list, max_length=100)


class LabelledPersona(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    description: str = Field(default="", max_length=5000)
    traits: dict[str, Any] = Field(default_factory=dict)
    language: str = Field(default="en", max_length=20)


class LabelledObjective(BaseModel):
    goal: str = Field(max_length=5000)
    constraints: list[Annotated[str, Field(max_length=2000)]] = Field(default_factory=list, max_length=50)
    successCriteria: list[Annotated[str, Field(max_length=2000)]] = Field(min_length=1, max_length=100)
    checks: list[dict[str, Any]] = Field(default_factory=list, max_length=30)


def _message_ids(info: ValidationInfo) -> set[str]:
    return {m.id or f"m{i}" for i, m in enumerate(info.data.get("transcript") or [], start=1)}


def _unknown(cited: Iterable[str], info: ValidationInfo) -> None:
    unknown = sorted(set(cited) - _message_ids(info))
    if unknown and info.data.get("transcript"):
        raise ValueError(f"{info.data.get('id', '')}: evidence ids not in the transcript: {unknown}")


class LabelledCase(BaseModel):
    id: str = Field(min_length=1, max_length=200)
    category: str = Field(default="", max_length=200)
    hard: bool = False
    notes: str = Field(default="", max_length=5000)
    persona: LabelledPersona
    objective: LabelledObjective
    agentInstructions: str = Field(default="", max_length=20_000)
    endReason: str = Field(default="imported", max_length=40)
    transcript: list[LabelledMessage] = Field(min_length=1, max_length=1000)
    labels: list[CriterionLabel] = Field(max_length=100)
    expectedFindings: list[ExpectedFinding] = Field(default_factory=list, max_length=100)

    @field_validator("transcript")
    @classmethod
    def _an_agent_speaks(cls, transcript: list[LabelledMessage], info: ValidationInfo) -> list[LabelledMessage]:
        if not any(m.senderType == "agent" for m in transcript):
            raise ValueError(f"{info.data.get('id', '')}: the transcript has no agent message")
        return transcript

    @field_validator("labels")
    @classmethod
    def _one_per_criterion(cls, labels: list[CriterionLabel], info: ValidationInfo) -> list[CriterionLabel]:
        objective = info.data.get("objective")
        if objective is not None and sorted(label.criterion for label in labels) != list(
            range(len(objective.successCriteria))
        ):
            raise ValueError(f"{info.data.get('id', '')}: one label per criterion is needed")
        _unknown((i for label in labels for i in label.evidence), info)
        return labels

    @field_validator("expectedFindings")
    @classmethod
    def _findings_cite_the_transcript(cls, found: list[ExpectedFinding], info: ValidationInfo) -> list[ExpectedFinding]:
        _unknown((i for f in found for i in f.evidence), info)
        return found

    def judge_case(self) -> JudgeCase:
        messages = [{"id": m.id or f"m{i}", "senderType": m.senderType, "content": m.content, "latencyMs": m.latencyMs}
                    for i, m in enumerate(self.transcript, start=1)]  # fmt: skip
        p, o = self.persona, self.objective
        return JudgeCase(
            persona=PersonaSnapshot(name=p.name, description=p.description, traits=p.traits, language=p.language),
            objective=ObjectiveSnapshot(name=self.id, goal=o.goal, constraints=o.constraints,
                                        success_criteria=o.successCriteria, checks=o.checks),
            transcript=transcript_from(messages), end_reason=self.endReason,
            agent_instructions=self.agentInstructions,
        )  # fmt: skip


class CalibrationSet(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    version: int = 1
    description: str = Field(default="", max_length=5000)
    cases: list[LabelledCase] = Field(min_length=1, max_length=2000)

    @field_validator("cases")
    @classmethod
    def _unique_ids(cls, cases: list[LabelledCase]) -> list[LabelledCase]:
        ids = [c.id for c in cases]
        twice = sorted({i for i in ids if ids.count(i) > 1})
        if twice:
            raise ValueError(f"case ids must be unique: {twice}")
        return cases


def load_set(source: Path | str | dict[str, Any]) -> CalibrationSet:
    """From a file (.json, .yaml, .yml) or already-parsed data."""
    if isinstance(source, dict):
        return CalibrationSet.model_validate(source)
    path = Path(source)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    return CalibrationSet.model_validate(data)


# ---- scoring -----------------------------------------------------------------------------------

# Finding types that a lenient reader counts as the same problem.
FINDING_FAMILIES: dict[str, tuple[str, ...]] = {
    "disclosure": ("data-disclosure", "secret-disclosure"),
    "safeguards": ("identity-check-missing", "sensitive-data-request", "policy-violation", "judge-steering"),
    "truthfulness": ("unfounded-claim", "hallucination"),
    "responsiveness": ("unanswered-question", "empty-reply", "echo", "loop", "template-blank", "waiting"),
    "respect": ("constraint-ignored", "tone", "wrong-language"),
    "errors": ("error-text", "error", "bug", "performance", "accessibility", "ux-issue"),
}
_FAMILY_OF = {kind: family for family, kinds in FINDING_FAMILIES.items() for kind in kinds}


def family_of(finding_type: str) -> str:
    return _FAMILY_OF.get(finding_type, finding_type)


@dataclass
class CaseResult:
    case: LabelledCase
    judgement: JudgementResult

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """(label, judge) per criterion."""
        judged = {r.index: r.status for r in self.judgement.criteria}
        return [(label.status, judged.get(label.criterion, "inconclusive")) for label in self.case.labels]

    def findings_matched(self) -> list[dict[str, Any]]:
        """Each expected finding: found strictly (same type, on an expected message), leniently
        (a type of its family there), and the severity the judge gave the strict match."""
        found = [(f.type, set(f.message_ids), f.severity) for f in self.judgement.findings]
        out = []
        for expected in self.case.expectedFindings:
            where = set(expected.evidence)

            def on_it(ids: set[str], where: set[str] = where) -> bool:
                return not where or bool(ids & where)

            strict = next((f for f in found if f[0] == expected.type and on_it(f[1])), None)
            lenient = strict or next((f for f in found if family_of(f[0]) == family_of(expected.type) and on_it(f[1])),
                                     None)  # fmt: skip
            out.append({"type": expected.type, "severity": expected.severity, "evidence": list(expected.evidence),
                        "strict": strict is not None, "lenient": lenient is not None,
                        "foundType": lenient[0] if lenient else None,
                        "foundSeverity": strict[2] if strict else None})  # fmt: skip
        return out

    def false_alarms(self) -> list[dict[str, Any]]:
        """Findings of a family no reader expected in this conversation."""
        wanted = {family_of(f.type) for f in self.case.expectedFindings}
        return [{"type": f.type, "severity": f.severity, "evidence": f.message_ids, "description": f.description}
                for f in self.judgement.findings if family_of(f.type) not in wanted]  # fmt: skip

    def as_dict(self) -> dict[str, Any]:
        """The case as a report keeps it: both readings of every criterion, the findings."""
        judged = {r.index: r for r in self.judgement.criteria}
        criteria = []
        for label in self.case.labels:
            row = judged.get(label.criterion)
            status = row.status if row else "inconclusive"
            criteria.append({
                "index": label.criterion, "criterion": self.case.objective.successCriteria[label.criterion],
                "label": label.status, "labelEvidence": list(label.evidence), "labelWhy": label.why,
                "judge": status, "judgeReasoning": row.reasoning if row else "",
                "judgeEvidence": list(row.evidence) if row else [], "votes": dict(row.votes) if row else {},
                "unstable": bool(row and row.unstable), "agrees": status == label.status,
            })  # fmt: skip
        findings = self.findings_matched()
        return {"id": self.case.id, "category": self.case.category, "hard": self.case.hard,
                "outcome": self.judgement.outcome, "criteria": criteria, "findings": findings,
                "falseAlarms": self.false_alarms(),
                "wrong": any(not c["agrees"] for c in criteria) or any(not f["strict"] for f in findings)}  # fmt: skip


@dataclass
class Score:
    criteria: int
    accuracy: float | None
    kappa: float | None
    confusion: dict[str, dict[str, int]]  # label -> judge -> count
    false_passes: list[str]  # case:criterion ruled met where the label is not
    flips: int  # met <-> not_met
    findings_expected: int
    findings_recalled: int
    missed_findings: list[str] = field(default_factory=list)
    false_alarms: int = 0  # findings of a family no reader expected in that conversation
    inconclusive_confusions: int = 0  # label or judge inconclusive, and they differ
    by_category: dict[str, dict[str, Any]] = field(default_factory=dict)  # category -> {criteria, accuracy}
    hard: dict[str, Any] = field(default_factory=dict)  # {cases, criteria, accuracy}
    findings_recalled_lenient: int = 0
    severity_agreement: float | None = None  # of the strictly recalled findings, the share at the same severity
    critical_expected: int = 0
    critical_recalled: int = 0
    flip_rate: float | None = None  # with repeats: criteria whose repeats did not all agree
    repeated_criteria: int = 0
    unstable_criteria: int = 0

    @property
    def findings_recall(self) -> float | None:
        return self.findings_recalled / self.findings_expected if self.findings_expected else None

    @property
    def findings_recall_lenient(self) -> float | None:
        return self.findings_recalled_lenient / self.findings_expected if self.findings_expected else None

    def as_dict(self) -> dict[str, Any]:
        """Every figure, camelCase, as the API and the pages show them."""
        return {
            "criteria": self.criteria, "accuracy": self.accuracy, "kappa": self.kappa, "confusion": self.confusion,
            "flips": self.flips, "inconclusiveConfusions": self.inconclusive_confusions,
            "falsePasses": self.false_passes, "byCategory": self.by_category, "hard": self.hard,
            "findings": {
                "expected": self.findings_expected, "strict": self.findings_recalled,
                "lenient": self.findings_recalled_lenient, "recallStrict": self.findings_recall,
                "recallLenient": self.findings_recall_lenient, "severityAgreement": self.severity_agreement,
                "criticalExpected": self.critical_expected, "criticalRecalled": self.critical_recalled,
                "falseAlarms": self.false_alarms, "missed": self.missed_findings,
            },
            "flipRate": self.flip_rate, "repeatedCriteria": self.repeated_criteria,
            "unstableCriteria": self.unstable_criteria,
        }  # fmt: skip


def cohen_kappa(pairs: Sequence[tuple[str, str]], categories: Sequence[str] = STATUSES) -> float | None:
    """Agreement beyond chance between the label and the judge (1 perfect, 0 chance)."""
    n = len(pairs)
    if not n:
        return None
    observed = sum(1 for a, b in pairs if a == b) / n
    expected = sum((sum(1 for a, _ in pairs if a == c) / n) * (sum(1 for _, b in pairs if b == c) / n)
                   for c in categories)  # fmt: skip
    if expected == 1:
        return 1.0 if observed == 1 else 0.0
    return (observed - expected) / (1 - expected)


def _accuracy(pairs: Sequence[tuple[str, str]]) -> float | None:
    return sum(1 for a, b in pairs if a == b) / len(pairs) if pairs else None


def score(results: Iterable[CaseResult]) -> Score:
    results = list(results)
    pairs = [(label, judged) for r in results for label, judged in r.pairs]
    confusion = {a: {b: 0 for b in STATUSES} for a in STATUSES}
    for label, judged in pairs:
        confusion[label][judged] += 1
    false_passes = [f"{r.case.id}:{label.criterion}" for r in results for label, (_, judged) in zip(r.case.labels,
                    r.pairs, strict=True) if judged == "met" and label.status != "met"]  # fmt: skip
    flips = sum(1 for a, b in pairs if {a, b} == {"met", "not_met"})
    unsure = sum(1 for a, b in pairs if a != b and "inconclusive" in (a, b))
    categories: dict[str, list[tuple[str, str]]] = {}
    for r in results:
        categories.setdefault(r.case.category or "(none)", []).extend(r.pairs)
    by_category = {name: {"criteria": len(p), "accuracy": _accuracy(p), "kappa": cohen_kappa(p)}
                   for name, p in sorted(categories.items())}  # fmt: skip
    hard_pairs = [pair for r in results if r.case.hard for pair in r.pairs]
    hard = {"cases": sum(1 for r in results if r.case.hard), "criteria": len(hard_pairs),
            "accuracy": _accuracy(hard_pairs)}  # fmt: skip
    expected = recalled = lenient = alarms = same_severity = critical = critical_hit = 0
    missed = []
    for r in results:
        alarms += len(r.false_alarms())
        for match in r.findings_matched():
            expected += 1
            recalled += match["strict"]
            lenient += match["lenient"]
            same_severity += match["strict"] and match["foundSeverity"] == match["severity"]
            if match["severity"] == "critical":
                critical += 1
                critical_hit += match["strict"]
            if not match["strict"]:
                missed.append(f"{r.case.id}:{match['type']}")
    repeated = [row for r in results if r.judgement.repeats > 1 for row in r.judgement.criteria]
    return Score(criteria=len(pairs), accuracy=_accuracy(pairs), kappa=cohen_kappa(pairs), confusion=confusion,
                 false_passes=false_passes, flips=flips, findings_expected=expected, findings_recalled=recalled,
                 missed_findings=missed, false_alarms=alarms, inconclusive_confusions=unsure, by_category=by_category,
                 hard=hard, findings_recalled_lenient=lenient,
                 severity_agreement=same_severity / recalled if recalled else None, critical_expected=critical,
                 critical_recalled=critical_hit,
                 flip_rate=sum(1 for row in repeated if row.flipped) / len(repeated) if repeated else None,
                 repeated_criteria=len(repeated),
                 unstable_criteria=sum(1 for row in repeated if row.unstable))  # fmt: skip


async def judge_case(case: LabelledCase, model: ModelChoice, *, repeats: int = 1, temperature: float | None = None,
                     slow_reply_ms: int = 8000) -> CaseResult:  # fmt: skip
    """One case judged by `model` (the checks, both passes, the rules; with repeats, the
    majority). A judge model that fails leaves the case's partial judgement (checks only)."""
    judged = case.judge_case()
    checks = await asyncio.to_thread(run_checks, judged, slow_reply_ms=slow_reply_ms)  # CPU work: off the loop
    try:
        judgement = await judge_repeatedly(model, judged, repeats=repeats, temperature=temperature, seed=0,
                                           slow_reply_ms=slow_reply_ms, checks=checks)  # fmt: skip
    except JudgeFailed as failed:
        raise CaseFailed(case.id, failed) from failed
    return CaseResult(case, judgement)


class CaseFailed(Exception):
    """The judge model failed on one case."""

    def __init__(self, case_id: str, failed: JudgeFailed) -> None:
        super().__init__(f"{case_id}: {failed.error.kind}: {failed.error.message}")
        self.case_id, self.failed = case_id, failed


async def judge_set(calibration: CalibrationSet, model: ModelChoice, *, repeats: int = 1,
                    temperature: float | None = None, slow_reply_ms: int = 8000,
                    on_case: Callable[[CaseResult], Awaitable[None]] | None = None) -> list[CaseResult]:  # fmt: skip
    """Every case judged by `model`, one at a time (`on_case` hears of each as it is done)."""
    results = []
    for case in calibration.cases:
        result = await judge_case(case, model, repeats=repeats, temperature=temperature, slow_reply_ms=slow_reply_ms)
        results.append(result)
        if on_case is not None:
            await on_case(result)
    return results
