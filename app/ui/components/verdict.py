"""The parts of a verdict as the session page shows them: a criterion's or check's row and
the citations that link to the messages (or a browser session's steps) it names. Rows are
State vars of the page's VerdictRow / Citation dataclasses."""

from __future__ import annotations

import reflex as rx

from app.ui.components.status import blame_badge, verdict_badge


def citations(evidence: rx.Var, lead: str = "Evidence: ") -> rx.Component:
    """Cited messages or steps, each a link to it (a browser session's steps: data-testid cited-step)."""
    return rx.cond(
        evidence.length() > 0,
        rx.hstack(
            rx.text(lead, size="1", color_scheme="gray"),
            rx.foreach(
                evidence,
                lambda c: rx.cond(
                    c.anchor != "",
                    rx.cond(
                        c.kind == "step",
                        rx.el.a(c.label, href=c.anchor, data_testid="cited-step", style={"font_size": "0.8rem"}),
                        rx.el.a(c.label, href=c.anchor, data_testid="evidence-link", style={"font_size": "0.8rem"}),
                    ),
                    rx.text(c.label, size="1", color_scheme="gray"),
                ),
            ),
            spacing="1",
            wrap="wrap",
            align="center",
        ),
    )


def verdict_row(row: rx.Var, testid: str) -> rx.Component:
    """A criterion or check row: status, blame, source, agreement of repeats, reasoning, evidence."""
    advisory = rx.cond(~row.gating, rx.text("advisory", size="1", color_scheme="gray"))
    return rx.hstack(
        verdict_badge(row.status),
        rx.vstack(
            rx.text(row.criterion, weight="medium", size="2"),
            rx.hstack(
                blame_badge(row.blame),
                rx.badge(row.source, variant="surface", color_scheme="gray", size="1"),
                rx.cond(
                    row.agreement != "",
                    rx.badge("agreement ", row.agreement, variant="soft", size="1", data_testid="agreement"),
                ),
                rx.cond(row.unstable, rx.badge("unstable", color_scheme="amber", size="1", data_testid="unstable")),
                *([advisory] if testid == "check-row" else []),
                spacing="2",
                align="center",
            ),
            rx.text(row.reasoning, size="2", color_scheme="gray"),
            citations(row.evidence),
            spacing="1",
        ),
        align="start",
        spacing="3",
        data_testid=testid,
        data_status=row.status,
    )
