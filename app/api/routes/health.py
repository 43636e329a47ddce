"""Liveness and identity: GET /health and GET /api."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi import APIRouter
from fastapi.responses import JSONResponse
from pydantic import BaseModel

from app.services import system

router = APIRouter(tags=["health"])


class HealthPublic(BaseModel):
    status: Literal["healthy", "degraded"]
    version: str
    timestamp: datetime
    checks: dict[str, str]


class ApiInfo(BaseModel):
    name: str
    version: str
    status: str


@router.get("/health", response_model=HealthPublic, summary="Health of the app and what it depends on")
def health() -> JSONResponse:
    report = system.health_report()
    status_code = 200 if report["status"] == "healthy" else 503
    return JSONResponse(HealthPublic(**report).model_dump(mode="json"), status_code=status_code)


@router.get("/api", response_model=ApiInfo, summary="Name and version of the API")
def api_info() -> ApiInfo:
    return ApiInfo(**system.api_info())
