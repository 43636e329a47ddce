"""Mimic's scaled pieces as real processes: API backends (uvicorn on the FastAPI app) and
queue workers (taskiq), sharing one database and one Redis, for the tests that kill a
worker or stream one session through two backends."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from app.settings import PROJECT_ROOT
from tests.support.loopback import free_port


def scaled_env(database_url: str, redis_url: str, workdir: Path, **extra: str) -> dict[str, str]:
    return {
        **os.environ,
        "MIMIC_DATABASE_URL": database_url,
        "MIMIC_REDIS_URL": redis_url,
        "MIMIC_SESSION_EXECUTION": "queue",
        "MIMIC_DATA_DIR": str(workdir / "data"),
        "MIMIC_RATE_LIMIT_ENABLED": "false",
        "PYTHONPATH": str(PROJECT_ROOT),
        **extra,
    }


@dataclass
class _Process:
    env: dict[str, str]
    log_path: Path
    process: subprocess.Popen | None = None

    def _spawn(self, argv: list[str]) -> None:
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(argv, cwd=PROJECT_ROOT, env=self.env, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True)  # fmt: skip

    def log_tail(self, lines: int = 40) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def kill(self, sig: int = signal.SIGKILL) -> None:
        """Signals the whole process group (a taskiq worker is a manager and its children)."""
        if self.process is not None and self.process.poll() is None:
            try:
                os.killpg(self.process.pid, sig)
            except ProcessLookupError:
                pass
            try:
                self.process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                os.killpg(self.process.pid, signal.SIGKILL)
                self.process.wait(timeout=10)

    def stop(self) -> None:
        self.kill(signal.SIGTERM)


@dataclass
class ApiBackend(_Process):
    """One backend worker: the REST API with its SSE stream and WebSocket."""

    port: int = field(default_factory=free_port)
    workers: int = 1  # uvicorn worker processes on the one port

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def start(self, timeout: float = 60) -> ApiBackend:
        self._spawn([sys.executable, "-m", "uvicorn", "--factory", "app.api.main:create_api",
                     "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning",
                     "--workers", str(self.workers)])  # fmt: skip
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            assert self.process.poll() is None, f"the backend exited:\n{self.log_tail()}"
            try:
                if httpx.get(f"{self.url}/health", timeout=2).status_code in (200, 503):
                    return self
            except httpx.HTTPError:
                pass
            time.sleep(0.2)
        raise AssertionError(f"the backend did not start:\n{self.log_tail()}")


@dataclass
class QueueWorker(_Process):
    """`make worker`: one taskiq worker process running sessions from the queue."""

    def start(self) -> QueueWorker:
        self._spawn([sys.executable, "-m", "taskiq", "worker", "app.worker:broker", "--workers", "1",
                     "--max-async-tasks", "20"])  # fmt: skip
        return self

    @property
    def pids(self) -> set[int]:
        """The worker's own process and its children (the ones that run sessions)."""
        found = {self.process.pid}
        for status in Path("/proc").glob("[0-9]*/status"):
            try:
                ppid = next(line for line in status.read_text().splitlines() if line.startswith("PPid:"))
            except (OSError, StopIteration):
                continue
            if int(ppid.split()[1]) == self.process.pid:
                found.add(int(status.parent.name))
        return found
