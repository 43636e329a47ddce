"""mimic.yaml over the API: its JSON Schema (for editors), import (`mimic push`) and export
(`mimic pull`) of a workspace."""

from __future__ import annotations

from typing import Annotated, Any, Literal

from fastapi import Query, Request, Response
from fastapi.responses import JSONResponse
from pydantic import Field

from app.api.deps import CurrentPrincipal, SessionDep
from app.api.routing import APIRouter
from app.models.base import NOT_BLANK_PATTERN, PATTERN_MESSAGES, CamelModel
from app.models.mimic_file import OPENAPI_NAME
from app.services import mimic_file, mimic_sync, units
from app.services.errors import FieldError, ValidationFailed

router = APIRouter(tags=["mimic.yaml"])

YAML_TYPES = ("application/yaml", "application/x-yaml", "text/yaml", "text/x-yaml")


ENV_NAME_PATTERN = r"^[A-Za-z_][A-Za-z0-9_]*$"
PATTERN_MESSAGES[ENV_NAME_PATTERN] = "must be an environment variable's name (letters, digits and _, no digit first)"


class MimicFileImport(CamelModel):
    document: str | dict[str, Any]
    env: dict[Annotated[str, Field(pattern=ENV_NAME_PATTERN)], Annotated[str, Field(max_length=20_000)]] = Field(
        default_factory=dict, max_length=200,
        description="Values of the ${NAME} references of the agents (the environment of `mimic push`)",
    )  # fmt: skip
    dry_run: bool = Field(default=False, description="Check and report what would change; change nothing")


def _import_schema() -> dict[str, Any]:
    """The JSON body as documented: the file as YAML text, or as the JSON document mimic.yaml's
    schema describes (#/components/schemas/MimicYaml, app/api/main.py)."""
    body = MimicFileImport.model_json_schema(by_alias=True)
    body["properties"]["document"] = {
        "anyOf": [
            {"type": "string", "minLength": 1, "pattern": NOT_BLANK_PATTERN, "description": "The file as YAML text"},
            {"$ref": f"#/components/schemas/{OPENAPI_NAME}"},
        ],
        "description": "mimic.yaml: YAML text, or the document as JSON",
    }
    body["properties"]["env"]["additionalProperties"] = False  # names only (patternProperties)
    return body


@router.get(
    "/api/schemas/mimic.yaml.json",
    summary="The JSON Schema of mimic.yaml",
    response_class=JSONResponse,
    responses={200: {"content": {"application/schema+json": {"schema": {"type": "object"}}}}},
)
def mimic_yaml_schema() -> JSONResponse:
    """Public, so that editors can fetch it: `# yaml-language-server: $schema=<url>`."""
    return JSONResponse(mimic_file.schema(), media_type="application/schema+json")


@router.post(
    "/api/mimic-yaml/import",
    response_model=mimic_sync.PushSummary,
    summary="Push mimic.yaml into the workspace (create or replace by name; all or nothing)",
    openapi_extra={
        "requestBody": {
            "required": True,
            "content": {
                "application/json": {"schema": _import_schema()},
                "application/yaml": {"schema": {"type": "string"}},
            },
        }
    },  # fmt: skip
)
async def import_mimic_yaml(
    request: Request,
    principal: CurrentPrincipal,
    dry_run: Annotated[bool, Query(alias="dryRun")] = False,
) -> mimic_sync.PushSummary:
    """JSON {document, env, dryRun}, or the YAML file itself (then every ${NAME} must have been
    pushed before). Items are matched by name; nothing else in the workspace changes."""
    body = await request.body()
    media = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    if media in YAML_TYPES:
        payload = MimicFileImport(document=body.decode("utf-8", errors="replace"), dry_run=dry_run)
        whole = "body"
    else:
        try:
            payload = MimicFileImport.model_validate_json(body or b"{}")
        except ValueError as exc:
            raise ValidationFailed("Invalid import request", [FieldError("body", str(exc)[:300])]) from exc
        whole = "document"
    try:
        raw = mimic_file.parse(payload.document, whole=whole) if isinstance(payload.document, str) else payload.document
        document = mimic_file.validate(raw)
        # The database work in a worker thread: never on the event loop that runs sessions.
        return await units.in_thread(
            mimic_sync.push, principal=principal, document=document, env=payload.env, dry_run=payload.dry_run or dry_run
        )
    except ValidationFailed as exc:
        raise ValidationFailed(exc.message, [FieldError(_in_request(d.field, whole), d.message)
                                             for d in exc.details]) from None  # fmt: skip


def _in_request(field: str, whole: str) -> str:
    """A place in the file as a place in the request: the YAML body is the file; inside a JSON
    body the file is `document` (`document.suites[0].agent`), and `env` is the body's own."""
    if field in ("(file)", whole):
        return whole
    return field if whole == "body" or field == "env" else f"document.{field}"


@router.get(
    "/api/mimic-yaml/export",
    summary="Pull the workspace as mimic.yaml",
    response_model=mimic_sync.PullResult,
    responses={200: {"content": {"application/json": {}, "application/yaml": {}}}},
)
def export_mimic_yaml(
    principal: CurrentPrincipal,
    session: SessionDep,
    format: Literal["json", "yaml"] = "json",
    persona: Annotated[list[str] | None, Query(description="Only these personas (by name)")] = None,
    objective: Annotated[list[str] | None, Query(description="Only these objectives")] = None,
    agent: Annotated[list[str] | None, Query(description="Only these agents")] = None,
    suite: Annotated[list[str] | None, Query(description="Only these suites")] = None,
    defaults: Annotated[bool, Query(description="With the defaults of the last push")] = True,
) -> Any:
    """Without names, the whole workspace; with names, exactly those items. Secrets come out
    as the ${NAME} references they were pushed as (never as values). format=yaml answers the
    file itself; json answers {document, warnings, missing}."""
    picked = {"personas": persona, "objectives": objective, "agents": agent, "suites": suite}
    names = None if all(v is None for v in picked.values()) else {k: v or [] for k, v in picked.items()}
    result = mimic_sync.pull(session=session, principal=principal, names=names, with_defaults=defaults)
    if format == "yaml":
        return Response(mimic_file.dump(result.document), media_type="application/yaml",
                        headers={"Content-Disposition": 'attachment; filename="mimic.yaml"'})  # fmt: skip
    return result
