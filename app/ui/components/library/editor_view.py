"""The editor pages' components: labelled fields whose error shows under them, sections,
the error summary, and the form that is read-only unless the member can write."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

import reflex as rx

from app.ui.components.library.list_view import link_button
from app.ui.components.library.state import ERROR_SUMMARY_ID, LibraryEditorState
from app.ui.shell_script import UNSAVED_GUARD
from app.ui.state.auth import AuthState


def _labelled(
    state: type[LibraryEditorState], label: str, name: str, control: rx.Component, hint: str | rx.Component = ""
) -> rx.Component:
    """A label linked to its control (as forms.field does), a hint, and the field's error."""
    error = state.errors.get(name, "")
    return rx.vstack(
        rx.el.label(rx.text(label, size="2", weight="medium"), html_for=f"field-{name}"),
        control,
        _hint(hint),
        rx.cond(error != "", rx.text(error, color_scheme="red", size="1", role="alert")),
        spacing="1",
        width="100%",
        align="start",
    )


def _hint(hint: str | rx.Component) -> rx.Component:
    if isinstance(hint, str):
        return rx.text(hint, size="1", color_scheme="gray") if hint else rx.fragment()
    return hint


def _invalid(state: type[LibraryEditorState], name: str) -> rx.Var:
    return rx.cond(state.errors.get(name, "") != "", "true", "false")


def input_field(
    state: type[LibraryEditorState],
    label: str,
    name: str,
    *,
    hint: str | rx.Component = "",
    type: str = "text",
    placeholder: str = "",
    required: bool = False,
    **props,
) -> rx.Component:
    return _labelled(
        state,
        label,
        name,
        rx.input(
            id=f"field-{name}",
            name=name,
            type=type,
            placeholder=placeholder,
            required=required,
            default_value=state.values.get(name, ""),
            aria_invalid=_invalid(state, name),
            width="100%",
            **props,
        ),
        hint,
    )


def number_field(state: type[LibraryEditorState], label: str, name: str, *, step: str = "any", **props) -> rx.Component:
    return input_field(state, label, name, type="number", step=step, **props)


def textarea_field(
    state: type[LibraryEditorState],
    label: str,
    name: str,
    *,
    hint: str | rx.Component = "",
    placeholder: str = "",
    rows: str = "4",
    required: bool = False,
    monospace: bool = False,
) -> rx.Component:
    return _labelled(
        state,
        label,
        name,
        rx.text_area(
            id=f"field-{name}",
            name=name,
            placeholder=placeholder,
            rows=rows,
            required=required,
            default_value=state.values.get(name, ""),
            aria_invalid=_invalid(state, name),
            width="100%",
            resize="vertical",
            **({"font_family": "var(--code-font-family)"} if monospace else {}),
        ),
        hint,
    )


def select_field(
    state: type[LibraryEditorState],
    label: str,
    name: str,
    options: Sequence[tuple[str, str]] | rx.Var,
    *,
    hint: str | rx.Component = "",
    value: rx.Var | None = None,
    on_change: Any = None,
) -> rx.Component:
    """A Radix select that takes part in the form under `name`. `options` are (value, text)
    pairs, or a Var of plain strings. Controlled when `value` is given."""
    items = (
        rx.foreach(options, lambda option: rx.select.item(option, value=option))
        if isinstance(options, rx.Var)
        else [rx.select.item(text, value=option) for option, text in options]
    )
    controlled = {"value": value, "on_change": on_change} if value is not None else {}
    return _labelled(
        state,
        label,
        name,
        rx.select.root(
            rx.select.trigger(id=f"field-{name}", width="100%", aria_invalid=_invalid(state, name)),
            rx.select.content(*items if isinstance(items, list) else [items]),
            name=name,
            default_value=None if value is not None else state.values.get(name, ""),
            disabled=~AuthState.can_write,
            **controlled,
        ),
        hint,
    )


def form_section(title: str, description: str, *children: rx.Component, columns: str = "2") -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading(title, size="4", as_="h2"),
            rx.text(description, size="2", color_scheme="gray"),
            rx.grid(*children, columns=rx.breakpoints(initial="1", md=columns), spacing="4", width="100%"),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def wide(component: rx.Component) -> rx.Component:
    """A field that spans every column of its section."""
    return rx.box(component, grid_column="1 / -1", width="100%")


def error_summary(state: type[LibraryEditorState]) -> rx.Component:
    """The message for the whole form, and what could not be shown next to a field."""
    return rx.cond(
        state.error != "",
        rx.callout.root(
            rx.callout.icon(rx.icon("triangle-alert")),
            rx.vstack(
                rx.text(state.error, size="2", weight="medium"),
                rx.foreach(state.problems, lambda p: rx.text(p, size="1")),
                spacing="1",
                align="start",
            ),
            color_scheme="red",
            role="alert",
            id=ERROR_SUMMARY_ID,
            width="100%",
            scroll_margin_top="1rem",
        ),
    )


def editor_form(state: type[LibraryEditorState], noun: str, *sections: rx.Component) -> rx.Component:
    """The editor: read-only (every control disabled, no Save) unless the member can write."""
    actions = rx.hstack(
        rx.cond(
            AuthState.can_write,
            rx.button(
                rx.icon("save", size=16),
                rx.cond(state.is_new, f"Create {noun}", "Save changes"),
                type="submit",
                size="3",
            ),
        ),
        link_button(
            rx.cond(AuthState.can_write, "Cancel", "Back to the list"),
            state.LIST_ROUTE,
            size="3",
            variant="soft",
            color_scheme="gray",
        ),
        spacing="3",
    )
    return rx.form(
        rx.el.fieldset(
            rx.vstack(*sections, spacing="4", width="100%"),
            disabled=~AuthState.can_write,
            border="none",
            padding="0",
            margin="0",
            min_width="0",
        ),
        rx.box(actions, padding_top="1.25rem"),
        on_submit=state.save,
        key=state.form_key,
        no_validate=True,  # the service's messages, next to each field, are the one source of truth
        width="100%",
        custom_attrs={UNSAVED_GUARD: "true"},  # asks before leaving with unsaved changes (shell_script.py)
    )


def editor_body(state: type[LibraryEditorState], noun: str, form: rx.Component) -> rx.Component:
    """What sits under the page header: the form once loaded, or why it cannot be shown."""
    return rx.cond(
        rx.State.is_hydrated,
        rx.cond(
            state.missing,
            rx.vstack(
                rx.callout(state.error, icon="triangle-alert", color_scheme="red", role="alert", width="100%"),
                link_button("Back to the list", state.LIST_ROUTE, variant="soft"),
                spacing="3",
            ),
            rx.vstack(
                rx.cond(
                    ~AuthState.can_write,
                    rx.callout(
                        f"You can read this {noun}; editors, admins and owners change it.", icon="eye", width="100%"
                    ),
                ),
                error_summary(state),
                form,
                spacing="4",
                width="100%",
                max_width="60rem",
            ),
        ),
        rx.center(rx.spinner(size="3"), padding="4rem", width="100%"),
    )
