"""Every CSV Mimic writes goes through here: a cell a spreadsheet would read as a formula
(OWASP's CSV injection rule: it begins with =, +, -, @, a tab or a carriage return) is
written with a leading apostrophe, so that a persona named `=HYPERLINK(...)` stays text."""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value: object) -> object:
    """Text that a spreadsheet would evaluate, neutralised; numbers (and None) as they are."""
    if value is None or isinstance(value, bool | int | float):
        return value
    text = str(value)
    return "'" + text if text.startswith(FORMULA_STARTS) else text


def to_csv(columns: Sequence[object], rows: Iterable[Sequence[object]]) -> str:
    out = io.StringIO()
    # RFC 4180's CRLF: the writer then quotes any field holding a CR or an LF.
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow([safe_cell(c) for c in columns])
    writer.writerows([safe_cell(c) for c in row] for row in rows)
    return out.getvalue()
