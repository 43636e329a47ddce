"""The routes that start and stop sessions wait for the database in a worker thread, not on
the event loop that every session, stream and request shares: while one of them waits for a
write lock, the app keeps answering."""

from __future__ import annotations

import sqlite3
import threading
from contextlib import contextmanager

import httpx
from sqlalchemy import text

from app.db import get_engine
from tests.support.bots import http_bot
from tests.support.loopback import LoopbackServer
from tests.support.sessions import Api


@contextmanager
def write_lock_held(url: str):
    """Another connection holds the database's write lock on the session table."""
    if url.startswith("sqlite"):
        connection = sqlite3.connect(url.removeprefix("sqlite:///"), isolation_level=None)
        connection.execute("BEGIN IMMEDIATE")
        try:
            yield
        finally:
            connection.execute("ROLLBACK")
            connection.close()
    else:
        with get_engine(url).connect() as connection:
            connection.execute(text('LOCK TABLE "session" IN EXCLUSIVE MODE'))
            try:
                yield
            finally:
                connection.rollback()


def test_a_session_start_waiting_for_the_write_lock_does_not_stop_the_app(live_api, migrated_db, make_account) -> None:
    api = Api(live_api.url, make_account().headers)
    persona_id, objective_id = api.library()
    with LoopbackServer(http_bot({"mode": "ok"})) as bot:
        agent_id = api.agent("http", {"url": f"{bot.url}/chat", "replyPath": "data.reply"})
        answered: dict = {}

        def start() -> None:
            answered["response"] = api.http.post(
                "/api/sessions",
                json={"agentId": agent_id, "personaId": persona_id, "objectiveId": objective_id, "autoStart": True},
            )

        with write_lock_held(migrated_db):
            starter = threading.Thread(target=start)
            starter.start()
            starter.join(1.0)
            assert "response" not in answered, "the start should be waiting for the write lock"
            # Meanwhile the app answers other requests: its event loop is not the one waiting.
            for _ in range(3):
                health = httpx.get(f"{live_api.url}/health", timeout=10)
                assert health.status_code == 200
                assert api.http.get("/api/sessions", timeout=10).status_code == 200
            assert "response" not in answered
        starter.join(30)
        response = answered["response"]
        assert response.status_code == 201, response.text
        ended = api.wait(response.json()["id"])
    assert ended["status"] == "completed" and ended["messages"]
