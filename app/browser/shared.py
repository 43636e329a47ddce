"""One Chromium process for every browser session of this process, a context each."""

from __future__ import annotations

import asyncio
import logging

from playwright.async_api import Browser, Playwright, async_playwright
from playwright.async_api import Error as PlaywrightError

from app.browser.base import (
    CHROMIUM_ARGS,
    CHROMIUM_PATH,
    IDLE_CLOSE_S,
    BrowserError,
    _axe_source,
    egress_proxy_settings,
)
from app.browser.tab import BrowserTab
from app.egress_proxy import EgressProxy

logger = logging.getLogger("mimic.browser")


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
