"""Browser sessions page by page at the service: a session's pages in the order first seen
with their steps and findings (a finding on several pages on each, one about no page last);
two versions of a site compared page by page below each one's root, with the rules fixed and
added; only ended sessions of browser agents of the caller's workspace."""

from __future__ import annotations

import pytest

from app.models.library import AgentCreate
from app.models.session import Event, Finding, SimSession
from app.services import agents, browser_pages
from app.services.errors import NotFound, ValidationFailed
from tests.services.lab import Lab, principal_of

SITE = "http://127.0.0.1:8123"


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def site_agent(lab: Lab, version: str) -> str:
    config = {"targetUrl": f"{SITE}/{version}/index.html", "timeoutSeconds": 10}
    data = AgentCreate.model_validate({"name": f"Club ({version})", "type": "browser", "config": config})
    return agents.create_agent(session=lab.db, principal=lab.principal, data=data).id


def visit(lab: Lab, agent_id: str, version: str, findings: list[tuple], status: str = "completed") -> str:
    """A visit as the engine records it: it opens index.html, clicks on it, types on survey.html;
    `findings` are (rule, severity, page below the version's root or None[, extra evidence])."""
    session_id = lab.session(agent_id, lab.persona())
    root = f"{SITE}/{version}/"
    steps = [("navigation", "index.html", {"action": {"type": "navigate", "value": f"{root}index.html"}}),
             ("action", "index.html", {"action": {"type": "click", "target": {"description": "Take the survey"}}}),
             ("action", "survey.html", {"action": {"type": "type", "value": "Dana"}})]  # fmt: skip
    for sequence, (kind, page, decision) in enumerate(steps, start=1):
        lab.db.add(Event(workspace_id=lab.principal.workspace_id, session_id=session_id, sequence=sequence, type=kind,
                         context={"url": f"{root}{page}?step={sequence}", "pageTitle": page.split(".")[0].title()},
                         decision=decision, outcome={"success": True}))  # fmt: skip
    for rule, severity, page, *extra in findings:
        lab.db.add(Finding(workspace_id=lab.principal.workspace_id, session_id=session_id, type="accessibility",
                           severity=severity, description=f"{rule} fails", source="audit",
                           page=f"{root}{page}" if page else None,
                           evidence={"ruleId": rule, **(extra[0] if extra else {})}))  # fmt: skip
    lab.db.get(SimSession, session_id).status = status
    lab.db.commit()
    return session_id


def test_a_sessions_pages_in_order_with_steps_and_findings(lab: Lab) -> None:
    root = f"{SITE}/before/"
    both = {"pages": [{"page": f"{root}index.html"}, {"page": f"{root}survey.html"}]}
    session_id = visit(lab, site_agent(lab, "before"), "before", [
        ("label", "high", "survey.html"), ("landmark", "low", "index.html", both), ("slow-site", "medium", None),
    ])  # fmt: skip
    pages = browser_pages.session_pages(session=lab.db, principal=lab.principal, session_id=session_id)
    assert [p.page for p in pages] == [f"{root}index.html", f"{root}survey.html", ""]
    index, survey, nowhere = pages
    assert (index.title, index.steps, survey.title, survey.steps) == ("Index", [0, 1], "Survey", [2])
    assert [f.evidence["ruleId"] for f in index.findings] == ["landmark"]
    assert sorted(f.evidence["ruleId"] for f in survey.findings) == ["label", "landmark"]  # on each of its pages
    assert survey.by_severity == {"high": 1, "low": 1}
    assert [f.evidence["ruleId"] for f in nowhere.findings] == ["slow-site"] and nowhere.steps == []


def test_two_versions_compare_page_by_page_below_their_roots(lab: Lab) -> None:
    before = visit(lab, site_agent(lab, "before"), "before",
                   [("label", "high", "survey.html"), ("contrast", "low", "survey.html")])  # fmt: skip
    after = visit(lab, site_agent(lab, "after"), "after",
                  [("contrast", "low", "survey.html"), ("image-alt", "medium", "index.html")])  # fmt: skip
    found = browser_pages.compare_pages(lab.db, [before], [after])
    assert (found.baseline_root, found.current_root) == (f"{SITE}/before/", f"{SITE}/after/")
    assert (found.baseline_findings, found.current_findings) == (2, 2)
    by_key = {c.key: c for c in found.pages}
    assert set(by_key) == {"index.html", "survey.html"}
    assert (by_key["survey.html"].delta, by_key["survey.html"].fixed, by_key["survey.html"].added) == (
        -1,
        ["label"],
        [],
    )
    assert (by_key["index.html"].delta, by_key["index.html"].added) == (1, ["image-alt"])
    assert [c.key for c in found.pages] == ["index.html", "survey.html"]  # the pages that got worse first


def test_agent_pages_compares_ended_sessions_of_two_site_agents(lab: Lab) -> None:
    before_agent, after_agent = site_agent(lab, "before"), site_agent(lab, "after")
    visit(lab, before_agent, "before", [("label", "high", "survey.html")])
    visit(lab, after_agent, "after", [])
    visit(lab, after_agent, "after", [("label", "high", "survey.html")], status="running")  # not ended: left out
    found = browser_pages.agent_pages(session=lab.db, principal=lab.principal, agent_id=after_agent,
                                      baseline_agent_id=before_agent)  # fmt: skip
    assert (found.baseline_findings, found.current_findings) == (1, 0)
    survey = next(c for c in found.pages if c.key == "survey.html")
    assert survey.fixed == ["label"] and survey.current.sessions == 1


def test_only_browser_agents_of_the_workspace_are_compared(db, make_account, lab: Lab) -> None:
    site = site_agent(lab, "before")
    chat = lab.agent("Chat bot")
    with pytest.raises(ValidationFailed) as raised:
        browser_pages.agent_pages(session=db, principal=lab.principal, agent_id=site, baseline_agent_id=chat)
    assert [(d.field, d.message) for d in raised.value.details] == [("baselineAgentId", "is not a browser agent")]
    with pytest.raises(ValidationFailed) as raised:
        browser_pages.agent_pages(session=db, principal=lab.principal, agent_id=chat)
    assert [d.field for d in raised.value.details] == ["agentId"]
    other = Lab(db, make_account())
    theirs = site_agent(other, "after")
    with pytest.raises(NotFound):
        browser_pages.agent_pages(session=db, principal=lab.principal, agent_id=theirs)
    with pytest.raises(ValidationFailed) as raised:
        browser_pages.agent_pages(session=db, principal=lab.principal, agent_id=site, baseline_agent_id=theirs)
    assert [d.field for d in raised.value.details] == ["baselineAgentId"]
    with pytest.raises(ValidationFailed) as raised:
        browser_pages.agent_pages(session=db, principal=lab.principal, agent_id=site, start_date="yesterday")
    assert [d.field for d in raised.value.details] == ["startDate"]


def test_another_workspaces_session_is_not_found(db, make_account, lab: Lab) -> None:
    session_id = visit(lab, site_agent(lab, "before"), "before", [])
    with pytest.raises(NotFound):
        browser_pages.session_pages(session=db, principal=principal_of(make_account()), session_id=session_id)
