"""/calibration: calibration sets, running a judge over one, the reports side by side per
judge model and prompt version, and what a report's judge got wrong (state: calibration.py)."""

from __future__ import annotations

import reflex as rx

from app.services.calibration import STATUSES
from app.ui.components.layout import page_header, shell
from app.ui.components.model_picker import picker_props
from app.ui.components.status import verdict_badge
from app.ui.pages.calibration import CalibrationState
from app.ui.state.auth import AuthState

S = CalibrationState


def _error(message: rx.Var) -> rx.Component:
    return rx.cond(
        message != "", rx.callout(message, color_scheme="red", icon="triangle-alert", role="alert", width="100%")
    )


def _sets() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Calibration sets", size="4", as_="h2"),
            rx.text(
                "Labelled conversations: a persona, an objective, the transcript, one label per criterion (met, "
                "not_met, inconclusive, with evidence) and the findings a careful reader expects.",
                size="2",
                color_scheme="gray",
            ),
            rx.foreach(
                S.sets,
                lambda s: rx.hstack(
                    rx.text(s.name, weight="medium", size="2"),
                    rx.badge(s.source, variant="outline"),
                    rx.text(s.counts, size="1", color_scheme="gray"),
                    align="center",
                    data_testid="calibration-set",
                ),
            ),
            rx.cond(
                AuthState.can_write,
                rx.grid(
                    rx.vstack(
                        rx.text("Import (paste JSON or YAML)", size="2", weight="medium"),
                        rx.text_area(
                            value=S.import_text,
                            on_change=S.set_import_text,
                            rows="6",
                            width="100%",
                            aria_label="Calibration set (JSON or YAML)",
                            placeholder="name: my-set\ncases:\n  - id: ...",
                        ),
                        rx.button("Import", on_click=S.import_set, variant="soft", data_testid="import-set"),
                        _error(S.import_error),
                        width="100%",
                    ),
                    rx.vstack(
                        rx.text("Build from reviewed sessions", size="2", weight="medium"),
                        rx.text(
                            "Each reviewed session becomes a case: the reviewer's readings are the labels.",
                            size="1",
                            color_scheme="gray",
                        ),
                        rx.input(value=S.build_name, on_change=S.set_build_name, aria_label="Name of the new set"),
                        rx.button(
                            "Build set", on_click=S.build_from_reviews, variant="soft", data_testid="build-from-reviews"
                        ),
                        _error(S.build_error),
                        width="100%",
                    ),
                    columns=rx.breakpoints(initial="1", md="2"),
                    spacing="4",
                    width="100%",
                ),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _run() -> rx.Component:
    return rx.cond(
        AuthState.can_write,
        rx.card(
            rx.vstack(
                rx.heading("Run a judge over a set", size="4", as_="h2"),
                rx.hstack(
                    rx.select.root(
                        rx.select.trigger(placeholder="Calibration set", aria_label="Calibration set"),
                        rx.select.content(rx.foreach(S.sets, lambda s: rx.select.item(s.name, value=s.id))),
                        value=S.run_set,
                        on_change=S.set_run_set,
                    ),
                    rx.input(
                        value=S.run_model,
                        on_change=S.set_run_model,
                        aria_label="Judge model",
                        width="18rem",
                        **picker_props(),
                    ),
                    rx.input(
                        value=S.run_repeats,
                        on_change=S.set_run_repeats,
                        type="number",
                        min="1",
                        max="11",
                        aria_label="Repeats",
                        width="6rem",
                    ),
                    rx.button("Calibrate", on_click=S.start, loading=S.running, data_testid="start-calibration"),
                    align="center",
                    wrap="wrap",
                ),
                _error(S.run_error),
                spacing="3",
            ),
            width="100%",
        ),
    )


def _side_by_side() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Side by side", size="4", as_="h2"),
                rx.select.root(
                    rx.select.trigger(placeholder="Set", aria_label="Compare on set"),
                    rx.select.content(rx.foreach(S.sets, lambda s: rx.select.item(s.name, value=s.name))),
                    value=S.compare_set,
                    on_change=S.choose_compare,
                ),
                align="center",
                spacing="3",
            ),
            rx.text(
                "The latest report of each judge model and prompt version on the set.", size="1", color_scheme="gray"
            ),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        rx.table.column_header_cell("Figure"),
                        rx.foreach(S.compare_headers, lambda h: rx.table.column_header_cell(h)),
                    )
                ),
                rx.table.body(
                    rx.foreach(
                        S.compare_rows,
                        lambda row: rx.table.row(
                            rx.foreach(row, lambda v: rx.table.cell(v)), data_testid="compare-row"
                        ),
                    )
                ),
                size="1",
                variant="surface",
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _reports() -> rx.Component:
    headers = ("When", "Set", "Judge", "Status", "Cases", "Accuracy", "Kappa", "")
    return rx.card(
        rx.vstack(
            rx.heading("Reports", size="4", as_="h2"),
            rx.table.root(
                rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in headers])),
                rx.table.body(
                    rx.foreach(
                        S.reports,
                        lambda r: rx.table.row(
                            rx.table.cell(r.when),
                            rx.table.cell(r.set_name),
                            rx.table.cell(rx.code(r.judge)),
                            rx.table.cell(r.status),
                            rx.table.cell(r.progress),
                            rx.table.cell(r.accuracy),
                            rx.table.cell(r.kappa, data_testid="report-kappa"),
                            rx.table.cell(rx.button("Open", size="1", variant="soft", on_click=S.select(r.id))),
                            data_testid="report-row",
                        ),
                    )
                ),
                size="1",
                width="100%",
            ),
            spacing="2",
            width="100%",
        ),
        width="100%",
    )


def _selected() -> rx.Component:
    return rx.cond(
        S.selected != "",
        rx.card(
            rx.vstack(
                rx.heading("Report", size="4", as_="h2"),
                rx.text(S.selected_title, size="2", data_testid="report-title"),
                rx.table.root(
                    rx.table.header(
                        rx.table.row(
                            rx.table.column_header_cell("label ↓ · judge →"),
                            *[rx.table.column_header_cell(s) for s in STATUSES],
                        )
                    ),
                    rx.table.body(
                        rx.foreach(
                            S.confusion,
                            lambda row: rx.table.row(
                                rx.foreach(row, lambda v: rx.table.cell(v)), data_testid="confusion-row"
                            ),
                        )
                    ),
                    size="1",
                    variant="surface",
                ),
                rx.heading("What the judge got wrong", size="3", as_="h3"),
                rx.cond(S.wrong.length() == 0, rx.text("Every criterion agrees with its label.", size="2")),
                rx.foreach(
                    S.wrong,
                    lambda w: rx.vstack(
                        rx.text(w.case, " — ", w.criterion, size="2", weight="medium"),
                        rx.hstack(
                            rx.text("Label:", size="1"),
                            verdict_badge(w.label),
                            rx.text(w.label_why, size="1"),
                            align="center",
                        ),
                        rx.hstack(
                            rx.text("Judge:", size="1"),
                            verdict_badge(w.judge),
                            rx.text(w.judge_reasoning, size="1", color_scheme="gray"),
                            align="center",
                        ),
                        spacing="1",
                        padding_y="0.3rem",
                        data_testid="wrong-case",
                    ),
                ),
                rx.cond(
                    S.missed.length() > 0,
                    rx.text(
                        "Findings missed: ",
                        rx.foreach(S.missed, lambda m: rx.badge(m, variant="outline", margin_right="0.25rem")),
                        size="2",
                    ),
                ),
                spacing="2",
                width="100%",
            ),
            width="100%",
        ),
    )


def calibration_page() -> rx.Component:
    return shell(
        page_header("Calibration", "Measure the judge on your own labelled conversations before trusting it."),
        rx.vstack(_sets(), _run(), _side_by_side(), _selected(), _reports(), spacing="4", width="100%"),
        active="/calibration",
    )
