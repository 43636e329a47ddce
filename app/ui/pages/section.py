"""The overview page of a dashboard section: what it holds. Sections replace it with
their own page module as they are built."""

from __future__ import annotations

from collections.abc import Callable

import reflex as rx

from app.ui.components.layout import page_header, shell
from app.ui.navigation import Section


def section_page(section: Section) -> Callable[[], rx.Component]:
    def page() -> rx.Component:
        return shell(
            page_header(section.label, section.summary),
            rx.card(
                rx.vstack(
                    rx.hstack(
                        rx.icon(section.icon, size=20),
                        rx.heading("What this section holds", size="4", as_="h2"),
                        align="center",
                    ),
                    rx.unordered_list(*[rx.list_item(item) for item in section.holds]),
                    spacing="3",
                ),
                width="100%",
                max_width="48rem",
            ),
            active=section.route,
        )

    page.__name__ = f"{section.label.lower()}_page"
    return page
