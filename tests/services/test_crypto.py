"""Secrets at rest: encrypted with a prefix (never twice, never mistaken for plain text),
decrypted back, refused clearly under another key, and masked for display."""

from __future__ import annotations

import pytest

from app.services import crypto
from app.settings import resolved_secret_key, settings


def test_a_secret_round_trips_and_is_never_encrypted_twice() -> None:
    stored = crypto.encrypt("tok-secret-1234")
    assert crypto.is_encrypted(stored) and stored.startswith(crypto.PREFIX) and "tok-secret" not in stored
    assert crypto.encrypt(stored) == stored
    assert crypto.decrypt(stored) == "tok-secret-1234"
    assert crypto.encrypt("same") != crypto.encrypt("same")  # a fresh IV each time
    assert crypto.decrypt("plain text") == "plain text"  # not encrypted: as it is


def test_a_value_encrypted_under_another_key_is_refused_clearly(monkeypatch) -> None:
    stored = crypto.encrypt("tok-secret-1234")
    monkeypatch.setattr(settings, "secret_key", "another-secret-key-for-this-test-only-0123456789")
    resolved_secret_key.cache_clear()  # the key is read once per process: as after a restart
    try:
        with pytest.raises(ValueError, match="secret key changed"):
            crypto.decrypt(stored)
    finally:
        monkeypatch.undo()
        resolved_secret_key.cache_clear()
    assert crypto.decrypt(stored) == "tok-secret-1234"


def test_tampering_is_detected() -> None:
    stored = crypto.encrypt("tok-secret-1234")
    body = stored.removeprefix(crypto.PREFIX)
    tampered = crypto.PREFIX + body[:20] + ("A" if body[20] != "A" else "B") + body[21:]
    with pytest.raises(ValueError):
        crypto.decrypt(tampered)


@pytest.mark.parametrize(
    ("plain", "shown"),
    [("short", crypto.MASK), ("exactly-12ch", crypto.MASK + "12ch"), ("tok-secret-1234", crypto.MASK + "1234")],
)
def test_a_secret_is_shown_masked_and_a_mask_means_keep(plain: str, shown: str) -> None:
    assert crypto.mask(plain) == shown
    assert crypto.is_mask(crypto.mask(plain)) and crypto.is_mask(crypto.UNREADABLE)
    assert not crypto.is_mask(plain) and not crypto.is_mask(None)
