"""Personas: synthetic users with an identity, a tech profile, a personality and traits."""

from __future__ import annotations

from typing import Any

from sqlmodel import Session

from app.models.library import Persona, PersonaCreate, PersonaPublic, PersonaUpdate
from app.services.access import Principal
from app.services.crud import ScopedResource
from app.services.pagination import PageParams, Paginated


def to_public(row: Persona) -> PersonaPublic:
    # From a dict, not the row: the row's `metadata` attribute is SQLAlchemy's MetaData.
    return PersonaPublic.model_validate(row.model_dump())


resource = ScopedResource(Persona, to_public, "persona")


def row_values(data: PersonaCreate | PersonaUpdate, *, partial: bool = False) -> dict[str, Any]:
    dumped = data.model_dump(exclude_unset=partial, by_alias=False)
    columns: dict[str, Any] = {}
    for name, value in dumped.items():
        if value is None and partial:  # PATCH: null leaves the field as it is (no column is nullable)
            continue
        if name in {"definition", "meta", "config"}:
            columns[name] = getattr(data, name).model_dump(by_alias=True)
        elif name in {"traits", "llm_config"}:
            columns[name] = getattr(data, name).model_dump(by_alias=True, exclude_none=True)
        else:
            columns[name] = value
    return columns


def list_personas(
    *, session: Session, principal: Principal, params: PageParams, q: str | None = None
) -> Paginated[PersonaPublic]:
    return resource.list(session, principal, params, q=q)


def get_persona(*, session: Session, principal: Principal, persona_id: str) -> PersonaPublic:
    return resource.get(session, principal, persona_id)


def create_persona(*, session: Session, principal: Principal, data: PersonaCreate) -> PersonaPublic:
    return resource.add(session, principal, **row_values(data, partial=False))


def replace_persona(*, session: Session, principal: Principal, persona_id: str, data: PersonaCreate) -> PersonaPublic:
    return resource.change(session, principal, persona_id, **row_values(data, partial=False))


def update_persona(*, session: Session, principal: Principal, persona_id: str, data: PersonaUpdate) -> PersonaPublic:
    return resource.change(session, principal, persona_id, **row_values(data, partial=True))


def delete_persona(*, session: Session, principal: Principal, persona_id: str) -> None:
    resource.delete(session, principal, persona_id)


def duplicate_persona(*, session: Session, principal: Principal, persona_id: str) -> PersonaPublic:
    return resource.duplicate(session, principal, persona_id)
