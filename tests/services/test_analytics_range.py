"""The range of an analytics question: whole UTC days, both ends included; 30 days up to
today by default; a bad date, a reversed range or one over 366 days refused naming the field."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from app.services.analytics_range import (
    DEFAULT_RANGE_DAYS,
    MAX_RANGE_DAYS,
    DateRange,
    parse_range,
    reversed_range_sentence,
)
from app.services.errors import ValidationFailed

TODAY = date(2026, 3, 10)


def test_without_dates_it_is_the_thirty_days_up_to_today() -> None:
    found = parse_range(None, None, today=TODAY)
    assert (found.start, found.end) == (date(2026, 2, 9), TODAY)
    assert len(found.days()) == DEFAULT_RANGE_DAYS


def test_one_end_given_places_the_other() -> None:
    assert parse_range("2026-03-01", None, today=TODAY) == DateRange(date(2026, 3, 1), TODAY)
    assert parse_range(None, "2026-01-31", today=TODAY) == DateRange(date(2026, 1, 2), date(2026, 1, 31))
    # A start after today: the range is that one day, not a reversed one.
    assert parse_range("2026-04-01", None, today=TODAY) == DateRange(date(2026, 4, 1), date(2026, 4, 1))


def test_both_ends_are_whole_utc_days_included() -> None:
    found = parse_range(" 2026-02-27 ", "2026-03-01", today=TODAY)
    assert found.days() == [date(2026, 2, 27), date(2026, 2, 28), date(2026, 3, 1)]
    assert found.start_at == datetime(2026, 2, 27, tzinfo=UTC)
    assert found.end_before == datetime(2026, 3, 2, tzinfo=UTC)


@pytest.mark.parametrize(
    ("start", "end", "field", "words"),
    [
        ("2026-02-30", None, "startDate", "YYYY-MM-DD"),
        ("26-1-1", None, "startDate", "YYYY-MM-DD"),
        (None, "yesterday", "endDate", "'yesterday'"),
        ("2026-03-05", "2026-03-04", "endDate", "must not be before startDate (2026-03-05)"),
        ("2025-01-01", "2026-01-02", "startDate", f"at most {MAX_RANGE_DAYS} days"),
    ],
)
def test_a_bad_range_is_refused_naming_the_field(start, end, field, words) -> None:
    with pytest.raises(ValidationFailed) as raised:
        parse_range(start, end, today=TODAY)
    [detail] = raised.value.details
    assert detail.field == field and words in detail.message


def test_the_longest_range_is_allowed() -> None:
    assert len(parse_range("2024-01-01", "2024-12-31", today=TODAY).days()) == MAX_RANGE_DAYS  # a leap year


def test_a_reversed_range_reads_as_a_sentence_and_nothing_else_does() -> None:
    assert reversed_range_sentence("2026-03-05", "2026-03-04") == (
        "The range starts on 5 March 2026, after it ends on 4 March 2026: pick a start date on or before the end date."
    )
    assert reversed_range_sentence("2026-03-04", "2026-03-05") == ""
    assert reversed_range_sentence("not a date", "2026-03-05") == ""
    assert reversed_range_sentence(None, "2026-03-05") == ""
