"""/reviews: the review queue. Judged sessions waiting for a human reading, filtered by run,
agent, disagreement between judge repeats, failed, and the sample the team's review rate
picks; and the workspace's judging settings (judge repeats, the review sample rate), which
admins change here. Services run in worker threads (background events)."""

from __future__ import annotations

import dataclasses

import reflex as rx

from app.models.review import JudgingSettings
from app.services import agents, judging_settings, reviews
from app.services.errors import ServiceError
from app.services.pagination import PageParams
from app.ui.components.layout import page_header, shell
from app.ui.components.library import link_button
from app.ui.components.status import blame_badge, outcome_badge
from app.ui.formatting import when
from app.ui.state.auth import AuthState

PAGE_SIZE = 25


@dataclasses.dataclass
class QueueRow:
    session_id: str
    who: str
    objective: str
    outcome: str
    blame: str
    judge: str
    repeats: str
    sampled: bool
    ended: str


class ReviewsState(AuthState):
    rows: list[QueueRow] = []
    total: int = 0
    page: int = 1
    run_id: str = ""
    agent_id: str = "all"
    disagreement: bool = False
    failed: bool = False
    sampled: bool = False
    reviewed: bool = False
    agent_options: list[dict[str, str]] = []
    judge_repeats: str = "1"
    sample_rate: str = "0"
    settings_error: str = ""
    loading: bool = False

    @rx.event(background=True)
    async def load(self):
        async with self:
            self.run_id = self.router.url.query_parameters.get("runId", self.run_id)
        try:
            found = await self._call(agents.list_agents, params=PageParams(page=1, limit=100))
            current = await self._call(judging_settings.get_settings)
        except ServiceError:
            return
        async with self:
            self.agent_options = [{"id": a.id, "name": a.name} for a in found.data]
            self.judge_repeats, self.sample_rate = str(current.judge_repeats), f"{current.review_sample_rate:g}"
        yield ReviewsState.refresh

    @rx.event(background=True)
    async def refresh(self):
        async with self:
            self.loading = True
            filters = {
                "run_id": self.run_id.strip() or None,
                "agent_id": None if self.agent_id == "all" else self.agent_id,
                "disagreement": self.disagreement,
                "failed": self.failed,
                "sampled": self.sampled,
                "reviewed": self.reviewed,
            }
            params = PageParams(page=self.page, limit=PAGE_SIZE)
        try:
            queue = await self._call(reviews.review_queue, params=params, **filters)
        except ServiceError as exc:
            async with self:
                self.loading = False
            yield rx.toast.error(str(exc))
            return
        async with self:
            self.loading, self.total = False, queue.pagination.total
            self.rows = [
                QueueRow(
                    session_id=q.session_id,
                    who=f"{q.persona_name} → {q.agent_name}",
                    objective=q.objective_name,
                    outcome=q.outcome or "",
                    blame=q.blame or "",
                    judge=q.judge_model or "",
                    repeats=f"{q.flipped_criteria} flipped · {q.unstable_criteria} unstable"
                    if q.flipped_criteria
                    else "",
                    sampled=q.sampled,
                    ended=when(q.ended_at, empty=""),
                )
                for q in queue.data
            ]

    @rx.event
    def set_run_id(self, value: str):
        self.run_id = value

    @rx.event
    def set_agent(self, value: str):
        self.agent_id, self.page = value, 1
        return ReviewsState.refresh

    @rx.event
    def toggle(self, name: str, value: bool):
        setattr(self, name, bool(value))
        self.page = 1
        return ReviewsState.refresh

    @rx.event
    def turn(self, step: int):
        self.page = max(1, self.page + step)
        return ReviewsState.refresh

    @rx.event
    def set_judge_repeats(self, value: str):
        self.judge_repeats = value

    @rx.event
    def set_sample_rate(self, value: str):
        self.sample_rate = value

    @rx.event(background=True)
    async def save_settings(self):
        async with self:
            try:
                data = JudgingSettings(
                    judge_repeats=int(self.judge_repeats or 1), review_sample_rate=float(self.sample_rate or 0)
                )
            except ValueError as exc:
                self.settings_error = str(exc).splitlines()[0]
                return
        try:
            await self._call(judging_settings.update_settings, data=data)
        except ServiceError as exc:
            async with self:
                self.settings_error = exc.message
            return
        async with self:
            self.settings_error = ""
        yield rx.toast.success("Judging settings saved.")
        yield ReviewsState.refresh

    @rx.var
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))

    @rx.var
    def can_manage(self) -> bool:
        return "manage_workspace" in self.permissions


def _switch(label: str, name: str, value: rx.Var) -> rx.Component:
    return rx.el.label(
        rx.hstack(
            rx.switch(checked=value, on_change=lambda v: ReviewsState.toggle(name, v)),
            rx.text(label, size="2"),
            align="center",
            spacing="2",
        ),
    )


def _filters() -> rx.Component:
    S = ReviewsState
    return rx.hstack(
        rx.input(
            value=S.run_id,
            on_change=S.set_run_id,
            on_blur=S.refresh,
            placeholder="Run id",
            aria_label="Run id",
            width="18rem",
        ),
        rx.select.root(
            rx.select.trigger(aria_label="Agent"),
            rx.select.content(
                rx.select.item("Every agent", value="all"),
                rx.foreach(S.agent_options, lambda a: rx.select.item(a["name"], value=a["id"])),
            ),
            value=S.agent_id,
            on_change=S.set_agent,
        ),
        _switch("Repeats disagree", "disagreement", S.disagreement),
        _switch("Failed", "failed", S.failed),
        _switch("In the sample", "sampled", S.sampled),
        _switch("Already reviewed", "reviewed", S.reviewed),
        spacing="4",
        align="center",
        wrap="wrap",
        width="100%",
    )


def _settings() -> rx.Component:
    S = ReviewsState
    return rx.card(
        rx.hstack(
            rx.vstack(
                rx.text("Judge repeats (workspace default)", size="2", weight="medium"),
                rx.input(
                    value=S.judge_repeats,
                    on_change=S.set_judge_repeats,
                    type="number",
                    min="1",
                    max="11",
                    aria_label="Judge repeats",
                    disabled=~S.can_manage,
                ),
            ),
            rx.vstack(
                rx.text("Review sample rate (0 to 1)", size="2", weight="medium"),
                rx.input(
                    value=S.sample_rate,
                    on_change=S.set_sample_rate,
                    type="number",
                    min="0",
                    max="1",
                    step="0.05",
                    aria_label="Review sample rate",
                    disabled=~S.can_manage,
                ),
            ),
            rx.cond(S.can_manage, rx.button("Save", on_click=S.save_settings, variant="soft")),
            rx.cond(S.settings_error != "", rx.text(S.settings_error, color_scheme="red", size="1", role="alert")),
            align="end",
            spacing="4",
            wrap="wrap",
        ),
        width="100%",
    )


def _row(r: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.link(r.who, href="/sessions/" + r.session_id)),
        rx.table.cell(r.objective),
        rx.table.cell(rx.hstack(outcome_badge(r.outcome), blame_badge(r.blame), spacing="1")),
        rx.table.cell(rx.code(r.judge)),
        rx.table.cell(rx.cond(r.repeats != "", rx.badge(r.repeats, color_scheme="amber", variant="soft"), "")),
        rx.table.cell(rx.cond(r.sampled, rx.badge("sampled", variant="outline"), "")),
        rx.table.cell(r.ended),
        data_testid="queue-row",
    )


def reviews_page() -> rx.Component:
    S = ReviewsState
    headers = ("Session", "Objective", "Outcome", "Judge", "Repeats", "", "Ended")
    return shell(
        page_header(
            "Reviews",
            "Judged sessions waiting for a human reading; a review overrides the judge.",
            link_button("Judged conversations", "/judgements", icon="messages-square", variant="soft"),
        ),
        rx.vstack(
            _settings(),
            _filters(),
            rx.text(S.total, " sessions", size="2", color_scheme="gray"),
            rx.table.root(
                rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in headers])),
                rx.table.body(rx.foreach(S.rows, _row)),
                width="100%",
                variant="surface",
            ),
            rx.cond(
                S.rows.length() == 0,
                rx.text("Nothing waits for a review with these filters.", size="2", color_scheme="gray"),
            ),
            rx.hstack(
                rx.button("Previous", on_click=S.turn(-1), disabled=S.page <= 1, variant="soft"),
                rx.text("Page ", S.page, " of ", S.pages, size="2"),
                rx.button("Next", on_click=S.turn(1), disabled=S.page >= S.pages, variant="soft"),
                align="center",
            ),
            spacing="4",
            width="100%",
        ),
        active="/reviews",
    )
