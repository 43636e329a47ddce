"""The dashboard's recent runs: the last suite runs with their state (running, completed,
cancelled), progress in words ("3 of 24 done, 21 cancelled") and pass rate of judged sessions;
read in a worker thread."""

from __future__ import annotations

import reflex as rx

from app.services import runs
from app.services.errors import ServiceError
from app.ui.components.runs import run_row, runs_table
from app.ui.state.auth import AuthState

SHOWN_RUNS = 5


def _recent(*, session, principal) -> list[dict[str, str]]:
    listed = runs.list_runs(session=session, principal=principal, params=runs.RunListParams(limit=SHOWN_RUNS))
    return [run_row(r) for r in listed.data]


class RecentRunsState(AuthState):
    recent_runs: list[dict[str, str]] = []

    @rx.event(background=True)
    async def load(self):
        try:
            rows = await self._call(_recent)
        except ServiceError:
            return
        async with self:
            self.recent_runs = rows


def recent_runs_card() -> rx.Component:
    return rx.cond(
        RecentRunsState.recent_runs.length() > 0,
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.heading("Recent runs", size="3", as_="h2"),
                    rx.spacer(),
                    rx.link("All suites and runs", href="/suites", size="2"),
                    width="100%",
                    align="center",
                ),
                rx.box(runs_table(RecentRunsState.recent_runs), overflow_x="auto", width="100%"),
                spacing="3",
                width="100%",
            ),
            width="100%",
            data_testid="recent-runs",
        ),
    )
