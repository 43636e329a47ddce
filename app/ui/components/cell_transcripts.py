"""The compare page's changed cells: per cell, the verdict rows whose status changed, then the
baseline's session and this run's side by side, each message numbered as on its session page.
Every text is an agent's or a model's: shown as text, never as markup."""

from __future__ import annotations

import dataclasses

import reflex as rx

from app.ui.components.status import verdict_badge


@dataclasses.dataclass
class TranscriptMessage:
    number: str
    sender: str
    content: str


@dataclasses.dataclass
class ChangedRow:
    kind: str  # criterion | check
    criterion: str
    before: str  # in words ("not met"), "—" when the row is new
    after: str
    before_code: str  # met | not_met | inconclusive | "" (for the badge's color)
    after_code: str
    before_reason: str
    after_reason: str


@dataclasses.dataclass
class ChangedCell:
    persona: str
    objective: str
    change: str
    base_href: str
    base_label: str
    base_messages: list[TranscriptMessage]
    base_more: str
    cur_href: str
    cur_label: str
    cur_messages: list[TranscriptMessage]
    cur_more: str
    rows: list[ChangedRow]


def _message(m: rx.Var) -> rx.Component:
    is_persona = m.sender == "persona"
    return rx.box(
        rx.text("#", m.number, " ", rx.cond(is_persona, "Persona", "Agent"), size="1", weight="bold",
                color_scheme=rx.cond(is_persona, "violet", "gray")),  # fmt: skip
        rx.text(m.content, size="2", white_space="pre-wrap", word_break="break-word"),
        background=rx.cond(is_persona, rx.color("violet", 2), rx.color("gray", 2)),
        padding="0.4rem 0.6rem",
        border_radius="var(--radius-3)",
        width="100%",
        data_testid="compare-message",
    )


def _side(title: str, href: rx.Var, label: rx.Var, messages: rx.Var, more: rx.Var, testid: str) -> rx.Component:
    return rx.vstack(
        rx.hstack(
            rx.text(title, size="2", weight="bold"),
            rx.cond(href != "", rx.link(label, href=href, size="2"), rx.text(label, size="2", color_scheme="gray")),
            spacing="2",
            wrap="wrap",
        ),
        rx.foreach(messages, _message),
        rx.cond(more != "", rx.text(more, size="1", color_scheme="gray")),
        spacing="2",
        width="100%",
        min_width="0",
        data_testid=testid,
    )


def _row(r: rx.Var) -> rx.Component:
    return rx.table.row(
        rx.table.cell(rx.text(r.criterion, size="2"), rx.text(r.kind, size="1", color_scheme="gray")),
        rx.table.cell(
            rx.cond(r.before_code != "", verdict_badge(r.before_code), rx.text("—")),
            rx.text(r.before_reason, size="1", color_scheme="gray"),
        ),
        rx.table.cell(
            rx.cond(r.after_code != "", verdict_badge(r.after_code), rx.text("—")),
            rx.text(r.after_reason, size="1", color_scheme="gray"),
        ),
        data_testid="changed-verdict-row",
        data_before=r.before_code,
        data_after=r.after_code,
    )


def _cell(c: rx.Var) -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.badge(c.change, variant="solid", color_scheme=rx.match(c.change, ("regressed", "red"),
                                                                          ("fixed", "green"), "gray")),  # fmt: skip
                rx.text(c.persona, " × ", c.objective, weight="medium", size="3"),
                spacing="2",
                align="center",
                wrap="wrap",
            ),
            rx.cond(
                c.rows.length() > 0,
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell("Verdict row that changed"),
                            rx.table.column_header_cell("Baseline"),
                            rx.table.column_header_cell("This run"),
                        )
                    ),
                    rx.table.body(rx.foreach(c.rows, _row)),
                    size="1",
                    variant="surface",
                    width="100%",
                ),
                rx.text("No verdict row changed between these two sessions.", size="1", color_scheme="gray"),
            ),
            rx.grid(
                _side("Baseline", c.base_href, c.base_label, c.base_messages, c.base_more, "baseline-transcript"),
                _side("This run", c.cur_href, c.cur_label, c.cur_messages, c.cur_more, "current-transcript"),
                columns=rx.breakpoints(initial="1", md="2"),
                spacing="4",
                width="100%",
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
        data_testid="changed-cell",
    )


def changed_cells(cells: rx.Var) -> rx.Component:
    return rx.cond(
        cells.length() > 0,
        rx.vstack(
            rx.heading("Changed cells, side by side", size="4", as_="h2"),
            rx.text(
                "Per changed cell, a session of each run (the repeat whose outcome changed, else the first).",
                size="1",
                color_scheme="gray",
            ),
            rx.foreach(cells, _cell),
            spacing="3",
            width="100%",
        ),
    )
