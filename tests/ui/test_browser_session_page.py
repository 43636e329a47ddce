"""In a real browser: start a browser session from the form against the shop site, watch
its steps arrive live with screenshot thumbnails (served through the dashboard's cookie)
that open full size, then read the verdict (its cited steps are links to them), the
findings grouped by page, and open the printable report (under the app's CSP)."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.support.loopback import LoopbackServer
from tests.support.shop import shop_site
from tests.ui.conftest import LiveApp, PageProblems, register_user

pytestmark = pytest.mark.e2e


def test_a_browser_session_shows_its_steps_screenshots_and_findings(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app)
    headers = {"Authorization": f"Bearer {user.token}"}
    with LoopbackServer(shop_site()) as shop:
        made = {
            "persona": {"name": "Paced Dana Kelly", "traits": {"patience_level": "medium"},
                        "config": {"messageInterval": 0.6, "sessionDuration": 120}},
            "objective": {"name": "Buy the jacket on the website",
                          "definition": {"goal": "Buy a Trail Jacket in size M and pay for it.",
                                         "successCriteria": ["The shop shows that the purchase is complete"],
                                         "keywords": ["products", "jacket", "cart", "checkout", "order"]},
                          "config": {"maxActions": 20},
                          # Decides the criterion where the offline judge cannot tell.
                          "checks": [{"type": "contains", "value": "Purchase complete", "criterion": 0}]},
            "agent": {"name": "Trail Shop site", "type": "browser",
                      "config": {"targetUrl": shop.url + "/gallery", "timeoutSeconds": 15}},
        }  # fmt: skip
        for kind, body in made.items():
            response = httpx.post(f"{live_app.base_url}/api/{kind}s", json=body, headers=headers)
            assert response.status_code == 201, response.text

        page.context.add_cookies([{"name": "mimic_token", "value": user.token, "url": live_app.base_url}])
        problems = PageProblems()
        problems.watch(page)
        page.goto(live_app.base_url + "/sessions", wait_until="networkidle")
        page.get_by_label("Agent", exact=True).select_option(label="Trail Shop site")
        page.get_by_label("Persona", exact=True).select_option(label="Paced Dana Kelly")
        page.get_by_label("Objective", exact=True).select_option(label="Buy the jacket on the website")
        page.get_by_role("button", name="Start session").click()
        page.wait_for_url(re.compile(r".*/sessions/[0-9a-f-]{36}.*"))

        steps = page.get_by_test_id("step")
        expect(steps.nth(1)).to_be_visible(timeout=30_000)
        first_seen = steps.count()
        expect(page.get_by_text("running", exact=True)).to_be_visible()
        expect(steps).not_to_have_count(first_seen, timeout=15_000)  # more arrive without a reload

        expect(page.get_by_role("heading", name="Verdict")).to_be_visible(timeout=60_000)
        expect(page.get_by_text("completed", exact=True)).to_be_visible()
        expect(page.get_by_text("passed", exact=True).first).to_be_visible()  # in the header and the verdict
        assert page.locator("[data-action=done]").count() == 1

        # Each step's thumbnail is a real image, loaded with the dashboard's cookie.
        thumbnails = page.get_by_test_id("step-thumbnail")
        expect(thumbnails.first).to_be_visible()
        assert thumbnails.count() == steps.count() - 1  # every step but opening the website
        thumbnails.nth(2).scroll_into_view_if_needed()
        loaded = thumbnails.nth(2).evaluate("img => img.complete && img.naturalWidth")
        assert loaded == 1280
        thumbnails.nth(2).click()
        full = page.get_by_test_id("step-full")
        expect(full).to_be_visible()
        assert full.evaluate("img => img.getBoundingClientRect().width") > 600
        page.get_by_role("button", name="Close").click()
        expect(full).to_have_count(0)

        # Findings grouped by page: the gallery's planted defects among them.
        groups = page.get_by_test_id("finding-group")
        assert groups.count() >= 2  # the gallery, and the pages the persona went on to
        expect(groups.first).to_contain_text(shop.url + "/gallery")
        expect(page.get_by_text(re.compile(r"Images must have alternative text"))).to_be_visible()
        expect(page.get_by_text(re.compile(r"image request failed \(HTTP 404\)"))).to_be_visible()
        expect(page.get_by_text(re.compile(r"Broken link “Download the 2019 catalogue”"))).to_be_visible()
        session_id = page.url.split("/sessions/")[1].split("?")[0].strip("/")
        stored = httpx.get(f"{live_app.base_url}/api/events/{session_id}/findings", headers=headers).json()
        assert page.get_by_test_id("finding").count() == len(stored)
        # The verdict cites steps as links to them.
        cited = page.get_by_test_id("cited-step").first
        expect(cited).to_be_visible()
        anchor = cited.get_attribute("href").split("#", 1)[1]
        assert anchor.startswith("step-") and page.locator("#" + anchor).count() == 1
        # The exports and the printable report open with the dashboard's cookie.
        expect(page.get_by_role("link", name="Markdown")).to_have_attribute(
            "href", f"/api/sessions/{session_id}/export?format=markdown"
        )
        report = page.context.new_page()
        problems.watch(report)
        report.goto(live_app.base_url + page.get_by_role("link", name="Printable report").get_attribute("href"))
        expect(report.get_by_role("heading", name="Steps")).to_be_visible()
        assert report.locator("img").count() == steps.count() - 1
        report.close()
        assert shop  # the site served the whole session
    assert problems.items == []


def test_analytics_compares_two_versions_of_a_site_page_by_page(live_app: LiveApp, page: Page) -> None:
    from tests.support.everyday import everyday_site
    from tests.support.sessions import Api

    user = register_user(live_app, "Pages Tester")
    api = Api(live_app.base_url, {"Authorization": f"Bearer {user.token}"})
    with LoopbackServer(everyday_site({})) as site:
        persona = api.post("/api/personas", {"name": "Curious Dana", "traits": {"patience_level": "high"}})["id"]
        definition = {"goal": "Find the club's opening hours.", "successCriteria": ["The site shows the opening hours"]}
        objective = api.post("/api/objectives", {"name": "Look around", "config": {"maxActions": 12},
                                                 "definition": definition})["id"]  # fmt: skip
        agents, started = {}, []
        for version in ("before", "after"):
            config = {"targetUrl": f"{site.url}/{version}/index.html", "timeoutSeconds": 15}
            agents[version] = api.post("/api/agents", {"name": f"Club ({version})", "type": "browser",
                                                       "config": config})["id"]  # fmt: skip
            started.append(api.start(agents[version], persona, objective, config={"seed": 1}))
        for session_id in started:  # the two visits run side by side, each in its own context
            assert api.wait(session_id, timeout=120)["status"] == "completed"

        page.context.add_cookies([{"name": "mimic_token", "value": user.token, "url": live_app.base_url}])
        problems = PageProblems()
        problems.watch(page)
        page.goto(f"{live_app.base_url}/analytics?agentId={agents['after']}", wait_until="networkidle")
        expect(page.get_by_role("heading", name="Findings per page")).to_be_visible(timeout=30_000)
        page.get_by_label("Compare with").select_option(label="Club (before)")
        gallery = page.get_by_test_id("page-row").filter(has_text="gallery.html")
        expect(gallery).to_contain_text("image-alt", timeout=15_000)
        expect(gallery).to_contain_text("label")
    assert problems.items == []
