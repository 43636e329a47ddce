"""In a real browser: build a suite on the grid (with a calibration gate its judge does not
meet) and watch its run fill in live; the compare view names the cells a changed agent broke,
and the run leads to its sessions in the review queue; webhooks with a test delivery and its log."""

from __future__ import annotations

import re
import time

import httpx
import pytest
from fastapi import FastAPI, Request
from playwright.sync_api import Page, expect

from tests.support.loopback import LoopbackServer
from tests.support.suites import OBJECTIVES, PERSONAS, topic_bot
from tests.ui.conftest import LiveApp, PageProblems, register_user

pytestmark = pytest.mark.e2e


class Library:
    def __init__(self, live_app: LiveApp, token: str, bot_url: str) -> None:
        self.http = httpx.Client(base_url=live_app.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
        self.personas = [self.post("/api/personas", p)["id"] for p in PERSONAS]
        self.objectives = [self.post("/api/objectives", o)["id"] for o in OBJECTIVES]
        self.agent = self.post("/api/agents", {"name": "Topic bot", "type": "http", "config": {
            "url": bot_url, "replyPath": "data.reply", "timeoutSeconds": 5}})["id"]  # fmt: skip

    def post(self, path: str, body: dict | None = None) -> dict:
        response = self.http.post(path, json=body)
        assert response.status_code < 300, response.text
        return response.json()

    def run(self, suite_id: str) -> str:
        run_id = self.post(f"/api/suites/{suite_id}/run")["id"]
        deadline = time.monotonic() + 60
        while not self.http.get(f"/api/runs/{run_id}").json()["endedAt"]:
            assert time.monotonic() < deadline
            time.sleep(0.1)
        return run_id


def _sign_in(page: Page, live_app: LiveApp, token: str) -> None:
    page.context.add_cookies([{"name": "mimic_token", "value": token, "url": live_app.base_url}])


def test_build_a_suite_on_the_grid_and_watch_its_run_fill_in(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app)
    state: dict = {"delay": 0.25}
    with LoopbackServer(topic_bot(state)) as bot:
        Library(live_app, user.token, f"{bot.url}/chat")
        _sign_in(page, live_app, user.token)
        problems = PageProblems()
        problems.watch(page)

        page.goto(live_app.base_url + "/suites/new", wait_until="networkidle")
        page.get_by_label("Name", exact=True).fill("Grid suite")
        page.get_by_label("Agent under test").select_option(label="Topic bot (http)")
        for persona in PERSONAS:
            page.get_by_label("Persona " + persona["name"]).click()
        for objective in OBJECTIVES:
            page.get_by_label("Objective " + objective["name"]).click()
        page.get_by_label("Repeats", exact=True).fill("2")
        page.get_by_label("Seed").fill("5")
        # The judge must be calibrated on a set this workspace does not have: the run says so.
        page.get_by_label("Require a calibrated judge on set").fill("support-set")
        page.get_by_label("Least Cohen's kappa").fill("0.7")
        expect(page.get_by_test_id("matrix-total")).to_contain_text("= 8 sessions")
        expect(page.get_by_test_id("grid-cell")).to_have_count(4)
        page.get_by_role("button", name="Create suite").click()
        page.wait_for_url(live_app.base_url + "/suites")
        expect(page.get_by_role("link", name="Grid suite", exact=True)).to_be_visible()

        page.get_by_role("button", name="Run Grid suite").click()
        page.wait_for_url(re.compile(r".*/runs/[0-9a-f-]{36}$"))
        cells = page.get_by_test_id("run-cell")
        expect(cells).to_have_count(4)
        # The matrix starts out running and fills in without a reload.
        expect(page.locator("[data-testid=run-cell][data-status=running]").first).to_be_visible(timeout=10_000)
        expect(page.locator("[data-testid=run-cell][data-status=passed]")).to_have_count(4, timeout=60_000)
        expect(page.get_by_text("completed", exact=True)).to_be_visible()
        expect(page.get_by_test_id("run-progress")).to_have_text("8 of 8 done")
        expect(page.get_by_text("100.0%").first).to_be_visible()
        expect(page.get_by_text("judge not calibrated", exact=True)).to_be_visible(timeout=15_000)
        expect(page.get_by_test_id("run-calibration")).to_contain_text("no calibration set “support-set”")

        # The editor shows the saved suite, with its run below.
        page.get_by_role("link", name="Suites").click()
        # The suite's own row (the recent runs below link to it too, once the run is listed).
        page.get_by_role("rowheader").get_by_role("link", name="Grid suite", exact=True).click()
        page.wait_for_url(re.compile(r".*/suites/[0-9a-f-]{36}$"))
        expect(page.get_by_label("Name", exact=True)).to_have_value("Grid suite")
        expect(page.get_by_label("Seed")).to_have_value("5")
        expect(page.get_by_label("Repeats", exact=True)).to_have_value("2")
        expect(page.get_by_label("Require a calibrated judge on set")).to_have_value("support-set")
        expect(page.get_by_label("Least Cohen's kappa")).to_have_value("0.7")
        expect(page.get_by_test_id("matrix-total")).to_contain_text("= 8 sessions")
        expect(page.get_by_role("heading", name="Runs of this suite")).to_be_visible()
        expect(page.get_by_text("An error occurred")).to_have_count(0)
    assert problems.items == []


def test_the_compare_view_names_the_cells_a_change_broke(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app)
    state: dict = {}
    with LoopbackServer(topic_bot(state)) as bot:
        library = Library(live_app, user.token, f"{bot.url}/chat")
        suite = library.post("/api/suites", {"name": "Before and after", "agentId": library.agent,
                                             "personaIds": library.personas, "objectiveIds": library.objectives,
                                             "repeats": 3, "config": {"seed": 3}})  # fmt: skip
        library.run(suite["id"])
        state["broken"] = {"order": "unhelpful"}
        after = library.run(suite["id"])

    _sign_in(page, live_app, user.token)
    problems = PageProblems()
    problems.watch(page)
    page.goto(f"{live_app.base_url}/runs/{after}", wait_until="networkidle")
    expect(page.locator("[data-testid=run-cell][data-status=failed]")).to_have_count(2)
    page.get_by_label("Compare with").click()
    page.get_by_role("option").first.click()
    page.wait_for_url(re.compile(r".*/compare/[0-9a-f-]{36}$"))
    rows = page.get_by_test_id("change-row")
    expect(rows).to_have_count(4)
    regressed = page.locator("[data-testid=change-row][data-change=regressed]")
    expect(regressed).to_have_count(2)
    for i in range(2):
        expect(regressed.nth(i)).to_contain_text("Order status")
    expect(rows.nth(0)).to_have_attribute("data-change", "regressed")  # newly failing first
    expect(page.get_by_text("-50.0 points")).to_be_visible()
    # 6 sessions went from pass to fail and none back: exact McNemar p = 2 / 2^6 < 0.05.
    expect(page.get_by_text("The change is significant at the 5% level.")).to_be_visible()

    # From the run to its sessions waiting for a review: the queue filtered by that run (12 of 24).
    page.goto(f"{live_app.base_url}/runs/{after}", wait_until="networkidle")
    page.get_by_test_id("review-run").click()
    page.wait_for_url(re.compile(rf".*/reviews\?runId={after}$"))
    expect(page.get_by_test_id("queue-row")).to_have_count(12, timeout=15_000)
    expect(page.get_by_text("12 sessions", exact=True)).to_be_visible()
    assert problems.items == []


def test_webhooks_page_adds_one_tests_it_and_shows_the_log(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app)
    received: list[dict] = []
    app = FastAPI()

    @app.post("/hook")
    async def hook(request: Request):
        received.append(dict(request.headers))
        return {"ok": True}

    with LoopbackServer(app) as receiver:
        _sign_in(page, live_app, user.token)
        problems = PageProblems()
        problems.watch(page)
        page.goto(live_app.base_url + "/settings", wait_until="networkidle")
        page.get_by_role("link", name="Webhooks").click()
        page.wait_for_url(live_app.base_url + "/settings/webhooks")
        page.get_by_label("Endpoint URL").fill(f"{receiver.url}/hook")
        page.get_by_role("button", name="Add webhook").click()
        expect(page.get_by_test_id("new-webhook-secret")).to_contain_text("whsec_")
        page.get_by_role("button", name=f"Test {receiver.url}/hook").click()
        expect(page.get_by_test_id("delivery-row")).to_have_count(1, timeout=10_000)
        expect(page.get_by_test_id("delivery-row")).to_contain_text("success")
    assert received and received[0]["x-mimic-event"] == "webhook.test"
    assert received[0]["x-mimic-signature"].startswith("sha256=")
    assert problems.items == []
