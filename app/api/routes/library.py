"""The REST face shared by the library resources (personas, objectives, agents): list with
search and pagination, get, create, PUT (replace), PATCH (partial), delete, duplicate and,
for personas and objectives, import and export. One router per resource, built here so
that the resources cannot drift apart."""

# No `from __future__ import annotations`: FastAPI reads these handlers' annotations at
# runtime, and they name the schemas passed in.

from collections.abc import Awaitable, Callable
from typing import Annotated, Any, Literal

from fastapi import Depends, Query, Request, Response, status

from app.api.deps import CurrentPrincipal, SessionDep
from app.api.routing import APIRouter
from app.models.library import ImportResult
from app.services import transfer, units
from app.services.pagination import PageParams, Paginated

_MEDIA_FORMATS = {
    "application/json": "json",
    "application/yaml": "yaml",
    "application/x-yaml": "yaml",
    "text/yaml": "yaml",
    "text/x-yaml": "yaml",
}


def _import_format(request: Request, format: str | None) -> Literal["json", "yaml"]:
    """The body's documented Content-Type decides; `format` names it for any other type."""
    media = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if media in _MEDIA_FORMATS:
        return _MEDIA_FORMATS[media]  # type: ignore[return-value]
    return format if format in ("json", "yaml") else "json"  # type: ignore[return-value]


async def _no_filters() -> dict[str, Any]:
    return {}


def add_crud_routes(
    router: APIRouter,
    *,
    label: str,
    public: type,
    create: type,
    update: type,
    service: Any,
    list_filters: Callable[..., Awaitable[dict[str, Any]]] = _no_filters,
    delete_responses: dict[int | str, dict[str, Any]] | None = None,
) -> None:
    """Adds the CRUD routes of one resource to `router` (prefix /api/<plural>).
    `service` offers list_/get_/create_/replace_/update_/delete_/duplicate_<label>;
    `list_filters` is a dependency whose query parameters become the list's extra filters;
    `delete_responses` documents what else a delete may answer (a suite with a run under way: 409)."""
    id_name = f"{label}_id"

    def call(action: str, **kwargs: Any) -> Any:
        return getattr(service, f"{action}_{label}")(**kwargs)

    @router.get("", response_model=Paginated[public], summary=f"List {label}s (search with q, paginated)")
    def list_items(
        principal: CurrentPrincipal,
        session: SessionDep,
        params: Annotated[PageParams, Query()],
        filters: Annotated[dict[str, Any], Depends(list_filters)],
        q: Annotated[str | None, Query(max_length=200, description="Search in name and description")] = None,
    ) -> Any:
        return getattr(service, f"list_{label}s")(session=session, principal=principal, params=params, q=q, **filters)

    @router.post("", response_model=public, status_code=status.HTTP_201_CREATED, summary=f"Create a {label}")
    def create_item(data: create, principal: CurrentPrincipal, session: SessionDep) -> Any:
        return call("create", session=session, principal=principal, data=data)

    @router.get("/{item_id}", response_model=public, summary=f"Get a {label}")
    def get_item(item_id: str, principal: CurrentPrincipal, session: SessionDep) -> Any:
        return call("get", session=session, principal=principal, **{id_name: item_id})

    @router.put("/{item_id}", response_model=public, summary=f"Replace a {label}")
    def replace_item(item_id: str, data: create, principal: CurrentPrincipal, session: SessionDep) -> Any:
        return call("replace", session=session, principal=principal, data=data, **{id_name: item_id})

    @router.patch("/{item_id}", response_model=public, summary=f"Change part of a {label}")
    def update_item(item_id: str, data: update, principal: CurrentPrincipal, session: SessionDep) -> Any:
        return call("update", session=session, principal=principal, data=data, **{id_name: item_id})

    @router.delete(
        "/{item_id}",
        status_code=status.HTTP_204_NO_CONTENT,
        summary=f"Delete a {label}",
        responses=delete_responses,
    )
    def delete_item(item_id: str, principal: CurrentPrincipal, session: SessionDep) -> Response:
        call("delete", session=session, principal=principal, **{id_name: item_id})
        return Response(status_code=status.HTTP_204_NO_CONTENT)

    @router.post(
        "/{item_id}/duplicate", response_model=public, status_code=status.HTTP_201_CREATED, summary=f"Copy a {label}"
    )
    def duplicate_item(item_id: str, principal: CurrentPrincipal, session: SessionDep) -> Any:
        return call("duplicate", session=session, principal=principal, **{id_name: item_id})


def _import_schema(kind: str) -> dict[str, Any]:
    """What an import takes, as the service reads it: one item, a list, or an export document."""
    item = {"$ref": f"#/components/schemas/{'Persona' if kind == 'personas' else 'Objective'}Create"}
    items = {"type": "array", "items": item, "minItems": 1, "maxItems": transfer.MAX_ITEMS}
    return {"anyOf": [item, items, {"type": "object", "required": [kind], "properties": {kind: items}}]}


def add_transfer_routes(router: APIRouter, *, kind: Literal["personas", "objectives"], public: type) -> None:
    """POST /import and GET /export, in JSON or YAML. Added before the /{id} routes."""

    @router.post(
        "/import",
        response_model=ImportResult[public],
        status_code=status.HTTP_201_CREATED,
        summary=f"Import {kind} from JSON or YAML",
        openapi_extra={
            "requestBody": {
                "required": True,
                "content": {
                    "application/json": {"schema": _import_schema(kind)},
                    "application/yaml": {"schema": {"type": "string"}},
                },
            }
        },
    )
    async def import_items(
        request: Request,
        principal: CurrentPrincipal,
        format: Annotated[
            Literal["json", "yaml"] | None,
            Query(description="The body's format when its Content-Type is neither JSON nor YAML"),
        ] = None,
    ) -> Any:
        """One object, a list, or an export document; all or nothing."""
        body = await request.body()
        return await units.in_thread(
            transfer.import_items, principal=principal, kind=kind, content=body, fmt=_import_format(request, format)
        )

    @router.get(
        "/export",
        summary=f"Export {kind} as JSON or YAML",
        response_class=Response,
        responses={200: {"content": {"application/json": {}, "application/yaml": {}}}},
    )
    def export_items(
        principal: CurrentPrincipal,
        session: SessionDep,
        format: Literal["json", "yaml"] = "json",
        ids: Annotated[
            list[str] | None, Query(description="Ids, comma-separated and/or repeated (ids=a,b&ids=c); all when absent")
        ] = None,
    ) -> Response:
        id_list = [i.strip() for value in ids for i in value.split(",") if i.strip()] if ids else None
        document, media_type = transfer.export_items(
            session=session, principal=principal, kind=kind, fmt=format, ids=id_list
        )
        return Response(
            document,
            media_type=media_type,
            headers={"Content-Disposition": f'attachment; filename="mimic-{kind}.{format}"'},
        )
