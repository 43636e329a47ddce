"""Import and export of personas and objectives as JSON or YAML, one or many at once.

An import is all or nothing: every item is validated first, and the first bad one makes
the whole import fail with the bad fields named `[index].field`.
"""

from __future__ import annotations

import json
from typing import Any, Literal

import yaml
from pydantic import BaseModel, ValidationError
from sqlmodel import Session, col, select

from app.models.library import (
    ImportResult,
    Objective,
    ObjectiveCreate,
    ObjectivePublic,
    Persona,
    PersonaCreate,
    PersonaPublic,
)
from app.services import objectives, personas
from app.services.access import Permission, Principal, require
from app.services.errors import FieldError, ValidationFailed, validation_details

Format = Literal["json", "yaml"]
Kind = Literal["personas", "objectives"]

_SCHEMAS: dict[str, tuple[type[BaseModel], Any, Any]] = {
    "personas": (PersonaCreate, Persona, personas),
    "objectives": (ObjectiveCreate, Objective, objectives),
}
# Ids and timestamps belong to the workspace the items came from; an import makes new ones.
_EXPORT_EXCLUDE = {"id", "createdAt", "updatedAt"}
_EXPORT_EXCLUDE_PY = {"id", "created_at", "updated_at"}
MAX_ITEMS = 500


def parse_document(content: bytes | str, fmt: Format) -> Any:
    try:
        text = content.decode("utf-8") if isinstance(content, bytes) else content
        return json.loads(text) if fmt == "json" else yaml.safe_load(text)
    except (UnicodeDecodeError, json.JSONDecodeError, yaml.YAMLError) as exc:
        raise ValidationFailed(
            f"The {fmt.upper()} document cannot be read", [FieldError("body", str(exc)[:300])]
        ) from exc


def _items(document: Any, kind: Kind) -> list[Any]:
    # One object, a list of them, or {"personas": [...]} as exports write it.
    if isinstance(document, dict) and isinstance(document.get(kind), list):
        return document[kind]
    if isinstance(document, list):
        return document
    if isinstance(document, dict):
        return [document]
    raise ValidationFailed("Nothing to import", [FieldError("body", f"expected an object or a list of {kind}")])


def import_items(
    *, session: Session, principal: Principal, kind: Kind, content: bytes | str, fmt: Format
) -> ImportResult:
    require(principal, Permission.write)
    schema, model, service = _SCHEMAS[kind]
    items = _items(parse_document(content, fmt), kind)
    if not items or len(items) > MAX_ITEMS:
        raise ValidationFailed("Nothing to import", [FieldError("body", f"between 1 and {MAX_ITEMS} items")])
    validated, details = [], []
    for index, item in enumerate(items):
        try:
            if not isinstance(item, dict):
                raise ValidationFailed("", [FieldError("", "must be an object")])
            validated.append(schema.model_validate({k: v for k, v in item.items() if k not in _EXPORT_EXCLUDE}))
        except ValidationError as exc:
            details += validation_details(exc.errors(), prefix=f"[{index}].")
        except ValidationFailed as exc:
            details += [FieldError(f"[{index}]", d.message) for d in exc.details]
    if details:
        raise ValidationFailed(f"{len(details)} problem(s) in the import; nothing was imported", details)
    rows = [
        model(workspace_id=principal.workspace_id, created_by=principal.user_id, **service.row_values(v))
        for v in validated
    ]
    session.add_all(rows)
    session.commit()
    return ImportResult(imported=len(rows), data=[service.to_public(r) for r in rows])


def export_items(
    *, session: Session, principal: Principal, kind: Kind, fmt: Format, ids: list[str] | None = None
) -> tuple[str, str]:
    """(document, media type). Without ids, everything of that kind in the workspace."""
    require(principal, Permission.read)
    _schema, model, service = _SCHEMAS[kind]
    query = select(model).where(model.workspace_id == principal.workspace_id).order_by(col(model.created_at))
    if ids:
        query = query.where(col(model.id).in_(ids))
    rows = session.exec(query).all()
    if ids and len(rows) != len(set(ids)):
        raise ValidationFailed("Unknown ids", [FieldError("ids", f"not every id is a {kind[:-1]} of this workspace")])
    public: list[PersonaPublic | ObjectivePublic] = [service.to_public(r) for r in rows]
    document = {kind: [p.model_dump(by_alias=True, mode="json", exclude=_EXPORT_EXCLUDE_PY) for p in public]}
    if fmt == "json":
        return json.dumps(document, indent=2, ensure_ascii=False), "application/json"
    return yaml.safe_dump(document, sort_keys=False, allow_unicode=True), "application/yaml"
