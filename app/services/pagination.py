"""The one pagination helper: page/limit in, {data, pagination: {page, limit, total, pages}} out."""

from __future__ import annotations

import math
from collections.abc import Callable
from typing import Generic, TypeVar

from pydantic import BaseModel, Field
from sqlalchemy import func
from sqlmodel import Session, select
from sqlmodel.sql.expression import SelectOfScalar

from app.models.base import CamelModel

T = TypeVar("T")
Row = TypeVar("Row")

DEFAULT_LIMIT = 20
MAX_LIMIT = 100
MAX_PAGE = 1_000_000


class PageParams(BaseModel):
    # Bounded so that the offset fits any database's 64-bit integer.
    page: int = Field(default=1, ge=1, le=MAX_PAGE, description="Page number, from 1")
    limit: int = Field(default=DEFAULT_LIMIT, ge=1, le=MAX_LIMIT, description="Items per page (max 100)")

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.limit


class Pagination(CamelModel):
    page: int
    limit: int
    total: int
    pages: int


class Paginated(CamelModel, Generic[T]):
    data: list[T]
    pagination: Pagination


def paginate(
    session: Session,
    query: SelectOfScalar[Row],
    params: PageParams,
    to_public: Callable[[Row], T],
) -> Paginated[T]:
    """Run `query` (already filtered and ordered) for one page, with the total count."""
    total = session.exec(select(func.count()).select_from(query.order_by(None).subquery())).one()
    rows = session.exec(query.offset(params.offset).limit(params.limit)).all()
    return Paginated[T](
        data=[to_public(row) for row in rows],
        pagination=Pagination(
            page=params.page, limit=params.limit, total=total, pages=math.ceil(total / params.limit) if total else 0
        ),
    )
