"""Calibration sets at the service: imported from JSON or YAML with every bad field named,
exported in the form they import in, unique by name in a workspace, built from reviewed
sessions with each reviewer's reading as the labels, editors only, and another workspace's
set not found."""

from __future__ import annotations

import json

import pytest
import yaml

from app.models.account import Role
from app.models.calibration import SetFromReviews
from app.models.review import ReviewCreate
from app.services import calibration_sets, reviews
from app.services.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from app.services.pagination import PageParams
from app.settings import PROJECT_ROOT
from tests.services.lab import Lab, principal_of

SIX = (PROJECT_ROOT / "tests" / "data" / "calibration_six.yaml").read_text()


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def imported(lab: Lab, content: str = SIX, fmt: str = "yaml", principal=None):
    return calibration_sets.import_set(session=lab.db, principal=principal or lab.principal, content=content, fmt=fmt)


def test_an_imported_set_is_counted_and_exports_as_it_imports(lab: Lab) -> None:
    made = imported(lab)
    assert (made.name, made.source, made.case_count, made.criteria_count) == ("six-by-hand", "import", 6, 6)
    assert calibration_sets.get_set(session=lab.db, principal=lab.principal, set_id=made.id).cases == made.cases
    for fmt in ("json", "yaml"):
        document, media_type = calibration_sets.export_set(session=lab.db, principal=lab.principal, set_id=made.id,
                                                           fmt=fmt)  # fmt: skip
        assert media_type == f"application/{fmt}"
        parsed = json.loads(document) if fmt == "json" else yaml.safe_load(document)
        parsed["name"] = f"copy as {fmt}"
        again = imported(lab, json.dumps(parsed), "json")
        assert again.cases == made.cases and again.case_count == 6


def test_a_name_is_used_once_per_workspace(db, make_account, lab: Lab) -> None:
    imported(lab)
    with pytest.raises(Conflict, match="six-by-hand"):
        imported(lab)
    assert [s.name for s in calibration_sets.list_all(lab.db, lab.principal)] == ["six-by-hand"]
    other = principal_of(make_account())
    assert imported(lab, principal=other).name == "six-by-hand"  # another workspace may


@pytest.mark.parametrize(
    ("change", "field"),
    [
        (lambda d: d.update(cases=[d["cases"][0], d["cases"][0]]), "cases"),
        (lambda d: d["cases"][2].update(transcript=[]), "cases.2.transcript"),
        (lambda d: d.pop("name"), "name"),
    ],
)
def test_a_bad_set_names_its_field_and_nothing_is_stored(lab: Lab, change, field) -> None:
    document = yaml.safe_load(SIX)
    change(document)
    with pytest.raises(ValidationFailed) as raised:
        imported(lab, json.dumps(document), "json")
    assert field in [d.field for d in raised.value.details]
    assert calibration_sets.list_all(lab.db, lab.principal) == []


def test_a_document_that_is_not_a_set_is_refused_on_the_body(lab: Lab) -> None:
    for content in ("[1, 2, 3]", "{broken"):
        with pytest.raises(ValidationFailed) as raised:
            imported(lab, content, "json")
        assert [d.field for d in raised.value.details] == ["body"]


def test_a_set_built_from_reviews_takes_each_reviewers_reading(lab: Lab) -> None:
    session_id = lab.session(lab.agent(), lab.persona("Ines"),
                             lab.objective("Order", ["Gives the date", "Is polite"]))  # fmt: skip
    message_ids = lab.conversation(session_id, [("persona", "When does order A-1 arrive?"),
                                                ("agent", "On Tuesday."), ("persona", "Thanks!")])  # fmt: skip
    lab.judge(session_id)
    unreviewed = lab.session(lab.agent("Other"), lab.persona("Other"))
    with pytest.raises(ValidationFailed) as raised:
        calibration_sets.set_from_reviews(session=lab.db, principal=lab.principal, data=SetFromReviews(name="R"))
    assert [d.field for d in raised.value.details] == ["body"]  # nothing reviewed yet

    review = ReviewCreate.model_validate({
        "criteria": [{"index": 0, "status": "met", "evidence": message_ids[1:2], "note": "Tuesday."},
                     {"index": 1, "status": "met"}],
        "addedFindings": [{"type": "hallucination", "severity": "low", "description": "Which Tuesday?",
                           "evidence": message_ids[1:2]}],
        "note": "Checked by hand.",
    })  # fmt: skip
    reviews.submit_review(session=lab.db, principal=lab.principal, session_id=session_id, data=review)
    with pytest.raises(ValidationFailed) as raised:
        named = SetFromReviews(name="R", session_ids=[session_id, unreviewed])
        calibration_sets.set_from_reviews(session=lab.db, principal=lab.principal, data=named)
    assert [d.field for d in raised.value.details] == ["sessionIds"] and unreviewed in raised.value.details[0].message

    built = calibration_sets.set_from_reviews(session=lab.db, principal=lab.principal, data=SetFromReviews(name="R"))
    assert (built.source, built.case_count, built.criteria_count, built.finding_count) == ("reviews", 1, 2, 1)
    [case] = built.cases
    assert case["id"] == f"session-{session_id}" and case["category"] == "Order"
    assert case["hard"] is True  # the reviewer disagreed with the offline judge's inconclusive
    assert case["labels"][0] == {"criterion": 0, "status": "met", "evidence": message_ids[1:2], "why": "Tuesday."}
    assert case["expectedFindings"] == [{"type": "hallucination", "severity": "low", "evidence": message_ids[1:2]}]
    assert [m["content"] for m in case["transcript"]] == ["When does order A-1 arrive?", "On Tuesday.", "Thanks!"]
    assert case["notes"] == "Checked by hand."


def test_viewers_read_but_neither_import_nor_delete(db, make_account, lab: Lab) -> None:
    made = imported(lab)
    viewer = principal_of(make_account(join=lab.account, role=Role.viewer))
    assert calibration_sets.get_set(session=db, principal=viewer, set_id=made.id).name == "six-by-hand"
    with pytest.raises(PermissionDenied):
        imported(lab, principal=viewer)
    with pytest.raises(PermissionDenied):
        calibration_sets.delete_set(session=db, principal=viewer, set_id=made.id)
    assert calibration_sets.list_sets(session=db, principal=viewer, params=PageParams()).pagination.total == 1


def test_another_workspaces_set_is_not_found_and_a_deleted_one_is_gone(db, make_account, lab: Lab) -> None:
    made = imported(lab)
    stranger = principal_of(make_account())
    with pytest.raises(NotFound):
        calibration_sets.get_set(session=db, principal=stranger, set_id=made.id)
    with pytest.raises(NotFound):
        calibration_sets.delete_set(session=db, principal=stranger, set_id=made.id)
    with pytest.raises(NotFound):
        calibration_sets.export_set(session=db, principal=stranger, set_id=made.id, fmt="json")
    calibration_sets.delete_set(session=db, principal=lab.principal, set_id=made.id)
    with pytest.raises(NotFound):
        calibration_sets.get_set(session=db, principal=lab.principal, set_id=made.id)
    assert imported(lab).name == "six-by-hand"  # the name is free again
