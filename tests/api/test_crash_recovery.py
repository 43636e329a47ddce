"""A real app process killed mid-session (SIGKILL: nothing gets to clean up) and started
again: the session ends as interrupted, with every message it had stored."""

from __future__ import annotations

import signal
import time

import pytest

from tests.support.bots import http_bot
from tests.support.loopback import LoopbackServer
from tests.support.sessions import Api, sign_up

pytestmark = pytest.mark.e2e


def test_a_killed_app_marks_its_running_session_interrupted(restartable_app) -> None:
    first = restartable_app()
    # The bot answers once, then hangs: the session is mid-conversation when the app dies.
    state = {"mode": "slow", "delay": 120, "fail_after": 1, "reply": "Let me look into that."}
    with LoopbackServer(http_bot(state)) as bot:
        try:
            headers = sign_up(first.base_url, "crash@example.com")
            api = Api(first.base_url, headers)
            persona_id, objective_id = api.library()
            agent_id = api.agent("http", {"url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 300})
            session_id = api.start(agent_id, persona_id, objective_id)
            deadline = time.monotonic() + 60
            while api.get(f"/api/sessions/{session_id}")["metadata"]["messageCount"] < 3:
                assert time.monotonic() < deadline, "the session did not get going"
                time.sleep(0.1)
            before = api.get(f"/api/sessions/{session_id}")
            assert before["status"] == "running"
        finally:
            first.stop(signal.SIGKILL)

    second = restartable_app()
    try:
        after = Api(second.base_url, headers).get(f"/api/sessions/{session_id}")
    finally:
        second.stop()
    assert after["status"] == "interrupted" and after["outcome"] == "error"
    assert after["error"]["kind"] == "interrupted"
    assert [(m["id"], m["content"]) for m in after["messages"]] == [(m["id"], m["content"]) for m in before["messages"]]
    assert after["messages"][1]["content"] == "Let me look into that."
