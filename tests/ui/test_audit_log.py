"""In a real browser: an owner signs in (once wrongly) on the sign-in page and finds both
attempts in Settings → Audit log, with the browser's address; the action filter narrows it."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import Page, expect

from tests.ui.conftest import LiveApp, PageProblems, register_user

pytestmark = pytest.mark.e2e


def test_an_owner_sees_their_sign_ins_in_the_audit_log(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app)  # its REST sign-in is logged too
    problems = PageProblems()
    base = live_app.base_url

    page.goto(base + "/login", wait_until="networkidle")
    page.get_by_label("Email", exact=True).fill(user.email)
    page.get_by_label("Password", exact=True).fill("not-my-password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert").filter(has_text="Wrong email or password")).to_be_visible()
    page.get_by_label("Password", exact=True).fill(user.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(base + "/")

    problems.watch(page)
    page.goto(base + "/settings", wait_until="networkidle")
    page.get_by_role("tab", name="Audit log").click()
    table = page.get_by_role("table")
    sign_ins = table.get_by_role("row").filter(has_text="auth.sign_in").filter(has_not_text="failed")
    expect(sign_ins).to_have_count(2)  # the REST one and the page's
    expect(sign_ins.first).to_contain_text(user.email)
    expect(sign_ins.first).to_contain_text("127.0.0.1")
    expect(page.get_by_text(re.compile(r"Page 1 of 1 · 3 events"))).to_be_visible()

    page.get_by_role("combobox", name="Filter by action").click()
    page.get_by_role("option", name="auth.sign_in_failed").click()
    expect(table.get_by_role("row")).to_have_count(2)  # the header and the failed attempt
    expect(table.get_by_role("row").nth(1)).to_contain_text("auth.sign_in_failed")
    assert problems.items == []
