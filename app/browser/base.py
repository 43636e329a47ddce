"""The plain parts of the browser package (no playwright here): its settings, what an
observation and an action's outcome hold, the errors, and the scripts run inside pages."""

from __future__ import annotations

import logging
import re
import time
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urlsplit

from app.egress_proxy import EgressProxy
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
# The WCAG levels an agent can be held to (axe-core's tags; a level includes the ones below it),
# and axe's best-practice rules (landmarks, regions, heading order), which a11y teams read too.
AXE_STANDARDS = {
    "wcag2a": ["wcag2a"],
    "wcag2aa": ["wcag2a", "wcag2aa"],
    "wcag21a": ["wcag2a", "wcag21a"],
    "wcag21aa": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"],
    "wcag22a": ["wcag2a", "wcag21a"],  # WCAG 2.2 added no level-A rule that axe tags wcag22a
    "wcag22aa": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"],
}
AXE_TAGS = AXE_STANDARDS["wcag22aa"]
AXE_NODES_KEPT = 25  # elements kept per rule and page (the count says how many there were)

ACTION_TIMEOUT_MS = 8_000
SNAPSHOT_LIMIT = 24_000  # characters of the ARIA snapshot kept for the persona
TEXT_LIMIT = 4_000  # characters of the page's visible text
LINK_CHECKS_PER_PAGE = 20
LINK_CHECKS_PER_SESSION = 150
SIGNAL_LIMIT = 500  # per kind and tab, so a page that logs in a loop cannot flood a session
IDLE_CLOSE_S = 300  # the shared browser closes after this long without a session (and relaunches on demand)
BROKEN_STATUSES = frozenset({404, 410})  # plus 5xx; 401/403 only mean "not for an anonymous check"
ACTION_TYPES = ("click", "type", "select", "check", "uncheck", "hover", "fill_form", "press", "scroll", "navigate",
                "back", "wait", "done", "give_up")  # fmt: skip
# Pages a persona may be on and be measured on; anything else (about:blank, chrome-error://) is not the site.
_REAL_SCHEMES = ("http", "https")


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
    # The facts of the page's form controls and buttons, by ref (app/browser/forms.py).
    fields: list[dict[str, Any]] = field(default_factory=list)
    # The page's own messages (alerts, status lines), its h1/h2 headings and its forms.
    messages: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    forms: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class ActionOutcome:
    success: bool
    duration_ms: int
    error: str | None = None
    url: str = ""
    navigated: bool = False
    # For `type`: what the field holds after the persona moved on (a form that loses input).
    value_after: str | None = None
    # For `fill_form`: per field {ref, value, success, error, valueAfter}.
    fields: list[dict[str, Any]] | None = None
    # The action left the tab on no page of the site (a refused or failed navigation): it was taken back.
    restored: bool = False


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

_AXE_RUN_JS = """async ([tags, kept]) => {
  const result = await axe.run(document, {runOnly: {type: 'tag', values: tags}, resultTypes: ['violations']});
  return result.violations.map(v => ({id: v.id, impact: v.impact, help: v.help, description: v.description,
    helpUrl: v.helpUrl, tags: v.tags, count: v.nodes.length, nodes: v.nodes.slice(0, kept).map(n => ({
      target: n.target.map(String), html: n.html.slice(0, 300),
      failureSummary: (n.failureSummary || '').slice(0, 500)}))}));
}"""


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
