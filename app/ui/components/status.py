"""Badges for a session's status and outcome, and for findings' severity."""

from __future__ import annotations

import reflex as rx

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


def _badge(value: rx.Var, colors: dict[str, str]) -> rx.Component:
    return rx.badge(value, color_scheme=rx.match(value, *[(k, v) for k, v in colors.items()], "gray"), variant="soft")


def status_badge(status: rx.Var) -> rx.Component:
    return _badge(status, _STATUS_COLORS)


def outcome_badge(outcome: rx.Var) -> rx.Component:
    return rx.cond(outcome != "", _badge(outcome, _OUTCOME_COLORS), rx.text("—", color_scheme="gray"))


def severity_badge(severity: rx.Var) -> rx.Component:
    return _badge(severity, _SEVERITY_COLORS)


def verdict_badge(status: rx.Var) -> rx.Component:
    return _badge(status, _VERDICT_COLORS)


def blame_badge(blame: rx.Var) -> rx.Component:
    """Whose a failed or undecided verdict is; nothing when there is no blame."""
    return rx.cond(
        blame != "",
        rx.badge("blame: ", blame, color_scheme=rx.match(blame, *_BLAME_COLORS.items(), "gray"), variant="outline"),
    )
