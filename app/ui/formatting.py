"""How the dashboard writes a moment and a rate: one helper for each, used by every page."""

from __future__ import annotations

from datetime import UTC, datetime


def when(moment: datetime | None, *, seconds: bool = False, zone: bool = False, empty: str = "—") -> str:
    """`2026-12-04 09:30` in UTC (with `:15` seconds and a ` UTC` suffix when asked)."""
    if moment is None:
        return empty
    if moment.tzinfo is not None:
        moment = moment.astimezone(UTC)
    text = moment.strftime("%Y-%m-%d %H:%M:%S" if seconds else "%Y-%m-%d %H:%M")
    return f"{text} UTC" if zone else text


def percent(rate: float | None, *, digits: int = 1, empty: str = "—") -> str:
    """A rate in [0, 1] as `87.5%`."""
    return empty if rate is None else f"{rate * 100:.{digits}f}%"
