"""The one layout every dashboard page sits in: a sidebar with the navigation and a main area."""

from __future__ import annotations

import reflex as rx

from app.ui.components.model_picker import model_datalist
from app.ui.navigation import SECTIONS
from app.ui.state.auth import AuthState
from app.ui.theme import SIDEBAR_WIDTH


def _nav_item(route: str, label: str, icon: str, active: bool) -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.icon(icon, size=18),
            rx.text(label, size="3", weight="medium"),
            align="center",
            spacing="3",
            padding_x="0.75rem",
            padding_y="0.5rem",
            border_radius="var(--radius-3)",
            width="100%",
            background=rx.cond(active, rx.color("accent", 4), "transparent"),
            color=rx.cond(active, rx.color("accent", 11), rx.color("gray", 12)),
            _hover={"background": rx.color("accent", 3)},
        ),
        href=route,
        underline="none",
        width="100%",
        aria_current="page" if active else None,
    )


def sidebar(active: str) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.image(src="/logo.svg", width="2rem", height="2rem", alt="Mimic logo"),
            rx.heading("Mimic", size="5"),
            align="center",
            spacing="2",
            padding_x="0.75rem",
            padding_bottom="1rem",
        ),
        rx.el.nav(
            rx.vstack(
                *[_nav_item(s.route, s.label, s.icon, s.route == active) for s in SECTIONS],
                spacing="1",
                width="100%",
            ),
            aria_label="Main",
            width="100%",
        ),
        rx.spacer(),
        user_panel(),
        rx.hstack(
            rx.text("Theme", size="2", color_scheme="gray"),
            rx.color_mode.button(size="2", variant="ghost", aria_label="Toggle light and dark mode"),
            justify="between",
            align="center",
            width="100%",
            padding_x="0.75rem",
        ),
        width=SIDEBAR_WIDTH,
        min_width=SIDEBAR_WIDTH,
        height="100vh",
        position="sticky",
        top="0",
        padding="1rem 0.5rem",
        border_right=f"1px solid {rx.color('gray', 5)}",
        background=rx.color("gray", 2),
    )


def user_panel() -> rx.Component:
    """Who is signed in, the workspace switcher, and sign-out."""
    return rx.vstack(
        rx.text("Workspace", size="1", color_scheme="gray", weight="medium"),
        rx.select.root(
            rx.select.trigger(width="100%", aria_label="Workspace"),
            rx.select.content(
                rx.foreach(AuthState.workspaces, lambda w: rx.select.item(w["name"], value=w["id"])),
            ),
            value=AuthState.workspace_id,
            on_change=AuthState.switch_workspace,
            size="2",
        ),
        rx.hstack(
            rx.avatar(fallback=AuthState.user_name[:1].upper(), size="2", radius="full"),
            rx.vstack(
                rx.text(AuthState.user_name, size="2", weight="medium", trim="both"),
                rx.badge(AuthState.role, size="1", variant="soft"),
                spacing="1",
                align="start",
            ),
            rx.spacer(),
            rx.icon_button(
                rx.icon("log-out", size=16),
                variant="ghost",
                size="2",
                on_click=AuthState.logout,
                aria_label="Sign out",
                title="Sign out",
            ),
            align="center",
            width="100%",
        ),
        spacing="2",
        width="100%",
        padding="0.75rem",
        border_top=f"1px solid {rx.color('gray', 5)}",
    )


def page_header(title: str, summary: str, *actions: rx.Component) -> rx.Component:
    return rx.hstack(
        rx.vstack(
            rx.heading(title, size="7"),
            rx.text(summary, color_scheme="gray", size="3"),
            spacing="1",
        ),
        rx.spacer(),
        *actions,
        width="100%",
        align="end",
        padding_bottom="1.5rem",
    )


def shell(*children: rx.Component, active: str) -> rx.Component:
    """A whole page: the sidebar with `active` highlighted, and `children` in the main area.
    Nothing is shown until the visitor is known to be signed in (else they go to /login)."""
    return rx.cond(
        AuthState.signed_in, _frame(*children, active=active), rx.center(rx.spinner(size="3"), height="100vh")
    )


def _frame(*children: rx.Component, active: str) -> rx.Component:
    return rx.hstack(
        model_datalist(),
        sidebar(active),
        rx.box(
            *children,
            as_="main",
            flex="1",
            padding="2rem 2.5rem",
            max_width="80rem",
            width="100%",
        ),
        spacing="0",
        align="start",
        width="100%",
        min_height="100vh",
    )
