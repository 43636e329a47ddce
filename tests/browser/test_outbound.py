"""The outbound policy in the browser: every connection of a session's context goes through
its proxy, which refuses addresses the policy refuses, redirect hops included (Playwright's
route handler never sees those). Only 127.0.0.1/32 is allowed here; the refused server
listens on 127.0.0.2."""

from __future__ import annotations

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import HTMLResponse, RedirectResponse

from app.engine.browser_runner import BrowserOptions, BrowserSessionRunner
from app.engine.bus import InMemoryBus
from app.models.session import SimSession
from app.services.session_store import DatabaseSessionStore
from app.settings import settings
from tests.browser.conftest import ON_THE_BROWSERS_LOOP, browser_plan
from tests.support.loopback import LoopbackServer

pytestmark = ON_THE_BROWSERS_LOOP


@pytest.fixture
def sites(monkeypatch):
    """(the site, the refused server, what reached the refused server)."""
    monkeypatch.setattr(settings, "outbound_allow", "127.0.0.1/32")
    hits: list[str] = []
    inside = FastAPI()

    @inside.get("/{path:path}")
    async def anything(path: str, request: Request):
        hits.append(f"/{path}")
        return HTMLResponse("<title>Internal</title><p>internal secret</p>")

    with LoopbackServer(inside, host="127.0.0.2") as far:
        site = FastAPI()

        @site.get("/")
        async def home():
            return HTMLResponse('<!doctype html><html lang="en"><title>Home</title><main><h1>Home</h1>'
                                '<img src="/pixel" alt="pixel"><a href="/away">Away</a></main></html>')  # fmt: skip

        @site.get("/pixel")
        async def pixel():
            return RedirectResponse(f"{far.url}/pixel.png", status_code=302)

        @site.get("/away")
        async def away():
            return RedirectResponse(f"{far.url}/admin", status_code=302)

        with LoopbackServer(site) as near:
            yield near, far, hits


async def test_redirect_hops_and_refused_origins_are_blocked_and_logged(sites, browser) -> None:
    near, far, hits = sites
    # The refused server is even an allowed origin: the address is what the policy judges.
    tab = await browser.open_tab(session_id="s-outbound", allowed_origins=[near.url, far.url], trace=False,
                                 accessibility=False, check_links=True)  # fmt: skip
    try:
        home = await tab.goto(f"{near.url}/")
        await tab.observe()  # checks the page's links (through the proxy too) in the background
        await tab.settle_background()
        away = await tab.goto(f"{near.url}/away")
        direct = await tab.goto(f"{far.url}/admin")
        await tab.settle_background()
        signals = tab.drain_signals()
        proxied = tab.egress.connections
    finally:
        await tab.close()
    assert home.success
    for outcome in (away, direct):
        assert not outcome.success and "blocked: 127.0.0.2 is a loopback address" in outcome.error
    blocked = {s.data["url"]: s.data for s in signals if s.kind == "blocked_request"}
    assert blocked[f"{far.url}/pixel.png"]["resourceType"] == "image"
    assert blocked[f"{far.url}/admin"]["resourceType"] == "document"
    assert all("127.0.0.2 is a loopback address" in b["reason"] for b in blocked.values())
    # Neither a failed request nor a broken link: a refusal is not the site's fault.
    assert not [s for s in signals if s.kind in ("failed_request", "broken_link")]
    assert hits == [] and proxied >= 2  # the page's connection, and the link check's


async def test_a_refused_start_url_ends_the_session_before_a_browser_opens(sites, browser, db, stored_session) -> None:
    _, far, hits = sites
    plan = browser_plan(stored_session, f"{far.url}/")
    store = DatabaseSessionStore(plan.session_id, plan.workspace_id)
    outcome = await BrowserSessionRunner(plan, store, InMemoryBus(), options=BrowserOptions(), browser=browser).run()
    row = db.get(SimSession, stored_session.id)
    db.refresh(row)
    assert outcome == "error" and row.end_reason == "target_error"
    assert row.error["source"] == "target" and row.error["kind"] == "refused"
    assert "127.0.0.2 is a loopback address" in row.error["message"]
    assert browser.context_count == 0 and hits == []
