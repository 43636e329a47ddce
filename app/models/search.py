"""The answer of GET /api/search: matches across the workspace's resources."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from app.models.base import CamelModel

SearchType = Literal["persona", "objective", "agent", "session", "suite", "finding"]
SEARCH_TYPES: tuple[str, ...] = ("persona", "objective", "agent", "session", "suite", "finding")


class SearchPagination(CamelModel):
    """The same fields as every list's pagination (app/services/pagination.py)."""

    page: int
    limit: int
    total: int
    pages: int


class SearchHit(CamelModel):
    type: str
    id: str
    name: str
    description: str
    # Where the dashboard shows it.
    url: str
    created_at: datetime


class SearchResults(CamelModel):
    query: str
    types: list[str]
    data: list[SearchHit]
    # Matches per type, before the limit.
    counts: dict[str, int]
    # Over all types; pages go MAX_SEARCH_WINDOW hits deep.
    pagination: SearchPagination
