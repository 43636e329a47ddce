"""Two instances started from one checkout on two ports (`make serve PORT=...` twice, each
building where `make serve` builds): the second one's build never breaks the first one's pages.
Slow: it builds the frontend twice, each into the folder of its port."""

from __future__ import annotations

import shutil

import pytest
from alembic import command
from playwright.sync_api import Browser, Page, expect

from app.settings import PROJECT_ROOT
from tests.conftest import alembic_config
from tests.support.app_process import AppProcess
from tests.ui.conftest import LiveApp, register_user

pytestmark = pytest.mark.e2e


def _start(workdir) -> AppProcess:
    url = f"sqlite:///{workdir / 'live.db'}"
    command.upgrade(alembic_config(url), "head")
    # web_dir None: the frontend builds where `make serve` puts it for this port.
    return AppProcess(url, workdir, web_dir=None).start()


def _signed_in(browser: Browser, app: AppProcess) -> Page:
    user = register_user(LiveApp(app.base_url, app.log_path))
    context = browser.new_context(viewport={"width": 1200, "height": 800})
    context.add_cookies([{"name": "mimic_token", "value": user.token, "url": app.base_url}])
    return context.new_page()


def _works(page: Page, base_url: str) -> None:
    """The page came from this instance and its live connection reaches this instance's backend."""
    page.goto(base_url + "/personas", wait_until="networkidle")
    # The shell only renders once the backend (over the WebSocket) knows who is signed in.
    expect(page.get_by_role("heading", name="Personas", exact=True, level=1)).to_be_visible(timeout=30_000)
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Agents").click()
    expect(page.get_by_role("heading", name="Agents", exact=True, level=1)).to_be_visible(timeout=30_000)
    page.wait_for_timeout(1000)
    expect(page.get_by_text("Cannot connect to server")).to_have_count(0)


def test_a_second_instance_on_another_port_keeps_the_first_working(browser: Browser, tmp_path_factory) -> None:
    first = second = None
    try:
        first = _start(tmp_path_factory.mktemp("first"))
        first_page = _signed_in(browser, first)
        _works(first_page, first.base_url)

        second = _start(tmp_path_factory.mktemp("second"))
        second_page = _signed_in(browser, second)
        _works(second_page, second.base_url)

        # The first instance's open page, and a fresh load of it, still talk to the first backend.
        expect(first_page.get_by_text("Cannot connect to server")).to_have_count(0)
        first_page.reload(wait_until="networkidle")
        _works(first_page, first.base_url)
        assert (PROJECT_ROOT / ".web" / f"port-{first.port}").is_dir()
        assert (PROJECT_ROOT / ".web" / f"port-{second.port}").is_dir()
    finally:
        for app in (first, second):
            if app is not None:
                app.stop()
                # Random test ports: their build folders would pile up in the checkout.
                shutil.rmtree(PROJECT_ROOT / ".web" / f"port-{app.port}", ignore_errors=True)
