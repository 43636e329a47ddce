"""Two runs of a suite compared at the service: each cell regressed, fixed, flaky or unchanged
(newly failing first), McNemar's test over the sessions matched by cell and repeat, the change
in pass rate; runs of two suites are not compared; another workspace's run is not found."""

from __future__ import annotations

import pytest

from app.services import run_compare
from app.services.errors import NotFound, ValidationFailed
from tests.services.lab import Lab, principal_of


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def compare(lab: Lab, run_id: str, baseline_id: str, principal=None):
    return run_compare.compare_runs(session=lab.db, principal=principal or lab.principal, run_id=run_id,
                                    baseline_id=baseline_id)  # fmt: skip


def test_cells_move_and_the_paired_sessions_are_tested(lab: Lab) -> None:
    suite_id = lab.suite(personas=3, repeats=2)
    # Cells in matrix order: persona 1, 2, 3; two repeats each.
    baseline = lab.finished_run(suite_id, ["passed", "passed", "failed", "failed", "passed", "passed"])
    current = lab.finished_run(suite_id, ["failed", "failed", "passed", "passed", "passed", "passed"])
    found = compare(lab, current, baseline)
    assert [(c.persona_name, c.change) for c in found.cells] == [
        ("Persona 1", "regressed"), ("Persona 2", "fixed"), ("Persona 3", "unchanged"),
    ]  # fmt: skip
    assert found.counts["regressed"] == 1 and found.counts["fixed"] == 1 and found.counts["unchanged"] == 1
    regressed = found.cells[0]
    assert (regressed.delta, regressed.baseline.pass_rate, regressed.current.pass_rate) == (-1.0, 1.0, 0.0)
    test = found.mcnemar
    assert (test.pairs, test.both_passed, test.both_failed, test.regressed, test.improved) == (6, 2, 0, 2, 2)
    assert test.method == "exact" and not test.significant
    assert found.delta == pytest.approx(0.0)


def test_an_undecided_repeat_is_neither_counted_nor_paired(lab: Lab) -> None:
    suite_id = lab.suite(personas=1, repeats=2)
    baseline = lab.finished_run(suite_id, ["passed", "passed"])
    current = lab.finished_run(suite_id, ["passed", "inconclusive"])
    found = compare(lab, current, baseline)
    assert [c.change for c in found.cells] == ["unchanged"] and found.cells[0].current.n == 1
    assert found.mcnemar.pairs == 1  # the inconclusive repeat has nothing to pair with


def test_a_cell_whose_repeats_split_is_flaky(lab: Lab) -> None:
    suite_id = lab.suite(personas=1, repeats=2)
    split = lab.finished_run(suite_id, ["passed", "failed"])
    steady = lab.finished_run(suite_id, ["passed", "passed"])
    [cell] = compare(lab, steady, split).cells
    assert (cell.change, cell.flaky, cell.baseline.status) == ("flaky", True, "flaky")
    [back] = compare(lab, split, steady).cells
    assert back.change == "regressed"  # passed before, flaky now: newly failing


def test_runs_of_two_suites_are_not_compared(lab: Lab) -> None:
    one = lab.finished_run(lab.suite(name="One"), ["passed"])
    other = lab.finished_run(lab.suite(name="Other"), ["passed"])
    with pytest.raises(ValidationFailed) as raised:
        compare(lab, one, other)
    assert [(d.field, d.message) for d in raised.value.details] == [("baselineId", "is a run of another suite")]


def test_another_workspaces_run_is_not_found(db, make_account, lab: Lab) -> None:
    suite_id = lab.suite()
    baseline, current = lab.finished_run(suite_id, ["passed"]), lab.finished_run(suite_id, ["failed"])
    with pytest.raises(NotFound):
        compare(lab, current, baseline, principal=principal_of(make_account()))
