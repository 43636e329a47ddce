"""A verdict's rows as the session page shows them: each criterion or check with its status,
whose it is, the judge's agreement over repeats, and citations that link to the numbered
messages (or steps) they name; and the findings' rows."""

from __future__ import annotations

import dataclasses

import reflex as rx

from app.ui.components.status import blame_badge, verdict_badge


@dataclasses.dataclass
class Citation:
    label: str  # "#3" (a message's number) or "step 4"
    anchor: str  # "#message-3" or "#step-<id>", or "" when it cannot link
    kind: str = "message"  # message | step


@dataclasses.dataclass
class VerdictRow:
    criterion: str
    status: str
    reasoning: str
    blame: str
    source: str
    gating: bool
    resolved_by: str
    evidence: list[Citation]
    agreement: str = ""  # "4/5" with judge repeats
    unstable: bool = False


@dataclasses.dataclass
class FindingRow:
    type: str
    severity: str
    description: str
    perspective: str
    source: str
    evidence: list[Citation]


def citations(evidence: rx.Var, lead: str = "Evidence: ") -> rx.Component:
    """Cited messages or steps, each a link to it (a browser session's steps: data-testid cited-step).
    The browser follows the fragment itself (reload_document: the router's pushState would not),
    so the message scrolls into view and matches :target, which highlights it."""
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
                        rx.el.a(c.label, href=c.anchor, data_testid="cited-step", reload_document=True,
                                style={"font_size": "0.8rem"}),
                        rx.el.a(c.label, href=c.anchor, data_testid="evidence-link", reload_document=True,
                                style={"font_size": "0.8rem"}),
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
