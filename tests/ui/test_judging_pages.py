"""In a real browser: judge a session again, review it (a criterion overruled with a note, a
missed finding added), find it among the reviewed sessions of the queue, build a calibration
set from the reviewed sessions, run the judge over it, and read the report: the side-by-side
figures, the confusion matrix and the case the judge got wrong with both readings."""

from __future__ import annotations

import time

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.support.judging import UNDECIDED_OBJECTIVE
from tests.support.sessions import PERSONA
from tests.ui.conftest import LiveApp, PageProblems, register_user

pytestmark = pytest.mark.e2e


def _ended_session(live_app: LiveApp, token: str) -> dict:
    """A session of the demo agent that the offline judge cannot decide (inconclusive)."""
    headers = {"Authorization": f"Bearer {token}"}
    api = live_app.base_url + "/api"
    persona = httpx.post(f"{api}/personas", json=PERSONA, headers=headers).json()
    objective = httpx.post(f"{api}/objectives", json=UNDECIDED_OBJECTIVE, headers=headers).json()
    agent = httpx.get(f"{api}/agents", headers=headers).json()["data"][0]
    created = httpx.post(f"{api}/sessions", headers=headers, json={
        "agentId": agent["id"], "personaId": persona["id"], "objectiveId": objective["id"], "autoStart": True,
        "config": {"seed": 3}}).json()  # fmt: skip
    for _ in range(300):
        detail = httpx.get(f"{api}/sessions/{created['id']}", headers=headers).json()
        if detail["status"] not in ("pending", "running"):
            return detail
        time.sleep(0.1)
    raise AssertionError("the session did not end")


def _choose(page: Page, label: str, option: str) -> None:
    page.get_by_label(label, exact=True).click()
    page.get_by_role("option", name=option, exact=True).click()


def test_review_build_a_set_from_reviews_calibrate_and_read_the_report(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app)
    session = _ended_session(live_app, user.token)
    assert session["outcome"] == "inconclusive"
    page.context.add_cookies([{"name": "mimic_token", "value": user.token, "url": live_app.base_url}])
    problems = PageProblems()
    problems.watch(page)

    # Judge it again (the offline judge): a second judgement is listed.
    page.goto(f"{live_app.base_url}/sessions/{session['id']}", wait_until="networkidle")
    expect(page.get_by_test_id("judgement-row")).to_have_count(1, timeout=15_000)
    expect(page.get_by_test_id("judge-calibration")).to_contain_text("never been calibrated")
    page.get_by_test_id("rejudge").click()
    page.get_by_label("Repeats", exact=True).fill("3")
    page.get_by_test_id("rejudge-submit").click()
    expect(page.get_by_test_id("judgement-row")).to_have_count(2, timeout=20_000)
    expect(page.get_by_test_id("judgement-row").first).to_contain_text("rejudge")
    expect(page.get_by_test_id("agreement").first).to_contain_text("3/3")

    # Review it: the reviewer reads the date the offline judge could not, and adds a finding.
    criterion = page.get_by_test_id("review-criterion")
    expect(criterion).to_have_count(1)
    _choose(page, "Your reading", "Met")
    criterion.get_by_label("Note", exact=True).fill("The agent names the delivery day.")
    page.get_by_label("What happened", exact=True).fill("Took a while to get to the point.")
    page.get_by_label("Messages", exact=True).fill("2")
    _choose(page, "Severity", "low")
    page.get_by_test_id("add-finding").click()
    expect(page.get_by_test_id("added-finding")).to_have_count(1)
    page.get_by_test_id("save-review").click()
    expect(page.get_by_test_id("last-review")).to_contain_text(user.email, timeout=15_000)
    expect(page.get_by_test_id("review-override")).to_contain_text("passed")
    headers = {"Authorization": f"Bearer {user.token}"}
    [review] = httpx.get(f"{live_app.base_url}/api/sessions/{session['id']}/reviews", headers=headers).json()
    assert review["criteria"][0]["status"] == "met" and review["criteria"][0]["note"].startswith("The agent names")
    assert review["addedFindings"][0]["evidence"] == [session["messages"][1]["id"]]

    # The queue: waiting sessions by default; the reviewed one under "Already reviewed".
    page.goto(f"{live_app.base_url}/reviews", wait_until="networkidle")
    expect(page.get_by_text("Nothing waits for a review with these filters.")).to_be_visible(timeout=15_000)
    page.get_by_text("Already reviewed", exact=True).click()
    expect(page.get_by_test_id("queue-row")).to_have_count(1, timeout=15_000)

    # Build a calibration set from the reviewed sessions, run the offline judge over it, read the report.
    page.goto(f"{live_app.base_url}/calibration", wait_until="networkidle")
    page.get_by_label("Name of the new set", exact=True).fill("Reviewed in the browser")
    page.get_by_test_id("build-from-reviews").click()
    expect(page.get_by_test_id("calibration-set")).to_contain_text("1 cases · 1 criteria", timeout=15_000)
    page.get_by_test_id("start-calibration").click()
    title = page.get_by_test_id("report-title")
    expect(title).to_contain_text("on “Reviewed in the browser”: accuracy 0.0%", timeout=30_000)
    rows = page.get_by_test_id("confusion-row")
    expect(rows.nth(0)).to_contain_text("met")
    assert [rows.nth(0).locator("td").nth(i).inner_text() for i in range(4)] == ["met", "0", "0", "1"]
    wrong = page.get_by_test_id("wrong-case")
    expect(wrong).to_have_count(1)
    expect(wrong).to_contain_text("The agent names the delivery day.")  # the label's reading
    expect(wrong).to_contain_text("inconclusive")  # the judge's
    expect(page.get_by_test_id("compare-row").nth(1)).to_contain_text("Cohen's kappa")
    expect(page.get_by_test_id("report-row")).to_have_count(1)
    assert problems.items == []


CONVERSATION = """reference: chat-1042
persona: {name: Dana}
objective:
  goal: Find out when order A-10482 arrives.
  successCriteria: [The agent gives the delivery date]
  checks: [{type: regex, value: "arrives on \\\\w+day", criterion: 0}]
transcript:
  - {senderType: persona, content: "When does order A-10482 arrive?"}
  - {senderType: agent, content: "It arrives on Friday. It goes to maria.lopez@example.org, 14 Oak Avenue."}
"""


def test_judge_a_pasted_conversation_and_read_it_back(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app)
    page.context.add_cookies([{"name": "mimic_token", "value": user.token, "url": live_app.base_url}])
    problems = PageProblems()
    problems.watch(page)
    page.goto(f"{live_app.base_url}/reviews", wait_until="networkidle")
    page.get_by_role("link", name="Judged conversations").click()
    page.wait_for_url(f"{live_app.base_url}/judgements")

    # A bad paste is refused with the field named, and nothing is judged.
    page.get_by_label("Conversation (JSON or YAML)").fill("persona: {name: Dana}\ntranscript: []")
    page.get_by_test_id("judge-conversation").click()
    expect(page.get_by_role("alert")).to_contain_text("objective", timeout=15_000)
    expect(page.get_by_test_id("judged-row")).to_have_count(0)

    page.get_by_label("Conversation (JSON or YAML)").fill(CONVERSATION)
    page.get_by_test_id("judge-conversation").click()
    expect(page.get_by_test_id("judged-row")).to_have_count(1, timeout=20_000)
    expect(page.get_by_test_id("judged-row")).to_contain_text("chat-1042")
    expect(page.get_by_test_id("judged-row")).to_contain_text("data-disclosure")
    # The conversation opens at once: the transcript with the ids the evidence cites, beside the verdict.
    expect(page.get_by_test_id("judged-title")).to_have_text("chat-1042")
    expect(page.get_by_test_id("judged-message")).to_have_count(2)
    expect(page.get_by_test_id("judged-message").nth(1)).to_contain_text("m2")
    criterion = page.get_by_test_id("judged-criterion").first
    expect(criterion).to_contain_text("The agent gives the delivery date")
    expect(criterion).to_contain_text("Evidence: m2")
    expect(page.get_by_test_id("judged-finding").first).to_contain_text("data-disclosure")

    # Read back after a reload, from the list.
    page.reload(wait_until="networkidle")
    page.get_by_role("button", name="Open chat-1042").click()
    expect(page.get_by_test_id("judged-message")).to_have_count(2, timeout=15_000)
    headers = {"Authorization": f"Bearer {user.token}"}
    listed = httpx.get(f"{live_app.base_url}/api/judgements", headers=headers).json()
    assert listed["pagination"]["total"] == 1 and listed["data"][0]["verdict"]["outcome"] == "failed"
    assert problems.items == []
