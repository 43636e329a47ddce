"""Any address the app does not have: "Page not found" inside the shell, with the navigation
and the search box, for a signed-in member; a plain page with a way to sign in otherwise."""

from __future__ import annotations

import reflex as rx

from app.ui.components.layout import frame, page_header
from app.ui.components.library import link_button
from app.ui.state.auth import AuthState


def _body() -> rx.Component:
    return rx.vstack(
        page_header("Page not found", "Nothing lives at this address: it may have moved or been deleted."),
        rx.text(rx.code(rx.State.router.page.raw_path), class_name="mimic-wrap"),
        rx.text("Use the navigation or the search box to find what you were after.", color_scheme="gray"),
        link_button("Go to the dashboard", "/", icon="layout-dashboard"),
        spacing="3",
        align="start",
        width="100%",
    )


def not_found_page() -> rx.Component:
    return rx.cond(
        AuthState.signed_in,
        frame(_body(), active=""),
        rx.center(
            rx.vstack(
                rx.heading("Page not found", size="7"),
                rx.text("Nothing lives at this address.", color_scheme="gray"),
                link_button("Sign in", "/login", icon="log-in"),
                spacing="3",
                align="center",
            ),
            height="100vh",
            padding="1rem",
        ),
    )
