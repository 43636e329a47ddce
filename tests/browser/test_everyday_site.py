"""Browser sessions on an ordinary website they have never seen (tests/support/everyday.py):
the offline explorer finishes plain tasks (a keyboard-driven todo app, a survey form with
radios, a select, required email and number fields), a refused submission is never done,
findings are only about the site's real pages, a blocked navigation is a failed step, and
accessibility findings follow the agent's rule set, one finding per rule and element."""

from __future__ import annotations

import pytest
from sqlmodel import col, select

from app.engine.browser_runner import BrowserOptions, BrowserSessionRunner
from app.engine.bus import InMemoryBus
from app.models.session import Event, Finding, SimSession, Verdict
from app.services.session_store import DatabaseSessionStore
from tests.browser.conftest import ON_THE_BROWSERS_LOOP, browser_plan
from tests.browser.test_runner import STUB_KEY, stub_model
from tests.support.browsing import BrowserScript, click, done, give_up, navigate
from tests.support.everyday import everyday_site
from tests.support.loopback import LoopbackServer
from tests.support.openai_stub import OpenAIStub

pytestmark = ON_THE_BROWSERS_LOOP

TODO_GOAL = 'Add the todos "Buy milk" and "Walk the dog" to my todo list, then mark "Buy milk" as done.'
SURVEY_GOAL = "Answer the member survey and send it."


class Site:
    def __init__(self, url: str, state: dict) -> None:
        self.url, self.state = url, state


@pytest.fixture
def site():
    state: dict = {}
    with LoopbackServer(everyday_site(state)) as server:
        yield Site(server.url, state)


@pytest.fixture
def closed_site():
    """The same site whose survey refuses every answer."""
    state: dict = {}
    with LoopbackServer(everyday_site(state, fail_submissions=True)) as server:
        yield Site(server.url, state)


def run(plan, browser, **options) -> str:
    store = DatabaseSessionStore(plan.session_id, plan.workspace_id)
    return BrowserSessionRunner(plan, store, InMemoryBus(), options=BrowserOptions(**options), browser=browser).run()


def session_row(db, row) -> SimSession:
    db.expire_all()
    return db.get(SimSession, row.id)


def steps_of(db, row) -> list[Event]:
    db.expire_all()
    events = db.exec(select(Event).where(Event.session_id == row.id).order_by(col(Event.sequence))).all()
    return [e for e in events if e.type == "action"]


def findings_of(db, row) -> list[Finding]:
    db.expire_all()
    return db.exec(select(Finding).where(Finding.session_id == row.id)).all()


async def test_the_offline_explorer_completes_the_todo_list_from_the_home_page(db, stored_session, site, browser):
    plan = browser_plan(stored_session, site.url + "/before/index.html", goal=TODO_GOAL,
                        criteria=["The todo list shows both items, with “Buy milk” done"], keywords=[],
                        max_actions=15)  # fmt: skip
    outcome = await run(plan, browser)
    row = session_row(db, stored_session)
    assert row.end_reason == "goal_met", [(s.decision["action"], s.outcome) for s in steps_of(db, stored_session)]
    # The app's own state: both items, and the one the goal marks done.
    assert site.state["before"]["todos"] == [
        {"title": "Buy milk", "done": True},
        {"title": "Walk the dog", "done": False},
    ]
    steps = steps_of(db, stored_session)
    typed = [s.decision["action"] for s in steps if s.decision["action"]["type"] == "type"]
    assert [(a["value"], a.get("submit")) for a in typed] == [("Buy milk", True), ("Walk the dog", True)]
    assert steps[0].decision["action"]["target"]["description"].lower() in ("todo list", "todo list")
    assert all(s.outcome["success"] for s in steps), [(s.decision["action"], s.outcome) for s in steps]
    # Judged, honestly: what "shows both items, one done" means is left to an LLM judge (the app's state is the proof).
    assert outcome == "inconclusive" and row.blame == "judge"


async def test_the_offline_explorer_submits_the_survey_with_valid_answers(db, stored_session, site, browser):
    plan = browser_plan(stored_session, site.url + "/before/index.html", goal=SURVEY_GOAL,
                        criteria=["The site confirms that the survey answers were received"], keywords=["survey"],
                        max_actions=12)  # fmt: skip
    await run(plan, browser)
    row = session_row(db, stored_session)
    steps = steps_of(db, stored_session)
    assert row.end_reason == "goal_met", [(s.decision["action"], s.outcome) for s in steps]
    [answer] = site.state["before"]["submissions"]
    assert site.state["before"]["refused"] == []
    assert answer["email"] == "dana.kelly@example.com" and 18 <= int(answer["age"]) <= 120
    assert answer["heard"] and answer["plan"] in ("Basic", "Family", "Business") and answer["agree"] == "yes"
    assert answer["postcode"] == "AA000" and answer["name"] == "Dana Kelly"
    # The goal's words went into no field that expects something else.
    assert "survey" not in " ".join(v for k, v in answer.items() if k != "comments").lower()
    assert steps[-1].decision["action"]["type"] == "done" and steps[-1].context["pageOutcome"] == "confirmation"
    assert steps[-1].context["pageTitle"].startswith("Thank you")
    filled = next(s for s in steps if s.decision["action"]["type"] == "fill_form")
    assert {f["success"] for f in filled.outcome["fields"]} == {True}


async def test_a_refused_submission_is_never_done(db, stored_session, closed_site, browser):
    plan = browser_plan(stored_session, closed_site.url + "/before/survey.html", goal=SURVEY_GOAL,
                        criteria=["The site confirms that the survey answers were received"], keywords=["survey"],
                        max_actions=20)  # fmt: skip
    outcome = await run(plan, browser)
    row = session_row(db, stored_session)
    steps = steps_of(db, stored_session)
    assert closed_site.state["before"]["refused"] and not closed_site.state["before"]["submissions"]
    assert row.end_reason != "goal_met" and outcome != "passed"
    assert not [s for s in steps if s.decision["action"]["type"] == "done" and s.outcome["success"]]
    assert any(s.context["pageOutcome"] == "failure" for s in steps)
    [refusal] = [f for f in findings_of(db, stored_session) if f.source == "persona" and f.type == "bug"]
    assert "The survey is closed" in refusal.description and "could not be saved" in refusal.description
    assert steps[-1].decision["action"]["type"] == "give_up" and row.end_reason == "persona_gave_up"
    assert len(closed_site.state["before"]["refused"]) == 3  # tried again, with other valid answers, then stopped


async def test_done_on_a_failure_page_is_a_failed_step(db, stored_session, closed_site, browser):
    """A real model that says done on "Submission Failed" is told no, and the visit goes on."""
    script = BrowserScript([navigate("failed.html"), done(), give_up()])
    with OpenAIStub(script=script, required_key=STUB_KEY) as stub:
        # The objective's check decides the criterion (the offline judge leaves meaning to an LLM judge).
        check = {"type": "contains", "value": "answers were received", "criterion": 0}
        plan = browser_plan(stored_session, closed_site.url + "/before/survey.html", model=stub_model(stub),
                            criteria=["Submission received"], checks=[check])  # fmt: skip
        await run(plan, browser)
        third = script.requests[2].body["messages"][-1]["content"]
    row = session_row(db, stored_session)
    steps = steps_of(db, stored_session)
    assert row.end_reason == "persona_gave_up" and row.outcome == "failed"
    said_done = steps[1]
    assert said_done.decision["action"]["type"] == "done" and said_done.context["pageOutcome"] == "failure"
    assert said_done.outcome["success"] is False and "could not be saved" in said_done.outcome["error"]
    assert "The page says: Your answers could not be saved." in third


async def test_no_finding_names_about_blank_or_a_browser_error_page(db, stored_session, site, browser):
    """back on the first page does nothing; a link to another origin is refused, leaves a
    failed step and the tab on the site's last page."""
    script = BrowserScript([
        _back(), navigate("http://127.0.0.2:9/elsewhere"), click("link", "About"), _back(), _back(), done(),
    ])  # fmt: skip
    with OpenAIStub(script=script, required_key=STUB_KEY) as stub:
        plan = browser_plan(stored_session, site.url + "/before/index.html", model=stub_model(stub),
                            criteria=["Everyday Club"])  # fmt: skip
        await run(plan, browser)
    steps = steps_of(db, stored_session)
    first_back = steps[0]
    assert first_back.outcome["success"] is False and "first page" in first_back.outcome["error"]
    refused = steps[1]
    assert refused.outcome["success"] is False and "outside the allowed origins" in refused.outcome["error"]
    assert steps[2].context["url"] == site.url + "/before/index.html"  # still on the site's page
    # back from About to the home page; back again: nothing earlier than the first page.
    assert steps[3].outcome["success"] and steps[3].outcome["url"] == site.url + "/before/index.html"
    assert steps[4].outcome["success"] is False and "first page" in steps[4].outcome["error"]
    assert steps[5].context["url"] == site.url + "/before/index.html"
    for finding in findings_of(db, stored_session):
        text = f"{finding.description} {finding.evidence} {finding.page}"
        assert "about:blank" not in text and "chrome-error:" not in text
        assert finding.page is None or finding.page.startswith(site.url)
    assert {s.context["url"].split("://")[0] for s in steps} == {"http"}


def _back():
    from tests.support.browsing import _step

    return _step("back")


async def test_a_blocked_link_leaves_a_failed_step_and_the_tab_on_the_site(db, stored_session, browser):
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse

    app = FastAPI()

    @app.get("/")
    async def home():
        return HTMLResponse('<!doctype html><html lang="en"><title>Home</title><main><h1>Home</h1>'
                            '<a href="http://127.0.0.2:9/away">Partner site</a></main></html>')  # fmt: skip

    with LoopbackServer(app) as server:
        script = BrowserScript([click("link", "Partner site"), done()])
        with OpenAIStub(script=script, required_key=STUB_KEY) as stub:
            plan = browser_plan(stored_session, server.url + "/", model=stub_model(stub), criteria=["Home"])
            await run(plan, browser)
            second = script.requests[1].body["messages"][-1]["content"]
    steps = steps_of(db, stored_session)
    assert steps[0].outcome["success"] is False and steps[0].outcome["restored"] is True
    assert "outside the website under test" in steps[0].outcome["error"]
    assert steps[1].context["url"] == server.url + "/" and steps[1].context["pageTitle"] == "Home"
    assert "URL: " + server.url + "/" in second and "chrome-error" not in second
    db.expire_all()
    blocked = db.exec(select(Event).where(Event.session_id == stored_session.id, Event.type == "blocked_request")).all()
    assert [b.outcome["url"] for b in blocked] == ["http://127.0.0.2:9/away"]
    assert not [f for f in findings_of(db, stored_session) if "chrome-error" in f"{f.evidence}"]


async def test_one_axe_finding_per_rule_and_element_across_pages(db, stored_session, site, browser):
    script = BrowserScript([click("link", "Todo list"), click("link", "About"), done()])
    with OpenAIStub(script=script, required_key=STUB_KEY) as stub:
        plan = browser_plan(stored_session, site.url + "/before/index.html", model=stub_model(stub),
                            criteria=["About the club"])  # fmt: skip
        await run(plan, browser)
    axe = [f for f in findings_of(db, stored_session) if f.evidence.get("kind") == "axe"]
    [logo] = [f for f in axe if f.evidence["ruleId"] == "image-alt"]
    pages = [p["page"] for p in logo.evidence["pages"]]
    assert pages == [site.url + "/before/index.html", site.url + "/before/todo.html", site.url + "/before/about.html"]
    assert logo.page == pages[0] and "on 3 pages" in logo.description and logo.evidence["count"] == 3
    assert logo.severity == "critical"
    # Best-practice rules (on by default) at their lower severities: no <main> landmark on these pages.
    best = {f.evidence["ruleId"]: f for f in axe if f.evidence["bestPractice"]}
    assert "landmark-one-main" in best and best["landmark-one-main"].severity in ("low", "medium")
    assert len(best["landmark-one-main"].evidence["pages"]) == 3
    # The todo page's own defect is a finding of that page only.
    todo_only = [f for f in axe if f.page == site.url + "/before/todo.html"]
    assert todo_only and all(len(f.evidence["pages"]) == 1 for f in todo_only)


async def test_the_rule_set_is_the_agents_setting(db, stored_session, site, browser):
    script = BrowserScript([done()])
    with OpenAIStub(script=script, required_key=STUB_KEY) as stub:
        plan = browser_plan(
            stored_session,
            site.url + "/before/index.html",
            model=stub_model(stub),
            criteria=["Everyday Club"],
            accessibility={"standard": "wcag2a", "bestPractice": False},
        )
        await run(plan, browser)
    rules = {f.evidence["ruleId"] for f in findings_of(db, stored_session) if f.evidence.get("kind") == "axe"}
    assert rules == {"image-alt"}  # no best-practice rule when it is off


async def test_the_repaired_site_has_no_accessibility_finding(db, stored_session, site, browser):
    script = BrowserScript([click("link", "Todo list"), click("link", "Gallery"), done()])
    with OpenAIStub(script=script, required_key=STUB_KEY) as stub:
        plan = browser_plan(stored_session, site.url + "/after/index.html", model=stub_model(stub),
                            criteria=["Photo gallery"])  # fmt: skip
        await run(plan, browser)
    assert [f.description for f in findings_of(db, stored_session) if f.type == "accessibility"] == []
    db.expire_all()
    assert db.exec(select(Verdict).where(Verdict.session_id == stored_session.id)).all()


async def test_hover_reveals_a_menu(db, stored_session, browser):
    from fastapi import FastAPI
    from fastapi.responses import HTMLResponse

    from tests.support.browsing import _step

    app = FastAPI()
    menu = (
        '<style>.sub{display:none} .menu:hover .sub{display:block}</style><nav class="menu" aria-label="Account">'
        '<button>My account</button><ul class="sub"><li><a href="/orders">My orders</a></li></ul></nav>'
    )

    @app.get("/")
    async def home():
        return HTMLResponse(
            f'<!doctype html><html lang="en"><title>Home</title><main><h1>Home</h1>{menu}</main></html>'
        )

    @app.get("/orders")
    async def orders():
        return HTMLResponse(
            '<!doctype html><html lang="en"><title>Orders</title><main><h1>Your orders</h1></main></html>'
        )

    def hover(role: str, name: str):
        return _step("hover", role, name)

    with LoopbackServer(app) as server:
        script = BrowserScript([hover("button", "My account"), click("link", "My orders"), done()])
        with OpenAIStub(script=script, required_key=STUB_KEY) as stub:
            plan = browser_plan(stored_session, server.url + "/", model=stub_model(stub), criteria=["Your orders"])
            await run(plan, browser)
            first_snapshot = script.requests[0].body["messages"][-1]["content"]
    steps = steps_of(db, stored_session)
    assert "My orders" not in first_snapshot.split("```aria")[1].split("```")[0]  # hidden until hovered
    assert [s.decision["action"]["type"] for s in steps] == ["hover", "click", "done"]
    assert all(s.outcome["success"] for s in steps) and steps[2].context["url"] == server.url + "/orders"
