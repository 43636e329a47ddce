"""In a real browser: the dashboard and the Analytics page render their plotly charts, with a
table view and a CSV download each, from sessions run over the REST API; no console error."""

from __future__ import annotations

import re
import time

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.ui.conftest import LiveApp, PageProblems

pytestmark = pytest.mark.e2e

TERMINAL = {"completed", "cancelled", "error", "interrupted"}


def _token(page: Page) -> str:
    return next(c["value"] for c in page.context.cookies() if c["name"] == "mimic_token")


def _run_sessions(live_app: LiveApp, token: str, count: int = 4) -> dict[str, str]:
    """A few offline sessions of the starter library's demo hosted agent; waits for them to end."""
    api = httpx.Client(base_url=live_app.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=30)
    agent = api.get("/api/agents").json()["data"][0]
    persona_list = api.get("/api/personas", params={"limit": 3}).json()["data"]
    objective_list = api.get("/api/objectives", params={"limit": 2}).json()["data"]
    ids = []
    for i in range(count):
        body = {"agentId": agent["id"], "personaId": persona_list[i % len(persona_list)]["id"],
                "objectiveId": objective_list[i % len(objective_list)]["id"], "autoStart": True,
                "config": {"seed": i, "maxMessages": 6}}  # fmt: skip
        created = api.post("/api/sessions", json=body)
        assert created.status_code == 201, created.text
        ids.append(created.json()["id"])
    deadline = time.monotonic() + 90
    while any(api.get(f"/api/sessions/{i}").json()["status"] not in TERMINAL for i in ids):
        assert time.monotonic() < deadline, "the sessions did not end in time"
        time.sleep(0.3)
    return {"agent_id": agent["id"], "agent": agent["name"], "persona": persona_list[0]["name"]}


def _charts_drawn(page: Page, count: int) -> None:
    cards = page.get_by_test_id("chart-card")
    expect(cards).to_have_count(count, timeout=30_000)
    # plotly.js drew every one of them (its SVG root exists in each card).
    expect(page.locator("[data-testid=chart-card] .js-plotly-plot .main-svg").first).to_be_visible(timeout=30_000)
    for i in range(count):
        expect(cards.nth(i).locator(".js-plotly-plot .main-svg").first).to_be_attached(timeout=30_000)


def test_dashboard_renders_its_charts(live_app: LiveApp, signed_in_page: Page) -> None:
    page = signed_in_page
    token = _token(page)
    _run_sessions(live_app, token)
    problems = PageProblems()
    problems.watch(page)

    page.goto(live_app.base_url + "/", wait_until="networkidle")
    expect(page.get_by_role("heading", name="Dashboard")).to_be_visible()
    _charts_drawn(page, 4)
    expect(page.get_by_test_id("stat").first).to_contain_text("4")

    # The table view of a chart shows the same figures, one row per day of the range.
    sessions_card = page.locator("[data-chart=sessions-per-day]")
    sessions_card.get_by_role("tab", name="Table").click()
    table = sessions_card.get_by_role("table")
    expect(table).to_be_visible()
    expect(table.get_by_role("row")).to_have_count(31)  # a header and 30 days
    # And its CSV downloads.
    with page.expect_download() as download:
        sessions_card.get_by_role("button", name="Download Sessions per day as CSV").click()
    assert download.value.suggested_filename.startswith("mimic-sessions-per-day-")
    lines = open(download.value.path(), encoding="utf-8").read().splitlines()
    assert lines[0].startswith("Date,Sessions,Passed,Failed") and len(lines) == 31
    assert sum(int(line.split(",")[1]) for line in lines[1:]) == 4

    # The failed sessions of the range link to their pages, as the API lists them.
    overview = httpx.get(f"{live_app.base_url}/api/analytics/overview", headers={"Authorization": f"Bearer {token}"})
    failures = overview.json()["recentFailures"]
    for failure in failures:
        expect(page.locator(f'a[href="/sessions/{failure["id"]}"]').first).to_be_visible()
    if not failures:
        expect(page.get_by_text("No failed session in the last 30 days.")).to_be_visible()
    assert problems.items == []


def test_analytics_page_renders_its_charts_and_filters(live_app: LiveApp, signed_in_page: Page) -> None:
    page = signed_in_page
    names = _run_sessions(live_app, _token(page))
    problems = PageProblems()
    problems.watch(page)

    page.goto(live_app.base_url + "/analytics", wait_until="networkidle")
    expect(page.get_by_role("heading", name="Analytics", exact=True)).to_be_visible()
    _charts_drawn(page, 6)  # with the judge's flip rate (no repeated judgement yet: "—")
    expect(page.get_by_test_id("judge-stability")).to_contain_text("Flip rate —: 0 of 0 criteria")
    heatmap = page.locator("[data-chart=persona-objective]")
    heatmap.get_by_role("tab", name="Table").click()
    expect(heatmap.get_by_role("table")).to_contain_text(names["persona"])

    # One agent: the figures follow, and its printable report is one click away.
    expect(page.get_by_text("Choose an agent for its printable report.")).to_be_visible()
    page.get_by_label("Agent", exact=True).select_option(label=names["agent"])
    report = page.get_by_role("link", name="Printable report")
    expect(report).to_be_visible()
    href = report.get_attribute("href")
    assert href and f"/api/analytics/agents/{names['agent_id']}/report?" in href
    # The link opens with the dashboard's cookie; its charts are PNG images made by kaleido.
    response = page.request.get(live_app.base_url + href)
    assert response.status == 200 and "data:image/png;base64," in response.text()
    assert names["agent"] in response.text()
    # Opened as a page, its Print button works under the page's own policy (no inline handler).
    report_page = page.context.new_page()
    report_problems = PageProblems()
    report_problems.watch(report_page)
    report_page.goto(live_app.base_url + href, wait_until="networkidle")
    report_page.evaluate("window.print = () => { window.mimicPrinted = true; }")  # no dialog in a test
    report_page.get_by_role("button", name="Print").click()
    assert report_page.evaluate("window.mimicPrinted === true")
    assert report_problems.items == []
    report_page.close()

    # A reversed range says so in a sentence, and the figures of the previous range go away.
    page.get_by_label("From", exact=True).fill("2026-03-10")
    page.get_by_label("To", exact=True).fill("2026-03-01")
    page.get_by_role("button", name="Apply").click()
    sentence = "The range starts on 10 March 2026, after it ends on 1 March 2026"
    expect(page.get_by_text(sentence)).to_be_visible()
    expect(page.get_by_test_id("chart-card")).to_have_count(0)
    expect(page.get_by_test_id("stat")).to_have_count(0)
    expect(page.get_by_role("link", name="Printable report")).to_have_count(0)
    page.get_by_role("button", name="30 days").click()
    expect(page.get_by_text(sentence)).to_have_count(0)
    _charts_drawn(page, 6)
    assert problems.items == []


def test_analytics_filters_live_in_the_url(live_app: LiveApp, signed_in_page: Page) -> None:
    """A filtered view is a link: it survives a reload, and back and forward walk through the views."""
    page = signed_in_page
    names = _run_sessions(live_app, _token(page), count=2)
    problems = PageProblems()
    problems.watch(page)
    page.goto(live_app.base_url + "/analytics", wait_until="networkidle")
    _charts_drawn(page, 6)

    page.get_by_label("Agent", exact=True).select_option(label=names["agent"])
    page.wait_for_url(re.compile(rf".*/analytics/?\?agentId={names['agent_id']}$"))
    page.get_by_role("button", name="7 days").click()
    page.wait_for_url(re.compile(r".*startDate=\d{4}-\d{2}-\d{2}.*"))
    seven_days = page.url
    start = page.get_by_label("From", exact=True).input_value()
    assert f"startDate={start}" in seven_days and f"agentId={names['agent_id']}" in seven_days

    page.reload(wait_until="networkidle")
    expect(page.get_by_label("Agent", exact=True)).to_have_value(names["agent_id"])
    expect(page.get_by_label("From", exact=True)).to_have_value(start)
    expect(page.get_by_role("link", name="Printable report")).to_be_visible()
    _charts_drawn(page, 6)

    # Opened fresh from the link, as a colleague would.
    other = page.context.new_page()
    other.goto(seven_days, wait_until="networkidle")
    expect(other.get_by_label("Agent", exact=True)).to_have_value(names["agent_id"])
    expect(other.get_by_label("From", exact=True)).to_have_value(start)
    other.close()

    page.go_back()
    page.wait_for_url(re.compile(rf".*/analytics/?\?agentId={names['agent_id']}$"))
    expect(page.get_by_label("Agent", exact=True)).to_have_value(names["agent_id"])
    expect(page.get_by_label("From", exact=True)).not_to_have_value(start)  # the default 30 days again
    page.go_back()
    page.wait_for_url(re.compile(r".*/analytics/?$"))
    expect(page.get_by_label("Agent", exact=True)).to_have_value("")
    page.go_forward()
    expect(page.get_by_label("Agent", exact=True)).to_have_value(names["agent_id"])
    assert problems.items == []
