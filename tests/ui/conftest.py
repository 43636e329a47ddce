"""The app started in prod mode exactly as `make run` starts it (`make serve`), on a free
port with its own migrated database, and headless Chromium driven by Playwright."""

from __future__ import annotations

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
from tests.conftest import alembic_config
from tests.support.app_process import AppProcess


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
    app = AppProcess(url, workdir)
    try:
        app.start()
    except RuntimeError as exc:
        app.stop()
        pytest.fail(str(exc))
    try:
        yield LiveApp(app.base_url, app.log_path)
    finally:
        app.stop()


# Package scope: Playwright's sync API keeps its event loop marked as running in this thread
# while it is open, so it must be closed before the asyncio tests of later packages run.
@pytest.fixture(scope="package")
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
    # argon2 hashing and the password checker take seconds on a loaded 2-core machine.
    created = httpx.post(
        live_app.base_url + "/api/auth/register", json={"email": email, "password": password, "name": name}, timeout=60
    )
    assert created.status_code == 201, created.text
    token = httpx.post(live_app.base_url + "/api/auth/login", json={"email": email, "password": password}, timeout=60)
    return LiveUser(email, password, token.json()["access_token"])


@pytest.fixture
def signed_in_page(live_app: LiveApp, page: Page) -> Page:
    """A page whose browser holds a fresh user's session cookie, as after signing in."""
    user = register_user(live_app)
    page.context.add_cookies([{"name": "mimic_token", "value": user.token, "url": live_app.base_url}])
    return page
