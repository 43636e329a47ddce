"""Settings → Account: the signed-in user's name and password."""

from __future__ import annotations

import reflex as rx
from pydantic import ValidationError

from app.models.account import ProfileUpdate
from app.services import accounts
from app.services.errors import ServiceError
from app.ui.components.forms import field, form_error
from app.ui.pages.settings_shared import SettingsState, form_errors, section, submit_button
from app.ui.state.auth import AuthState


class AccountState(SettingsState):
    @rx.event
    async def save_profile(self, form: dict):
        self.errors = {}
        try:
            data = ProfileUpdate(name=form.get("profileName", ""))
            await self._call(accounts.update_profile, data=data)
        except (ServiceError, ValidationError) as exc:
            self.errors = form_errors("form:profile", exc, name="profileName")
            return
        await self._reload()
        return rx.toast.success("Your name is saved.")

    @rx.event
    async def change_password(self, form: dict):
        self.errors, self.saving_password = {}, True
        yield
        try:
            data = ProfileUpdate(
                current_password=form.get("currentPassword", ""), new_password=form.get("newPassword", "")
            )
            # argon2 is deliberately slow: the worker thread of _call keeps it off the event loop.
            user = await self._call(accounts.update_profile, data=data)
        except (ServiceError, ValidationError) as exc:
            self.errors = form_errors("form:password", exc)
            self.saving_password = False
            return
        self.saving_password = False
        self.password_form += 1
        # The change ended every token of the account, this tab's too: sign this tab in again.
        yield await self._sign_in(user.email, data.new_password or "", self._current_path())


def account_tab() -> rx.Component:
    return rx.vstack(
        section(
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
                    submit_button("Save name"),
                    spacing="3",
                    align="start",
                    width="100%",
                ),
                on_submit=AccountState.save_profile,
                width="100%",
                max_width="28rem",
            ),
        ),
        section(
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
                    submit_button("Change password", loading=SettingsState.saving_password),
                    spacing="3",
                    align="start",
                    width="100%",
                ),
                on_submit=AccountState.change_password,
                key=SettingsState.password_form,
                width="100%",
                max_width="28rem",
            ),
        ),
        spacing="4",
        width="100%",
    )
