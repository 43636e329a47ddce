"""The shell's own state: the search box's query and hits, and the phone menu."""

from __future__ import annotations

import reflex as rx

from app.models.search import SEARCH_TYPES
from app.services import search
from app.services.errors import ServiceError
from app.ui.state.auth import AuthState

# What the search box shows; the REST search pages on (GET /api/search?page=).
SEARCH_BOX_HITS = 8
TYPE_LABELS = {"persona": "Persona", "objective": "Objective", "agent": "Agent", "suite": "Suite", "session": "Session"}


class ShellState(AuthState):
    search_query: str = ""
    search_hits: list[dict[str, str]] = []
    search_note: str = ""
    search_open: bool = False
    menu_open: bool = False

    @rx.event(background=True)
    async def run_search(self, q: str):
        async with self:
            self.search_query = q
            self.search_open = bool(q.strip())
            if not q.strip():
                self.search_hits, self.search_note = [], ""
                return
        try:
            found = await self._call(search.search, q=q, types=list(SEARCH_TYPES), limit=SEARCH_BOX_HITS)
        except ServiceError as exc:
            async with self:
                if self.search_query == q:
                    self.search_hits = []
                    self.search_note = " ".join(d.message for d in exc.details) or exc.message
            return
        async with self:
            if self.search_query != q:  # a newer query is on its way
                return
            self.search_hits = [
                {"type": TYPE_LABELS.get(h.type, h.type), "name": h.name, "description": h.description,
                 "url": h.url} for h in found.data
            ]  # fmt: skip
            more = found.pagination.total - len(found.data)
            self.search_note = (
                f"Nothing matches “{q.strip()}”." if not found.data
                else f"{more:,} more: type more words to narrow it." if more > 0 else ""
            )  # fmt: skip

    @rx.event
    def close_search(self):
        self.search_open = False

    @rx.event
    def open_search(self):
        self.search_open = bool(self.search_query.strip())

    @rx.event
    def search_key(self, key: str):
        """Enter opens the first hit, Escape closes the list."""
        if key == "Escape":
            self.search_open = False
        elif key == "Enter" and self.search_hits:
            self.search_open = False
            return rx.redirect(self.search_hits[0]["url"])

    @rx.event
    def toggle_menu(self):
        self.menu_open = not self.menu_open

    @rx.event
    def close_menu(self):
        self.menu_open = False
