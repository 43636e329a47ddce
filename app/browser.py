"""The only module that imports playwright: one shared headless Chromium (the system's),
a context per browser session that reaches only the agent's allowed origins (and, through
a proxy of its own, only addresses the outbound policy of app/outbound.py allows), what the
persona observes of a page, the actions it can take, and what is measured on the way
(console errors, uncaught exceptions, failed requests, page-load timing, blocked requests,
broken links, and accessibility violations found by axe-core run inside the page).

    tab = await shared_browser.open_tab(session_id=..., allowed_origins=[...], viewport={...})
    await tab.goto(url); seen = await tab.observe(); outcome = await tab.act("click", ref="e3")
    signals = tab.drain_signals(); await tab.close()

Nothing here knows about sessions, the database or the LLM.
"""

from __future__ import annotations

import asyncio
import logging
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any
from urllib.parse import urljoin, urlsplit

from playwright.async_api import Browser, BrowserContext, Page, Playwright, Request, Route, async_playwright
from playwright.async_api import Error as PlaywrightError

from app.egress_proxy import EgressFailure, EgressProxy
from app.outbound import OutboundError, split_url
from app.settings import PROJECT_ROOT

logger = logging.getLogger("mimic.browser")

CHROMIUM_PATH = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--no-first-run",
    "--disable-sync",
    # WebRTC's UDP would not pass the contexts' proxy (the outbound policy's checkpoint).
    "--force-webrtc-ip-handling-policy=disable_non_proxied_udp",
]
# Installed by `make` from the npm registry (the Makefile pins the version); never loaded from a CDN.
AXE_VERSION = "4.14.1"
AXE_PATH = PROJECT_ROOT / ".tools" / "lib" / "node_modules" / "axe-core" / "axe.min.js"
# WCAG A and AA rules only: best-practice rules would flag most real pages for style choices.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]

ACTION_TIMEOUT_MS = 8_000
SNAPSHOT_LIMIT = 24_000  # characters of the ARIA snapshot kept for the persona
TEXT_LIMIT = 4_000  # characters of the page's visible text
LINK_CHECKS_PER_PAGE = 20
LINK_CHECKS_PER_SESSION = 150
SIGNAL_LIMIT = 500  # per kind and tab, so a page that logs in a loop cannot flood a session
IDLE_CLOSE_S = 300  # the shared browser closes after this long without a session (and relaunches on demand)
BROKEN_STATUSES = frozenset({404, 410})  # plus 5xx; 401/403 only mean "not for an anonymous check"
ACTION_TYPES = ("click", "type", "select", "press", "scroll", "navigate", "back", "wait", "done", "give_up")


class BrowserError(Exception):
    """The browser itself failed (not the website): kind launch | navigation | closed."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind, self.message = kind, message


@dataclass(frozen=True)
class Signal:
    """Something measured in the page. kind: console_error | uncaught_exception |
    failed_request | blocked_request | broken_link | dialog."""

    kind: str
    data: dict[str, Any]
    at: float = field(default_factory=time.time)


@dataclass(frozen=True)
class PageLoad:
    """Navigation timing of one document, in ms from the start of its navigation."""

    url: str
    duration_ms: int
    ttfb_ms: int
    dom_content_loaded_ms: int
    load_ms: int
    status: int | None


@dataclass(frozen=True)
class Observation:
    url: str
    title: str
    snapshot: str  # ARIA snapshot (mode "ai"): its [ref=eN] are valid for `act`
    text: str  # visible text, for the judge and the offline persona
    document: str  # changes with every new document (navigation), not with in-page updates
    new_document: bool  # first observation of this document
    load: PageLoad | None  # set on the first observation of a document
    links: list[dict[str, str]]  # [{href, text}], on the first observation of a document
    screenshot: bytes | None = None


@dataclass(frozen=True)
class ActionOutcome:
    success: bool
    duration_ms: int
    error: str | None = None
    url: str = ""
    navigated: bool = False
    # For `type`: what the field holds after the persona moved on (a form that loses input).
    value_after: str | None = None


def origin_of(url: str) -> str:
    """scheme://host[:port], lower case, without the scheme's default port."""
    parts = urlsplit(url)
    scheme, host = parts.scheme.lower(), (parts.hostname or "").lower()
    if ":" in host:
        host = f"[{host}]"
    port = parts.port
    if port is None or (scheme, port) in (("http", 80), ("https", 443)):
        return f"{scheme}://{host}"
    return f"{scheme}://{host}:{port}"


def _axe_source() -> str | None:
    try:
        source = AXE_PATH.read_text(encoding="utf-8")
    except OSError:
        logger.warning("axe-core is missing at %s (run `make axe`): no accessibility checks", AXE_PATH)
        return None
    if f"axe v{AXE_VERSION}" not in source[:200]:
        logger.warning("axe-core at %s is not version %s", AXE_PATH, AXE_VERSION)
    return source


_PAGE_FACTS_JS = """(withLinks) => {
  const nav = performance.getEntriesByType('navigation')[0];
  const timing = nav ? {url: nav.name, duration: nav.duration, ttfb: nav.responseStart,
    dcl: nav.domContentLoadedEventEnd, load: nav.loadEventEnd, responseEnd: nav.responseEnd,
    status: nav.responseStatus || null} : null;
  const links = withLinks ? Array.from(document.querySelectorAll('a[href]')).slice(0, 300).map(a => ({
    href: a.href, text: (a.innerText || a.getAttribute('aria-label') || a.title || '').trim().slice(0, 120)})) : [];
  return {document: String(performance.timeOrigin), title: document.title,
    text: document.body ? document.body.innerText.slice(0, TEXT_LIMIT) : '', timing, links,
    complete: document.readyState === 'complete'};
}""".replace("TEXT_LIMIT", str(TEXT_LIMIT))

_AXE_RUN_JS = """async (tags) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, description: v.description,
    helpUrl: v.helpUrl, tags: v.tags, count: v.nodes.length, nodes: v.nodes.slice(0, 5).map(n => ({
      target: n.target.map(String), html: n.html.slice(0, 300),
      failureSummary: (n.failureSummary || '').slice(0, 500)}))}));
}"""


class SharedBrowser:
    """One Chromium process for every browser session of this process; each session gets
    a context of its own. Launched on first use, in the running event loop (Playwright's
    objects belong to one loop), and again if it died."""

    def __init__(
        self,
        executable_path: str = CHROMIUM_PATH,
        args: list[str] | None = None,
        idle_close_s: float | None = IDLE_CLOSE_S,
    ) -> None:
        self.executable_path = executable_path
        self.args = list(CHROMIUM_ARGS if args is None else args)
        self.idle_close_s = idle_close_s
        self._idle_timer: asyncio.TimerHandle | None = None
        self._idle_task: asyncio.Task | None = None
        self._playwright: Playwright | None = None
        self._browser: Browser | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._lock: asyncio.Lock | None = None
        self._axe: str | None | bool = False  # False: not read yet
        # Session ids whose context is open: plain data, readable from any thread.
        self.open_sessions: set[str] = set()

    async def browser(self) -> Browser:
        loop = asyncio.get_running_loop()
        if self._lock is None or self._loop is not loop:
            if self._browser is not None:
                logger.warning("the shared browser belonged to another event loop; launching a new one")
            self._lock, self._loop, self._browser, self._playwright = asyncio.Lock(), loop, None, None
        async with self._lock:
            if self._browser is None or not self._browser.is_connected():
                await self._launch()
            assert self._browser is not None
            return self._browser

    async def _launch(self) -> None:
        try:
            if self._playwright is None:
                self._playwright = await async_playwright().start()
            self._browser = await self._playwright.chromium.launch(
                executable_path=self.executable_path, args=self.args, headless=True
            )
        except PlaywrightError as exc:
            raise BrowserError("launch", f"Chromium did not start ({self.executable_path}): {exc.message}") from exc
        except OSError as exc:
            raise BrowserError("launch", f"Chromium did not start ({self.executable_path}): {exc}") from exc

    def axe_source(self) -> str | None:
        if self._axe is False:
            self._axe = _axe_source()
        return self._axe or None

    async def open_tab(
        self,
        *,
        session_id: str,
        allowed_origins: list[str],
        viewport: dict[str, int] | None = None,
        navigation_timeout_s: float = 30,
        trace: bool = True,
        accessibility: bool = True,
        check_links: bool = True,
    ) -> BrowserTab:
        # Counted as open first, so that an idle close cannot take the browser away meanwhile.
        self.open_sessions.add(session_id)
        try:
            browser = await self.browser()
        except BaseException:
            self._released(session_id)
            raise
        # Every connection of the context goes through this proxy, which checks where it goes
        # (the outbound policy): redirect hops too, which the route handler never sees.
        egress = await EgressProxy(connect_timeout_s=navigation_timeout_s).start()
        try:
            context = await browser.new_context(
                viewport=viewport or {"width": 1280, "height": 800},
                # Requests made by service workers would bypass the origin filter.
                service_workers="block",
                accept_downloads=False,
                proxy=egress_proxy_settings(egress),
            )
        except BaseException as exc:
            await egress.close()
            self._released(session_id)
            if isinstance(exc, PlaywrightError):
                raise BrowserError("launch", f"no browser context: {exc.message}") from exc
            raise
        tab = BrowserTab(
            self, session_id, context, allowed_origins, navigation_timeout_s=navigation_timeout_s,
            axe_source=self.axe_source() if accessibility else None, check_links=check_links, egress=egress,
        )  # fmt: skip
        try:
            await tab._start(trace=trace)
        except BaseException:
            await tab.close()
            raise
        return tab

    def _released(self, session_id: str) -> None:
        self.open_sessions.discard(session_id)
        if self.open_sessions or self.idle_close_s is None or self._loop is None:
            return
        if self._idle_timer is not None:
            self._idle_timer.cancel()
        try:
            loop = asyncio.get_running_loop()
        except RuntimeError:
            return
        if loop is self._loop:
            self._idle_timer = loop.call_later(self.idle_close_s, self._start_idle_close)

    def _start_idle_close(self) -> None:
        self._idle_task = asyncio.get_running_loop().create_task(self._close_if_idle())

    async def _close_if_idle(self) -> None:
        """No session for a while: the browser's memory goes back to the system."""
        if self._lock is None or self._loop is not asyncio.get_running_loop():
            return
        async with self._lock:
            if self.open_sessions or self._browser is None:
                return
            browser, self._browser = self._browser, None
            try:
                await browser.close()
            except PlaywrightError:
                pass

    @property
    def running(self) -> bool:
        return self._browser is not None and self._browser.is_connected()

    async def close(self) -> None:
        """Closes the browser and Playwright (only from the loop that launched them)."""
        if self._idle_timer is not None:
            self._idle_timer.cancel()
        if self._loop is not asyncio.get_running_loop():
            self._browser = self._playwright = None
            return
        browser, playwright = self._browser, self._playwright
        self._browser = self._playwright = None
        if browser is not None:
            try:
                await browser.close()
            except PlaywrightError:
                pass
        if playwright is not None:
            await playwright.stop()

    @property
    def context_count(self) -> int:
        return len(self._browser.contexts) if self._browser is not None else 0


class BrowserTab:
    """One session's browser context and its current page."""

    def __init__(
        self,
        owner: SharedBrowser,
        session_id: str,
        context: BrowserContext,
        allowed_origins: list[str],
        *,
        navigation_timeout_s: float,
        axe_source: str | None,
        check_links: bool,
        egress: EgressProxy | None = None,
    ) -> None:
        self.owner = owner
        self.egress = egress
        self.session_id = session_id
        self.context = context
        self.allowed = {origin_of(o) for o in allowed_origins}
        self.navigation_timeout_ms = int(navigation_timeout_s * 1000)
        self.page: Page | None = None
        self.closed = False
        self._axe_source = axe_source
        self._check_links = check_links
        self._tracing = False
        self._signals: list[Signal] = []
        self._signal_counts: dict[str, int] = {}
        self._aborted: set[str] = set()
        self._documents_seen: set[str] = set()
        self._links_checked: set[str] = set()
        self._background: set[asyncio.Task] = set()
        self._adopted: list[Page] = []
        self._navigation_requested = False
        self._navigated = asyncio.Event()

    # -- set-up ---------------------------------------------------------------------------

    async def _start(self, *, trace: bool) -> None:
        self.context.set_default_timeout(ACTION_TIMEOUT_MS)
        self.context.set_default_navigation_timeout(self.navigation_timeout_ms)
        await self.context.route("**/*", self._route)
        # WebSockets are not requests: only those to other origins are routed, and closed.
        await self.context.route_web_socket(lambda url: not self.allows(_as_http(url)), self._block_websocket)
        self.context.on("page", self._adopt)
        if trace:
            await self.context.tracing.start(snapshots=True, screenshots=False, sources=False)
            self._tracing = True
        self._adopt(await self.context.new_page())

    def allows(self, url: str) -> bool:
        scheme = urlsplit(url).scheme.lower()
        if scheme in ("data", "blob", "about"):
            return True
        return scheme in ("http", "https") and origin_of(url) in self.allowed

    async def _route(self, route: Route) -> None:
        request = route.request
        try:
            if self.allows(request.url):
                await route.fallback()
                return
            self._aborted.add(request.url)
            self._signal("blocked_request", {"url": request.url[:2000], "origin": origin_of(request.url),
                                             "method": request.method, "resourceType": request.resource_type,
                                             "pageUrl": self._page_url()})  # fmt: skip
            await route.abort("blockedbyclient")
        except PlaywrightError:  # the page or context went away meanwhile
            pass

    async def _block_websocket(self, websocket) -> None:
        url = websocket.url
        self._signal("blocked_request", {"url": url[:2000], "origin": origin_of(_as_http(url)).replace("http", "ws", 1),
                                         "method": "GET", "resourceType": "websocket",
                                         "pageUrl": self._page_url()})  # fmt: skip
        try:
            await websocket.close(code=1008, reason="origin not allowed")
        except PlaywrightError:
            pass

    def _adopt(self, page: Page) -> None:
        """The newest page (a popup, a target=_blank link) becomes the one the persona sees."""
        self.page = page
        if page in self._adopted:
            return
        self._adopted.append(page)
        page.on("console", self._on_console)
        page.on("pageerror", self._on_page_error)
        page.on("response", self._on_response)
        page.on("requestfailed", self._on_request_failed)
        page.on("request", self._on_request)
        page.on("framenavigated", self._on_frame_navigated)
        page.on("dialog", self._on_dialog)
        page.on("close", self._on_page_close)

    def _on_page_close(self, page: Page) -> None:
        if self.page is page:
            open_pages = [p for p in self.context.pages if not p.is_closed()]
            self.page = open_pages[-1] if open_pages else None

    def _page_url(self) -> str:
        return self.page.url if self.page is not None else ""

    def _signal(self, kind: str, data: dict[str, Any]) -> None:
        count = self._signal_counts.get(kind, 0)
        if count < SIGNAL_LIMIT:
            self._signal_counts[kind] = count + 1
            self._signals.append(Signal(kind, data))

    def _on_console(self, message) -> None:
        if message.type != "error":
            return
        text = message.text
        # The browser's own "Failed to load resource" lines repeat what failed requests record.
        if text.startswith("Failed to load resource"):
            return
        location = message.location or {}
        self._signal("console_error", {"message": text[:2000], "source": location.get("url", ""),
                                       "line": location.get("lineNumber"), "pageUrl": self._page_url()})  # fmt: skip

    def _on_page_error(self, error) -> None:
        self._signal("uncaught_exception", {"name": getattr(error, "name", "") or "Error",
                                            "message": (getattr(error, "message", "") or str(error))[:2000],
                                            "stack": (getattr(error, "stack", "") or "")[:3000],
                                            "pageUrl": self._page_url()})  # fmt: skip

    def _on_response(self, response) -> None:
        if response.status < 400:
            return
        request = response.request
        self._signal("failed_request", {"url": response.url[:2000], "status": response.status,
                                        "statusText": response.status_text, "method": request.method,
                                        "resourceType": request.resource_type,
                                        "pageUrl": self._page_url()})  # fmt: skip

    def _on_request_failed(self, request: Request) -> None:
        failure = request.failure or ""
        if request.url in self._aborted or "ERR_ABORTED" in failure or "ERR_BLOCKED_BY_CLIENT" in failure:
            self._navigated.set()  # a navigation that will not happen
            return
        if request.is_navigation_request():
            self._navigated.set()
        if _PROXY_FAILED in failure:
            refused = self._egress_failure(request.url)
            if refused is not None and refused.refused:
                self._signal("blocked_request", {"url": request.url[:2000], "origin": origin_of(request.url),
                                                 "method": request.method, "resourceType": request.resource_type,
                                                 "pageUrl": self._page_url(), "reason": refused.reason})  # fmt: skip
                return
            failure = self.explain(failure, request.url)
        self._signal("failed_request", {"url": request.url[:2000], "status": None, "error": failure,
                                        "method": request.method, "resourceType": request.resource_type,
                                        "pageUrl": self._page_url()})  # fmt: skip

    def _egress_failure(self, url: str) -> EgressFailure | None:
        if self.egress is None:
            return None
        try:
            _, host, port = split_url(url)
        except OutboundError:
            return None
        return self.egress.failure(host, port)

    def explain(self, message: str, url: str | None = None, *, since: float | None = None) -> str:
        """Chromium says only ERR_SOCKS_CONNECTION_FAILED when the proxy did not connect: say
        what the proxy saw instead (refused by the outbound policy, or the host's own error).
        A navigation's error names the URL asked for, not the redirect hop that failed: then
        the proxy's last failure since the action began is the one."""
        said = _PROXY_ERROR.search(message)
        if said is None:
            return message
        if url is None:
            found = re.search(r" at (\S+)", message)
            url = found.group(1) if found else ""
        failure = self._egress_failure(url)
        if failure is None and since is not None and self.egress is not None:
            last = self.egress.last_failure
            failure = last if last is not None and last.at >= since else None
        if failure is None:
            return message
        reason = f"blocked: {failure.reason}" if failure.refused else failure.reason
        return message[: said.start()] + reason + message[said.end() :]

    def _on_request(self, request: Request) -> None:
        if self.page is not None and request.is_navigation_request() and request.frame == self.page.main_frame:
            self._navigation_requested = True

    def _on_frame_navigated(self, frame) -> None:
        if self.page is not None and frame == self.page.main_frame:
            self._navigated.set()

    async def _on_dialog(self, dialog) -> None:
        self._signal("dialog", {"type": dialog.type, "message": dialog.message[:1000], "pageUrl": self._page_url()})
        try:
            await dialog.accept()
        except PlaywrightError:
            pass

    def drain_signals(self) -> list[Signal]:
        signals, self._signals = self._signals, []
        return signals

    # -- acting ---------------------------------------------------------------------------

    def _require_page(self) -> Page:
        if self.closed or self.page is None or self.page.is_closed():
            raise BrowserError("closed", "the page is closed")
        return self.page

    async def goto(self, url: str) -> ActionOutcome:
        return await self.act("navigate", value=url)

    async def act(self, type: str, *, ref: str = "", value: str = "") -> ActionOutcome:
        """Performs one action. A failed action (no such element, a blocked origin, a
        timeout) is an outcome with success False, never an exception."""
        page = self._require_page()
        before = page.url
        self._navigation_requested = False
        self._navigated.clear()
        started, began_at = time.perf_counter(), time.time()
        value_after = None
        try:
            value_after = await self._perform(page, type, ref, value)
            await self._settle()
            error = None
        except PlaywrightError as exc:
            error = self.explain(_short_error(exc.message), since=began_at)
        except (ValueError, TimeoutError) as exc:
            error = str(exc) or exc.__class__.__name__
        duration = int((time.perf_counter() - started) * 1000)
        after = self.page.url if self.page is not None else ""
        return ActionOutcome(success=error is None, duration_ms=duration, error=error, url=after,
                             navigated=after != before, value_after=value_after)  # fmt: skip

    async def _perform(self, page: Page, type: str, ref: str, value: str) -> str | None:
        locator = page.locator(f"aria-ref={ref}") if ref else None
        if type in ("click", "type", "select") and locator is None:
            raise ValueError(f"{type} needs the ref of an element in the snapshot")
        if type == "click":
            await locator.click()
        elif type == "type":
            await locator.fill(value)
            # A person moves on after typing; a field that empties itself then shows it.
            await locator.blur()
            await page.wait_for_timeout(50)
            try:
                return await locator.input_value(timeout=1000)
            except PlaywrightError:
                return None
        elif type == "select":
            try:
                await locator.select_option(label=value)
            except PlaywrightError:
                await locator.select_option(value)
        elif type == "press":
            key = value or "Enter"
            if locator is not None:
                await locator.press(key)
            else:
                await page.keyboard.press(key)
        elif type == "scroll":
            if locator is not None:
                await locator.scroll_into_view_if_needed()
            else:
                height = (page.viewport_size or {}).get("height", 800)
                await page.mouse.wheel(0, -height * 0.8 if value.strip().lower() == "up" else height * 0.8)
        elif type == "navigate":
            target = urljoin(page.url, value.strip()) if page.url.startswith("http") else value.strip()
            if not target:
                raise ValueError("navigate needs a URL")
            if not self.allows(target):
                self._aborted.add(target)
                self._signal("blocked_request", {"url": target[:2000], "origin": origin_of(target), "method": "GET",
                                                 "resourceType": "document", "pageUrl": page.url})  # fmt: skip
                raise ValueError(f"{origin_of(target)} is outside the allowed origins")
            await page.goto(target, wait_until="load")
        elif type == "back":
            if await page.go_back(wait_until="load") is None:
                raise ValueError("there is no page to go back to")
        elif type == "wait":
            try:
                seconds = float(value or 1)
            except ValueError:
                seconds = 1
            await asyncio.sleep(min(max(seconds, 0), 10))
        elif type in ("done", "give_up"):
            pass
        else:
            raise ValueError(f"unknown action {type!r}")
        return None

    async def _settle(self) -> None:
        """After an action: when it started a navigation, wait for the new document to
        load (the action itself only waits for the navigation to start)."""
        page = self.page
        if page is None or page.is_closed():
            return
        if self._navigation_requested and not self._navigated.is_set():
            try:
                await asyncio.wait_for(self._navigated.wait(), self.navigation_timeout_ms / 1000)
            except TimeoutError:
                raise TimeoutError(f"the page did not answer within {self.navigation_timeout_ms / 1000:g} s") from None
        page = self.page
        if page is None or page.is_closed():
            return
        try:
            await page.wait_for_load_state("load", timeout=self.navigation_timeout_ms)
        except PlaywrightError:
            pass  # a page that never finishes loading can still be used

    # -- observing ------------------------------------------------------------------------

    async def observe(self, *, screenshot: bool = False, screenshot_quality: int = 70) -> Observation:
        page = self._require_page()
        facts = snapshot = None
        for attempt in range(3):
            try:
                if attempt:
                    await page.wait_for_load_state("load", timeout=self.navigation_timeout_ms)
                facts = await page.evaluate(_PAGE_FACTS_JS, True)
                snapshot = await page.aria_snapshot(mode="ai", timeout=ACTION_TIMEOUT_MS)
                break
            except PlaywrightError as exc:  # a navigation replaced the document meanwhile
                if attempt == 2:
                    message = f"the page could not be read: {_short_error(exc.message)}"
                    raise BrowserError("navigation", message) from exc
                page = self._require_page()
        assert facts is not None and snapshot is not None
        document = facts["document"] + "|" + page.url.split("#", 1)[0]
        new_document = document not in self._documents_seen
        load = None
        links: list[dict[str, str]] = []
        if new_document:
            self._documents_seen.add(document)
            timing = facts.get("timing")
            if timing and timing.get("url", "").startswith("http"):
                end = max(timing.get("load") or 0, timing.get("dcl") or 0, timing.get("responseEnd") or 0)
                load = PageLoad(url=timing["url"], duration_ms=int(end), ttfb_ms=int(timing.get("ttfb") or 0),
                                dom_content_loaded_ms=int(timing.get("dcl") or 0),
                                load_ms=int(timing.get("load") or 0), status=timing.get("status"))  # fmt: skip
            links = facts.get("links") or []
            if self._check_links:
                self._in_background(self._check_link_targets(page.url, links))
        image = None
        if screenshot:
            try:
                image = await page.screenshot(type="jpeg", quality=screenshot_quality, timeout=ACTION_TIMEOUT_MS)
            except PlaywrightError as exc:
                logger.info("screenshot failed: %s", exc.message)
        if len(snapshot) > SNAPSHOT_LIMIT:
            snapshot = snapshot[:SNAPSHOT_LIMIT] + "\n- (snapshot cut here: the page is longer)"
        return Observation(url=page.url, title=facts.get("title") or "", snapshot=snapshot,
                           text=facts.get("text") or "", document=document, new_document=new_document,
                           load=load, links=links, screenshot=image)  # fmt: skip

    async def accessibility_violations(self) -> list[dict[str, Any]] | None:
        """axe-core's WCAG A/AA violations of the current document; None without axe."""
        if not self._axe_source:
            return None
        page = self._require_page()
        try:
            if not await page.evaluate("() => typeof window.axe === 'object'"):
                # As a script evaluated in the page: no network, no CSP-governed <script> tag.
                await page.evaluate(f"() => {{ {self._axe_source}\n}}")
                if not await page.evaluate("() => typeof window.axe === 'object'"):
                    await page.add_script_tag(content=self._axe_source)
            return await page.evaluate(_AXE_RUN_JS, AXE_TAGS)
        except PlaywrightError as exc:
            logger.info("axe-core did not run on %s: %s", page.url, _short_error(exc.message))
            return None

    async def field_value(self, ref: str) -> str | None:
        page = self._require_page()
        try:
            return await page.locator(f"aria-ref={ref}").input_value(timeout=1000)
        except PlaywrightError:
            return None

    # -- links ------------------------------------------------------------------------------

    def _in_background(self, coroutine) -> None:
        task = asyncio.get_running_loop().create_task(coroutine)
        self._background.add(task)
        task.add_done_callback(self._background.discard)

    async def _check_link_targets(self, page_url: str, links: list[dict[str, str]]) -> None:
        """Each link of the page that stays on an allowed origin is requested once per
        session, without the session's cookies (no side effects on its state)."""
        todo: list[dict[str, str]] = []
        for link in links:
            href = link.get("href", "").split("#", 1)[0]
            if not href or href in self._links_checked or not href.startswith("http") or not self.allows(href):
                continue
            if len(self._links_checked) >= LINK_CHECKS_PER_SESSION or len(todo) >= LINK_CHECKS_PER_PAGE:
                break
            self._links_checked.add(href)
            todo.append({"href": href, "text": link.get("text", "")})
        if not todo or self.owner._playwright is None:
            return
        proxy = egress_proxy_settings(self.egress) if self.egress is not None else None
        request = await self.owner._playwright.request.new_context(ignore_https_errors=False, proxy=proxy)
        try:
            results = await asyncio.gather(*(self._check_link(request, link) for link in todo))
        finally:
            await request.dispose()
        for link, (status, error) in zip(todo, results, strict=True):
            if error and _PROXY_REFUSED in error:
                continue  # the outbound policy refused it (a redirect, say): not the site's broken link
            error = self.explain(error, link["href"]) if error else error
            if error or (status is not None and (status in BROKEN_STATUSES or status >= 500)):
                self._signal("broken_link", {"href": link["href"], "linkText": link["text"], "status": status,
                                             "error": error, "pageUrl": page_url})  # fmt: skip

    async def _check_link(self, request, link: dict[str, str]) -> tuple[int | None, str | None]:
        timeout = min(self.navigation_timeout_ms, 10_000)
        try:
            response = await request.head(link["href"], timeout=timeout, max_redirects=5)
            if response.status in (405, 501):  # servers that do not answer HEAD
                response = await request.get(link["href"], timeout=timeout, max_redirects=5)
            return response.status, None
        except PlaywrightError as exc:
            return None, _short_error(exc.message)

    async def settle_background(self, timeout_s: float = 15) -> None:
        """Waits for the link checks still running (at the end of a session)."""
        pending = [t for t in self._background if not t.done()]
        if pending:
            await asyncio.wait(pending, timeout=timeout_s)

    # -- the end ----------------------------------------------------------------------------

    async def stop_trace(self) -> bytes | None:
        """The Playwright trace (a zip) of everything the context did."""
        if not self._tracing or self.closed:
            return None
        self._tracing = False
        with tempfile.TemporaryDirectory(prefix="mimic-trace-") as folder:
            path = Path(folder) / "trace.zip"
            try:
                await self.context.tracing.stop(path=str(path))
                return path.read_bytes()
            except (PlaywrightError, OSError) as exc:
                logger.warning("the trace of session %s was not saved: %s", self.session_id, exc)
                return None

    async def close(self) -> None:
        """Closes the context (and every page of it); safe to call twice."""
        if self.closed:
            return
        self.closed = True
        for task in list(self._background):
            task.cancel()
        try:
            await self.context.close()
        except PlaywrightError:
            pass
        finally:
            if self.egress is not None:
                await self.egress.close()
            self.owner._released(self.session_id)


_PROXY_FAILED = "net::ERR_SOCKS_CONNECTION_FAILED"
# How Playwright's own requests (the link checks) say the proxy did not connect.
_PROXY_REFUSED = "Socks5 proxy rejected connection - NotAllowed"
_PROXY_ERROR = re.compile(r"net::ERR_SOCKS_CONNECTION_FAILED|Socks5 proxy rejected connection - \w+")


def egress_proxy_settings(egress: EgressProxy) -> dict[str, str]:
    # "<-loopback>": Chromium sends loopback addresses through the proxy too (it skips them by default).
    return {"server": egress.url, "bypass": "<-loopback>"}


def _as_http(url: str) -> str:
    """ws://… and wss://… compared as the http(s) origins they belong to."""
    if url.startswith("ws://"):
        return "http://" + url[5:]
    if url.startswith("wss://"):
        return "https://" + url[6:]
    return url


def _short_error(message: str) -> str:
    """Playwright's message without its call log."""
    first = (message or "").split("\nCall log:", 1)[0].strip()
    return first.splitlines()[0][:500] if first else "browser error"


shared_browser = SharedBrowser()

__all__ = [
    "ACTION_TYPES",
    "AXE_PATH",
    "AXE_VERSION",
    "ActionOutcome",
    "BrowserError",
    "BrowserTab",
    "Observation",
    "PageLoad",
    "SharedBrowser",
    "Signal",
    "origin_of",
    "shared_browser",
]
