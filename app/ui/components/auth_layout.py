"""The frame of the signed-out pages: the logo and one centred card."""

from __future__ import annotations

import reflex as rx


def auth_card(title: str, subtitle: str, *children: rx.Component) -> rx.Component:
    return rx.center(
        rx.vstack(
            rx.hstack(
                rx.image(src="/logo.svg", width="2.5rem", height="2.5rem", alt="Mimic logo"),
                rx.heading("Mimic", size="7"),
                align="center",
                spacing="3",
            ),
            rx.card(
                rx.vstack(
                    rx.heading(title, size="6", as_="h1"),
                    rx.text(subtitle, color_scheme="gray", size="2"),
                    *children,
                    spacing="4",
                    width="100%",
                ),
                width="100%",
                size="3",
            ),
            rx.color_mode.button(size="2", variant="ghost", aria_label="Toggle light and dark mode"),
            spacing="5",
            align="center",
            width="26rem",
            max_width="92vw",
        ),
        min_height="100vh",
        background=rx.color("gray", 2),
    )
