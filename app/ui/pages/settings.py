"""/settings: the signed-in user's account, the workspace, its members and its API keys.

Who may do what is decided by the services (they raise PermissionDenied); the page only
hides the controls that AuthState.permissions says the caller cannot use.
"""

from __future__ import annotations

import asyncio
from datetime import UTC, date, datetime, time

import reflex as rx
from pydantic import ValidationError

from app.db import session_scope
from app.models.account import (
    ApiKeyCreate,
    InvitationCreate,
    MemberUpdate,
    ProfileUpdate,
    WorkspaceCreate,
    WorkspaceUpdate,
)
from app.services import accounts, api_keys, team
from app.services.errors import AuthenticationFailed, FieldError, ServiceError, ValidationFailed
from app.ui.components.forms import field, form_error
from app.ui.components.layout import page_header, shell
from app.ui.pages.settings_audit import AuditState, audit_tab
from app.ui.pages.settings_models import models_tab
from app.ui.state.auth import AuthState, login_url
from app.ui.state.errors import field_errors

ROUTE = "/settings"


def _when(moment: datetime | None, empty: str = "never") -> str:
    return moment.astimezone(UTC).strftime("%Y-%m-%d %H:%M") if moment else empty


def _errors(form: str, exc: ServiceError | ValidationError, **renamed: str) -> dict[str, str]:
    """Field messages keyed by input name (schema names renamed where the page's inputs differ),
    plus the message for the whole form under `form`."""
    message, fields = field_errors(exc)
    errors = {renamed.get(name, name): text for name, text in fields.items()}
    errors[form] = message
    return errors


def _end_of_day_utc(value: str) -> datetime | None:
    """A date input's "YYYY-MM-DD" as 23:59:59 UTC of that day; None when left empty."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed("Invalid expiry", [FieldError("expiresAt", "is not a date")]) from None
    return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)


class SettingsState(AuthState):
    tab: str = "account"
    error: str = ""
    errors: dict[str, str] = {}
    my_user_id: str = ""
    profile_name: str = ""
    members: list[dict[str, str]] = []
    invitations: list[dict[str, str]] = []
    roles: list[dict[str, str]] = []
    api_keys: list[dict[str, str]] = []
    # Shown once, right after creation; cleared when dismissed or the page is opened again.
    invite_url: str = ""
    invite_email: str = ""
    new_key: str = ""
    new_key_name: str = ""
    # Bumped after a successful submit, to remount (and so empty) that form.
    password_form: int = 0
    create_workspace_form: int = 0
    invite_form: int = 0
    key_form: int = 0
    saving_password: bool = False

    @rx.var
    def can_manage_workspace(self) -> bool:
        return "manage_workspace" in self.permissions

    def _refresh(self) -> None:
        """Every tab's data, from the services, as plain strings."""
        principal = self._principal()
        with session_scope() as session:
            me = accounts.me(session=session, principal=principal)
            workspace_team = team.get_team(session=session, principal=principal)
            self._apply_me(me)
            keys = (
                api_keys.list_api_keys(session=session, principal=principal)
                if "manage_api_keys" in self.permissions
                else []
            )
        self.my_user_id = principal.user_id
        self.profile_name = me.name
        self.members = [
            {
                "user_id": m.user_id,
                "name": m.name or "—",
                "email": m.email,
                "role": m.role,
                "joined": _when(m.joined_at, ""),
            }
            for m in workspace_team.members
        ]
        self.invitations = [
            {"id": i.id, "email": i.email, "role": i.role, "expires": _when(i.expires_at, "")}
            for i in workspace_team.invitations
        ]
        # Lowest role first, so the list reads viewer, editor, admin, owner.
        self.roles = [
            {"id": r.id, "name": r.name, "description": r.description} for r in reversed(team.list_roles().roles)
        ]
        self.api_keys = [
            {
                "id": k.id,
                "name": k.name,
                "prefix": f"{k.prefix}…",
                "created": _when(k.created_at),
                "last_used": _when(k.last_used_at),
                "expires": _when(k.expires_at),
            }
            for k in keys
        ]

    def _reload(self) -> None:
        try:
            self._refresh()
            self.error = ""
        except ServiceError as exc:
            self.error = str(exc)

    @rx.event
    def load(self):
        """on_load: fill every tab; secrets shown once are not shown again."""
        self.errors = {}
        self.invite_url = self.invite_email = self.new_key = self.new_key_name = ""
        try:
            self._refresh()
            self.error = ""
        except AuthenticationFailed:
            self._sign_out()
            return rx.redirect(login_url(self._current_path()))
        except ServiceError as exc:
            self.error = str(exc)

    @rx.event
    def set_tab(self, tab: str):
        self.tab = tab
        if tab == "audit":  # the log moves while the page is open
            return AuditState.load

    # ---- Account --------------------------------------------------------------------

    @rx.event
    def save_profile(self, form: dict):
        self.errors = {}
        try:
            data = ProfileUpdate(name=form.get("profileName", ""))
            principal = self._principal()
            with session_scope() as session:
                accounts.update_profile(session=session, principal=principal, data=data)
        except (ServiceError, ValidationError) as exc:
            self.errors = _errors("form:profile", exc, name="profileName")
            return
        self._reload()
        return rx.toast.success("Your name is saved.")

    @rx.event
    async def change_password(self, form: dict):
        self.errors, self.saving_password = {}, True
        yield
        try:
            data = ProfileUpdate(
                current_password=form.get("currentPassword", ""), new_password=form.get("newPassword", "")
            )
            principal = self._principal()

            def _update() -> None:
                with session_scope() as session:
                    accounts.update_profile(session=session, principal=principal, data=data)

            # argon2 is deliberately slow: keep it off the event loop.
            await asyncio.to_thread(_update)
        except (ServiceError, ValidationError) as exc:
            self.errors = _errors("form:password", exc)
            self.saving_password = False
            return
        self.saving_password = False
        self.password_form += 1
        # The change ended every token of the account, this tab's too: sign this tab in again.
        yield await self._sign_in(principal.email, data.new_password or "", self._current_path())

    # ---- Workspace ------------------------------------------------------------------

    @rx.event
    def rename_workspace(self, form: dict):
        self.errors = {}
        try:
            data = WorkspaceUpdate(name=form.get("workspaceName", ""))
            principal = self._principal()
            with session_scope() as session:
                accounts.rename_workspace(session=session, principal=principal, data=data)
        except (ServiceError, ValidationError) as exc:
            self.errors = _errors("form:rename", exc, name="workspaceName")
            return
        self._reload()
        return rx.toast.success("The workspace is renamed.")

    @rx.event
    def create_workspace(self, form: dict):
        self.errors = {}
        try:
            data = WorkspaceCreate(name=form.get("newWorkspaceName", ""))
            principal = self._principal()
            with session_scope() as session:
                created = accounts.create_workspace(session=session, principal=principal, data=data)
        except (ServiceError, ValidationError) as exc:
            self.errors = _errors("form:create-workspace", exc, name="newWorkspaceName")
            return
        self.create_workspace_form += 1
        return [rx.toast.success(f"Created {created.name}."), AuthState.switch_workspace(created.id)]

    # ---- Members --------------------------------------------------------------------

    @rx.event
    def invite(self, form: dict):
        self.errors = {}
        self.invite_url = self.invite_email = ""
        try:
            data = InvitationCreate(email=form.get("inviteEmail", ""), role=form.get("role") or "editor")
            principal = self._principal()
            with session_scope() as session:
                # The link points where this admin reaches the dashboard.
                created = team.invite_member(
                    session=session, principal=principal, data=data
                )
        except (ServiceError, ValidationError) as exc:
            self.errors = _errors("form:invite", exc, email="inviteEmail", role="inviteRole")
            return
        self.invite_url, self.invite_email = created.invite_url, created.email
        self.invite_form += 1
        self._reload()

    @rx.event
    def dismiss_invite_url(self):
        self.invite_url = self.invite_email = ""

    @rx.event
    def change_role(self, user_id: str, role: str):
        try:
            data = MemberUpdate(role=role)
            principal = self._principal()
            with session_scope() as session:
                member = team.change_role(session=session, principal=principal, user_id=user_id, data=data)
        except (ServiceError, ValidationError) as exc:
            self._reload()
            return rx.toast.error(field_errors(exc)[0])
        self._reload()
        return rx.toast.success(f"{member.name or member.email} is now {member.role}.")

    @rx.event
    def remove_member(self, user_id: str):
        try:
            principal = self._principal()
            with session_scope() as session:
                team.remove_member(session=session, principal=principal, user_id=user_id)
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        self._reload()
        return rx.toast.success("The member is removed.")

    @rx.event
    def withdraw_invitation(self, invitation_id: str):
        try:
            principal = self._principal()
            with session_scope() as session:
                team.revoke_invitation(session=session, principal=principal, invitation_id=invitation_id)
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        self._reload()
        return rx.toast.success("The invitation is withdrawn.")

    # ---- API keys -------------------------------------------------------------------

    @rx.event
    def create_key(self, form: dict):
        self.errors = {}
        self.new_key = self.new_key_name = ""
        try:
            data = ApiKeyCreate(name=form.get("keyName", ""), expires_at=_end_of_day_utc(form.get("expiresAt", "")))
            principal = self._principal()
            with session_scope() as session:
                created = api_keys.create_api_key(session=session, principal=principal, data=data)
        except (ServiceError, ValidationError) as exc:
            self.errors = _errors("form:key", exc, name="keyName")
            return
        self.new_key, self.new_key_name = created.key, created.name
        self.key_form += 1
        self._reload()

    @rx.event
    def dismiss_new_key(self):
        self.new_key = self.new_key_name = ""

    @rx.event
    def revoke_key(self, key_id: str):
        try:
            principal = self._principal()
            with session_scope() as session:
                api_keys.revoke_api_key(session=session, principal=principal, key_id=key_id)
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        self._reload()
        return rx.toast.success("The API key is revoked.")


# ---- pieces ---------------------------------------------------------------------------


def _section(title: str, description: str | rx.Var, *children: rx.Component) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(title, size="4", as_="h2"),
            rx.text(description, size="2", color_scheme="gray"),
            *children,
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _screen_reader_only(text: str) -> rx.Component:
    """A column name read out to screen readers; the buttons under it say what they do."""
    return rx.el.span(
        text,
        position="absolute",
        width="1px",
        height="1px",
        overflow="hidden",
        clip="rect(0 0 0 0)",
        white_space="nowrap",
    )


def _submit(label: str, **props) -> rx.Component:
    return rx.button(label, type="submit", **props)


def _confirm(trigger_label: str, aria_label: rx.Var | str, title: str, description, action_label: str, on_confirm):
    """A destructive button that asks first."""
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(trigger_label, color_scheme="red", variant="soft", size="1", aria_label=aria_label),
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(title),
            rx.alert_dialog.description(description, size="2"),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button("Cancel", variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(rx.button(action_label, color_scheme="red", on_click=on_confirm)),
                spacing="3",
                justify="end",
                margin_top="1rem",
            ),
            max_width="28rem",
        ),
    )


def _shown_once(title: str, explanation: str, secret: rx.Var, copy_label: str, on_dismiss) -> rx.Component:
    """A secret the server keeps only as a hash: shown now, with a copy button, and never again."""
    return rx.callout.root(
        rx.callout.icon(rx.icon("key-round")),
        rx.vstack(
            rx.text(title, weight="bold", size="2"),
            rx.text(explanation, size="2"),
            rx.hstack(
                rx.code(secret, size="2", word_break="break-all", flex="1"),
                rx.button(
                    rx.icon("copy", size=14),
                    "Copy",
                    size="1",
                    variant="soft",
                    aria_label=copy_label,
                    type="button",
                    on_click=[rx.set_clipboard(secret), rx.toast.success("Copied to the clipboard.")],
                ),
                align="center",
                width="100%",
            ),
            rx.button("Done", size="1", variant="ghost", on_click=on_dismiss, type="button"),
            spacing="2",
            align="start",
            width="100%",
        ),
        color_scheme="amber",
        role="status",
        width="100%",
    )


def _role_select_items() -> rx.Component:
    return rx.foreach(SettingsState.roles, lambda r: rx.select.item(r["name"], value=r["id"]))


# ---- Account ---------------------------------------------------------------------------


def _account_tab() -> rx.Component:
    return rx.vstack(
        _section(
            "Profile",
            "The name your teammates see. You sign in as " + AuthState.user_email + ".",
            form_error(SettingsState.errors.get("form:profile", "")),
            rx.form(
                rx.vstack(
                    field(
                        "Name",
                        "profileName",
                        default_value=SettingsState.profile_name,
                        key=SettingsState.profile_name,
                        error=SettingsState.errors.get("profileName", ""),
                    ),
                    _submit("Save name"),
                    spacing="3",
                    align="start",
                    width="100%",
                ),
                on_submit=SettingsState.save_profile,
                width="100%",
                max_width="28rem",
            ),
        ),
        _section(
            "Password",
            "Changing your password needs the current one.",
            form_error(SettingsState.errors.get("form:password", "")),
            rx.form(
                rx.vstack(
                    field(
                        "Current password",
                        "currentPassword",
                        type="password",
                        required=True,
                        auto_complete="current-password",
                        error=SettingsState.errors.get("currentPassword", ""),
                    ),
                    field(
                        "New password",
                        "newPassword",
                        type="password",
                        required=True,
                        placeholder="At least 12 characters, not a common one",
                        auto_complete="new-password",
                        error=SettingsState.errors.get("newPassword", ""),
                    ),
                    _submit("Change password", loading=SettingsState.saving_password),
                    spacing="3",
                    align="start",
                    width="100%",
                ),
                on_submit=SettingsState.change_password,
                key=SettingsState.password_form,
                width="100%",
                max_width="28rem",
            ),
        ),
        spacing="4",
        width="100%",
    )


# ---- Workspace -------------------------------------------------------------------------


def _workspace_row(workspace: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(workspace["name"]),
        rx.table.cell(rx.badge(workspace["role"], variant="soft")),
        rx.table.cell(
            rx.cond(
                workspace["id"] == AuthState.workspace_id,
                rx.badge("Current", color_scheme="green", variant="surface"),
                rx.button(
                    "Switch",
                    size="1",
                    variant="soft",
                    aria_label="Switch to " + workspace["name"],
                    on_click=AuthState.switch_workspace(workspace["id"]),
                ),
            )
        ),
    )


def _workspace_tab() -> rx.Component:
    return rx.vstack(
        _section(
            "This workspace",
            rx.cond(
                SettingsState.can_manage_workspace,
                "Everything here (personas, agents, sessions, members and keys) belongs to this workspace.",
                "Only owners and admins can rename the workspace.",
            ),
            rx.hstack(
                rx.text("Name:", size="2", color_scheme="gray"),
                rx.text(AuthState.workspace_name, size="2", weight="bold"),
                rx.badge("Your role: " + AuthState.role, variant="soft"),
                align="center",
                spacing="2",
            ),
            rx.cond(
                SettingsState.can_manage_workspace,
                rx.fragment(
                    form_error(SettingsState.errors.get("form:rename", "")),
                    rx.form(
                        rx.hstack(
                            field(
                                "Workspace name",
                                "workspaceName",
                                required=True,
                                default_value=AuthState.workspace_name,
                                key=AuthState.workspace_name,
                                error=SettingsState.errors.get("workspaceName", ""),
                            ),
                            _submit("Rename"),
                            align="end",
                            spacing="3",
                            width="100%",
                        ),
                        on_submit=SettingsState.rename_workspace,
                        width="100%",
                        max_width="32rem",
                    ),
                ),
            ),
        ),
        _section(
            "Your workspaces",
            "Each workspace has its own members, data and keys. Switching changes what the dashboard shows.",
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Workspace"),
                        rx.table.column_header_cell("Your role"),
                        rx.table.column_header_cell(_screen_reader_only("Action")),
                    )
                ),
                rx.table.body(rx.foreach(AuthState.workspaces, _workspace_row)),
                variant="surface",
                width="100%",
            ),
        ),
        _section(
            "Create a workspace",
            "You will own it, and the dashboard will switch to it.",
            form_error(SettingsState.errors.get("form:create-workspace", "")),
            rx.form(
                rx.hstack(
                    field(
                        "Name of the new workspace",
                        "newWorkspaceName",
                        required=True,
                        placeholder="Acme QA",
                        error=SettingsState.errors.get("newWorkspaceName", ""),
                    ),
                    _submit("Create workspace"),
                    align="end",
                    spacing="3",
                    width="100%",
                ),
                on_submit=SettingsState.create_workspace,
                key=SettingsState.create_workspace_form,
                width="100%",
                max_width="32rem",
            ),
        ),
        spacing="4",
        width="100%",
    )


# ---- Members ---------------------------------------------------------------------------


def _member_role(member: rx.Var) -> rx.Component:
    return rx.cond(
        AuthState.can_manage_members,
        rx.select.root(
            rx.select.trigger(aria_label="Role of " + member["email"], variant="soft"),
            rx.select.content(_role_select_items()),
            value=member["role"],
            on_change=lambda role: SettingsState.change_role(member["user_id"], role),
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
                _confirm(
                    "Remove",
                    "Remove " + member["email"],
                    "Remove this member?",
                    rx.text(
                        member["email"],
                        " loses access to this workspace at once. You can invite them again later.",
                    ),
                    "Remove member",
                    SettingsState.remove_member(member["user_id"]),
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
                on_click=SettingsState.withdraw_invitation(invitation["id"]),
            )
        ),
    )


def _invite_form() -> rx.Component:
    return _section(
        "Invite a member",
        "They receive the role you pick once they open the link signed in with this email.",
        rx.cond(
            SettingsState.invite_url != "",
            _shown_once(
                "Invitation link for " + SettingsState.invite_email,
                "Send this link to them yourself. It is shown only now: "
                "if it is lost, withdraw the invitation and invite again.",
                SettingsState.invite_url,
                "Copy the invitation link",
                SettingsState.dismiss_invite_url,
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
                        rx.select.content(_role_select_items()),
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
                _submit("Invite"),
                align="end",
                spacing="3",
                width="100%",
            ),
            on_submit=SettingsState.invite,
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


def _members_tab() -> rx.Component:
    return rx.vstack(
        _section(
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
                            rx.table.column_header_cell(_screen_reader_only("Actions")),
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
                _section(
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
                                    rx.table.column_header_cell(_screen_reader_only("Action")),
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


# ---- API keys --------------------------------------------------------------------------


def _key_row(key: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(key["name"]),
        rx.table.cell(rx.code(key["prefix"])),
        rx.table.cell(key["created"]),
        rx.table.cell(key["last_used"]),
        rx.table.cell(key["expires"]),
        rx.table.cell(
            _confirm(
                "Revoke",
                "Revoke the key " + key["name"],
                "Revoke this API key?",
                rx.text(
                    "Scripts and CI jobs using ",
                    rx.text.strong(key["name"]),
                    " stop working at once. This cannot be undone.",
                ),
                "Revoke key",
                SettingsState.revoke_key(key["id"]),
            )
        ),
    )


def _api_keys_tab() -> rx.Component:
    return rx.cond(
        AuthState.can_manage_api_keys,
        rx.vstack(
            _section(
                "Create an API key",
                "A key acts in this workspace with your role. Send it as a bearer token to the REST API.",
                rx.cond(
                    SettingsState.new_key != "",
                    _shown_once(
                        "New key: " + SettingsState.new_key_name,
                        "Copy it now and keep it somewhere safe: it will not be shown again.",
                        SettingsState.new_key,
                        "Copy the API key",
                        SettingsState.dismiss_new_key,
                    ),
                ),
                form_error(SettingsState.errors.get("form:key", "")),
                rx.form(
                    rx.hstack(
                        field(
                            "Name",
                            "keyName",
                            required=True,
                            placeholder="CI pipeline",
                            error=SettingsState.errors.get("keyName", ""),
                        ),
                        field(
                            "Expires on (optional)",
                            "expiresAt",
                            type="date",
                            error=SettingsState.errors.get("expiresAt", ""),
                        ),
                        _submit("Create key"),
                        align="end",
                        spacing="3",
                        width="100%",
                    ),
                    on_submit=SettingsState.create_key,
                    key=SettingsState.key_form,
                    width="100%",
                    max_width="40rem",
                ),
                rx.text(
                    "A key with an expiry date works until 23:59:59 UTC of that day.", size="1", color_scheme="gray"
                ),
            ),
            _section(
                "API keys",
                "Keys of this workspace that are not revoked. Times are in UTC.",
                rx.cond(
                    SettingsState.api_keys.length() > 0,
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(
                                rx.table.column_header_cell("Name"),
                                rx.table.column_header_cell("Key"),
                                rx.table.column_header_cell("Created"),
                                rx.table.column_header_cell("Last used"),
                                rx.table.column_header_cell("Expires"),
                                rx.table.column_header_cell(_screen_reader_only("Action")),
                            )
                        ),
                        rx.table.body(rx.foreach(SettingsState.api_keys, _key_row)),
                        variant="surface",
                        width="100%",
                    ),
                    rx.text("No API keys yet.", size="2", color_scheme="gray"),
                ),
            ),
            spacing="4",
            width="100%",
        ),
        rx.callout(
            "Owners and admins manage this workspace's API keys. Ask one of them for a key.",
            icon="info",
            width="100%",
        ),
    )


def settings_page() -> rx.Component:
    return shell(
        page_header(
            "Settings",
            "Your account, this workspace, its members and its API keys.",
            rx.button(
                rx.link(rx.icon("webhook", size=14), "Webhooks", href="/settings/webhooks", underline="none"),
                as_child=True,
                variant="soft",
            ),
        ),
        form_error(SettingsState.error),
        rx.tabs.root(
            rx.tabs.list(
                rx.tabs.trigger("Account", value="account"),
                rx.tabs.trigger("Workspace", value="workspace"),
                rx.tabs.trigger("Members", value="members"),
                rx.tabs.trigger("API keys", value="api-keys"),
                rx.tabs.trigger("Models", value="models"),
                rx.cond(AuditState.can_read_audit_log, rx.tabs.trigger("Audit log", value="audit")),
            ),
            rx.box(
                rx.tabs.content(_account_tab(), value="account"),
                rx.tabs.content(_workspace_tab(), value="workspace"),
                rx.tabs.content(_members_tab(), value="members"),
                rx.tabs.content(_api_keys_tab(), value="api-keys"),
                rx.tabs.content(models_tab(), value="models"),
                rx.tabs.content(audit_tab(), value="audit"),
                padding_top="1.25rem",
                max_width="56rem",
            ),
            value=SettingsState.tab,
            on_change=SettingsState.set_tab,
            width="100%",
        ),
        active=ROUTE,
    )
