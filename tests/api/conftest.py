"""Fixtures of the API tests that need the app as a real process (killed and started again)."""

from __future__ import annotations

import os
import signal
from collections.abc import Callable, Iterator

import pytest
from alembic import command

from app.settings import PROJECT_ROOT
from tests.conftest import alembic_config
from tests.support.app_process import AppProcess


@pytest.fixture
def restartable_app(tmp_path) -> Iterator[Callable[..., AppProcess]]:
    """`start(**env)` starts the app's API process (uvicorn on `create_api`, with the backend's
    start-up and shut-down: these tests only speak REST) on a SQLite file of this test's own,
    migrated first; each call is a new process on the same file, as after a crash.
    Whatever is still running at the end is stopped."""
    url = f"sqlite:///{tmp_path / 'app.db'}"
    command.upgrade(alembic_config(url), "head")
    # A build folder of their own: the shared end-to-end app may be serving from the usual one.
    web_dir = (os.environ.get("MIMIC_TEST_WEB_DIR") or str(PROJECT_ROOT / ".web-test")) + "-recovery"
    started: list[AppProcess] = []

    def start(**env: str) -> AppProcess:
        app = AppProcess(url, tmp_path, web_dir=web_dir, env=env, frontend=False)
        started.append(app)
        return app.start()

    yield start
    for app in started:
        app.stop(signal.SIGKILL)
