"""The figures of a suite run that a team can trust, computed with statsmodels.

- A pass rate counts judged sessions only (outcome passed or failed). Infrastructure
  errors (outcome "error"), sessions the simulator spoiled ("simulator_error"), sessions
  the judge could not decide ("inconclusive") and cancelled sessions are reported apart,
  never as failures.
- Its 95% interval is the Wilson score interval, which stays inside [0, 1] and behaves
  at 0/n and n/n, unlike the normal approximation.
- pass^k: per cell, (passed / n) ** k, the estimated chance that k fresh repeats all pass;
  overall, the share of cells whose every judged repeat passed (the empirical pass^k when
  each cell ran k times), with the mean of the per-cell estimates beside it.
- Two runs are compared with McNemar's test on the sessions matched by cell and repeat:
  exact (binomial) below 25 discordant pairs, else chi-square with continuity correction.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import cache

CONFIDENCE = 0.95
SIGNIFICANCE = 0.05
# Below this many discordant pairs the chi-square approximation is poor; use the exact test.
EXACT_BELOW = 25

JUDGED = ("passed", "failed")
TERMINAL = frozenset({"completed", "cancelled", "error", "interrupted"})


@cache
def _statsmodels():
    # Imported on first use: statsmodels takes about a second to import.
    from statsmodels.stats.contingency_tables import mcnemar
    from statsmodels.stats.proportion import proportion_confint

    return proportion_confint, mcnemar


def wilson_interval(passed: int, n: int, confidence: float = CONFIDENCE) -> tuple[float, float] | None:
    """The Wilson score interval of passed/n; None when nothing was judged."""
    if n <= 0:
        return None
    proportion_confint, _ = _statsmodels()
    low, high = proportion_confint(passed, n, alpha=1 - confidence, method="wilson")
    # Rounded past float noise, so that 10/10 reads [0.72, 1.0] and not [0.72, 0.9999999999999999].
    return max(0.0, round(float(low), 12)), min(1.0, round(float(high), 12))


def pass_hat_k(passed: int, n: int, k: int) -> float | None:
    """(passed / n) ** k: the chance that k independent repeats all pass, estimated."""
    return None if n <= 0 else (passed / n) ** k


@dataclass(frozen=True)
class Counts:
    n: int = 0
    passed: int = 0
    failed: int = 0
    errors: int = 0
    cancelled: int = 0
    pending: int = 0
    simulator_errors: int = 0
    inconclusive: int = 0

    @property
    def rate(self) -> float | None:
        return self.passed / self.n if self.n else None


def count(sessions: Iterable[tuple[str, str | None]]) -> Counts:
    """Counts of (status, outcome) pairs: judged, errors, spoiled by the simulator, undecided,
    cancelled and not yet ended."""
    passed = failed = errors = cancelled = pending = simulator_errors = inconclusive = 0
    for status, outcome in sessions:
        if status not in TERMINAL:
            pending += 1
        elif outcome == "passed":
            passed += 1
        elif outcome == "failed":
            failed += 1
        elif outcome == "simulator_error":
            simulator_errors += 1
        elif outcome == "inconclusive":
            inconclusive += 1
        elif outcome == "error" or status in ("error", "interrupted"):
            errors += 1
        else:
            cancelled += 1
    return Counts(passed + failed, passed, failed, errors, cancelled, pending, simulator_errors, inconclusive)


def cell_status(c: Counts) -> str:
    """passed | failed | flaky | inconclusive | simulator_error | error | cancelled | running."""
    if c.pending:
        return "running"
    if c.n == 0:
        apart = {"inconclusive": c.inconclusive, "simulator_error": c.simulator_errors, "error": c.errors}
        most = max(apart, key=lambda k: apart[k])
        return most if apart[most] else "cancelled"
    if c.passed and c.failed:
        return "flaky"
    return "passed" if c.passed else "failed"


@dataclass(frozen=True)
class McNemar:
    pairs: int
    both_passed: int
    regressed: int  # passed in the baseline, failed now
    improved: int  # failed in the baseline, passed now
    both_failed: int
    statistic: float | None
    p_value: float | None
    method: str

    @property
    def significant(self) -> bool:
        return self.p_value is not None and self.p_value < SIGNIFICANCE


def mcnemar_test(pairs: Sequence[tuple[bool, bool]]) -> McNemar:
    """McNemar's test over (baseline passed, current passed) pairs."""
    both_passed = sum(1 for b, c in pairs if b and c)
    regressed = sum(1 for b, c in pairs if b and not c)
    improved = sum(1 for b, c in pairs if not b and c)
    both_failed = sum(1 for b, c in pairs if not b and not c)
    discordant = regressed + improved
    exact = discordant < EXACT_BELOW
    method = "exact" if exact else "chi2"
    if discordant == 0:
        # No session changed its outcome: nothing to test, and no evidence of a change.
        return McNemar(len(pairs), both_passed, regressed, improved, both_failed, 0.0, 1.0, method)
    _, mcnemar = _statsmodels()
    result = mcnemar([[both_passed, regressed], [improved, both_failed]], exact=exact, correction=True)
    return McNemar(
        len(pairs), both_passed, regressed, improved, both_failed,
        float(result.statistic), min(1.0, float(result.pvalue)), method,
    )  # fmt: skip


def change_of(baseline: str | None, current: str | None) -> str:
    """How a cell moved between two runs, from its status in each (see cell_status)."""
    if baseline is None:
        return "added"
    if current is None:
        return "removed"
    settled = ("passed", "failed", "flaky")
    if baseline not in settled or current not in settled:
        return "incomplete"
    if baseline == "passed" and current in ("failed", "flaky"):
        return "regressed"
    if baseline == "failed" and current == "passed":
        return "fixed"
    if "flaky" in (baseline, current):
        return "flaky"
    return "unchanged"


# Newly failing cells first: what a reviewer must look at comes at the top.
CHANGE_ORDER = ("regressed", "flaky", "fixed", "incomplete", "added", "removed", "unchanged")


def progress_sentence(total: int, done: int, cancelled: int = 0, running: int = 0, waiting: int = 0) -> str:
    """A run's progress as the dashboard and the CLI say it: "3 of 24 done, 21 cancelled".
    Cancelled sessions never count as done, so a cancelled run never reads "24 of 24 done"."""
    parts = [f"{done} of {total} done"]
    parts += [f"{n} {what}" for n, what in ((running, "running"), (waiting, "waiting"), (cancelled, "cancelled")) if n]
    return ", ".join(parts)
