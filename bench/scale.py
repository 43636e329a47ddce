"""The scaled topology, measured: PostgreSQL and Redis from Debian's packages, API backends
(uvicorn) and taskiq queue workers as real processes, a stub target (an HTTP bot on loopback
answering after a short delay) and the offline model as persona and judge.

1. Sessions per minute with 1, 2 and 4 queue workers: a batch of sessions is queued at once
   and timed from the first POST until the last one has ended.
2. API p50 and p99 under load with 1 and 4 backend workers: concurrent clients read and write
   through the API for a while, with sessions running on two queue workers meanwhile.

    PYTHONPATH=. .venv/bin/python bench/scale.py [--sessions 120] [--api-seconds 20]
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import tempfile
import threading
import time
from pathlib import Path

os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("MIMIC_SECRET_KEY", "bench-secret-key-bench-secret-key-0000")
os.environ.setdefault("MIMIC_OUTBOUND_ALLOW", "loopback")

import httpx  # noqa: E402
from alembic import command  # noqa: E402

from tests.conftest import alembic_config  # noqa: E402
from tests.support.bots import http_bot  # noqa: E402
from tests.support.loopback import LoopbackServer  # noqa: E402
from tests.support.processes import ApiBackend, QueueWorker, scaled_env  # noqa: E402
from tests.support.servers import PostgresServer, RedisServer  # noqa: E402
from tests.support.sessions import PERSONA, Api, sign_up  # noqa: E402

TERMINAL = {"completed", "cancelled", "error", "interrupted"}
OBJECTIVE = {
    "name": "Opening hours",
    "definition": {"goal": "Learn the opening hours.", "successCriteria": ["The agent gives the opening hours"]},
    "config": {"maxTurns": 3},
}


class Topology:
    def __init__(self, database_url: str, redis_url: str, workdir: Path) -> None:
        self.env = scaled_env(database_url, redis_url, workdir, MIMIC_MAX_CONCURRENT_SESSIONS="50",
                              MIMIC_LOG_LEVEL="WARNING")  # fmt: skip
        self.workdir = workdir
        self.processes: list = []

    def backend(self, workers: int = 1) -> ApiBackend:
        log_path = self.workdir / f"backend-{len(self.processes)}.log"
        backend = ApiBackend(env=self.env, log_path=log_path, workers=workers)
        self.processes.append(backend)
        return backend.start()

    def queue_workers(self, count: int) -> list[QueueWorker]:
        started = []
        for _ in range(count):
            worker = QueueWorker(env=self.env, log_path=self.workdir / f"worker-{len(self.processes)}.log")
            self.processes.append(worker)
            started.append(worker.start())
        return started

    def stop(self, processes: list | None = None) -> None:
        for process in processes if processes is not None else list(self.processes):
            process.stop()
            if process in self.processes:
                self.processes.remove(process)


def wait_for_workers(base_url: str, count: int, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        queue = httpx.get(f"{base_url}/health").json()["details"].get("queue") or {}
        if queue.get("workers", 0) >= count:
            return
        time.sleep(0.3)
    raise SystemExit(f"{count} queue workers did not announce themselves")


def sessions_per_minute(topology: Topology, backend: ApiBackend, api: Api, agent_id: str, persona_id: str,
                        objective_id: str, workers: int, sessions: int) -> tuple[float, int]:  # fmt: skip
    started = topology.queue_workers(workers)
    try:
        # Workers that stopped a moment ago may still be listed until their key expires.
        wait_for_workers(backend.url, workers)
        t0 = time.monotonic()
        ids = [api.start(agent_id, persona_id, objective_id) for _ in range(sessions)]
        pending = set(ids)
        errors = 0
        while pending:
            page = api.get(f"/api/sessions?agentId={agent_id}&limit=100&status=pending")["pagination"]["total"]
            running = api.get(f"/api/sessions?agentId={agent_id}&limit=1&status=running")["pagination"]["total"]
            if page == 0 and running == 0:
                break
            time.sleep(0.5)
        elapsed = time.monotonic() - t0
        for session_id in ids:
            detail = api.get(f"/api/sessions/{session_id}")
            errors += detail["status"] != "completed"
        return sessions / elapsed * 60, errors
    finally:
        topology.stop(started)


def api_latency(base_url: str, headers: dict, seconds: float, clients: int = 16) -> tuple[float, float, int, int]:
    latencies: list[float] = []
    failures = 0
    lock = threading.Lock()
    stop_at = time.monotonic() + seconds

    def client(n: int) -> None:
        nonlocal failures
        with httpx.Client(base_url=base_url, headers=headers, timeout=30) as http:
            i = 0
            while time.monotonic() < stop_at:
                i += 1
                t = time.perf_counter()
                try:
                    if i % 5 == 0:
                        r = http.post("/api/personas", json={**PERSONA, "name": f"Load {n}-{i}"})
                    elif i % 2:
                        r = http.get("/api/sessions?limit=20")
                    else:
                        r = http.get("/api/personas?limit=20")
                    ok = r.status_code < 500
                except httpx.HTTPError:
                    ok = False
                with lock:
                    latencies.append((time.perf_counter() - t) * 1000)
                    failures += not ok

    threads = [threading.Thread(target=client, args=(n,)) for n in range(clients)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    latencies.sort()
    return statistics.median(latencies), latencies[int(len(latencies) * 0.99) - 1], len(latencies), failures


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sessions", type=int, default=120)
    parser.add_argument("--api-seconds", type=float, default=20)
    args = parser.parse_args()

    workdir = Path(tempfile.mkdtemp(prefix="mimic-bench-scale-"))
    pg, redis = PostgresServer().start(), RedisServer().start()
    topology = Topology(pg.url, redis.url, workdir)
    try:
        command.upgrade(alembic_config(pg.url.replace("postgresql://", "postgresql+psycopg://")), "head")
        with LoopbackServer(http_bot({"mode": "slow", "delay": 0.1})) as bot:
            backend = topology.backend()
            headers = sign_up(backend.url, "scale@example.com")
            api = Api(backend.url, headers)
            persona_id = api.post("/api/personas", PERSONA)["id"]
            objective_id = api.post("/api/objectives", OBJECTIVE)["id"]
            agent_id = api.agent("http", {"url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 30})
            print(f"machine: {os.cpu_count()} cores; PostgreSQL + Redis on loopback; stub target answers in 100 ms; "
                  f"offline model; {args.sessions} sessions of 3 persona turns per measurement")  # fmt: skip
            print("\nsessions per minute by queue workers")
            for workers in (1, 2, 4):
                rate, errors = sessions_per_minute(topology, backend, api, agent_id, persona_id, objective_id,
                                                   workers, args.sessions)  # fmt: skip
                print(f"  {workers} worker(s): {rate:7.1f} sessions/min   errors {errors}", flush=True)
            topology.stop()

            print(f"\nAPI latency under load (16 clients, {args.api_seconds:.0f} s, 2 queue workers running sessions)")
            for backends in (1, 4):
                backend = topology.backend(workers=backends)
                topology.queue_workers(2)
                api = Api(backend.url, headers)
                background = threading.Thread(
                    target=lambda client=api: [client.start(agent_id, persona_id, objective_id) for _ in range(60)],
                    daemon=True,
                )
                background.start()
                p50, p99, count, failures = api_latency(backend.url, headers, args.api_seconds)
                background.join()
                print(f"  {backends} backend worker(s): p50 {p50:6.1f} ms   p99 {p99:7.1f} ms   "
                      f"{count / args.api_seconds:6.1f} req/s   5xx/errors {failures}", flush=True)  # fmt: skip
                topology.stop()
    finally:
        topology.stop()
        redis.stop()
        pg.stop()


if __name__ == "__main__":
    sys.exit(main())
