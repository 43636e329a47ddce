"""What the library resources (personas, objectives, agents, suites) share: rows scoped
to the caller's workspace, listing with search and pagination, delete (audit-logged), and duplicate."""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any, Generic, TypeVar

from sqlalchemy import or_
from sqlmodel import Session, SQLModel, col, select

from app.models.base import new_id, utcnow
from app.services import audit
from app.services.access import Permission, Principal, require
from app.services.errors import NotFound
from app.services.pagination import PageParams, Paginated, paginate

Row = TypeVar("Row", bound=SQLModel)
Public = TypeVar("Public")

LIKE_ESCAPE = "\\"


def like_pattern(text: str, *, prefix: bool = False) -> str:
    """A pattern for `.ilike(pattern, escape=LIKE_ESCAPE)` that finds `text` literally (its
    % and _ are no wildcards; PostgreSQL would read a backslash as an escape, SQLite not),
    anywhere in the value or, with `prefix`, at its start."""
    escaped = text.replace(LIKE_ESCAPE, LIKE_ESCAPE * 2).replace("%", LIKE_ESCAPE + "%").replace("_", LIKE_ESCAPE + "_")
    return f"{escaped}%" if prefix else f"%{escaped}%"


class ScopedResource(Generic[Row, Public]):
    def __init__(
        self,
        model: type[Row],
        to_public: Callable[[Row], Public],
        label: str,
        *,
        named: Callable[[Session, list[Public]], None] | None = None,
    ) -> None:
        self.model = model
        self.to_public = to_public
        self.label = label
        # Fills the names of what the public schema refers to, for a whole page at once.
        self.named = named

    def public(self, session: Session, row: Row) -> Public:
        public = self.to_public(row)
        if self.named is not None:
            self.named(session, [public])
        return public

    def row(self, session: Session, principal: Principal, row_id: str) -> Row:
        """The row, if it is in the caller's workspace: another workspace's id is simply not found."""
        row = session.get(self.model, row_id)
        if row is None or row.workspace_id != principal.workspace_id:  # type: ignore[attr-defined]
            raise NotFound(f"No such {self.label}")
        return row

    def get(self, session: Session, principal: Principal, row_id: str) -> Public:
        require(principal, Permission.read)
        return self.public(session, self.row(session, principal, row_id))

    def list(
        self,
        session: Session,
        principal: Principal,
        params: PageParams,
        *,
        q: str | None = None,
        search: Iterable[str] = ("name", "description"),
        filters: dict[str, Any] | None = None,
    ) -> Paginated[Public]:
        require(principal, Permission.read)
        model: Any = self.model
        query = select(self.model).where(model.workspace_id == principal.workspace_id)
        for column, value in (filters or {}).items():
            if value is not None:
                query = query.where(getattr(model, column) == value)
        if q and q.strip():
            pattern = like_pattern(q.strip().lower())
            query = query.where(or_(*(col(getattr(model, c)).ilike(pattern, escape=LIKE_ESCAPE) for c in search)))
        query = query.order_by(col(model.created_at).desc(), col(model.id))
        page = paginate(session, query, params, self.to_public)
        if self.named is not None:
            self.named(session, page.data)
        return page

    def delete(self, session: Session, principal: Principal, row_id: str) -> None:
        require(principal, Permission.write)
        row = self.row(session, principal, row_id)
        audit.record(
            session, principal=principal, action=f"{self.label}.deleted", target_type=self.label, target_id=row_id,
            target_name=getattr(row, "name", ""),
        )  # fmt: skip
        session.delete(row)
        session.commit()

    def duplicate(self, session: Session, principal: Principal, row_id: str) -> Public:
        require(principal, Permission.write)
        source = self.row(session, principal, row_id)
        values = source.model_dump(exclude={"id", "created_at", "updated_at", "created_by"})
        values["name"] = f"{values['name']} (copy)"[:200]
        now = utcnow()
        copy = self.model(**values, id=new_id(), created_at=now, updated_at=now, created_by=principal.user_id)
        session.add(copy)
        session.commit()
        return self.public(session, copy)

    def add(self, session: Session, principal: Principal, **values: Any) -> Public:
        require(principal, Permission.write)
        row = self.model(workspace_id=principal.workspace_id, created_by=principal.user_id, **values)
        session.add(row)
        session.commit()
        return self.public(session, row)

    def change(self, session: Session, principal: Principal, row_id: str, **values: Any) -> Public:
        require(principal, Permission.write)
        row = self.row(session, principal, row_id)
        for name, value in values.items():
            setattr(row, name, value)
        row.updated_at = utcnow()  # type: ignore[attr-defined]
        session.commit()
        return self.public(session, row)
