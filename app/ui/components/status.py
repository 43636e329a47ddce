"""Badges for a session's status and outcome, and for findings' severity: each shows its code
in words (app/services/wording.py, the one mapping), colored by the code."""

from __future__ import annotations

import reflex as rx

from app.services import wording

_STATUS_COLORS = {"pending": "gray", "running": "blue", "completed": "green", "error": "orange",
                  "cancelled": "gray", "interrupted": "amber", "judging": "violet"}  # fmt: skip
_OUTCOME_COLORS = {
    "passed": "green",
    "failed": "red",
    "error": "orange",
    "cancelled": "gray",
    "inconclusive": "cyan",
    "simulator_error": "purple",
}
_SEVERITY_COLORS = {"low": "gray", "medium": "amber", "high": "orange", "critical": "red"}
_VERDICT_COLORS = {"met": "green", "not_met": "red", "inconclusive": "gray"}
_BLAME_COLORS = {"agent": "red", "simulator": "purple", "judge": "cyan", "infrastructure": "orange"}


def in_words(value: rx.Var, mapping: dict[str, str]) -> rx.Var:
    """A code Var in words; an unknown code as itself."""
    return rx.match(value, *mapping.items(), value)


def _badge(value: rx.Var, colors: dict[str, str], mapping: dict[str, str] | None = None, **props) -> rx.Component:
    color = rx.match(value, *[(k, v) for k, v in colors.items()], "gray")
    return rx.badge(in_words(value, mapping) if mapping else value, color_scheme=color, variant="soft", **props)


def status_badge(status: rx.Var, **props) -> rx.Component:
    return _badge(status, _STATUS_COLORS, wording.STATUS_WORDS, **props)


def outcome_badge(outcome: rx.Var, **props) -> rx.Component:
    return rx.cond(
        outcome != "",
        _badge(outcome, _OUTCOME_COLORS, wording.OUTCOME_WORDS, **props),
        rx.text("—", color_scheme="gray"),
    )


def severity_badge(severity: rx.Var) -> rx.Component:
    return _badge(severity, _SEVERITY_COLORS)


def verdict_badge(status: rx.Var) -> rx.Component:
    return _badge(status, _VERDICT_COLORS, wording.VERDICT_WORDS)


def blame_badge(blame: rx.Var) -> rx.Component:
    """Whose a failed or undecided verdict is; nothing when there is no blame."""
    return rx.cond(
        blame != "",
        rx.badge(
            "blame: ",
            blame,
            color_scheme=rx.match(blame, *_BLAME_COLORS.items(), "gray"),
            variant="outline",
        ),
    )


def labelled(label: str, badge: rx.Component) -> rx.Component:
    """A badge with what it says ("Status", "Outcome") before it, so the two are never confused."""
    return rx.hstack(rx.text(label, size="1", color_scheme="gray", weight="medium"), badge, spacing="1", align="center")
