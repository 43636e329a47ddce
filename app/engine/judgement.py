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
    # With repeated judgements: how many repeats ruled each status ({"met": 4, "not_met": 1}),
    # and whether no status had a clear majority (the row is then inconclusive, the judge's).
    votes: dict[str, int] = field(default_factory=dict)
    unstable: bool = False

    @property
    def agreement(self) -> str:
        """ "4/5": the repeats that ruled the row's status, of all; "" for a single judgement."""
        total = sum(self.votes.values())
        if total <= 1:
            return ""
        return f"{max(self.votes.values())}/{total}" if self.unstable else f"{self.votes.get(self.status, 0)}/{total}"

    @property
    def flipped(self) -> bool:
        """The repeats did not all rule the same."""
        return sum(1 for v in self.votes.values() if v) > 1


@dataclass
class FindingRow:
    type: str
    severity: str
    description: str
    persona_perspective: str
    evidence: dict[str, Any]
    source: str  # judge | check
    check_key: str | None = None
    # Browser sessions: the step it is attached to (its first evidence) and that step's page.
    event_id: str | None = None
    page: str | None = None
    found_in: int | None = None  # with repeated judgements: in how many of them it was found

    @property
    def message_ids(self) -> list[str]:
        return list(self.evidence.get("messageIds") or [])

    @property
    def stored_evidence(self) -> dict[str, Any]:
        """The evidence as stored: with repeated judgements, in how many it was found."""
        return {**self.evidence, "foundInRepeats": self.found_in} if self.found_in else self.evidence

    def stored(self) -> dict[str, Any]:
        """What a store keeps of it (beside its ids and time), in the names of the stored and
        the published finding alike."""
        return {"type": self.type, "severity": self.severity, "description": self.description,
                "persona_perspective": self.persona_perspective, "evidence": self.stored_evidence,
                "source": self.source, "event_id": self.event_id, "page": self.page}  # fmt: skip


def finding_pages(evidence: dict, page: str | None) -> list[str]:
    """Every page a finding was seen on: evidence.pages (a rule on one element across pages), else its page."""
    listed = [str(p.get("page")) for p in evidence.get("pages") or [] if isinstance(p, dict) and p.get("page")]
    return listed or ([page] if page else [])


def published_finding(
    *,
    id: str,
    session_id: str,
    type: str,
    severity: str,
    description: str,
    persona_perspective: str,
    evidence: dict[str, Any],
    source: str,
    created_at: str,
    event_id: str | None = None,
    judgement_id: str | None = None,
    page: str | None = None,
) -> dict[str, Any]:
    """A stored finding as the bus publishes it (the shape of FindingPublic), whatever stores it."""
    return {"id": id, "sessionId": session_id, "eventId": event_id, "type": type, "severity": severity,
            "description": description, "personaPerspective": persona_perspective, "evidence": evidence,
            "source": source, "judgementId": judgement_id, "page": page,
            "pages": finding_pages(evidence or {}, page), "createdAt": created_at}  # fmt: skip


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
    # How it was made: {repeats, temperature, seeds}.
    settings: dict[str, Any] = field(default_factory=dict)
    repeats: int = 1

    @property
    def criteria(self) -> list[VerdictRow]:
        return [r for r in self.rows if r.kind == "criterion"]

    @property
    def checks(self) -> list[VerdictRow]:
        return [r for r in self.rows if r.kind == "check"]

    @property
    def flipped_criteria(self) -> int:
        return sum(1 for r in self.criteria if r.flipped)

    @property
    def unstable_criteria(self) -> int:
        return sum(1 for r in self.criteria if r.unstable)

    def as_dict(self) -> dict[str, Any]:
        data = asdict(self)
        data.pop("calls")
        return data
