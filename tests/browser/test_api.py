"""Browser sessions over the real API (served on 127.0.0.1, sessions on its event loop and
the process's shared browser): a scripted model buys the jacket and the verdict is met,
the offline persona does it with no key, artifacts are served, cancel closes the context."""

from __future__ import annotations

import time

import httpx
import pytest

from app.browser import shared_browser
from app.engine.browser_judge_prompt import BROWSER_PROMPT_VERSION
from tests.browser.conftest import PURCHASE_CHECKS, PURCHASE_CRITERIA, PURCHASE_GOAL, PURCHASE_KEYWORDS
from tests.support.browsing import PURCHASE, BrowserScript
from tests.support.openai_stub import OpenAIStub
from tests.support.sessions import PERSONA, Api

STUB_KEY = "sk-browser-api-stub"
OBJECTIVE = {
    "name": "Buy the trail jacket",
    "definition": {"goal": PURCHASE_GOAL, "successCriteria": PURCHASE_CRITERIA, "keywords": PURCHASE_KEYWORDS},
    "config": {"maxActions": 20},
    "checks": PURCHASE_CHECKS,
}


@pytest.fixture
def api(live_api, make_account) -> Api:
    return Api(live_api.url, make_account().headers)


def _library(api: Api, shop_url: str, **objective) -> tuple[str, str, str]:
    persona = api.post("/api/personas", {**PERSONA, "name": "Dana Kelly"})["id"]
    objective_id = api.post("/api/objectives", {**OBJECTIVE, **objective})["id"]
    agent = api.agent("browser", {"targetUrl": shop_url + "/", "timeoutSeconds": 10})
    return agent, persona, objective_id


def test_a_scripted_model_buys_the_jacket_and_the_verdict_is_met(api: Api, shop, monkeypatch) -> None:
    script = BrowserScript(PURCHASE)
    with OpenAIStub(script=script, required_key=STUB_KEY) as stub:
        monkeypatch.setenv("OPENAI_API_KEY", STUB_KEY)
        monkeypatch.setenv("OPENAI_API_BASE", stub.base_url)
        agent, persona, objective = _library(api, shop.url)
        models = {"model": "openai/gpt-4o-mini", "judgeModel": "openai/gpt-4o-mini"}
        session_id = api.start(agent, persona, objective, llmConfig=models)
        detail = api.wait(session_id)

    assert detail["status"] == "completed", detail["error"]
    assert detail["endReason"] == "goal_met" and detail["outcome"] == "passed"
    assert shop.state["orders"][0]["card"] == "4242 4242 4242 4242"
    events = api.get(f"/api/events/{session_id}")
    steps = [e for e in events if e["type"] == "action"]
    assert [s["decision"]["action"]["type"] for s in steps] == [
        "click", "click", "select", "click", "click", "type", "type", "type", "type", "click", "done",
    ]  # fmt: skip
    assert detail["metadata"]["actionCount"] == len(steps) == len(PURCHASE)
    assert steps[-1]["context"]["pageTitle"] == "Purchase complete · Trail Shop"
    assert steps[0]["decision"]["reasoning"]["confidence"] == 0.8
    assert all(s["outcome"]["success"] and s["outcome"]["duration"] >= 0 for s in steps)
    [criterion] = detail["verdict"]["criteria"]
    assert criterion["status"] == "met" and criterion["citedMessageIds"] == [steps[-1]["id"]]
    # Over REST as for a conversation: the verdict (evidence = step ids) and its judgement.
    verdict = api.get(f"/api/sessions/{session_id}/verdicts")
    assert verdict["criteria"][0]["evidenceMessageIds"] == [steps[-1]["id"]] and verdict["outcome"] == "passed"
    assert [c["criterion"] for c in verdict["checks"]] == ["A page shows “Purchase complete”"]
    [judgement] = api.get(f"/api/sessions/{session_id}/judgements")
    assert (judgement["judgeModel"], judgement["promptVersion"]) == ("openai/gpt-4o-mini", BROWSER_PROMPT_VERSION)
    # The blocked tracker pixel of the home page is an event; the other origin saw nothing.
    blocked = [e for e in events if e["type"] == "blocked_request"]
    assert blocked and blocked[0]["outcome"]["url"] == shop.tracker_url + "/pixel.gif"
    assert shop.tracker_state["hits"] == []


def test_offline_browser_session_with_artifacts(api: Api, shop, live_api, make_account) -> None:
    agent, persona, objective = _library(api, shop.url)
    session_id = api.start(agent, persona, objective, config={"seed": 5})
    detail = api.wait(session_id)
    assert detail["status"] == "completed" and detail["outcome"] == "passed", detail["error"]
    assert detail["llmConfig"]["model"] == "mimic/offline"

    artifacts = api.get(f"/api/sessions/{session_id}/artifacts")
    steps = [e for e in api.get(f"/api/events/{session_id}") if e["type"] == "action"]
    shots = [a for a in artifacts if a["kind"] == "screenshot"]
    assert {a["eventId"] for a in shots} == {s["id"] for s in steps}
    shot = api.http.get(shots[0]["url"])
    assert shot.status_code == 200 and shot.headers["content-type"] == "image/jpeg"
    assert shot.content[:3] == b"\xff\xd8\xff" and len(shot.content) == shots[0]["size"]
    [trace] = [a for a in artifacts if a["kind"] == "trace"]
    zipped = api.http.get(trace["url"])
    assert zipped.headers["content-type"] == "application/zip" and zipped.content[:2] == b"PK"
    assert "attachment" in zipped.headers["content-disposition"]
    assert api.get(f"/api/sessions/{session_id}/artifacts?kind=trace") == [trace]

    # The dashboard's cookie opens a screenshot too (an <img> sends no Authorization header).
    token = api.http.headers["authorization"].split(" ", 1)[1]
    with_cookie = httpx.get(live_api.url + shots[0]["url"], cookies={"mimic_token": token})
    assert with_cookie.status_code == 200
    assert httpx.get(live_api.url + shots[0]["url"]).status_code == 401
    # Another workspace gets 404 for the list and for the file; an unknown id is 404 too.
    stranger = make_account().headers
    assert httpx.get(f"{live_api.url}/api/sessions/{session_id}/artifacts", headers=stranger).status_code == 404
    response = httpx.get(live_api.url + shots[0]["url"], headers=stranger)
    assert response.status_code == 404 and response.json()["error"]["code"] == "RESOURCE_NOT_FOUND"
    assert api.http.get(f"/api/sessions/{session_id}/artifacts/not-an-id").status_code == 404


def test_cancel_mid_run_closes_the_context(api: Api, shop) -> None:
    persona = api.post("/api/personas", {**PERSONA, "name": "Slow Dana",
                                         "config": {"messageInterval": 0.5, "sessionDuration": 120}})["id"]  # fmt: skip
    objective = api.post("/api/objectives", OBJECTIVE)["id"]
    agent = api.agent("browser", {"targetUrl": shop.url + "/", "timeoutSeconds": 10})
    session_id = api.start(agent, persona, objective)
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and api.get(f"/api/sessions/{session_id}")["metadata"]["actionCount"] < 2:
        time.sleep(0.05)
    assert session_id in shared_browser.open_sessions
    api.post(f"/api/sessions/{session_id}/cancel")
    detail = api.wait(session_id)
    assert detail["status"] == "cancelled" and detail["metadata"]["actionCount"] >= 2
    deadline = time.monotonic() + 5
    while session_id in shared_browser.open_sessions and time.monotonic() < deadline:
        time.sleep(0.05)
    assert session_id not in shared_browser.open_sessions


def test_a_browser_session_is_created_with_its_vision_settings(api: Api, shop) -> None:
    agent, persona, objective = _library(api, shop.url)
    vision = {"includeScreenshots": True, "screenshotInterval": 2}
    body = {"agentId": agent, "personaId": persona, "objectiveId": objective, "visionConfig": vision}
    created = api.post("/api/sessions", body)
    assert created["status"] == "pending" and created["visionConfig"] == vision
