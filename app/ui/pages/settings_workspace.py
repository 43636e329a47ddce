"""Settings → Workspace: this workspace's name, the caller's workspaces, and a new one."""

from __future__ import annotations

import reflex as rx
from pydantic import ValidationError

from app.models.account import WorkspaceCreate, WorkspaceUpdate
from app.services import accounts
from app.services.errors import ServiceError
from app.ui.components.forms import field, form_error
from app.ui.pages.settings_shared import (
    SettingsState,
    form_errors,
    screen_reader_only,
    section,
    submit_button,
)
from app.ui.state.auth import AuthState


class WorkspaceState(SettingsState):
    @rx.event
    async def rename_workspace(self, form: dict):
        self.errors = {}
        try:
            data = WorkspaceUpdate(name=form.get("workspaceName", ""))
            await self._call(accounts.rename_workspace, data=data)
        except (ServiceError, ValidationError) as exc:
            self.errors = form_errors("form:rename", exc, name="workspaceName")
            return
        await self._reload()
        return rx.toast.success("The workspace is renamed.")

    @rx.event
    async def create_workspace(self, form: dict):
        self.errors = {}
        try:
            data = WorkspaceCreate(name=form.get("newWorkspaceName", ""))
            created = await self._call(accounts.create_workspace, data=data)
        except (ServiceError, ValidationError) as exc:
            self.errors = form_errors("form:create-workspace", exc, name="newWorkspaceName")
            return
        self.create_workspace_form += 1
        return [rx.toast.success(f"Created {created.name}."), AuthState.switch_workspace(created.id)]


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


def workspace_tab() -> rx.Component:
    return rx.vstack(
        section(
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
                            submit_button("Rename"),
                            align="end",
                            spacing="3",
                            width="100%",
                        ),
                        on_submit=WorkspaceState.rename_workspace,
                        width="100%",
                        max_width="32rem",
                    ),
                ),
            ),
        ),
        section(
            "Your workspaces",
            "Each workspace has its own members, data and keys. Switching changes what the dashboard shows.",
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Workspace"),
                        rx.table.column_header_cell("Your role"),
                        rx.table.column_header_cell(screen_reader_only("Action")),
                    )
                ),
                rx.table.body(rx.foreach(AuthState.workspaces, _workspace_row)),
                variant="surface",
                width="100%",
            ),
        ),
        section(
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
                    submit_button("Create workspace"),
                    align="end",
                    spacing="3",
                    width="100%",
                ),
                on_submit=WorkspaceState.create_workspace,
                key=SettingsState.create_workspace_form,
                width="100%",
                max_width="32rem",
            ),
        ),
        spacing="4",
        width="100%",
    )
