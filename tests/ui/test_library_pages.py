"""In a real browser: create a persona and an agent through the forms, see a field error,
see them listed; test an agent's connection; a viewer cannot edit."""

from __future__ import annotations

import json
import re

import pytest
from playwright.sync_api import Page, expect

from tests.support.bots import http_bot
from tests.support.loopback import LoopbackServer
from tests.ui.conftest import LiveApp, PageProblems

pytestmark = pytest.mark.e2e


def test_create_a_persona_with_a_field_error_first(live_app: LiveApp, signed_in_page: Page) -> None:
    page = signed_in_page
    problems = PageProblems()
    problems.watch(page)
    page.goto(live_app.base_url + "/personas", wait_until="networkidle")
    expect(page.get_by_text(re.compile(r"Page 1 of \d+ · \d+ items"))).to_be_visible()
    page.get_by_role("link", name="New persona").click()
    page.wait_for_url(re.compile(r".*/personas/new/?$"))

    page.get_by_label("Name", exact=True).fill("   ")
    page.get_by_label("Language", exact=True).fill("!!")
    page.get_by_role("button", name="Create persona").click()
    expect(page.get_by_text("Please correct the fields marked below.")).to_be_visible()
    expect(page.get_by_text("must not be blank")).to_be_visible()

    page.get_by_label("Name", exact=True).fill("Quentin the auditor")
    page.get_by_label("Language", exact=True).fill("en")
    page.get_by_label("Description", exact=True).fill("Checks every figure twice")
    page.get_by_label("Patience level").click()
    page.get_by_role("option", name="low", exact=True).click()
    page.get_by_role("button", name="Create persona").click()
    page.wait_for_url(re.compile(r".*/personas/?$"))

    page.get_by_label("Search personas").fill("Quentin")
    expect(page.get_by_role("heading", name="Quentin the auditor")).to_be_visible()
    expect(page.get_by_text(re.compile(r"· 1 item$"))).to_be_visible()
    assert problems.items == []


def test_create_an_http_agent_and_test_its_connection(live_app: LiveApp, signed_in_page: Page) -> None:
    page = signed_in_page
    with LoopbackServer(http_bot()) as bot:
        page.goto(live_app.base_url + "/agents/new", wait_until="networkidle")
        page.get_by_label("Name", exact=True).fill("Loopback support bot")
        page.get_by_label("Type", exact=True).click()
        page.get_by_role("option", name="HTTP webhook").click()
        page.get_by_label("URL", exact=True).fill("not a url")
        page.get_by_role("button", name="Create agent").click()
        expect(page.get_by_text("must be an absolute http or https URL")).to_be_visible()

        page.get_by_label("URL", exact=True).fill(f"{bot.url}/chat")
        page.get_by_label("Reply path", exact=True).fill("data.reply")
        page.get_by_role("button", name="Create agent").click()
        page.wait_for_url(re.compile(r".*/agents/?$"))
        expect(page.get_by_role("link", name="Edit Loopback support bot")).to_be_visible()

        page.get_by_role("button", name="Test connection to Loopback support bot").click()
        expect(page.get_by_role("status").filter(has_text="Reachable")).to_be_visible(timeout=15_000)


def test_an_objective_with_its_own_checks(live_app: LiveApp, signed_in_page: Page) -> None:
    """The checks field takes YAML: a bad pattern is refused on the field, a good one is kept."""
    page = signed_in_page
    problems = PageProblems()
    problems.watch(page)
    page.goto(live_app.base_url + "/objectives/new", wait_until="networkidle")
    page.get_by_label("Name", exact=True).fill("Delivery date, checked")
    page.get_by_label("Goal", exact=True).fill("Find out when order A-10482 will be delivered.")
    page.get_by_label("Success criteria", exact=True).fill("The agent gives the delivery date")
    checks = page.get_by_label("Checks", exact=True)
    checks.fill('- {type: regex, value: "delivered on (", criterion: 0}')
    page.get_by_role("button", name="Create objective").click()
    expect(page.get_by_text("Please correct the fields marked below.")).to_be_visible()
    expect(page.get_by_text(re.compile("not a valid regular expression"))).to_be_visible()

    checks.fill('- {type: regex, value: "delivered on \\\\w+day", criterion: 0}\n- {type: max_latency, value: 5000}')
    page.get_by_role("button", name="Create objective").click()
    page.wait_for_url(re.compile(r".*/objectives/?$"))
    page.get_by_label("Search objectives").fill("Delivery date, checked")
    expect(page.get_by_text(re.compile(r"· 1 item$"))).to_be_visible()
    expect(page.get_by_role("row").filter(has_text="Delivery date, checked").get_by_text("2 checks")).to_be_visible()
    assert problems.items == []


def test_personas_export_import_duplicate_and_delete(live_app: LiveApp, signed_in_page: Page, tmp_path) -> None:
    """The list page's actions that reach the services: export JSON, import that file back,
    duplicate a persona and delete one, each seen in the list's count."""
    page = signed_in_page
    problems = PageProblems()
    problems.watch(page)
    page.goto(live_app.base_url + "/personas", wait_until="networkidle")
    pager = page.get_by_text(re.compile(r"^Page \d+ of \d+ · \d+ items?$"))
    expect(pager).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("button", name="Export JSON").click()
    exported = tmp_path / "personas.json"
    download.value.save_as(exported)
    document = json.loads(exported.read_text())
    items = document["personas"] if isinstance(document, dict) else document
    assert items, document
    expect(pager).to_have_text(re.compile(rf"· {len(items)} items?$"))

    page.locator("#persona-import input[type=file]").set_input_files(exported)
    noun = "persona" if len(items) == 1 else "personas"
    expect(page.get_by_text(f"Imported {len(items)} {noun}.", exact=True).first).to_be_visible()
    expect(pager).to_have_text(re.compile(rf"· {2 * len(items)} items$"))

    name = items[0]["name"]
    everything = pager.inner_text()
    page.get_by_label("Search personas").fill(name)
    expect(pager).not_to_have_text(everything)  # the search has answered
    found = int(pager.inner_text().rsplit("·", 1)[1].split()[0])
    page.get_by_role("button", name=f"Duplicate {name}", exact=True).first.click()
    expect(pager).to_have_text(re.compile(rf"· {found + 1} items$"))
    page.get_by_role("button", name=f"Delete {name}", exact=True).first.click()
    page.get_by_role("button", name="Delete persona", exact=True).click()
    expect(pager).to_have_text(re.compile(rf"· {found} items$"))
    assert problems.items == []
