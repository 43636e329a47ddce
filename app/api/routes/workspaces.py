"""The workspaces the caller belongs to: list, create, switch, rename."""

from __future__ import annotations

from fastapi import status

from app.api.deps import CurrentPrincipal, SessionDep
from app.api.routing import APIRouter
from app.models.account import WorkspaceCreate, WorkspacePublic, WorkspaceUpdate
from app.services import accounts

router = APIRouter(prefix="/api/workspaces", tags=["workspaces"])


@router.get("", response_model=list[WorkspacePublic], summary="Your workspaces and your role in each")
def list_workspaces(principal: CurrentPrincipal, session: SessionDep) -> list[WorkspacePublic]:
    return accounts.list_workspaces(session=session, principal=principal)


@router.post("", response_model=WorkspacePublic, status_code=status.HTTP_201_CREATED, summary="Create a workspace")
def create_workspace(data: WorkspaceCreate, principal: CurrentPrincipal, session: SessionDep) -> WorkspacePublic:
    return accounts.create_workspace(session=session, principal=principal, data=data)


@router.patch("/current", response_model=WorkspacePublic, summary="Rename the current workspace")
def rename_workspace(data: WorkspaceUpdate, principal: CurrentPrincipal, session: SessionDep) -> WorkspacePublic:
    return accounts.rename_workspace(session=session, principal=principal, data=data)


@router.post("/{workspace_id}/switch", response_model=WorkspacePublic, summary="Make a workspace your current one")
def switch_workspace(workspace_id: str, principal: CurrentPrincipal, session: SessionDep) -> WorkspacePublic:
    return accounts.switch_workspace(session=session, principal=principal, workspace_id=workspace_id)
