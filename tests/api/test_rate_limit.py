"""Rate limits: headers on every API answer, 429 in the error shape past the limit,
a tighter per-IP limit on the sign-in endpoints, and separate counts per user."""

from __future__ import annotations

import time

import pytest

from app.services import rate_limit
from app.settings import settings
from tests.api.test_health_and_errors import assert_error_shape


@pytest.fixture
def limits(monkeypatch):
    monkeypatch.setattr(settings, "rate_limit_enabled", True)
    monkeypatch.setattr(settings, "rate_limit_default", "5/minute")
    monkeypatch.setattr(settings, "rate_limit_anonymous", "3/minute")
    monkeypatch.setattr(settings, "rate_limit_auth", "2/minute")
    rate_limit.reset_all()
    yield
    rate_limit.reset_all()


def test_headers_on_every_api_answer(client, make_account, limits) -> None:
    account = make_account()
    for path, headers in (("/api/auth/me", account.headers), ("/api", {}), ("/api/nope", {})):
        response = client.get(path, headers=headers)
        for name in ("X-RateLimit-Limit", "X-RateLimit-Remaining", "X-RateLimit-Reset"):
            assert name in response.headers, (path, name)
        assert int(response.headers["X-RateLimit-Reset"]) >= int(time.time())
    assert client.get("/api/auth/me", headers=account.headers).headers["X-RateLimit-Limit"] == "5"


def test_429_once_the_limit_is_passed(client, make_account, limits) -> None:
    account = make_account()
    remaining = [int(client.get("/api/auth/me", headers=account.headers).headers["X-RateLimit-Remaining"])
                 for _ in range(5)]  # fmt: skip
    assert remaining == [4, 3, 2, 1, 0]
    blocked = client.get("/api/auth/me", headers=account.headers)
    assert blocked.status_code == 429
    assert_error_shape(blocked.json(), "RATE_LIMIT_EXCEEDED")
    assert int(blocked.headers["Retry-After"]) >= 0
    # Another user has a count of their own.
    assert client.get("/api/auth/me", headers=make_account().headers).status_code == 200


def test_auth_endpoints_are_tighter_per_ip(client, limits) -> None:
    body = {"email": "nobody@example.com", "password": "whatever-123"}
    statuses = [client.post("/api/auth/login", json=body).status_code for _ in range(3)]
    assert statuses == [401, 401, 429]
    # The per-IP auth bucket also covers registration.
    assert client.post("/api/auth/register", json=body).status_code == 429


def test_limits_do_not_touch_the_dashboard_or_health(client, limits) -> None:
    for _ in range(6):
        response = client.get("/health")
        assert response.status_code == 200
    assert "X-RateLimit-Limit" not in response.headers
