"""The one layout every dashboard page sits in: a sidebar with the navigation and a main area."""

from __future__ import annotations

import reflex as rx

from app.ui.components.model_picker import model_datalist
from app.ui.components.search_box import search_box
from app.ui.navigation import SECTIONS
from app.ui.state.auth import AuthState
from app.ui.state.shell import ShellState
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
        on_click=ShellState.close_menu,
    )


def _brand() -> rx.Component:
    return rx.link(
        rx.hstack(
            rx.image(src="/logo.svg", width="2rem", height="2rem", alt="Mimic logo"),
            rx.heading("Mimic", size="5", as_="p"),
            align="center",
            spacing="2",
        ),
        href="/",
        underline="none",
        color=rx.color("gray", 12),
    )


def _navigation(active: str) -> rx.Component:
    return rx.el.nav(
        rx.vstack(
            *[_nav_item(s.route, s.label, s.icon, s.route == active) for s in SECTIONS],
            spacing="1",
            width="100%",
        ),
        aria_label="Main",
        width="100%",
    )


def _theme_toggle() -> rx.Component:
    return rx.hstack(
        rx.text("Theme", size="2", color_scheme="gray"),
        rx.color_mode.button(size="2", variant="ghost", aria_label="Toggle light and dark mode"),
        justify="between",
        align="center",
        width="100%",
        padding_x="0.75rem",
    )


def sidebar(active: str) -> rx.Component:
    """The navigation beside the page, from 768 px wide (below it, the menu of the top bar)."""
    return rx.vstack(
        rx.box(_brand(), padding_x="0.75rem", padding_bottom="1rem"),
        _navigation(active),
        rx.spacer(),
        user_panel(),
        _theme_toggle(),
        display=["none", "none", "flex"],
        width=SIDEBAR_WIDTH,
        min_width=SIDEBAR_WIDTH,
        height="100vh",
        overflow_y="auto",
        position="sticky",
        top="0",
        padding="1rem 0.5rem",
        border_right=f"1px solid {rx.color('gray', 5)}",
        background=rx.color("gray", 2),
    )


def _phone_menu(active: str) -> rx.Component:
    """Below 768 px: the navigation, the workspace and sign-out, opened from the top bar."""
    return rx.cond(
        ShellState.menu_open,
        rx.vstack(
            _navigation(active),
            user_panel(),
            _theme_toggle(),
            id="mimic-phone-menu",
            display=["flex", "flex", "none"],
            width="100%",
            spacing="2",
            padding="0.5rem",
            border_bottom=f"1px solid {rx.color('gray', 5)}",
            background=rx.color("gray", 2),
        ),
    )


def top_bar() -> rx.Component:
    """The search box on every page; on phones also the brand and the menu button."""
    return rx.hstack(
        rx.icon_button(
            rx.cond(ShellState.menu_open, rx.icon("x", size=20), rx.icon("menu", size=20)),
            variant="ghost",
            size="3",
            on_click=ShellState.toggle_menu,
            aria_label="Menu",
            aria_expanded=ShellState.menu_open,
            aria_controls="mimic-phone-menu",
            display=["flex", "flex", "none"],
        ),
        rx.box(_brand(), display=["block", "block", "none"], flex_shrink="0"),
        rx.spacer(display=["none", "none", "block"]),
        search_box(),
        align="center",
        spacing="3",
        width="100%",
        padding=["0.5rem 1rem", "0.5rem 1rem", "1rem 2.5rem 0"],
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
    """The page's title and summary; its actions wrap under it on narrow screens."""
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
        flex_wrap="wrap",
        padding_bottom="1.5rem",
    )


def shell(*children: rx.Component, active: str) -> rx.Component:
    """A whole page: the sidebar with `active` highlighted, and `children` in the main area.
    Nothing is shown until the visitor is known to be signed in (else they go to /login)."""
    return rx.cond(
        AuthState.signed_in, frame(*children, active=active), rx.center(rx.spinner(size="3"), height="100vh")
    )


def frame(*children: rx.Component, active: str) -> rx.Component:
    return rx.hstack(
        model_datalist(),
        sidebar(active),
        rx.box(
            top_bar(),
            _phone_menu(active),
            rx.box(
                *children,
                as_="main",
                padding=["1rem", "1rem", "1.5rem 2.5rem 2rem"],
                max_width="80rem",
                width="100%",
            ),
            flex="1",
            # A flex item may not shrink below its content's width unless told: without this a
            # wide table or chart would widen the page instead of scrolling in its own box.
            min_width="0",
            width="100%",
        ),
        spacing="0",
        align="start",
        width="100%",
        min_height="100vh",
    )
