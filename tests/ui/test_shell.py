"""End to end: every dashboard page loads in headless Chromium from the app as `make run`
starts it, with no console error and no failed request."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from app.ui.navigation import SECTIONS
from tests.ui.conftest import LiveApp, PageProblems

pytestmark = pytest.mark.e2e


@pytest.mark.parametrize("section", SECTIONS, ids=[s.label for s in SECTIONS])
def test_every_page_loads_cleanly(live_app: LiveApp, signed_in_page: Page, section) -> None:
    page = signed_in_page
    problems = PageProblems()
    problems.watch(page)
    page.goto(live_app.base_url + section.route, wait_until="networkidle")
    expect(page.get_by_role("heading", name=section.label, exact=True, level=1)).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_visible()
    # The live connection to the backend is up (Reflex shows a banner when it is not).
    expect(page.get_by_text("Cannot connect to server")).to_have_count(0)
    page.wait_for_timeout(500)
    assert problems.items == []


def test_navigation_reaches_every_section(live_app: LiveApp, signed_in_page: Page) -> None:
    page = signed_in_page
    problems = PageProblems()
    problems.watch(page)
    page.goto(live_app.base_url + "/", wait_until="networkidle")
    for section in SECTIONS[1:]:
        page.get_by_role("navigation", name="Main").get_by_role("link", name=section.label).click()
        page.wait_for_url(live_app.base_url + section.route)
        expect(page.get_by_role("heading", name=section.label, exact=True, level=1)).to_be_visible()
    assert problems.items == []


def test_dark_mode_toggle(live_app: LiveApp, signed_in_page: Page) -> None:
    page = signed_in_page
    page.emulate_media(color_scheme="light")
    page.goto(live_app.base_url + "/", wait_until="networkidle")
    html = page.locator("html")
    before = html.get_attribute("class") or ""
    page.get_by_role("button", name="Toggle light and dark mode").click()
    expect(html).not_to_have_class(before)
    after = html.get_attribute("class") or ""
    assert ("dark" in after) != ("dark" in before)


def test_favicon_and_logo_are_served(live_app: LiveApp, page: Page) -> None:
    for asset, kind in (("/favicon.ico", "image"), ("/logo.svg", "svg")):
        response = page.request.get(live_app.base_url + asset)
        assert response.status == 200, asset
        assert kind in response.headers["content-type"]


def test_api_answers_on_the_same_port(live_app: LiveApp, page: Page) -> None:
    response = page.request.get(live_app.base_url + "/api")
    assert response.json()["name"] == "Mimic API"
    missing = page.request.get(live_app.base_url + "/api/does-not-exist")
    assert missing.status == 404
    assert missing.json()["error"]["code"] == "RESOURCE_NOT_FOUND"
