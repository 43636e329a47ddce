"""In a real browser: a session page from verdict to export and re-run (the exports download,
a citation scrolls to its message and highlights it, the facts and the spending per role, the
labelled badges, Run again), a session that ended on a target error, a cancelled run's honest
figures (on its page, the suites list and the dashboard, with its JUnit download and CLI
command), and the compare page's changed cells side by side."""

from __future__ import annotations

import json
import re
import time
import xml.etree.ElementTree as ET
from pathlib import Path

import httpx
import pytest
from playwright.sync_api import Page, expect

from app.services import run_stats
from tests.support.loopback import LoopbackServer
from tests.support.sessions import PERSONA
from tests.support.suites import SuiteApi, topic_bot
from tests.ui.conftest import LiveApp, PageProblems, register_user

pytestmark = pytest.mark.e2e

# The offline judge decides this criterion with the objective's check, citing the agent's reply.
OBJECTIVE = {
    "name": "Ask for the order number",
    "definition": {"goal": "Find out when order A-10482 will be delivered.",
                   "successCriteria": ["The agent asks for the order number or the email on the order"]},
    "checks": [{"type": "regex", "value": "(?i)order number|email", "criterion": 0}],
}  # fmt: skip


def _sign_in(page: Page, live_app: LiveApp, token: str) -> None:
    page.context.add_cookies([{"name": "mimic_token", "value": token, "url": live_app.base_url}])


def _wait_session(api: str, headers: dict, session_id: str) -> dict:
    for _ in range(300):
        detail = httpx.get(f"{api}/sessions/{session_id}", headers=headers).json()
        if detail["status"] not in ("pending", "running"):
            return detail
        time.sleep(0.1)
    raise AssertionError("the session did not end")


def _downloaded(page: Page, testid: str) -> tuple[str, str]:
    with page.expect_download() as info:
        page.get_by_test_id(testid).click()
    download = info.value
    assert download.failure() is None, download.failure()
    return download.suggested_filename, Path(download.path()).read_text()


def test_a_session_from_verdict_to_export_and_run_again(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app, "Session Lead")
    headers = {"Authorization": f"Bearer {user.token}"}
    api = live_app.base_url + "/api"
    persona = httpx.post(f"{api}/personas", headers=headers, json=PERSONA).json()
    objective = httpx.post(f"{api}/objectives", headers=headers, json=OBJECTIVE).json()
    agent = httpx.get(f"{api}/agents", headers=headers).json()["data"][0]
    created = httpx.post(f"{api}/sessions", headers=headers, json={
        "agentId": agent["id"], "personaId": persona["id"], "objectiveId": objective["id"], "autoStart": True,
        "config": {"seed": 5}}).json()  # fmt: skip
    detail = _wait_session(api, headers, created["id"])
    [criterion] = detail["verdict"]["criteria"]
    cited = [m["sequence"] for m in detail["messages"] if m["id"] in criterion["evidenceMessageIds"]]
    assert detail["status"] == "completed" and cited
    usage = httpx.get(f"{api}/sessions/{created['id']}/usage", headers=headers).json()

    _sign_in(page, live_app, user.token)
    problems = PageProblems()
    problems.watch(page)
    page.goto(f"{live_app.base_url}/sessions/{created['id']}", wait_until="networkidle")
    expect(page.get_by_role("heading", name="Verdict")).to_be_visible(timeout=15_000)

    # Labelled badges: which one is the status, which the outcome.
    expect(page.get_by_test_id("session-status")).to_have_text("completed")
    expect(page.get_by_test_id("session-status").locator("xpath=..")).to_have_text("Statuscompleted")
    expect(page.get_by_test_id("session-outcome")).to_have_text(detail["outcome"])
    expect(page.get_by_test_id("session-outcome").locator("xpath=..")).to_have_text("Outcome" + detail["outcome"])
    # The facts: the model of each role, the seed, the start, duration, turns, tokens, cost.
    facts = page.get_by_test_id("session-fact")
    expect(facts.filter(has_text="Persona simulator")).to_contain_text("mimic/offline")
    expect(facts.filter(has_text="Judge")).to_contain_text("mimic/offline")
    expect(facts.filter(has_text="Seed")).to_contain_text("5")
    turns = sum(1 for m in detail["messages"] if m["senderType"] == "persona")
    messages = len(detail["messages"])
    expect(facts.filter(has_text="Turns")).to_contain_text(f"{turns} persona turns · {messages} messages")
    expect(facts.filter(has_text="Started")).to_contain_text(detail["metadata"]["startTime"][:10])
    expect(facts.filter(has_text="Tokens")).to_contain_text(f"{detail['totalTokens']:,}")
    # Spending per role, as GET /usage gives it.
    rows = page.get_by_test_id("usage-row")
    expect(rows).to_have_count(len(usage))
    names = {"simulator": "Persona simulator", "judge": "Judge", "agent": "Agent (hosted model)"}
    for row, role in zip(rows.all(), usage, strict=True):
        expect(row).to_contain_text(names[role["role"]])
        expect(row).to_contain_text(str(role["calls"]))
    # Messages are numbered, each with the model, tokens and cost of the call that wrote it.
    expect(page.get_by_test_id("message")).to_have_count(len(detail["messages"]))
    first = detail["messages"][0]
    tokens = first["promptTokens"] + first["completionTokens"]
    expect(page.locator("#message-1").get_by_test_id("message-usage")).to_contain_text(
        f"{tokens} tokens ({first['promptTokens']} in, {first['completionTokens']} out)"
    )
    expect(page.locator("#message-1")).to_contain_text("#1")

    # The exports download, with the session in them.
    name, body = _downloaded(page, "export-json")
    exported = json.loads(body)
    assert name == f"mimic-session-{created['id']}.json"
    assert exported["id"] == created["id"]
    assert [m["content"] for m in exported["messages"]] == [m["content"] for m in detail["messages"]]
    name, body = _downloaded(page, "export-markdown")
    text = re.sub(r"\\(.)", r"\1", body)  # the Markdown escapes what the models wrote
    assert name == f"mimic-session-{created['id']}.md" and body.startswith(f"# Session {created['id']}")
    assert f"Persona: {PERSONA['name']}" in text
    assert detail["messages"][0]["content"].splitlines()[0][:40] in text

    # A citation scrolls to its message and highlights it.
    page.evaluate("window.scrollTo(0, document.body.scrollHeight)")
    link = page.get_by_test_id("criterion-row").get_by_test_id("evidence-link").first
    expect(link).to_have_text(f"#{cited[0]}")
    link.click()
    target = page.locator(f"#message-{cited[0]}")
    expect(target).to_be_in_viewport()
    assert page.evaluate("location.hash") == f"#message-{cited[0]}"
    assert target.evaluate("el => el.matches(':target')")
    outline = target.evaluate("el => getComputedStyle(el.firstElementChild).outlineStyle")
    assert outline == "solid"
    other = page.locator("[data-testid=message]").filter(has_not=page.locator(f"#message-{cited[0]}")).first
    assert other.evaluate("el => getComputedStyle(el.firstElementChild).outlineStyle") == "none"

    # Re-judge is offered beside the exports; Run again opens a new session with the same settings.
    expect(page.get_by_test_id("rejudge")).to_be_enabled()
    page.get_by_test_id("run-again").click()
    page.wait_for_url(re.compile(r"/sessions/(?!" + created["id"] + r")[\w-]+$"), timeout=15_000)
    new_id = page.url.rstrip("/").rsplit("/", 1)[-1]
    again = _wait_session(api, headers, new_id)
    assert (again["personaId"], again["objectiveId"], again["agentId"]) == (persona["id"], objective["id"], agent["id"])
    assert again["config"]["seed"] == 5 and again["llmConfig"]["model"] == detail["llmConfig"]["model"]
    expect(page.get_by_test_id("session-status")).to_have_text("completed", timeout=20_000)
    assert problems.items == []


def test_a_session_that_ended_on_a_target_error_says_so(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app, "Error Reader")
    headers = {"Authorization": f"Bearer {user.token}"}
    api = live_app.base_url + "/api"
    persona = httpx.post(f"{api}/personas", headers=headers, json=PERSONA).json()
    objective = httpx.post(f"{api}/objectives", headers=headers, json=OBJECTIVE).json()
    with LoopbackServer(topic_bot({"broken": {"order": "error"}})) as bot:
        agent = httpx.post(f"{api}/agents", headers=headers, json={
            "name": "Down bot", "type": "http",
            "config": {"url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 5}}).json()  # fmt: skip
        created = httpx.post(f"{api}/sessions", headers=headers, json={
            "agentId": agent["id"], "personaId": persona["id"], "objectiveId": objective["id"],
            "autoStart": True}).json()  # fmt: skip
        detail = _wait_session(api, headers, created["id"])
    assert detail["status"] == "error" and detail["endReason"] == "target_error"

    _sign_in(page, live_app, user.token)
    problems = PageProblems()
    problems.watch(page)
    page.goto(f"{live_app.base_url}/sessions/{created['id']}", wait_until="networkidle")
    callout = page.get_by_test_id("infrastructure-error")
    expect(callout).to_be_visible(timeout=15_000)
    expect(callout).to_contain_text("Infrastructure error (not counted against the agent)")
    expect(callout).to_contain_text("Target error")
    expect(page.get_by_test_id("end-reason")).to_have_text("Ended: Target error")
    expect(page.get_by_test_id("session-outcome")).to_have_text("infrastructure error")
    expect(page.get_by_text("target_error")).to_have_count(0)  # the code never shows as such
    assert problems.items == []


def _suite(api: SuiteApi, url: str, repeats: int) -> dict:
    personas, objectives = api.library()
    agent_id = api.agent("http", {"url": url, "replyPath": "data.reply", "timeoutSeconds": 5})
    return api.post("/api/suites", {"name": "Support regression", "agentId": agent_id, "personaIds": personas,
                                    "objectiveIds": objectives, "repeats": repeats,
                                    "config": {"seed": 11}})  # fmt: skip


def test_a_cancelled_run_shows_its_honest_figures(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app, "Run Lead")
    api = SuiteApi(live_app.base_url, {"Authorization": f"Bearer {user.token}"})
    # The first conversation is answered at once, every other one slowly: when the first session
    # has ended the others are surely still talking (with every reply equally slow, the sessions
    # could all end together, before the cancel arrives).
    first: list[str] = []

    def delay(body: dict) -> float:
        if not first:
            first.append(body.get("sessionId"))
        return 0 if body.get("sessionId") == first[0] else 0.8

    state: dict = {"delay": delay}
    with LoopbackServer(topic_bot(state)) as bot:
        suite = _suite(api, f"{bot.url}/chat", repeats=6)
        run = api.post(f"/api/suites/{suite['id']}/run")
        deadline = time.monotonic() + 60
        while api.get(f"/api/runs/{run['id']}")["progress"]["done"] < 1 and time.monotonic() < deadline:
            time.sleep(0.05)
        api.post(f"/api/runs/{run['id']}/cancel")
        ended = api.wait_run(run["id"])
    p, overall = ended["progress"], ended["overall"]
    assert ended["status"] == "cancelled" and p["cancelled"] > 0 and p["done"] >= 1
    assert p["done"] + p["cancelled"] == p["total"] == 24

    _sign_in(page, live_app, user.token)
    problems = PageProblems()
    problems.watch(page)
    page.goto(f"{live_app.base_url}/runs/{run['id']}", wait_until="networkidle")
    sentence = f"{p['done']} of 24 done, {p['cancelled']} cancelled"
    expect(page.get_by_test_id("run-progress")).to_have_text(sentence, timeout=15_000)
    expect(page.get_by_test_id("cancelled-note")).to_contain_text(sentence)
    expect(page.get_by_text("24 of 24 done")).to_have_count(0)
    expect(page.get_by_test_id("stat-judged")).to_contain_text(f"{overall['passed']} / {overall['n']}")
    expect(page.get_by_test_id("stat-judged")).to_contain_text("passed / judged")
    rate = "—" if overall["passRate"] is None else f"{overall['passRate'] * 100:.1f}%"
    expect(page.get_by_test_id("stat-pass-rate")).to_contain_text(rate)
    if overall["n"]:
        expect(page.get_by_test_id("stat-pass-rate")).to_contain_text(f"of {overall['n']} judged session")
    # CI: the JUnit XML downloads, and the CLI command runs the suite again.
    name, body = _downloaded(page, "junit-download")
    assert name == f"mimic-run-{run['id']}.xml"
    cases = list(ET.fromstring(body).iter("testcase"))
    assert len(cases) == 24 and sum(1 for c in cases if c.find("skipped") is not None) >= p["cancelled"]
    expect(page.get_by_test_id("cli-command")).to_have_text(f"mimic run {suite['id']} --wait --junit mimic-junit.xml")

    # The lists say the same: the suites page's recent runs and the dashboard.
    for path in ("/suites", "/"):
        page.goto(live_app.base_url + path, wait_until="networkidle")
        row = page.get_by_test_id("run-row").first
        expect(row).to_have_attribute("data-status", "cancelled", timeout=15_000)
        expect(row).to_contain_text("cancelled")
        expect(row.get_by_test_id("run-row-progress")).to_have_text(sentence)
    assert run_stats.progress_sentence(24, p["done"], p["cancelled"]) == sentence
    assert problems.items == []


def test_compare_shows_changed_cells_side_by_side(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app, "Compare Lead")
    api = SuiteApi(live_app.base_url, {"Authorization": f"Bearer {user.token}"})
    state: dict = {}
    with LoopbackServer(topic_bot(state)) as bot:
        suite = _suite(api, f"{bot.url}/chat", repeats=1)
        baseline = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
        state["broken"] = {"order": "unhelpful"}  # the agent's order tracking breaks
        current = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
    cells = api.get(f"/api/runs/{current['id']}/compare/{baseline['id']}/transcripts")
    assert [c["change"] for c in cells] == ["regressed", "regressed"]
    rows = [r for c in cells for r in c["changedRows"]]
    assert rows and all(r["baselineStatus"] == "met" and r["currentStatus"] == "not_met" for r in rows)

    _sign_in(page, live_app, user.token)
    problems = PageProblems()
    problems.watch(page)
    page.goto(f"{live_app.base_url}/runs/{current['id']}/compare/{baseline['id']}", wait_until="networkidle")
    shown = page.get_by_test_id("changed-cell")
    expect(shown).to_have_count(2, timeout=15_000)
    for cell, data in zip(shown.all(), cells, strict=True):
        expect(cell).to_contain_text(f"{data['personaName']} × {data['objectiveName']}")
        row = cell.get_by_test_id("changed-verdict-row")
        expect(row).to_have_count(len(data["changedRows"]))
        expect(row.first).to_have_attribute("data-before", "met")
        expect(row.first).to_have_attribute("data-after", "not_met")
        before, after = cell.get_by_test_id("baseline-transcript"), cell.get_by_test_id("current-transcript")
        expect(before.get_by_test_id("compare-message")).to_have_count(len(data["baseline"]["messages"]))
        expect(after.get_by_test_id("compare-message")).to_have_count(len(data["current"]["messages"]))
        expect(before).to_contain_text("delivered on Friday")  # the baseline's helpful answer
        expect(after).to_contain_text("Sorry, I cannot help with that.")  # this run's
        # Side by side: the two transcripts share a row.
        box_before, box_after = before.bounding_box(), after.bounding_box()
        assert box_before["x"] < box_after["x"] and abs(box_before["y"] - box_after["y"]) < 5
    assert problems.items == []
