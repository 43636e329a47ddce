"""A suite's trend at the service: its runs oldest first with pass rate, Wilson interval,
version (the run's label, else when the agent last changed) and the threshold each run started
under; runs under it are counted; the threshold is set or removed keeping the other thresholds;
editors only, and another workspace's suite is not found."""

from __future__ import annotations

import re

import pytest

from app.models.account import Role
from app.models.trends import ThresholdUpdate
from app.services import trends
from app.services.errors import NotFound, PermissionDenied
from tests.services.lab import Lab, principal_of


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def make_suite(lab: Lab, thresholds: dict | None = None) -> str:
    return lab.suite(repeats=4, thresholds=thresholds)


def finished_run(lab: Lab, suite_id: str, outcomes: list[str], label: str | None = None) -> str:
    return lab.finished_run(suite_id, outcomes, label)


def trend(lab: Lab, suite_id: str, **kwargs):
    return trends.suite_trend(session=lab.db, principal=lab.principal, suite_id=suite_id, **kwargs)


def test_runs_are_points_oldest_first_and_those_under_the_threshold_are_marked(lab: Lab) -> None:
    suite_id = make_suite(lab, {"passRate": 0.75})
    good = finished_run(lab, suite_id, ["passed"] * 4, label="v1.0")
    bad = finished_run(lab, suite_id, ["passed", "failed", "failed", "inconclusive"])
    found = trend(lab, suite_id)
    assert (found.suite_name, found.threshold, found.below_threshold) == ("Checkout", 0.75, 1)
    first, second = found.points
    assert [first.run_id, second.run_id] == [good, bad]
    assert (first.version, first.n, first.passed, first.pass_rate, first.below_threshold) == ("v1.0", 4, 4, 1.0, False)
    # Only judged sessions enter the rate: the inconclusive one stays out of it.
    assert (second.n, second.passed, second.failed, second.below_threshold) == (3, 1, 2, True)
    assert second.pass_rate == pytest.approx(1 / 3)
    assert second.ci_low < second.pass_rate < second.ci_high
    assert re.fullmatch(r"agent of \d{4}-\d{2}-\d{2} \d{2}:\d{2}", second.version)
    assert [p.run_id for p in trend(lab, suite_id, limit=1).points] == [bad]  # the latest runs


def test_a_run_keeps_the_threshold_it_started_under(lab: Lab) -> None:
    suite_id = make_suite(lab, {"passRate": 0.9, "maxFindings": {"critical": 0}})
    finished_run(lab, suite_id, ["passed", "passed", "passed", "failed"])
    changed = trends.set_threshold(session=lab.db, principal=lab.principal, suite_id=suite_id,
                                   data=ThresholdUpdate(pass_rate=0.5))  # fmt: skip
    assert changed.config.thresholds.pass_rate == 0.5
    assert changed.config.thresholds.max_findings == {"critical": 0}  # the other thresholds stay
    found = trend(lab, suite_id)
    assert found.threshold == 0.5
    assert (found.points[0].threshold, found.points[0].below_threshold) == (0.9, True)


def test_removing_the_pass_rate_leaves_the_other_thresholds_or_none(lab: Lab) -> None:
    suite_id = make_suite(lab, {"passRate": 0.9, "maxFindings": {"critical": 0}})
    kept = trends.set_threshold(session=lab.db, principal=lab.principal, suite_id=suite_id,
                                data=ThresholdUpdate(pass_rate=None))  # fmt: skip
    assert kept.config.thresholds.pass_rate is None and kept.config.thresholds.max_findings == {"critical": 0}
    only = make_suite(lab, {"passRate": 0.9})
    emptied = trends.set_threshold(session=lab.db, principal=lab.principal, suite_id=only,
                                   data=ThresholdUpdate(pass_rate=None))  # fmt: skip
    assert emptied.config.thresholds is None and trend(lab, only).threshold is None


def test_a_suite_without_runs_has_an_empty_trend(lab: Lab) -> None:
    found = trend(lab, make_suite(lab))
    assert found.points == [] and found.below_threshold == 0 and found.threshold is None


def test_viewers_read_but_do_not_set_and_other_workspaces_are_not_found(db, make_account, lab: Lab) -> None:
    suite_id = make_suite(lab, {"passRate": 0.8})
    viewer = principal_of(make_account(join=lab.account, role=Role.viewer))
    assert trends.suite_trend(session=db, principal=viewer, suite_id=suite_id).threshold == 0.8
    with pytest.raises(PermissionDenied):
        trends.set_threshold(session=db, principal=viewer, suite_id=suite_id, data=ThresholdUpdate(pass_rate=0.1))
    stranger = principal_of(make_account())
    with pytest.raises(NotFound):
        trends.suite_trend(session=db, principal=stranger, suite_id=suite_id)
    with pytest.raises(NotFound):
        trends.set_threshold(session=db, principal=stranger, suite_id=suite_id, data=ThresholdUpdate(pass_rate=0.1))
    assert trend(lab, suite_id).threshold == 0.8
