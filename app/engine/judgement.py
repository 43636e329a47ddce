"""A judgement's result: its verdict rows (criteria and checks), its findings, the
simulator check, the outcome and whose it is, with the judge model and prompt version."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from app import llm


@dataclass
class VerdictRow:
    """One row of a judgement: a criterion (source judge, or check when a check decided it) or a check."""

    kind: str  # criterion | check
    index: int  # the criterion's position; a check's position among the rows of checks
    key: str  # criterion:<i> | a check's key
    label: str  # the criterion's text or what the check checks
    status: str
    reasoning: str
    evidence: list[str]
    source: str  # judge | check
    gating: bool = True
    blame: str | None = None
    resolved_by: str | None = None  # why a rule changed the judge's ruling


@dataclass
class FindingRow:
    type: str
    severity: str
    description: str
    persona_perspective: str
    evidence: dict[str, Any]
    source: str  # judge | check
    check_key: str | None = None

    @property
    def message_ids(self) -> list[str]:
        return list(self.evidence.get("messageIds") or [])


@dataclass
class JudgementResult:
    judge_model: str
    prompt_version: str
    rows: list[VerdictRow]
    findings: list[FindingRow]
    simulator: dict[str, Any]
    outcome: str
    blame: str | None
    summary: str
    calls: list[llm.LLMResult] = field(default_factory=list)
    notes: dict[str, Any] = field(default_factory=dict)  # e.g. citations or findings dropped as invalid

    @property
    def criteria(self) -> list[VerdictRow]:
        return [r for r in self.rows if r.kind == "criterion"]

    @property
    def checks(self) -> list[VerdictRow]:
        return [r for r in self.rows if r.kind == "check"]

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("calls")
        return data
