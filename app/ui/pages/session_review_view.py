"""/sessions/<id>, continued: the re-judge dialog, the judgements, and the human review form
(the state is session_review.py)."""

from __future__ import annotations

import reflex as rx

from app.ui.components.model_picker import picker_props
from app.ui.components.status import outcome_badge, severity_badge, verdict_badge
from app.ui.pages import session_detail_view
from app.ui.pages.session_detail import SessionState
from app.ui.pages.session_review import FINDING_TYPES, SEVERITIES, STATUS_OPTIONS, JudgingState
from app.ui.state.auth import AuthState


def _rejudge_dialog() -> rx.Component:
    S = JudgingState
    return rx.dialog.root(
        rx.dialog.trigger(
            rx.button(
                rx.icon("refresh-cw", size=14),
                "Re-judge",
                variant="soft",
                disabled=~S.can_rejudge,
                data_testid="rejudge",
            )
        ),
        rx.dialog.content(
            rx.dialog.title("Judge this session again"),
            rx.dialog.description(
                "The stored transcript is judged again, without replaying it. Every judgement is "
                "kept; the new one becomes the verdict unless a review overrides it.",
                size="2",
            ),
            rx.vstack(
                rx.text("Judge model (empty: the session's)", size="2", weight="medium"),
                rx.input(
                    value=S.rejudge_model,
                    on_change=S.set_rejudge_model,
                    placeholder="mimic/offline",
                    aria_label="Judge model",
                    **picker_props(),
                ),
                rx.hstack(
                    rx.vstack(
                        rx.text("Repeats", size="2", weight="medium"),
                        rx.input(
                            value=S.rejudge_repeats,
                            on_change=S.set_rejudge_repeats,
                            type="number",
                            min="1",
                            max="11",
                            aria_label="Repeats",
                        ),
                    ),
                    rx.vstack(
                        rx.text("Temperature (empty: 0, or 0.7 with repeats)", size="2", weight="medium"),
                        rx.input(
                            value=S.rejudge_temperature,
                            on_change=S.set_rejudge_temperature,
                            type="number",
                            step="0.1",
                            min="0",
                            max="2",
                            aria_label="Temperature",
                        ),
                    ),
                    spacing="4",
                ),
                rx.cond(
                    S.rejudge_error != "",
                    rx.callout(S.rejudge_error, color_scheme="red", icon="triangle-alert", role="alert", width="100%"),
                ),
                rx.hstack(
                    rx.dialog.close(rx.button("Cancel", variant="soft", color_scheme="gray")),
                    rx.button("Judge again", on_click=S.rejudge, loading=S.rejudging, data_testid="rejudge-submit"),
                    justify="end",
                    width="100%",
                ),
                spacing="3",
                padding_top="1rem",
            ),
        ),
        open=S.rejudge_open,
        on_open_change=S.open_rejudge,
    )


def judgements_card() -> rx.Component:
    S = JudgingState
    row = lambda j: rx.table.row(  # noqa: E731
        rx.table.cell(j.when),
        rx.table.cell(rx.code(j.judge)),
        rx.table.cell(j.trigger),
        rx.table.cell(j.repeats),
        rx.table.cell(outcome_badge(j.outcome)),
        rx.table.cell(rx.cond(j.status == "error", rx.badge("judge failed", color_scheme="orange"), ""), " ", j.detail),
        data_testid="judgement-row",
    )
    return rx.card(
        rx.vstack(
            rx.hstack(
                rx.heading("Judgements", size="4", as_="h2"),
                rx.spacer(),
                width="100%",
                align="center",
            ),
            rx.text("Newest first; the latest completed one is the verdict.", size="1", color_scheme="gray"),
            rx.table.root(
                rx.table.header(
                    rx.table.row(
                        *[
                            rx.table.column_header_cell(h)
                            for h in ("When", "Judge · prompt", "Asked by", "Repeats", "Outcome", "")
                        ]
                    )
                ),
                rx.table.body(rx.foreach(S.judgements, row)),
                size="1",
                width="100%",
            ),
            spacing="2",
        ),
        width="100%",
        on_mount=S.load_judging,
    )


def _criterion_review(c: rx.Var) -> rx.Component:
    S = JudgingState
    return rx.hstack(
        rx.vstack(
            rx.text(c.text, size="2", weight="medium"),
            rx.hstack(rx.text("Judge:", size="1", color_scheme="gray"), verdict_badge(c.judge_status), align="center"),
            spacing="1",
            flex="1",
        ),
        rx.select.root(
            rx.select.trigger(aria_label="Your reading"),
            rx.select.content(*[rx.select.item(label, value=value) for value, label in STATUS_OPTIONS]),
            value=c.status,
            on_change=lambda v: S.set_criterion_status(c.index, v),
        ),
        rx.input(
            value=c.note,
            on_change=lambda v: S.set_criterion_note(c.index, v),
            placeholder="Note",
            aria_label="Note",
            width="16rem",
        ),
        align="center",
        width="100%",
        spacing="3",
        data_testid="review-criterion",
    )


def _finding_decision(f: rx.Var) -> rx.Component:
    S = JudgingState
    return rx.hstack(
        severity_badge(f.severity),
        rx.badge(f.type, variant="outline"),
        rx.text(f.description, size="2", flex="1"),
        rx.radio_group.root(
            rx.hstack(
                rx.radio_group.item(value="confirmed"),
                rx.text("Confirm", size="2"),
                rx.radio_group.item(value="dismissed"),
                rx.text("Dismiss", size="2"),
                align="center",
            ),
            value=f.decision,
            on_change=lambda v: S.decide_finding(f.id, v),
            aria_label="Confirm or dismiss",
        ),
        align="center",
        width="100%",
        data_testid="review-finding",
    )


def review_card() -> rx.Component:
    S = JudgingState
    select = lambda value, options, handler, label: rx.select.root(  # noqa: E731
        rx.select.trigger(aria_label=label),
        rx.select.content(*[rx.select.item(o, value=o) for o in options]),
        value=value,
        on_change=handler,
    )
    return rx.cond(
        S.can_review,
        rx.card(
            rx.vstack(
                rx.heading("Human review", size="4", as_="h2"),
                rx.cond(
                    S.has_review,
                    rx.text(
                        "Last reviewed by ",
                        S.last_review["who"],
                        " on ",
                        S.last_review["when"],
                        ": ",
                        S.last_review["outcome"],
                        " · ",
                        S.last_review["disagreements"],
                        " disagreement(s) with the judge",
                        size="2",
                        data_testid="last-review",
                    ),
                    rx.text(
                        "Not reviewed yet. Your reading of each criterion overrides the judge's.",
                        size="2",
                        color_scheme="gray",
                    ),
                ),
                rx.foreach(S.review_criteria, _criterion_review),
                rx.cond(S.review_findings.length() > 0, rx.heading("The judge's findings", size="3", as_="h3")),
                rx.foreach(S.review_findings, _finding_decision),
                rx.heading("A finding the judge missed", size="3", as_="h3"),
                rx.hstack(
                    select(S.new_type, FINDING_TYPES, S.set_new_type, "Finding type"),
                    select(S.new_severity, SEVERITIES, S.set_new_severity, "Severity"),
                    rx.input(
                        value=S.new_description,
                        on_change=S.set_new_description,
                        placeholder="What happened",
                        aria_label="What happened",
                        flex="1",
                    ),
                    rx.input(
                        value=S.new_evidence,
                        on_change=S.set_new_evidence,
                        placeholder="Messages: 2, 4",
                        aria_label="Messages",
                        width="9rem",
                    ),
                    rx.button("Add", on_click=S.add_finding, variant="soft", data_testid="add-finding"),
                    width="100%",
                    align="center",
                ),
                rx.foreach(
                    S.review_added,
                    lambda a, i: rx.hstack(
                        severity_badge(a.severity),
                        rx.badge(a.type, variant="outline"),
                        rx.text(a.description, size="2"),
                        rx.text("messages ", a.evidence, size="1", color_scheme="gray"),
                        rx.icon_button(
                            rx.icon("x", size=12),
                            size="1",
                            variant="ghost",
                            aria_label="Remove",
                            on_click=S.remove_added(i),
                        ),
                        align="center",
                        data_testid="added-finding",
                    ),
                ),
                rx.text_area(
                    value=S.review_note,
                    on_change=S.set_review_note,
                    placeholder="A note on the whole session (optional)",
                    aria_label="Review note",
                    width="100%",
                ),
                rx.cond(
                    S.review_error != "",
                    rx.callout(S.review_error, color_scheme="red", icon="triangle-alert", role="alert", width="100%"),
                ),
                rx.button(
                    "Save review",
                    on_click=S.submit_review,
                    loading=S.reviewing,
                    disabled=~AuthState.can_write,
                    data_testid="save-review",
                ),
                spacing="3",
                width="100%",
            ),
            width="100%",
        ),
    )


def session_page() -> rx.Component:
    # Shown once the session has ended; mounting (also when it ends while watched) loads them.
    ended = ~SessionState.running & (SessionState.status != "")
    return session_detail_view.session_page(
        rx.cond(ended, judgements_card()),
        rx.cond(ended, review_card()),
        actions=(rx.cond(ended & AuthState.can_write, _rejudge_dialog()),),
    )
