"""In a real browser: a suite's alert threshold set in its editor, its trend chart with the
runs' labels and intervals and the run that fell under the threshold; the findings inbox
showing "the same reply 2 times" and "3 times" as one row whose state carries over."""

from __future__ import annotations

import time

import httpx
import pytest
from fastapi import FastAPI
from playwright.sync_api import Page, expect

from tests.support.loopback import LoopbackServer
from tests.support.suites import OBJECTIVES, PERSONAS, topic_bot
from tests.ui.conftest import LiveApp, PageProblems, register_user

pytestmark = pytest.mark.e2e

STUCK_REPLY = "Please hold while I check that for you, thank you for waiting."


def _api(live_app: LiveApp, token: str) -> httpx.Client:
    return httpx.Client(base_url=live_app.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30)


def _post(api: httpx.Client, path: str, body: dict | None = None) -> dict:
    response = api.post(path, json=body)
    assert response.status_code < 300, response.text
    return response.json()


def _wait(api: httpx.Client, path: str, done) -> dict:
    deadline = time.monotonic() + 90
    while not done(body := api.get(path).json()):
        assert time.monotonic() < deadline, body
        time.sleep(0.1)
    return body


def test_a_suite_threshold_and_its_trend(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app)
    api = _api(live_app, user.token)
    state: dict = {"broken": {"order": "unhelpful"}}
    with LoopbackServer(topic_bot(state)) as bot:
        personas = [_post(api, "/api/personas", p)["id"] for p in PERSONAS]
        objectives = [_post(api, "/api/objectives", o)["id"] for o in OBJECTIVES]
        agent = _post(api, "/api/agents", {"name": "Topic bot", "type": "http", "config": {
            "url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 5}})["id"]  # fmt: skip
        suite = _post(api, "/api/suites", {"name": "Trend suite", "agentId": agent, "personaIds": personas[:1],
                                           "objectiveIds": objectives, "config": {"seed": 3}})  # fmt: skip
        page.context.add_cookies([{"name": "mimic_token", "value": user.token, "url": live_app.base_url}])
        problems = PageProblems()
        problems.watch(page)

        # The threshold is set in the suite editor, as a percentage.
        page.goto(f"{live_app.base_url}/suites/{suite['id']}", wait_until="networkidle")
        field = page.get_by_label("Alert when the pass rate is under (%)")
        field.fill("175")
        page.get_by_role("button", name="Save changes").click()
        expect(page.get_by_text("Give a percentage from 0 to 100, or leave it empty.")).to_be_visible()
        page.get_by_label("Alert when the pass rate is under (%)").fill("75")
        page.get_by_role("button", name="Save changes").click()
        page.wait_for_url(live_app.base_url + "/suites")
        assert api.get(f"/api/suites/{suite['id']}").json()["config"]["thresholds"]["passRate"] == 0.75

        # Two runs: v1 with the order topic broken (1 of 2 passes), v2 with it fixed.
        runs = []
        for label in ("v1.0", "v2.0"):
            run = _post(api, f"/api/suites/{suite['id']}/run", {"label": label})
            runs.append(_wait(api, f"/api/runs/{run['id']}", lambda r: r["endedAt"]))
            state["broken"] = {}

        page.goto(f"{live_app.base_url}/suites/{suite['id']}", wait_until="networkidle")
        expect(page.get_by_label("Alert when the pass rate is under (%)")).to_have_value("75")
        card = page.locator("[data-chart=suite-trend]")
        expect(card.locator(".js-plotly-plot .main-svg").first).to_be_visible(timeout=30_000)
        # Two points, one red (under the threshold), and the threshold line.
        expect(card.locator(".scatterlayer .trace").first.locator(".point")).to_have_count(2)
        expect(page.get_by_test_id("suite-trend-summary")).to_contain_text("the threshold is 75%")
        expect(page.get_by_test_id("suite-trend-summary")).to_contain_text("1 run completed under it")
        alert = page.get_by_test_id("below-threshold")
        expect(alert).to_have_count(1)
        expect(alert).to_contain_text("v1.0: 50% of 2 judged, under 75%")
        card.get_by_role("tab", name="Table").click()
        rows = card.get_by_role("table").get_by_role("row")
        expect(rows).to_have_count(3)  # a header and the two runs, oldest first
        expect(rows.nth(1)).to_contain_text("v1.0")
        expect(rows.nth(1)).to_contain_text("below")
        expect(rows.nth(2)).to_contain_text("v2.0")
        expect(rows.nth(2)).to_contain_text("100.0")

        # The run under it says so on its own page and in the list of runs; the other does not.
        page.goto(f"{live_app.base_url}/runs/{runs[0]['id']}", wait_until="networkidle")
        expect(page.get_by_test_id("run-below-threshold")).to_contain_text("alert threshold of 75")
        page.goto(f"{live_app.base_url}/runs/{runs[1]['id']}", wait_until="networkidle")
        expect(page.get_by_test_id("run-progress")).to_be_visible()
        expect(page.get_by_test_id("run-below-threshold")).to_have_count(0)
        page.goto(f"{live_app.base_url}/suites", wait_until="networkidle")
        expect(page.get_by_test_id("run-row-below-threshold")).to_have_count(1)
        expect(page.get_by_test_id("run-row-below-threshold")).to_contain_text("under 75")
        assert problems.items == []


def test_the_inbox_shows_two_and_three_times_as_one_row(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app)
    api = _api(live_app, user.token)
    stuck = FastAPI()

    @stuck.post("/chat")
    async def chat():
        return {"data": {"reply": STUCK_REPLY}}

    with LoopbackServer(stuck) as bot:
        persona = _post(api, "/api/personas", PERSONAS[0])["id"]
        objective = _post(api, "/api/objectives", OBJECTIVES[0])["id"]
        agent = _post(api, "/api/agents", {"name": "Stuck bot", "type": "http", "config": {
            "url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 5}})["id"]  # fmt: skip
        # 4 messages: the reply twice; 6 messages: three times.
        for messages in (4, 6):
            session = _post(api, "/api/sessions", {"agentId": agent, "personaId": persona, "objectiveId": objective,
                                                   "autoStart": True, "config": {"maxMessages": messages, "seed": 1}})
            _wait(api, f"/api/sessions/{session['id']}", lambda s: s["status"] in ("completed", "error", "cancelled"))

    page.context.add_cookies([{"name": "mimic_token", "value": user.token, "url": live_app.base_url}])
    problems = PageProblems()
    problems.watch(page)
    page.goto(live_app.base_url + "/", wait_until="networkidle")
    page.get_by_role("link", name="Findings", exact=True).first.click()
    page.wait_for_url(live_app.base_url + "/findings")

    loops = page.get_by_test_id("finding-group").filter(has_text="the agent sent the same reply # time")
    expect(loops).to_have_count(1)
    row = loops.first
    expect(row).to_contain_text("2")  # the count: both sessions
    expect(row).to_contain_text("in 2 sessions")
    expect(row).to_contain_text("Stuck bot")
    expect(row).to_contain_text("3 times")  # the latest occurrence's own words

    # Acknowledged: it leaves the open tab, keeps its state on reload, and a new occurrence keeps it.
    row.get_by_label("State of the agent sent the same reply # time: <quote>").select_option("acknowledged")
    expect(page.get_by_text("Marked acknowledged")).to_be_visible()
    page.get_by_role("button", name="Open").click()
    page.wait_for_url(live_app.base_url + "/findings?state=open")
    expect(page.get_by_test_id("finding-group").filter(has_text="same reply")).to_have_count(0)
    page.get_by_role("button", name="Acknowledged").click()
    page.wait_for_url(live_app.base_url + "/findings?state=acknowledged")
    page.reload(wait_until="networkidle")
    acknowledged = page.get_by_test_id("finding-group").filter(has_text="same reply")
    expect(acknowledged).to_have_count(1)
    groups = api.get("/api/findings/groups", params={"state": "acknowledged"}).json()["data"]
    assert [(g["count"], g["state"]) for g in groups] == [(2, "acknowledged")]
    assert problems.items == []
