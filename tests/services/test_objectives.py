"""Objectives at the service: a check must name a criterion that exists, on creation and on
every partial update (new checks against the stored criteria, new criteria against the stored
checks); a refused update changes nothing; editors only; another workspace's is not found."""

from __future__ import annotations

import pytest
from pydantic import ValidationError

from app.models.account import Role
from app.models.library import ObjectiveCreate, ObjectiveUpdate
from app.services import objectives
from app.services.errors import NotFound, PermissionDenied, ValidationFailed
from tests.services.lab import Lab, principal_of

TWO = {"goal": "Get a refund", "successCriteria": ["Refund promised", "Date given"]}
CHECK_ON_1 = [{"type": "regex", "value": r"on \w+day", "criterion": 1}]


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def created(lab: Lab, checks=None) -> str:
    data = ObjectiveCreate.model_validate({"name": "Refund", "definition": TWO, "checks": checks or []})
    return objectives.create_objective(session=lab.db, principal=lab.principal, data=data).id


def update(lab: Lab, objective_id: str, body: dict, principal=None):
    data = ObjectiveUpdate.model_validate(body)
    return objectives.update_objective(
        session=lab.db, principal=principal or lab.principal, objective_id=objective_id, data=data
    )


def test_a_check_on_a_missing_criterion_is_refused_at_creation() -> None:
    with pytest.raises(ValidationError, match="names criterion 2, but there are 2 criteria"):
        ObjectiveCreate.model_validate({"name": "R", "definition": TWO,
                                        "checks": [{"type": "contains", "value": "x", "criterion": 2}]})  # fmt: skip


def test_new_checks_are_checked_against_the_stored_criteria(lab: Lab) -> None:
    objective_id = created(lab)
    assert update(lab, objective_id, {"checks": CHECK_ON_1}).checks[0].criterion == 1
    with pytest.raises(ValidationFailed) as raised:
        update(lab, objective_id, {"checks": [{"type": "contains", "value": "x", "criterion": 5}]})
    assert [(d.field, d.message) for d in raised.value.details] == [
        ("checks", "a check names criterion 5, but there are 2 criteria")
    ]
    assert (
        objectives.get_objective(session=lab.db, principal=lab.principal, objective_id=objective_id).checks[0].criterion
        == 1
    )  # unchanged


def test_fewer_criteria_are_checked_against_the_stored_checks(lab: Lab) -> None:
    objective_id = created(lab, CHECK_ON_1)
    with pytest.raises(ValidationFailed) as raised:
        update(lab, objective_id, {"definition": {"goal": "Get a refund", "successCriteria": ["Refund promised"]}})
    assert raised.value.details[0].message == "a check names criterion 1, but there are 1 criteria"
    stored = objectives.get_objective(session=lab.db, principal=lab.principal, objective_id=objective_id)
    assert stored.definition.success_criteria == TWO["successCriteria"]
    # Both at once: the new checks against the new criteria.
    both = update(lab, objective_id, {"definition": {"goal": "g", "successCriteria": ["Only one"]},
                                      "checks": [{"type": "contains", "value": "refund", "criterion": 0}]})  # fmt: skip
    assert both.definition.success_criteria == ["Only one"] and both.checks[0].criterion == 0


def test_a_rename_leaves_the_rest(lab: Lab) -> None:
    objective_id = created(lab, CHECK_ON_1)
    renamed = update(lab, objective_id, {"name": "Refund v2"})
    assert renamed.name == "Refund v2" and renamed.checks[0].criterion == 1
    assert renamed.definition.success_criteria == TWO["successCriteria"]


def test_viewers_read_and_strangers_find_nothing(db, make_account, lab: Lab) -> None:
    objective_id = created(lab)
    viewer = principal_of(make_account(join=lab.account, role=Role.viewer))
    assert objectives.get_objective(session=db, principal=viewer, objective_id=objective_id).name == "Refund"
    with pytest.raises(PermissionDenied):
        update(lab, objective_id, {"name": "x"}, principal=viewer)
    with pytest.raises(PermissionDenied):
        objectives.delete_objective(session=db, principal=viewer, objective_id=objective_id)
    stranger = principal_of(make_account())
    with pytest.raises(NotFound):
        update(lab, objective_id, {"checks": CHECK_ON_1}, principal=stranger)
    with pytest.raises(NotFound):
        objectives.duplicate_objective(session=db, principal=stranger, objective_id=objective_id)
