"""The library forms' codec: list-like fields as text and back (one per line, comma-separated,
"key: value" lines), a form payload validated with every bad field at once, and a service's
error paths placed next to the inputs they belong to."""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic.alias_generators import to_camel

from app.services.errors import FieldError, ValidationFailed
from app.ui.state.errors import field_errors

# A select's "not set": Radix refuses an item whose value is the empty string.
NOT_SET = "none"
FIX_BELOW = "Please correct the fields marked below."


def split_lines(text: str | None) -> list[str]:
    """One item per line; blank lines are dropped."""
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def join_lines(items: Sequence[Any] | None) -> str:
    return "\n".join(str(item) for item in items or [])


def split_commas(text: str | None) -> list[str]:
    """Comma-separated items, blanks and repeats dropped, in the order written."""
    items: list[str] = []
    for item in (text or "").split(","):
        item = item.strip()
        if item and item not in items:
            items.append(item)
    return items


def join_commas(items: Sequence[Any] | None) -> str:
    return ", ".join(str(item) for item in items or [])


def number_text(value: Any) -> str:
    """A number as an input shows it: 30.0 reads 30; None reads empty."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _value_text(value: Any) -> str:
    if isinstance(value, str):
        try:
            json.loads(value)
        except ValueError:
            return value
        return json.dumps(value)  # "42" stays a string when read back, not the number 42
    return json.dumps(value, ensure_ascii=False)


def format_pairs(pairs: dict[str, Any] | None, *, typed: bool = False) -> str:
    """ "key: value" lines; with `typed`, values that are not strings are written as JSON."""
    return "\n".join(f"{key}: {_value_text(value) if typed else value}" for key, value in (pairs or {}).items())


def parse_pairs(text: str | None, *, typed: bool = False) -> dict[str, Any]:
    """ "key: value" lines into a dict (raises ValueError naming the line). With `typed`,
    a value that reads as JSON (0.5, true, ["a"]) keeps its type; anything else is text."""
    pairs: dict[str, Any] = {}
    for number, line in enumerate((text or "").splitlines(), start=1):
        if not line.strip():
            continue
        key, colon, value = line.partition(":")
        key, value = key.strip(), value.strip()
        if not colon or not key:
            raise ValueError(f"line {number}: write it as name: value")
        if typed and value:
            try:
                pairs[key] = json.loads(value)
                continue
            except ValueError:
                pass
        pairs[key] = value
    return pairs


def omit_blank(values: dict[str, Any]) -> dict[str, Any]:
    """Leave out what the form left empty, so the schema's default applies."""
    return {key: value for key, value in values.items() if value not in ("", None)}


def validated(schema: type[BaseModel], payload: dict[str, Any], problems: dict[str, str]) -> Any:
    """`payload` as `schema`; every bad field at once (the form's own `problems` too), as ValidationFailed."""
    details = dict(problems)
    try:
        data = schema.model_validate(payload)
    except ValidationError as exc:
        for name, message in field_errors(exc)[1].items():
            details.setdefault(name, message)
        data = None
    if details:
        raise ValidationFailed(FIX_BELOW, [FieldError(name, message) for name, message in details.items()])
    return data


def _camel_path(path: str) -> str:
    return ".".join(to_camel(part) if not part.isdigit() else part for part in path.split("."))


def place_errors(
    details: dict[str, str], names: Sequence[str], fallback: dict[str, str] | None = None
) -> tuple[dict[str, str], list[str]]:
    """({input name: message}, messages that belong to no input).

    An error's path goes to the input of its longest matching prefix: "metadata.tags.2"
    lands on the "metadata.tags" input as "item 3: ...". `fallback` names the input for a
    whole branch ({"traits": "traits.extra"}). Snake and camel case compare equal.
    """
    inputs = {_camel_path(name): name for name in names}
    branches = {_camel_path(prefix): name for prefix, name in (fallback or {}).items()}
    placed: dict[str, str] = {}
    unplaced: list[str] = []
    for path, message in details.items():
        parts = path.split(".")
        camel = _camel_path(path).split(".")
        for cut in range(len(parts), 0, -1):
            prefix = ".".join(camel[:cut])
            target = inputs.get(prefix) or branches.get(prefix)
            if target is None:
                continue
            rest = parts[cut:]
            if rest and rest[0].isdigit():
                message = f"item {int(rest[0]) + 1}: {message}"
            elif rest:
                message = f"{'.'.join(rest)}: {message}"
            if target in placed:
                placed[target] += f"; {message}"
            else:
                placed[target] = message
            break
        else:
            unplaced.append(message if path in ("", "form") else f"{path}: {message}")
    return placed, unplaced
