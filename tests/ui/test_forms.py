"""Editors in a real browser: an agent tested before it is saved, messages written for people,
and the suite editor: its errors clear once fixed, the banner comes into view, and the persona
column stays put while the matrix scrolls sideways."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.bots import http_bot
from tests.support.loopback import LoopbackServer
from tests.ui.conftest import LiveApp

pytestmark = pytest.mark.e2e


def test_a_new_agent_is_tested_before_it_is_saved(live_app: LiveApp, signed_in_page: Page) -> None:
    page = signed_in_page
    with LoopbackServer(http_bot()) as bot:
        page.goto(live_app.base_url + "/agents/new", wait_until="networkidle")
        page.get_by_label("Name", exact=True).fill("Not saved yet")
        page.get_by_label("Type", exact=True).click()
        page.get_by_role("option", name="HTTP webhook").click()
        page.get_by_label("URL", exact=True).fill(f"{bot.url}/chat")
        page.get_by_label("Reply path", exact=True).fill("data.reply")
        page.get_by_role("button", name="Test connection", exact=True).click()
        status = page.get_by_role("status").filter(has_text="Reachable")
        expect(status).to_be_visible(timeout=20_000)
        expect(status).to_contain_text("Acme support bot")
    # Still the new-agent form, nothing saved.
    assert re.search(r"/agents/new/?$", page.url), page.url
    page.goto(live_app.base_url + "/agents", wait_until="networkidle")
    expect(page.get_by_text("Not saved yet")).to_have_count(0)


def test_messages_are_written_for_people(live_app: LiveApp, signed_in_page: Page) -> None:
    page = signed_in_page
    page.goto(live_app.base_url + "/personas/new", wait_until="networkidle")
    page.get_by_label("Name", exact=True).fill("x" * 201)
    page.get_by_role("button", name="Create persona").click()
    expect(page.get_by_text("Name is too long: 200 characters at most.")).to_be_visible()


def test_the_suite_editor_clears_fixed_errors_and_keeps_personas_in_view(
    live_app: LiveApp, signed_in_page: Page
) -> None:
    page = signed_in_page
    page.set_viewport_size({"width": 700, "height": 700})
    page.goto(live_app.base_url + "/suites/new", wait_until="networkidle")
    page.get_by_label("Name", exact=True).fill("Half a suite")
    page.get_by_role("button", name="Create suite").click()

    banner = page.locator("#form-errors")
    expect(banner).to_be_visible()
    expect(banner).to_be_in_viewport()
    personas_error = page.get_by_role("alert").filter(has_text=re.compile("persona", re.IGNORECASE))
    expect(personas_error.first).to_be_visible()

    page.get_by_role("checkbox", name="All personas").click()
    expect(page.get_by_role("alert").filter(has_text=re.compile("at least one persona", re.IGNORECASE))).to_have_count(
        0
    )
    page.locator("[aria-label^='Objective ']").first.click()
    expect(page.get_by_text(re.compile("at least one objective", re.IGNORECASE))).to_have_count(0)
    expect(banner).to_have_count(0, timeout=10_000)  # the last error fixed: the banner goes too

    # The matrix scrolls sideways in its own box; the persona column stays at its left edge.
    first_persona = page.locator("[aria-label^='Persona ']").first
    an_objective = page.locator("[aria-label^='Objective ']").last
    persona_before, objective_before = first_persona.bounding_box(), an_objective.bounding_box()
    first_persona.hover()
    page.mouse.wheel(600, 0)
    page.wait_for_timeout(300)
    persona_after, objective_after = first_persona.bounding_box(), an_objective.bounding_box()
    assert objective_after["x"] < objective_before["x"] - 50, "the matrix should scroll in a 700 px window"
    assert abs(persona_after["x"] - persona_before["x"]) < 2, (persona_before, persona_after)
    width = page.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert width[0] <= width[1], width
