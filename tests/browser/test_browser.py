"""app/browser/ on its own: origins, the one shared browser with a context per session,
and closing the browser when no session has used it for a while."""

from __future__ import annotations

import asyncio

from app.browser import SharedBrowser, origin_of


def test_origins_are_compared_without_default_ports_or_case() -> None:
    assert origin_of("HTTP://Shop.Example:80/a?b") == "http://shop.example"
    assert origin_of("https://shop.example:443") == "https://shop.example"
    assert origin_of("http://127.0.0.1:8080/x") == "http://127.0.0.1:8080"
    assert origin_of("http://[::1]:81/") == "http://[::1]:81"


async def test_one_browser_serves_several_sessions_each_in_its_own_context(shop) -> None:
    shared = SharedBrowser(idle_close_s=None)
    try:
        tabs = [await shared.open_tab(session_id=f"s{i}", allowed_origins=[shop.url]) for i in range(3)]
        assert shared.context_count == 3 and shared.open_sessions == {"s0", "s1", "s2"}
        assert len({id(tab.context) for tab in tabs}) == 3
        assert tabs[0].allows(shop.url + "/about") and not tabs[0].allows(shop.tracker_url + "/x")
        assert tabs[0].allows("data:text/plain,hi") and not tabs[0].allows("file:///etc/passwd")
        await tabs[0].goto(shop.url + "/cart")
        await tabs[1].goto(shop.url + "/about")
        assert (await tabs[0].observe()).title == "Your cart · Trail Shop"
        assert (await tabs[1].observe()).title == "About us · Trail Shop"
        await asyncio.gather(*(tab.close() for tab in tabs))
        assert shared.context_count == 0 and shared.open_sessions == set() and shared.running
    finally:
        await shared.close()


async def test_an_idle_browser_closes_and_comes_back_when_needed(shop) -> None:
    shared = SharedBrowser(idle_close_s=0.2)
    try:
        tab = await shared.open_tab(session_id="s", allowed_origins=[shop.url])
        await tab.close()
        await asyncio.sleep(0.6)
        assert not shared.running
        tab = await shared.open_tab(session_id="t", allowed_origins=[shop.url])
        assert shared.running and (await tab.goto(shop.url + "/about")).success
        await tab.close()
    finally:
        await shared.close()
