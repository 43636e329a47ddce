"""Tokens end when they should, at once: sign-out (one token, or every token of the account),
a password change, removal from a workspace and deactivation. The dashboard's cookie is set by
an HTTP endpoint, HttpOnly, SameSite=Strict, Secure over HTTPS, from a single-use ticket.
The password policy (length, zxcvbn, NFKC) and the per-account throttle of failed sign-ins."""

from __future__ import annotations

import unicodedata
from datetime import timedelta
from http.cookies import SimpleCookie

import pytest
from sqlmodel import select

from app.models.account import SignInFailure, User
from app.models.base import utcnow
from app.services import accounts, security
from app.settings import settings
from tests.conftest import PASSWORD


def _login(client, email: str, password: str = PASSWORD):
    return client.post("/api/auth/login", json={"email": email, "password": password})


def _token(client, email: str, password: str = PASSWORD) -> dict[str, str]:
    response = _login(client, email, password)
    assert response.status_code == 200, response.text
    return {"Authorization": f"Bearer {response.json()['access_token']}"}


def _me(client, headers: dict[str, str], **extra) -> int:
    return client.get("/api/auth/me", headers={**headers, **extra}).status_code


# ---- revocation -------------------------------------------------------------------------------


def test_sign_out_ends_that_token_at_once_and_only_it(client, make_account) -> None:
    account = make_account()
    laptop, phone = _token(client, account.email), _token(client, account.email)
    assert client.post("/api/auth/logout", headers=laptop).status_code == 204
    assert _me(client, laptop) == 401
    refused = client.get("/api/auth/me", headers=laptop).json()
    assert refused["error"]["code"] == "AUTHENTICATION_ERROR" and "revoked" in refused["error"]["message"]
    assert _me(client, phone) == 200
    # Signing out twice is harmless; a new sign-in works.
    assert client.post("/api/auth/logout", headers=laptop).status_code == 401
    assert _me(client, _token(client, account.email)) == 200


def test_sign_out_everywhere_ends_every_token_of_the_account(client, make_account) -> None:
    account, other = make_account(), make_account()
    tokens = [_token(client, account.email) for _ in range(3)]
    other_token = _token(client, other.email)
    assert client.post("/api/auth/logout?everywhere=true", headers=tokens[0]).status_code == 204
    assert [_me(client, t) for t in tokens] == [401, 401, 401]
    assert _me(client, other_token) == 200


def test_an_api_key_is_not_signed_out(client, make_account) -> None:
    account = make_account()
    key = client.post("/api/auth/api-keys", json={"name": "ci"}, headers=account.headers).json()["key"]
    refused = client.post("/api/auth/logout", headers={"Authorization": f"Bearer {key}"})
    assert refused.status_code == 422 and "DELETE /api/auth/api-keys" in refused.json()["error"]["message"]


def test_a_password_change_ends_every_older_token(client, make_account) -> None:
    account = make_account()
    other_device = _token(client, account.email)
    changed = client.patch("/api/auth/me", headers=account.headers,
                           json={"currentPassword": PASSWORD, "newPassword": "saffron-lantern-quietly"})  # fmt: skip
    assert changed.status_code == 200, changed.text
    assert _me(client, account.headers) == 401 and _me(client, other_device) == 401
    assert _login(client, account.email).status_code == 401
    assert _me(client, _token(client, account.email, "saffron-lantern-quietly")) == 200


def test_removal_from_a_workspace_ends_access_to_it_at_once(client, make_account) -> None:
    owner = make_account()
    member = make_account(join=owner, role="editor")
    assert _me(client, member.headers, **{"X-Workspace-Id": owner.workspace_id}) == 200
    personas = client.get("/api/personas", headers=member.headers)
    assert personas.status_code == 200 and personas.json()["data"]
    removed = client.delete(f"/api/access/team/members/{member.user_id}", headers=owner.headers)
    assert removed.status_code == 204, removed.text
    assert _me(client, member.headers, **{"X-Workspace-Id": owner.workspace_id}) == 404
    # Without the header the token falls back to the member's own workspace: none of the owner's rows.
    mine = client.get("/api/personas", headers=member.headers).json()["data"]
    theirs = client.get("/api/personas", headers=owner.headers).json()["data"]
    assert {p["id"] for p in mine}.isdisjoint({p["id"] for p in theirs})


def test_deactivation_ends_every_token_at_once(client, db, make_account) -> None:
    account = make_account()
    assert _me(client, account.headers) == 200
    db.get(User, account.user_id).is_active = False
    db.commit()
    assert _me(client, account.headers) == 401
    assert _login(client, account.email).status_code == 401


# ---- the dashboard's cookie -------------------------------------------------------------------


def _ticket(db, email: str) -> str:
    return accounts.sign_in_ticket(session=db, email=email, password=PASSWORD)


def _cookie(response) -> SimpleCookie:
    jar = SimpleCookie()
    for header in response.headers.get_list("set-cookie"):
        jar.load(header)
    return jar


@pytest.mark.parametrize("https", [False, True])
def test_the_session_cookie_is_http_only_strict_and_secure_over_https(client, db, make_account, https) -> None:
    account = make_account()
    headers = {"X-Forwarded-Proto": "https"} if https else {}
    started = client.post("/api/auth/session", data={"ticket": _ticket(db, account.email), "next": "/agents?x=1"},
                          headers=headers, follow_redirects=False)  # fmt: skip
    assert started.status_code == 303 and started.headers["location"] == "/agents?x=1"
    raw = started.headers["set-cookie"]
    cookie = _cookie(started)[security.SESSION_COOKIE]
    assert "httponly" in raw.lower() and cookie["samesite"].lower() == "strict" and cookie["path"] == "/"
    assert int(cookie["max-age"]) == settings.access_token_ttl_minutes * 60
    assert ("secure" in raw.lower()) is https
    # The cookie is an access token of the account (the streams and files accept it).
    assert _me(client, {"Authorization": f"Bearer {cookie.value}"}) == 200


def test_a_ticket_is_single_use_and_never_an_open_redirect(client, db, make_account) -> None:
    account = make_account()
    ticket = _ticket(db, account.email)
    first = client.post("/api/auth/session", data={"ticket": ticket, "next": "//evil.example/"},
                        follow_redirects=False)  # fmt: skip
    assert first.status_code == 303 and first.headers["location"] == "/"
    again = client.post("/api/auth/session", data={"ticket": ticket}, follow_redirects=False)
    assert again.status_code == 303 and again.headers["location"].startswith("/login")
    assert "set-cookie" not in again.headers
    # An access token is not a ticket.
    forged = client.post("/api/auth/session", data={"ticket": account.token}, follow_redirects=False)
    assert forged.headers["location"].startswith("/login") and "set-cookie" not in forged.headers


def test_another_site_cannot_sign_a_browser_in_or_out(client, db, make_account) -> None:
    account = make_account()
    evil = {"Origin": "https://evil.example"}
    refused = client.post("/api/auth/session", data={"ticket": _ticket(db, account.email)}, headers=evil,
                          follow_redirects=False)  # fmt: skip
    assert refused.status_code == 403 and "set-cookie" not in refused.headers
    assert client.post("/api/auth/logout", headers={**account.headers, **evil}).status_code == 403
    assert _me(client, account.headers) == 200
    own = {"Origin": "http://testserver"}
    assert client.post("/api/auth/logout", headers={**account.headers, **own}).status_code == 204


def test_the_dashboards_sign_out_form_revokes_the_cookie_token(client, db, make_account) -> None:
    account = make_account()
    started = client.post("/api/auth/session", data={"ticket": _ticket(db, account.email)}, follow_redirects=False)
    token = _cookie(started)[security.SESSION_COOKIE].value
    client.cookies.set(security.SESSION_COOKIE, token)
    out = client.post("/api/auth/logout", data={"signOut": "1"}, follow_redirects=False)
    assert out.status_code == 303 and out.headers["location"] == "/login"
    cleared = _cookie(out)[security.SESSION_COOKIE]
    assert cleared.value == "" and int(cleared["max-age"]) == 0
    client.cookies.clear()
    assert _me(client, {"Authorization": f"Bearer {token}"}) == 401


# ---- the password policy ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("password", "at least 12 characters"),
        (" " * 8, "at least 12 characters"),
        (" " * 14, "only spaces"),
        ("Password1234", "too common"),
        ("qwertyuiop123", "too common"),
        ("aaaaaaaaaaaaaaaa", "too common"),
        ("ada.lovelace@example.com", "too common"),  # the account's own email
    ],
)
def test_weak_passwords_are_refused(client, password: str, reason: str) -> None:
    response = client.post("/api/auth/register",
                           json={"email": "ada.lovelace@example.com", "password": password, "name": "Ada"})  # fmt: skip
    assert response.status_code == 422, response.text
    details = response.json()["error"]["details"]
    assert details[0]["field"] == "password" and reason in details[0]["message"], details


def test_a_weak_new_password_is_refused_and_changes_nothing(client, make_account) -> None:
    account = make_account()
    refused = client.patch("/api/auth/me", headers=account.headers,
                           json={"currentPassword": PASSWORD, "newPassword": "password1234"})  # fmt: skip
    assert refused.status_code == 422 and refused.json()["error"]["details"][0]["field"] == "newPassword"
    assert _me(client, account.headers) == 200 and _login(client, account.email).status_code == 200


def test_passwords_are_compared_in_their_nfkc_form(client) -> None:
    typed = "ｃｏｒｒｅｃｔ－ｈｏｒｓｅ－ｂａｔｔｅｒｙ"  # full-width: NFKC makes it "correct-horse-battery"
    assert unicodedata.normalize("NFKC", typed) == PASSWORD
    assert client.post("/api/auth/register", json={"email": "wide@example.com", "password": typed}).status_code == 201
    assert _login(client, "wide@example.com", PASSWORD).status_code == 200
    assert _login(client, "wide@example.com", typed).status_code == 200


def test_an_account_hashed_before_normalisation_still_signs_in(client, db, make_account) -> None:
    """A hash made of the password as typed (before NFKC) matches, and is replaced by the NFKC one."""
    from pwdlib import PasswordHash

    account = make_account()
    composed = "cafe\u0301-au-lait-sans-sucre"  # "é" as e + a combining accent, as some keyboards send it
    user = db.get(User, account.user_id)
    user.password_hash = PasswordHash.recommended().hash(composed)
    db.commit()
    assert _login(client, account.email, composed).status_code == 200
    db.expire_all()
    assert security.check_password(
        unicodedata.normalize("NFKC", composed), db.get(User, account.user_id).password_hash
    )[0]


# ---- per-account throttling -------------------------------------------------------------------


@pytest.mark.parametrize("registered", [True, False])
def test_failed_sign_ins_throttle_the_account(client, db, make_account, registered) -> None:
    email = make_account().email if registered else "nobody-at-all@example.com"
    statuses = [_login(client, email, "wrong-password-x").status_code for _ in range(settings.sign_in_max_failures)]
    assert statuses == [401] * settings.sign_in_max_failures
    # Even the right password waits now (and an unknown email reads the same: nothing is revealed).
    throttled = _login(client, email)
    assert throttled.status_code == 429 and throttled.json()["error"]["code"] == "RATE_LIMIT_EXCEEDED"
    assert 0 < int(throttled.headers["Retry-After"]) <= settings.sign_in_window_minutes * 60
    assert "Too many failed sign-ins" in throttled.json()["error"]["message"]
    # Another account is not affected.
    assert _login(client, make_account().email).status_code == 200
    # Once the window has passed, the account signs in again (and a success clears the count).
    for failure in db.exec(select(SignInFailure)).all():
        failure.created_at = utcnow() - timedelta(minutes=settings.sign_in_window_minutes + 1)
    db.commit()
    assert _login(client, email).status_code == (200 if registered else 401)
