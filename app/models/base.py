"""Column types and helpers shared by every table."""

from __future__ import annotations

import copy
import functools
import re
import uuid
from datetime import UTC, datetime
from typing import Annotated, Any
from urllib.parse import urlsplit

from pydantic import AfterValidator, BaseModel, ConfigDict, StringConstraints
from pydantic import Field as PydanticField
from pydantic.alias_generators import to_camel
from pydantic_core import PydanticUndefined
from sqlalchemy import JSON, DateTime, TypeDecorator
from sqlalchemy.dialects.postgresql import JSONB
from sqlmodel import Field, SQLModel

# Named constraints, so later migrations can alter them (SQLite batch mode needs the names).
SQLModel.metadata.naming_convention = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}

# JSON on SQLite, JSONB (indexable, compact) on PostgreSQL.
JSONType = JSON().with_variant(JSONB(), "postgresql")


class UTCDateTime(TypeDecorator):
    """A timestamp that is always timezone-aware UTC in Python.

    SQLite keeps no offset, so values read back naive; they were written as UTC, so
    they are marked UTC again on the way out. Naive values are refused on the way in.
    """

    impl = DateTime(timezone=True)
    cache_ok = True

    def process_bind_param(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            raise ValueError("naive datetime: Mimic stores timezone-aware timestamps only")
        return value.astimezone(UTC)

    def process_result_value(self, value: datetime | None, dialect) -> datetime | None:
        if value is None:
            return None
        if value.tzinfo is None:
            return value.replace(tzinfo=UTC)
        return value.astimezone(UTC)


def utcnow() -> datetime:
    return datetime.now(UTC)


def new_id() -> str:
    return str(uuid.uuid4())


def table_row(model: type[SQLModel], **values: Any) -> dict[str, Any]:
    """A new row of a table model as its columns, for a Core insert: the values given, the
    model's defaults for the rest (its default factories called), as constructing the model and
    reading its columns gives (a table model does not validate) at a tenth of the cost. An
    unknown column, or a missing one without a default, is a TypeError."""
    columns = _column_defaults(model)
    unknown = values.keys() - columns.keys()
    if unknown:
        raise TypeError(f"{model.__name__} has no column {', '.join(sorted(unknown))}")
    row: dict[str, Any] = {}
    for name, (default, factory) in columns.items():
        if name in values:
            row[name] = values[name]
        elif factory is not None:
            row[name] = factory()
        elif default is PydanticUndefined:
            raise TypeError(f"{model.__name__} needs {name}")
        else:
            row[name] = copy.copy(default)
    return row


@functools.cache
def _column_defaults(model: type[SQLModel]) -> dict[str, tuple[Any, Any]]:
    fields = model.model_fields
    return {
        column.name: (fields[column.name].default, fields[column.name].default_factory)
        for column in model.__table__.columns  # type: ignore[attr-defined]
    }


def id_field() -> Any:
    return Field(default_factory=new_id, primary_key=True, max_length=36)


def workspace_fk() -> Any:
    # Not indexed alone: each table leads a composite index with it (workspace_id, created_at).
    return Field(foreign_key="workspace.id", max_length=36, ondelete="CASCADE")


def created_at_field() -> Any:
    return Field(default_factory=utcnow, sa_type=UTCDateTime, nullable=False)


def updated_at_field() -> Any:
    return Field(
        default_factory=utcnow,
        sa_type=UTCDateTime,
        nullable=False,
        sa_column_kwargs={"onupdate": utcnow},
    )


def json_field(default_factory=dict) -> Any:
    return Field(default_factory=default_factory, sa_type=JSONType, nullable=False)


def timestamp_field(**kwargs: Any) -> Any:
    return Field(default=None, sa_type=UTCDateTime, nullable=True, **kwargs)


def not_blank(value: str) -> str:
    value = value.strip()
    if not value:
        raise ValueError("must not be blank")
    return value


# "Holds a character that str.strip() keeps", spelled out so that every regex engine that reads
# the OpenAPI document (Python's, Rust's, JavaScript's) agrees on it: each has its own `\s`.
NOT_BLANK_PATTERN = "[^\t\n\x0b\x0c\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]"


# What a documented pattern means, in words: error messages say this rather than the regex.
PATTERN_MESSAGES: dict[str, str] = {NOT_BLANK_PATTERN: "must not be blank"}


def absolute_url(value: str, schemes: tuple[str, ...] = ("http", "https")) -> str:
    """An absolute URL of one of `schemes`, trimmed (the OpenAPI pattern: url_pattern)."""
    value = value.strip()
    parts = urlsplit(value)
    if parts.scheme not in schemes or not parts.netloc:
        raise ValueError(f"must be an absolute {' or '.join(schemes)} URL")
    return value


def url_pattern(schemes: tuple[str, ...] = ("http", "https")) -> dict[str, str]:
    """The OpenAPI pattern of what absolute_url accepts: an absolute URL of one of `schemes`."""
    # A host name, or an IPv6 literal in brackets written as ipaddress reads it (urlsplit checks it).
    # Eight groups, or fewer around one "::" (never more than seven in all with it).
    h = "[0-9A-Fa-f]{1,4}"
    forms = [f"({h}:){{7}}{h}", f"({h}:){{1,7}}:", *(f"({h}:){{1,{n}}}(:{h}){{1,{7 - n}}}" for n in range(1, 7)),
             f":((:{h}){{1,7}}|:)"]  # fmt: skip
    ipv6 = rf"\[({'|'.join(forms)})\]"
    pattern = f"^[ \\t\\n\\r]*({'|'.join(schemes)})://([^/?#@\\[\\] \\t\\n\\r]*@)?({ipv6}|[^/?#@\\[\\] \\t\\n\\r]+)"
    PATTERN_MESSAGES[pattern] = f"must be an absolute {' or '.join(schemes)} URL"
    return {"pattern": pattern}


def text(max_length: int) -> Any:
    """A required text: trimmed, not blank, at most `max_length` characters (the OpenAPI
    document says so too: minLength 1 and a pattern that only blank strings miss)."""
    return Annotated[
        str,
        StringConstraints(max_length=max_length),
        AfterValidator(not_blank),  # the same rule as the pattern, with a plainer message
        PydanticField(json_schema_extra={"minLength": 1, "pattern": NOT_BLANK_PATTERN}),
    ]


# A name as people type it: trimmed, and never only spaces.
Name = text(200)


class CamelModel(BaseModel):
    """Base of every API schema (XCreate, XUpdate, XPublic): camelCase on the wire,
    snake_case in Python, and either accepted on input. A pydantic model, not a table."""

    model_config = ConfigDict(alias_generator=to_camel, populate_by_name=True, from_attributes=True)


# ${NAME}: an environment variable, as shells and CI systems name them (mimic.yaml's references).
ENV_REFERENCE = re.compile(r"\$\{([A-Za-z_][A-Za-z0-9_]*)\}")
FIELD_PATH_PATTERN = r"^[A-Za-z0-9_\-]+(\.[^.]+)*$"
PATTERN_MESSAGES[FIELD_PATH_PATTERN] = "must be a field path such as url or headers.Authorization"
PATTERN_MESSAGES[ENV_REFERENCE.pattern] = "must name at least one ${VARIABLE}"


def _env_refs(value: dict[str, str]) -> dict[str, str]:
    for path, template in value.items():
        if not re.fullmatch(FIELD_PATH_PATTERN, path) or len(path) > 200:
            raise ValueError(f"{path!r} is not a field path such as url or headers.Authorization")
        if not ENV_REFERENCE.search(template) or len(template) > 2000:
            raise ValueError(f"{path}: a template names at least one ${{VARIABLE}}")
    return value


# An agent config's values that came from environment variables (mimic.yaml's ${NAME}
# references, resolved where `mimic push` ran): exported again as the references they were,
# never as values. Every agent type's config has it (`env_refs: EnvRefs = Field(default_factory=dict)`).
EnvRefs = Annotated[
    dict[str, str],
    AfterValidator(_env_refs),
    PydanticField(
        max_length=50,
        description='Field path -> the template it was made from, e.g. {"apiKey": "${OPENAI_API_KEY}"}',
        # What _env_refs checks, in the document too.
        json_schema_extra={
            "propertyNames": {"pattern": FIELD_PATH_PATTERN, "maxLength": 200},
            "additionalProperties": {"type": "string", "pattern": ENV_REFERENCE.pattern, "maxLength": 2000},
        },
    ),
]
