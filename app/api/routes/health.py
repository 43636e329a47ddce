"""Liveness and identity: GET /health and GET /api."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from fastapi.responses import JSONResponse
from pydantic import BaseModel, Field

from app.api.routing import APIRouter
from app.services import system

router = APIRouter(tags=["health"])


class QueueState(BaseModel):
    workers: int = Field(description="queue workers that announced themselves in Redis lately")
    waiting: int = Field(description="sessions queued and not yet taken by a worker")
    in_progress: int = Field(alias="inProgress", description="queue messages taken by a worker and not yet done")


class HealthDetails(BaseModel):
    session_execution: Literal["inprocess", "queue"] = Field(alias="sessionExecution")
    queue: QueueState | None = None


class HealthPublic(BaseModel):
    status: Literal["healthy", "degraded"]
    version: str
    timestamp: datetime
    checks: dict[str, str] = Field(
        description="database, and when configured redis and queue: ok | unavailable | no workers"
    )
    details: HealthDetails


class ApiInfo(BaseModel):
    name: str
    version: str
    status: str


@router.get("/health", response_model=HealthPublic, summary="Health of the app and what it depends on")
def health() -> JSONResponse:
    report = system.health_report()
    status_code = 200 if report["status"] == "healthy" else 503
    body = HealthPublic.model_validate(report).model_dump(mode="json", by_alias=True, exclude_none=True)
    return JSONResponse(body, status_code=status_code)


@router.get("/api", response_model=ApiInfo, summary="Name and version of the API")
def api_info() -> ApiInfo:
    return ApiInfo(**system.api_info())
