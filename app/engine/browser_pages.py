"""The pages of a browser session: what identifies a page (origin + path), what a page says
about how things went (a confirmation, a failure, or neither), and the map of the site
that the persona has seen so far (pages visited, links found and not followed yet, in the
order a breadth-first visit would take them).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

FRONTIER_SHOWN = 40

# Words a page uses to say that something went wrong, or went through. Read in the title, the
# headings and the page's own alerts and status lines first (what a visitor reads first).
_FAILURE = re.compile(
    r"\b(fail(?:ed|ure|s)?|error(?:s)?|invalid|could ?n[o']t|cannot|can't|unable|not (?:be )?(?:saved|sent|"
    r"submitted|accepted|processed|completed)|try again|went wrong|problem|denied|rejected|declined|refused|"
    r"missing|required field|is closed|not found|forbidden|expired)\b",
    re.I,
)
_CONFIRMATION = re.compile(
    r"\b(thank(?:s| you)|success(?:ful(?:ly)?)?|confirm(?:ed|ation)|received|submitted|complete(?:d)?|"
    r"we(?:'ve| have) got|sent|saved|registered|subscribed|booked|reserved|(?:order|booking) (?:placed|number)|"
    r"all done|well done)\b",
    re.I,
)


@dataclass(frozen=True)
class PageOutcome:
    """How the page reads: "confirmation", "failure" or "neutral", and the words that say so."""

    kind: str
    evidence: str = ""

    def as_dict(self) -> dict[str, str]:
        return {"kind": self.kind, "evidence": self.evidence}


def page_key(url: str) -> str:
    """origin + path: what a finding is about (the query and the fragment aside)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https"):
        return ""
    host = (parts.hostname or "").lower()
    port = f":{parts.port}" if parts.port and (parts.scheme, parts.port) not in (("http", 80), ("https", 443)) else ""
    return f"{parts.scheme}://{host}{port}{parts.path or '/'}"


def site_root(target_url: str) -> str:
    """The folder of the target URL (http://h/before/index.html -> http://h/before/): pages
    under it are named by their path below it, so two versions of a site map page to page."""
    key = page_key(target_url)
    return key[: key.rfind("/") + 1] if key else ""


def relative_page(page: str, root: str) -> str:
    """`page` below `root` (survey.html), or the page itself when it is elsewhere."""
    if root and page.startswith(root):
        return page[len(root) :] or "/"
    return page


def classify_page(title: str, headings: list[str], messages: list[str], text: str = "") -> PageOutcome:
    """A failure wins over a confirmation when the page's own prominent words say both
    ("Submission failed: thank you for trying"); the body text counts only through its
    alerts and status lines, so a footer's "thank you" does not make a page a confirmation."""
    prominent = [*messages, *headings, title]  # the page's own words first: the title also names the site
    for line in prominent:
        found = _FAILURE.search(line or "")
        if found:
            return PageOutcome("failure", (line or "").strip()[:200])
    for line in prominent:
        found = _CONFIRMATION.search(line or "")
        if found:
            return PageOutcome("confirmation", (line or "").strip()[:200])
    return PageOutcome("neutral")


@dataclass
class SiteMap:
    """What the persona has seen of the site: pages visited (in order) and links found on
    them, each with the depth of the page it was found on. `frontier()` lists the links not
    followed yet, shallowest first (a breadth-first visit)."""

    visited: list[str] = field(default_factory=list)
    titles: dict[str, str] = field(default_factory=dict)
    links: dict[str, dict[str, Any]] = field(default_factory=dict)  # page key -> {url, text, depth, from}
    depth: dict[str, int] = field(default_factory=dict)

    def saw(self, url: str, title: str, links: list[dict[str, str]], allowed) -> None:
        key = page_key(url)
        if not key:
            return
        if key not in self.titles:
            self.visited.append(key)
        self.titles[key] = title
        depth = self.depth.setdefault(key, self.links.get(key, {}).get("depth", 0))
        for link in links:
            href = urljoin(url, link.get("href", "")).split("#", 1)[0]
            target = page_key(href)
            if not target or not allowed(href) or target in self.links or target in self.titles:
                continue
            self.links[target] = {"url": href, "text": (link.get("text") or "")[:120], "depth": depth + 1, "from": key}
            self.depth.setdefault(target, depth + 1)

    def frontier(self, limit: int = FRONTIER_SHOWN) -> list[dict[str, Any]]:
        waiting = [dict(link, page=key) for key, link in self.links.items() if key not in self.titles]
        waiting.sort(key=lambda link: link["depth"])  # stable: discovery order within a depth
        return waiting[:limit]


__all__ = ["PageOutcome", "SiteMap", "classify_page", "page_key", "relative_page", "site_root"]
