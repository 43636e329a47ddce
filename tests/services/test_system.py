"""What the app says about itself: healthy with its database, degraded (not crashed) when the
Redis it is configured with does not answer, and its version either way."""

from __future__ import annotations

import socket

from app.services import system
from app.settings import VERSION, settings


def test_healthy_with_its_database(db) -> None:
    report = system.health_report()
    assert report["status"] == "healthy" and report["version"] == VERSION
    assert report["checks"]["database"] == "ok"
    assert report["details"]["sessionExecution"] == settings.session_execution


def closed_port() -> int:
    with socket.socket() as probe:  # a port nothing listens on once this socket is closed
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def test_a_redis_that_does_not_answer_makes_it_degraded(db, monkeypatch) -> None:
    monkeypatch.setattr(settings, "redis_url", f"redis://127.0.0.1:{closed_port()}/0")
    assert system.redis_ok() is False
    report = system.health_report()
    assert report["status"] == "degraded" and report["checks"]["redis"] == "unavailable"
    assert report["checks"]["database"] == "ok"


def test_the_api_names_itself() -> None:
    assert system.api_info() == {"name": "Mimic API", "version": VERSION, "status": "ok"}
