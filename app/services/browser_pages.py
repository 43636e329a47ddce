"""Browser sessions page by page: a session's pages with their steps and findings, and two
sets of sessions (two runs of a suite, two agents such as a site's /before/ and /after/
versions) compared page by page, each page named by its path below its site root."""

from __future__ import annotations

from collections import Counter, defaultdict
from collections.abc import Iterable
from typing import Any

from sqlmodel import Session, col, select

from app.engine.browser_pages import page_key, relative_page, site_root
from app.engine.judgement import finding_pages
from app.models.library import Agent
from app.models.pages import PageChange, PageComparison, PageSide, SessionPage
from app.models.session import TERMINAL_STATUSES, Event, Finding, SimSession
from app.services.access import Permission, Principal, require
from app.services.analytics import parse_range
from app.services.crud import ScopedResource
from app.services.errors import FieldError, NotFound, ValidationFailed
from app.services.sessions import to_public
from app.services.verdicts import current_findings, latest_judgement

_SEVERITIES = ("critical", "high", "medium", "low")
_resource = ScopedResource(SimSession, to_public, "session")


def _severity_counts(severities: Iterable[str]) -> dict[str, int]:
    counts = Counter(severities)
    return {s: counts[s] for s in _SEVERITIES if counts[s]}


def session_pages(*, session: Session, principal: Principal, session_id: str) -> list[SessionPage]:
    """The pages the session went through, in the order it first saw them, each with its
    steps and the findings of its current judgement and its own (a finding seen on several
    pages is listed on each; the judge's are on the page of the first step they cite);
    findings about no page come last, under an empty page."""
    require(principal, Permission.read)
    row = _resource.row(session, principal, session_id)
    events = session.exec(select(Event).where(Event.session_id == row.id).order_by(col(Event.sequence))).all()
    pages: dict[str, SessionPage] = {}
    number = 0
    for event in events:
        if event.type not in ("action", "navigation"):
            continue
        number += event.type == "action"
        url = str(event.context.get("url") or event.outcome.get("url") or "")
        key = str(event.context.get("page") or "") or page_key(url)
        if not key:
            continue
        page = pages.setdefault(key, SessionPage(page=key, title=str(event.context.get("pageTitle") or "")))
        page.steps.append(number if event.type == "action" else 0)
        page.event_ids.append(event.id)
        page.title = page.title or str(event.context.get("pageTitle") or "")
        page.outcome = str(event.context.get("pageOutcome") or page.outcome)
    judgement = latest_judgement(session, row.id)
    for public in current_findings(session, row.id, judgement.id if judgement else None):
        for key in public.pages or [""]:
            pages.setdefault(key, SessionPage(page=key)).findings.append(public)
    for page in pages.values():
        page.by_severity = _severity_counts(f.severity for f in page.findings)
    return sorted(pages.values(), key=lambda p: (p.page == "", p.steps[0] if p.steps else 10**9))


# -- comparing ---------------------------------------------------------------------------------


def session_root(session: Session, session_id: str) -> str:
    """The site root of a session: the folder of the URL it opened first."""
    first = session.exec(
        select(Event).where(Event.session_id == session_id, Event.type == "navigation").order_by(col(Event.sequence))
    ).first()
    if first is None:
        return ""
    return site_root(str(first.decision.get("action", {}).get("value") or first.context.get("url") or ""))


def _rule(finding: Finding) -> str:
    evidence = finding.evidence or {}
    return str(evidence.get("ruleId") or evidence.get("kind") or finding.type)


def _sides(session: Session, session_ids: list[str], root: str) -> dict[str, PageSide]:
    """Per page (named below `root`), the findings of these sessions and how many saw it."""
    sides: dict[str, dict[str, Any]] = defaultdict(lambda: {"page": "", "sessions": set(), "severities": [],
                                                            "rules": Counter()})  # fmt: skip
    if not session_ids:
        return {}
    for event in session.exec(select(Event).where(col(Event.session_id).in_(session_ids),
                                                  col(Event.type).in_(["action", "navigation"]))):  # fmt: skip
        page = str(event.context.get("page") or "") or page_key(str(event.context.get("url") or ""))
        if page:
            side = sides[relative_page(page, root)]
            side["page"] = side["page"] or page
            side["sessions"].add(event.session_id)
    for finding in session.exec(select(Finding).where(col(Finding.session_id).in_(session_ids))):
        for page in finding_pages(finding.evidence or {}, finding.page):
            side = sides[relative_page(page, root)]
            side["page"] = side["page"] or page
            side["sessions"].add(finding.session_id)
            side["severities"].append(finding.severity)
            side["rules"][_rule(finding)] += 1
    return {
        key: PageSide(
            page=s["page"],
            sessions=len(s["sessions"]),
            findings=len(s["severities"]),
            by_severity=_severity_counts(s["severities"]),
            rules=dict(s["rules"]),
        )  # fmt: skip
        for key, s in sides.items()
    }


def compare_pages(
    session: Session, baseline_ids: list[str], current_ids: list[str], *, baseline_root: str | None = None,
    current_root: str | None = None,
) -> PageComparison:  # fmt: skip
    """Findings per page before and after; pages matched by their path below each side's root
    (by default the folder of the URL each side's first session opened)."""
    if baseline_root is None:
        baseline_root = session_root(session, baseline_ids[0]) if baseline_ids else ""
    if current_root is None:
        current_root = session_root(session, current_ids[0]) if current_ids else ""
    before, after = _sides(session, baseline_ids, baseline_root), _sides(session, current_ids, current_root)
    changes = []
    for key in [*after, *(k for k in before if k not in after)]:
        b, a = before.get(key), after.get(key)
        rules_before, rules_after = set(b.rules if b else {}), set(a.rules if a else {})
        changes.append(PageChange(
            key=key, baseline=b, current=a, delta=(a.findings if a else 0) - (b.findings if b else 0),
            fixed=sorted(rules_before - rules_after) if a else [],
            added=sorted(rules_after - rules_before) if b else [],
        ))  # fmt: skip
    changes.sort(key=lambda c: (-c.delta, c.key))
    return PageComparison(
        baseline_root=baseline_root, current_root=current_root,
        baseline_findings=sum(s.findings for s in before.values()),
        current_findings=sum(s.findings for s in after.values()), pages=changes,
    )  # fmt: skip


def _browser_agent(session: Session, principal: Principal, agent_id: str, field: str) -> Agent:
    agent = session.get(Agent, agent_id)
    if agent is None or agent.workspace_id != principal.workspace_id:
        if field == "agentId":
            raise NotFound("No such agent")
        raise ValidationFailed("Unknown agent", [FieldError(field, "no such agent in this workspace")])
    if agent.type != "browser":
        raise ValidationFailed("Not a website", [FieldError(field, "is not a browser agent")])
    return agent


def agent_pages(
    *, session: Session, principal: Principal, agent_id: str, baseline_agent_id: str | None = None,
    start_date: str | None = None, end_date: str | None = None,
) -> PageComparison:  # fmt: skip
    """Findings per page of one website agent's ended sessions in a range of UTC days, against
    another agent's (another version of the site: /before/ and /after/, staging and live),
    pages matched by their path below each agent's site root (the folder of its target URL)."""
    require(principal, Permission.read)
    current = _browser_agent(session, principal, agent_id, "agentId")
    baseline = _browser_agent(session, principal, baseline_agent_id, "baselineAgentId") if baseline_agent_id else None
    days = parse_range(start_date, end_date)

    def ended(agent: Agent | None) -> list[str]:
        if agent is None:
            return []
        query = select(SimSession.id).where(
            SimSession.agent_id == agent.id, col(SimSession.status).in_(sorted(TERMINAL_STATUSES)),
            col(SimSession.created_at) >= days.start_at, col(SimSession.created_at) < days.end_before,
        )  # fmt: skip
        return list(session.exec(query).all())

    return compare_pages(
        session, ended(baseline), ended(current),
        baseline_root=site_root(str(baseline.config.get("targetUrl") or "")) if baseline else "",
        current_root=site_root(str(current.config.get("targetUrl") or "")),
    )  # fmt: skip


__all__ = ["agent_pages", "compare_pages", "session_pages", "session_root"]
