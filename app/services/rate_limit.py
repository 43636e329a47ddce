"""Rate limits as moving windows: in this process's memory by default, in Redis through the
`limits` library when a Redis URL is set (so several backend workers share one count).

The memory windows are our own: limits' memory storage starts a timer thread every 10 ms
while it holds a key to expire old hits, which made a thread start on the event loop for
nearly every API request. Here a key's old hits are dropped when it is next hit, and keys
nobody hit for a window are forgotten every SWEEP_EVERY hits."""

from __future__ import annotations

import math
import threading
import time
from collections import deque
from collections.abc import Callable
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


SWEEP_EVERY = 4096


class _MemoryWindows:
    """Moving windows in memory, as limits' MovingWindowRateLimiter counts them: a hit passes
    when fewer than the rule's amount passed in the last window; the window resets when its
    oldest hit leaves it."""

    def __init__(self, clock: Callable[[], float] = time.time) -> None:
        self._clock = clock
        self._hits: dict[str, tuple[float, deque[float]]] = {}  # key -> (window, times of the hits that passed)
        self._lock = threading.Lock()  # the middleware hits on the loop, tests and services from threads
        self._count = 0

    def hit(self, item: RateLimitItem, key: str) -> RateDecision:
        window = float(item.get_expiry())
        now = self._clock()
        name = item.key_for("mimic", key)
        with self._lock:
            hits = self._hits.setdefault(name, (window, deque()))[1]
            while hits and hits[0] <= now - window:
                hits.popleft()
            allowed = len(hits) < item.amount
            if allowed:
                hits.append(now)
            reset = (hits[0] if hits else now) + window
            remaining = item.amount - len(hits)
            self._count += 1
            if self._count % SWEEP_EVERY == 0:
                self._sweep(now)
        return RateDecision(allowed=allowed, limit=item.amount, remaining=max(0, remaining), reset=math.ceil(reset))

    def _sweep(self, now: float) -> None:
        idle = [name for name, (window, hits) in self._hits.items() if not hits or hits[-1] <= now - window]
        for name in idle:
            del self._hits[name]

    def reset(self) -> None:
        with self._lock:
            self._hits.clear()

    def __len__(self) -> int:
        return len(self._hits)


_MEMORY = _MemoryWindows()


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
    if not settings.redis_url:
        return _MEMORY.hit(item, key)
    limiter = _limiter(_storage_uri())
    allowed = limiter.hit(item, "mimic", key)
    reset_at, remaining = limiter.get_window_stats(item, "mimic", key)
    return RateDecision(allowed=allowed, limit=item.amount, remaining=max(0, remaining), reset=math.ceil(reset_at))


def reset_all() -> None:
    """Forget every count (tests, and an admin's emergency lever)."""
    if not settings.redis_url:
        _MEMORY.reset()
        return
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
