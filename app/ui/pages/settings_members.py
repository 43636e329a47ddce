"""Settings → Members: who is in this workspace with which role, and the invitations out."""

from __future__ import annotations

import reflex as rx
from pydantic import ValidationError

from app.models.account import InvitationCreate, MemberUpdate
from app.services import team
from app.services.errors import ServiceError
from app.ui.components.forms import field, form_error
from app.ui.pages.settings_shared import (
    SettingsState,
    confirm,
    form_errors,
    role_select_items,
    screen_reader_only,
    section,
    shown_once,
    submit_button,
)
from app.ui.state.auth import AuthState
from app.ui.state.errors import field_errors


class MembersState(SettingsState):
    @rx.event
    async def invite(self, form: dict):
        self.errors = {}
        self.invite_url = self.invite_email = ""
        try:
            data = InvitationCreate(email=form.get("inviteEmail", ""), role=form.get("role") or "editor")
            created = await self._call(team.invite_member, data=data)
        except (ServiceError, ValidationError) as exc:
            self.errors = form_errors("form:invite", exc, email="inviteEmail", role="inviteRole")
            return
        self.invite_url, self.invite_email = created.invite_url, created.email
        self.invite_form += 1
        await self._reload()

    @rx.event
    def dismiss_invite_url(self):
        self.invite_url = self.invite_email = ""

    @rx.event
    async def change_role(self, user_id: str, role: str):
        try:
            data = MemberUpdate(role=role)
            member = await self._call(team.change_role, user_id=user_id, data=data)
        except (ServiceError, ValidationError) as exc:
            await self._reload()
            return rx.toast.error(field_errors(exc)[0])
        await self._reload()
        return rx.toast.success(f"{member.name or member.email} is now {member.role}.")

    @rx.event
    async def remove_member(self, user_id: str):
        try:
            await self._call(team.remove_member, user_id=user_id)
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        await self._reload()
        return rx.toast.success("The member is removed.")

    @rx.event
    async def withdraw_invitation(self, invitation_id: str):
        try:
            await self._call(team.revoke_invitation, invitation_id=invitation_id)
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        await self._reload()
        return rx.toast.success("The invitation is withdrawn.")


def _member_role(member: rx.Var) -> rx.Component:
    return rx.cond(
        AuthState.can_manage_members,
        rx.select.root(
            rx.select.trigger(aria_label="Role of " + member["email"], variant="soft"),
            rx.select.content(role_select_items()),
            value=member["role"],
            on_change=lambda role: MembersState.change_role(member["user_id"], role),
            size="1",
        ),
        rx.badge(member["role"], variant="soft"),
    )


def _member_row(member: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(
            rx.hstack(
                rx.text(member["name"]),
                rx.cond(member["user_id"] == SettingsState.my_user_id, rx.badge("you", size="1", variant="outline")),
                spacing="2",
                align="center",
            )
        ),
        rx.table.cell(member["email"]),
        rx.table.cell(_member_role(member)),
        rx.table.cell(member["joined"]),
        rx.cond(
            AuthState.can_manage_members,
            rx.table.cell(
                confirm(
                    "Remove",
                    "Remove " + member["email"],
                    "Remove this member?",
                    rx.text(
                        member["email"],
                        " loses access to this workspace at once. You can invite them again later.",
                    ),
                    "Remove member",
                    MembersState.remove_member(member["user_id"]),
                )
            ),
        ),
    )


def _invitation_row(invitation: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(invitation["email"]),
        rx.table.cell(rx.badge(invitation["role"], variant="soft")),
        rx.table.cell(invitation["expires"]),
        rx.table.cell(
            rx.button(
                "Withdraw",
                size="1",
                variant="soft",
                color_scheme="gray",
                aria_label="Withdraw the invitation for " + invitation["email"],
                on_click=MembersState.withdraw_invitation(invitation["id"]),
            )
        ),
    )


def _invite_form() -> rx.Component:
    return section(
        "Invite a member",
        "They receive the role you pick once they open the link signed in with this email.",
        rx.cond(
            SettingsState.invite_url != "",
            shown_once(
                "Invitation link for " + SettingsState.invite_email,
                "Send this link to them yourself. It is shown only now: "
                "if it is lost, withdraw the invitation and invite again.",
                SettingsState.invite_url,
                "Copy the invitation link",
                MembersState.dismiss_invite_url,
            ),
        ),
        form_error(SettingsState.errors.get("form:invite", "")),
        rx.form(
            rx.hstack(
                field(
                    "Email",
                    "inviteEmail",
                    type="email",
                    required=True,
                    placeholder="teammate@example.com",
                    error=SettingsState.errors.get("inviteEmail", ""),
                ),
                rx.vstack(
                    rx.el.label(rx.text("Role", size="2", weight="medium"), html_for="field-inviteRole"),
                    rx.select.root(
                        rx.select.trigger(id="field-inviteRole", width="8rem"),
                        rx.select.content(role_select_items()),
                        name="role",
                        default_value="editor",
                    ),
                    rx.cond(
                        SettingsState.errors.get("inviteRole", "") != "",
                        rx.text(SettingsState.errors.get("inviteRole", ""), color_scheme="red", size="1", role="alert"),
                    ),
                    spacing="1",
                    align="start",
                ),
                submit_button("Invite"),
                align="end",
                spacing="3",
                width="100%",
            ),
            on_submit=MembersState.invite,
            key=SettingsState.invite_form,
            width="100%",
            max_width="40rem",
        ),
        rx.vstack(
            rx.foreach(
                SettingsState.roles,
                lambda r: rx.text(rx.text.strong(r["name"]), ": ", r["description"], size="1", color_scheme="gray"),
            ),
            spacing="1",
        ),
    )


def members_tab() -> rx.Component:
    return rx.vstack(
        section(
            "Members",
            rx.cond(
                AuthState.can_manage_members,
                "Change a member's role or remove them from this workspace.",
                "Owners and admins manage members.",
            ),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Name"),
                        rx.table.column_header_cell("Email"),
                        rx.table.column_header_cell("Role"),
                        rx.table.column_header_cell("Joined (UTC)"),
                        rx.cond(
                            AuthState.can_manage_members,
                            rx.table.column_header_cell(screen_reader_only("Actions")),
                        ),
                    )
                ),
                rx.table.body(rx.foreach(SettingsState.members, _member_row)),
                variant="surface",
                width="100%",
            ),
        ),
        rx.cond(
            AuthState.can_manage_members,
            rx.fragment(
                _invite_form(),
                section(
                    "Pending invitations",
                    "Invitations not yet accepted; a link stops working when it expires.",
                    rx.cond(
                        SettingsState.invitations.length() > 0,
                        rx.table.root(
                            rx.table.header(
                                rx.table.row(
                                    rx.table.column_header_cell("Email"),
                                    rx.table.column_header_cell("Role"),
                                    rx.table.column_header_cell("Expires (UTC)"),
                                    rx.table.column_header_cell(screen_reader_only("Action")),
                                )
                            ),
                            rx.table.body(rx.foreach(SettingsState.invitations, _invitation_row)),
                            variant="surface",
                            width="100%",
                        ),
                        rx.text("No pending invitations.", size="2", color_scheme="gray"),
                    ),
                ),
            ),
        ),
        spacing="4",
        width="100%",
    )
