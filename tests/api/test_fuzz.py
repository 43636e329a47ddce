"""Property-based fuzzing of the whole REST API from its own OpenAPI document (schemathesis).

Every documented operation gets generated requests, valid and invalid (the examples,
coverage and fuzzing phases), sent with a signed-in workspace owner's bearer token to the
real app in-process (ASGI). Every answer must be: no 5xx, a documented status code, a
documented content type, a body matching the documented schema, and every 4xx in the
one error shape, with the security headers. The document is the truth both ways: data it
calls valid is accepted, and data it calls invalid is refused. The number of cases is bounded and the
generation derandomized, so a run is repeatable and takes a minute or two.

Nothing is left out of the document's operations. The WebSocket (/api/ws) is not in an
OpenAPI document, so it is not fuzzed here (tests/api/test_sessions.py drives it); the SSE
stream is fuzzed with random ids only (a real one would stream until the session ends).
"""

from __future__ import annotations

import os
from typing import Any

import pytest
import schemathesis
from hypothesis import strategies as st
from schemathesis.checks import not_a_server_error
from schemathesis.config import HealthCheck
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    negative_data_rejection,
    positive_data_acceptance,
    response_schema_conformance,
    status_code_conformance,
    unsupported_method,
)

from app.api.errors import ErrorResponse
from app.api.main import create_api
from tests.conftest import Account

# Cases per operation in the fuzzing phase (the examples and coverage phases add their own,
# bounded by the schema). MIMIC_FUZZ_EXAMPLES raises it for a longer local hunt.
MAX_EXAMPLES = int(os.environ.get("MIMIC_FUZZ_EXAMPLES", "12"))

schema = schemathesis.openapi.from_asgi("/openapi.json", create_api())
schema.config.generation.update(max_examples=MAX_EXAMPLES, deterministic=True, database="none")
schema.config.update(suppress_health_check=[HealthCheck.all])
schema.config.seed = 20260101


@schemathesis.check
def errors_in_the_one_shape(ctx: Any, response: schemathesis.Response, case: schemathesis.Case) -> bool | None:
    """Every 4xx and 5xx answers {"error": {"code", "message", "details": [{"field", "message"}]}}."""
    if response.status_code < 400:
        return None
    body = response.json()
    assert isinstance(body, dict) and set(body) == {"error"}, f"not the error shape: {response.text[:300]}"
    error = ErrorResponse.model_validate(body).error
    assert set(body["error"]) == {"code", "message", "details"}, f"extra keys: {sorted(body['error'])}"
    assert error.message, "an error without a message"
    return True


@schemathesis.check
def security_headers(ctx: Any, response: schemathesis.Response, case: schemathesis.Case) -> bool | None:
    """Every answer carries the headers of app/api/middleware.py."""
    headers = {name.lower(): values[0] for name, values in response.headers.items()}
    assert headers.get("x-content-type-options") == "nosniff"
    assert headers.get("x-frame-options") == "DENY"
    assert "frame-ancestors 'none'" in headers.get("content-security-policy", "")
    return True


# Rules no JSON Schema can state, each a 422 naming its field: a reference to a row that does
# not exist in the workspace, the password policy (zxcvbn) and the current password, an email
# domain that cannot receive mail, a date that does not exist or a range that runs backwards
# or spans more than 366 days, a moment that must lie ahead (an API key's expiry), a suite's
# size (personas × objectives × repeats), a model whose provider is not configured, what a
# YAML import document holds (the document can only call YAML a string), an objective check's
# regular expression or JSON schema that does not compile, or a criterion it names that the
# objective does not have, in a pushed mimic.yaml a name given twice, a suite naming what neither
# the file nor the workspace has and a ${NAME} the request's env lacks, and the judging rules at
# the end. A schema-valid request
# refused for one of these (and nothing else) is not a document that lies.
BUSINESS_RULES: tuple[tuple[str, str], ...] = (
    ("agentId", "no such agent"), ("personaId", "no such persona"), ("objectiveId", "no such objective"),
    ("ids", "not every id is"),
    ("personaIds", "no such persona"), ("objectiveIds", "no such objective"),
    ("password", "too common or easy to guess"), ("newPassword", "too common or easy to guess"),
    ("currentPassword", "does not match"), ("email", "not a valid email address"),
    ("startDate", ""), ("endDate", ""), ("since", "not a real moment"), ("until", "not a real moment"),
    ("simulator", "unknown model"), ("judge", "unknown model"), ("agent", "unknown model"),
    ("model", "no custom model"), ("simulatorModel", "unknown model"),
    ("expiresAt", "must be in the future"), ("repeats", "sessions; at most"), ("body", "expected an object or a list"),
    ("value", "not a valid regular expression"), ("schema", "not a valid JSON schema"), ("checks", "names criterion"),
    # Judging: a conversation must hold an agent message (ids once each), a labelled case one
    # label per criterion citing its own messages, repeats need a temperature above 0, a
    # calibration names an existing set, a set from reviews needs reviewed sessions.
    ("transcript", "no agent message"), ("transcript", "message ids must be unique"),
    ("labels", "one label per criterion"), ("labels", "not in the transcript"),
    ("expectedFindings", "not in the transcript"), ("cases", "case ids must be unique"),
    ("temperature", "must be above 0 when repeats"), ("setId", "no such calibration set"),
    ("sessionIds", "not reviewed or not in this workspace"), ("body", "no reviewed session matches"),
    # mimic.yaml: text that is not a YAML mapping, names given twice or unknown, unset variables.
    ("body", "YAML"), ("document", "YAML"), ("version", "version"), ("env", "is not set"),
    ("personas", "is used"), ("objectives", "is used"), ("agents", "is used"), ("suites", "is used"),
    ("agent", "in the file or the workspace"), ("personas", "in the file or the workspace"),
    ("objectives", "in the file or the workspace"),
)  # fmt: skip


def _a_business_rule(response: schemathesis.Response) -> bool:
    if response.status_code != 422:
        return False
    details = response.json()["error"]["details"]
    return bool(details) and all(
        any(d["field"].split(".")[-1].split("[")[0] == f and m in d["message"] for f, m in BUSINESS_RULES)
        for d in details
    )


@schemathesis.check
def valid_data_is_accepted(ctx: Any, response: schemathesis.Response, case: schemathesis.Case) -> bool | None:
    """Schemathesis's positive-data check: what the document calls valid is not refused,
    except by a rule of BUSINESS_RULES, or a YAML body's content (the document calls YAML a string)."""
    if _a_business_rule(response) or (case.media_type == "application/yaml" and response.status_code == 422):
        return None
    return positive_data_acceptance(ctx, response, case)


CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_schema_conformance,
    unsupported_method,
    valid_data_is_accepted,
    negative_data_rejection,  # ... and what it calls invalid is refused
    errors_in_the_one_shape,
    security_headers,
]

# Path ids the fuzzer may use instead of random ones, so that operations on existing rows
# (PUT, PATCH, duplicate, delete, sub-resources) are reached, not only their 404s. Filled
# per test by the `known_ids` fixture, read by the hook below while cases are generated.
KNOWN_IDS: dict[str, str] = {}

# Operations that, given a real id, start work that outlives the request (a session or a
# run executing in the background, a webhook delivery, an endless SSE stream) or take
# seconds per case (the report renders its charts in Chromium); they are still fuzzed,
# with random ids only.
NO_REAL_IDS = ("/start", "/run", "/stream", "/test", "/report")


def _resource_of(path: str, parameter: str) -> str | None:
    if path.endswith(NO_REAL_IDS) and not path.startswith("/api/agents/{agent_id}/run"):
        return None
    if parameter == "item_id":  # /api/<personas|objectives|agents|suites>/{item_id}
        return path.split("/")[2]
    return {"agent_id": "agents", "session_id": "sessions", "suite_id": "suites", "webhook_id": "webhooks"}.get(
        parameter
    )


@schema.hook
def flatmap_path_parameters(context: schemathesis.HookContext, path_parameters: dict[str, Any]):
    real = {
        name: KNOWN_IDS[resource]
        for name in path_parameters or {}
        if (resource := _resource_of(context.operation.path, name)) in KNOWN_IDS
    }
    if not real:
        return st.just(path_parameters)
    return st.sampled_from([path_parameters, {**path_parameters, **real}])


@pytest.fixture
def owner(db, make_account) -> Account:
    return make_account()


@pytest.fixture
def known_ids(db, owner: Account):
    """One of each resource in the owner's workspace, made through the services."""
    from app.models.account import Role
    from app.models.library import AgentCreate, ObjectiveCreate, PersonaCreate
    from app.models.session import SessionCreate
    from app.models.suite import SuiteCreate
    from app.models.webhook import WebhookCreate
    from app.services import agents, objectives, personas, sessions, suites, webhooks
    from app.services.access import Principal

    principal = Principal(owner.user_id, owner.email, owner.workspace_id, Role(owner.role))
    persona = personas.create_persona(session=db, principal=principal, data=PersonaCreate(name="Fuzzed persona"))
    objective = objectives.create_objective(
        session=db, principal=principal, data=ObjectiveCreate.model_validate({"name": "O", "definition": {"goal": "g"}})
    )
    agent = agents.create_agent(
        session=db,
        principal=principal,
        data=AgentCreate.model_validate({"name": "A", "type": "hosted", "config": {"systemPrompt": "You help."}}),
    )
    ids = {"personas": persona.id, "objectives": objective.id, "agents": agent.id}
    ids["sessions"] = sessions.create_session(
        session=db,
        principal=principal,
        data=SessionCreate(agent_id=agent.id, persona_id=persona.id, objective_id=objective.id),
    ).id
    ids["suites"] = suites.create_suite(
        session=db,
        principal=principal,
        data=SuiteCreate(name="S", agent_id=agent.id, persona_ids=[persona.id], objective_ids=[objective.id]),
    ).id
    ids["webhooks"] = webhooks.create_webhook(
        session=db,
        principal=principal,
        data=WebhookCreate(url="https://hooks.example.com/mimic", events=["session.completed"], active=False),
    ).id
    KNOWN_IDS.update(ids)
    yield ids
    KNOWN_IDS.clear()


def _short_waits(case: schemathesis.Case) -> None:
    """A long-poll on a session that will not end (the fuzzer's stays pending) answers at its
    timeout, 30 s by default: a valid one is shortened to half a second, an invalid one kept."""
    if not case.operation.path.endswith("/wait"):
        return
    query = dict(case.query or {})
    timeout = query.get("timeout")
    if timeout is None or (isinstance(timeout, int | float) and not isinstance(timeout, bool) and timeout > 0.5):
        query["timeout"] = 0.5
    case.query = query


@schema.parametrize()
def test_every_operation_answers_as_documented(case: schemathesis.Case, owner: Account, known_ids) -> None:
    _short_waits(case)
    case.call_and_validate(headers=owner.headers, checks=CHECKS)
