"""Roles, the team, and invitations."""

from __future__ import annotations

from fastapi import Response, status

from app.api.deps import CurrentPrincipal, SessionDep
from app.api.errors import error_responses
from app.api.routing import APIRouter
from app.models.account import (
    InvitationAccept,
    InvitationCreate,
    InvitationCreated,
    MemberPublic,
    MemberUpdate,
    RolesPublic,
    TeamPublic,
    WorkspacePublic,
)
from app.services import team

router = APIRouter(prefix="/api/access", tags=["access"])


@router.get("/roles", response_model=RolesPublic, summary="The roles and what each may do")
def list_roles(principal: CurrentPrincipal) -> RolesPublic:
    return team.list_roles()


@router.get("/team", response_model=TeamPublic, summary="The workspace's members and pending invitations")
def get_team(principal: CurrentPrincipal, session: SessionDep) -> TeamPublic:
    return team.get_team(session=session, principal=principal)


@router.post(
    "/team/members",
    response_model=InvitationCreated,
    status_code=status.HTTP_201_CREATED,
    summary="Invite someone by email",
    responses=error_responses(409),
)
def invite_member(data: InvitationCreate, principal: CurrentPrincipal, session: SessionDep) -> InvitationCreated:
    """Answers the invitation with its token and link (on MIMIC_PUBLIC_URL), shown this once;
    send the link to the invitee."""
    return team.invite_member(session=session, principal=principal, data=data)


@router.patch(
    "/team/members/{user_id}",
    response_model=MemberPublic,
    summary="Change a member's role",
    responses=error_responses(409),
)
def change_role(user_id: str, data: MemberUpdate, principal: CurrentPrincipal, session: SessionDep) -> MemberPublic:
    return team.change_role(session=session, principal=principal, user_id=user_id, data=data)


@router.delete(
    "/team/members/{user_id}",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Remove a member",
    responses=error_responses(409),
)
def remove_member(user_id: str, principal: CurrentPrincipal, session: SessionDep) -> Response:
    team.remove_member(session=session, principal=principal, user_id=user_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.delete("/invitations/{invitation_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Withdraw an invitation")
def revoke_invitation(invitation_id: str, principal: CurrentPrincipal, session: SessionDep) -> Response:
    team.revoke_invitation(session=session, principal=principal, invitation_id=invitation_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.post("/invitations/accept", response_model=WorkspacePublic, summary="Accept an invitation")
def accept_invitation(data: InvitationAccept, principal: CurrentPrincipal, session: SessionDep) -> WorkspacePublic:
    """The signed-in user joins the workspace; the invitation must name their email."""
    return team.accept_invitation(session=session, user_id=principal.user_id, token=data.token, meta=principal.meta)
