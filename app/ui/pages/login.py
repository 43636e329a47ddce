"""/login and /register."""

from __future__ import annotations

import reflex as rx
from pydantic import ValidationError

from app.models.account import RegisterRequest
from app.services import accounts, calls
from app.services.errors import ServiceError
from app.ui.components.auth_layout import auth_card
from app.ui.components.forms import field, form_error
from app.ui.state.auth import AuthState, safe_next
from app.ui.state.errors import field_errors


class LoginState(AuthState):
    error: str = ""
    errors: dict[str, str] = {}
    submitting: bool = False

    def _next_path(self) -> str:
        return safe_next(self.router.url.query_parameters.get("next"))

    @rx.var
    def register_href(self) -> str:
        target = self.router.url.query_parameters.get("next")
        return f"/register?next={target}" if target else "/register"

    @rx.var
    def login_href(self) -> str:
        target = self.router.url.query_parameters.get("next")
        return f"/login?next={target}" if target else "/login"

    @rx.event
    async def open_page(self):
        """on_load: a signed-in visitor goes on to where they were headed."""
        self.error, self.errors, self.submitting = "", {}, False
        if self.router.url.query_parameters.get("expired"):
            self.error = "The sign-in took too long to complete: sign in again."
        if self._session_token():
            try:
                await self._call(accounts.me)  # is the token still good?
                return rx.redirect(self._next_path())
            except ServiceError:
                self._sign_out()

    @rx.event
    async def login(self, form: dict):
        self.submitting, self.error, self.errors = True, "", {}
        yield
        try:
            submit = await self._sign_in(form.get("email", ""), form.get("password", ""), self._next_path())
        except ServiceError as exc:
            self.error, self.errors = field_errors(exc)
            self.submitting = False
            return
        yield submit

    @rx.event
    async def register(self, form: dict):
        self.submitting, self.error, self.errors = True, "", {}
        yield
        try:
            data = RegisterRequest(
                email=form.get("email", ""),
                password=form.get("password", ""),
                name=form.get("name", ""),
                workspace_name=form.get("workspaceName") or None,
            )
            await calls.anonymous(accounts.register, data=data)
            submit = await self._sign_in(str(data.email), data.password, self._next_path())
        except (ServiceError, ValidationError) as exc:
            self.error, self.errors = field_errors(exc)
            self.submitting = False
            return
        yield submit


def login_page() -> rx.Component:
    return auth_card(
        "Sign in",
        "Welcome back. Sign in to run and review sessions.",
        form_error(LoginState.error),
        rx.form(
            rx.vstack(
                field("Email", "email", type="email", required=True, error=LoginState.errors.get("email", "")),
                field(
                    "Password", "password", type="password", required=True, error=LoginState.errors.get("password", "")
                ),
                rx.button("Sign in", type="submit", width="100%", size="3", loading=LoginState.submitting),
                spacing="3",
                width="100%",
            ),
            on_submit=LoginState.login,
            width="100%",
        ),
        rx.text("No account yet? ", rx.link("Create one", href=LoginState.register_href), size="2"),
    )


def register_page() -> rx.Component:
    return auth_card(
        "Create your account",
        "Your account comes with its own workspace and a ready library of personas and objectives.",
        form_error(LoginState.error),
        rx.form(
            rx.vstack(
                field("Name", "name", placeholder="Ada Lovelace", error=LoginState.errors.get("name", "")),
                field("Email", "email", type="email", required=True, error=LoginState.errors.get("email", "")),
                field(
                    "Password",
                    "password",
                    type="password",
                    required=True,
                    placeholder="At least 12 characters, not a common one",
                    error=LoginState.errors.get("password", ""),
                ),
                field(
                    "Workspace name (optional)",
                    "workspaceName",
                    placeholder="Acme QA",
                    error=LoginState.errors.get("workspaceName", ""),
                ),
                rx.button("Create account", type="submit", width="100%", size="3", loading=LoginState.submitting),
                spacing="3",
                width="100%",
            ),
            on_submit=LoginState.register,
            width="100%",
        ),
        rx.text("Already have an account? ", rx.link("Sign in", href=LoginState.login_href), size="2"),
    )
