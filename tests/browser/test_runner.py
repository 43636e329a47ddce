"""The browser runner end to end (engine + real database store + real Chromium + the shop
site): planted defects found with their evidence, a clean page with none, the offline
persona reaching a purchase, blocked origins, dead ends, cancel, artifacts and vision."""

from __future__ import annotations

import asyncio

import pytest
from sqlmodel import col, select

from app import llm
from app.engine.browser_runner import BrowserOptions, BrowserSessionRunner
from app.engine.bus import InMemoryBus
from app.engine.context import ModelChoice, SessionLimits
from app.models.session import Artifact, Event, Finding, SimSession, Verdict
from app.services.session_store import DatabaseSessionStore
from app.settings import settings
from tests.browser.conftest import ON_THE_BROWSERS_LOOP, browser_plan
from tests.support.browsing import PURCHASE, BrowserScript, click, done, navigate, type_
from tests.support.openai_stub import OpenAIStub

pytestmark = ON_THE_BROWSERS_LOOP

STUB_KEY = "sk-browser-stub"


def runner(plan, browser, **options) -> BrowserSessionRunner:
    store = DatabaseSessionStore(plan.session_id, plan.workspace_id)
    return BrowserSessionRunner(plan, store, InMemoryBus(), options=BrowserOptions(**options), browser=browser)


def stub_model(stub: OpenAIStub) -> ModelChoice:
    return ModelChoice("openai/gpt-4o-mini", 0, llm.Credentials(api_key=STUB_KEY, api_base=stub.base_url))


def stored(db, model, row, order=None):
    db.expire_all()
    query = select(model).where(model.session_id == row.id)
    return db.exec(query.order_by(col(order)) if order is not None else query).all()


def measured(db, row) -> dict[str, list[Finding]]:
    found: dict[str, list[Finding]] = {}
    for f in stored(db, Finding, row):
        if f.source == "measured":
            found.setdefault(f.evidence["kind"], []).append(f)
    return found


async def test_each_planted_defect_is_found_with_its_evidence(db, stored_session, shop, browser) -> None:
    script = BrowserScript([
        click("link", "News"), click("link", "Gallery"), click("link", "Deals"), click("link", "Contact"),
        type_("textbox", "Message", "Where is my order A-10482?"), click("button", "Send message"), done(),
    ])  # fmt: skip
    with OpenAIStub(script=script, required_key=STUB_KEY) as stub:
        plan = browser_plan(stored_session, shop.url + "/", model=stub_model(stub), max_actions=10)
        outcome = await runner(plan, browser, slow_page_ms=2000).run()
    assert outcome in ("passed", "failed")
    found = measured(db, stored_session)

    [console] = found["console_error"]
    assert console.type == "error" and "Newsletter widget failed to initialise" in console.evidence["message"]
    assert console.evidence["pageUrl"] == shop.url + "/news"
    [exception] = found["uncaught_exception"]
    assert exception.evidence["name"] == "ReferenceError" and "undefinedTracker" in exception.evidence["message"]
    [missing_image] = found["failed_request"]
    assert missing_image.evidence["url"] == shop.url + "/img/summit.jpg"
    assert missing_image.evidence["status"] == 404 and missing_image.evidence["resourceType"] == "image"
    assert missing_image.evidence["pageUrl"] == shop.url + "/gallery"
    [slow] = found["slow_page"]
    assert slow.type == "performance" and slow.evidence["pageUrl"] == shop.url + "/deals"
    assert slow.evidence["durationMs"] >= 3000 and slow.evidence["thresholdMs"] == 2000
    [alt] = found["axe"]
    assert alt.type == "accessibility" and alt.evidence["ruleId"] == "image-alt"
    assert alt.evidence["pageUrl"] == shop.url + "/gallery" and alt.severity == "critical"
    assert "tent.svg" in alt.evidence["nodes"][0]["html"]
    [link] = found["broken_link"]
    assert link.evidence["href"] == shop.url + "/catalogue-2019.pdf" and link.evidence["status"] == 404
    assert link.evidence["linkText"] == "Download the 2019 catalogue"
    # All three belong to step 3, where the persona saw the gallery (after clicking it at step 2).
    assert link.evidence["step"] == alt.evidence["step"] == missing_image.evidence["step"] == 3
    assert link.event_id == missing_image.event_id
    [lost] = found["lost_input"]
    assert lost.type == "bug" and lost.evidence["field"] == "Message"
    assert lost.evidence["typed"] == "Where is my order A-10482?" and lost.evidence["valueAfter"] == ""
    # The site really received the emptied message.
    assert shop.state["messages"] == [{"email": "", "message": ""}]
    assert set(found) == {"console_error", "uncaught_exception", "failed_request", "slow_page", "axe",
                          "broken_link", "lost_input"}  # fmt: skip
    # Every finding points at the step that caused it.
    events = {e.id: e for e in stored(db, Event, stored_session)}
    assert all(f.event_id in events for kind in found.values() for f in kind)
    assert events[lost.event_id].decision["action"]["type"] == "type"


async def test_a_clean_page_yields_no_finding(db, stored_session, shop, browser) -> None:
    script = BrowserScript([done()])
    with OpenAIStub(script=script, required_key=STUB_KEY) as stub:
        plan = browser_plan(stored_session, shop.url + "/about", model=stub_model(stub), criteria=["About us"])
        await runner(plan, browser).run()
    assert measured(db, stored_session) == {}
    steps = [e for e in stored(db, Event, stored_session) if e.type == "action"]
    assert len(steps) == 1 and steps[0].context["pageTitle"] == "About us · Trail Shop"


async def test_the_offline_persona_buys_the_jacket(db, stored_session, shop, browser) -> None:
    plan = browser_plan(stored_session, shop.url + "/")
    outcome = await runner(plan, browser).run()

    row = db.get(SimSession, stored_session.id)
    db.refresh(row)
    assert row.status == "completed" and row.end_reason == "goal_met", row.error
    assert outcome == "passed"
    assert shop.state["cart"] == [{"item": "trail-jacket", "size": "M"}]
    [order] = shop.state["orders"]
    assert order["name"] == "Dana Kelly" and order["email"] == "dana.kelly@example.com"
    assert order["card"] == "4242 4242 4242 4242" and order["address"]
    steps = [e for e in stored(db, Event, stored_session, Event.sequence) if e.type == "action"]
    assert row.action_count == len(steps) <= 20
    last = steps[-1]
    assert last.decision["action"]["type"] == "done" and last.context["pageTitle"].startswith("Purchase complete")
    for step in steps:
        assert set(step.context) == {"url", "pageTitle", "page", "pageOutcome"}
        assert {"type", "target", "value"} <= set(step.decision["action"]) <= {"type", "target", "value", "fields"}
        assert set(step.decision["reasoning"]) == {"observation", "thought", "confidence"}
        assert {"success", "duration", "error"} <= set(step.outcome)
    assert all(s.outcome["success"] for s in steps)
    [verdict] = [v for v in stored(db, Verdict, stored_session) if v.kind == "criterion"]
    # The offline judge abstains on meaning; the objective's check found the confirmation page.
    assert verdict.status == "met" and verdict.source == "check" and verdict.cited_message_ids == [last.id]
    # A screenshot per step (a JPEG file under the data directory) and the Playwright trace.
    artifacts = stored(db, Artifact, stored_session)
    shots = [a for a in artifacts if a.kind == "screenshot"]
    assert sorted(a.event_id for a in shots) == sorted(s.id for s in steps)
    assert all((settings.data_dir / a.path).read_bytes()[:3] == b"\xff\xd8\xff" for a in shots)
    [trace] = [a for a in artifacts if a.kind == "trace"]
    assert trace.content_type == "application/zip" and (settings.data_dir / trace.path).read_bytes()[:2] == b"PK"
    assert browser.open_sessions == set() and browser.context_count == 0


async def test_offline_runs_are_deterministic_and_bounded(db, stored_session, shop, browser) -> None:
    # A goal the site cannot serve: the explorer wanders a little, then gives up, well within the budget.
    plan = browser_plan(stored_session, shop.url + "/", goal="Rent a canoe for Saturday.",
                        criteria=["The canoe rental is confirmed"], keywords=["canoe", "rental"], max_actions=40,
                        traits={"patience_level": "low"},
                        checks=[{"type": "contains", "value": "rental is confirmed", "criterion": 0}])  # fmt: skip
    await runner(plan, browser).run()
    row = db.get(SimSession, stored_session.id)
    db.refresh(row)
    assert row.end_reason == "persona_gave_up" and row.outcome == "failed"
    assert row.action_count < 15
    first = [e.decision["action"] for e in stored(db, Event, stored_session, Event.sequence) if e.type == "action"]
    again = type(stored_session)(workspace_id=row.workspace_id, agent_id=row.agent_id, persona_id=row.persona_id,
                                 objective_id=row.objective_id)  # fmt: skip
    db.add(again)
    db.commit()
    await runner(browser_plan(again, shop.url + "/", goal=plan.objective.goal, criteria=plan.objective.success_criteria,
                              keywords=plan.objective.keywords, max_actions=40, traits={"patience_level": "low"}),
                 browser).run()  # fmt: skip
    second = [e.decision["action"] for e in stored(db, Event, again, Event.sequence) if e.type == "action"]
    strip = lambda actions: [(a["type"], a["target"]["description"], a["value"]) for a in actions]  # noqa: E731
    assert strip(first) == strip(second)


async def test_requests_outside_the_allowed_origins_are_blocked_and_logged(db, stored_session, shop, browser) -> None:
    script = BrowserScript([navigate(shop.tracker_url + "/landing"), navigate("/live"), done()])
    with OpenAIStub(script=script, required_key=STUB_KEY) as stub:
        plan = browser_plan(stored_session, shop.url + "/", model=stub_model(stub), criteria=["Trail Shop"])
        await runner(plan, browser).run()
        second_prompt = script.requests[1].body["messages"][-1]["content"]
    assert shop.tracker_state["hits"] == []  # nothing ever reached the other origin
    blocked = [e for e in stored(db, Event, stored_session) if e.type == "blocked_request"]
    urls = {e.outcome["url"]: e.outcome for e in blocked}
    assert urls[shop.tracker_url + "/pixel.gif"]["resourceType"] == "image"
    assert urls[shop.tracker_url + "/landing"]["resourceType"] == "document"
    socket = urls[shop.tracker_url.replace("http", "ws") + "/socket"]
    assert socket["resourceType"] == "websocket" and socket["origin"] == shop.tracker_url.replace("http", "ws")
    assert all(e.outcome["blocked"] and e.outcome["error"] == "origin not allowed" for e in blocked)
    assert len(blocked) == 3
    navigate_step = next(e for e in stored(db, Event, stored_session) if e.type == "action")
    assert navigate_step.outcome["success"] is False and "outside the allowed origins" in navigate_step.outcome["error"]
    assert "outside the website under test" in second_prompt


async def test_no_progress_is_a_dead_end(db, stored_session, shop, browser) -> None:
    script = BrowserScript([click("heading", "About us")] * 10)
    with OpenAIStub(script=script, required_key=STUB_KEY) as stub:
        plan = browser_plan(stored_session, shop.url + "/about", model=stub_model(stub))
        await runner(plan, browser, dead_end_steps=3).run()
    row = db.get(SimSession, stored_session.id)
    db.refresh(row)
    assert row.end_reason == "dead_end" and row.action_count == 3
    [dead_end] = measured(db, stored_session)["dead_end"]
    assert dead_end.type == "ux-issue" and dead_end.evidence["steps"] == [1, 2, 3]
    assert dead_end.evidence["pageUrl"] == shop.url + "/about"


async def test_persona_findings_carry_its_perspective(db, stored_session, shop, browser) -> None:
    finding = {"type": "ux-issue", "severity": "medium", "description": "No feedback after sending the form",
               "personaPerspective": "I clicked and nothing told me it worked."}  # fmt: skip
    script = BrowserScript([click("link", "Contact", finding=finding), done()])
    with OpenAIStub(script=script, required_key=STUB_KEY) as stub:
        plan = browser_plan(stored_session, shop.url + "/", model=stub_model(stub))
        await runner(plan, browser).run()
    [persona] = [f for f in stored(db, Finding, stored_session) if f.source == "persona"]
    assert persona.description == "No feedback after sending the form" and persona.type == "ux-issue"
    assert persona.persona_perspective == "I clicked and nothing told me it worked."
    assert persona.event_id is not None and persona.evidence["pageUrl"] == shop.url + "/"


async def test_screenshots_go_to_a_vision_model_every_interval(db, stored_session, shop, browser) -> None:
    script = BrowserScript(PURCHASE)
    with OpenAIStub(script=script, required_key=STUB_KEY) as stub:
        plan = browser_plan(stored_session, shop.url + "/", model=stub_model(stub))
        outcome = await runner(plan, browser, include_screenshots=True, screenshot_interval=3).run()
    assert outcome == "passed"

    def images(request) -> int:
        content = request.body["messages"][-1]["content"]
        return sum(1 for part in content if part.get("type") == "image_url") if isinstance(content, list) else 0

    assert [images(r) for r in script.requests] == [1 if i % 3 == 0 else 0 for i in range(len(PURCHASE))]


async def test_cancel_mid_run_closes_the_context(db, stored_session, shop, browser) -> None:
    plan = browser_plan(stored_session, shop.url + "/", limits=SessionLimits(seed=3, message_interval_s=0.5))
    bus = InMemoryBus()
    session_runner = BrowserSessionRunner(plan, DatabaseSessionStore(plan.session_id, plan.workspace_id), bus,
                                          browser=browser)  # fmt: skip
    async with bus.subscribe(plan.session_id) as feed:
        task = asyncio.create_task(session_runner.run())
        while (event := await feed.get(timeout=20)) is not None and event.type != "action":
            pass
        assert event is not None
        while (event := await feed.get(timeout=20)) is not None and event.data.get("eventType") != "action":
            pass
        assert browser.open_sessions == {plan.session_id} and browser.context_count == 1
        task.cancel()
        with pytest.raises(asyncio.CancelledError):
            await task
    assert browser.open_sessions == set() and browser.context_count == 0
    assert session_runner.tab is not None and session_runner.tab.closed
    row = db.get(SimSession, stored_session.id)
    db.refresh(row)
    assert row.status == "cancelled" and row.action_count >= 1


async def test_an_unreachable_website_is_an_infrastructure_error_and_closes_the_context(
    db, stored_session, browser
) -> None:
    from tests.support.loopback import free_port

    plan = browser_plan(stored_session, f"http://127.0.0.1:{free_port()}/")
    outcome = await runner(plan, browser).run()
    row = db.get(SimSession, stored_session.id)
    db.refresh(row)
    assert outcome == "error" and row.end_reason == "target_error" and row.error["source"] == "target"
    assert "ERR_CONNECTION_REFUSED" in row.error["message"]
    assert browser.open_sessions == set() and browser.context_count == 0
