"""The figures of a run against published values: Wilson intervals from Newcombe (1998),
McNemar's test on Agresti's presidential-approval table and an exact case by hand."""

from __future__ import annotations

import math

import pytest

from app.services import run_stats


@pytest.mark.parametrize(
    ("passed", "n", "low", "high"),
    [
        # Newcombe, "Two-sided confidence intervals for the single proportion", Stat Med 1998, Table I (method 3).
        (81, 263, 0.2553, 0.3662),
        (15, 148, 0.0624, 0.1605),
        (0, 20, 0.0000, 0.1611),
        (1, 29, 0.0061, 0.1718),
    ],
)
def test_wilson_interval_matches_newcombe(passed: int, n: int, low: float, high: float) -> None:
    got_low, got_high = run_stats.wilson_interval(passed, n)
    assert round(got_low, 4) == low and round(got_high, 4) == high


def test_wilson_interval_edges() -> None:
    assert run_stats.wilson_interval(0, 0) is None
    low, high = run_stats.wilson_interval(10, 10)
    assert high == 1.0 and round(low, 4) == 0.7225  # 10/10 is not "certainly 100%"


def test_mcnemar_chi_square_with_continuity_correction() -> None:
    # Agresti, Categorical Data Analysis (2002), Table 10.1: approval in two surveys of 1600 people.
    pairs = [(True, True)] * 794 + [(True, False)] * 150 + [(False, True)] * 86 + [(False, False)] * 570
    result = run_stats.mcnemar_test(pairs)
    assert (result.both_passed, result.regressed, result.improved, result.both_failed) == (794, 150, 86, 570)
    assert result.method == "chi2"
    assert result.statistic == pytest.approx((abs(150 - 86) - 1) ** 2 / (150 + 86))  # 16.818
    assert result.p_value == pytest.approx(math.erfc(math.sqrt(result.statistic / 2)))  # chi2(1) tail: 4.11e-5
    assert result.p_value == pytest.approx(4.1146e-5, rel=1e-3) and result.significant


def test_mcnemar_exact_for_few_discordant_pairs() -> None:
    # 5 sessions went from pass to fail, 1 from fail to pass: two-sided binomial, 2 * P(X <= 1 | 6, 1/2) = 14/64.
    pairs = [(True, True)] * 10 + [(True, False)] * 5 + [(False, True)] + [(False, False)] * 4
    result = run_stats.mcnemar_test(pairs)
    assert result.method == "exact" and result.p_value == pytest.approx(14 / 64) and not result.significant
    # Six regressions and none the other way: 2 / 64 < 0.05.
    result = run_stats.mcnemar_test([(True, False)] * 6)
    assert result.p_value == pytest.approx(2 / 64) and result.significant


def test_mcnemar_with_nothing_changed() -> None:
    result = run_stats.mcnemar_test([(True, True)] * 4 + [(False, False)] * 2)
    assert result.p_value == 1.0 and not result.significant and result.pairs == 6


def test_errors_stay_out_of_the_rate() -> None:
    counts = run_stats.count(
        [("completed", "passed"), ("completed", "passed"), ("completed", "failed"), ("error", "error"),
         ("cancelled", "cancelled"), ("running", None)]
    )  # fmt: skip
    assert (counts.n, counts.passed, counts.failed, counts.errors, counts.cancelled, counts.pending) == (
        3,
        2,
        1,
        1,
        1,
        1,
    )
    assert counts.rate == pytest.approx(2 / 3)


def test_pass_hat_k_and_cell_status() -> None:
    assert run_stats.pass_hat_k(2, 4, 3) == pytest.approx(0.125)
    assert run_stats.pass_hat_k(0, 0, 3) is None
    status = lambda *pairs: run_stats.cell_status(run_stats.count(pairs))  # noqa: E731
    assert status(("completed", "passed"), ("completed", "passed")) == "passed"
    assert status(("completed", "passed"), ("completed", "failed")) == "flaky"
    assert status(("completed", "failed")) == "failed"
    assert status(("error", "error")) == "error"
    assert status(("completed", "passed"), ("pending", None)) == "running"


@pytest.mark.parametrize(
    ("baseline", "current", "change"),
    [("passed", "failed", "regressed"), ("passed", "flaky", "regressed"), ("failed", "passed", "fixed"),
     ("flaky", "passed", "flaky"), ("flaky", "flaky", "flaky"), ("passed", "passed", "unchanged"),
     ("failed", "failed", "unchanged"), ("error", "passed", "incomplete"), (None, "passed", "added"),
     ("passed", None, "removed")],
)  # fmt: skip
def test_change_of_a_cell(baseline, current, change) -> None:
    assert run_stats.change_of(baseline, current) == change
