"""Builds the FastAPI app that Reflex mounts on its backend (same process, same port)."""

from __future__ import annotations

from typing import Any

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.convertors import Convertor, register_url_convertor
from starlette.routing import compile_path

from app.api.documented import RequestBodiesMatchTheDocument, inlined
from app.api.errors import ERROR_RESPONSES, error_response, install_error_handlers
from app.api.middleware import RequestSizeLimitMiddleware, SecurityHeadersMiddleware
from app.api.rate_limit import RateLimitMiddleware
from app.api.routes import (
    access,
    agents,
    analytics,
    audit,
    auth,
    calibrations,
    events,
    findings,
    health,
    judging,
    mimic_file,
    objectives,
    personas,
    providers,
    runs,
    search,
    sessions,
    suites,
    voice,
    webhooks,
    whatsapp,
    workspaces,
    ws,
)
from app.models.agent_config import CONFIG_TYPES
from app.models.mimic_file import openapi_components as mimic_yaml_components
from app.services import lifecycle
from app.settings import VERSION, resolved_secret_key

_ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


class _AnyPath(Convertor[str]):
    """Starlette's `path` convertor (".*") stops at a newline: `/api/a%0Ab` then matched no
    route nor mount, not even the app's outer mount of this API, and came back as Starlette's
    plain-text 404 without the API's headers. This one matches every character; it replaces
    `path` for every route and mount made after this module is imported (Reflex builds its
    outer app later), so that any path reaches the API's own answers."""

    regex = r"[\s\S]*"

    def convert(self, value: str) -> str:
        return value

    def to_string(self, value: str) -> str:
        return value


register_url_convertor("path", _AnyPath())


def _unknown_api_path(request: Request) -> JSONResponse:
    # A known path with another method is a 405 (with Allow), as it would be without this fallback.
    path = request.url.path
    matching = [
        context
        for context in iter_route_contexts(request.app.routes)
        if isinstance(context.original_route, APIRoute) and context.endpoint is not _unknown_api_path
        and compile_path(context.path)[0].match(path)
    ]  # fmt: skip
    # A fixed path (/api/personas/export) shadows the templates it also fits (/api/personas/{id}).
    exact = [context for context in matching if context.path == path]
    allowed = sorted({method for context in exact or matching for method in context.methods})
    if allowed:
        return error_response(405, f"{request.method} is not allowed on {path}", headers={"Allow": ", ".join(allowed)})
    return error_response(404, f"No API route at {path!r}"[:300])


def _document_agent_configs(document: dict[str, Any]) -> None:
    """An agent's config depends on its type: the document says which config each type takes
    (the service validates it so, naming the bad field). A PATCH that names the type sends
    that type's whole config; one without a type merges its config keys over the stored ones."""
    for name in ("AgentCreate", "AgentUpdate", "AgentTestDraft"):
        schema = document.get("components", {}).get("schemas", {}).get(name)
        if schema is None:
            continue
        # One chain (if http then ... else if openai then ...), not a rule per type side by side:
        # the same meaning, and a schema generator (the fuzzer's) can follow the chain, where
        # seven independent rules with configs of their own were past what it takes apart.
        chain: dict[str, Any] | None = None
        for agent_type, model in reversed(CONFIG_TYPES.items()):
            rule = {"if": {"properties": {"type": {"const": agent_type.value}}, "required": ["type"]},
                    "then": {"required": ["config"],
                             "properties": {"config": inlined(model.model_json_schema(by_alias=True))}}}  # fmt: skip
            chain = rule if chain is None else {**rule, "else": chain}
        schema["allOf"] = [chain]


def _document_mimic_yaml(document: dict[str, Any]) -> None:
    """mimic.yaml's schema, as the import of the file documents it (#/components/schemas/MimicYaml)."""
    document.setdefault("components", {}).setdefault("schemas", {}).update(mimic_yaml_components())


# Apps with the same routes (every app create_api makes) have the same document: it is made once
# per process and shared (pydantic's schema generation takes seconds, and the tests make an app
# per test); the request checks compiled from it are shared too (app/api/documented.py).
_documents: dict[tuple, dict[str, Any]] = {}


def create_api(*, lifespan: bool = True) -> FastAPI:
    """The REST API. Served alone (uvicorn, the tests) it runs the backend's chores from its
    lifespan; mounted in the Reflex app (`lifespan=False`), Reflex's lifespan runs the same ones."""
    resolved_secret_key()  # fail at start-up, not at the first sign-in, when production has no key
    api = FastAPI(
        title="Mimic API",
        version=VERSION,
        description="QA lab for AI agents and websites, run by simulated users. JSON in camelCase; "
        'errors always {"error": {"code", "message", "details": [{"field", "message"}]}}.',
        docs_url="/docs",
        redoc_url="/redoc",
        openapi_url="/openapi.json",
        responses=ERROR_RESPONSES,
        lifespan=lifecycle.backend if lifespan else None,
    )
    install_error_handlers(api)
    # Innermost: a JSON body is checked against the document once the limits have let it in.
    api.add_middleware(RequestBodiesMatchTheDocument, api=lambda: api)
    api.add_middleware(RateLimitMiddleware)
    # Added last, so outermost: size limits before anything reads a body, headers on every answer.
    api.add_middleware(RequestSizeLimitMiddleware)
    api.add_middleware(SecurityHeadersMiddleware)
    for module in (
        health,
        auth,
        workspaces,
        access,
        audit,
        personas,
        objectives,
        agents,
        whatsapp,
        sessions,
        events,
        ws,
        providers,
        analytics,
        suites,
        runs,
        judging,
        calibrations,
        webhooks,
        findings,
        search,
        voice,
        mimic_file,
    ):
        api.include_router(module.router)

    # Last, so it only catches what no router answered: without it an unknown /api path
    # would fall through to the Reflex app and come back as the SPA's HTML.
    fallback = APIRouter(include_in_schema=False)
    fallback.add_api_route("/api/{path:path}", _unknown_api_path, methods=_ALL_METHODS)
    api.include_router(fallback)

    default_openapi = api.openapi

    def openapi() -> dict[str, Any]:
        if api.openapi_schema is None:
            routes = tuple((r.path, tuple(sorted(r.methods))) for r in api.routes if isinstance(r, APIRoute))
            if routes not in _documents:
                document = default_openapi()
                _document_agent_configs(document)
                _document_mimic_yaml(document)
                _documents[routes] = document
            api.openapi_schema = _documents[routes]  # read-only: nothing changes a document once made
        return api.openapi_schema

    api.openapi = openapi  # type: ignore[method-assign]
    return api
