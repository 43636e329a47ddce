"""The workspace's judging settings: the default number of judge repeats (when neither the
session nor the suite says) and the share of judged sessions the review queue samples."""

from __future__ import annotations

from sqlmodel import Session

from app.models.account import Workspace
from app.models.review import JudgingSettings
from app.services import audit
from app.services.access import Permission, Principal, require
from app.services.errors import NotFound


def judging_settings(db: Session, workspace_id: str) -> JudgingSettings:
    workspace = db.get(Workspace, workspace_id)
    if workspace is None:
        raise NotFound("No such workspace")
    return JudgingSettings.model_validate((workspace.settings or {}).get("judging") or {})


def get_settings(*, session: Session, principal: Principal) -> JudgingSettings:
    require(principal, Permission.read)
    return judging_settings(session, principal.workspace_id)


def update_settings(*, session: Session, principal: Principal, data: JudgingSettings) -> JudgingSettings:
    require(principal, Permission.manage_workspace)
    workspace = session.get(Workspace, principal.workspace_id)
    before = judging_settings(session, principal.workspace_id)
    workspace.settings = {**(workspace.settings or {}), "judging": data.model_dump(by_alias=True)}
    changes = {"before": before.model_dump(by_alias=True), "after": data.model_dump(by_alias=True)}
    audit.record(session, principal=principal, action="judging.settings_changed", target_type="workspace",
                 target_id=workspace.id, target_name=workspace.name, details=changes)  # fmt: skip
    session.commit()
    return data
