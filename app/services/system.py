"""What the app reports about itself: version and the state of what it depends on."""

from __future__ import annotations

from typing import Any

from app.db import database_ok
from app.models.base import utcnow
from app.settings import VERSION


def health_report() -> dict[str, Any]:
    checks = {"database": "ok" if database_ok() else "unavailable"}
    healthy = all(state == "ok" for state in checks.values())
    return {"status": "healthy" if healthy else "degraded", "version": VERSION, "timestamp": utcnow(), "checks": checks}


def api_info() -> dict[str, str]:
    return {"name": "Mimic API", "version": VERSION, "status": "ok"}
