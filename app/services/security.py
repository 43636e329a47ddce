"""Passwords, access tokens, API keys, and the keys derived from the app secret.

Passwords: argon2 through pwdlib, over the NFKC form (app/services/passwords.py). Tokens:
HS256 JWTs (sub, iat, exp, jti, ver) through joserfc; `ver` is the user's token version and
`jti` names the token, so that the server can end one token or all of a user's at once.
API keys: random, shown once, stored as a SHA-256 hash (they are long random strings, so a
fast hash is enough, and it lets a key be found by its hash in one indexed lookup).
"""

from __future__ import annotations

import hashlib
import secrets
import time
from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from types import MappingProxyType
from typing import Any

from cryptography.hazmat.primitives import hashes
from cryptography.hazmat.primitives.kdf.hkdf import HKDF
from joserfc import jwt
from joserfc.errors import JoseError
from joserfc.jwk import OctKey
from pwdlib import PasswordHash
from pwdlib.hashers.argon2 import Argon2Hasher

from app.services import passwords
from app.services.errors import AuthenticationFailed
from app.settings import resolved_secret_key, settings

# The dashboard's cookie (HttpOnly, set by POST /api/auth/session): the access token.
SESSION_COOKIE = "mimic_token"
SIGN_IN_TICKET_SECONDS = 60
API_KEY_PREFIX = "mk_"
_PREFIX_SHOWN = 12  # "mk_" and the first 9 characters: enough to tell keys apart, useless to guess


def _password_hasher() -> PasswordHash:
    if settings.password_hash_cost == "standard":
        return PasswordHash.recommended()
    if settings.env == "production":
        raise RuntimeError("MIMIC_PASSWORD_HASH_COST=minimal is for test suites; production refuses it")
    return PasswordHash((Argon2Hasher(time_cost=1, memory_cost=1024, parallelism=1),))


_password_hash = _password_hasher()


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
    return _password_hash.hash(passwords.normalise(password))


def check_password(password: str, password_hash: str) -> tuple[bool, str | None]:
    """(matches, a new hash to store or None). A hash made before passwords were normalised
    matches the password as typed; it is then replaced by the hash of the normalised form."""
    normal = passwords.normalise(password)
    try:
        ok, updated = _password_hash.verify_and_update(normal, password_hash)
        if not ok and normal != password:
            ok = _password_hash.verify(password, password_hash)
            updated = _password_hash.hash(normal) if ok else None
    except Exception:  # a malformed stored hash is a failed login, not a crash
        return False, None
    return ok, updated


def verify_password(password: str, password_hash: str) -> bool:
    return check_password(password, password_hash)[0]


# A fixed hash to verify against when the email is unknown, so that the answer takes as
# long as for a wrong password and does not reveal which emails are registered.
_DUMMY_HASH = _password_hash.hash(secrets.token_urlsafe(16))


def burn_password_check(password: str) -> None:
    verify_password(password, _DUMMY_HASH)


@dataclass(frozen=True)
class IssuedToken:
    access_token: str
    expires_in: int


def _issue(user_id: str, typ: str, ttl: int, version: int, now: int | None) -> IssuedToken:
    issued_at = int(now if now is not None else time.time())
    claims = {"sub": user_id, "iat": issued_at, "exp": issued_at + ttl, "typ": typ,
              "jti": secrets.token_urlsafe(16), "ver": version}  # fmt: skip
    return IssuedToken(jwt.encode({"alg": "HS256"}, claims, _jwt_key()), ttl)


def create_access_token(
    user_id: str, *, version: int = 0, ttl_seconds: int | None = None, now: int | None = None
) -> IssuedToken:
    """A token of the user at token version `version` (the user's current one, or it is refused)."""
    ttl = ttl_seconds if ttl_seconds is not None else settings.access_token_ttl_minutes * 60
    return _issue(user_id, "access", ttl, version, now)


def create_sign_in_ticket(user_id: str, *, version: int = 0) -> IssuedToken:
    """A one-minute, single-use ticket the dashboard trades at POST /api/auth/session for its
    HttpOnly cookie: the password is checked over the live connection, the cookie set by HTTP."""
    return _issue(user_id, "sign_in", SIGN_IN_TICKET_SECONDS, version, None)


@dataclass(frozen=True)
class TokenClaims:
    user_id: str
    token_id: str | None  # jti; None in a token issued before tokens were named
    version: int
    expires_at: int


def _registry(typ: str) -> jwt.JWTClaimsRegistry:
    return jwt.JWTClaimsRegistry(
        sub={"essential": True}, iat={"essential": True}, exp={"essential": True},
        typ={"essential": True, "value": typ},
    )  # fmt: skip


_REGISTRIES = {"access": _registry("access"), "sign_in": _registry("sign_in")}


@lru_cache(maxsize=1024)
def _signed_claims(secret: str, token: str) -> Mapping[str, Any]:
    """A token's claims once its signature checks, remembered for the tokens in use: a script
    polling with one token had its signature checked twice a request (the rate limit's bucket,
    then the principal). A token that fails is not remembered; what depends on the time (expiry)
    is checked by the caller at every use."""
    return MappingProxyType(dict(jwt.decode(token, _signing_key(secret), algorithms=["HS256"]).claims))


def decode_access_token(token: str, *, typ: str = "access") -> TokenClaims:
    """The claims of a valid, unexpired token; AuthenticationFailed otherwise. Whether it was
    revoked is the caller's to check (app/services/accounts.py)."""
    name = "access token" if typ == "access" else "sign-in ticket"
    try:
        claims = _signed_claims(resolved_secret_key(), token)
        _REGISTRIES[typ].validate(claims)  # its time limits, at every use
    except JoseError as exc:
        reason = "expired" if type(exc).__name__ == "ExpiredTokenError" else "invalid"
        raise AuthenticationFailed(f"The {name} is {reason}") from exc
    except ValueError as exc:  # not even a JWS
        raise AuthenticationFailed(f"The {name} is invalid") from exc
    version = claims.get("ver", 0)
    return TokenClaims(
        user_id=str(claims["sub"]),
        token_id=str(claims["jti"]) if claims.get("jti") else None,
        version=version if isinstance(version, int) else -1,
        expires_at=int(claims["exp"]),
    )


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
