"""Every dashboard page, registered by app/app.py."""

from __future__ import annotations

import reflex as rx

from app.ui.navigation import SECTIONS
from app.ui.pages import section


def register_pages(app: rx.App) -> None:
    for s in SECTIONS:
        app.add_page(section.section_page(s), route=s.route, title=f"{s.label} · Mimic")
