"""Builds the FastAPI app that Reflex mounts on its backend (same process, same port)."""

from __future__ import annotations

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import JSONResponse
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import compile_path

from app.api.errors import ERROR_RESPONSES, error_response, install_error_handlers
from app.api.middleware import BindEventLoop, RequestSizeLimitMiddleware, SecurityHeadersMiddleware
from app.api.rate_limit import RateLimitMiddleware
from app.api.routes import (
    access,
    agents,
    analytics,
    audit,
    auth,
    events,
    health,
    mimic_file,
    objectives,
    personas,
    providers,
    runs,
    search,
    sessions,
    suites,
    webhooks,
    whatsapp,
    workspaces,
    ws,
)
from app.settings import VERSION, resolved_secret_key

_ALL_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE", "HEAD", "OPTIONS"]


def _unknown_api_path(request: Request) -> JSONResponse:
    # A known path with another method is a 405 (with Allow), as it would be without this fallback.
    allowed = sorted(
        {
            method
            for context in iter_route_contexts(request.app.routes)
            if isinstance(context.original_route, APIRoute) and context.endpoint is not _unknown_api_path
            and compile_path(context.path)[0].match(request.url.path)
            for method in context.methods
        }
    )  # fmt: skip
    if allowed:
        return error_response(
            405, f"{request.method} is not allowed on {request.url.path}", headers={"Allow": ", ".join(allowed)}
        )
    return error_response(404, f"No API route at {request.url.path}")


def create_api() -> FastAPI:
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
    )
    install_error_handlers(api)
    api.add_middleware(RateLimitMiddleware)
    api.add_middleware(BindEventLoop)
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
        webhooks,
        search,
        mimic_file,
    ):
        api.include_router(module.router)

    # Last, so it only catches what no router answered: without it an unknown /api path
    # would fall through to the Reflex app and come back as the SPA's HTML.
    fallback = APIRouter(include_in_schema=False)
    fallback.add_api_route("/api/{path:path}", _unknown_api_path, methods=_ALL_METHODS)
    api.include_router(fallback)
    return api
