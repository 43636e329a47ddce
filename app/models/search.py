"""The answer of GET /api/search: matches across the workspace's resources."""

from __future__ import annotations

from datetime import datetime
from typing import Literal

from app.models.base import CamelModel

SearchType = Literal["persona", "objective", "agent", "session", "suite"]
SEARCH_TYPES: tuple[str, ...] = ("persona", "objective", "agent", "session", "suite")


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
