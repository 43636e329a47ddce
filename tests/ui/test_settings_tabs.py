"""In a real browser: each tab of /settings does its work (its own module and state since the
page was split by tab): the account's name, renaming and creating a workspace, inviting,
re-roling and removing members, withdrawing an invitation, and creating and revoking an API key."""

from __future__ import annotations

import uuid

import httpx
import pytest
from playwright.sync_api import Page, expect

from tests.ui.conftest import LiveApp, LiveUser, PageProblems, register_user

pytestmark = pytest.mark.e2e


def _sign_in_with_cookie(page: Page, live_app: LiveApp, user: LiveUser) -> None:
    page.context.add_cookies([{"name": "mimic_token", "value": user.token, "url": live_app.base_url}])


def _toast(page: Page, text: str) -> None:
    expect(page.get_by_text(text, exact=True)).to_be_visible()


def test_account_and_workspace_tabs(live_app: LiveApp, page: Page) -> None:
    user = register_user(live_app, name="Before Rename")
    _sign_in_with_cookie(page, live_app, user)
    problems = PageProblems()
    problems.watch(page)
    page.goto(live_app.base_url + "/settings", wait_until="networkidle")

    # The form shows the stored name once the page's data is in (filled before, it would be reset).
    expect(page.get_by_label("Name", exact=True)).to_have_value("Before Rename")
    page.get_by_label("Name", exact=True).fill("After Rename")
    page.get_by_role("button", name="Save name").click()
    _toast(page, "Your name is saved.")
    expect(page.get_by_label("Name", exact=True)).to_have_value("After Rename")
    me = httpx.get(live_app.base_url + "/api/auth/me", headers={"Authorization": f"Bearer {user.token}"}).json()
    assert me["name"] == "After Rename"

    page.get_by_role("tab", name="Workspace").click()
    expect(page.get_by_label("Workspace name", exact=True)).to_have_value("Before Rename's workspace")
    page.get_by_label("Workspace name", exact=True).fill("Renamed QA")
    page.get_by_role("button", name="Rename").click()
    _toast(page, "The workspace is renamed.")
    expect(page.get_by_role("row").filter(has_text="Renamed QA").filter(has_text="Current")).to_be_visible()

    page.get_by_label("Name of the new workspace", exact=True).fill("Second QA")
    page.get_by_role("button", name="Create workspace").click()
    # The dashboard switches to the new workspace (a page reload) and lists both.
    expect(page.get_by_role("combobox", name="Workspace")).to_contain_text("Second QA")
    me = httpx.get(live_app.base_url + "/api/auth/me", headers={"Authorization": f"Bearer {user.token}"}).json()
    assert sorted(w["name"] for w in me["workspaces"]) == ["Renamed QA", "Second QA"]
    assert problems.items == []


def test_members_and_api_keys_tabs(live_app: LiveApp, page: Page) -> None:
    owner = register_user(live_app, name="Owner")
    member = register_user(live_app, name="Member")
    headers = {"Authorization": f"Bearer {owner.token}"}
    invited = httpx.post(
        live_app.base_url + "/api/access/team/members", json={"email": member.email, "role": "viewer"}, headers=headers
    ).json()
    accepted = httpx.post(
        live_app.base_url + "/api/access/invitations/accept",
        json={"token": invited["inviteUrl"].rsplit("/", 1)[-1]},
        headers={"Authorization": f"Bearer {member.token}"},
    )
    assert accepted.status_code == 200, accepted.text
    _sign_in_with_cookie(page, live_app, owner)
    problems = PageProblems()
    problems.watch(page)
    page.goto(live_app.base_url + "/settings", wait_until="networkidle")

    page.get_by_role("tab", name="Members").click()
    page.get_by_role("combobox", name="Role of " + member.email).click()
    page.get_by_role("option", name="Editor").click()
    _toast(page, "Member is now editor.")

    teammate = f"teammate-{uuid.uuid4().hex[:8]}@example.com"
    page.get_by_label("Email", exact=True).fill(teammate)
    page.get_by_role("button", name="Invite", exact=True).click()
    expect(page.get_by_text("Invitation link for " + teammate)).to_be_visible()
    expect(page.locator("code").filter(has_text="/invite/")).to_be_visible()
    pending = page.get_by_role("row").filter(has_text=teammate)
    expect(pending).to_be_visible()
    page.get_by_role("button", name="Withdraw the invitation for " + teammate).click()
    _toast(page, "The invitation is withdrawn.")
    expect(page.get_by_text("No pending invitations.")).to_be_visible()

    page.get_by_role("button", name="Remove " + member.email).click()
    page.get_by_role("button", name="Remove member").click()
    _toast(page, "The member is removed.")
    expect(page.get_by_role("row").filter(has_text=member.email)).to_have_count(0)

    page.get_by_role("tab", name="API keys").click()
    page.get_by_label("Name", exact=True).fill("CI pipeline")
    page.get_by_role("button", name="Create key").click()
    expect(page.get_by_text("New key: CI pipeline")).to_be_visible()
    key = page.get_by_role("status").filter(has_text="New key: CI pipeline").locator("code").inner_text()
    team = live_app.base_url + "/api/access/team"
    assert httpx.get(team, headers={"Authorization": f"Bearer {key}"}).status_code == 200
    page.get_by_role("button", name="Revoke the key CI pipeline").click()
    page.get_by_role("button", name="Revoke key").click()
    _toast(page, "The API key is revoked.")
    expect(page.get_by_text("No API keys yet.")).to_be_visible()
    assert httpx.get(team, headers={"Authorization": f"Bearer {key}"}).status_code == 401
    assert problems.items == []
