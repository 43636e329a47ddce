"""The list pages' components: a search box, a pagination bar, per-item actions (a delete
that asks first), the empty state, and the import/export bar with its report."""

from __future__ import annotations

import reflex as rx

from app.ui.components.library.state import LibraryListState, TransferState
from app.ui.state.auth import AuthState


def search_box(state: type[LibraryListState], label: str) -> rx.Component:
    """Searches name and description as one types (debounced)."""
    return rx.vstack(
        rx.el.label(rx.text(label, size="2", weight="medium"), html_for="library-search"),
        rx.input(
            rx.input.slot(rx.icon("search", size=16)),
            id="library-search",
            type="search",
            value=state.q,
            on_change=state.set_query,
            placeholder="Name or description",
            width="20rem",
        ),
        spacing="1",
        align="start",
    )


def pagination_bar(state: type[LibraryListState]) -> rx.Component:
    return rx.cond(
        state.total > 0,
        rx.hstack(
            rx.text(
                "Page ",
                state.page,
                " of ",
                state.pages,
                " · ",
                state.total,
                rx.cond(state.total == 1, " item", " items"),
                size="2",
                color_scheme="gray",
            ),
            rx.spacer(),
            rx.button(
                rx.icon("chevron-left", size=16),
                "Prev",
                variant="soft",
                color_scheme="gray",
                disabled=state.page <= 1,
                on_click=state.prev_page,
                aria_label="Previous page",
            ),
            rx.button(
                "Next",
                rx.icon("chevron-right", size=16),
                variant="soft",
                color_scheme="gray",
                disabled=state.page >= state.pages,
                on_click=state.next_page,
                aria_label="Next page",
            ),
            align="center",
            spacing="2",
            width="100%",
            padding_top="1rem",
        ),
    )


def confirm_delete(noun: str, name: rx.Var, on_confirm: rx.EventSpec) -> rx.Component:
    """A Delete button that asks first, in an alert dialog."""
    return rx.alert_dialog.root(
        rx.alert_dialog.trigger(
            rx.button(
                rx.icon("trash-2", size=14),
                "Delete",
                color_scheme="red",
                variant="soft",
                size="1",
                aria_label="Delete " + name,
            ),
        ),
        rx.alert_dialog.content(
            rx.alert_dialog.title(f"Delete this {noun}?"),
            rx.alert_dialog.description(
                rx.text(rx.text.strong(name), " is removed from this workspace. This cannot be undone."),
                size="2",
            ),
            rx.hstack(
                rx.alert_dialog.cancel(rx.button("Cancel", variant="soft", color_scheme="gray")),
                rx.alert_dialog.action(rx.button(f"Delete {noun}", color_scheme="red", on_click=on_confirm)),
                spacing="3",
                justify="end",
                margin_top="1rem",
            ),
            max_width="28rem",
        ),
    )


def link_button(label: str | rx.Var, href: rx.Var | str, *, icon: str | None = None, **props) -> rx.Component:
    """A link that looks like a button (a real <a>, so it opens in a new tab too)."""
    children = [rx.icon(icon, size=14), label] if icon else [label]
    return rx.button(rx.link(*children, href=href, underline="none"), as_child=True, **props)


def item_actions(state: type[LibraryListState], noun: str, item: rx.Var, edit_href: rx.Var) -> rx.Component:
    """Edit (View for read-only members), Duplicate, Delete."""
    return rx.hstack(
        link_button(
            rx.cond(AuthState.can_write, "Edit", "View"),
            edit_href,
            icon="pencil",
            size="1",
            variant="soft",
            aria_label=rx.cond(AuthState.can_write, "Edit ", "View ") + item["name"],
        ),
        rx.cond(
            AuthState.can_write,
            rx.fragment(
                rx.button(
                    rx.icon("copy", size=14),
                    "Duplicate",
                    size="1",
                    variant="soft",
                    color_scheme="gray",
                    aria_label="Duplicate " + item["name"],
                    on_click=state.duplicate(item["id"]),
                ),
                confirm_delete(noun, item["name"], state.delete(item["id"], item["name"])),
            ),
        ),
        spacing="2",
        align="center",
        wrap="wrap",
    )


def new_button(label: str, href: str) -> rx.Component:
    return rx.cond(AuthState.can_write, link_button(label, href, icon="plus"))


def empty_state(searching: rx.Var, nothing_yet: str, nothing_found: str) -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.icon("inbox", size=32, color=rx.color("gray", 9)),
            rx.text(rx.cond(searching, nothing_found, nothing_yet), size="3", color_scheme="gray"),
            align="center",
            spacing="2",
        ),
        padding="3rem",
        width="100%",
        border=f"1px dashed {rx.color('gray', 6)}",
        border_radius="var(--radius-3)",
    )


def list_error(state: type[LibraryListState]) -> rx.Component:
    return rx.cond(
        state.list_error != "",
        rx.callout(state.list_error, icon="triangle-alert", color_scheme="red", role="alert", width="100%"),
    )


def transfer_bar(state: type[TransferState], upload_id: str) -> rx.Component:
    """Export JSON / Export YAML for everyone; Import (a .json, .yaml or .yml file) for editors."""
    return rx.hstack(
        rx.button(
            rx.icon("download", size=14),
            "Export JSON",
            variant="soft",
            color_scheme="gray",
            on_click=state.export("json"),
        ),
        rx.button(
            rx.icon("download", size=14),
            "Export YAML",
            variant="soft",
            color_scheme="gray",
            on_click=state.export("yaml"),
        ),
        rx.cond(
            AuthState.can_write,
            rx.upload.root(
                rx.button(rx.icon("upload", size=14), "Import", variant="soft", color_scheme="gray", type="button"),
                id=upload_id,
                accept={
                    "application/json": [".json"],
                    "application/yaml": [".yaml", ".yml"],
                    "text/yaml": [".yaml", ".yml"],
                },
                multiple=False,
                max_files=1,
                no_drag=True,
                on_drop=state.import_file(rx.upload_files(upload_id=upload_id)),
            ),
        ),
        spacing="2",
        align="center",
    )


def import_report(state: type[TransferState]) -> rx.Component:
    """What the last import did: how many came in, or every problem found."""
    return rx.cond(
        state.import_message != "",
        rx.callout.root(
            rx.callout.icon(rx.cond(state.import_failed, rx.icon("triangle-alert"), rx.icon("circle-check"))),
            rx.vstack(
                rx.text(state.import_message, size="2", weight="medium"),
                rx.cond(
                    state.import_problems.length() > 0,
                    rx.el.ul(
                        rx.foreach(state.import_problems, lambda p: rx.el.li(rx.text(p, size="1"))),
                        padding_left="1rem",
                        margin="0",
                    ),
                ),
                rx.button("Dismiss", size="1", variant="ghost", on_click=state.dismiss_import),
                spacing="1",
                align="start",
            ),
            color_scheme=rx.cond(state.import_failed, "red", "green"),
            role=rx.cond(state.import_failed, "alert", "status"),
            width="100%",
        ),
    )
