"""Request size limits (app/api/middleware.py) over real HTTP: a body over the limit is
refused with 413 in the error shape, whether its Content-Length says so up front or it
arrives chunked; a body at the limit is served; the import endpoints take more."""

from __future__ import annotations

import json
import uuid
from collections.abc import Iterator

import httpx
import pytest

from app.api.middleware import body_limit_for
from app.settings import settings
from tests.api.test_health_and_errors import assert_error_shape
from tests.conftest import Account


def padded_json(value: object, size: int) -> bytes:
    """`value` as JSON, padded with trailing whitespace (still valid JSON) to exactly `size` bytes."""
    body = json.dumps(value).encode()
    assert len(body) <= size
    return body + b" " * (size - len(body))


def chunks(body: bytes, size: int = 64 * 1024) -> Iterator[bytes]:
    """A generator body: httpx sends it with Transfer-Encoding: chunked and no Content-Length."""
    for start in range(0, len(body), size):
        yield body[start : start + size]


@pytest.fixture
def owner(make_account) -> Account:
    return make_account()


@pytest.fixture
def http(live_api, owner: Account) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_api.url, headers=owner.headers, timeout=30) as client:
        yield client


def persona_count(http: httpx.Client, name: str) -> int:
    return http.get("/api/personas", params={"q": name}).json()["pagination"]["total"]


def test_body_over_the_limit_with_content_length_is_refused_up_front(http: httpx.Client) -> None:
    name = f"Too big {uuid.uuid4().hex[:8]}"
    body = padded_json({"name": name}, settings.max_request_bytes + 1)
    response = http.post("/api/personas", content=body, headers={"Content-Type": "application/json"})
    assert response.status_code == 413
    error = assert_error_shape(response.json(), "PAYLOAD_TOO_LARGE")
    assert str(settings.max_request_bytes) in error["message"]
    # Answered before reading the body, so the connection is not reused.
    assert response.headers["Connection"] == "close"
    # The security headers are on refusals too.
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert persona_count(http, name) == 0


def test_chunked_body_over_the_limit_is_refused_while_streaming(http: httpx.Client) -> None:
    name = f"Streamed {uuid.uuid4().hex[:8]}"
    body = padded_json({"name": name}, 2 * settings.max_request_bytes)
    response = http.post("/api/personas", content=chunks(body), headers={"Content-Type": "application/json"})
    assert response.request.headers.get("transfer-encoding") == "chunked"
    assert "content-length" not in response.request.headers
    assert response.status_code == 413
    assert_error_shape(response.json(), "PAYLOAD_TOO_LARGE")
    assert persona_count(http, name) == 0


@pytest.mark.parametrize("streamed", [False, True], ids=["content-length", "chunked"])
def test_body_at_the_limit_is_served(http: httpx.Client, streamed: bool) -> None:
    name = f"Just fits {uuid.uuid4().hex[:8]}"
    body = padded_json({"name": name}, settings.max_request_bytes)
    response = http.post(
        "/api/personas", content=chunks(body) if streamed else body, headers={"Content-Type": "application/json"}
    )
    assert response.status_code == 201, response.text
    assert response.json()["name"] == name
    assert persona_count(http, name) == 1


def test_import_endpoints_take_more_up_to_their_own_limit(http: httpx.Client) -> None:
    name = f"Imported {uuid.uuid4().hex[:8]}"
    document = [{"name": name, "description": "A library that is larger than one request may be"}]
    # Over the default limit, under the import limit: imported.
    big = padded_json(document, 2 * settings.max_request_bytes)
    response = http.post("/api/personas/import", content=big, headers={"Content-Type": "application/json"})
    assert response.status_code == 201, response.text
    assert persona_count(http, name) == 1
    # Over the import limit: refused, nothing imported.
    other = f"Not imported {uuid.uuid4().hex[:8]}"
    too_big = padded_json([{"name": other}], settings.max_import_bytes + 1)
    response = http.post("/api/objectives/import", content=chunks(too_big, 1024 * 1024),
                         headers={"Content-Type": "application/json"})  # fmt: skip
    assert response.status_code == 413
    assert_error_shape(response.json(), "PAYLOAD_TOO_LARGE")
    assert http.get("/api/objectives", params={"q": other}).json()["pagination"]["total"] == 0


def test_limits_apply_to_the_api_only() -> None:
    assert body_limit_for("/api/personas") == settings.max_request_bytes
    assert body_limit_for("/health") == settings.max_request_bytes
    assert body_limit_for("/api/personas/import") == settings.max_import_bytes
    # Reflex's own endpoints (its websocket, file uploads) and the pages keep their own rules.
    for path in ("/_event", "/_upload", "/", "/personas"):
        assert body_limit_for(path) is None
