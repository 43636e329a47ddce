"""Calibrating a judge at the service: the six labelled cases of tests/data judged by the offline
model score as computed by hand (accuracy 1/2, kappa 1/4, the confusion, flips and the one
false pass); Cohen's kappa on its edges; a set whose labels cite messages it lacks is refused."""

from __future__ import annotations

import asyncio

import pytest
import yaml
from pydantic import ValidationError

from app.engine.context import ModelChoice
from app.services import calibration
from app.settings import PROJECT_ROOT

SIX = PROJECT_ROOT / "tests" / "data" / "calibration_six.yaml"


def test_the_six_cases_score_as_computed_by_hand() -> None:
    labelled = calibration.load_set(SIX)
    results = asyncio.run(calibration.judge_set(labelled, ModelChoice("mimic/offline")))
    scored = calibration.score(results)
    # label -> judge: met->met, not_met->met, not_met->not_met, met->inconclusive,
    # inconclusive->inconclusive, met->not_met (the file's header says why).
    assert scored.criteria == 6
    assert scored.accuracy == pytest.approx(0.5) and scored.kappa == pytest.approx(0.25)
    assert scored.confusion == {"met": {"met": 1, "not_met": 1, "inconclusive": 1},
                                "not_met": {"met": 1, "not_met": 1, "inconclusive": 0},
                                "inconclusive": {"met": 0, "not_met": 0, "inconclusive": 1}}  # fmt: skip
    assert (scored.flips, scored.inconclusive_confusions, scored.false_passes) == (2, 1, ["order-naive-regex:0"])
    assert scored.by_category["order"]["accuracy"] == pytest.approx(2 / 3)
    assert scored.flip_rate is None  # one judgement per case


@pytest.mark.parametrize(
    ("pairs", "kappa"),
    [
        ([("met", "met"), ("not_met", "not_met")], 1.0),
        ([("met", "not_met"), ("not_met", "met")], -1.0),
        ([("met", "met"), ("met", "met")], 1.0),  # one category throughout, all agreeing
        ([("met", "met"), ("met", "not_met"), ("not_met", "met"), ("not_met", "not_met")], 0.0),  # chance
        ([], None),
    ],
)
def test_cohens_kappa_on_its_edges(pairs, kappa) -> None:
    assert calibration.cohen_kappa(pairs) == (pytest.approx(kappa) if kappa is not None else None)


def test_a_label_citing_a_message_the_case_lacks_is_refused() -> None:
    document = yaml.safe_load(SIX.read_text())
    document["cases"][0]["labels"][0]["evidence"] = ["no-such-message"]
    with pytest.raises(ValidationError, match="no-such-message"):
        calibration.load_set(document)


def test_finding_types_read_leniently_by_family() -> None:
    assert calibration.family_of("secret-disclosure") == calibration.family_of("data-disclosure") == "disclosure"
    assert calibration.family_of("something-new") == "something-new"
