"""Personas, objectives and agents over REST: CRUD, pagination, filters, PUT vs PATCH,
duplicate, isolation between workspaces, masked secrets, import and export."""

from __future__ import annotations

import json

import pytest
import yaml
from sqlmodel import select

from app.models import Agent, Objective, Persona
from app.services import crypto

PERSONA = {
    "name": "Nervous first-timer",
    "description": "Never used a chatbot before",
    "prompt": "You are nervous and polite.",
    "definition": {"identity": "A retired teacher", "techProfile": "Tablet only", "personality": "Careful",
                   "tendencies": ["Asks twice", "Apologises"]},
    "traits": {"communication_style": "polite", "patience_level": "high", "urgency": "low", "reading_level": "basic"},
    "metadata": {"archetype": "first-timer", "tags": ["cautious"]},
    "config": {"messageInterval": 2, "sessionDuration": 240},
    "language": "en",
}  # fmt: skip
OBJECTIVE = {
    "name": "Where is my parcel",
    "definition": {"goal": "Find out where order A-10482 is", "constraints": ["No phone calls"],
                   "successCriteria": ["The agent gives a delivery date"]},
    "config": {"autonomyLevel": "goal-directed", "maxActions": 20, "maxTurns": 8},
}  # fmt: skip


def test_a_new_workspace_starts_with_the_library(client, make_account) -> None:
    owner = make_account()
    personas = client.get("/api/personas?limit=100", headers=owner.headers).json()
    objectives = client.get("/api/objectives?limit=100", headers=owner.headers).json()
    agents = client.get("/api/agents", headers=owner.headers).json()
    assert personas["pagination"]["total"] >= 12 and objectives["pagination"]["total"] >= 8
    assert len({p["name"] for p in personas["data"]}) == personas["pagination"]["total"]
    archetypes = {p["metadata"]["archetype"] for p in personas["data"]}
    assert len(archetypes) >= 12
    assert [a["type"] for a in agents["data"]] == ["hosted", "voice"]  # the chat demo first
    assert all(o["definition"]["successCriteria"] for o in objectives["data"])


def test_persona_crud_round_trip(client, make_account) -> None:
    owner = make_account()
    created = client.post("/api/personas", json=PERSONA, headers=owner.headers)
    assert created.status_code == 201
    persona = created.json()
    assert persona["traits"]["reading_level"] == "basic"  # free trait keys are kept
    assert persona["metadata"] == PERSONA["metadata"] and persona["definition"]["techProfile"] == "Tablet only"
    fetched = client.get(f"/api/personas/{persona['id']}", headers=owner.headers).json()
    assert fetched == persona

    assert client.delete(f"/api/personas/{persona['id']}", headers=owner.headers).status_code == 204
    assert client.get(f"/api/personas/{persona['id']}", headers=owner.headers).status_code == 404


def test_put_replaces_and_patch_changes_part(client, make_account) -> None:
    owner = make_account()
    persona = client.post("/api/personas", json=PERSONA, headers=owner.headers).json()

    patched = client.patch(f"/api/personas/{persona['id']}", json={"name": "Renamed"}, headers=owner.headers).json()
    assert patched["name"] == "Renamed" and patched["description"] == PERSONA["description"]
    assert patched["traits"] == persona["traits"]

    replaced = client.put(f"/api/personas/{persona['id']}", json={"name": "Bare"}, headers=owner.headers).json()
    assert replaced["name"] == "Bare" and replaced["description"] == "" and replaced["definition"]["tendencies"] == []
    assert replaced["id"] == persona["id"] and replaced["createdAt"] == persona["createdAt"]
    assert replaced["updatedAt"] >= persona["updatedAt"]


@pytest.mark.parametrize(
    ("kind", "body", "fields"),
    [
        ("personas", PERSONA, ["name", "description", "prompt", "definition", "traits", "metadata", "config",
                               "llmConfig", "language"]),
        ("objectives", OBJECTIVE, ["name", "description", "definition", "config"]),
        ("agents", {"name": "Bot", "type": "hosted", "config": {"systemPrompt": "You help."}},
         ["name", "description", "type", "config", "status"]),
    ],
)  # fmt: skip
def test_patch_with_null_leaves_the_field_as_it_is(client, make_account, kind, body, fields) -> None:
    # Found by the fuzzer (tests/api/test_fuzz.py): an explicit null used to be a 500.
    owner = make_account()
    created = client.post(f"/api/{kind}", json=body, headers=owner.headers).json()
    patched = client.patch(f"/api/{kind}/{created['id']}", json=dict.fromkeys(fields), headers=owner.headers)
    assert patched.status_code == 200, patched.text
    assert {k: v for k, v in patched.json().items() if k != "updatedAt"} == {
        k: v for k, v in created.items() if k != "updatedAt"
    }


def test_validation_errors_name_the_field_and_change_nothing(client, db, make_account) -> None:
    owner = make_account()
    before = len(db.exec(select(Persona).where(Persona.workspace_id == owner.workspace_id)).all())
    bad = {**PERSONA, "name": "  ", "traits": {"patience_level": "infinite"}, "config": {"sessionDuration": 1}}
    response = client.post("/api/personas", json=bad, headers=owner.headers)
    assert response.status_code == 422
    fields = {d["field"] for d in response.json()["error"]["details"]}
    assert {"name", "traits.patience_level", "config.sessionDuration"} <= fields
    assert len(db.exec(select(Persona).where(Persona.workspace_id == owner.workspace_id)).all()) == before

    objective = {**OBJECTIVE, "config": {"autonomyLevel": "chaotic", "maxTurns": 0}}
    response = client.post("/api/objectives", json=objective, headers=owner.headers)
    assert {"config.autonomyLevel", "config.maxTurns"} <= {d["field"] for d in response.json()["error"]["details"]}


def test_pagination_and_search(client, make_account) -> None:
    owner = make_account()
    for i in range(25):
        client.post("/api/objectives", json={**OBJECTIVE, "name": f"Zeta objective {i:02d}"}, headers=owner.headers)
    total = client.get("/api/objectives", headers=owner.headers).json()["pagination"]["total"]
    first = client.get("/api/objectives?limit=10&q=zeta", headers=owner.headers).json()
    assert first["pagination"] == {"page": 1, "limit": 10, "total": 25, "pages": 3}
    last = client.get("/api/objectives?limit=10&page=3&q=ZETA", headers=owner.headers).json()
    assert len(last["data"]) == 5
    seen = {o["id"] for p in (1, 2, 3) for o in
            client.get(f"/api/objectives?limit=10&page={p}&q=zeta", headers=owner.headers).json()["data"]}  # fmt: skip
    assert len(seen) == 25
    assert client.get("/api/objectives?limit=100", headers=owner.headers).json()["pagination"]["total"] == total
    for bad in ("limit=0", "limit=101", "page=0", "page=x"):
        response = client.get(f"/api/objectives?{bad}", headers=owner.headers)
        assert response.status_code == 422, bad
        assert response.json()["error"]["code"] == "VALIDATION_ERROR"
    # Search reads the description too.
    client.post(
        "/api/personas", json={**PERSONA, "name": "Plain", "description": "likes kayaks"}, headers=owner.headers
    )
    found = client.get("/api/personas?q=kayak", headers=owner.headers).json()
    assert [p["name"] for p in found["data"]] == ["Plain"]


def test_agents_filter_by_type_and_mask_secrets(client, db, make_account) -> None:
    owner = make_account()
    created = client.post(
        "/api/agents",
        json={"name": "Support API", "type": "openai",
              "config": {"baseUrl": "http://127.0.0.1:9/v1", "model": "gpt-4o-mini", "apiKey": "sk-live-abcdef987654"}},
        headers=owner.headers,
    )  # fmt: skip
    assert created.status_code == 201
    agent = created.json()
    assert agent["config"]["apiKey"] == crypto.MASK + "7654"
    assert "sk-live-abcdef987654" not in json.dumps(client.get("/api/agents", headers=owner.headers).json())

    raw = db.exec(select(Agent).where(Agent.id == agent["id"])).one()
    assert raw.config["apiKey"].startswith("enc:v1:") and "sk-live" not in raw.config["apiKey"]

    only_openai = client.get("/api/agents?type=openai", headers=owner.headers).json()
    assert [a["name"] for a in only_openai["data"]] == ["Support API"]
    assert client.get("/api/agents?type=carrier-pigeon", headers=owner.headers).status_code == 422

    # Sent back masked, the key is kept; sent anew, it is replaced.
    kept = client.patch(f"/api/agents/{agent['id']}", json={"config": {"model": "gpt-4o"}}, headers=owner.headers)
    assert kept.status_code == 200 and kept.json()["config"]["model"] == "gpt-4o"
    db.expire_all()
    assert crypto.decrypt(db.get(Agent, agent["id"]).config["apiKey"]) == "sk-live-abcdef987654"
    new_key = {**agent, "config": {**agent["config"], "apiKey": "sk-new-000011112222"}}
    put = client.put(f"/api/agents/{agent['id']}", json=new_key, headers=owner.headers)
    assert put.status_code == 200 and put.json()["config"]["apiKey"].endswith("2222")


def test_agent_config_errors_name_the_field(client, make_account) -> None:
    owner = make_account()
    response = client.post("/api/agents", json={"name": "x", "type": "http", "config": {"url": "nope"}},
                           headers=owner.headers)  # fmt: skip
    assert response.status_code == 422
    assert response.json()["error"]["details"] == [
        {"field": "config.url", "message": "must be an absolute http or https URL"}
    ]


def test_duplicate(client, make_account) -> None:
    owner = make_account()
    persona = client.post("/api/personas", json=PERSONA, headers=owner.headers).json()
    copy = client.post(f"/api/personas/{persona['id']}/duplicate", headers=owner.headers)
    assert copy.status_code == 201
    assert copy.json()["name"] == "Nervous first-timer (copy)" and copy.json()["id"] != persona["id"]
    assert copy.json()["traits"] == persona["traits"]


@pytest.mark.parametrize("resource", ["personas", "objectives", "agents"])
def test_another_workspace_sees_nothing(client, make_account, resource) -> None:
    owner, stranger = make_account(), make_account()
    item_id = client.get(f"/api/{resource}", headers=owner.headers).json()["data"][0]["id"]
    for method, suffix in (("get", ""), ("patch", ""), ("delete", ""), ("post", "/duplicate")):
        response = client.request(method, f"/api/{resource}/{item_id}{suffix}", json={} if method == "patch" else None,
                                  headers=stranger.headers)  # fmt: skip
        assert response.status_code == 404, (method, suffix)
    assert item_id not in json.dumps(client.get(f"/api/{resource}?limit=100", headers=stranger.headers).json())


@pytest.mark.parametrize("fmt", ["json", "yaml"])
@pytest.mark.parametrize("kind", ["personas", "objectives"])
def test_export_import_round_trip(client, make_account, fmt, kind) -> None:
    source, target = make_account(), make_account()
    listing = client.get(f"/api/{kind}?limit=3", headers=source.headers).json()["data"]
    ids = ",".join(item["id"] for item in listing)
    exported = client.get(f"/api/{kind}/export?format={fmt}&ids={ids}", headers=source.headers)
    assert exported.status_code == 200
    assert "attachment" in exported.headers["content-disposition"]
    document = json.loads(exported.text) if fmt == "json" else yaml.safe_load(exported.text)
    assert len(document[kind]) == 3 and "id" not in document[kind][0]

    media = "application/json" if fmt == "json" else "application/yaml"
    imported = client.post(
        f"/api/{kind}/import", content=exported.content, headers={**target.headers, "content-type": media}
    )
    assert imported.status_code == 201, imported.text
    assert imported.json()["imported"] == 3
    strip = lambda items: [{k: v for k, v in i.items() if k not in {"id", "createdAt", "updatedAt"}} for i in items]  # noqa: E731
    assert strip(imported.json()["data"]) == strip(listing[::-1]) or strip(imported.json()["data"]) == strip(listing)


def test_import_one_object_and_all_or_nothing(client, db, make_account) -> None:
    owner = make_account()
    one = client.post(
        "/api/personas/import", content=yaml.safe_dump(PERSONA), headers={**owner.headers, "content-type": "text/yaml"}
    )
    assert one.status_code == 201 and one.json()["imported"] == 1

    count = len(db.exec(select(Persona).where(Persona.workspace_id == owner.workspace_id)).all())
    mixed = [PERSONA, {**PERSONA, "name": ""}, {**PERSONA, "language": "!!"}]
    response = client.post("/api/personas/import", json=mixed, headers=owner.headers)
    assert response.status_code == 422
    assert {d["field"] for d in response.json()["error"]["details"]} == {"[1].name", "[2].language"}
    assert len(db.exec(select(Persona).where(Persona.workspace_id == owner.workspace_id)).all()) == count

    broken = client.post("/api/personas/import?format=yaml", content=b"name: [unclosed", headers=owner.headers)
    assert broken.status_code == 422 and broken.json()["error"]["details"][0]["field"] == "body"


def test_objective_checks_are_validated_and_kept(client, db, make_account) -> None:
    owner = make_account()
    checks = [
        {"type": "regex", "value": r"delivered on \w+day", "criterion": 0, "label": "A date"},
        {"type": "max_latency", "value": 5000},
        {"type": "json_schema", "schema": {"type": "object", "required": ["date"]}, "scope": "last"},
    ]
    created = client.post("/api/objectives", json={**OBJECTIVE, "checks": checks}, headers=owner.headers)
    assert created.status_code == 201, created.text
    body = created.json()
    assert [c["type"] for c in body["checks"]] == ["regex", "max_latency", "json_schema"]
    assert body["checks"][0]["criterion"] == 0 and body["checks"][2]["schema"] == {
        "type": "object",
        "required": ["date"],
    }
    stored = db.get(Objective, body["id"])
    assert stored.checks[0] == {"type": "regex", "value": r"delivered on \w+day", "criterion": 0, "label": "A date"}

    # What the OpenAPI document states is refused by the document check, what no schema can state
    # (a pattern Python cannot compile, a schema that is not one) by the server: each names the field.
    bad = [
        ([{"type": "regex", "value": "(unclosed"}], "checks[0].value", "not a valid regular expression"),
        ([{"type": "max_turns", "value": "many"}], "checks[0].value", "whole number"),
        ([{"type": "contains", "value": "x", "criterion": 3}], "checks", "names criterion 3"),
        ([{"type": "contains"}], "checks[0].value", "Value is required."),
        ([{"type": "language", "value": "Spanish"}], "checks[0].value", "ISO 639-1"),
        ([{"type": "json_schema", "schema": {"type": 12}}], "checks[0].schema", "not a valid JSON schema"),
        ([{"type": "telepathy", "value": "x"}], "checks[0].type", ""),
    ]
    for checks_in, field, message in bad:
        response = client.post("/api/objectives", json={**OBJECTIVE, "checks": checks_in}, headers=owner.headers)
        assert response.status_code == 422, checks_in
        details = response.json()["error"]["details"]
        assert any(d["field"] == field and message in d["message"] for d in details), details
    # PATCH: a check must still name one of the criteria after the change.
    patched = client.patch(f"/api/objectives/{body['id']}", json={"checks": [{"type": "contains", "value": "x",
                                                                                   "criterion": 1}]},
                           headers=owner.headers)  # fmt: skip
    assert patched.status_code == 422 and patched.json()["error"]["details"][0]["field"] == "checks"
    assert db.get(Objective, body["id"]).checks == stored.checks
