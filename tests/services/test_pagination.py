"""The one pagination helper on a real table: the page's rows in the query's order, the total
of the whole query (its order aside), the number of pages, an empty page past the end, and
bounds on page and limit that keep an offset a database can hold."""

from __future__ import annotations

import pytest
from pydantic import ValidationError
from sqlmodel import col, delete, select

from app.models.library import Persona
from app.services.crud import like_pattern
from app.services.pagination import MAX_LIMIT, PageParams, paginate
from tests.services.lab import Lab


@pytest.fixture
def lab(db, make_account) -> Lab:
    lab = Lab(db, make_account())
    db.exec(delete(Persona).where(Persona.workspace_id == lab.principal.workspace_id))
    db.commit()
    for i in range(7):
        lab.persona(f"P{i}")
    return lab


def page(lab: Lab, page: int, limit: int):
    query = select(Persona).where(Persona.workspace_id == lab.principal.workspace_id).order_by(col(Persona.name))
    return paginate(lab.db, query, PageParams(page=page, limit=limit), lambda row: row.name)


def test_pages_in_order_with_the_total_and_the_count_of_pages(lab: Lab) -> None:
    first, last, past = page(lab, 1, 3), page(lab, 3, 3), page(lab, 4, 3)
    assert first.data == ["P0", "P1", "P2"] and last.data == ["P6"] and past.data == []
    assert (first.pagination.total, first.pagination.pages) == (7, 3)
    assert (past.pagination.page, past.pagination.total) == (4, 7)  # past the end: empty, still counted
    assert page(lab, 1, MAX_LIMIT).data == [f"P{i}" for i in range(7)]


def test_an_empty_query_has_no_pages(lab: Lab) -> None:
    query = select(Persona).where(Persona.workspace_id == "nobody")
    empty = paginate(lab.db, query, PageParams(), lambda row: row)
    assert (empty.data, empty.pagination.total, empty.pagination.pages) == ([], 0, 0)


@pytest.mark.parametrize("params", [{"page": 0}, {"limit": 0}, {"limit": MAX_LIMIT + 1}, {"page": 10**7}])
def test_page_and_limit_are_bounded(params) -> None:
    with pytest.raises(ValidationError):
        PageParams(**params)


def test_like_patterns_take_wildcards_literally() -> None:
    assert like_pattern("50%_off") == r"%50\%\_off%"
    assert like_pattern("a\\b", prefix=True) == "a\\\\b%"
