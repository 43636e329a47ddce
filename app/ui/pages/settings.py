"""/settings: the signed-in user's account, the workspace, its members, its API keys, its models
and its audit log, one tab each (settings_<tab>.py; what they share is in settings_shared.py)."""

from __future__ import annotations

import reflex as rx

from app.ui.components.forms import form_error
from app.ui.components.layout import page_header, shell
from app.ui.pages.settings_account import account_tab
from app.ui.pages.settings_api_keys import api_keys_tab
from app.ui.pages.settings_audit import AuditState, audit_tab
from app.ui.pages.settings_members import members_tab
from app.ui.pages.settings_models import models_tab
from app.ui.pages.settings_shared import ROUTE, SettingsState
from app.ui.pages.settings_workspace import workspace_tab


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
                rx.tabs.content(account_tab(), value="account"),
                rx.tabs.content(workspace_tab(), value="workspace"),
                rx.tabs.content(members_tab(), value="members"),
                rx.tabs.content(api_keys_tab(), value="api-keys"),
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
