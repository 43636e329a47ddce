"""The app started in prod mode exactly as `make run` starts it (`make serve`), on a free
port with its own migrated database, and headless Chromium driven by Playwright."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import pytest
from alembic import command
from playwright.sync_api import Browser, Page, sync_playwright

# The same browser and flags as the app's browser sessions.
from app.browser import CHROMIUM_ARGS
from app.browser import CHROMIUM_PATH as CHROMIUM
from app.settings import PROJECT_ROOT
from tests.conftest import alembic_config

# The first start on a fresh clone installs the frontend packages and builds them.
START_TIMEOUT_S = 900


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class LiveApp:
    base_url: str
    log_path: Path

    def log_tail(self, lines: int = 60) -> str:
        return "\n".join(self.log_path.read_text(errors="replace").splitlines()[-lines:])


@pytest.fixture(scope="session")
def live_app(tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveApp]:
    workdir = tmp_path_factory.mktemp("live-app")
    url = f"sqlite:///{workdir / 'live.db'}"
    command.upgrade(alembic_config(url), "head")
    port = free_port()
    log_path = workdir / "app.log"
    env = {
        **os.environ,
        "PORT": str(port),
        "MIMIC_DATABASE_URL": url,
        "MIMIC_DATA_DIR": str(workdir / "data"),
        "MIMIC_PUBLIC_URL": f"http://127.0.0.1:{port}",
        # Limits stay on, as in production, but loose enough for a suite that signs up often.
        "MIMIC_RATE_LIMIT_ENABLED": "true",
        "MIMIC_RATE_LIMIT_AUTH": "1000/minute",
        # Build into folders of the tests' own, so a developer's `make run` and a test run
        # never overwrite each other's frontend build.
        "REFLEX_WEB_WORKDIR": os.environ.get("MIMIC_TEST_WEB_DIR", str(PROJECT_ROOT / ".web-test")),
        "REFLEX_STATES_WORKDIR": str(workdir / "states"),
    }
    with log_path.open("w") as log:
        process = subprocess.Popen(
            ["make", "--no-print-directory", "serve", f"PORT={port}"],
            cwd=PROJECT_ROOT, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True,
        )  # fmt: skip
    app = LiveApp(f"http://127.0.0.1:{port}", log_path)
    try:
        _wait_until_up(app, process)
        yield app
    finally:
        os.killpg(process.pid, signal.SIGTERM)
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(process.pid, signal.SIGKILL)


def _wait_until_up(app: LiveApp, process: subprocess.Popen) -> None:
    deadline = time.monotonic() + START_TIMEOUT_S
    while time.monotonic() < deadline:
        if process.poll() is not None:
            pytest.fail(f"the app exited with {process.returncode}:\n{app.log_tail()}")
        try:
            # Both faces must answer: the API and the built frontend.
            if httpx.get(app.base_url + "/health", timeout=2).status_code == 200 and (
                httpx.get(app.base_url + "/", timeout=5).status_code == 200
            ):
                return
        except httpx.HTTPError:
            pass
        time.sleep(1)
    pytest.fail(f"the app did not start within {START_TIMEOUT_S} s:\n{app.log_tail()}")


@pytest.fixture(scope="session")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS, headless=True)
        yield browser
        browser.close()


@dataclass
class PageProblems:
    """Everything a page did wrong: console errors, uncaught exceptions, failed requests."""

    items: list[str] = field(default_factory=list)

    def _request_failed(self, request) -> None:
        # The browser cancels what is still loading when the page navigates away; that is
        # the test moving on, not a request that failed.
        if request.failure != "net::ERR_ABORTED":
            self.items.append(f"request failed: {request.url} {request.failure}")

    def watch(self, page: Page) -> None:
        page.on("console", lambda msg: msg.type == "error" and self.items.append(f"console: {msg.text}"))
        page.on("pageerror", lambda exc: self.items.append(f"exception: {exc}"))
        page.on("requestfailed", self._request_failed)
        page.on("response", lambda res: res.status >= 400 and self.items.append(f"HTTP {res.status}: {res.url}"))


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1400, "height": 900})
    page = context.new_page()
    yield page
    context.close()


@dataclass
class LiveUser:
    email: str
    password: str
    token: str


def register_user(live_app: LiveApp, name: str = "Ui Tester") -> LiveUser:
    """A user registered and signed in over the app's own REST API."""
    import uuid

    email = f"ui-{uuid.uuid4().hex[:10]}@example.com"
    password = "ui-password-123"
    created = httpx.post(
        live_app.base_url + "/api/auth/register", json={"email": email, "password": password, "name": name}
    )
    assert created.status_code == 201, created.text
    token = httpx.post(live_app.base_url + "/api/auth/login", json={"email": email, "password": password})
    return LiveUser(email, password, token.json()["access_token"])


@pytest.fixture
def signed_in_page(live_app: LiveApp, page: Page) -> Page:
    """A page whose browser holds a fresh user's session cookie, as after signing in."""
    user = register_user(live_app)
    page.context.add_cookies([{"name": "mimic_token", "value": user.token, "url": live_app.base_url}])
    return page
