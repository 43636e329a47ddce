"""In a real browser: start a session from the form and watch its messages arrive live,
then read the verdict (numbered messages, evidence links, checks, blame); stop a running session."""

from __future__ import annotations

import re
import time

import httpx
import pytest
from playwright.sync_api import Page, expect

from app.engine.judge_prompt import PROMPT_VERSION
from tests.support.sessions import OBJECTIVE, PERSONA
from tests.ui.conftest import LiveApp, PageProblems, register_user

pytestmark = pytest.mark.e2e


def _library(live_app: LiveApp, token: str, interval: float) -> dict[str, str]:
    headers = {"Authorization": f"Bearer {token}"}
    persona = {**PERSONA, "name": "Paced Dana", "config": {"messageInterval": interval, "sessionDuration": 120}}
    made = {
        "persona": httpx.post(f"{live_app.base_url}/api/personas", json=persona, headers=headers).json(),
        "objective": httpx.post(
            f"{live_app.base_url}/api/objectives", json={**OBJECTIVE, "config": {"maxTurns": 6}}, headers=headers
        ).json(),  # fmt: skip
    }
    agents = httpx.get(f"{live_app.base_url}/api/agents", headers=headers).json()["data"]
    return {"persona": made["persona"]["name"], "objective": made["objective"]["name"], "agent": agents[0]["name"]}


def _sign_in(page: Page, live_app: LiveApp, token: str) -> None:
    page.context.add_cookies([{"name": "mimic_token", "value": token, "url": live_app.base_url}])


def test_start_a_session_and_watch_messages_arrive(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app)
    names = _library(live_app, user.token, interval=0.8)
    _sign_in(page, live_app, user.token)
    problems = PageProblems()
    problems.watch(page)

    page.goto(live_app.base_url + "/sessions", wait_until="networkidle")
    page.get_by_label("Agent", exact=True).select_option(label=names["agent"])
    page.get_by_label("Persona", exact=True).select_option(label=names["persona"])
    page.get_by_label("Objective", exact=True).select_option(label=names["objective"])
    page.get_by_label("Judge repeats (optional)").fill("3")
    page.get_by_role("button", name="Start session").click()
    page.wait_for_url(re.compile(r".*/sessions/[0-9a-f-]{36}.*"))

    messages = page.get_by_test_id("message")
    expect(messages.first).to_be_visible(timeout=15_000)
    first_seen = messages.count()
    # More arrive without a reload, while the session is still running.
    expect(page.get_by_text("running", exact=True)).to_be_visible()
    expect(messages).not_to_have_count(first_seen, timeout=15_000)
    assert messages.count() > first_seen
    expect(page.get_by_role("heading", name="Verdict")).to_be_visible(timeout=30_000)
    expect(page.get_by_text("completed", exact=True)).to_be_visible()
    expect(page.get_by_test_id("judge-label")).to_contain_text("majority of 3 judgements")  # the form's repeats
    assert page.locator("[data-sender=persona]").count() >= 1 and page.locator("[data-sender=agent]").count() >= 1
    # The transcript in the page is the stored one.
    session_id = page.url.split("/sessions/")[1].split("?")[0].strip("/")
    stored = httpx.get(f"{live_app.base_url}/api/sessions/{session_id}",
                       headers={"Authorization": f"Bearer {user.token}"}).json()  # fmt: skip
    assert messages.count() == len(stored["messages"])
    assert problems.items == []


def test_stop_a_running_session(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app)
    names = _library(live_app, user.token, interval=2.0)
    _sign_in(page, live_app, user.token)
    page.goto(live_app.base_url + "/sessions", wait_until="networkidle")
    page.get_by_label("Agent", exact=True).select_option(label=names["agent"])
    page.get_by_label("Persona", exact=True).select_option(label=names["persona"])
    page.get_by_label("Objective", exact=True).select_option(label=names["objective"])
    page.get_by_role("button", name="Start session").click()
    expect(page.get_by_test_id("message").first).to_be_visible(timeout=15_000)
    page.get_by_role("button", name="Stop").click()
    expect(page.get_by_text("cancelled", exact=True).first).to_be_visible(timeout=15_000)


def test_the_verdict_cites_numbered_messages_with_blame_and_checks(live_app: LiveApp, page: Page) -> None:
    """A finished session's page: numbered messages, each criterion with its evidence as links
    that scroll to the message, the checks as their own rows, the judge's model and prompt
    version, and the outcome with its blame."""
    user = register_user(live_app)
    headers = {"Authorization": f"Bearer {user.token}"}
    api = live_app.base_url + "/api"
    persona = httpx.post(f"{api}/personas", json=PERSONA, headers=headers).json()
    objective = httpx.post(f"{api}/objectives", headers=headers, json={
        "name": "Order number asked", "config": {"maxTurns": 3},
        "definition": {"goal": "Find out when order A-10482 will be delivered.",
                       "successCriteria": ["The agent asks for the order number or the email on the order"]},
        "checks": [{"type": "regex", "value": "(?i)order number|email", "criterion": 0}],
    }).json()  # fmt: skip
    agent = httpx.get(f"{api}/agents", headers=headers).json()["data"][0]
    created = httpx.post(f"{api}/sessions", headers=headers, json={
        "agentId": agent["id"], "personaId": persona["id"], "objectiveId": objective["id"], "autoStart": True,
        "config": {"seed": 2}}).json()  # fmt: skip
    detail = {}
    for _ in range(200):
        detail = httpx.get(f"{api}/sessions/{created['id']}", headers=headers).json()
        if detail["status"] not in ("pending", "running"):
            break
        time.sleep(0.1)
    [criterion] = detail["verdict"]["criteria"]
    cited = [m["sequence"] for m in detail["messages"] if m["id"] in criterion["evidenceMessageIds"]]
    assert criterion["status"] == "met" and cited

    _sign_in(page, live_app, user.token)
    problems = PageProblems()
    problems.watch(page)
    page.goto(f"{live_app.base_url}/sessions/{created['id']}", wait_until="networkidle")
    expect(page.get_by_role("heading", name="Verdict")).to_be_visible(timeout=15_000)
    expect(page.locator("#message-1")).to_contain_text("#1")
    judge = page.get_by_test_id("judge-label")
    expect(judge).to_contain_text(f"mimic/offline (offline simulator) · prompt {PROMPT_VERSION}")
    row = page.get_by_test_id("criterion-row")
    expect(row).to_have_attribute("data-status", "met")
    link = row.get_by_test_id("evidence-link").first
    expect(link).to_have_text(f"#{cited[0]}")
    expect(link).to_have_attribute("href", re.compile(rf"#message-{cited[0]}$"))
    checks = page.get_by_test_id("check-row")
    expect(checks.first).to_be_visible()
    assert checks.count() == len(detail["verdict"]["checks"])
    link.click()
    expect(page.locator(f"#message-{cited[0]}")).to_be_in_viewport()
    if detail["blame"]:
        expect(page.get_by_text(f"blame: {detail['blame']}").first).to_be_visible()
    assert problems.items == []
