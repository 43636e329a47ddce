"""table_row: a new row as its columns, the same as constructing the model gives."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.models.base import table_row
from app.models.judgement import Judgement
from app.models.session import Message, Verdict


def _columns(row) -> dict:
    return {column.name: getattr(row, column.name) for column in row.__table__.columns}


@pytest.mark.parametrize(
    ("model", "values"),
    [
        (Verdict, {"workspace_id": "w", "session_id": "s", "criterion": "Names the day", "status": "met"}),
        (
            Verdict,
            {
                "workspace_id": "w",
                "session_id": "s",
                "criterion": "c",
                "status": "not_met",
                "kind": "check",
                "cited_message_ids": ["m1"],
                "votes": {"met": 2},
                "gating": False,
            },
        ),  # fmt: skip
        (
            Judgement,
            {"workspace_id": "w", "session_id": "s", "judge_model": "j", "prompt_version": "v", "outcome": "pass"},
        ),
        (Message, {"workspace_id": "w", "session_id": "s", "sequence": 3, "role": "agent", "content": "Hi"}),
    ],
)
def test_a_row_is_what_the_model_would_hold(model, values) -> None:
    fixed = {"id": "row-1", "created_at": datetime(2026, 12, 5, tzinfo=UTC)}
    assert table_row(model, **values, **fixed) == _columns(model(**values, **fixed))
    # Its default factories are called for each row: a new id, and containers not shared.
    first, second = table_row(model, **values), table_row(model, **values)
    assert first["id"] != second["id"] and first.keys() == _columns(model(**values)).keys()
    for name, value in first.items():
        if isinstance(value, list | dict) and name not in values:
            assert value is not second[name]


def test_an_unknown_or_missing_column_is_refused() -> None:
    with pytest.raises(TypeError, match="no column colour"):
        table_row(Verdict, workspace_id="w", session_id="s", criterion="c", status="met", colour="red")
    with pytest.raises(TypeError, match="needs status"):
        table_row(Verdict, workspace_id="w", session_id="s", criterion="c")
