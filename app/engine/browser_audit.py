"""Accessibility findings of a browser session from axe-core's violations, page after page.

The rule set is the agent's setting (a WCAG level, plus axe's best-practice rules, which
are reported a step below their impact: they are advice, not conformance failures). The
same rule on the same element across pages (a template's header, say) is one finding that
lists its pages; elements seen on one page only make a finding of that page.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from app.browser import AXE_STANDARDS

DEFAULT_STANDARD = "wcag22aa"
_WCAG_SEVERITY = {"critical": "critical", "serious": "high", "moderate": "medium", "minor": "low"}
_BEST_PRACTICE_SEVERITY = {"critical": "high", "serious": "medium", "moderate": "low", "minor": "low"}
_SPACES = re.compile(r"\s+")


def axe_tags(config: dict[str, Any] | None) -> list[str] | None:
    """The axe tags of an agent's `accessibility` setting; None when it is turned off."""
    config = config or {}
    if config.get("enabled") is False:
        return None
    tags = list(AXE_STANDARDS.get(str(config.get("standard") or DEFAULT_STANDARD), AXE_STANDARDS[DEFAULT_STANDARD]))
    if config.get("bestPractice", True):
        tags.append("best-practice")
    return tags


def is_best_practice(tags: list[str]) -> bool:
    return "best-practice" in tags and not any(t.startswith("wcag") for t in tags)


def severity_of(violation: dict[str, Any]) -> str:
    table = _BEST_PRACTICE_SEVERITY if is_best_practice(violation.get("tags") or []) else _WCAG_SEVERITY
    return table.get(violation.get("impact") or "", "medium" if table is _WCAG_SEVERITY else "low")


def element_key(node: dict[str, Any]) -> str:
    """One element across pages: its markup (a template repeats it byte for byte), else its selector."""
    markup = _SPACES.sub(" ", str(node.get("html") or "")).strip()
    return markup or " ".join(node.get("target") or [])


@dataclass
class AxeFinding:
    """A finding as it grows: its id once stored, the pages it was seen on."""

    rule: dict[str, Any]
    nodes: list[dict[str, Any]]
    pages: list[dict[str, Any]] = field(default_factory=list)  # [{page, url, step, eventId, count}]
    id: str | None = None

    @property
    def count(self) -> int:
        return sum(p["count"] for p in self.pages)

    def description(self) -> str:
        rule, count = self.rule, self.count
        where = (
            f"on {self.pages[0]['page']}"
            if len(self.pages) == 1
            else f"on {len(self.pages)} pages: "
            + ", ".join(p["page"] for p in self.pages[:6])
            + (" …" if len(self.pages) > 6 else "")
        )
        return f"{rule['help']} ({rule['id']}, {count} element{'s' if count != 1 else ''}) {where}"

    def evidence(self) -> dict[str, Any]:
        rule, first = self.rule, self.pages[0]
        return {
            "kind": "axe", "step": first["step"], "pageUrl": first["url"], "ruleId": rule["id"],
            "impact": rule.get("impact"), "help": rule["help"], "helpUrl": rule.get("helpUrl"),
            "tags": rule.get("tags", []), "bestPractice": is_best_practice(rule.get("tags") or []),
            "count": self.count, "nodes": self.nodes, "pages": self.pages,
        }  # fmt: skip


@dataclass
class AccessibilityAudit:
    """The session's axe findings so far, by rule and element."""

    findings: list[AxeFinding] = field(default_factory=list)
    _by_element: dict[tuple[str, str], AxeFinding] = field(default_factory=dict)
    _pages_done: set[tuple[str, str]] = field(default_factory=set)

    def add_page(
        self, violations: list[dict[str, Any]], *, page: str, url: str, step: int, event_id: str | None
    ) -> tuple[list[AxeFinding], list[AxeFinding]]:
        """The violations of one page: (new findings, findings that gained this page)."""
        created: list[AxeFinding] = []
        grown: list[AxeFinding] = []
        for rule in violations:
            if (page, rule["id"]) in self._pages_done:
                continue
            self._pages_done.add((page, rule["id"]))
            seen_before: dict[int, tuple[AxeFinding, int]] = {}
            fresh: list[dict[str, Any]] = []
            for node in rule.get("nodes") or []:
                known = self._by_element.get((rule["id"], element_key(node)))
                if known is None:
                    fresh.append(node)
                else:
                    finding, count = seen_before.get(id(known), (known, 0))
                    seen_before[id(known)] = (finding, count + 1)
            entry = {"page": page, "url": url, "step": step, "eventId": event_id}
            for finding, count in seen_before.values():
                finding.pages.append({**entry, "count": count})
                grown.append(finding)
            remaining = int(rule.get("count") or 0) - sum(count for _, count in seen_before.values())
            if fresh or (remaining > 0 and not seen_before):
                finding = AxeFinding(rule=rule, nodes=fresh, pages=[{**entry, "count": max(remaining, len(fresh))}])
                for node in fresh:
                    self._by_element[(rule["id"], element_key(node))] = finding
                self.findings.append(finding)
                created.append(finding)
        return created, grown


__all__ = ["AccessibilityAudit", "AxeFinding", "axe_tags", "element_key", "is_best_practice", "severity_of"]
