"""/findings: the findings inbox. Every finding of the workspace grouped by its normalised
signature (one row per recurring problem: "the same reply 2 times" and "3 times" are one),
with how often, when and where it was seen, its highest severity, and the state the team
gave it (open, acknowledged, fixed, won't fix), which holds for later occurrences. A group
marked fixed that comes back reads "regressed". Services run in worker threads."""

from __future__ import annotations

import dataclasses
from urllib.parse import urlencode

import reflex as rx

from app.models.finding_groups import GROUP_SORTS, FindingGroup, FindingGroupUpdate, GroupState
from app.services import agents, finding_groups
from app.services.errors import ServiceError
from app.services.pagination import PageParams
from app.ui.components.layout import page_header, shell
from app.ui.components.status import severity_badge
from app.ui.formatting import when
from app.ui.state.auth import AuthState

ROUTE = "/findings"
PAGE_SIZE = 25
STATE_LABELS = {"open": "Open", "acknowledged": "Acknowledged", "fixed": "Fixed", "wont_fix": "Won't fix"}
TABS = (("active", "To do"), ("open", "Open"), ("acknowledged", "Acknowledged"), ("regressed", "Regressed"),
        ("fixed", "Fixed"), ("wont_fix", "Won't fix"), ("all", "All"))  # fmt: skip
SORT_LABELS = {"lastSeen": "Last seen", "count": "Most frequent", "severity": "Most severe", "firstSeen": "Newest"}


@dataclasses.dataclass
class GroupRow:
    signature: str
    type: str
    rule: str
    description: str
    pattern: str
    severity: str
    count: str
    sessions: str
    first_seen: str
    last_seen: str
    agents: str
    pages: str
    state: str
    state_label: str
    regressed: bool
    regressed_note: str
    latest_session_id: str


def _when(value) -> str:
    return when(value, empty="")


def _row(g: FindingGroup) -> GroupRow:
    pages = ", ".join(g.pages[:3]) + (f" and {len(g.pages) - 3} more" if len(g.pages) > 3 else "")
    return GroupRow(
        signature=g.signature, type=g.type, rule=g.rule if g.rule != g.type else "", description=g.description,
        pattern=g.pattern, severity=g.severity, count=f"{g.count:,}", sessions=f"{g.sessions:,}",
        first_seen=_when(g.first_seen), last_seen=_when(g.last_seen),
        agents=", ".join(a["name"] for a in g.agents), pages=pages, state=g.state,
        state_label=STATE_LABELS.get(g.state, g.state), regressed=g.regressed,
        regressed_note=f"Seen {g.seen_since_fixed} time{'s' if g.seen_since_fixed != 1 else ''} since it was marked "
        f"fixed on {_when(g.fixed_at)}" if g.regressed else "",
        latest_session_id=g.latest_session_id,
    )  # fmt: skip


def _inbox_filters(tab: str, severity: str, agent_id: str, sort: str) -> finding_groups.GroupFilters:
    state = None if tab == "all" else tab
    return finding_groups.GroupFilters(state=state, severity=severity or None, agent_id=agent_id or None, sort=sort)


class FindingsState(AuthState):
    rows: list[GroupRow] = []
    total: int = 0
    page: int = 1
    tab: str = "active"
    severity: str = ""
    agent_id: str = ""
    sort: str = "lastSeen"
    counts: dict[str, int] = {}
    agent_options: list[dict[str, str]] = []
    error: str = ""
    loading: bool = False

    def _query(self) -> dict[str, str]:
        wanted = {"state": self.tab if self.tab != "active" else "", "severity": self.severity,
                  "agentId": self.agent_id, "sort": self.sort if self.sort != "lastSeen" else ""}  # fmt: skip
        return {k: v for k, v in wanted.items() if v}

    def _go(self):
        """The filters live in the URL, like analytics': shareable, and back and forward work."""
        self.page = 1
        query = self._query()
        if query == dict(self.router.url.query_parameters):
            return FindingsState.refresh
        return rx.redirect(ROUTE + ("?" + urlencode(query) if query else ""))

    @rx.event(background=True)
    async def load(self):
        async with self:
            query = self.router.url.query_parameters
            tab = query.get("state", "active")
            self.tab = tab if tab in dict(TABS) else "active"
            self.severity = query.get("severity", "") if query.get("severity") in finding_groups.SEVERITY_RANK else ""
            self.agent_id = query.get("agentId", "")
            self.sort = query.get("sort", "lastSeen") if query.get("sort") in GROUP_SORTS else "lastSeen"
            self.page = 1
        try:
            found = await self._call(agents.list_agents, params=PageParams(page=1, limit=100))
        except ServiceError as exc:
            yield rx.toast.error(str(exc))
            return
        async with self:
            self.agent_options = [{"id": a.id, "name": a.name} for a in found.data]
        yield FindingsState.refresh

    @rx.event(background=True)
    async def refresh(self):
        async with self:
            self.loading, self.error = True, ""
            asked = (self.tab, self.severity, self.agent_id, self.sort, self.page)
        tab, severity, agent_id, sort, page = asked
        params = PageParams(page=page, limit=PAGE_SIZE)
        try:
            counts = await self._call(finding_groups.open_counts)
            listed = await self._call(
                finding_groups.list_groups, params=params, filters=_inbox_filters(tab, severity, agent_id, sort)
            )
        except ServiceError as exc:
            async with self:
                self.loading, self.error, self.rows = False, exc.message, []
            return
        async with self:
            if (self.tab, self.severity, self.agent_id, self.sort, self.page) != asked:
                return  # another question was asked meanwhile
            self.loading, self.total, self.counts = False, listed.pagination.total, counts
            self.rows = [_row(g) for g in listed.data]

    @rx.event
    def choose_tab(self, value: str):
        self.tab = value
        return self._go()

    @rx.event
    def choose_severity(self, value: str):
        self.severity = value
        return self._go()

    @rx.event
    def choose_agent(self, value: str):
        self.agent_id = value
        return self._go()

    @rx.event
    def choose_sort(self, value: str):
        self.sort = value
        return self._go()

    @rx.event
    def turn(self, step: int):
        self.page = max(1, self.page + step)
        return FindingsState.refresh

    @rx.event(background=True)
    async def set_state(self, signature: str, state: str):
        try:
            changed = await self._call(
                finding_groups.set_group_state, signature=signature, data=FindingGroupUpdate(state=GroupState(state))
            )
        except (ServiceError, ValueError) as exc:
            yield rx.toast.error(str(exc))
            return
        yield rx.toast.success(f"Marked {STATE_LABELS[changed.state].lower()}: {changed.pattern[:80]}")
        yield FindingsState.refresh

    @rx.var
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


_SELECT_STYLE = {
    "height": "var(--space-6)", "font_size": "var(--font-size-2)", "padding": "0 0.4rem",
    "border_radius": "var(--radius-2)", "border": f"1px solid {rx.color('gray', 7)}",
    "background": rx.color("gray", 1), "color": rx.color("gray", 12), "max_width": "100%",
}  # fmt: skip


def _select(label: str, field_id: str, options: list[tuple[str, str]] | rx.Var, value: rx.Var, on_change):
    items = (
        [rx.el.option(text, value=key) for key, text in options]
        if isinstance(options, list)
        else [rx.el.option("Every agent", value=""),
              rx.foreach(options, lambda o: rx.el.option(o["name"], value=o["id"]))]
    )  # fmt: skip
    return rx.vstack(
        rx.el.label(rx.text(label, size="1", weight="medium"), html_for=field_id),
        rx.el.select(*items, id=field_id, value=value, on_change=on_change, style=_SELECT_STYLE),
        spacing="1",
    )


def _filters() -> rx.Component:
    S = FindingsState
    severities = [("", "Any severity"), ("medium", "Medium or worse"), ("high", "High or worse"),
                  ("critical", "Critical")]  # fmt: skip
    return rx.vstack(
        rx.flex(
            *[
                rx.button(
                    label,
                    rx.badge(S.counts.get(key, 0), variant="soft", radius="full")
                    if key not in ("all", "active")
                    else rx.fragment(),
                    size="1",
                    variant=rx.cond(S.tab == key, "solid", "soft"),
                    on_click=S.choose_tab(key),
                    aria_pressed=rx.cond(S.tab == key, "true", "false"),
                )
                for key, label in TABS
            ],
            spacing="2",
            wrap="wrap",
        ),  # fmt: skip
        rx.flex(
            _select("Severity", "findings-severity", severities, S.severity, S.choose_severity),
            _select("Agent", "findings-agent", S.agent_options, S.agent_id, S.choose_agent),
            _select("Sort", "findings-sort", list(SORT_LABELS.items()), S.sort, S.choose_sort),
            spacing="3",
            wrap="wrap",
        ),
        spacing="3",
        width="100%",
    )


def _state_menu(r: rx.Var) -> rx.Component:
    return rx.el.select(
        *[rx.el.option(label, value=key) for key, label in STATE_LABELS.items()],
        value=r.state,
        on_change=lambda value: FindingsState.set_state(r.signature, value),
        disabled=~AuthState.can_write,
        aria_label="State of " + r.pattern,
        style=_SELECT_STYLE,
    )


def _group_row(r: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(severity_badge(r.severity)),
        rx.table.cell(
            rx.vstack(
                rx.hstack(
                    rx.code(r.type),
                    rx.cond(r.rule != "", rx.code(r.rule, variant="outline")),
                    rx.cond(r.regressed, rx.badge("Regressed", color_scheme="red", title=r.regressed_note)),
                    spacing="1", wrap="wrap",
                ),
                rx.text(r.description, size="2"),
                rx.text("Pattern: ", rx.code(r.pattern), size="1", color_scheme="gray"),
                rx.cond(r.regressed, rx.text(r.regressed_note, size="1", color_scheme="red")),
                rx.cond(r.pages != "", rx.text("Pages: ", r.pages, size="1", color_scheme="gray")),
                spacing="1", align="start",
            ),
            min_width="18rem",
        ),
        rx.table.cell(rx.text(r.count, weight="bold"), rx.text(" in ", r.sessions, " sessions", size="1")),
        rx.table.cell(rx.text(r.first_seen, size="1"), rx.text(r.last_seen, size="1"), white_space="nowrap"),
        rx.table.cell(rx.text(r.agents, size="2")),
        rx.table.cell(
            rx.vstack(
                _state_menu(r),
                rx.link("Latest session", href="/sessions/" + r.latest_session_id, size="1"),
                spacing="1",
            )
        ),
        data_testid="finding-group",
        vertical_align="top",
    )  # fmt: skip


def findings_page() -> rx.Component:
    S = FindingsState
    headers = ("Severity", "Problem", "Count", "First / last seen (UTC)", "Agents", "State")
    return shell(
        page_header(
            "Findings",
            "Each recurring problem once, across sessions: counts, quotes, numbers and ids set aside. "
            "A state you give it holds for its later occurrences.",
        ),
        rx.vstack(
            _filters(),
            rx.cond(S.error != "", rx.callout(S.error, icon="triangle-alert", color_scheme="red", width="100%")),
            rx.text(S.total, " problems", size="2", color_scheme="gray", data_testid="findings-total"),
            rx.box(
                rx.table.root(
                    rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in headers])),
                    rx.table.body(rx.foreach(S.rows, _group_row)),
                    width="100%",
                    variant="surface",
                ),
                overflow_x="auto",
                width="100%",
            ),
            rx.cond(
                (S.rows.length() == 0) & ~S.loading,
                rx.text("No finding in this view.", size="2", color_scheme="gray"),
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
        active=ROUTE,
    )
