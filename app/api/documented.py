"""The OpenAPI document is the truth about requests: a JSON body is checked against the
schema its operation documents before the route reads it, so what the document forbids (a
string where a number is, a boolean as 0, a blank name) is refused with the one error shape,
whatever pydantic's lax parsing would have made of it; and a query parameter documented as one
value is refused when it comes several times (the framework would quietly keep the last).
The routes' own checks go on after this.

Pure ASGI, inside the size limit (the body it reads is bounded) and the security headers."""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import parse_qsl

import jsonschema_rs
from fastapi import FastAPI
from fastapi.routing import APIRoute, iter_route_contexts
from starlette.routing import compile_path
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from app.api.errors import ErrorCode, error_payload, field_path
from app.models.base import PATTERN_MESSAGES
from app.services.errors import field_label, human_message

_BODY_METHODS = frozenset({"POST", "PUT", "PATCH"})
_TYPE_WORDS = {"integer": "a whole number", "number": "a number", "string": "text", "boolean": "true or false",
               "object": "an object", "array": "a list", "null": "null"}  # fmt: skip
_MAX_DETAILS = 20


@dataclass(frozen=True)
class _Operation:
    path: re.Pattern[str]
    methods: frozenset[str]
    validator: Any | None  # None: no JSON body documented
    single_valued: frozenset[str] = frozenset()  # query parameters that take one value


def _field(error: Any) -> str:
    path: list[str | int] = list(error.instance_path)
    if isinstance(error.kind, jsonschema_rs.ValidationErrorKind.Required):
        path.append(str(error.kind.property))  # the missing field itself, as the routes name it
    return field_path(path)


def _message(error: Any) -> str:
    """The sentence pydantic's error of the same kind gets (app/services/errors.py): one wording."""
    if isinstance(error.kind, jsonschema_rs.ValidationErrorKind.Pattern):
        meaning = PATTERN_MESSAGES.get(error.kind.pattern)
        if meaning:  # the regex itself would say little to a person
            return meaning
    kind, kinds = error.kind, jsonschema_rs.ValidationErrorKind
    loc = [p for p in error.instance_path if isinstance(p, str)]
    as_pydantic: tuple[str, dict[str, Any]] | None = None
    if isinstance(kind, kinds.Required):
        loc.append(str(kind.property))
        as_pydantic = ("missing", {})
    elif isinstance(kind, kinds.MinLength):
        as_pydantic = ("string_too_short", {"min_length": kind.limit})
    elif isinstance(kind, kinds.MaxLength):
        as_pydantic = ("string_too_long", {"max_length": kind.limit})
    elif isinstance(kind, kinds.MinItems):
        as_pydantic = ("too_short", {"min_length": kind.limit})
    elif isinstance(kind, kinds.MaxItems):
        as_pydantic = ("too_long", {"max_length": kind.limit})
    elif isinstance(kind, kinds.Minimum):
        as_pydantic = ("greater_than_equal", {"ge": kind.limit})
    elif isinstance(kind, kinds.Maximum):
        as_pydantic = ("less_than_equal", {"le": kind.limit})
    elif isinstance(kind, kinds.ExclusiveMinimum):
        as_pydantic = ("greater_than", {"gt": kind.limit})
    elif isinstance(kind, kinds.ExclusiveMaximum):
        as_pydantic = ("less_than", {"lt": kind.limit})
    elif isinstance(kind, kinds.Enum):
        as_pydantic = ("enum", {"expected": ", ".join(str(option) for option in list(kind.options)[:20])})
    if as_pydantic is not None:
        return human_message({"type": as_pydantic[0], "loc": tuple(loc), "ctx": as_pydantic[1]})
    if isinstance(kind, kinds.Type):
        types = [kind.types] if isinstance(kind.types, str) else list(kind.types)
        return f"{field_label(loc)} must be " + " or ".join(_TYPE_WORDS.get(str(t), str(t)) for t in types) + "."
    return error.message[:300]


def _errors(operation: _Operation, instance: Any) -> list[Any]:
    return _within_branches(list(operation.validator.iter_errors(instance)))


def _within_branches(errors: list[Any]) -> list[Any]:
    """A field that may take several shapes (anyOf, oneOf: text or a document, one of the agent
    types) is judged by the shape its value has: that shape's own errors name each bad field,
    where "not valid under any of the schemas" would name none."""
    kinds = jsonschema_rs.ValidationErrorKind
    out: list[Any] = []
    for error in errors:
        branches = error.kind.context if isinstance(error.kind, kinds.AnyOf | kinds.OneOfNotValid) else None
        here = list(error.instance_path)
        # A shape whose type the value has (no type error at the field itself), with the fewest errors.
        fitting = [
            branch
            for branch in branches or ()
            if branch and not any(isinstance(e.kind, kinds.Type) and list(e.instance_path) == here for e in branch)
        ]
        out += _within_branches(min(fitting, key=len)) if fitting else [error]
    return out


def _segment(path: str) -> str:
    """The path's segment after /api/ ("sessions" of /api/sessions/{id}/status): the key the
    operations are looked up by."""
    parts = path.split("/", 3)
    return parts[2] if len(parts) > 2 else ""


class _Operations:
    """The operations by method and /api/ segment (every request used to try each path's regex
    in turn), the order of the document kept where two could match."""

    def __init__(self, operations: list[_Operation], templates: list[str]) -> None:
        self._by_key: dict[tuple[str, str], list[tuple[int, _Operation]]] = {}
        self._any_segment: dict[str, list[tuple[int, _Operation]]] = {}  # a parameter right after /api/
        for position, (operation, template) in enumerate(zip(operations, templates, strict=True)):
            segment = _segment(template)
            for method in operation.methods:
                if segment.startswith("{"):
                    self._any_segment.setdefault(method, []).append((position, operation))
                else:
                    self._by_key.setdefault((method, segment), []).append((position, operation))

    def find(self, method: str, path: str) -> _Operation | None:
        found: tuple[int, _Operation] | None = None
        for candidates in (self._by_key.get((method, _segment(path)), ()), self._any_segment.get(method, ())):
            for position, operation in candidates:
                if operation.path.match(path):
                    if found is None or position < found[0]:
                        found = (position, operation)
                    break
        return found[1] if found is not None else None


# Document id -> (the document, its operations): compiling every body's validator takes a
# while, and every app create_api makes shares one document (app/api/main.py).
_BUILT: dict[int, tuple[dict[str, Any], _Operations]] = {}


class RequestBodiesMatchTheDocument:
    def __init__(self, app: ASGIApp, api: Callable[[], FastAPI]) -> None:
        self.app = app
        self._api = api
        self._operations: _Operations | None = None

    def _build(self) -> _Operations:
        api = self._api()
        document = api.openapi()
        built = _BUILT.get(id(document))
        if built is not None and built[0] is document:  # the apps of one document share its checks
            return built[1]
        operations = self._operations_of(api, document)
        _BUILT[id(document)] = (document, operations)
        return operations

    def _operations_of(self, api: FastAPI, document: dict[str, Any]) -> _Operations:
        components = document.get("components", {})
        operations: list[_Operation] = []
        templates: list[str] = []
        for context in iter_route_contexts(api.routes):
            route = context.original_route
            if not isinstance(route, APIRoute) or not route.include_in_schema:
                continue
            path_regex, path_format, _ = compile_path(context.path)
            for method in context.methods:
                spec = document["paths"].get(path_format, {}).get(method.lower(), {})
                single = _single_valued(spec.get("parameters", ()))
                schema = spec.get("requestBody", {}).get("content", {}).get("application/json", {}).get("schema")
                templates.append(context.path)
                if not schema or method not in _BODY_METHODS:
                    operations.append(_Operation(path_regex, frozenset({method}), None, single_valued=single))
                    continue
                validator = jsonschema_rs.validator_for({"allOf": [schema], "components": components})
                operations.append(_Operation(path_regex, frozenset({method}), validator, single))
        return _Operations(operations, templates)

    def _operation(self, method: str, path: str) -> _Operation | None:
        if self._operations is None:
            self._operations = self._build()
        return self._operations.find(method, path)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not scope["path"].startswith("/api"):
            await self.app(scope, receive, send)
            return
        operation = self._operation(scope["method"], scope["path"])
        repeated = _repeated(operation, scope.get("query_string", b"")) if operation is not None else []
        if repeated:
            details = [{"field": name, "message": "given more than once; it takes one value"} for name in repeated]
            await _answer(send, 422, error_payload(ErrorCode.VALIDATION_ERROR, "Invalid request data", details))
            return
        content_type = dict(scope.get("headers") or []).get(b"content-type", b"").split(b";")[0].strip().lower()
        if operation is None or operation.validator is None or content_type != b"application/json":
            await self.app(scope, receive, send)
            return
        messages: list[Message] = []
        body = b""
        while True:
            message = await receive()
            messages.append(message)
            if message["type"] != "http.request":
                break
            body += message.get("body", b"")
            if not message.get("more_body", False):
                break
        try:
            instance = json.loads(body) if body else None
        except (ValueError, UnicodeDecodeError):
            instance = None  # not JSON: the route answers that itself
        else:
            errors = [] if instance is None else _errors(operation, instance)
            if errors:
                details = [{"field": _field(e), "message": _message(e)}
                           for e in errors[:_MAX_DETAILS]]  # fmt: skip
                await _answer(send, 422, error_payload(ErrorCode.VALIDATION_ERROR, "Invalid request data", details))
                return

        async def replay() -> Message:
            return messages.pop(0) if messages else await receive()

        await self.app(scope, replay, send)


def _single_valued(parameters: Any) -> frozenset[str]:
    """The query parameters whose schema is not an array (nor may be one)."""
    names = set()
    for parameter in parameters:
        if parameter.get("in") != "query":
            continue
        schema = parameter.get("schema") or {}
        shapes = schema.get("anyOf") or schema.get("oneOf") or [schema]
        if not any(shape.get("type") == "array" for shape in shapes):
            names.add(parameter["name"])
    return frozenset(names)


def _repeated(operation: _Operation, query_string: bytes) -> list[str]:
    if not operation.single_valued or not query_string:
        return []
    counts = Counter(name for name, _ in parse_qsl(query_string.decode("latin-1"), keep_blank_values=True))
    return sorted(name for name, count in counts.items() if count > 1 and name in operation.single_valued)


async def _answer(send: Send, status: int, payload: dict) -> None:
    body = json.dumps(payload).encode()
    headers = [(b"content-type", b"application/json"), (b"content-length", str(len(body)).encode())]
    await send({"type": "http.response.start", "status": status, "headers": headers})
    await send({"type": "http.response.body", "body": body})


def inlined(schema: dict[str, Any]) -> dict[str, Any]:
    """A pydantic JSON schema with its $defs references replaced by their content."""
    definitions = schema.pop("$defs", {})

    def walk(node: Any) -> Any:
        if isinstance(node, dict):
            ref = node.get("$ref", "")
            if ref.startswith("#/$defs/"):
                return walk(dict(definitions[ref.removeprefix("#/$defs/")]))
            return {key: walk(value) for key, value in node.items()}
        if isinstance(node, list):
            return [walk(item) for item in node]
        return node

    return walk(schema)
