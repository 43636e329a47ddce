"""A real app process killed mid-session (SIGKILL: nothing gets to clean up) and started
again: the session ends as interrupted, with every message it had stored."""

from __future__ import annotations

import signal
import time

import httpx
import pytest
from alembic import command

from app.settings import PROJECT_ROOT
from tests.conftest import alembic_config
from tests.support.app_process import AppProcess
from tests.support.bots import http_bot
from tests.support.loopback import LoopbackServer
from tests.support.sessions import Api

pytestmark = pytest.mark.e2e


def test_a_killed_app_marks_its_running_session_interrupted(tmp_path) -> None:
    url = f"sqlite:///{tmp_path / 'crash.db'}"
    command.upgrade(alembic_config(url), "head")
    # A build folder of its own: the shared end-to-end app may be serving from the usual one.
    web_dir = str(PROJECT_ROOT / ".web-test-recovery")
    first = AppProcess(url, tmp_path, web_dir=web_dir).start()
    # The bot answers once, then hangs: the session is mid-conversation when the app dies.
    state = {"mode": "slow", "delay": 120, "fail_after": 1, "reply": "Let me look into that."}
    with LoopbackServer(http_bot(state)) as bot:
        try:
            account = {"email": "crash@example.com", "password": "password123"}
            httpx.post(f"{first.base_url}/api/auth/register", json=account).raise_for_status()
            token = httpx.post(f"{first.base_url}/api/auth/login", json=account).json()["access_token"]
            api = Api(first.base_url, {"Authorization": f"Bearer {token}"})
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

    second = AppProcess(url, tmp_path, web_dir=web_dir).start()
    try:
        after = Api(second.base_url, {"Authorization": f"Bearer {token}"}).get(f"/api/sessions/{session_id}")
    finally:
        second.stop()
    assert after["status"] == "interrupted" and after["outcome"] == "error"
    assert after["error"]["kind"] == "interrupted"
    assert [(m["id"], m["content"]) for m in after["messages"]] == [(m["id"], m["content"]) for m in before["messages"]]
    assert after["messages"][1]["content"] == "Let me look into that."
