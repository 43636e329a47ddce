"""Calibration over the real API: labelled sets imported as YAML or JSON (the judge issue's
40 conversations, and six scored by hand), a judge run over them in the background, the
report's figures (checked against hand-computed kappa and confusion matrix), the same
scoring as `make bench`, `calibration.completed`, a set built from reviewed sessions, bad
sets refused whole, and a suite's gate that requires a calibrated judge."""

from __future__ import annotations

import asyncio
import json
from pathlib import Path

import pytest
import yaml

from app.engine.context import ModelChoice
from app.engine.judge_prompt import PROMPT_VERSION
from app.services.calibration import judge_set, load_set, score
from tests.support.judging import one_cell_suite, wait_report
from tests.support.loopback import LoopbackServer
from tests.support.suites import SuiteApi, topic_bot
from tests.support.webhooks import Receiver

DATA = Path(__file__).resolve().parents[1] / "data"
LABELLED = DATA / "judge_labelled_set.yaml"
SIX = DATA / "calibration_six.yaml"


@pytest.fixture
def api(live_api, make_account) -> SuiteApi:
    return SuiteApi(live_api.url, make_account().headers)


def import_yaml(api: SuiteApi, path: Path, **changes) -> dict:
    text = path.read_text()
    if changes:
        text = yaml.safe_dump({**yaml.safe_load(text), **changes})
    answer = api.http.post("/api/calibration-sets/import", content=text, headers={"Content-Type": "application/yaml"})
    assert answer.status_code == 201, answer.text
    return answer.json()


def calibrate(api: SuiteApi, set_ref: str, **options) -> dict:
    started = api.http.post("/api/calibrations", json={"setId": set_ref, "judgeModel": "mimic/offline", **options})
    assert started.status_code == 202, started.text
    assert started.json()["status"] == "running"
    return wait_report(api, started.json()["id"])


def test_six_cases_scored_by_hand(api):
    labelled = import_yaml(api, SIX)
    assert (labelled["name"], labelled["caseCount"], labelled["criteriaCount"], labelled["findingCount"]) == (
        "six-by-hand", 6, 6, 2)  # fmt: skip
    with Receiver() as receiver:
        api.post("/api/webhooks", {"url": receiver.url, "events": ["calibration.completed"]})
        report = calibrate(api, "six-by-hand")
        receiver.wait_for(lambda: "calibration.completed" in receiver.events())
    assert json.loads(receiver.requests[0]["body"])["data"]["calibration"]["kappa"] == report["kappa"]
    assert (report["status"], report["judgeModel"], report["promptVersion"]) == ("completed", "mimic/offline",
                                                                                 PROMPT_VERSION)  # fmt: skip
    # label -> judge, by hand (tests/data/calibration_six.yaml says what the offline judge answers):
    #   met->met, not_met->met, not_met->not_met, met->inconclusive, inconclusive->inconclusive, met->not_met.
    # Agreement 3/6. Labels: met 3, not_met 2, inconclusive 1; judge: 2, 2, 2.
    # Chance: (3*2 + 2*2 + 1*2) / 36 = 1/3; kappa = (1/2 - 1/3) / (1 - 1/3) = 1/4.
    m = report["metrics"]
    assert report["accuracy"] == pytest.approx(0.5) and report["kappa"] == pytest.approx(0.25)
    assert m["confusion"] == {"met": {"met": 1, "not_met": 1, "inconclusive": 1},
                              "not_met": {"met": 1, "not_met": 1, "inconclusive": 0},
                              "inconclusive": {"met": 0, "not_met": 0, "inconclusive": 1}}  # fmt: skip
    assert (m["flips"], m["inconclusiveConfusions"], m["falsePasses"]) == (2, 1, ["order-naive-regex:0"])
    assert m["byCategory"]["order"]["accuracy"] == pytest.approx(2 / 3)
    assert m["byCategory"]["refund"]["accuracy"] == pytest.approx(1 / 3)
    assert m["hard"] == {"cases": 2, "criteria": 2, "accuracy": 0.0}
    findings = m["findings"]
    assert (findings["expected"], findings["strict"], findings["lenient"], findings["falseAlarms"]) == (2, 1, 1, 0)
    assert findings["severityAgreement"] == 1.0 and findings["missed"] == ["order-naive-regex:unanswered-question"]
    assert m["flipRate"] is None  # one judgement per case

    detail = api.get(f"/api/calibrations/{report['id']}")
    wrong = {c["id"]: c for c in detail["cases"] if c["wrong"]}
    assert set(wrong) == {"order-naive-regex", "refund-window", "refund-said-otherwise"}
    both = wrong["order-naive-regex"]["criteria"][0]  # both readings of what the judge got wrong
    assert (both["label"], both["judge"], both["labelWhy"]) == ("not_met", "met", "No date is given; the only date "
                                                                                  "is withdrawn.")  # fmt: skip
    assert "regex" in both["judgeReasoning"] or "check" in both["judgeReasoning"]

    repeated = calibrate(api, labelled["id"], repeats=3)  # by id; the offline judge never flips
    assert repeated["metrics"]["flipRate"] == 0.0 and repeated["metrics"]["repeatedCriteria"] == 6
    listed = api.get("/api/calibrations?setId=six-by-hand&judgeModel=mimic/offline")["data"]
    assert [r["id"] for r in listed] == [repeated["id"], report["id"]]
    assert api.get("/api/audit?action=calibration.started")["pagination"]["total"] == 2


def test_the_labelled_set_scores_as_the_bench_does(api):
    labelled = import_yaml(api, LABELLED)
    assert (labelled["caseCount"], labelled["criteriaCount"], labelled["findingCount"]) == (40, 122, 27)
    report = calibrate(api, labelled["name"])
    bench = score(asyncio.run(judge_set(load_set(LABELLED), ModelChoice("mimic/offline"))))
    assert report["metrics"] == json.loads(json.dumps(bench.as_dict()))  # one scoring for the bench and the API
    assert report["metrics"]["falsePasses"] == [] and report["metrics"]["flips"] == 0
    assert report["doneCases"] == 40 and len(api.get(f"/api/calibrations/{report['id']}")["cases"]) == 40

    exported = api.http.get(f"/api/calibration-sets/{labelled['id']}/export?format=json")
    assert exported.status_code == 200 and len(exported.json()["cases"]) == 40
    copy = api.http.post("/api/calibration-sets/import", json={**exported.json(), "name": "copy"})
    assert copy.status_code == 201 and copy.json()["criteriaCount"] == 122
    assert api.http.delete(f"/api/calibration-sets/{labelled['id']}").status_code == 204
    kept = api.get(f"/api/calibrations/{report['id']}")
    assert (kept["setId"], kept["setName"]) == (None, labelled["name"])  # the report outlives its set


def test_a_bad_set_is_refused_whole(api):
    raw = yaml.safe_load(SIX.read_text())
    case = raw["cases"][0]
    for change, field, words in (
        ({"cases": [{**case, "labels": []}]}, "cases.0.labels", "one label per criterion"),
        ({"cases": [{**case, "labels": [{"criterion": 0, "status": "met", "evidence": ["m9"]}]}]}, "cases.0.labels",
         "not in the transcript"),
        ({"cases": [{**case, "transcript": [{"senderType": "bot", "content": "hi"}]}]},
         "cases[0].transcript[0].senderType", "persona"),
        ({"cases": [case, case]}, "cases", "unique"),
        ({"cases": []}, "cases", "at least 1"),
    ):  # fmt: skip
        answer = api.http.post("/api/calibration-sets/import", json={**raw, **change})
        assert answer.status_code == 422, answer.text
        details = answer.json()["error"]["details"]
        assert any(d["field"] == field and words in d["message"] for d in details), details
    garbled = api.http.post(
        "/api/calibration-sets/import", content="cases: [", headers={"Content-Type": "application/yaml"}
    )
    assert garbled.status_code == 422 and garbled.json()["error"]["details"][0]["field"] == "body"
    assert api.get("/api/calibration-sets")["pagination"]["total"] == 0
    import_yaml(api, SIX)
    twice = api.http.post("/api/calibration-sets/import", content=SIX.read_text(),
                          headers={"Content-Type": "application/yaml"})  # fmt: skip
    assert twice.status_code == 409 and twice.json()["error"]["code"] == "CONFLICT"
    unknown = api.http.post("/api/calibrations", json={"setId": "no such set"})
    assert unknown.status_code == 422 and unknown.json()["error"]["details"][0]["field"] == "setId"


def test_a_set_built_from_reviewed_sessions(api):
    state: dict = {}
    with LoopbackServer(topic_bot(state)) as bot:
        suite = one_cell_suite(api, f"{bot.url}/chat")
        first = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
        state["broken"] = {"order": "unhelpful"}
        second = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
    nothing = api.http.post("/api/calibration-sets/from-reviews", json={"name": "reviewed"})
    assert nothing.status_code == 422  # nothing was reviewed yet
    good, bad = first["cells"][0]["sessions"][0]["id"], second["cells"][0]["sessions"][0]["id"]
    api.post(f"/api/sessions/{good}/reviews", {"criteria": [{"index": 0, "status": "met", "note": "Friday."}]})
    agent_ids = [m["id"] for m in api.get(f"/api/sessions/{bad}")["messages"] if m["senderType"] == "agent"]
    api.post(f"/api/sessions/{bad}/reviews", {
        "criteria": [{"index": 0, "status": "not_met", "evidence": agent_ids[-1:]}],
        "addedFindings": [{"type": "unanswered-question", "severity": "medium", "description": "No date.",
                           "evidence": agent_ids[-1:]}],
    })  # fmt: skip
    # The judge's findings the reviewer left standing are confirmed: expected too.
    judged = [(f["type"], f["severity"], f["evidence"]["messageIds"]) for f in api.get(f"/api/sessions/{bad}/findings")]
    built = api.post("/api/calibration-sets/from-reviews", {"name": "reviewed", "agentId": suite["agentId"]})
    assert (built["source"], built["caseCount"], built["criteriaCount"]) == ("reviews", 2, 2)
    assert built["findingCount"] == len(judged) + 1
    cases = {c["id"]: c for c in built["cases"]}
    assert cases[f"session-{good}"]["labels"] == [{"criterion": 0, "status": "met", "evidence": [], "why": "Friday."}]
    assert cases[f"session-{bad}"]["labels"][0]["evidence"] == agent_ids[-1:]
    assert cases[f"session-{bad}"]["expectedFindings"] == [
        *({"type": t, "severity": s, "evidence": e} for t, s, e in judged),
        {"type": "unanswered-question", "severity": "medium", "evidence": agent_ids[-1:]}]  # fmt: skip
    assert cases[f"session-{bad}"]["transcript"][0]["senderType"] == "persona"
    assert all(c["hard"] for c in built["cases"])  # the reviewer ruled otherwise than the (offline) judge
    report = calibrate(api, "reviewed")
    assert report["metrics"]["confusion"]["met"]["inconclusive"] == 1
    assert report["metrics"]["confusion"]["not_met"]["inconclusive"] == 1 and report["accuracy"] == 0.0
