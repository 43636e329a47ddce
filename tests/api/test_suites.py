"""Suites and runs over the real API against a real agent on 127.0.0.1, with the offline
simulator and judge: a run of a healthy agent, a run of a changed agent that fails some
cells, and the compare report that names exactly those cells; errors kept out of the rate;
flaky cells; cancel; listing and scoping."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from app.services import run_stats
from tests.support.loopback import LoopbackServer
from tests.support.suites import SuiteApi, topic_bot


@pytest.fixture
def api(live_api, make_account) -> SuiteApi:
    return SuiteApi(live_api.url, make_account().headers)


@pytest.fixture
def bot():
    state: dict = {}
    with LoopbackServer(topic_bot(state)) as server:
        yield state, f"{server.url}/chat"


def _suite(api: SuiteApi, url: str, *, repeats: int = 3, **extra) -> dict:
    personas, objectives = api.library()
    agent_id = api.agent("http", {"url": url, "replyPath": "data.reply", "timeoutSeconds": 5})
    body = {"name": "Support regression", "agentId": agent_id, "personaIds": personas, "objectiveIds": objectives,
            "repeats": repeats, "config": {"seed": 11}, **extra}  # fmt: skip
    return api.post("/api/suites", body)


def _cells(run: dict) -> dict[tuple[str, str], dict]:
    return {(c["personaName"], c["objectiveName"]): c for c in run["cells"]}


def test_a_changed_agent_fails_cells_and_the_compare_names_exactly_them(api: SuiteApi, bot) -> None:
    state, url = bot
    suite = _suite(api, url)
    assert suite["cellCount"] == 4 and suite["sessionCount"] == 12

    baseline = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
    assert baseline["status"] == "completed" and baseline["endedAt"]
    assert baseline["progress"] == {"total": 12, "done": 12, "pending": 0, "running": 0, "passed": 12, "failed": 0,
                                    "errors": 0, "simulatorErrors": 0, "inconclusive": 0, "cancelled": 0,
                                    "unstable": 0}  # fmt: skip
    overall = baseline["overall"]
    assert (overall["n"], overall["passRate"], overall["passK"], overall["k"]) == (12, 1.0, 1.0, 3)
    low, high = run_stats.wilson_interval(12, 12)
    assert overall["ci"] == {"low": low, "high": high, "confidence": 0.95, "method": "wilson"}
    assert round(low, 4) == 0.7575  # 12/12 still leaves room below 100%
    for cell in baseline["cells"]:
        assert (cell["status"], cell["n"], cell["passed"], cell["passK"], cell["flaky"]) == ("passed", 3, 3, 1.0, False)
        assert sorted(s["repeat"] for s in cell["sessions"]) == [1, 2, 3]

    # Every session belongs to the run and knows its cell.
    sessions = api.get(f"/api/sessions?runId={baseline['id']}&limit=100")["data"]
    assert len(sessions) == 12 and all(s["runId"] == baseline["id"] for s in sessions)
    cells = {(s["personaId"], s["objectiveId"], s["config"]["cell"]["repeat"]) for s in sessions}
    assert len(cells) == 12
    assert {s["config"]["seed"] for s in sessions} == {11, 12, 13}  # repeat r runs with seed + r - 1

    # The agent changes: order tracking breaks, opening hours still work.
    state["broken"] = {"order": "unhelpful"}
    current = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
    by_cell = _cells(current)
    for (persona, objective), cell in by_cell.items():
        assert cell["status"] == ("failed" if objective == "Order status" else "passed"), (persona, objective)
    assert current["overall"]["passRate"] == 0.5 and current["overall"]["passK"] == 0.5

    stored = api.get(f"/api/runs/{current['id']}")
    assert stored["overall"] == current["overall"]  # the summary was stored when the run ended

    report = api.get(f"/api/runs/{current['id']}/compare/{baseline['id']}")
    regressed = [(c["personaName"], c["objectiveName"]) for c in report["cells"] if c["change"] == "regressed"]
    assert sorted(regressed) == [
        ("Dana (direct, impatient)", "Order status"),
        ("Sam (polite, patient)", "Order status"),
    ]
    assert [c["change"] for c in report["cells"]] == ["regressed", "regressed", "unchanged", "unchanged"]
    assert report["cells"][0]["delta"] == -1.0 and report["delta"] == -0.5
    assert report["counts"]["regressed"] == 2 and report["counts"]["fixed"] == 0
    # 6 sessions went from pass to fail, none the other way: exact McNemar p = 2 / 2^6.
    assert report["mcnemar"] == {"pairs": 12, "bothPassed": 6, "bothFailed": 0, "regressed": 6, "improved": 0,
                                 "statistic": 0.0, "pValue": pytest.approx(2 / 64), "method": "exact",
                                 "significant": True}  # fmt: skip

    # Fixed again: the reverse comparison names the same cells as fixed.
    back = api.get(f"/api/runs/{baseline['id']}/compare/{current['id']}")
    assert sorted((c["personaName"], c["objectiveName"]) for c in back["cells"] if c["change"] == "fixed") == sorted(
        regressed
    )
    assert back["mcnemar"]["improved"] == 6

    # JUnit XML that a JUnit reader takes: one test case per session, failures where the agent failed.
    junit = api.http.get(f"/api/runs/{current['id']}/junit")
    assert junit.status_code == 200 and junit.headers["content-type"].startswith("application/xml")
    suite_element = ET.fromstring(junit.text).find("testsuite")
    assert (suite_element.get("tests"), suite_element.get("failures"), suite_element.get("errors")) == ("12", "6", "0")
    failed = {case.get("name") for case in suite_element.iter("testcase") if case.find("failure") is not None}
    assert failed == {"Order status #1", "Order status #2", "Order status #3"}


def test_infrastructure_errors_stay_out_of_the_pass_rate(api: SuiteApi, bot) -> None:
    state, url = bot
    state["broken"] = {"hours": "error"}
    suite = _suite(api, url, repeats=2)
    run = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
    overall = run["overall"]
    assert (overall["n"], overall["passed"], overall["errors"], overall["passRate"]) == (4, 4, 4, 1.0)
    for (_, objective), cell in _cells(run).items():
        if objective == "Opening hours":
            assert (cell["status"], cell["n"], cell["errors"], cell["passRate"], cell["ci"]) == (
                "error",
                0,
                2,
                None,
                None,
            )
        else:
            assert cell["status"] == "passed"
    assert overall["passK"] == 1.0 and overall["cells"] == 4  # pass^k over the cells that were judged


def test_a_cell_whose_repeats_disagree_is_flaky(api: SuiteApi, bot) -> None:
    state, url = bot
    suite = _suite(api, url, repeats=3)
    baseline = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
    state["broken"], state["sessions"] = {"hours": "second-session"}, {}
    current = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
    flaky = [c for c in current["cells"] if c["flaky"]]
    assert len(flaky) == 1 and flaky[0]["status"] == "flaky" and (flaky[0]["passed"], flaky[0]["failed"]) == (2, 1)
    assert flaky[0]["passK"] == pytest.approx((2 / 3) ** 3)
    assert current["overall"]["flakyCells"] == 1 and current["overall"]["passK"] == 0.75
    report = api.get(f"/api/runs/{current['id']}/compare/{baseline['id']}")
    # A cell that passed every time and now fails once is newly failing, and marked flaky.
    assert report["cells"][0]["change"] == "regressed" and report["cells"][0]["flaky"] is True
    assert report["mcnemar"]["regressed"] == 1 and not report["mcnemar"]["significant"]


def test_cancel_a_run(api: SuiteApi, bot) -> None:
    state, url = bot
    state["delay"] = 0.3
    suite = _suite(api, url, repeats=5)
    run = api.post(f"/api/suites/{suite['id']}/run")
    assert run["status"] == "running" and run["totalSessions"] == 20
    cancelled = api.post(f"/api/runs/{run['id']}/cancel")
    assert cancelled["status"] == "cancelled"
    ended = api.wait_run(run["id"])
    p, overall = ended["progress"], ended["overall"]
    assert ended["status"] == "cancelled" and ended["endedAt"] and p["cancelled"] >= 1
    # Cancelled sessions are not "done": done and cancelled add up to the run, nothing counted twice.
    assert p["done"] + p["cancelled"] == 20 and p["done"] < 20 and p["pending"] == p["running"] == 0
    assert p["done"] == p["passed"] + p["failed"] + p["errors"] + p["inconclusive"] + p["simulatorErrors"]
    # The pass rate is the judged sessions' only, never the run's size.
    assert overall["n"] == p["passed"] + p["failed"]
    assert overall["passRate"] == (overall["passed"] / overall["n"] if overall["n"] else None)
    sentence = run_stats.progress_sentence(20, p["done"], p["cancelled"])
    assert sentence == f"{p['done']} of 20 done, {p['cancelled']} cancelled"
    assert api.get(f"/api/runs?suiteId={suite['id']}")["data"][0]["progress"] == p  # the list says the same
    sessions = api.get(f"/api/sessions?runId={run['id']}&limit=100")["data"]
    assert all(s["status"] in ("completed", "cancelled", "error") for s in sessions)
    assert api.http.post(f"/api/runs/{run['id']}/cancel").status_code == 409


def test_suites_validate_and_stay_in_their_workspace(api: SuiteApi, live_api, make_account, bot) -> None:
    _, url = bot
    suite = _suite(api, url, repeats=1)
    stranger = SuiteApi(live_api.url, make_account().headers)
    theirs = stranger.library()
    bad = api.http.post("/api/suites", json={"name": "x", "agentId": suite["agentId"], "personaIds": theirs[0],
                                             "objectiveIds": suite["objectiveIds"]})  # fmt: skip
    assert bad.status_code == 422 and bad.json()["error"]["details"][0]["field"] == "personaIds"
    big = api.http.post("/api/suites", json={**suite, "name": "Big", "repeats": 100})
    assert big.status_code == 201  # 2 x 2 x 100 = 400 sessions is allowed
    too_big = api.http.patch(f"/api/suites/{big.json()['id']}", json={"repeats": 300})
    assert too_big.status_code == 422 and too_big.json()["error"]["details"][0]["field"] == "repeats"

    run = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
    assert stranger.http.get(f"/api/suites/{suite['id']}").status_code == 404
    assert stranger.http.get(f"/api/runs/{run['id']}").status_code == 404
    assert stranger.http.post(f"/api/suites/{suite['id']}/run").status_code == 404
    assert stranger.get("/api/runs")["pagination"]["total"] == 0

    # Runs list with limit/offset and a status filter.
    second = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
    listed = api.get("/api/runs?limit=1&offset=0")
    assert listed["pagination"]["total"] == 2 and [r["id"] for r in listed["data"]] == [second["id"]]
    assert [r["id"] for r in api.get("/api/runs?limit=1&offset=1")["data"]] == [run["id"]]
    assert api.get("/api/runs?status=running")["pagination"]["total"] == 0
    assert api.get(f"/api/runs?suiteId={suite['id']}&status=completed")["pagination"]["total"] == 2
    assert listed["data"][0]["overall"]["n"] == 4 and listed["data"][0]["suiteName"] == "Support regression"

    # A baseline must be a run of the same suite.
    small = api.post("/api/suites", {**suite, "name": "Other", "personaIds": suite["personaIds"][:1]})
    other = api.wait_run(api.post(f"/api/suites/{small['id']}/run")["id"])
    mismatch = api.http.get(f"/api/runs/{run['id']}/compare/{other['id']}")
    assert mismatch.status_code == 422 and mismatch.json()["error"]["details"][0]["field"] == "baselineId"
    # Editing the suite does not rewrite its runs: they keep the snapshot they started with.
    api.post(f"/api/suites/{suite['id']}/duplicate")
    edited = api.http.put(f"/api/suites/{suite['id']}", json={**suite, "name": "Renamed", "repeats": 2})
    assert edited.status_code == 200 and edited.json()["sessionCount"] == 8
    assert api.get(f"/api/runs/{run['id']}")["suiteName"] == "Support regression"
    assert api.http.delete(f"/api/suites/{suite['id']}").status_code == 204
    assert api.http.get(f"/api/runs/{run['id']}").status_code == 404  # runs go with their suite


def test_compare_transcripts_set_the_changed_cells_sessions_side_by_side(
    api: SuiteApi, bot, live_api, make_account
) -> None:
    state, url = bot
    suite = _suite(api, url, repeats=2)
    baseline = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
    state["broken"], state["sessions"] = {"hours": "second-session"}, {}
    current = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
    report = api.get(f"/api/runs/{current['id']}/compare/{baseline['id']}")
    cells = api.get(f"/api/runs/{current['id']}/compare/{baseline['id']}/transcripts")
    changed = [c for c in report["cells"] if c["change"] != "unchanged"]
    assert [(c["personaId"], c["objectiveId"], c["change"]) for c in cells] == [
        (c["personaId"], c["objectiveId"], c["change"]) for c in changed
    ]
    [cell] = cells  # one cell's second hours conversation failed
    before, after = cell["baseline"], cell["current"]
    # The pair whose outcomes differ, matched by repeat, with their whole transcripts.
    assert before["repeat"] == after["repeat"] and (before["outcome"], after["outcome"]) == ("passed", "failed")
    for side in (before, after):
        stored = api.get(f"/api/sessions/{side['sessionId']}")["messages"]
        shown = [(m["number"], m["content"]) for m in side["messages"]]
        assert shown == [(m["sequence"], m["content"]) for m in stored]
    assert any("open from 9am" in m["content"] for m in before["messages"])
    assert any(m["content"] == "Sorry, I cannot help with that." for m in after["messages"])
    rows = cell["changedRows"]
    assert all(r["baselineStatus"] != r["currentStatus"] for r in rows)  # only the rows that changed
    [row] = [r for r in rows if r["kind"] == "criterion"]
    assert (row["baselineStatus"], row["currentStatus"]) == ("met", "not_met")
    assert row["criterion"] == "The agent gives the store's opening hours"
    before_rows = api.get(f"/api/sessions/{before['sessionId']}")["verdict"]
    after_rows = api.get(f"/api/sessions/{after['sessionId']}")["verdict"]
    pairs = {(r["kind"], r["key"]): r["status"] for r in before_rows["criteria"] + before_rows["checks"]}
    changed_keys = [(r["kind"], r["key"]) for r in after_rows["criteria"] + after_rows["checks"]
                    if pairs.get((r["kind"], r["key"])) != r["status"]]  # fmt: skip
    assert len(rows) == len(changed_keys)
    # Another workspace reads nothing of it.
    stranger = SuiteApi(live_api.url, make_account().headers)
    assert stranger.http.get(f"/api/runs/{current['id']}/compare/{baseline['id']}/transcripts").status_code == 404
