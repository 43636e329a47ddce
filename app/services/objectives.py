"""Objectives: a goal, constraints, success criteria, and a budget of turns or actions."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from app.models.library import Objective, ObjectiveCreate, ObjectivePublic, ObjectiveUpdate
from app.services.access import Principal
from app.services.crud import ScopedResource
from app.services.errors import FieldError, ValidationFailed
from app.services.pagination import PageParams, Paginated


def to_public(row: Objective) -> ObjectivePublic:
    return ObjectivePublic.model_validate(row)


resource = ScopedResource(Objective, to_public, "objective")


def row_values(data: ObjectiveCreate | ObjectiveUpdate, *, partial: bool = False) -> dict[str, Any]:
    columns: dict[str, Any] = {}
    for name, value in data.model_dump(exclude_unset=partial).items():
        if value is None and partial:  # PATCH: null leaves the field as it is (no column is nullable)
            continue
        if name in {"definition", "config"}:
            columns[name] = getattr(data, name).model_dump(by_alias=True)
        elif name == "checks":
            columns[name] = [c.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True) | {"type": c.type}
                             for c in data.checks or []]  # fmt: skip
        else:
            columns[name] = value
    return columns


def list_objectives(
    *, session: Session, principal: Principal, params: PageParams, q: str | None = None
) -> Paginated[ObjectivePublic]:
    return resource.list(session, principal, params, q=q)


def get_objective(*, session: Session, principal: Principal, objective_id: str) -> ObjectivePublic:
    return resource.get(session, principal, objective_id)


def create_objective(*, session: Session, principal: Principal, data: ObjectiveCreate) -> ObjectivePublic:
    return resource.add(session, principal, **row_values(data, partial=False))


def replace_objective(
    *, session: Session, principal: Principal, objective_id: str, data: ObjectiveCreate
) -> ObjectivePublic:
    return resource.change(session, principal, objective_id, **row_values(data, partial=False))


def update_objective(
    *, session: Session, principal: Principal, objective_id: str, data: ObjectiveUpdate
) -> ObjectivePublic:
    values = row_values(data, partial=True)
    if "checks" in values or "definition" in values:  # a check must still name a real criterion
        row = resource.row(session, principal, objective_id)
        criteria = (values.get("definition") or row.definition).get("successCriteria") or []
        for check in values.get("checks", row.checks) or []:
            if isinstance(check.get("criterion"), int) and check["criterion"] >= len(criteria):
                raise ValidationFailed(
                    "Invalid request data",
                    [
                        FieldError(
                            "checks",
                            f"a check names criterion {check['criterion']}, but there are {len(criteria)} criteria",
                        )
                    ],
                )
    return resource.change(session, principal, objective_id, **values)


def delete_objective(*, session: Session, principal: Principal, objective_id: str) -> None:
    resource.delete(session, principal, objective_id)


def duplicate_objective(*, session: Session, principal: Principal, objective_id: str) -> ObjectivePublic:
    return resource.duplicate(session, principal, objective_id)
