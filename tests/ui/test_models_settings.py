"""In a real browser: an admin configures a provider in Settings → Models, tests it against
an OpenAI-compatible server on 127.0.0.1, and its models appear in the model pickers."""

from __future__ import annotations

import pytest
from playwright.sync_api import Page, expect

from tests.support.openai_stub import OpenAIStub
from tests.ui.conftest import LiveApp, PageProblems

pytestmark = pytest.mark.e2e

KEY = "sk-ui-provider-key-987654"


def test_configure_and_test_a_provider_then_pick_its_model(live_app: LiveApp, signed_in_page: Page) -> None:
    page = signed_in_page
    problems = PageProblems()
    problems.watch(page)
    with OpenAIStub(script=lambda r: "pong", required_key=KEY) as stub:
        page.goto(live_app.base_url + "/settings", wait_until="networkidle")
        page.get_by_role("tab", name="Models").click()
        expect(page.get_by_role("cell", name="OpenAI", exact=True)).to_be_visible()
        page.get_by_label("API key", exact=True).fill(KEY)
        page.get_by_label("Base URL / endpoint").fill(stub.base_url)
        page.get_by_role("button", name="Save provider").click()
        expect(page.get_by_text("configured", exact=True).first).to_be_visible()
        expect(page.get_by_text("apiKey: ••••••••7654")).to_be_visible()
        assert KEY not in page.content()

        page.get_by_label("Model to test").fill("openai/gpt-4o-mini")
        page.get_by_role("button", name="Test", exact=True).click()
        expect(page.get_by_role("status").filter(has_text="answered in")).to_be_visible(timeout=15_000)
        assert stub.chat_requests[-1].authorization == f"Bearer {KEY}"

    page.goto(live_app.base_url + "/sessions", wait_until="networkidle")
    model_input = page.get_by_label("Model (persona simulator)")
    expect(model_input).to_have_attribute("list", "mimic-model-options")
    options = page.locator("#mimic-model-options option")
    values = options.evaluate_all("nodes => nodes.map(n => n.value)")
    assert "mimic/offline" in values and "openai/gpt-4o-mini" in values
    label = page.locator('#mimic-model-options option[value="openai/gpt-4o-mini"]').get_attribute("label") or ""
    label = label or page.locator('#mimic-model-options option[value="openai/gpt-4o-mini"]').inner_text()
    assert "openai" in label and "/M" in label and "vision" in label
    assert problems.items == []
