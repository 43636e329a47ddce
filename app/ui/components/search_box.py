"""The shell's search box: personas, objectives, agents, suites and sessions of the workspace as
one types (GET /api/search's service), "/" or Ctrl+K to get there, Enter opens the first hit."""

from __future__ import annotations

import reflex as rx

from app.ui.shell_script import SEARCH_INPUT_ID
from app.ui.state.shell import ShellState


def _hit(hit: rx.Var) -> rx.Component:
    return rx.link(
        rx.vstack(
            rx.hstack(
                rx.badge(hit["type"], size="1", variant="soft", color_scheme="gray"),
                rx.text(hit["name"], size="2", weight="medium", trim="both", class_name="mimic-wrap"),
                align="center",
                spacing="2",
            ),
            rx.cond(
                hit["description"] != "",
                rx.text(hit["description"], size="1", color_scheme="gray", class_name="mimic-clamp"),
            ),
            spacing="1",
            padding="0.5rem 0.75rem",
            border_radius="var(--radius-2)",
            _hover={"background": rx.color("accent", 3)},
            width="100%",
        ),
        href=hit["url"],
        underline="none",
        color=rx.color("gray", 12),
        on_click=ShellState.close_search,
        width="100%",
    )


def search_box() -> rx.Component:
    return rx.box(
        rx.input(
            rx.input.slot(rx.icon("search", size=16)),
            rx.input.slot(rx.el.kbd("/"), side="right", display=["none", "none", "flex"], color=rx.color("gray", 10)),
            id=SEARCH_INPUT_ID,
            type="search",
            value=ShellState.search_query,
            on_change=ShellState.run_search,
            debounce_timeout=250,
            on_focus=ShellState.open_search,
            on_key_down=ShellState.search_key,
            placeholder="Search personas, agents, sessions…",
            aria_label="Search the workspace",
            title="Search the workspace (/ or Ctrl+K)",
            auto_complete="off",
            width="100%",
        ),
        rx.cond(
            ShellState.search_open,
            rx.box(
                rx.vstack(
                    rx.foreach(ShellState.search_hits, _hit),
                    rx.cond(
                        ShellState.search_note != "",
                        rx.text(ShellState.search_note, size="1", color_scheme="gray", padding="0.5rem 0.75rem"),
                    ),
                    spacing="0",
                    width="100%",
                ),
                role="region",
                aria_label="Search results",
                position="absolute",
                top="calc(100% + 0.25rem)",
                left="0",
                right="0",
                z_index="50",
                max_height="24rem",
                overflow_y="auto",
                padding="0.25rem",
                background=rx.color("gray", 1),
                border=f"1px solid {rx.color('gray', 6)}",
                border_radius="var(--radius-3)",
                box_shadow="var(--shadow-4)",
            ),
        ),
        position="relative",
        width="100%",
        max_width=["100%", "100%", "26rem"],
    )
