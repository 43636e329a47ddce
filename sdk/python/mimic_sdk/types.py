"""The values Mimic answers with, as types: a session's outcome, whose a failure is, a
criterion's status. Answers are the API's JSON (dicts); these name what their fields hold.

Only `failed` counts against the agent, and only `passed` and `failed` enter a pass rate:
`inconclusive` (the judge could not decide), `simulator_error` (the simulated persona spoiled
the session) and `error` (infrastructure: the agent unreachable, a model failing) are set apart.
"""

from __future__ import annotations

from typing import Literal

Outcome = Literal["passed", "failed", "inconclusive", "simulator_error", "error", "cancelled"]
Blame = Literal["agent", "simulator", "judge", "infrastructure"]
CriterionStatus = Literal["met", "not_met", "inconclusive"]
RowSource = Literal["judge", "check"]

# Outcomes that decide a pass rate; every other outcome is counted apart.
JUDGED_OUTCOMES: tuple[Outcome, ...] = ("passed", "failed")
# Ended without a ruling on the agent: never counted against it.
SET_APART_OUTCOMES: tuple[Outcome, ...] = ("inconclusive", "simulator_error", "error", "cancelled")

__all__ = ["JUDGED_OUTCOMES", "SET_APART_OUTCOMES", "Blame", "CriterionStatus", "Outcome", "RowSource"]
