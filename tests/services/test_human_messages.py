"""Validation messages are written for people, in one place (app/services/errors.py), and the
REST answers and the dashboard's forms both use it."""

from __future__ import annotations

import pytest
from pydantic import BaseModel, Field, ValidationError

from app.services.errors import field_label, human_message, validation_details


class _Form(BaseModel):
    name: str = Field(min_length=1, max_length=200)
    max_messages: int = Field(ge=1, le=500, alias="maxMessages")
    tags: list[str] = Field(default_factory=list, max_length=3)


def _errors(payload: dict) -> dict[str, str]:
    with pytest.raises(ValidationError) as caught:
        _Form.model_validate(payload)
    return {d.field: d.message for d in validation_details(caught.value.errors())}


def test_pydantic_errors_read_as_sentences() -> None:
    assert _errors({"name": "x" * 201, "maxMessages": 0}) == {
        "name": "Name is too long: 200 characters at most.",
        "maxMessages": "Max messages must be 1 or more.",
    }
    assert _errors({"name": "", "maxMessages": "lots"}) == {
        "name": "Name cannot be empty.",
        "maxMessages": "Max messages must be a whole number.",
    }
    assert _errors({"maxMessages": 501, "tags": ["a", "b", "c", "d"]}) == {
        "name": "Name is required.",
        "maxMessages": "Max messages must be 500 or less.",
        "tags": "Tags has too many items: 3 at most.",
    }


def test_labels_and_unknown_types_fall_back_to_pydantic_words() -> None:
    assert field_label(("body", "config", "timeoutSeconds")) == "Timeout seconds"
    assert field_label(("allowedOrigins", 0)) == "Allowed origins"
    assert field_label(("body",)) == "This value"
    assert field_label(("personaIds",)) == "Personas" and field_label(("agentId",)) == "Agent"
    assert human_message({"type": "value_error", "loc": ("x",), "msg": "Value error, must be even"}) == "must be even"


def test_the_api_answers_with_the_same_sentences(client, make_account) -> None:
    me = make_account()
    answer = client.post("/api/personas", json={"name": "x" * 201}, headers=me.headers)
    assert answer.status_code == 422
    assert {"field": "name", "message": "Name is too long: 200 characters at most."} in answer.json()["error"][
        "details"
    ]
