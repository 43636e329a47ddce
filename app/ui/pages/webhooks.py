"""/settings/webhooks: the workspace's webhooks (admins), a test delivery, and each
webhook's delivery log."""

from __future__ import annotations

from typing import NamedTuple

import reflex as rx
from pydantic import ValidationError

from app.models.webhook import WEBHOOK_EVENTS, DeliveryPublic, WebhookCreate, WebhookPublic, WebhookUpdate
from app.services import calls, webhooks
from app.services.access import Principal
from app.services.errors import ServiceError
from app.services.pagination import PageParams, Paginated
from app.ui.components.forms import field, form_error
from app.ui.components.layout import page_header, shell
from app.ui.components.library import link_button
from app.ui.formatting import when
from app.ui.state.auth import AuthState
from app.ui.state.errors import field_errors

ROUTE = "/settings/webhooks"
LOG_SIZE = 50
# webhook.test is sent by the Test button whatever the subscription: nothing to tick.
EVENT_NAMES = [name for name in WEBHOOK_EVENTS if name != "webhook.test"]


def _when(moment) -> str:
    return when(moment, seconds=True)


class WebhooksData(NamedTuple):
    listed: Paginated[WebhookPublic]
    counts: dict[str, dict[str, int]]
    log: list[DeliveryPublic]


def webhooks_data(*, session, principal: Principal, log_for: str) -> WebhooksData:
    """The page's data in one unit of work: the webhooks, their delivery counts, and the log of `log_for`."""
    listed = webhooks.list_webhooks(session=session, principal=principal, params=PageParams(limit=100))
    counts = webhooks.delivery_counts(session=session, principal=principal)
    log = (
        webhooks.list_deliveries(
            session=session, principal=principal, webhook_id=log_for, params=PageParams(limit=LOG_SIZE)
        ).data
        if log_for
        else []
    )
    return WebhooksData(listed, counts, log)


class WebhooksState(AuthState):
    hooks: list[dict[str, str]] = []
    chosen_events: list[str] = ["run.completed", "session.failed"]
    errors: dict[str, str] = {}
    form_error: str = ""
    new_secret: str = ""
    log_for: str = ""
    log_url: str = ""
    deliveries: list[dict[str, str]] = []
    form_key: int = 0

    @rx.var
    def can_manage(self) -> bool:
        return "manage_webhooks" in self.permissions

    def _apply(self, data: WebhooksData) -> None:
        listed, counts, log = data
        self.hooks = [
            {"id": h.id, "url": h.url, "description": h.description, "events": ", ".join(h.events),
             "secret": h.secret, "active": "yes" if h.active else "",
             "delivered": str(counts.get(h.id, {}).get("success", 0)),
             "failed": str(counts.get(h.id, {}).get("failed", 0)),
             "pending": str(counts.get(h.id, {}).get("pending", 0))}
            for h in listed.data
        ]  # fmt: skip
        self.deliveries = [
            {"id": d.id, "event": d.event, "status": d.status, "attempts": str(d.attempts),
             "response": str(d.response_status or "—"), "error": d.error or "", "created": _when(d.created_at),
             "next": _when(d.next_attempt_at), "delivered": _when(d.delivered_at)}
            for d in log
        ]  # fmt: skip

    async def _refresh(self) -> None:
        self._apply(await self._call(webhooks_data, log_for=self.log_for))

    @rx.event
    async def load(self):
        self.new_secret, self.form_error, self.errors = "", "", {}
        if not self.can_manage:
            return
        try:
            await self._refresh()
        except ServiceError as exc:
            return rx.toast.error(str(exc))

    @rx.event
    def toggle_event(self, name: str, checked: bool):
        rest = [e for e in self.chosen_events if e != name]
        self.chosen_events = [*rest, name] if checked else rest

    @rx.event
    async def create(self, form: dict):
        self.form_error, self.errors, self.new_secret = "", {}, ""
        try:
            data = WebhookCreate.model_validate({
                "url": form.get("url", ""), "events": self.chosen_events, "secret": form.get("secret") or None,
                "description": form.get("description", ""),
            })  # fmt: skip
            created = await self._call(webhooks.create_webhook, data=data)
        except (ServiceError, ValidationError) as exc:
            self.form_error, self.errors = field_errors(exc)
            return
        if created.secret_shown_once:
            self.new_secret = created.secret
        self.form_key += 1
        await self._refresh()
        return rx.toast.success("Webhook added.")

    @rx.event(background=True)
    async def test(self, webhook_id: str):
        """A delivery over the network (up to the dispatcher's timeout): the state is locked
        only to read who asks and to show the answer."""
        async with self:
            credential, meta = self._session_token(), self._request_meta()
        try:
            delivery = await calls.as_caller(
                webhooks.test_webhook, credential=credential, meta=meta, webhook_id=webhook_id
            )
            data = await calls.as_caller(webhooks_data, credential=credential, meta=meta, log_for=webhook_id)
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        async with self:
            self.log_for = webhook_id
            self.log_url = next((h.url for h in data.listed.data if h.id == webhook_id), "")
            self._apply(data)
        if delivery.status == "success":
            return rx.toast.success(f"Test delivered: HTTP {delivery.response_status}.")
        return rx.toast.error(f"Test failed: {delivery.error}")

    @rx.event
    async def set_active(self, webhook_id: str, active: bool):
        try:
            await self._call(webhooks.update_webhook, webhook_id=webhook_id, data=WebhookUpdate(active=active))
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        await self._refresh()

    @rx.event
    async def delete(self, webhook_id: str):
        try:
            await self._call(webhooks.delete_webhook, webhook_id=webhook_id)
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        if self.log_for == webhook_id:
            self.log_for = ""
        await self._refresh()
        return rx.toast.success("Webhook deleted with its log.")

    @rx.event
    async def show_log(self, webhook_id: str):
        self.log_for = webhook_id
        self.log_url = next((h["url"] for h in self.hooks if h["id"] == webhook_id), "")
        try:
            await self._refresh()
        except ServiceError as exc:
            return rx.toast.error(str(exc))

    @rx.event
    def dismiss_secret(self):
        self.new_secret = ""


def _toggle(name: str):
    return lambda checked: WebhooksState.toggle_event(name, checked)


def _new_webhook_form() -> rx.Component:
    s = WebhooksState
    return rx.card(
        rx.vstack(
            rx.heading("Add a webhook", size="4", as_="h2"),
            form_error(s.form_error),
            rx.form(
                rx.vstack(
                    field(
                        "Endpoint URL",
                        "url",
                        placeholder="https://ci.example.com/mimic",
                        required=True,
                        error=s.errors.get("url", ""),
                    ),  # fmt: skip
                    field(
                        "Description",
                        "description",
                        placeholder="What listens there",
                        error=s.errors.get("description", ""),
                    ),  # fmt: skip
                    field(
                        "Signing secret (optional)",
                        "secret",
                        type="password",
                        placeholder="Left empty, one is made and shown once",
                        error=s.errors.get("secret", ""),
                    ),  # fmt: skip
                    rx.text("Events", size="2", weight="medium"),
                    rx.grid(
                        *[
                            rx.el.label(
                                rx.hstack(
                                    rx.checkbox(checked=s.chosen_events.contains(name), on_change=_toggle(name)),
                                    rx.vstack(
                                        rx.code(name, size="1"),
                                        rx.text(WEBHOOK_EVENTS[name], size="1", color_scheme="gray"),
                                        spacing="0",
                                    ),
                                    spacing="2",
                                    align="start",
                                )
                            )
                            for name in EVENT_NAMES
                        ],
                        columns="2",
                        spacing="3",
                        width="100%",
                    ),
                    rx.cond(
                        s.errors.get("events", "") != "",
                        rx.text(s.errors.get("events", ""), color_scheme="red", size="1", role="alert"),
                    ),
                    rx.button(rx.icon("plus", size=16), "Add webhook", type="submit"),
                    spacing="3",
                    width="100%",
                    align="start",
                ),
                on_submit=s.create,
                key=s.form_key,
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _secret_callout() -> rx.Component:
    return rx.cond(
        WebhooksState.new_secret != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("key-round")),
            rx.vstack(
                rx.text("The signing secret, shown this once: store it where your endpoint can read it.", size="2"),
                rx.code(WebhooksState.new_secret, data_testid="new-webhook-secret"),
                rx.button("I have stored it", size="1", variant="soft", on_click=WebhooksState.dismiss_secret),
                spacing="2",
                align="start",
            ),
            color_scheme="amber",
            width="100%",
        ),
    )


def _hook_row(hook: rx.Var) -> rx.Component:
    s = WebhooksState
    return rx.table.row(
        rx.table.row_header_cell(
            rx.vstack(
                rx.text(hook["url"], weight="medium", size="2"),
                rx.cond(hook["description"] != "", rx.text(hook["description"], size="1", color_scheme="gray")),
                rx.text("secret ", hook["secret"], size="1", color_scheme="gray"),
                spacing="1",
                align="start",
            ),
            max_width="22rem",
        ),
        rx.table.cell(rx.text(hook["events"], size="1"), max_width="16rem"),
        rx.table.cell(
            rx.switch(
                checked=hook["active"] != "",
                on_change=lambda on: s.set_active(hook["id"], on),
                aria_label="Active " + hook["url"],
            )
        ),
        rx.table.cell(
            rx.text(hook["delivered"], " ok · ", hook["failed"], " failed · ", hook["pending"], " pending", size="1"),
            white_space="nowrap",
        ),
        rx.table.cell(
            rx.hstack(
                rx.button(
                    "Test", size="1", variant="soft", on_click=s.test(hook["id"]), aria_label="Test " + hook["url"]
                ),
                rx.button(
                    "Log",
                    size="1",
                    variant="soft",
                    color_scheme="gray",
                    on_click=s.show_log(hook["id"]),
                    aria_label="Delivery log of " + hook["url"],
                ),  # fmt: skip
                rx.button(
                    "Delete",
                    size="1",
                    variant="soft",
                    color_scheme="red",
                    on_click=s.delete(hook["id"]),
                    aria_label="Delete " + hook["url"],
                ),  # fmt: skip
                spacing="2",
            )
        ),
        vertical_align="middle",
    )


def _delivery_row(d: rx.Var) -> rx.Component:
    color = rx.match(d["status"], ("success", "green"), ("failed", "red"), "amber")
    return rx.table.row(
        rx.table.cell(d["created"], white_space="nowrap"),
        rx.table.cell(rx.code(d["event"], size="1")),
        rx.table.cell(rx.badge(d["status"], color_scheme=color, variant="soft")),
        rx.table.cell(d["attempts"]),
        rx.table.cell(d["response"]),
        rx.table.cell(rx.text(d["error"], size="1"), max_width="16rem"),
        rx.table.cell(rx.cond(d["status"] == "pending", d["next"], d["delivered"]), white_space="nowrap"),
        data_testid="delivery-row",
    )


def _log() -> rx.Component:
    s = WebhooksState
    return rx.cond(
        s.log_for != "",
        rx.vstack(
            rx.heading("Delivery log", size="4", as_="h2"),
            rx.text(s.log_url, size="1", color_scheme="gray"),
            rx.cond(
                s.deliveries.length() > 0,
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            *[
                                rx.table.column_header_cell(h)
                                for h in ("Created", "Event", "Status", "Attempts", "HTTP", "Error", "Delivered / next")
                            ]
                        )
                    ),  # fmt: skip
                    rx.table.body(rx.foreach(s.deliveries, _delivery_row)),
                    variant="surface",
                    size="1",
                    width="100%",
                ),
                rx.text("Nothing sent yet.", size="2", color_scheme="gray"),
            ),
            spacing="2",
            width="100%",
        ),
    )


def webhooks_page() -> rx.Component:
    s = WebhooksState
    return shell(
        page_header(
            "Webhooks",
            "Endpoints that hear of sessions and runs, with signed deliveries and their log.",
            link_button("Back to settings", "/settings", variant="soft"),
        ),
        rx.cond(
            s.can_manage,
            rx.vstack(
                _secret_callout(),
                rx.cond(
                    s.hooks.length() > 0,
                    rx.table.root(
                        rx.table.header(
                            rx.table.row(
                                *[
                                    rx.table.column_header_cell(h)
                                    for h in ("Endpoint", "Events", "Active", "Deliveries", "")
                                ]
                            )
                        ),
                        rx.table.body(rx.foreach(s.hooks, _hook_row)),
                        variant="surface",
                        width="100%",
                    ),
                    rx.callout("No webhooks yet.", icon="info", width="100%"),
                ),
                _log(),
                _new_webhook_form(),
                rx.text(
                    'Each request is signed: X-Mimic-Signature = sha256=HMAC(secret, timestamp + "." + body), with '
                    "X-Mimic-Timestamp, X-Mimic-Event and X-Mimic-Delivery. The README shows how to verify it.",
                    size="1",
                    color_scheme="gray",
                ),
                spacing="4",
                width="100%",
                max_width="64rem",
            ),
            rx.callout("Owners and admins manage this workspace's webhooks.", icon="info", width="100%"),
        ),
        active="/settings",
    )
