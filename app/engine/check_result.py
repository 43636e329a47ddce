"""What a deterministic check gives: a verdict row (met, not met or inconclusive, with the
messages that show it) and, when it fails on the agent's messages, the finding it records."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass(frozen=True)
class CheckFinding:
    type: str
    severity: str
    description: str
    persona_perspective: str
    message_ids: tuple[str, ...]
    excerpts: tuple[str, ...] = ()

    def evidence(self) -> dict[str, Any]:
        data: dict[str, Any] = {"messageIds": list(self.message_ids)}
        if self.excerpts:
            data["excerpts"] = list(self.excerpts)
        return data


@dataclass(frozen=True)
class CheckResult:
    key: str  # empty_reply, ..., or objective:<n> for the objective's n-th check
    label: str  # what was checked, in words
    status: str  # met | not_met | inconclusive
    reasoning: str
    evidence: tuple[str, ...] = ()
    # Whether a failure counts toward the session's outcome: the objective's checks and
    # the checks whose failure is critical (a data leak or an account-takeover risk).
    gating: bool = False
    criterion: int | None = None  # the criterion an objective check decides
    finding: CheckFinding | None = None
    details: dict[str, Any] = field(default_factory=dict)
    # Whose a failure of this check is when it is not the agent's (Mimic's recogniser not
    # making out the agent's speech is the simulator's: its ears).
    blame: str | None = None
