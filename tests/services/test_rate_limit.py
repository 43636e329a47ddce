"""Rate limits at the service: a moving window per key (a user, an API key, else an IP),
counted apart for each key and rule, with how long to wait once refused."""

from __future__ import annotations

import uuid

import pytest

from app.services import rate_limit, security
from app.settings import settings


@pytest.fixture(autouse=True)
def fresh_counts():
    rate_limit.reset_all()
    yield
    rate_limit.reset_all()


def test_a_key_is_allowed_up_to_its_limit_then_refused_with_a_wait() -> None:
    key = f"test:{uuid.uuid4()}"
    decisions = [rate_limit.hit("3/minute", key) for _ in range(4)]
    assert [d.allowed for d in decisions] == [True, True, True, False]
    assert [d.remaining for d in decisions] == [2, 1, 0, 0]
    assert {d.limit for d in decisions} == {3}
    # Rounded up on both ends (reset up, now down): never earlier than the window allows.
    assert 0 < decisions[-1].retry_after <= 61


def test_keys_and_rules_count_apart() -> None:
    one, other = f"test:{uuid.uuid4()}", f"test:{uuid.uuid4()}"
    assert rate_limit.hit("1/minute", one).allowed
    assert not rate_limit.hit("1/minute", one).allowed
    assert rate_limit.hit("1/minute", other).allowed
    assert rate_limit.hit("1/hour", one).allowed  # another rule, another window


def test_reset_all_forgets_every_count() -> None:
    key = f"test:{uuid.uuid4()}"
    rate_limit.hit("1/minute", key)
    rate_limit.reset_all()
    assert rate_limit.hit("1/minute", key).allowed


def test_a_genuine_token_is_counted_per_user() -> None:
    token = security.create_access_token("user-7").access_token
    assert rate_limit.caller_bucket(token, "10.0.0.1") == ("user:user-7", settings.rate_limit_default)
    # Another address, the same user: the same bucket.
    assert rate_limit.caller_bucket(token, "10.0.0.2")[0] == "user:user-7"


def test_an_api_key_is_counted_per_key_without_revealing_it() -> None:
    key = security.generate_api_key().key
    bucket, rule = rate_limit.caller_bucket(key, "10.0.0.1")
    assert bucket == f"key:{security.hash_token(key)[:24]}" and key not in bucket
    assert rule == settings.rate_limit_default


@pytest.mark.parametrize("credential", [None, "", "forged.jwt.token"])
def test_anyone_else_is_counted_per_address_under_the_anonymous_rule(credential) -> None:
    assert rate_limit.caller_bucket(credential, "10.0.0.9") == ("ip:10.0.0.9", settings.rate_limit_anonymous)


def test_memory_windows_move_and_forget_idle_keys() -> None:
    """The in-memory windows (no Redis): a hit leaves the window when its time is up, the
    reset is when the oldest hit leaves, and keys idle for a window are forgotten."""
    now = [1000.0]
    windows = rate_limit._MemoryWindows(clock=lambda: now[0])
    rule = rate_limit._item("2/minute")
    assert [windows.hit(rule, "a").allowed for _ in range(3)] == [True, True, False]
    now[0] += 30
    refused = windows.hit(rule, "a")
    assert not refused.allowed and refused.reset == 1060 and refused.remaining == 0
    now[0] += 30  # the first two hits leave the window
    passed = windows.hit(rule, "a")
    assert passed.allowed and passed.remaining == 1 and passed.reset == 1120
    for i in range(rate_limit.SWEEP_EVERY - 6):  # each of these keys is hit once
        windows.hit(rule, f"idle-{i}")
    now[0] += 61
    windows.hit(rule, "a")  # the SWEEP_EVERY-th hit: the idle keys go, "a" (hit now) stays
    assert len(windows) == 1
