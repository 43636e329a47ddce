"""The shell in a real browser: the search box (and its shortcut), the 404 page inside the
shell, a signed-out visitor sent to sign in without an error, the unsaved-changes prompt,
and phones: the menu, and no main page wider than a 390 px screen."""

from __future__ import annotations

import re
import uuid

import httpx
import pytest
from playwright.sync_api import Browser, Dialog, Page, expect

from tests.ui.conftest import LiveApp, LiveUser, PageProblems, register_user

pytestmark = pytest.mark.e2e

PHONE = {"width": 390, "height": 844}


def _api(live_app: LiveApp, user: LiveUser) -> httpx.Client:
    return httpx.Client(base_url=live_app.base_url, headers={"Authorization": f"Bearer {user.token}"}, timeout=60)


def _signed_in(browser: Browser, live_app: LiveApp, user: LiveUser, viewport: dict) -> Page:
    context = browser.new_context(viewport=viewport)
    context.add_cookies([{"name": "mimic_token", "value": user.token, "url": live_app.base_url}])
    return context.new_page()


def test_the_search_box_finds_a_persona_and_opens_it(live_app: LiveApp, signed_in_page: Page) -> None:
    page = signed_in_page
    problems = PageProblems()
    problems.watch(page)
    page.goto(live_app.base_url + "/analytics", wait_until="networkidle")
    search = page.get_by_role("searchbox", name="Search the workspace")
    expect(search).to_be_visible()

    # "/" from anywhere outside a text field focuses the box.
    page.evaluate("document.activeElement && document.activeElement.blur()")
    page.keyboard.press("/")
    expect(search).to_be_focused()
    page.keyboard.type("aisha")
    results = page.get_by_role("region", name="Search results")
    hit = results.get_by_role("link", name=re.compile("Aisha Bello")).first
    expect(hit).to_be_visible()
    expect(results).to_contain_text("Persona")
    href = hit.get_attribute("href")
    assert href and re.fullmatch(r"/personas/[\w-]+", href), href
    hit.click()
    page.wait_for_url(live_app.base_url + href)
    expect(page.get_by_label("Name", exact=True)).to_have_value(re.compile("Aisha Bello"))

    # Ctrl+K from inside another field; a query with no match says so.
    page.get_by_label("Name", exact=True).click()
    page.keyboard.press("Control+k")
    expect(search).to_be_focused()
    search.fill("zz-nothing-matches-this")
    expect(page.get_by_role("region", name="Search results")).to_contain_text("Nothing matches")
    assert problems.items == []


def test_an_empty_dashboard_shows_the_first_steps(live_app: LiveApp, signed_in_page: Page) -> None:
    page = signed_in_page
    page.goto(live_app.base_url + "/", wait_until="networkidle")
    guide = page.get_by_role("region", name="Getting started")
    expect(guide).to_be_visible()
    expect(guide).to_contain_text("No sessions yet")
    guide.get_by_role("link", name="Open personas").click()
    page.wait_for_url(live_app.base_url + "/personas")


def test_an_unknown_address_shows_not_found_inside_the_shell(live_app: LiveApp, signed_in_page: Page) -> None:
    page = signed_in_page
    page.goto(live_app.base_url + "/no-such-page/here", wait_until="networkidle")
    expect(page.get_by_role("heading", name="Page not found", level=1)).to_be_visible()
    expect(page.get_by_text("/no-such-page/here")).to_be_visible()
    navigation = page.get_by_role("navigation", name="Main")
    expect(navigation).to_be_visible()
    navigation.get_by_role("link", name="Personas").click()
    page.wait_for_url(live_app.base_url + "/personas")
    expect(page.get_by_role("heading", name="Personas", exact=True, level=1)).to_be_visible()


def test_a_signed_out_visitor_goes_to_sign_in_without_an_error(live_app: LiveApp, page: Page) -> None:
    problems = PageProblems()
    problems.watch(page)
    page.goto(live_app.base_url + "/", wait_until="networkidle")
    page.wait_for_url(re.compile(r"/login"))
    expect(page.get_by_role("button", name="Sign in")).to_be_visible()
    page.wait_for_timeout(1500)  # a toast from a loader that ran anyway would show by now
    expect(page.get_by_text("Missing credentials")).to_have_count(0)
    expect(page.locator("[data-sonner-toast]")).to_have_count(0)
    # Signed out, an unknown address is a plain "not found" with a way to sign in.
    page.goto(live_app.base_url + "/nowhere", wait_until="networkidle")
    expect(page.get_by_role("heading", name="Page not found")).to_be_visible()
    expect(page.get_by_role("link", name="Sign in")).to_be_visible()
    assert [p for p in problems.items if "404" not in p] == []


def test_an_editor_asks_before_leaving_with_unsaved_changes(live_app: LiveApp, signed_in_page: Page) -> None:
    page = signed_in_page
    page.goto(live_app.base_url + "/personas/new", wait_until="networkidle")
    nav = page.get_by_role("navigation", name="Main")

    # Untouched: leaving asks nothing.
    nav.get_by_role("link", name="Agents").click()
    page.wait_for_url(live_app.base_url + "/agents")
    page.go_back()
    expect(page).to_have_url(re.compile(r"/personas/new/?$"))
    expect(page.get_by_label("Name", exact=True)).to_be_visible()

    page.get_by_label("Name", exact=True).fill("Half-written persona")
    dialogs: list[Dialog] = []

    def refuse(dialog: Dialog) -> None:
        dialogs.append(dialog)
        dialog.dismiss()

    page.once("dialog", refuse)
    nav.get_by_role("link", name="Agents").click()
    page.wait_for_timeout(500)
    assert [d.type for d in dialogs] == ["confirm"] and "unsaved changes" in dialogs[0].message
    assert re.search(r"/personas/new/?$", page.url), page.url
    expect(page.get_by_label("Name", exact=True)).to_have_value("Half-written persona")

    # Reload or close: the browser's own prompt (beforeunload).
    prompts: list[str] = []
    page.once("dialog", lambda d: (prompts.append(d.type), d.dismiss()))
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert prompts == ["beforeunload"]


def test_a_saved_form_leaves_without_asking(live_app: LiveApp, signed_in_page: Page) -> None:
    page = signed_in_page
    page.goto(live_app.base_url + "/personas/new", wait_until="networkidle")
    name = f"Saved persona {uuid.uuid4().hex[:6]}"
    page.get_by_label("Name", exact=True).fill(name)
    dialogs: list[str] = []
    page.on("dialog", lambda d: (dialogs.append(d.type), d.dismiss()))
    page.get_by_role("button", name="Create persona").click()
    page.wait_for_url(re.compile(r"/personas(/[\w-]+)?$"))
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Agents").click()
    page.wait_for_url(live_app.base_url + "/agents")
    assert dialogs == []


def _session_and_run(live_app: LiveApp, user: LiveUser) -> tuple[str, str]:
    with _api(live_app, user) as api:
        persona = api.get("/api/personas", params={"limit": 1}).json()["data"][0]["id"]
        objective = api.get("/api/objectives", params={"limit": 1}).json()["data"][0]["id"]
        agent = next(a["id"] for a in api.get("/api/agents", params={"limit": 100}).json()["data"]
                     if a["type"] == "hosted")  # fmt: skip
        session = api.post("/api/sessions", json={"agentId": agent, "personaId": persona, "objectiveId": objective})
        assert session.status_code == 201, session.text
        suite = api.post("/api/suites", json={"name": "Phone suite", "agentId": agent, "personaIds": [persona],
                                              "objectiveIds": [objective]})  # fmt: skip
        assert suite.status_code == 201, suite.text
        run = api.post(f"/api/suites/{suite.json()['id']}/run")
        assert run.status_code < 300, run.text
        return session.json()["id"], run.json()["id"]


def test_no_main_page_is_wider_than_a_phone(live_app: LiveApp, browser: Browser) -> None:
    user = register_user(live_app)
    session_id, run_id = _session_and_run(live_app, user)
    page = _signed_in(browser, live_app, user, PHONE)
    wide: dict[str, tuple[int, int]] = {}
    for path, heading in (
        ("/", "Dashboard"), ("/personas", "Personas"), ("/objectives", "Objectives"), ("/agents", "Agents"),
        ("/sessions", "Sessions"), ("/suites", "Suites"), ("/reviews", "Reviews"), ("/calibration", "Calibration"),
        ("/analytics", "Analytics"), ("/settings", "Settings"), ("/personas/new", "New persona"),
        ("/agents/new", "New agent"), ("/suites/new", "New suite"),
        (f"/sessions/{session_id}", None), (f"/runs/{run_id}", None),
    ):  # fmt: skip
        page.goto(live_app.base_url + path, wait_until="networkidle")
        if heading:
            expect(page.get_by_role("heading", name=heading, exact=True, level=1)).to_be_visible()
        else:
            expect(page.get_by_role("heading", level=1).first).to_be_visible()
        page.wait_for_timeout(300)
        scroll, inner = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
        if scroll > inner:
            wide[path] = (scroll, inner)
    page.context.close()
    assert wide == {}, f"pages wider than the screen (scrollWidth, innerWidth): {wide}"


def test_the_navigation_is_a_menu_on_a_phone(live_app: LiveApp, browser: Browser) -> None:
    user = register_user(live_app)
    page = _signed_in(browser, live_app, user, PHONE)
    page.goto(live_app.base_url + "/", wait_until="networkidle")
    expect(page.get_by_role("heading", name="Dashboard", exact=True, level=1)).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    page.get_by_role("button", name="Menu").click()
    navigation = page.get_by_role("navigation", name="Main")
    expect(navigation).to_be_visible()
    navigation.get_by_role("link", name="Agents").click()
    page.wait_for_url(live_app.base_url + "/agents")
    expect(page.get_by_role("heading", name="Agents", exact=True, level=1)).to_be_visible()
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()  # it closed behind the click
    page.context.close()
