"""Sign-up, sign-in, the current user, and API keys."""

from __future__ import annotations

from typing import Annotated

from fastapi import Form, Query, Request, Response, status
from fastapi.responses import RedirectResponse

from app.api.deps import CurrentPrincipal, RequestCredential, RequestMetaDep, SameOrigin, SessionDep
from app.api.errors import error_responses
from app.api.routing import APIRouter
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
from app.services import accounts, api_keys, security
from app.services.errors import ServiceError
from app.settings import settings

router = APIRouter(prefix="/api/auth", tags=["auth"])


def safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to another origin."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _cookie_is_secure(request: Request) -> bool:
    forwarded = request.headers.get("x-forwarded-proto", "").split(",")[0].strip().lower()
    return request.url.scheme == "https" or forwarded == "https" or settings.public_url.startswith("https://")


def _set_session_cookie(response: Response, request: Request, token: str, max_age: int) -> None:
    response.set_cookie(
        security.SESSION_COOKIE, token, max_age=max_age, path="/", httponly=True, samesite="strict",
        secure=_cookie_is_secure(request),
    )  # fmt: skip


def _clear_session_cookie(response: Response, request: Request) -> None:
    response.delete_cookie(
        security.SESSION_COOKIE, path="/", httponly=True, samesite="strict", secure=_cookie_is_secure(request)
    )


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


@router.post(
    "/login",
    response_model=TokenPublic,
    summary="Exchange email and password for an access token",
    responses=error_responses(429),
)
def login(data: LoginRequest, session: SessionDep, meta: RequestMetaDep) -> TokenPublic:
    return accounts.login(session=session, email=str(data.email), password=data.password, meta=meta)


@router.post(
    "/session",
    status_code=status.HTTP_303_SEE_OTHER,
    response_class=RedirectResponse,
    summary="Start the dashboard's session (sets its HttpOnly cookie)",
    responses={303: {"description": "To `next` with the cookie set, or to /login when the ticket is not valid"}},
    dependencies=[SameOrigin],
)
def start_session(
    request: Request,
    session: SessionDep,
    ticket: Annotated[str, Form(min_length=16, max_length=2000, description="The sign-in ticket")],
    next: Annotated[str, Form(max_length=2000, description="Where to go afterwards (a path)")] = "/",  # noqa: A002
) -> RedirectResponse:
    """The dashboard checks the password over its live connection and gets a one-minute,
    single-use ticket; its page posts the ticket here (a plain form), and this answer sets the
    access token as a cookie scripts cannot read (HttpOnly, SameSite=Strict, Secure over HTTPS)."""
    target = safe_next(next)
    try:
        token = accounts.redeem_sign_in_ticket(session=session, ticket=ticket)
    except ServiceError:
        return RedirectResponse(f"/login?next={target}&expired=1", status_code=status.HTTP_303_SEE_OTHER)
    response = RedirectResponse(target, status_code=status.HTTP_303_SEE_OTHER)
    _set_session_cookie(response, request, token.access_token, token.expires_in)
    return response


@router.post(
    "/logout",
    status_code=status.HTTP_204_NO_CONTENT,
    summary="Sign out: end this token (or, with everywhere=true, every token of the account)",
    responses={303: {"description": "A form post from the dashboard: to /login, the cookie cleared"}},
    dependencies=[SameOrigin],
)
def logout(
    request: Request,
    credential: RequestCredential,
    session: SessionDep,
    everywhere: Annotated[bool, Query(description="End every token of the account, on every device")] = False,
) -> Response:
    """The token (the bearer token, else the dashboard's cookie) is refused from now on, and
    the cookie is cleared. A plain form post (the dashboard's Sign out) is sent on to /login."""
    accounts.logout(session=session, credential=credential, everywhere=everywhere)
    is_form = request.headers.get("content-type", "").startswith("application/x-www-form-urlencoded")
    response: Response = (
        RedirectResponse("/login", status_code=status.HTTP_303_SEE_OTHER)
        if is_form
        else Response(status_code=status.HTTP_204_NO_CONTENT)
    )
    _clear_session_cookie(response, request)
    return response


@router.get("/me", response_model=MePublic, summary="The caller, their workspace and role")
def me(principal: CurrentPrincipal, session: SessionDep) -> MePublic:
    return accounts.me(session=session, principal=principal)


@router.patch("/me", response_model=UserPublic, summary="Change your name or password")
def update_me(data: ProfileUpdate, principal: CurrentPrincipal, session: SessionDep) -> UserPublic:
    """A new password ends every token of the account, this one included: sign in again."""
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
