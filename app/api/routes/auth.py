"""Sign-up, sign-in, the current user, and API keys."""

from __future__ import annotations

from fastapi import APIRouter, Response, status

from app.api.deps import CurrentPrincipal, RequestMetaDep, SessionDep
from app.api.errors import error_responses
from app.models.account import (
    ApiKeyCreate,
    ApiKeyCreated,
    ApiKeyPublic,
    LoginRequest,
    MePublic,
    ProfileUpdate,
    RegisterRequest,
    TokenPublic,
    UserPublic,
)
from app.services import accounts, api_keys

router = APIRouter(prefix="/api/auth", tags=["auth"])


@router.post(
    "/register",
    response_model=UserPublic,
    status_code=status.HTTP_201_CREATED,
    summary="Create an account",
    responses=error_responses(409),
)
def register(data: RegisterRequest, session: SessionDep) -> UserPublic:
    """Creates the user and their first workspace, which they own."""
    return accounts.register(session=session, data=data)


@router.post("/login", response_model=TokenPublic, summary="Exchange email and password for an access token")
def login(data: LoginRequest, session: SessionDep, meta: RequestMetaDep) -> TokenPublic:
    return accounts.login(session=session, email=str(data.email), password=data.password, meta=meta)


@router.get("/me", response_model=MePublic, summary="The caller, their workspace and role")
def me(principal: CurrentPrincipal, session: SessionDep) -> MePublic:
    return accounts.me(session=session, principal=principal)


@router.patch("/me", response_model=UserPublic, summary="Change your name or password")
def update_me(data: ProfileUpdate, principal: CurrentPrincipal, session: SessionDep) -> UserPublic:
    return accounts.update_profile(session=session, principal=principal, data=data)


@router.post(
    "/api-keys", response_model=ApiKeyCreated, status_code=status.HTTP_201_CREATED, summary="Create an API key"
)
def create_api_key(data: ApiKeyCreate, principal: CurrentPrincipal, session: SessionDep) -> ApiKeyCreated:
    """The whole key is in this answer only; afterwards it is shown by its prefix."""
    return api_keys.create_api_key(session=session, principal=principal, data=data)


@router.get("/api-keys", response_model=list[ApiKeyPublic], summary="The workspace's API keys")
def list_api_keys(principal: CurrentPrincipal, session: SessionDep) -> list[ApiKeyPublic]:
    return api_keys.list_api_keys(session=session, principal=principal)


@router.delete("/api-keys/{key_id}", status_code=status.HTTP_204_NO_CONTENT, summary="Revoke an API key")
def revoke_api_key(key_id: str, principal: CurrentPrincipal, session: SessionDep) -> Response:
    api_keys.revoke_api_key(session=session, principal=principal, key_id=key_id)
    return Response(status_code=status.HTTP_204_NO_CONTENT)
