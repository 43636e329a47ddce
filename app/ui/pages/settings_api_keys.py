"""Settings → API keys: the workspace's keys for scripts and CI (owners and admins)."""

from __future__ import annotations

import reflex as rx
from pydantic import ValidationError

from app.models.account import ApiKeyCreate
from app.services import api_keys
from app.services.errors import ServiceError
from app.ui.components.forms import field, form_error
from app.ui.pages.settings_shared import (
    SettingsState,
    confirm,
    end_of_day_utc,
    form_errors,
    screen_reader_only,
    section,
    shown_once,
    submit_button,
)
from app.ui.state.auth import AuthState


class ApiKeysState(SettingsState):
    @rx.event
    async def create_key(self, form: dict):
        self.errors = {}
        self.new_key = self.new_key_name = ""
        try:
            data = ApiKeyCreate(name=form.get("keyName", ""), expires_at=end_of_day_utc(form.get("expiresAt", "")))
            created = await self._call(api_keys.create_api_key, data=data)
        except (ServiceError, ValidationError) as exc:
            self.errors = form_errors("form:key", exc, name="keyName")
            return
        self.new_key, self.new_key_name = created.key, created.name
        self.key_form += 1
        await self._reload()

    @rx.event
    def dismiss_new_key(self):
        self.new_key = self.new_key_name = ""

    @rx.event
    async def revoke_key(self, key_id: str):
        try:
            await self._call(api_keys.revoke_api_key, key_id=key_id)
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        await self._reload()
        return rx.toast.success("The API key is revoked.")


def _key_row(key: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.row_header_cell(key["name"]),
        rx.table.cell(rx.code(key["prefix"])),
        rx.table.cell(key["created"]),
        rx.table.cell(key["last_used"]),
        rx.table.cell(key["expires"]),
        rx.table.cell(
            confirm(
                "Revoke",
                "Revoke the key " + key["name"],
                "Revoke this API key?",
                rx.text(
                    "Scripts and CI jobs using ",
                    rx.text.strong(key["name"]),
                    " stop working at once. This cannot be undone.",
                ),
                "Revoke key",
                ApiKeysState.revoke_key(key["id"]),
            )
        ),
    )


def api_keys_tab() -> rx.Component:
    return rx.cond(
        AuthState.can_manage_api_keys,
        rx.vstack(
            section(
                "Create an API key",
                "A key acts in this workspace with your role. Send it as a bearer token to the REST API.",
                rx.cond(
                    SettingsState.new_key != "",
                    shown_once(
                        "New key: " + SettingsState.new_key_name,
                        "Copy it now and keep it somewhere safe: it will not be shown again.",
                        SettingsState.new_key,
                        "Copy the API key",
                        ApiKeysState.dismiss_new_key,
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
                        submit_button("Create key"),
                        align="end",
                        spacing="3",
                        width="100%",
                    ),
                    on_submit=ApiKeysState.create_key,
                    key=SettingsState.key_form,
                    width="100%",
                    max_width="40rem",
                ),
                rx.text(
                    "A key with an expiry date works until 23:59:59 UTC of that day.", size="1", color_scheme="gray"
                ),
            ),
            section(
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
                                rx.table.column_header_cell(screen_reader_only("Action")),
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
