"""Browser sessions: the runner a browser agent's session gets (with its vision settings
and the measuring thresholds), and the files the sessions store (screenshots, traces)."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlmodel import Session, col, select

from app.engine.browser_runner import BrowserOptions, BrowserSessionRunner
from app.engine.bus import bus
from app.engine.context import SessionPlan
from app.engine.runner import SessionStore
from app.models.session import Artifact, ArtifactPublic, SimSession
from app.services.access import Permission, Principal, require
from app.services.errors import NotFound
from app.settings import settings

BROWSER_AGENT_TYPE = "browser"


def browser_options(vision_config: dict[str, Any]) -> BrowserOptions:
    return BrowserOptions(
        include_screenshots=bool(vision_config.get("includeScreenshots", False)),
        screenshot_interval=int(vision_config.get("screenshotInterval") or 5),
        slow_page_ms=settings.slow_page_ms,
    )


def browser_runner(plan: SessionPlan, store: SessionStore, vision_config: dict[str, Any]) -> BrowserSessionRunner:
    return BrowserSessionRunner(plan, store, bus, options=browser_options(vision_config))


# -- artifacts ------------------------------------------------------------------------------


def artifact_url(session_id: str, artifact_id: str) -> str:
    return f"/api/sessions/{session_id}/artifacts/{artifact_id}"


def artifact_public(row: Artifact) -> ArtifactPublic:
    return ArtifactPublic(
        id=row.id, session_id=row.session_id, event_id=row.event_id, kind=row.kind, name=row.name,
        content_type=row.content_type, size=row.size, created_at=row.created_at,
        url=artifact_url(row.session_id or "", row.id),
    )  # fmt: skip


def _session_row(session: Session, principal: Principal, session_id: str) -> SimSession:
    row = session.get(SimSession, session_id)
    if row is None or row.workspace_id != principal.workspace_id:
        raise NotFound("No such session")
    return row


def list_artifacts(
    *, session: Session, principal: Principal, session_id: str, kind: str | None = None
) -> list[ArtifactPublic]:
    require(principal, Permission.read)
    row = _session_row(session, principal, session_id)
    query = select(Artifact).where(Artifact.session_id == row.id)
    if kind:
        query = query.where(Artifact.kind == kind)
    rows = session.exec(query.order_by(col(Artifact.created_at), col(Artifact.id))).all()
    return [artifact_public(a) for a in rows]


@dataclass(frozen=True)
class ArtifactFile:
    path: Path
    name: str
    content_type: str


def artifact_file(*, session: Session, principal: Principal, session_id: str, artifact_id: str) -> ArtifactFile:
    """The stored file of one artifact of a session in the caller's workspace."""
    require(principal, Permission.read)
    row = _session_row(session, principal, session_id)
    artifact = session.get(Artifact, artifact_id)
    if artifact is None or artifact.session_id != row.id or artifact.workspace_id != principal.workspace_id:
        raise NotFound("No such artifact")
    root = settings.data_dir.resolve()
    path = (root / artifact.path).resolve()
    if not path.is_relative_to(root) or not path.is_file():
        raise NotFound("The artifact's file is gone")
    return ArtifactFile(path=path, name=artifact.name, content_type=artifact.content_type)
