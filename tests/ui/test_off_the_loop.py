"""In a real browser on the served app: while an agent's connection test waits for an agent
that has not answered yet, the same page still searches and pages a large agent list (the
test runs off the event loop and outside the state lock); once the agent answers, its result
shows. The agent is a loopback server that holds the probe until the test lets it go."""

from __future__ import annotations

import asyncio
import re
import threading

import httpx
import pytest
from fastapi import FastAPI
from playwright.sync_api import Page, expect

from tests.support.loopback import LoopbackServer
from tests.ui.conftest import LiveApp, PageProblems, register_user

pytestmark = pytest.mark.e2e

BULK = 259  # with the held agent, 260 agents more than the workspace starts with
# How long the page and the target may take to show something on a loaded 2-core machine;
# waits for a visible outcome, not a measure of speed.
SHOWN_MS = 60_000


def held_bot(arrived: threading.Event, release: threading.Event) -> FastAPI:
    """An HTTP agent that answers each message only once `release` is set."""
    app = FastAPI()

    @app.post("/chat")
    async def chat():
        arrived.set()
        await asyncio.to_thread(release.wait)
        return {"data": {"reply": "Sorry for the wait, how can I help?"}}

    return app


def _create_agents(live_app: LiveApp, token: str, bot_url: str) -> int:
    """Creates the agents (the held one last, so newest); returns how many the workspace has."""
    config = {"url": f"{bot_url}/chat", "replyPath": "data.reply", "timeoutSeconds": 300}
    with httpx.Client(base_url=live_app.base_url, headers={"Authorization": f"Bearer {token}"}, timeout=60) as http:
        for number in range(BULK):
            body = {"name": f"Bulk agent {number:03d}", "type": "http", "config": config}
            created = http.post("/api/agents", json=body)
            assert created.status_code == 201, created.text
        held = http.post("/api/agents", json={"name": "Held bot", "type": "http", "config": config})
        assert held.status_code == 201, held.text
        return http.get("/api/agents", params={"limit": 1}).json()["pagination"]["total"]


def test_the_agent_list_works_while_a_connection_test_waits(live_app: LiveApp, page: Page) -> None:
    arrived, release = threading.Event(), threading.Event()
    user = register_user(live_app)
    page.context.add_cookies([{"name": "mimic_token", "value": user.token, "url": live_app.base_url}])
    problems = PageProblems()
    problems.watch(page)
    with LoopbackServer(held_bot(arrived, release)) as bot:
        try:
            total = _create_agents(live_app, user.token, bot.url)
            everything = f"Page 1 of {-(-total // 20)} · {total} items"
            page.goto(live_app.base_url + "/agents", wait_until="networkidle")
            pager = page.get_by_text(re.compile(r"^Page \d+ of \d+ · \d+ items?$"))
            expect(pager).to_have_text(everything, timeout=SHOWN_MS)
            search = page.get_by_label("Search agents")

            search.fill("Held bot")
            expect(pager).to_have_text("Page 1 of 1 · 1 item", timeout=SHOWN_MS)
            page.get_by_role("button", name="Test connection to Held bot").click()
            assert arrived.wait(timeout=SHOWN_MS / 1000), "the connection test never reached the agent"

            # The agent holds the test; the same page keeps answering.
            search.fill("Bulk agent 123")
            expect(pager).to_have_text("Page 1 of 1 · 1 item", timeout=SHOWN_MS)
            expect(page.get_by_role("link", name="Bulk agent 123", exact=True)).to_be_visible()
            search.fill("")
            expect(pager).to_have_text(everything, timeout=SHOWN_MS)
            # Newest first: page 1 is the held agent and agents 258 to 240, page 2 holds 239 to 220.
            expect(page.get_by_role("link", name="Held bot", exact=True)).to_be_visible()
            page.get_by_role("button", name="Next page").click()
            expect(pager).to_have_text(everything.replace("Page 1", "Page 2"), timeout=SHOWN_MS)
            rows = page.get_by_role("link", name=re.compile(r"^Bulk agent \d{3}$"))
            expect(rows).to_have_count(20)
            expect(rows.first).to_have_text("Bulk agent 239")
            expect(rows.last).to_have_text("Bulk agent 220")
            page.get_by_role("button", name="Previous page").click()
            expect(pager).to_have_text(everything, timeout=SHOWN_MS)
            result = page.get_by_role("status").filter(has_text=re.compile("Reachable|Not reachable"))
            expect(result).to_have_count(0)
            assert not release.is_set()  # all of the above happened while the test was held
        finally:
            release.set()

        held_row = page.get_by_role("row").filter(has=page.get_by_role("link", name="Held bot", exact=True))
        expect(held_row.get_by_role("status")).to_have_text(re.compile(r"^Reachable · \d+ ms"), timeout=SHOWN_MS)
    assert problems.items == []
