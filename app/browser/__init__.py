"""The only package that imports playwright (base.py and forms.py do not): one shared headless Chromium (the system's),
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

from app.browser.base import (
    ACTION_TYPES,
    AXE_PATH,
    AXE_STANDARDS,
    AXE_TAGS,
    AXE_VERSION,
    CHROMIUM_ARGS,
    CHROMIUM_PATH,
    ActionOutcome,
    BrowserError,
    Observation,
    PageLoad,
    Signal,
    egress_proxy_settings,
    origin_of,
)
from app.browser.shared import SharedBrowser
from app.browser.tab import BrowserTab

shared_browser = SharedBrowser()

__all__ = [
    "ACTION_TYPES",
    "AXE_PATH",
    "AXE_STANDARDS",
    "AXE_TAGS",
    "AXE_VERSION",
    "CHROMIUM_ARGS",
    "CHROMIUM_PATH",
    "ActionOutcome",
    "BrowserError",
    "BrowserTab",
    "Observation",
    "PageLoad",
    "SharedBrowser",
    "Signal",
    "egress_proxy_settings",
    "origin_of",
    "shared_browser",
]
