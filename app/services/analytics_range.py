"""The range of an analytics question: whole UTC days, both ends included, as the caller
asked for them (YYYY-MM-DD), with the defaults and limits every analytics answer shares."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, timedelta

from app.services.errors import FieldError, ValidationFailed

DEFAULT_RANGE_DAYS = 30
MAX_RANGE_DAYS = 366

_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


@dataclass(frozen=True)
class DateRange:
    """Whole UTC days, both ends included."""

    start: date
    end: date

    @property
    def start_at(self) -> datetime:
        return datetime(self.start.year, self.start.month, self.start.day, tzinfo=UTC)

    @property
    def end_before(self) -> datetime:
        return self.start_at + timedelta(days=(self.end - self.start).days + 1)

    def days(self) -> list[date]:
        return [self.start + timedelta(days=i) for i in range((self.end - self.start).days + 1)]


def utc_today() -> date:
    return datetime.now(UTC).date()


def _parse_day(value: str, field: str) -> date:
    value = value.strip()
    try:
        if not _DATE.fullmatch(value):
            raise ValueError
        return date.fromisoformat(value)
    except ValueError:
        raise ValidationFailed(
            "Invalid date range", [FieldError(field, f"must be a date as YYYY-MM-DD, not {value!r}")]
        ) from None


def parse_range(start_date: str | None, end_date: str | None, *, today: date | None = None) -> DateRange:
    """The range the caller asked for: YYYY-MM-DD UTC days, both included. Without an end,
    it ends today; without a start, it spans the 30 days up to its end."""
    start = _parse_day(start_date, "startDate") if start_date else None
    end = _parse_day(end_date, "endDate") if end_date else None
    end = end or max(today or utc_today(), start or date.min)
    start = start or end - timedelta(days=DEFAULT_RANGE_DAYS - 1)
    if start > end:
        raise ValidationFailed(
            "Invalid date range", [FieldError("endDate", f"must not be before startDate ({start.isoformat()})")]
        )
    if (end - start).days + 1 > MAX_RANGE_DAYS:
        raise ValidationFailed(
            "Invalid date range", [FieldError("startDate", f"the range may span at most {MAX_RANGE_DAYS} days")]
        )
    return DateRange(start, end)


def _spoken(day: date) -> str:
    return f"{day.day} {day:%B %Y}"


def reversed_range_sentence(start_date: str | None, end_date: str | None) -> str:
    """A sentence for people when the range ends before it starts ("" otherwise, or when a
    date is not one: parse_range says what is wrong with it)."""
    try:
        start = _parse_day(start_date, "startDate") if start_date else None
        end = _parse_day(end_date, "endDate") if end_date else None
    except ValidationFailed:
        return ""
    if start is None or end is None or start <= end:
        return ""
    return (
        f"The range starts on {_spoken(start)}, after it ends on {_spoken(end)}: "
        "pick a start date on or before the end date."
    )


__all__ = [
    "DEFAULT_RANGE_DAYS", "MAX_RANGE_DAYS", "DateRange", "parse_range", "reversed_range_sentence", "utc_today",
]  # fmt: skip
