"""${NAME} references to environment variables, as mimic.yaml writes an agent's secrets and
addresses: the pattern of a reference, and `envRefs`, the field of every agent config that
remembers which values came from which references (resolved where `mimic push` ran), so that a
pull writes the references back, never the values."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, Field

from app.models.base import PATTERN_MESSAGES

# ${NAME}: an environment variable, as shells and CI systems name them.
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


EnvRefs = Annotated[dict[str, str], AfterValidator(_env_refs)]


def env_refs_field() -> Any:
    return Field(
        default_factory=dict,
        max_length=50,
        description='Field path -> the template it was made from, e.g. {"apiKey": "${OPENAI_API_KEY}"}',
        # What _env_refs checks, in the document too.
        json_schema_extra={
            "propertyNames": {"pattern": FIELD_PATH_PATTERN, "maxLength": 200},
            "additionalProperties": {"type": "string", "pattern": ENV_REFERENCE.pattern, "maxLength": 2000},
        },
    )
