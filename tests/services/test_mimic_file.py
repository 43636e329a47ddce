"""mimic.yaml read at the service: YAML or JSON into a mapping with the line of a syntax
error, version 1 required, every problem named by its place in the file, names unique per
kind, inline secrets refused, the defaults filled into each suite (thresholds key by key),
the variables listed in order, and the canonical form stable through a round trip."""

from __future__ import annotations

import copy
import json

import pytest
import yaml

from app.services import mimic_file
from app.services.errors import ValidationFailed
from app.settings import PROJECT_ROOT

TEXT = (PROJECT_ROOT / "examples" / "mimic.yaml").read_text()
EXAMPLE = yaml.safe_load(TEXT)


def problems(document) -> dict[str, str]:
    with pytest.raises(ValidationFailed) as raised:
        mimic_file.validate(document)
    return {d.field: d.message for d in raised.value.details}


def changed(change) -> dict:
    document = copy.deepcopy(EXAMPLE)
    change(document)
    return document


def test_yaml_and_json_read_the_same() -> None:
    assert mimic_file.load(TEXT) == mimic_file.load(json.dumps(EXAMPLE))


@pytest.mark.parametrize(
    ("content", "words"),
    [("version: 1\npersonas: [unclosed", "at line 2"), ("- a list", "expected a YAML mapping"),
     (b"\xff\xfe", "not UTF-8")],
)  # fmt: skip
def test_an_unreadable_file_is_named_whole(content, words) -> None:
    with pytest.raises(ValidationFailed) as raised:
        mimic_file.parse(content, whole="body")
    [detail] = raised.value.details
    assert detail.field == "body" and words in detail.message


def test_the_version_comes_first() -> None:
    assert problems(changed(lambda d: d.pop("version"))) == {"version": "missing: write `version: 1` first"}
    assert problems(changed(lambda d: d.update(version=2))) == {"version": "this Mimic reads version 1"}


def test_each_problem_is_named_by_its_place_in_the_file() -> None:
    def break_it(d) -> None:
        d["personas"][0]["trait"] = {}  # a typo
        d["agents"][0]["config"]["timeoutSeconds"] = "soon"
        d["suites"][0]["repeats"] = 0

    found = problems(changed(break_it))
    assert set(found) == {"personas[0]", "agents[0].config.timeoutSeconds", "suites[0].repeats"}
    assert "'trait' was unexpected" in found["personas[0]"]  # the typo is named on the item it is in
    assert "number" in found["agents[0].config.timeoutSeconds"]


def test_an_inline_secret_is_refused_where_it_is() -> None:
    found = problems(changed(lambda d: d["agents"][0]["config"]["headers"].update(Authorization="Bearer tok-123")))
    assert list(found) == ["agents[0].config.headers.Authorization"]


def test_a_name_is_used_once_per_kind() -> None:
    found = problems(changed(lambda d: d["personas"].append(copy.deepcopy(d["personas"][0]))))
    assert found == {"personas": "the name 'Dana (direct, impatient)' is used 2 times"}


def test_suites_take_the_defaults_thresholds_key_by_key() -> None:
    document = mimic_file.load(TEXT)
    orders_only = next(s for s in document.suites if s.name == "Orders only")
    settings = mimic_file.effective(orders_only, document.defaults)
    assert (settings.seed, settings.model, settings.judge_model) == (7, "mimic/offline", "mimic/offline")
    thresholds = settings.thresholds.model_dump(by_alias=True, exclude_none=True)
    assert thresholds == {"passRate": 1.0, "maxFindings": {"critical": 0}}
    assert mimic_file.effective(orders_only, None).seed is None


def test_variables_are_listed_in_order_and_the_canonical_form_round_trips() -> None:
    document = mimic_file.load(TEXT)
    assert mimic_file.variables(document) == ["SUPPORT_BOT_URL", "SUPPORT_BOT_TOKEN"]
    canonical = mimic_file.canonical(document)
    assert canonical == EXAMPLE
    assert mimic_file.canonical(mimic_file.load(mimic_file.dump(canonical))) == canonical
