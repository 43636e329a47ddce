"""In a real browser: a call with the starter library's demo voice agent (run inside Mimic,
offline), started from the form with the library's impatient caller on a busy street, then
the call panel: the recording plays (through the dashboard's cookie), the timeline shows who
spoke when, a message plays the recording from where it was said, the figures are there."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.ui.conftest import LiveApp, PageProblems, register_user

pytestmark = pytest.mark.e2e

DEMO_AGENT = "Acme Outfitters phone line (voice demo)"
STREET_CALLER = "Ravi Menon (impatient power user)"


def test_a_voice_session_with_the_demo_agent(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app)
    headers = {"Authorization": f"Bearer {user.token}"}
    goal = {"goal": "Ask how long a refund takes", "successCriteria": ["A duration is given"]}
    objective = {"name": "Short call about a refund", "config": {"maxTurns": 2}, "definition": goal}
    assert httpx.post(f"{live_app.base_url}/api/objectives", json=objective, headers=headers).status_code == 201

    page.context.add_cookies([{"name": "mimic_token", "value": user.token, "url": live_app.base_url}])
    problems = PageProblems()
    problems.watch(page)
    page.goto(live_app.base_url + "/sessions", wait_until="networkidle")
    page.get_by_label("Agent", exact=True).select_option(label=DEMO_AGENT)
    page.get_by_label("Persona", exact=True).select_option(label=STREET_CALLER)
    page.get_by_label("Objective", exact=True).select_option(label="Short call about a refund")
    page.get_by_role("button", name="Start session").click()
    page.wait_for_url(re.compile(r".*/sessions/[0-9a-f-]{36}.*"))

    panel = page.get_by_test_id("voice-panel")
    expect(panel).to_be_visible(timeout=150_000)
    expect(page.get_by_text("completed", exact=True)).to_be_visible()
    player = page.locator("#voice-recording")
    source = player.get_attribute("src")
    loaded = page.evaluate("src => fetch(src).then(r => [r.status, r.headers.get('content-type')])", source)
    assert loaded == [200, "audio/wav"]
    assert page.get_by_test_id("voice-bar").count() >= 3  # the agent's greeting and answers, the persona's turns
    expect(panel.get_by_text("Time to first audio (p50)")).to_be_visible()

    # A message plays the recording from where it was said.
    messages = page.get_by_test_id("message")
    second = messages.nth(1)
    second.get_by_role("button", name="Play this message").click()
    page.wait_for_function("() => document.getElementById('voice-recording').currentTime > 0.5")
    assert problems.items == []
