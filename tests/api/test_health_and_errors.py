"""The API's identity routes, its OpenAPI document, and the one error shape."""

from __future__ import annotations

import json
from datetime import datetime

from fastapi import FastAPI
from fastapi.testclient import TestClient
from pydantic import BaseModel

from app.api.main import create_api
from app.settings import VERSION, settings


def assert_error_shape(body: dict, code: str) -> dict:
    assert set(body) == {"error"}
    error = body["error"]
    assert set(error) == {"code", "message", "details"}
    assert error["code"] == code
    assert isinstance(error["message"], str) and error["message"]
    for detail in error["details"]:
        assert set(detail) == {"field", "message"}
    return error


def test_health(client) -> None:
    response = client.get("/health")
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "healthy"
    assert body["version"] == VERSION
    # Redis is checked when one is configured (the PostgreSQL + Redis run).
    assert body["checks"] == {"database": "ok"} | ({"redis": "ok"} if settings.redis_url else {})
    assert datetime.fromisoformat(body["timestamp"]).tzinfo is not None


def test_api_root(client) -> None:
    response = client.get("/api")
    assert response.status_code == 200
    assert response.json() == {"name": "Mimic API", "version": VERSION, "status": "ok"}


def test_openapi_document_and_docs(client) -> None:
    spec = client.get("/openapi.json").json()
    assert spec["info"]["title"] == "Mimic API"
    assert "/health" in spec["paths"] and "/api" in spec["paths"]
    assert "ErrorResponse" in spec["components"]["schemas"]
    assert "/api/{path}" not in spec["paths"]  # the fallback stays out of the document
    for page in ("/docs", "/redoc"):
        response = client.get(page)
        assert response.status_code == 200
        assert "text/html" in response.headers["content-type"]


def test_unknown_api_path_is_a_json_404(client) -> None:
    for method in ("get", "post", "delete"):
        response = client.request(method, "/api/no/such/thing")
        assert response.status_code == 404
        assert response.headers["content-type"].startswith("application/json")
        error = assert_error_shape(response.json(), "RESOURCE_NOT_FOUND")
        assert "/api/no/such/thing" in error["message"]


def test_every_api_path_gets_the_api_answer_even_with_control_characters(monkeypatch) -> None:
    """Reflex mounts its own app behind the API (plain-text 404s, no API headers): a path with a
    newline or carriage return must not slip past the API's fallback to it."""
    import asyncio

    from starlette.responses import PlainTextResponse

    monkeypatch.setattr(settings, "rate_limit_enabled", True)
    api = create_api()
    api.mount("/", PlainTextResponse("the SPA's 404", status_code=404))  # what Reflex puts behind

    async def get(path: str) -> tuple[int, dict[str, str], bytes]:
        sent: list[dict] = []

        async def receive() -> dict:
            return {"type": "http.request", "body": b""}

        async def send(message: dict) -> None:
            sent.append(message)

        scope = {"type": "http", "method": "GET", "path": path, "raw_path": path.encode(), "query_string": b"",
                 "headers": [(b"host", b"testserver")], "http_version": "1.1", "scheme": "http",
                 "server": ("testserver", 80), "client": ("127.0.0.1", 1), "root_path": ""}  # fmt: skip
        await api(scope, receive, send)
        headers = {k.decode().lower(): v.decode() for k, v in sent[0]["headers"]}
        return sent[0]["status"], headers, b"".join(m.get("body", b"") for m in sent[1:])

    for path, status in (("/api/no\nsuch", 404), ("/api/suites/a\nb", 401), ("/api/x\r\ny", 404),
                         ("/api/\n", 404)):  # fmt: skip
        code, headers, body = asyncio.run(get(path))
        assert code == status, (path, code, body)
        assert headers["content-type"].startswith("application/json"), path
        assert_error_shape(json.loads(body), "RESOURCE_NOT_FOUND" if status == 404 else "AUTHENTICATION_ERROR")
        assert headers["x-content-type-options"] == "nosniff" and "content-security-policy" in headers, path
        assert "x-ratelimit-limit" in headers, path


# The error handlers are what is under test here, so they are installed by the real
# create_api(); one extra route gives them a body to reject and an exception to catch.
class _Probe(BaseModel):
    name: str
    count: int


def _app_with_probe_routes() -> FastAPI:
    api = create_api()

    @api.post("/probe")
    def probe(body: _Probe) -> dict:
        return body.model_dump()

    @api.get("/boom")
    def boom() -> dict:
        raise RuntimeError("secret internals /etc/passwd")

    # Routes are matched in order; move the probes ahead of the /api fallback.
    api.router.routes.insert(0, api.router.routes.pop())
    api.router.routes.insert(0, api.router.routes.pop())
    return api


def test_malformed_json_body() -> None:
    client = TestClient(_app_with_probe_routes(), raise_server_exceptions=False)
    response = client.post("/probe", content=b'{"name": "x", ', headers={"content-type": "application/json"})
    assert response.status_code == 422
    error = assert_error_shape(response.json(), "VALIDATION_ERROR")
    assert error["details"][0]["field"] == "body"
    assert "Malformed JSON" in error["details"][0]["message"]


def test_wrong_type_names_the_field() -> None:
    client = TestClient(_app_with_probe_routes(), raise_server_exceptions=False)
    response = client.post("/probe", json={"name": "x", "count": "many"})
    assert response.status_code == 422
    error = assert_error_shape(response.json(), "VALIDATION_ERROR")
    assert [d["field"] for d in error["details"]] == ["count"]


def test_missing_field_names_the_field() -> None:
    client = TestClient(_app_with_probe_routes(), raise_server_exceptions=False)
    response = client.post("/probe", json={"count": 1})
    error = assert_error_shape(response.json(), "VALIDATION_ERROR")
    assert [d["field"] for d in error["details"]] == ["name"]


def test_unexpected_error_is_500_without_internals() -> None:
    client = TestClient(_app_with_probe_routes(), raise_server_exceptions=False)
    response = client.get("/boom")
    assert response.status_code == 500
    assert_error_shape(response.json(), "INTERNAL_ERROR")
    assert "passwd" not in response.text and "Traceback" not in response.text


def test_method_not_allowed_keeps_the_shape(client) -> None:
    response = client.delete("/health")
    assert response.status_code == 405
    assert_error_shape(response.json(), "METHOD_NOT_ALLOWED")


def test_undecodable_body_is_a_422() -> None:
    # Bytes that are not UTF-8 (found by the fuzzer): FastAPI's own 400 becomes the 422 of any malformed body.
    client = TestClient(_app_with_probe_routes(), raise_server_exceptions=False)
    response = client.post("/probe", content=b'{"name": "\x80"}', headers={"content-type": "application/json"})
    assert response.status_code == 422
    error = assert_error_shape(response.json(), "VALIDATION_ERROR")
    assert [d["field"] for d in error["details"]] == ["body"]


def test_another_method_on_an_api_path_is_a_405_with_allow(client) -> None:
    # Not the fallback's 404: the path exists (found by the fuzzer).
    for method, path, allowed in (("put", "/api/workspaces", "GET, POST"), ("post", "/api/personas/x", None)):
        response = client.request(method, path)
        assert response.status_code == 405, path
        assert_error_shape(response.json(), "METHOD_NOT_ALLOWED")
        assert allowed is None or response.headers["Allow"] == allowed
    assert set(client.post("/api/personas/x").headers["Allow"].split(", ")) == {"GET", "PUT", "PATCH", "DELETE"}


def test_security_headers_even_on_a_500() -> None:
    client = TestClient(_app_with_probe_routes(), raise_server_exceptions=False)
    response = client.get("/boom")
    assert response.status_code == 500
    assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert response.headers["Content-Security-Policy"].startswith("default-src 'none'")


def test_options_advertises_only_the_methods_of_that_path(client) -> None:
    """/api/personas/export is its own route (GET): the /api/personas/{id} methods do not apply."""
    export = client.options("/api/personas/export")
    assert export.status_code == 405 and export.headers["allow"] == "GET"
    item = client.options("/api/personas/some-id")
    assert item.headers["allow"] == "DELETE, GET, PATCH, PUT"


def test_every_route_is_reached_by_its_own_method_and_path(client) -> None:
    """The routers step aside for paths none of their routes fits (app/api/routing.py): that
    must never hide a route. Each one, asked with its method and its path (parameters filled),
    is answered by itself: not the fallback's 404 nor a 405."""
    import re

    from fastapi.routing import APIRoute

    from app.api.routing import APIRouter

    api = client.app
    routes = [route for module in api.routes if isinstance(getattr(module, "original_router", None), APIRouter)
              for route in module.original_router.routes if isinstance(route, APIRoute)]  # fmt: skip
    assert len(routes) > 100
    for route in routes:
        path = re.sub(r"\{[^}]+\}", "x0", route.path)
        for method in route.methods - {"HEAD"}:
            response = client.request(method, path)
            assert response.status_code != 405, (method, route.path)
            assert not (response.status_code == 404 and "No API route" in response.text), (method, route.path)
