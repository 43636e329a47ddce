"""Settings → Audit log: sign-ins, API keys, member changes and deletions, for owners and admins."""

from __future__ import annotations

import reflex as rx

from app.models.audit import AuditEventPublic
from app.services import audit
from app.services.access import Permission, Principal
from app.services.errors import ServiceError
from app.services.pagination import PageParams, Paginated
from app.ui.components.forms import form_error
from app.ui.formatting import when
from app.ui.state.auth import AuthState

PAGE_SIZE = 25
ALL = "all"


def _row(event: AuditEventPublic) -> dict[str, str]:
    actor = event.actor_email or "—"
    if event.actor_api_key_id:
        actor += " (API key)"
    target = f"{event.target_type}: {event.target_name or event.target_id}" if event.target_type else "—"
    return {
        "id": event.id,
        "time": when(event.created_at, seconds=True),
        "actor": actor,
        "action": event.action,
        "target": target,
        "ip": event.ip or "—",
    }


def events_page(*, session, principal: Principal, page: int, action: str | None) -> Paginated[AuditEventPublic] | None:
    """One page of the log, or None when the caller's role may not read it."""
    if not principal.can(Permission.read_audit_log):
        return None
    return audit.list_events(
        session=session, principal=principal, params=PageParams(page=page, limit=PAGE_SIZE), action=action
    )


class AuditState(AuthState):
    # One page of the log, as plain strings.
    rows: list[dict[str, str]] = []
    action_filter: str = ALL
    page: int = 1
    pages: int = 1
    total: int = 0
    error: str = ""

    @rx.var
    def can_read_audit_log(self) -> bool:
        return Permission.read_audit_log.value in self.permissions

    @rx.event
    async def load(self):
        try:
            result = await self._call(
                events_page, page=self.page, action=None if self.action_filter == ALL else self.action_filter
            )
        except ServiceError as exc:
            self.error = str(exc)
            return
        self.error = ""
        if result is None:  # not for this caller's role: the tab says so instead
            self.rows, self.total, self.pages = [], 0, 1
            return
        self.total, self.pages = result.pagination.total, max(1, result.pagination.pages)
        self.rows = [_row(event) for event in result.data]

    @rx.event
    def filter_action(self, action: str):
        self.action_filter, self.page = action, 1
        return AuditState.load

    @rx.event
    def go_to_page(self, page: int):
        self.page = min(max(1, page), self.pages)
        return AuditState.load


def _event_row(row: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(row["time"], white_space="nowrap"),
        rx.table.cell(row["actor"]),
        rx.table.cell(rx.code(row["action"], variant="ghost")),
        rx.table.cell(row["target"]),
        rx.table.cell(row["ip"]),
    )


def audit_tab() -> rx.Component:
    return rx.cond(
        AuditState.can_read_audit_log,
        rx.vstack(
            form_error(AuditState.error),
            rx.hstack(
                rx.el.label(rx.text("Action", size="2", weight="medium"), html_for="audit-action"),
                rx.select.root(
                    rx.select.trigger(id="audit-action", aria_label="Filter by action", width="14rem"),
                    rx.select.content(
                        rx.select.item("All actions", value=ALL),
                        *[rx.select.item(action, value=action) for action in audit.ACTIONS],
                    ),
                    value=AuditState.action_filter,
                    on_change=AuditState.filter_action,
                    size="2",
                ),
                rx.spacer(),
                rx.button(rx.icon("refresh-cw", size=14), "Refresh", variant="soft", on_click=AuditState.load),
                align="center",
                spacing="3",
                width="100%",
            ),
            rx.cond(
                AuditState.rows.length() > 0,
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            *[rx.table.column_header_cell(h) for h in ("Time (UTC)", "Actor", "Action", "Target", "IP")]
                        )
                    ),
                    rx.table.body(rx.foreach(AuditState.rows, _event_row)),
                    variant="surface",
                    width="100%",
                ),
                rx.text("Nothing recorded yet.", size="2", color_scheme="gray"),
            ),
            rx.hstack(
                rx.button(
                    "Previous",
                    variant="soft",
                    on_click=AuditState.go_to_page(AuditState.page - 1),
                    disabled=AuditState.page <= 1,
                ),
                rx.text(f"Page {AuditState.page} of {AuditState.pages} · {AuditState.total} events", size="2"),
                rx.button(
                    "Next",
                    variant="soft",
                    on_click=AuditState.go_to_page(AuditState.page + 1),
                    disabled=AuditState.page >= AuditState.pages,
                ),
                align="center",
                spacing="3",
            ),
            spacing="4",
            width="100%",
        ),
        rx.callout("Owners and admins read the audit log.", icon="info", width="100%"),
    )
