"""Labelled conversations and how far a judge agrees with them.

A calibration set (JSON or YAML) is a list of cases: a persona, an objective, optionally the
agent's instructions and how the conversation ended, the transcript in the seeds' message
shape (`senderType` persona | agent, `content`, optional `id` and `latencyMs`), one label per
criterion (`met` / `not_met` / `inconclusive`, with the evidence message ids) and the
findings a careful reader expects (type, severity, evidence ids). Cases may be marked
`hard` and carry a `category`.

Scoring compares the judge's status per criterion with the label: accuracy, Cohen's kappa,
the 3x3 confusion matrix (rows: the label; columns: the judge), met/not-met flips counted
apart, false passes (met where the label is not), and findings recall by type.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import yaml
from pydantic import BaseModel, Field, model_validator

from app.engine.case import JudgeCase, transcript_from
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot
from app.engine.judge import Judge
from app.engine.judgement import JudgementResult

STATUSES = ("met", "not_met", "inconclusive")


class LabelledMessage(BaseModel):
    id: str | None = None
    senderType: Literal["persona", "agent"]
    content: str = Field(max_length=20_000)
    latencyMs: int | None = None


class CriterionLabel(BaseModel):
    criterion: int = Field(ge=0)
    status: Literal["met", "not_met", "inconclusive"]
    evidence: list[str] = Field(default_factory=list)
    why: str = ""


class ExpectedFinding(BaseModel):
    type: str
    severity: Literal["low", "medium", "high", "critical"]
    evidence: list[str] = Field(default_factory=list)


class LabelledPersona(BaseModel):
    name: str
    description: str = ""
    traits: dict[str, Any] = Field(default_factory=dict)
    language: str = "en"


class LabelledObjective(BaseModel):
    goal: str
    constraints: list[str] = Field(default_factory=list)
    successCriteria: list[str] = Field(min_length=1)
    checks: list[dict[str, Any]] = Field(default_factory=list)


class LabelledCase(BaseModel):
    id: str
    category: str = ""
    hard: bool = False
    notes: str = ""
    persona: LabelledPersona
    objective: LabelledObjective
    agentInstructions: str = ""
    endReason: str = "imported"
    transcript: list[LabelledMessage] = Field(min_length=1)
    labels: list[CriterionLabel]
    expectedFindings: list[ExpectedFinding] = Field(default_factory=list)

    @model_validator(mode="after")
    def _consistent(self) -> LabelledCase:
        ids = [m.id or f"m{i}" for i, m in enumerate(self.transcript, start=1)]
        if not any(m.senderType == "agent" for m in self.transcript):
            raise ValueError(f"{self.id}: the transcript has no agent message")
        if sorted(label.criterion for label in self.labels) != list(range(len(self.objective.successCriteria))):
            raise ValueError(f"{self.id}: one label per criterion is needed")
        cited = [i for label in self.labels for i in label.evidence] + [
            i for f in self.expectedFindings for i in f.evidence
        ]
        unknown = sorted(set(cited) - set(ids))
        if unknown:
            raise ValueError(f"{self.id}: evidence ids not in the transcript: {unknown}")
        return self

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
    name: str
    version: int = 1
    description: str = ""
    cases: list[LabelledCase] = Field(min_length=1)


def load_set(source: Path | str | dict[str, Any]) -> CalibrationSet:
    """From a file (.json, .yaml, .yml) or already-parsed data."""
    if isinstance(source, dict):
        return CalibrationSet.model_validate(source)
    path = Path(source)
    text = path.read_text(encoding="utf-8")
    data = json.loads(text) if path.suffix == ".json" else yaml.safe_load(text)
    return CalibrationSet.model_validate(data)


# ---- scoring -----------------------------------------------------------------------------------


@dataclass
class CaseResult:
    case: LabelledCase
    judgement: JudgementResult

    @property
    def pairs(self) -> list[tuple[str, str]]:
        """(label, judge) per criterion."""
        judged = {r.index: r.status for r in self.judgement.criteria}
        return [(label.status, judged.get(label.criterion, "inconclusive")) for label in self.case.labels]


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
    false_alarms: int = 0  # findings of a type no label expects

    @property
    def findings_recall(self) -> float | None:
        return self.findings_recalled / self.findings_expected if self.findings_expected else None


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


def score(results: Iterable[CaseResult]) -> Score:
    results = list(results)
    pairs = [(label, judged) for r in results for label, judged in r.pairs]
    confusion = {a: {b: 0 for b in STATUSES} for a in STATUSES}
    for label, judged in pairs:
        confusion[label][judged] += 1
    false_passes = [f"{r.case.id}:{label.criterion}" for r in results for label, (_, judged) in zip(r.case.labels,
                    r.pairs, strict=True) if judged == "met" and label.status != "met"]  # fmt: skip
    flips = sum(1 for a, b in pairs if {a, b} == {"met", "not_met"})
    expected = recalled = alarms = 0
    missed = []
    for r in results:
        found = [(f.type, set(f.message_ids)) for f in r.judgement.findings]
        wanted = {f.type for f in r.case.expectedFindings}
        alarms += sum(1 for kind, _ in found if kind not in wanted)
        for finding in r.case.expectedFindings:
            expected += 1
            hit = any(kind == finding.type and (not finding.evidence or ids & set(finding.evidence))
                      for kind, ids in found)  # fmt: skip
            recalled += hit
            if not hit:
                missed.append(f"{r.case.id}:{finding.type}")
    accuracy = sum(1 for a, b in pairs if a == b) / len(pairs) if pairs else None
    return Score(criteria=len(pairs), accuracy=accuracy, kappa=cohen_kappa(pairs), confusion=confusion,
                 false_passes=false_passes, flips=flips, findings_expected=expected, findings_recalled=recalled,
                 missed_findings=missed, false_alarms=alarms)  # fmt: skip


async def judge_set(calibration: CalibrationSet, model: ModelChoice, *, slow_reply_ms: int = 8000) -> list[CaseResult]:
    """Every case judged by `model` (the checks, both passes and the rules), one at a time."""
    judge = Judge(model, seed=0, slow_reply_ms=slow_reply_ms)
    return [CaseResult(case, await judge.evaluate(case.judge_case())) for case in calibration.cases]
