"""Encryption at rest for the secrets Mimic keeps (agent credentials, provider keys,
webhook secrets): Fernet (AES-128-CBC + HMAC-SHA256) from `cryptography`, with a key
derived from the app secret. Stored values carry a prefix, so they are never mistaken for
plain text and never encrypted twice."""

from __future__ import annotations

import base64
from functools import lru_cache

from cryptography.fernet import Fernet, InvalidToken

from app.services.security import derive_key
from app.settings import resolved_secret_key

PREFIX = "enc:v1:"
MASK = "••••••••"
# Shown for a stored secret that the current key cannot open; it starts with the mask, so
# saving the form unchanged sends it back as "keep" and validation asks for a new value.
UNREADABLE = MASK + " (unreadable)"


@lru_cache(maxsize=4)
def _fernet(_secret: str) -> Fernet:
    return Fernet(base64.urlsafe_b64encode(derive_key("secrets-at-rest")))


def is_encrypted(value: object) -> bool:
    return isinstance(value, str) and value.startswith(PREFIX)


def encrypt(plain: str) -> str:
    if is_encrypted(plain):
        return plain
    return PREFIX + _fernet(resolved_secret_key()).encrypt(plain.encode()).decode()


def decrypt(stored: str) -> str:
    if not is_encrypted(stored):
        return stored
    try:
        return _fernet(resolved_secret_key()).decrypt(stored.removeprefix(PREFIX).encode()).decode()
    except InvalidToken as exc:
        raise ValueError("a stored secret cannot be decrypted: was the secret key changed?") from exc


def mask(plain: str) -> str:
    """What the API and the UI show instead of a secret: the last 4 characters of long ones."""
    return MASK + plain[-4:] if len(plain) >= 12 else MASK


def is_mask(value: object) -> bool:
    """A value sent back unchanged from a form or a GET: keep what is stored."""
    return isinstance(value, str) and value.startswith(MASK)
