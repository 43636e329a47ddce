"""A run under way when its app process is killed (SIGKILL) goes on after the restart: the
session that was running ends as interrupted with its transcript, the sessions that were
waiting for a slot run, and the run completes with a summary that counts all of them."""

from __future__ import annotations

import signal
import time

import pytest

from tests.support.bots import http_bot
from tests.support.loopback import LoopbackServer
from tests.support.sessions import PERSONA, Api, sign_up
from tests.support.suites import SuiteApi

pytestmark = pytest.mark.e2e

OBJECTIVE = {
    "name": "Opening hours",
    "definition": {"goal": "Learn the opening hours.", "successCriteria": ["The agent gives the opening hours"]},
    "config": {"maxTurns": 2},
    # Decides the criterion where the offline judge cannot tell, so that the sessions are judged.
    "checks": [{"type": "regex", "value": r"(?i)\bopen (from|until|at) \d", "criterion": 0}],
}


def test_a_run_continues_after_its_app_was_killed(restartable_app) -> None:
    # One session at a time, so that when the app dies one session is running and the
    # others are waiting for their turn.
    first = restartable_app(MIMIC_MAX_CONCURRENT_SESSIONS="1")
    state = {"mode": "slow", "delay": 120, "fail_after": 1, "reply": "Let me look into that."}
    with LoopbackServer(http_bot(state)) as bot:
        try:
            headers = sign_up(first.base_url, "run-crash@example.com")
            api = Api(first.base_url, headers)
            persona_id = api.post("/api/personas", PERSONA)["id"]
            objective_id = api.post("/api/objectives", OBJECTIVE)["id"]
            agent_id = api.agent("http", {"url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 300})
            suite = api.post("/api/suites", {"name": "Nightly", "agentId": agent_id, "personaIds": [persona_id],
                                             "objectiveIds": [objective_id], "repeats": 3})  # fmt: skip
            run_id = api.post(f"/api/suites/{suite['id']}/run")["id"]
            deadline = time.monotonic() + 60
            while api.get(f"/api/runs/{run_id}")["progress"]["running"] < 1 or len(state["received"]) < 2:
                assert time.monotonic() < deadline, "the run did not get going"
                time.sleep(0.1)
            before = {s["id"]: s for s in api.get(f"/api/sessions?runId={run_id}&limit=10")["data"]}
            assert sorted(s["status"] for s in before.values()) == ["pending", "pending", "running"]
            running_id = next(i for i, s in before.items() if s["status"] == "running")
            transcript = api.get(f"/api/sessions/{running_id}")["messages"]
        finally:
            first.stop(signal.SIGKILL)

        state.update(mode="ok", fail_after=-1, reply=None)  # the agent answers from now on
        second = restartable_app(MIMIC_MAX_CONCURRENT_SESSIONS="1")
        api = SuiteApi(second.base_url, headers)
        ended = api.wait_run(run_id, timeout=120)

    sessions = {s["id"]: s for s in api.get(f"/api/sessions?runId={run_id}&limit=10")["data"]}
    interrupted = api.get(f"/api/sessions/{running_id}")
    assert interrupted["status"] == "interrupted" and interrupted["error"]["kind"] == "interrupted"
    assert [(m["id"], m["content"]) for m in interrupted["messages"]] == [(m["id"], m["content"]) for m in transcript]
    others = [s for i, s in sessions.items() if i != running_id]
    assert [s["status"] for s in others] == ["completed", "completed"]
    assert ended["status"] == "completed" and ended["endedAt"]
    assert ended["progress"]["done"] == 3 and ended["progress"]["errors"] == 1
    assert ended["progress"]["passed"] + ended["progress"]["failed"] == 2
