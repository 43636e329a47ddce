"""The dashboard's one auth state: the signed-in user, their workspace and role.

The access token lives in an HttpOnly cookie that no script can read: POST /api/auth/session
sets it (from a single-use ticket this state gets once the password is checked) and POST
/api/auth/logout ends it, both as plain form posts that reload the page. The state reads the
cookie from the live connection's handshake, which the browser opened with it. Every protected
page checks it on load and sends a signed-out visitor to /login?next=<where they were>. Page
states subclass AuthState so that their handlers can call a service for the caller with
`await self._call(fn, **kwargs)` (app/services/calls.py).
"""

from __future__ import annotations

import asyncio
import json
from http.cookies import CookieError, SimpleCookie
from urllib.parse import quote

import reflex as rx

from app.models.account import MePublic
from app.services import accounts, calls
from app.services.access import ROLE_PERMISSIONS, Principal, RequestMeta
from app.services.errors import ServiceError
from app.services.security import SESSION_COOKIE
from app.ui.shell_script import SHELL_SCRIPT


def safe_next(target: str | None) -> str:
    """Only a path on this site: never an open redirect to another origin."""
    if not target or not target.startswith("/") or target.startswith("//") or "\\" in target:
        return "/"
    return target


def _per_million(cost: float | None) -> str:
    return "?" if cost is None else f"${cost * 1_000_000:.2f}"


def model_options(session, principal: Principal) -> list[dict[str, str]]:
    """Each model as {id, label}: grouped by provider, with its cost and vision support."""
    from app.services import providers

    options = []
    for m in providers.list_models(session=session, principal=principal).models:
        if m.offline:
            detail = "offline simulator · free, no key"
        else:
            detail = (
                f"in {_per_million(m.input_cost_per_token)}/M · out {_per_million(m.output_cost_per_token)}/M tokens"
            )
            if m.supports_vision:
                detail += " · vision"
        options.append({"id": m.id, "label": f"{m.provider} · {detail}"})
    return options


def _me_and_models(*, session, principal: Principal) -> tuple[MePublic, list[dict[str, str]]]:
    return accounts.me(session=session, principal=principal), model_options(session, principal)


# The loaders of each protected page, run once open_protected has checked the caller
# (filled by app/ui/pages/__init__.py through `protected`).
PAGE_LOADERS: dict[str, tuple] = {}


def protected(page_key: str, *loaders) -> rx.event.EventSpec:
    """The on_load of a page only signed-in members see: the auth check, then `loaders`."""
    PAGE_LOADERS[page_key] = loaders
    return AuthState.open_protected(page_key)


def login_url(next_path: str) -> str:
    return f"/login?next={quote(safe_next(next_path), safe='/')}"


def post_form(action: str, fields: dict[str, str]) -> rx.event.EventSpec:
    """Makes the page submit a plain form (a full page load follows): how the dashboard reaches
    the endpoints that set and clear its HttpOnly cookie."""
    script = (
        "(() => { const form = document.createElement('form'); form.method = 'post'; "
        f"form.action = {json.dumps(action)}; "
        f"for (const [name, value] of Object.entries({json.dumps(fields)})) {{ "
        "const input = document.createElement('input'); input.type = 'hidden'; input.name = name; "
        "input.value = value; form.appendChild(input); } "
        "document.body.appendChild(form); form.submit(); })()"
    )
    return rx.call_script(script)


class AuthState(rx.State):
    signed_in: bool = False
    user_name: str = ""
    user_email: str = ""
    workspace_id: str = ""
    workspace_name: str = ""
    role: str = ""
    permissions: list[str] = []
    workspaces: list[dict[str, str]] = []
    # The models this workspace can use, for every model picker (see components/model_picker.py).
    model_options: list[dict[str, str]] = []

    def _request_meta(self) -> RequestMeta:
        """The browser's address and user agent, for the audit log."""
        return RequestMeta(ip=self.router.session.client_ip, user_agent=self.router.headers.user_agent)

    def _session_token(self) -> str:
        """The access token in the HttpOnly cookie the browser opened this connection with."""
        jar = SimpleCookie()
        try:
            jar.load(self.router.headers.cookie or "")
        except CookieError:
            return ""
        morsel = jar.get(SESSION_COOKIE)
        return morsel.value if morsel is not None else ""

    def _principal(self) -> Principal:
        """The caller, freshly checked (a revoked token or membership takes effect at once).
        Blocking: only for code already in a worker thread."""
        return calls.caller(credential=self._session_token(), meta=self._request_meta())

    async def _call(self, service, /, **kwargs):
        """service(session=…, principal=…, **kwargs) for the signed-in caller, in a worker thread
        with its own unit of work (app/services/calls.py): the backend's event loop, which every
        running session shares, never waits for the database."""
        return await calls.as_caller(service, credential=self._session_token(), meta=self._request_meta(), **kwargs)

    def _apply_me(self, me: MePublic) -> None:
        self.signed_in = True
        self.user_name = me.name or me.email
        self.user_email = me.email
        self.workspace_id = me.workspace.id
        self.workspace_name = me.workspace.name
        self.role = me.role
        self.permissions = sorted(p.value for p in ROLE_PERMISSIONS[me.role])
        self.workspaces = [{"id": w.id, "name": w.name, "role": w.role} for w in me.workspaces]

    def _sign_out(self) -> None:
        self.signed_in = False
        self.user_name = self.user_email = self.workspace_id = self.workspace_name = self.role = ""
        self.permissions = []
        self.workspaces = []

    def _current_path(self) -> str:
        url = self.router.url
        return url.path + (f"?{url.query}" if url.query else "")

    @staticmethod
    def _identify(credential: str, meta: RequestMeta) -> tuple[MePublic, list[dict[str, str]]]:
        """Who holds `credential`, and their models; in a worker thread (it reads the database)."""
        return calls.run_as(_me_and_models, credential=credential, meta=meta)

    @rx.event(background=True)
    async def open_protected(self, page_key: str):
        """on_load of every protected page: the caller is checked off the event loop, then the
        page's own loaders run (PAGE_LOADERS); a signed-out visitor goes to /login at once, and
        no loader runs to report that they are signed out."""
        async with self:
            credential, meta, here = self._session_token(), self._request_meta(), self._current_path()
        try:
            me, options = await asyncio.to_thread(self._identify, credential, meta)
        except ServiceError:
            async with self:
                self._sign_out()
            return rx.redirect(login_url(here))
        async with self:
            self._apply_me(me)
            self.model_options = options
        return [rx.call_script(SHELL_SCRIPT), *PAGE_LOADERS.get(page_key, ())]

    @rx.event(background=True)
    async def identify(self):
        """on_load of pages anyone may see (the 404 page): the shell if signed in, no redirect."""
        async with self:
            credential, meta = self._session_token(), self._request_meta()
        try:
            me, options = await asyncio.to_thread(self._identify, credential, meta)
        except ServiceError:
            async with self:
                self._sign_out()
            return None
        async with self:
            self._apply_me(me)
            self.model_options = options
        return rx.call_script(SHELL_SCRIPT)

    @rx.event
    def logout(self):
        """Ends the token on the server and clears the cookie (POST /api/auth/logout)."""
        self._sign_out()
        return post_form("/api/auth/logout", {"signOut": "1"})

    @rx.event
    async def switch_workspace(self, workspace_id: str):
        try:
            await self._call(accounts.switch_workspace, workspace_id=workspace_id)
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        # Reload the page so that its data comes from the workspace now current.
        return rx.redirect(self._current_path())

    async def _sign_in(self, email: str, password: str, next_path: str) -> rx.event.EventSpec:
        """Checks the password (off the event loop: argon2 is deliberately slow) and answers the
        form post that trades the ticket for the cookie and goes on to `next_path`."""
        meta = self._request_meta()

        ticket = await calls.anonymous(accounts.sign_in_ticket, email=email, password=password, meta=meta)
        return post_form("/api/auth/session", {"ticket": ticket, "next": safe_next(next_path)})

    @rx.var
    def can_write(self) -> bool:
        return "write" in self.permissions

    @rx.var
    def can_manage_members(self) -> bool:
        return "manage_members" in self.permissions

    @rx.var
    def can_manage_api_keys(self) -> bool:
        return "manage_api_keys" in self.permissions
