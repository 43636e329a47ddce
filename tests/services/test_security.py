"""Secrets at the service: password hashes over the normal form (and old hashes upgraded),
tokens that refuse expiry, tampering and the wrong type, keys derived per purpose, and API
keys and invitation tokens stored only as their hash."""

from __future__ import annotations

import time

import pytest
from pwdlib import PasswordHash

from app.services import security
from app.services.errors import AuthenticationFailed


def test_a_password_matches_whatever_keyboard_typed_it() -> None:
    stored = security.hash_password("ｚｅｂｒａ-kettle-97")  # full-width letters
    assert security.verify_password("zebra-kettle-97", stored)
    assert not security.verify_password("zebra-kettle-98", stored)
    assert security.check_password("zebra-kettle-97", stored) == (True, None)  # already the current form


def test_a_hash_of_the_unnormalised_form_matches_and_is_replaced() -> None:
    typed = "cafe\u0301-kettle-orbit"  # decomposed accent, hashed as typed before normalisation existed
    legacy = PasswordHash.recommended().hash(typed)
    ok, updated = security.check_password(typed, legacy)
    assert ok and updated is not None and updated != legacy
    assert security.check_password("caf\u00e9-kettle-orbit", updated) == (True, None)


@pytest.mark.parametrize("stored", ["", "not-a-hash", "$argon2id$v=19$broken"])
def test_a_malformed_stored_hash_is_a_failed_check_not_a_crash(stored: str) -> None:
    assert security.check_password("anything-at-all", stored) == (False, None)


def test_an_access_token_carries_its_user_version_and_name() -> None:
    issued = security.create_access_token("user-1", version=3, ttl_seconds=120)
    claims = security.decode_access_token(issued.access_token)
    assert (claims.user_id, claims.version, issued.expires_in) == ("user-1", 3, 120)
    assert claims.token_id and claims.expires_at - time.time() <= 120
    other = security.decode_access_token(security.create_access_token("user-1").access_token)
    assert other.token_id != claims.token_id  # each token is named apart


def test_an_expired_token_is_refused_as_expired() -> None:
    old = security.create_access_token("user-1", ttl_seconds=60, now=int(time.time()) - 3600)
    with pytest.raises(AuthenticationFailed, match="expired"):
        security.decode_access_token(old.access_token)


def test_a_token_checked_before_is_refused_once_it_expires(monkeypatch) -> None:
    """A token's checked signature is remembered (security._signed_claims); its expiry is not."""
    token = security.create_access_token("user-1", ttl_seconds=60).access_token
    assert security.decode_access_token(token).user_id == "user-1"
    assert security.decode_access_token(token).user_id == "user-1"  # remembered
    later = time.time() + 3600
    monkeypatch.setattr(time, "time", lambda: later)
    with pytest.raises(AuthenticationFailed, match="expired"):
        security.decode_access_token(token)
    # Nor does one remembered as an access token pass as a sign-in ticket.
    monkeypatch.undo()
    with pytest.raises(AuthenticationFailed, match="invalid"):
        security.decode_access_token(token, typ="sign_in")


def test_a_tampered_or_foreign_token_is_invalid() -> None:
    token = security.create_access_token("user-1").access_token
    header, payload, signature = token.split(".")
    flipped = signature[:-2] + ("AA" if signature[-2:] != "AA" else "BB")
    for bad in (f"{header}.{payload}.{flipped}", "not-a-jwt", "a.b.c"):
        with pytest.raises(AuthenticationFailed, match="invalid"):
            security.decode_access_token(bad)


def test_a_sign_in_ticket_is_not_an_access_token_and_back() -> None:
    ticket = security.create_sign_in_ticket("user-1").access_token
    with pytest.raises(AuthenticationFailed, match="access token is invalid"):
        security.decode_access_token(ticket)
    assert security.decode_access_token(ticket, typ="sign_in").user_id == "user-1"
    token = security.create_access_token("user-1").access_token
    with pytest.raises(AuthenticationFailed, match="sign-in ticket is invalid"):
        security.decode_access_token(token, typ="sign_in")
    assert security.create_sign_in_ticket("u").expires_in == security.SIGN_IN_TICKET_SECONDS


def test_derived_keys_differ_by_purpose_and_are_stable() -> None:
    assert security.derive_key("jwt-hs256") == security.derive_key("jwt-hs256")
    assert security.derive_key("jwt-hs256") != security.derive_key("encryption")
    assert len(security.derive_key("encryption", 16)) == 16


def test_api_keys_and_invitation_tokens_are_random_and_stored_by_hash() -> None:
    one, two = security.generate_api_key(), security.generate_api_key()
    assert one.key != two.key and security.looks_like_api_key(one.key)
    assert one.prefix == one.key[:12] and one.key_hash == security.hash_token(one.key)
    assert len(one.key_hash) == 64 and one.key not in one.key_hash
    assert not security.looks_like_api_key(security.create_access_token("u").access_token)
    token, token_hash = security.generate_invitation_token()
    assert token_hash == security.hash_token(token) and token != token_hash


def test_the_standard_cost_is_pwdlibs_recommended_and_minimal_is_refused_in_production(monkeypatch) -> None:
    """The suite hashes at the minimal cost (tests/conftest.py); what a deployment gets is
    argon2id at the recommended cost, and production will not start at the minimal one."""
    from app.settings import settings

    monkeypatch.setattr(settings, "password_hash_cost", "standard")
    standard = security._password_hasher().hash("zebra-kettle-97")
    assert standard.startswith("$argon2id$") and "m=65536,t=3,p=4" in standard
    monkeypatch.setattr(settings, "password_hash_cost", "minimal")
    minimal = security._password_hasher().hash("zebra-kettle-97")
    assert "m=1024,t=1,p=1" in minimal
    # Either cost checks the other's hash; signing in rehashes to the current one.
    assert security._password_hasher().verify_and_update("zebra-kettle-97", standard)[0]
    monkeypatch.setattr(settings, "env", "production")
    with pytest.raises(RuntimeError, match="production refuses it"):
        security._password_hasher()
