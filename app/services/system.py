"""What the app reports about itself: version and the state of what it depends on."""

from __future__ import annotations

from typing import Any

from app.db import database_ok
from app.models.base import utcnow
from app.runtime import execution
from app.settings import VERSION, settings


def redis_ok() -> bool:
    import redis

    try:
        client = redis.Redis.from_url(settings.redis_url, socket_timeout=2, socket_connect_timeout=2)
        try:
            return bool(client.ping())
        finally:
            client.close()
    except Exception:
        return False


def health_report() -> dict[str, Any]:
    """`status` is "degraded" (and GET /health answers 503) when this backend cannot serve:
    its database or its Redis is unavailable. The queue is reported, not judged: a backend
    without queue workers still serves the dashboard and the API, while sessions wait."""
    checks = {"database": "ok" if database_ok() else "unavailable"}
    details: dict[str, Any] = {"sessionExecution": settings.session_execution}
    if settings.redis_url:
        checks["redis"] = "ok" if redis_ok() else "unavailable"
    healthy = all(state == "ok" for state in checks.values())
    if settings.uses_queue:
        try:
            queue = execution.queue_state()
            checks["queue"] = "ok" if queue["workers"] else "no workers"
            details["queue"] = queue
        except Exception:
            checks["queue"] = "unavailable"
    return {"status": "healthy" if healthy else "degraded", "version": VERSION, "timestamp": utcnow(),
            "checks": checks, "details": details}  # fmt: skip


def api_info() -> dict[str, str]:
    return {"name": "Mimic API", "version": VERSION, "status": "ok"}
