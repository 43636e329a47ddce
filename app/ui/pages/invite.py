"""/invite/<token>: a signed-in user accepts an invitation to a workspace."""

from __future__ import annotations

import reflex as rx

from app.models.account import WorkspacePublic
from app.services import calls, team
from app.services.access import Principal
from app.services.errors import ServiceError
from app.ui.components.auth_layout import auth_card
from app.ui.components.forms import form_error
from app.ui.state.auth import AuthState


def accept_invitation(*, session, principal: Principal, token: str) -> WorkspacePublic:
    """The caller joins the invitation's workspace."""
    return team.accept_invitation(session=session, user_id=principal.user_id, token=token, meta=principal.meta)


class InviteState(AuthState):
    invited_workspace: str = ""
    invited_role: str = ""
    invited_email: str = ""
    error: str = ""

    def _token(self) -> str:
        return self.router.url.path.rstrip("/").rsplit("/", 1)[-1]

    @rx.event
    async def load(self):
        self.error = ""
        try:
            self.invited_workspace, self.invited_role, self.invited_email = await calls.anonymous(
                team.preview_invitation, token=self._token()
            )
        except ServiceError as exc:
            self.invited_workspace = ""
            self.error = str(exc)

    @rx.event
    async def accept(self):
        try:
            await self._call(accept_invitation, token=self._token())
        except ServiceError as exc:
            self.error = str(exc)
            return
        return rx.redirect("/")


def invite_page() -> rx.Component:
    return rx.cond(
        AuthState.signed_in,
        auth_card(
            "Invitation",
            "Join a workspace to work with its personas, agents and sessions.",
            form_error(InviteState.error),
            rx.cond(
                InviteState.invited_workspace != "",
                rx.vstack(
                    rx.text(
                        "You are invited to ",
                        rx.text.strong(InviteState.invited_workspace),
                        " as ",
                        rx.badge(InviteState.invited_role),
                        ".",
                    ),
                    rx.text("Signed in as ", rx.text.strong(AuthState.user_email), size="2", color_scheme="gray"),
                    rx.button("Accept and open the workspace", on_click=InviteState.accept, width="100%", size="3"),
                    spacing="3",
                    width="100%",
                ),
            ),
            rx.link("Back to the dashboard", href="/", size="2"),
        ),
        rx.center(rx.spinner(size="3"), height="100vh"),
    )
