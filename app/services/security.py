"""Passwords, access tokens, API keys, and the keys derived from the app secret.

Passwords: argon2 through pwdlib. Tokens: HS256 JWTs (sub, iat, exp) through joserfc.
API keys: random, shown once, stored as a SHA-256 hash (they are long random strings, so a
fast hash is enough, and it lets a key be found by its hash in one indexed lookup).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from dataclasses import dataclass
from functools import lru_cache

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey
from pwdlib import PasswordHash

from app.services.errors import AuthenticationFailed
from app.settings import resolved_secret_key, settings

API_KEY_PREFIX = "mk_"
_PREFIX_SHOWN = 12  # "mk_" and the first 9 characters: enough to tell keys apart, useless to guess

_password_hash = PasswordHash.recommended()


def derive_key(purpose: str, length: int = 32) -> bytes:
    """A key for one purpose (signing, encryption), derived from the app secret with HKDF,
    so that no two purposes share key material."""
    return HKDF(algorithm=hashes.SHA256(), length=length, salt=b"mimic", info=purpose.encode()).derive(
        resolved_secret_key().encode()
    )


@lru_cache(maxsize=4)
def _signing_key(_secret: str) -> OctKey:
    return OctKey.import_key(derive_key("jwt-hs256"))


def _jwt_key() -> OctKey:
    return _signing_key(resolved_secret_key())


def hash_password(password: str) -> str:
    return _password_hash.hash(password)


def verify_password(password: str, password_hash: str) -> bool:
    try:
        return _password_hash.verify(password, password_hash)
    except Exception:  # a malformed stored hash is a failed login, not a crash
        return False


# A fixed hash to verify against when the email is unknown, so that the answer takes as
# long as for a wrong password and does not reveal which emails are registered.
_DUMMY_HASH = _password_hash.hash(secrets.token_urlsafe(16))


def burn_password_check(password: str) -> None:
    verify_password(password, _DUMMY_HASH)


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int


def create_access_token(user_id: str, *, ttl_seconds: int | None = None, now: int | None = None) -> IssuedToken:
    ttl = ttl_seconds if ttl_seconds is not None else settings.access_token_ttl_minutes * 60
    issued_at = int(now if now is not None else time.time())
    claims = {"sub": user_id, "iat": issued_at, "exp": issued_at + ttl, "typ": "access"}
    return IssuedToken(jwt.encode({"alg": "HS256"}, claims, _jwt_key()), ttl)


_CLAIMS = jwt.JWTClaimsRegistry(
    sub={"essential": True},
    iat={"essential": True},
    exp={"essential": True},
    typ={"essential": True, "value": "access"},
)


def decode_access_token(token: str) -> str:
    """The user id in a valid, unexpired token; AuthenticationFailed otherwise."""
    try:
        decoded = jwt.decode(token, _jwt_key(), algorithms=["HS256"])
        _CLAIMS.validate(decoded.claims)
    except JoseError as exc:
        reason = "expired" if type(exc).__name__ == "ExpiredTokenError" else "invalid"
        raise AuthenticationFailed(f"The access token is {reason}") from exc
    except ValueError as exc:  # not even a JWS
        raise AuthenticationFailed("The access token is invalid") from exc
    return str(decoded.claims["sub"])


def looks_like_api_key(credential: str) -> bool:
    return credential.startswith(API_KEY_PREFIX)


def hash_token(token: str) -> str:
    """The stored form of a random secret handed out once (API key, invitation token)."""
    return hashlib.sha256(token.encode()).hexdigest()


@dataclass(frozen=True)
class NewApiKey:
    key: str
    prefix: str
    key_hash: str


def generate_api_key() -> NewApiKey:
    key = API_KEY_PREFIX + secrets.token_urlsafe(32)
    return NewApiKey(key=key, prefix=key[:_PREFIX_SHOWN], key_hash=hash_token(key))


def generate_invitation_token() -> tuple[str, str]:
    """(token shown once in the invite link, its hash stored)."""
    token = secrets.token_urlsafe(32)
    return token, hash_token(token)
