"""Waiting that costs nothing: a session's and a run's light state, and long-polls that answer
when the session or run ends (or makes progress), not on a timer."""

from __future__ import annotations

import threading
import time

import pytest

from tests.api.test_suites import _suite
from tests.support.loopback import LoopbackServer
from tests.support.sessions import Api
from tests.support.suites import SuiteApi, topic_bot


@pytest.fixture
def api(live_api, make_account) -> SuiteApi:
    return SuiteApi(live_api.url, make_account().headers)


def _hosted_session(api: Api, *, start: bool = True) -> str:
    persona_id, objective_id = Api.library(api)  # one of each (SuiteApi's library makes several)
    agent_id = api.agent("hosted", {"systemPrompt": "You are Acme's support agent.", "model": "mimic/offline"})
    body = {"agentId": agent_id, "personaId": persona_id, "objectiveId": objective_id, "autoStart": start}
    return api.post("/api/sessions", body)["id"]


def test_a_session_state_is_light_and_its_wait_answers_at_the_end(api: SuiteApi) -> None:
    session_id = _hosted_session(api)
    started = time.monotonic()
    ended = api.get(f"/api/sessions/{session_id}/wait?timeout=60")
    waited = time.monotonic() - started
    assert ended["ended"] is True and ended["status"] in {"completed", "error"}, ended
    assert waited < 55  # answered by the end, not by the timeout
    state = api.get(f"/api/sessions/{session_id}/status")
    assert state == ended
    assert "messages" not in state and state["messageCount"] >= 2
    # The full read agrees.
    detail = api.get(f"/api/sessions/{session_id}")
    assert (detail["status"], detail["outcome"]) == (state["status"], state["outcome"])


def test_a_wait_on_a_session_that_does_not_end_answers_at_its_timeout(api: SuiteApi) -> None:
    session_id = _hosted_session(api, start=False)  # pending: nothing will end it
    started = time.monotonic()
    state = api.get(f"/api/sessions/{session_id}/wait?timeout=1")
    assert time.monotonic() - started >= 0.9
    assert state["ended"] is False and state["status"] == "pending"


def test_a_wait_is_answered_when_a_cancel_ends_the_session(api: SuiteApi) -> None:
    session_id = _hosted_session(api, start=False)
    answer: dict = {}
    waiter = threading.Thread(target=lambda: answer.update(api.get(f"/api/sessions/{session_id}/wait?timeout=30")))
    waiter.start()
    time.sleep(0.5)
    api.post(f"/api/sessions/{session_id}/cancel")
    waiter.join(20)
    assert answer.get("ended") is True and answer["status"] == "cancelled", answer


def test_bad_waits_are_refused_in_the_one_error_shape(api: SuiteApi, make_account) -> None:
    session_id = _hosted_session(api, start=False)
    for query in ("timeout=61", "timeout=-1", "timeout=soon"):
        response = api.http.get(f"/api/sessions/{session_id}/wait?{query}")
        assert response.status_code == 422, query
        assert response.json()["error"]["details"][0]["field"] == "timeout"
    stranger = Api(str(api.http.base_url), make_account().headers)
    for path in ("status", "wait?timeout=0"):
        response = stranger.http.get(f"/api/sessions/{session_id}/{path}")
        assert response.status_code == 404 and response.json()["error"]["code"] == "RESOURCE_NOT_FOUND"


def test_a_run_wait_answers_on_progress_and_at_the_end(api: SuiteApi) -> None:
    with LoopbackServer(topic_bot({})) as bot:
        suite = _suite(api, f"{bot.url}/chat", repeats=1)
        run = api.post(f"/api/suites/{suite['id']}/run")
        seen = [api.get(f"/api/runs/{run['id']}/status")]
        assert "cells" not in seen[0]
        deadline = time.monotonic() + 120
        while not seen[-1]["endedAt"] and time.monotonic() < deadline:
            done = seen[-1]["progress"]["done"]
            seen.append(api.get(f"/api/runs/{run['id']}/wait?timeout=30&done={done}"))
    final = seen[-1]
    assert final["endedAt"] and final["progress"]["done"] == final["totalSessions"] == suite["sessionCount"]
    # Answers came with news (a session more ended, or the end), not on a timer: a handful of
    # requests for the whole run, where polling read it every second.
    steps = [s["progress"]["done"] for s in seen]
    assert steps == sorted(steps) and len(seen) <= suite["sessionCount"] + 3, steps
