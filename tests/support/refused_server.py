"""A server the outbound policy refuses, and an allowed one that redirects there: fixtures for
the tests of every outbound path (model calls, speech). Only 127.0.0.1/32 is allowed; the
refused server listens on 127.0.0.2, records anything that reaches it and answers a body
that must never come back to the caller."""

from __future__ import annotations

from dataclasses import dataclass, field

import pytest
from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, RedirectResponse

from app.settings import settings
from tests.support.loopback import LoopbackServer

ONLY_127_0_0_1 = "127.0.0.1/32"
FAR_BODY = "internal secret from the refused server"
REDIRECTS = (301, 302, 307, 308)


@dataclass
class Far:
    url: str
    hits: list[str] = field(default_factory=list)


@pytest.fixture
def only_127_0_0_1(monkeypatch) -> None:
    monkeypatch.setattr(settings, "outbound_allow", ONLY_127_0_0_1)


@pytest.fixture
def far(only_127_0_0_1):
    """A server the policy refuses: it records anything that reaches it."""
    hits: list[str] = []
    app = FastAPI()

    @app.api_route("/{path:path}", methods=["GET", "POST"])
    async def anything(path: str, request: Request):
        hits.append(f"{request.method} /{path}")
        return JSONResponse({"error": {"message": FAR_BODY}}, status_code=400)

    with LoopbackServer(app, host="127.0.0.2") as server:
        yield Far(server.url, hits)


@pytest.fixture
def redirector(far):
    """An allowed server (127.0.0.1): /<status>/<path> redirects to the refused one with that status."""
    app = FastAPI()

    @app.api_route("/{status:int}/{path:path}", methods=["GET", "POST"])
    async def anything(status: int, path: str, request: Request):
        query = f"?{request.url.query}" if request.url.query else ""
        return RedirectResponse(f"{far.url}/{path}{query}", status_code=status)

    with LoopbackServer(app) as server:
        yield server
