"""What a tab does for the persona: one action at a time, with the reason when the browser
did not carry it out, and the tab kept on the site's pages."""

from __future__ import annotations

import asyncio
import logging
import time
from typing import Any
from urllib.parse import urljoin, urlsplit

from playwright.async_api import Error as PlaywrightError
from playwright.async_api import Page

from app.browser.base import (
    _REAL_SCHEMES,
    ACTION_TIMEOUT_MS,
    ActionOutcome,
    BrowserError,
    _short_error,
    origin_of,
)
from app.browser.forms import (
    INVALID_FIELDS_JS,
    SUBMITS_FORM_JS,
    checkbox_state,
    explain_action_error,
    invalid_summary,
)

logger = logging.getLogger("mimic.browser")


class TabActing:
    """The acting half of BrowserTab (app/browser/tab.py), which holds the state it uses."""

    def _require_page(self) -> Page:
        if self.closed or self.page is None or self.page.is_closed():
            raise BrowserError("closed", "the page is closed")
        return self.page

    async def goto(self, url: str) -> ActionOutcome:
        return await self.act("navigate", value=url)

    def is_real_page(self, url: str) -> bool:
        """A page of the website under test: http(s) on an allowed origin (never about:blank,
        a data: URL or Chromium's own error page)."""
        return urlsplit(url).scheme.lower() in _REAL_SCHEMES and origin_of(url) in self.allowed

    async def act(
        self, type: str, *, ref: str = "", value: str = "", submit: bool = False,
        fields: list[dict[str, str]] | None = None,
    ) -> ActionOutcome:  # fmt: skip
        """Performs one action. An action the browser did not carry out (no such element, a
        hidden or disabled one, a form its own validation kept from being sent, a refused
        navigation, a timeout) is an outcome with success False and the reason, never an
        exception; a navigation that left the site's pages is taken back."""
        page = self._require_page()
        before = page.url
        self._navigation_requested = False
        self._navigated.clear()
        self._refused_navigation = self._failed_navigation = None
        started, began_at = time.perf_counter(), time.time()
        value_after: str | None = None
        field_results: list[dict[str, Any]] | None = None
        try:
            if type == "back":
                await self._back(page)
            else:
                form = await self._form_sent_by(page, type, ref, submit)
                value_after, field_results = await self._perform(page, type, ref, value, submit, fields or [])
                await self._settle()
                if form >= 0 and not self._navigated.is_set() and self.page is page and not page.is_closed():
                    # The browser's constraint validation stops the form before it is sent.
                    invalid = await page.evaluate(INVALID_FIELDS_JS, form)
                    if invalid:
                        raise ValueError(f"the form was not sent: {invalid_summary(invalid)}")
            error = None
            if field_results and any(not f["success"] for f in field_results):
                failed = [f for f in field_results if not f["success"]]
                error = "; ".join(f"{f['ref']}: {f['error']}" for f in failed)
        except PlaywrightError as exc:
            first = _short_error(exc.message)
            error = self.explain(explain_action_error(exc.message, first), since=began_at)
        except (ValueError, TimeoutError) as exc:
            error = str(exc) or exc.__class__.__name__
        restored = False
        current = self.page
        if current is not None and not current.is_closed() and not self.is_real_page(current.url) and self._visits:
            reason = (
                self._refused_navigation or self._failed_navigation or f"{current.url} is not a page of the website"
            )
            restored = await self._restore(current, page)
            error = error or f"the browser did not open it: {reason}"
        elif current is not None and not current.is_closed() and error is None:
            self._visited(current.url)
        duration = int((time.perf_counter() - started) * 1000)
        after = self.page.url if self.page is not None else ""
        return ActionOutcome(success=error is None, duration_ms=duration, error=error, url=after,
                             navigated=after != before, value_after=value_after, fields=field_results,
                             restored=restored)  # fmt: skip

    def _visited(self, url: str) -> None:
        url = url.split("#", 1)[0]
        if self.is_real_page(url) and (not self._visits or self._visits[-1] != url):
            self._visits.append(url)

    async def _back(self, page: Page) -> None:
        """The previous page of this visit; on the first one there is none (the tab's own
        about:blank before it is not the website's)."""
        if len(self._visits) < 2:
            raise ValueError("this is the first page of the visit: there is no earlier page to go back to")
        await page.go_back(wait_until="load")
        await self._settle()
        if self.page is not None and self.is_real_page(self.page.url):
            self._visits.pop()

    async def _restore(self, current: Page, before: Page) -> bool:
        """Back to the last page of the website the tab showed (a popup that opened on no
        page of the site is closed)."""
        try:
            if current is not before and not before.is_closed():
                await current.close()
                self.page = before
                if self.is_real_page(before.url):
                    return True
            page = self._require_page()
            await page.go_back(wait_until="load")
            if self.is_real_page(page.url) and page.url.split("#", 1)[0] == self._visits[-1]:
                return True
            await page.goto(self._visits[-1], wait_until="load")
            return self.is_real_page(page.url)
        except (PlaywrightError, BrowserError) as exc:
            logger.info("could not return to %s: %s", self._visits[-1], exc)
            return False

    async def _form_sent_by(self, page: Page, type: str, ref: str, submit: bool) -> int:
        """The index of the form this action would send (a click on its submit button, Enter
        in one of its fields), else -1."""
        how = "click" if type == "click" else "enter" if (type == "type" and submit) or type == "press" else ""
        if not how or not ref:
            return -1
        try:
            return int(await page.locator(f"aria-ref={ref}").evaluate(SUBMITS_FORM_JS, how, timeout=2000))
        except PlaywrightError:
            return -1  # the action itself will say what is wrong with the element

    async def _perform(
        self, page: Page, type: str, ref: str, value: str, submit: bool, fields: list[dict[str, str]]
    ) -> tuple[str | None, list[dict[str, Any]] | None]:
        locator = page.locator(f"aria-ref={ref}") if ref else None
        if type in ("click", "type", "select", "check", "uncheck", "hover") and locator is None:
            raise ValueError(f"{type} needs the ref of an element in the snapshot")
        if type == "click":
            await locator.click()
        elif type == "type":
            await locator.fill(value)
            if submit:
                await locator.press("Enter")
                return None, None
            # A person moves on after typing; a field that empties itself then shows it.
            await locator.blur()
            await page.wait_for_timeout(50)
            try:
                return await locator.input_value(timeout=1000), None
            except PlaywrightError:
                return None, None
        elif type == "select":
            await self._select(locator, value)
        elif type in ("check", "uncheck"):
            await self._set_checked(page, locator, type == "check")
        elif type == "hover":
            await locator.hover()
            await page.wait_for_timeout(150)  # menus open on a transition
        elif type == "fill_form":
            if not fields:
                raise ValueError("fill_form needs fields: [{ref, value}]")
            return None, [await self._fill(page, f) for f in fields[:40]]
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
            if not self.allows(target) or urlsplit(target).scheme.lower() not in _REAL_SCHEMES:
                self._aborted.add(target)
                self._signal("blocked_request", {"url": target[:2000], "origin": origin_of(target), "method": "GET",
                                                 "resourceType": "document", "pageUrl": page.url})  # fmt: skip
                raise ValueError(f"{origin_of(target)} is outside the allowed origins")
            await page.goto(target, wait_until="load")
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
        return None, None

    async def _set_checked(self, page: Page, locator, wanted: bool) -> None:
        """Ticks or unticks like a person does (one click when it is not as wanted). Apps that
        draw the list again on each change replace the element: then the next look tells."""
        state = await locator.evaluate(
            "el => ({checked: el.checked !== undefined ? !!el.checked : el.getAttribute('aria-checked') === 'true', "
            "radio: el.type === 'radio' || el.getAttribute('role') === 'radio'})",
            timeout=ACTION_TIMEOUT_MS,
        )
        if state["checked"] == wanted:
            return
        if state["radio"] and not wanted:
            raise ValueError("a radio button cannot be unticked: choose another option of its group")
        await locator.click()
        await page.wait_for_timeout(50)
        try:
            now = await locator.evaluate("el => el.checked !== undefined ? !!el.checked : "
                                         "el.getAttribute('aria-checked') === 'true'", timeout=500)  # fmt: skip
        except PlaywrightError:
            return  # the app replaced the element as it drew itself again: the next look tells
        if now != wanted:
            raise ValueError("clicking it did not change its state")

    async def _select(self, locator, value: str) -> None:
        """The option whose label (or value) is `value`, case aside; else the options there are."""
        options = await locator.evaluate(
            "el => el.options ? Array.from(el.options).map(o => [o.label || o.text, o.value]) : null", timeout=2000
        )
        if options is None:
            raise ValueError("the element is not a dropdown list")
        wanted = value.strip().lower()
        for label, option_value in options:
            if wanted in (label.strip().lower(), option_value.strip().lower()):
                await locator.select_option(value=option_value)
                return
        offered = ", ".join(f"“{label}”" for label, _ in options[:15])
        raise ValueError(f"no option “{value}” in this list (it offers {offered})")

    async def _fill(self, page: Page, item: dict[str, str]) -> dict[str, Any]:
        """One field of fill_form: typed, chosen or ticked according to what it is."""
        ref, value = str(item.get("ref", "")).strip(), str(item.get("value", ""))
        result: dict[str, Any] = {"ref": ref, "value": value, "success": True, "error": None}
        locator = page.locator(f"aria-ref={ref}")
        try:
            kind = await locator.evaluate(
                "el => el.tagName === 'SELECT' ? 'select' : (el.type === 'checkbox' || el.type === 'radio' || "
                "['checkbox', 'radio', 'switch'].includes(el.getAttribute('role'))) ? 'check' : 'text'",
                timeout=2000,
            )
            if kind == "select":
                await self._select(locator, value)
            elif kind == "check":
                await self._set_checked(page, locator, checkbox_state(value))
            else:
                await locator.fill(value)
                await locator.blur()
                result["valueAfter"] = await locator.input_value(timeout=1000)
        except PlaywrightError as exc:
            result.update(success=False, error=explain_action_error(exc.message, _short_error(exc.message)))
        except ValueError as exc:
            result.update(success=False, error=str(exc))
        return result

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
