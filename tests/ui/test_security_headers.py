"""Security headers (app/api/middleware.py) on the app as `make run` serves it: pages,
static files and API answers; and a CSP violation shows up as a console error, which is
how every page test here (PageProblems) would catch a policy the app's pages do not pass."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from app.api.middleware import inline_script_hashes
from tests.ui.conftest import LiveApp, PageProblems

pytestmark = pytest.mark.e2e

COMMON = {
    "x-content-type-options": "nosniff",
    "x-frame-options": "DENY",
    "referrer-policy": "strict-origin-when-cross-origin",
}


def directives(policy: str) -> dict[str, list[str]]:
    parsed = {}
    for part in policy.split(";"):
        name, *values = part.split()
        parsed[name] = values
    return parsed


@pytest.mark.parametrize("path", ["/", "/personas", "/login", "/sessions/no-such-session"])
def test_pages_name_every_inline_script_by_hash(live_app: LiveApp, path: str) -> None:
    # Both as stored (gzip, as a browser asks) and plain.
    for encoding in ("gzip", "identity"):
        response = httpx.get(live_app.base_url + path, headers={"Accept-Encoding": encoding}, follow_redirects=True)
        assert response.status_code == 200 and response.headers["content-type"].startswith("text/html")
        for name, value in COMMON.items():
            assert response.headers[name] == value
        policy = directives(response.headers["content-security-policy"])
        assert policy["frame-ancestors"] == ["'none'"] and policy["object-src"] == ["'none'"]
        assert "'unsafe-inline'" not in policy["script-src"]
        hashes = inline_script_hashes(response.content)
        assert hashes, "the built pages carry inline scripts"
        assert {f"'{h}'" for h in hashes} <= set(policy["script-src"])


def test_api_and_static_files_get_the_strict_policy(live_app: LiveApp) -> None:
    for path in ("/api", "/health", "/api/no/such/route", "/logo.svg", "/favicon.ico"):
        response = httpx.get(live_app.base_url + path, follow_redirects=True)
        for name, value in COMMON.items():
            assert response.headers[name] == value, path
        assert response.headers["content-security-policy"].startswith("default-src 'none'"), path


def test_make_serve_listens_on_loopback_only(live_app: LiveApp) -> None:
    """`make run` / `make serve` without MIMIC_HOST: nothing on the network reaches the app."""
    import psutil

    port = int(live_app.base_url.rsplit(":", 1)[1])
    listeners = [c for c in psutil.net_connections("tcp") if c.status == psutil.CONN_LISTEN and c.laddr.port == port]
    assert listeners, "the app listens"
    assert {c.laddr.ip for c in listeners} == {"127.0.0.1"}, listeners


def test_a_304_keeps_the_policy_the_page_came_with(live_app: LiveApp) -> None:
    """A revalidated page (304) must not get the strict policy of non-documents: the browser
    would apply it to the cached page, and every script of it would be refused."""
    first = httpx.get(live_app.base_url + "/agents/", follow_redirects=True)
    validators = {k: v for k, v in (("If-None-Match", first.headers.get("etag")),
                                    ("If-Modified-Since", first.headers.get("last-modified"))) if v}  # fmt: skip
    assert validators, "the built pages are served with a validator"
    again = httpx.get(str(first.url), headers=validators)
    assert again.status_code == 304
    assert "content-security-policy" not in again.headers
    assert again.headers["x-content-type-options"] == "nosniff"


@pytest.mark.parametrize("path", ["/api/suites/a%0Ab", "/api/no%0Asuch", "/api/x%0D%0Ay", "/api/%0A"])
def test_an_api_path_with_control_characters_still_gets_the_api_answer(live_app: LiveApp, path: str) -> None:
    response = httpx.get(live_app.base_url + path)
    assert response.status_code in (401, 404) and response.headers["content-type"].startswith("application/json")
    assert set(response.json()["error"]) == {"code", "message", "details"}
    for name, value in COMMON.items():
        assert response.headers[name] == value, path
    assert "x-ratelimit-limit" in response.headers


def test_a_csp_violation_is_a_console_error(live_app: LiveApp, page: Page) -> None:
    problems = PageProblems()
    problems.watch(page)
    page.goto(live_app.base_url + "/login", wait_until="networkidle")
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    assert problems.items == []
    # A script the page did not ship: refused, and reported where the UI tests look.
    page.evaluate("""() => { const s = document.createElement('script'); s.textContent = 'window.injected = 1';
                              document.body.appendChild(s); }""")
    page.wait_for_timeout(300)
    assert page.evaluate("() => window.injected") is None
    assert any(re.search(r"Content Security Policy", item) for item in problems.items), problems.items
