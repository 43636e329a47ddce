"""Form pieces used across the dashboard: a labelled field with its error under it."""

from __future__ import annotations

import reflex as rx


def field(
    label: str,
    name: str,
    *,
    error: rx.Var | str = "",
    type: str = "text",
    placeholder: str = "",
    required: bool = False,
    default_value: rx.Var | str | None = None,
    **input_props,
) -> rx.Component:
    field_id = f"field-{name}"
    return rx.vstack(
        rx.el.label(rx.text(label, size="2", weight="medium"), html_for=field_id),
        rx.input(
            id=field_id,
            name=name,
            type=type,
            placeholder=placeholder,
            required=required,
            default_value=default_value,
            width="100%",
            aria_invalid=rx.cond(error != "", "true", "false") if isinstance(error, rx.Var) else None,
            **input_props,
        ),
        rx.cond(error != "", rx.text(error, color_scheme="red", size="1", role="alert"))
        if isinstance(error, rx.Var)
        else rx.fragment(),
        spacing="1",
        width="100%",
        align="start",
    )


def form_error(message: rx.Var) -> rx.Component:
    return rx.cond(
        message != "",
        rx.callout(message, icon="triangle-alert", color_scheme="red", role="alert", width="100%"),
    )
