"""Trends and alerts, and the findings inbox, over the real API: a suite's threshold set over
REST, a run under it marked and its run.below_threshold delivered to a receiver on 127.0.0.1,
the trend with intervals and labels; the inbox grouping a loop seen 2 and 3 times as one row
and its state changed; one bad input each."""

from __future__ import annotations

import time

import httpx
import pytest

from tests.support.loopback import LoopbackServer
from tests.support.suites import SuiteApi, topic_bot
from tests.support.webhooks import Receiver, verify

SECRET = "whsec_trend_0123456789abcdef"


@pytest.fixture
def api(live_api, make_account) -> SuiteApi:
    return SuiteApi(live_api.url, make_account().headers)


def test_a_run_under_the_threshold_is_marked_and_fires_run_below_threshold(api: SuiteApi) -> None:
    state: dict = {"broken": {"order": "unhelpful"}}
    with Receiver() as receiver, LoopbackServer(topic_bot(state)) as bot:
        api.post("/api/webhooks", {"url": receiver.url, "secret": SECRET,
                                   "events": ["run.completed", "run.below_threshold"]})  # fmt: skip
        personas, objectives = api.library()
        agent = api.agent("http", {"url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 5})
        suite = api.post("/api/suites", {"name": "Alerted", "agentId": agent, "personaIds": personas[:1],
                                         "objectiveIds": objectives, "config": {"seed": 3,
                                         "thresholds": {"maxErrorRate": 0.5}}})  # fmt: skip

        bad = api.http.put(f"/api/suites/{suite['id']}/threshold", json={"passRate": 1.5})
        assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "passRate"
        assert api.http.put("/api/suites/nope/threshold", json={"passRate": 0.5}).status_code == 404
        updated = api.http.put(f"/api/suites/{suite['id']}/threshold", json={"passRate": 0.75}).json()
        # The other thresholds stay as they were.
        thresholds = {k: v for k, v in updated["config"]["thresholds"].items() if v is not None}
        assert thresholds == {"maxErrorRate": 0.5, "passRate": 0.75}

        first = api.wait_run(api.post(f"/api/suites/{suite['id']}/run", {"label": "v1.0.0"})["id"])
        receiver.wait_for(lambda: "run.below_threshold" in receiver.events())
        # Fixed: the next run passes everything and stays quiet.
        state["broken"] = {}
        api.http.put(f"/api/suites/{suite['id']}/threshold", json={"passRate": 0.9}).raise_for_status()
        second = api.wait_run(api.post(f"/api/suites/{suite['id']}/run", {"label": "v1.0.1"})["id"])
        receiver.wait_for(lambda: receiver.events().count("run.completed") == 2)
        time.sleep(0.3)  # nothing else should arrive

    assert sorted(receiver.events()) == ["run.below_threshold", "run.completed", "run.completed"]
    [alert] = [r for r in receiver.requests if r["headers"]["x-mimic-event"] == "run.below_threshold"]
    assert verify(SECRET, alert["body"], alert["headers"])
    run = httpx.Response(200, content=alert["body"]).json()["data"]["run"]
    assert run["id"] == first["id"] and run["belowThreshold"] is True and run["threshold"] == 0.75
    assert run["overall"]["passRate"] == 0.5 and run["label"] == "v1.0.0"

    assert (first["belowThreshold"], first["threshold"], first["label"]) == (True, 0.75, "v1.0.0")
    assert (second["belowThreshold"], second["threshold"]) == (False, 0.9)
    listed = api.get(f"/api/runs?suiteId={suite['id']}")["data"]
    assert [r["belowThreshold"] for r in listed] == [False, True]

    trend = api.get(f"/api/suites/{suite['id']}/trend")
    assert trend["threshold"] == 0.9 and trend["belowThreshold"] == 1
    assert [(p["runId"], p["version"], p["passRate"], p["belowThreshold"]) for p in trend["points"]] == [
        (first["id"], "v1.0.0", 0.5, True), (second["id"], "v1.0.1", 1.0, False)]  # fmt: skip
    low, high = trend["points"][0]["ciLow"], trend["points"][0]["ciHigh"]
    assert 0 < low < 0.5 < high < 1  # Wilson, 1 of 2
    bad = api.http.get(f"/api/suites/{suite['id']}/trend?limit=0")
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "limit"


def test_the_inbox_groups_two_and_three_times_as_one_row_and_keeps_its_state(api: SuiteApi) -> None:
    # A bot that always answers the same: the repetition check finds "the same reply N times".
    stuck = {"broken": {"order": "unhelpful", "refund": "unhelpful"}}
    with LoopbackServer(topic_bot(stuck)) as bot:
        personas, objectives = api.library()
        agent = api.agent("http", {"url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 5})
        suite = api.post("/api/suites", {"name": "Loops", "agentId": agent, "personaIds": personas,
                                         "objectiveIds": objectives, "config": {"seed": 5}})  # fmt: skip
        api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])

    groups = api.get("/api/findings/groups?limit=100&sort=count")["data"]
    loops = [g for g in groups if g["type"] == "loop"]
    assert len(loops) == 1, [g["description"] for g in groups]
    [loop] = loops
    assert loop["count"] >= 2 and loop["sessions"] == loop["count"]
    assert loop["agents"] == [{"id": agent, "name": api.get(f"/api/agents/{agent}")["name"]}]
    assert loop["state"] == "open" and loop["pattern"].startswith("the agent sent the same reply # time")

    changed = api.http.patch(f"/api/findings/groups/{loop['signature']}", json={"state": "wont_fix", "note": "Legacy"})
    assert changed.status_code == 200 and changed.json()["state"] == "wont_fix"
    assert api.get("/api/findings/groups?state=wont_fix")["pagination"]["total"] == 1
    detail = api.get(f"/api/findings/groups/{loop['signature']}")
    assert len(detail["occurrences"]) == loop["count"] and detail["note"] == "Legacy"

    bad = api.http.patch(f"/api/findings/groups/{loop['signature']}", json={"state": "closed"})
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "state"
    bad = api.http.get("/api/findings/groups?severity=urgent")
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "severity"
    missing = api.http.patch("/api/findings/groups/0123456789abcdef0123456789abcdef", json={"state": "fixed"})
    assert missing.status_code == 404 and missing.json()["error"]["code"] == "RESOURCE_NOT_FOUND"
