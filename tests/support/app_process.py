"""The app as a real process, started as `make run` starts it (`make serve`), for the
end-to-end tests and for tests that kill it."""

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

# The first start on a fresh clone installs the frontend packages and builds them.
START_TIMEOUT_S = 900


@dataclass
class AppProcess:
    database_url: str
    workdir: Path
    # Builds go to a folder of the tests' own, so a developer's `make run` and a test run
    # never overwrite each other's frontend build.
    # None: where `make serve` puts it (a folder per port).
    web_dir: str | None = field(
        default_factory=lambda: os.environ.get("MIMIC_TEST_WEB_DIR", str(PROJECT_ROOT / ".web-test"))
    )
    port: int = field(default_factory=free_port)
    # Settings for this process (MIMIC_...), over the defaults below.
    env: dict[str, str] = field(default_factory=dict)
    # False: the API process alone (uvicorn on `create_api`): the same API and the same start-up
    # and shut-down as the Reflex backend, without Reflex or a frontend build, for tests that
    # only speak REST.
    frontend: bool = True
    process: subprocess.Popen | None = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def log_path(self) -> Path:
        return self.workdir / f"app-{self.port}.log"

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])

    def start(self) -> AppProcess:
        env = {
            **os.environ,
            "PORT": str(self.port),
            "MIMIC_DATABASE_URL": self.database_url,
            "MIMIC_DATA_DIR": str(self.workdir / "data"),
            "MIMIC_PUBLIC_URL": self.base_url,
            # Limits stay on, as in production, but loose enough for a suite that signs up often.
            "MIMIC_RATE_LIMIT_ENABLED": "true",
            "MIMIC_RATE_LIMIT_AUTH": "1000/minute",
            "REFLEX_WEB_WORKDIR": self.web_dir,
            "REFLEX_STATES_WORKDIR": str(self.workdir / "states"),
            **self.env,
        }
        if self.web_dir is None:
            del env["REFLEX_WEB_WORKDIR"]
        if self.frontend:
            command = ["make", "--no-print-directory", "serve", f"PORT={self.port}"]
        else:
            # The API process alone, as the scaled topology runs it: the same app, start-up and
            # shut-down (app/services/lifecycle.py) without Reflex or a frontend build.
            command = [sys.executable, "-m", "uvicorn", "--factory", "app.api.main:create_api",
                       "--host", "127.0.0.1", "--port", str(self.port), "--log-level", "warning"]  # fmt: skip
        with self.log_path.open("w") as log:
            self.process = subprocess.Popen(
                command, cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
            )
        self._wait_until_up()
        return self

    def _wait_until_up(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the app exited with {self.process.returncode}:\n{self.log_tail()}")
            try:
                # Both faces must answer: the API and (when built) the frontend.
                if httpx.get(self.base_url + "/health", timeout=2).status_code == 200 and (
                    not self.frontend or httpx.get(self.base_url + "/", timeout=5).status_code == 200
                ):
                    return
            except httpx.HTTPError:
                pass
            time.sleep(0.1)  # up a tenth of a second after it answers, not up to a second
        raise RuntimeError(f"the app did not start within {START_TIMEOUT_S} s:\n{self.log_tail()}")

    def stop(self, sig: int = signal.SIGTERM) -> None:
        """Stop the whole process group; SIGKILL is a crash: nothing gets to clean up."""
        if self.process is None or self.process.poll() is not None:
            return
        os.killpg(self.process.pid, sig)
        try:
            self.process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(self.process.pid, signal.SIGKILL)
            self.process.wait(timeout=30)
