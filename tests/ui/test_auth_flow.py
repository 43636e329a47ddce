"""In a real browser: register, sign out, be sent from a protected page to /login,
sign back in and land on that page; and the invitation link round trip."""

from __future__ import annotations

import re

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.ui.conftest import LiveApp, PageProblems, register_user

pytestmark = pytest.mark.e2e


def test_register_logout_redirect_login_lands_back(live_app: LiveApp, page: Page) -> None:
    problems = PageProblems()
    problems.watch(page)
    base = live_app.base_url

    page.goto(base + "/register", wait_until="networkidle")
    page.get_by_label("Name", exact=True).fill("Grace Hopper")
    page.get_by_label("Email", exact=True).fill("grace@example.com")
    page.get_by_label("Password", exact=True).fill("cobol-forever-1959")
    page.get_by_role("button", name="Create account").click()
    page.wait_for_url(base + "/")
    expect(page.get_by_role("heading", name="Dashboard", exact=True)).to_be_visible()
    expect(page.get_by_text("Grace Hopper", exact=True)).to_be_visible()
    # The token is in a cookie no script can read, set by the server, SameSite=Strict.
    cookie = next(c for c in page.context.cookies() if c["name"] == "mimic_token")
    assert cookie["httpOnly"] is True and cookie["sameSite"] == "Strict" and cookie["path"] == "/"
    assert "mimic_token" not in page.evaluate("document.cookie")
    token = cookie["value"]
    assert httpx.get(base + "/api/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 200

    page.get_by_role("button", name="Sign out").click()
    page.wait_for_url(re.compile(r".*/login/?$"))
    # Signing out ended that token on the server, and the cookie is gone.
    assert httpx.get(base + "/api/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == 401
    assert not [c for c in page.context.cookies() if c["name"] == "mimic_token"]

    # A protected page sends a signed-out visitor to /login, remembering where they were.
    page.goto(base + "/agents?type=http", wait_until="networkidle")
    page.wait_for_url(re.compile(r".*/login\?next=.*"))
    expect(page.get_by_role("heading", name="Sign in")).to_be_visible()
    expect(page.get_by_role("heading", name="Agents")).to_have_count(0)

    page.get_by_label("Email", exact=True).fill("grace@example.com")
    page.get_by_label("Password", exact=True).fill("wrong password")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert").filter(has_text="Wrong email or password")).to_be_visible()

    page.get_by_label("Password", exact=True).fill("cobol-forever-1959")
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(base) + r"/agents/?\?type=http$"))
    expect(page.get_by_role("heading", name="Agents", exact=True)).to_be_visible()
    # The failed sign-in answered 401 to the form, not to the page; nothing else went wrong.
    assert problems.items == []


def test_register_form_shows_field_errors(live_app: LiveApp, page: Page) -> None:
    page.goto(live_app.base_url + "/register", wait_until="networkidle")
    page.get_by_label("Email", exact=True).fill("someone@example.com")
    page.get_by_label("Password", exact=True).fill("password1234")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert").filter(has_text="too common or easy to guess")).to_be_visible()
    page.get_by_label("Password", exact=True).fill("short")
    page.get_by_role("button", name="Create account").click()
    expect(page.get_by_role("alert").filter(has_text="at least 12 characters")).to_be_visible()
    assert page.url.rstrip("/").endswith("/register")


def test_open_redirects_are_refused(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app)
    page.goto(live_app.base_url + "/login?next=//evil.example.com/", wait_until="networkidle")
    page.get_by_label("Email", exact=True).fill(user.email)
    page.get_by_label("Password", exact=True).fill(user.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(live_app.base_url + "/")


def test_invitation_link_joins_the_workspace(live_app: LiveApp, page: Page) -> None:
    owner = register_user(live_app, name="Owner")
    invitee = register_user(live_app, name="Invitee")
    invitation = httpx.post(
        live_app.base_url + "/api/access/team/members",
        json={"email": invitee.email, "role": "viewer"},
        headers={"Authorization": f"Bearer {owner.token}"},
    ).json()
    assert invitation["inviteUrl"].startswith(live_app.base_url + "/invite/")

    page.goto(invitation["inviteUrl"], wait_until="networkidle")
    page.wait_for_url(re.compile(r".*/login\?next=/invite/.*"))
    page.get_by_label("Email", exact=True).fill(invitee.email)
    page.get_by_label("Password", exact=True).fill(invitee.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(invitation["inviteUrl"]) + "/?$"))
    expect(page.get_by_text("Owner's workspace")).to_be_visible()
    page.get_by_role("button", name="Accept and open the workspace").click()
    page.wait_for_url(live_app.base_url + "/")
    expect(page.get_by_role("combobox", name="Workspace")).to_contain_text("Owner's workspace")
    expect(page.get_by_text("viewer", exact=True)).to_be_visible()


def test_a_password_change_ends_older_tokens_and_keeps_this_tab_signed_in(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app)
    base = live_app.base_url
    page.goto(base + "/login?next=/settings", wait_until="networkidle")
    page.get_by_label("Email", exact=True).fill(user.email)
    page.get_by_label("Password", exact=True).fill(user.password)
    page.get_by_role("button", name="Sign in").click()
    page.wait_for_url(re.compile(re.escape(base) + r"/settings/?$"))
    old_cookie = next(c["value"] for c in page.context.cookies() if c["name"] == "mimic_token")
    page.get_by_label("Current password", exact=True).fill(user.password)
    page.get_by_label("New password", exact=True).fill("lantern-saffron-quietly-42")
    page.get_by_role("button", name="Change password").click()
    # The tab is signed in again with a new cookie; the tokens of the old password are over.
    new_cookie = old_cookie
    for _ in range(100):  # 20 s at most
        new_cookie = next((c["value"] for c in page.context.cookies() if c["name"] == "mimic_token"), "")
        if new_cookie and new_cookie != old_cookie:
            break
        page.wait_for_timeout(200)
    assert new_cookie and new_cookie != old_cookie
    page.wait_for_url(re.compile(re.escape(base) + r"/settings/?$"))
    expect(page.get_by_label("Current password", exact=True)).to_be_visible()
    for token, status in ((old_cookie, 401), (user.token, 401), (new_cookie, 200)):
        assert httpx.get(base + "/api/auth/me", headers={"Authorization": f"Bearer {token}"}).status_code == status
