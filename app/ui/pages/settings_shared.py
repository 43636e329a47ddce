"""What the tabs of /settings share: the page's state (every tab's data, loaded in one unit of
work off the event loop), its helpers, and the pieces its tabs are built of.

Who may do what is decided by the services (they raise PermissionDenied); the page only
hides the controls that AuthState.permissions says the caller cannot use.
"""

from __future__ import annotations

from datetime import UTC, date, datetime, time
from typing import NamedTuple, TypeVar

import reflex as rx
from pydantic import ValidationError

from app.models.account import ApiKeyPublic, MePublic, RolesPublic, TeamPublic
from app.services import accounts, api_keys, team
from app.services.access import Permission, Principal
from app.services.errors import AuthenticationFailed, FieldError, ServiceError, ValidationFailed
from app.ui import formatting
from app.ui.pages.settings_audit import AuditState
from app.ui.state.auth import AuthState, login_url
from app.ui.state.errors import field_errors

ROUTE = "/settings"

T = TypeVar("T")


def when(moment: datetime | None, empty: str = "never") -> str:
    return formatting.when(moment, empty=empty)


def form_errors(form: str, exc: ServiceError | ValidationError, **renamed: str) -> dict[str, str]:
    """Field messages keyed by input name (schema names renamed where the page's inputs differ),
    plus the message for the whole form under `form`."""
    message, fields = field_errors(exc)
    errors = {renamed.get(name, name): text for name, text in fields.items()}
    errors[form] = message
    return errors


def end_of_day_utc(value: str) -> datetime | None:
    """A date input's "YYYY-MM-DD" as 23:59:59 UTC of that day; None when left empty."""
    if not value:
        return None
    try:
        day = date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed("Invalid expiry", [FieldError("expiresAt", "is not a date")]) from None
    return datetime.combine(day, time(23, 59, 59), tzinfo=UTC)


class SettingsData(NamedTuple):
    user_id: str
    me: MePublic
    team: TeamPublic
    roles: RolesPublic
    keys: list[ApiKeyPublic]


def settings_data(*, session, principal: Principal) -> SettingsData:
    """Every tab's data in one unit of work (the keys only for those who manage them)."""
    keys = (
        api_keys.list_api_keys(session=session, principal=principal)
        if principal.can(Permission.manage_api_keys)
        else []
    )
    return SettingsData(
        principal.user_id,
        accounts.me(session=session, principal=principal),
        team.get_team(session=session, principal=principal),
        team.list_roles(),
        keys,
    )


class SettingsState(AuthState):
    """The data of the account, workspace, members and API keys tabs; each tab's own state
    (settings_<tab>.py) holds its actions."""

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

    def _apply(self, data: SettingsData) -> None:
        """Every tab's data as plain strings."""
        self._apply_me(data.me)
        self.my_user_id = data.user_id
        self.profile_name = data.me.name
        self.members = [
            {
                "user_id": m.user_id,
                "name": m.name or "—",
                "email": m.email,
                "role": m.role,
                "joined": when(m.joined_at, ""),
            }
            for m in data.team.members
        ]
        self.invitations = [
            {"id": i.id, "email": i.email, "role": i.role, "expires": when(i.expires_at, "")}
            for i in data.team.invitations
        ]
        # Lowest role first, so the list reads viewer, editor, admin, owner.
        self.roles = [{"id": r.id, "name": r.name, "description": r.description} for r in reversed(data.roles.roles)]
        self.api_keys = [
            {
                "id": k.id,
                "name": k.name,
                "prefix": f"{k.prefix}…",
                "created": when(k.created_at),
                "last_used": when(k.last_used_at),
                "expires": when(k.expires_at),
            }
            for k in data.keys
        ]

    async def _reload(self) -> None:
        """Every tab's data again, after a change; a failure shows above the tabs."""
        try:
            self._apply(await self._call(settings_data))
            self.error = ""
        except ServiceError as exc:
            self.error = str(exc)

    @rx.event
    async def load(self):
        """on_load: fill every tab; secrets shown once are not shown again."""
        self.errors = {}
        self.invite_url = self.invite_email = self.new_key = self.new_key_name = ""
        try:
            self._apply(await self._call(settings_data))
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


# ---- pieces the tabs are built of ---------------------------------------------------


def section(title: str, description: str | rx.Var, *children: rx.Component) -> rx.Component:
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


def screen_reader_only(text: str) -> rx.Component:
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


def submit_button(label: str, **props) -> rx.Component:
    return rx.button(label, type="submit", **props)


def confirm(trigger_label: str, aria_label: rx.Var | str, title: str, description, action_label: str, on_confirm):
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


def shown_once(title: str, explanation: str, secret: rx.Var, copy_label: str, on_dismiss) -> rx.Component:
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


def role_select_items() -> rx.Component:
    return rx.foreach(SettingsState.roles, lambda r: rx.select.item(r["name"], value=r["id"]))
