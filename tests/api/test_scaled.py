"""The scaled topology with real processes: sessions run by taskiq queue workers on a real
Redis, API backends as separate processes, one shared database (the test session's: SQLite
in the first run, PostgreSQL in the second)."""

from __future__ import annotations

import json
import threading
import time
from pathlib import Path

import httpx
import pytest
from sqlalchemy import create_engine, text

from tests.support.bots import http_bot
from tests.support.loopback import LoopbackServer
from tests.support.processes import ApiBackend, QueueWorker, scaled_env
from tests.support.sessions import Api, sign_up

LEASE_S = 3


@pytest.fixture
def topology(db, migrated_db, redis_url, tmp_path: Path):
    """Starts processes on demand and stops them all at the end."""
    started: list = []
    env = scaled_env(migrated_db, redis_url, tmp_path, MIMIC_WORKER_LEASE_SECONDS=str(LEASE_S))

    def start(kind: str):
        kind_of = ApiBackend if kind == "backend" else QueueWorker
        process = kind_of(env=env, log_path=tmp_path / f"{kind}-{len(started)}.log")
        started.append(process)
        return process.start()

    yield start
    for process in reversed(started):
        process.stop()


def _worker_of(database_url: str, session_id: str) -> str | None:
    engine = create_engine(database_url)
    try:
        with engine.connect() as connection:
            return connection.execute(text("SELECT worker_id FROM session WHERE id = :id"), {"id": session_id}).scalar()
    finally:
        engine.dispose()


def _wait_for(predicate, timeout: float, what: str):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError(f"timed out waiting for {what}")


def test_a_queue_worker_runs_sessions_and_health_counts_workers(topology) -> None:
    backend = topology("backend")
    assert httpx.get(f"{backend.url}/health").json()["checks"].get("queue") == "no workers"
    topology("worker")
    health = _wait_for(lambda: (h := httpx.get(f"{backend.url}/health").json())["checks"]["queue"] == "ok" and h,
                       60, "the worker to announce itself")  # fmt: skip
    assert health["status"] == "healthy" and health["checks"]["redis"] == "ok"
    assert health["details"]["sessionExecution"] == "queue" and health["details"]["queue"]["workers"] == 1

    with LoopbackServer(http_bot({"mode": "ok"})) as bot:
        api = Api(backend.url, sign_up(backend.url, "queue@example.com"))
        persona_id, objective_id = api.library()
        agent_id = api.agent("http", {"url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 30})
        ids = [api.start(agent_id, persona_id, objective_id) for _ in range(3)]
        done = [api.wait(session_id, timeout=90) for session_id in ids]
    assert [d["status"] for d in done] == ["completed"] * 3
    assert all(d["messages"] and d["verdict"] for d in done)


def test_a_killed_queue_worker_leaves_its_session_interrupted_with_its_transcript(topology, migrated_db) -> None:
    backend = topology("backend")
    doomed = topology("worker")
    # The bot answers once, then hangs: the session is mid-conversation when its worker dies.
    state = {"mode": "slow", "delay": 120, "fail_after": 1, "reply": "Let me look into that."}
    with LoopbackServer(http_bot(state)) as bot:
        api = Api(backend.url, sign_up(backend.url, "killed@example.com"))
        persona_id, objective_id = api.library()
        agent_id = api.agent("http", {"url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 300})
        session_id = api.start(agent_id, persona_id, objective_id)
        _wait_for(lambda: api.get(f"/api/sessions/{session_id}")["metadata"]["messageCount"] >= 3, 90,
                  f"the session to get going:\n{doomed.log_tail()}")  # fmt: skip
        before = api.get(f"/api/sessions/{session_id}")
        assert before["status"] == "running"
        owner = _worker_of(migrated_db, session_id)
        assert owner and int(owner.split(":")[1]) in doomed.pids  # hostname:pid:nonce

        topology("worker")  # up before the kill: it must not take the session over
        doomed.kill()
        after = _wait_for(lambda: (s := api.get(f"/api/sessions/{session_id}"))["status"] != "running" and s,
                          LEASE_S * 10, "the survivor to notice the dead worker")  # fmt: skip
        time.sleep(LEASE_S)  # long enough for a second run to start, were it to happen
        final = api.get(f"/api/sessions/{session_id}")
    assert after["status"] == "interrupted" and after["outcome"] == "error"
    assert after["error"]["kind"] == "interrupted"
    assert [(m["id"], m["content"]) for m in final["messages"]] == [(m["id"], m["content"]) for m in before["messages"]]
    assert final["messages"][1]["content"] == "Let me look into that."
    assert final["status"] == "interrupted" and _worker_of(migrated_db, session_id) == owner  # never ran again
    assert len(state["received"]) == 2  # the bot heard the dead worker's two turns and nothing more


def _read_stream(url: str, headers: dict, out: list, ready: threading.Event) -> None:
    with httpx.stream("GET", url, headers=headers, timeout=120) as response:
        assert response.status_code == 200
        event = None
        for line in response.iter_lines():
            if line.startswith("event:"):
                event = line.split(":", 1)[1].strip()
                if event == "connected":
                    ready.set()
            elif line.startswith("data:") and event == "update":
                out.append(json.loads(line.split(":", 1)[1]))
                if out[-1]["type"] == "complete":
                    return


def test_two_backends_both_stream_a_session_run_by_a_worker(topology) -> None:
    first, second = topology("backend"), topology("backend")
    topology("worker")
    state = {"mode": "slow", "delay": 0.3}
    with LoopbackServer(http_bot(state)) as bot:
        headers = sign_up(first.url, "stream@example.com")
        api = Api(first.url, headers)
        persona_id, objective_id = api.library()
        agent_id = api.agent("http", {"url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 30})
        session_id = api.post("/api/sessions", {"agentId": agent_id, "personaId": persona_id,
                                                "objectiveId": objective_id})["id"]  # fmt: skip
        streams: dict[str, list] = {first.url: [], second.url: []}
        threads = []
        for base, out in streams.items():
            ready = threading.Event()
            thread = threading.Thread(target=_read_stream, daemon=True,
                                      args=(f"{base}/api/events/{session_id}/stream", headers, out, ready))  # fmt: skip
            thread.start()
            assert ready.wait(30), f"no connected event from {base}"
            threads.append(thread)
        api.post(f"/api/sessions/{session_id}/start")  # only now: everything after comes live
        for thread in threads:
            thread.join(120)
        final = api.get(f"/api/sessions/{session_id}")

    assert final["status"] == "completed"
    stored = [(m["sequence"], m["content"]) for m in final["messages"]]
    for base, events in streams.items():
        heard = [(e["data"]["sequence"], e["data"]["content"]) for e in events if e["type"] == "message"]
        assert heard == stored, f"{base} streamed {len(heard)} of {len(stored)} messages"
        assert events[-1]["type"] == "complete" and events[-1]["data"]["outcome"] == final["outcome"]
        assert any(e["type"] == "status" and e["data"].get("status") == "running" for e in events)
