"""Rate limits through the `limits` library: in memory by default, Redis when a Redis URL
is set (so several backend workers share one count)."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass
from functools import lru_cache

from limits import RateLimitItem, parse, storage, strategies

from app.services import security
from app.services.errors import AuthenticationFailed
from app.settings import settings


@dataclass(frozen=True)
class RateDecision:
    allowed: bool
    limit: int
    remaining: int
    reset: int  # epoch seconds when the window resets

    @property
    def retry_after(self) -> int:
        return max(0, self.reset - math.floor(time.time()))


@lru_cache(maxsize=4)
def _limiter(storage_uri: str) -> strategies.RateLimiter:
    return strategies.MovingWindowRateLimiter(storage.storage_from_string(storage_uri))


@lru_cache(maxsize=32)
def _item(rule: str) -> RateLimitItem:
    return parse(rule)


def _storage_uri() -> str:
    return settings.redis_url or "memory://"


def hit(rule: str, key: str) -> RateDecision:
    """Count one request for `key` under `rule` ("20/minute") and say whether it may pass."""
    item = _item(rule)
    limiter = _limiter(_storage_uri())
    allowed = limiter.hit(item, "mimic", key)
    reset_at, remaining = limiter.get_window_stats(item, "mimic", key)
    return RateDecision(allowed=allowed, limit=item.amount, remaining=max(0, remaining), reset=math.ceil(reset_at))


def reset_all() -> None:
    """Forget every count (tests, and an admin's emergency lever)."""
    _limiter(_storage_uri()).storage.reset()


def caller_bucket(credential: str | None, client_ip: str) -> tuple[str, str]:
    """(key, rule) for a request: per user or API key when the credential is genuine,
    per IP otherwise. Checked without the database, so a flood costs no queries."""
    if credential:
        if security.looks_like_api_key(credential):
            return f"key:{security.hash_token(credential)[:24]}", settings.rate_limit_default
        try:
            return f"user:{security.decode_access_token(credential).user_id}", settings.rate_limit_default
        except AuthenticationFailed:
            pass
    return f"ip:{client_ip}", settings.rate_limit_anonymous
