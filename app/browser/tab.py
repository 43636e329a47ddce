"""One session's browser context: what reaches it, what it measures, what the persona sees."""

from __future__ import annotations

import asyncio
import logging
import re
import tempfile
from pathlib import Path
from typing import TYPE_CHECKING, Any
from urllib.parse import urlsplit

from playwright.async_api import BrowserContext, Page, Request, Route
from playwright.async_api import Error as PlaywrightError

from app.browser.acting import TabActing
from app.browser.base import (
    _AXE_RUN_JS,
    _PAGE_FACTS_JS,
    _PROXY_ERROR,
    _PROXY_FAILED,
    _PROXY_REFUSED,
    ACTION_TIMEOUT_MS,
    AXE_NODES_KEPT,
    AXE_TAGS,
    BROKEN_STATUSES,
    LINK_CHECKS_PER_PAGE,
    LINK_CHECKS_PER_SESSION,
    SIGNAL_LIMIT,
    SNAPSHOT_LIMIT,
    BrowserError,
    Observation,
    PageLoad,
    Signal,
    _as_http,
    _short_error,
    egress_proxy_settings,
    origin_of,
)
from app.browser.forms import (
    FIELD_FACTS_JS,
    PAGE_MESSAGES_JS,
    page_facts,
    snapshot_refs,
)
from app.egress_proxy import EgressFailure, EgressProxy
from app.outbound import OutboundError, split_url

logger = logging.getLogger("mimic.browser")

if TYPE_CHECKING:
    from app.browser.shared import SharedBrowser


class BrowserTab(TabActing):
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
        self._visits: list[str] = []  # the site's pages this visit went through (what `back` may return to)
        self._refused_navigation: str | None = None  # during the current action
        self._failed_navigation: str | None = None

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
            if self._is_main_navigation(request):
                self._refused_navigation = f"{request.url[:300]} is outside the website under test"
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
            if request.is_navigation_request():
                self._navigated.set()  # a navigation that will not happen
            return
        if request.is_navigation_request():
            self._navigated.set()
        main = self._is_main_navigation(request)
        if _PROXY_FAILED in failure:
            refused = self._egress_failure(request.url)
            if refused is not None and refused.refused:
                if main:
                    self._refused_navigation = f"{request.url[:300]} may not be reached: {refused.reason}"
                self._signal("blocked_request", {"url": request.url[:2000], "origin": origin_of(request.url),
                                                 "method": request.method, "resourceType": request.resource_type,
                                                 "pageUrl": self._page_url(), "reason": refused.reason})  # fmt: skip
                return
            failure = self.explain(failure, request.url)
        if main:
            self._failed_navigation = f"{request.url[:300]} did not load ({failure})"
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

    def _is_main_navigation(self, request: Request) -> bool:
        try:
            return request.is_navigation_request() and (self.page is None or request.frame == self.page.main_frame
                                                        or request.frame.parent_frame is None)  # fmt: skip
        except PlaywrightError:
            return False

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

    async def observe(self, *, screenshot: bool = False, screenshot_quality: int = 70) -> Observation:
        page = self._require_page()
        facts = snapshot = None
        for attempt in range(3):
            try:
                if attempt:
                    await page.wait_for_load_state("load", timeout=self.navigation_timeout_ms)
                facts = await page.evaluate(_PAGE_FACTS_JS, True)
                snapshot = await page.aria_snapshot(mode="ai", timeout=ACTION_TIMEOUT_MS)
                messages = page_facts(await page.evaluate(PAGE_MESSAGES_JS))
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
                           load=load, links=links, screenshot=image, fields=await self._field_facts(page, snapshot),
                           messages=messages["messages"], headings=messages["headings"],
                           forms=messages["forms"])  # fmt: skip

    async def _field_facts(self, page: Page, snapshot: str) -> list[dict[str, Any]]:
        """The facts of each form control and button of the snapshot (read together: the
        calls are pipelined), by ref; an element that went away meanwhile is left out."""
        refs = snapshot_refs(snapshot)
        answers = await asyncio.gather(
            *(page.locator(f"aria-ref={ref}").evaluate(FIELD_FACTS_JS, timeout=1000) for ref, _ in refs),
            return_exceptions=True,
        )
        return [{"ref": ref, "role": role, **answer} for (ref, role), answer in zip(refs, answers, strict=True)
                if isinstance(answer, dict)]  # fmt: skip

    async def accessibility_violations(self, tags: list[str] | None = None) -> list[dict[str, Any]] | None:
        """axe-core's violations of the current document for the rules of `tags` (WCAG
        levels, best-practice); None without axe, or when the tab is on no page of the site."""
        if not self._axe_source:
            return None
        page = self._require_page()
        if not self.is_real_page(page.url):
            return None
        try:
            if not await page.evaluate("() => typeof window.axe === 'object'"):
                # As a script evaluated in the page: no network, no CSP-governed <script> tag.
                await page.evaluate(f"() => {{ {self._axe_source}\n}}")
                if not await page.evaluate("() => typeof window.axe === 'object'"):
                    await page.add_script_tag(content=self._axe_source)
            return await page.evaluate(_AXE_RUN_JS, [list(tags or AXE_TAGS), AXE_NODES_KEPT])
        except PlaywrightError as exc:
            logger.info("axe-core did not run on %s: %s", page.url, _short_error(exc.message))
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
