"""mimic.yaml through the API: the published JSON Schema, push (import) and pull (export) of
a workspace, secrets kept as ${NAME} references, and the errors a team would hit."""

from __future__ import annotations

import copy
import json

import jsonschema
import yaml

from app.models.mimic_file import schema
from app.services import mimic_file
from app.settings import PROJECT_ROOT

EXAMPLE = PROJECT_ROOT / "examples" / "mimic.yaml"
ENV = {"SUPPORT_BOT_URL": "http://127.0.0.1:9", "SUPPORT_BOT_TOKEN": "tok-secret-1234"}


def _names(document: dict) -> dict[str, list[str]]:
    return {
        kind: [item["name"] for item in document.get(kind, [])]
        for kind in ("personas", "objectives", "agents", "suites")
    }


def _pull_params(document: dict) -> list[tuple[str, str]]:
    singular = {"personas": "persona", "objectives": "objective", "agents": "agent", "suites": "suite"}
    return [(singular[kind], name) for kind, names in _names(document).items() for name in names]


def test_the_schema_is_published_served_and_validates_the_example(client) -> None:
    served = client.get("/api/schemas/mimic.yaml.json")  # public: editors fetch it without credentials
    assert served.status_code == 200 and served.headers["content-type"].startswith("application/schema+json")
    assert served.json() == schema()
    committed = json.loads((PROJECT_ROOT / "schemas" / "mimic.yaml.schema.json").read_text())
    assert committed == schema(), "schemas/mimic.yaml.schema.json is stale: run `make schemas`"
    example = yaml.safe_load(EXAMPLE.read_text())
    jsonschema.Draft202012Validator(committed).validate(example)
    # Strict: a typo is an error, where the API would drop the key.
    typo = copy.deepcopy(example)
    typo["personas"][0]["trait"] = {}
    assert list(jsonschema.Draft202012Validator(committed).iter_errors(typo))


def test_push_then_pull_is_identical_and_secrets_stay_references(client, make_account) -> None:
    account = make_account()
    text = EXAMPLE.read_text()
    pushed = client.post("/api/mimic-yaml/import", json={"document": text, "env": ENV}, headers=account.headers)
    assert pushed.status_code == 200, pushed.text
    summary = pushed.json()
    assert summary["created"]["personas"] == ["Dana (direct, impatient)", "Sam (polite, patient)"]
    assert summary["created"]["suites"] == ["Support smoke", "Orders only"]

    # The agent holds the values, its secret sealed and masked, and where they came from.
    agent = next(a for a in client.get("/api/agents?q=Support bot", headers=account.headers).json()["data"])
    assert agent["config"]["url"] == "http://127.0.0.1:9/chat"
    assert agent["config"]["headers"]["Authorization"].startswith("••••") and "tok-secret" not in json.dumps(agent)
    assert agent["config"]["envRefs"] == {"url": "${SUPPORT_BOT_URL}/chat",
                                          "headers.Authorization": "Bearer ${SUPPORT_BOT_TOKEN}"}  # fmt: skip
    suite = client.get("/api/suites?q=Orders only", headers=account.headers).json()["data"][0]
    # The defaults were applied: the seed and the thresholds merged key by key.
    thresholds = {k: v for k, v in suite["config"]["thresholds"].items() if v is not None}
    assert suite["config"]["seed"] == 7 and thresholds == {"passRate": 1.0, "maxFindings": {"critical": 0}}

    original = yaml.safe_load(text)
    pulled = client.get("/api/mimic-yaml/export", params=_pull_params(original), headers=account.headers)
    assert pulled.status_code == 200, pulled.text
    assert pulled.json()["document"] == original and pulled.json()["warnings"] == []
    as_yaml = client.get("/api/mimic-yaml/export", params=[*_pull_params(original), ("format", "yaml")],
                         headers=account.headers)  # fmt: skip
    assert as_yaml.headers["content-type"].startswith("application/yaml")
    assert yaml.safe_load(as_yaml.text) == original and "tok-secret" not in as_yaml.text

    # Again, without the variables: the stored values stay, nothing changes.
    again = client.post(
        "/api/mimic-yaml/import", content=text, headers={**account.headers, "Content-Type": "application/yaml"}
    )
    assert again.status_code == 200, again.text
    assert again.json()["created"] == {} and again.json()["updated"] == {}
    # A rotated token is an update of the agent alone.
    rotated = client.post("/api/mimic-yaml/import", headers=account.headers,
                          json={"document": text, "env": {**ENV, "SUPPORT_BOT_TOKEN": "tok-secret-5678"}})  # fmt: skip
    assert rotated.json()["updated"] == {"agents": ["Support bot"]}

    # The whole workspace also has the library every new workspace starts with.
    everything = client.get("/api/mimic-yaml/export", headers=account.headers).json()
    assert len(everything["document"]["personas"]) > 2 and everything["document"]["defaults"]["seed"] == 7


def test_push_refuses_inline_secrets_missing_variables_and_unknown_names(client, make_account) -> None:
    account = make_account()
    document = yaml.safe_load(EXAMPLE.read_text())

    def push(doc: dict | str, env: dict | None = None):
        return client.post("/api/mimic-yaml/import", json={"document": doc, "env": env or {}}, headers=account.headers)

    inline = copy.deepcopy(document)
    inline["agents"][0]["config"]["headers"]["Authorization"] = "Bearer abc123"
    # The schema of the document refuses it, naming the field by its place in the request.
    refused = push(inline, ENV)
    assert refused.status_code == 422
    detail = refused.json()["error"]["details"][0]
    assert detail["field"] == "document.agents[0].config.headers.Authorization" and "inline secret" in detail["message"]
    # The file itself as the body: places in the file, and the variable it could be.
    as_file = client.post("/api/mimic-yaml/import", content=yaml.safe_dump(inline),
                          headers={**account.headers, "Content-Type": "application/yaml"})  # fmt: skip
    assert as_file.status_code == 422
    detail = as_file.json()["error"]["details"][0]
    assert detail["field"] == "agents[0].config.headers.Authorization" and "inline secret" in detail["message"]
    assert "${SUPPORT_BOT_AUTHORIZATION}" in detail["message"]

    # What lacks the value is the request's env.
    missing = push(document, {"SUPPORT_BOT_URL": "http://127.0.0.1:9"})
    assert missing.status_code == 422
    [detail] = missing.json()["error"]["details"]
    assert detail["field"] == "env" and detail["message"].startswith(
        "${SUPPORT_BOT_TOKEN} is not set (agents[0].config.headers.Authorization references it)"
    )

    unknown = copy.deepcopy(document)
    unknown["suites"][0]["matrix"]["personas"].append("Nobody")
    answer = push(unknown, ENV)
    assert answer.status_code == 422
    assert {
        "field": "document.suites[0].matrix.personas[2]",
        "message": "no persona named 'Nobody' in the file or the workspace",
    } in answer.json()["error"]["details"]

    wrong_version = push({**document, "version": 2}, ENV)
    assert wrong_version.status_code == 422
    assert wrong_version.json()["error"]["details"][0]["field"] == "document.version"
    bad_yaml = client.post("/api/mimic-yaml/import", content=b"version: 1\npersonas: [\n",
                           headers={**account.headers, "Content-Type": "application/yaml"})  # fmt: skip
    assert bad_yaml.status_code == 422
    [detail] = bad_yaml.json()["error"]["details"]
    assert detail["field"] == "body" and detail["message"].startswith("not valid YAML at line 3, column 1")
    as_text = push("version: 1\npersonas: [\n")  # the file as text inside a JSON body
    assert as_text.status_code == 422 and as_text.json()["error"]["details"][0]["field"] == "document"
    [detail] = push("version: 1\npersona: []\n").json()["error"]["details"]  # a typo at the top of the file
    assert detail["field"] == "document" and "'persona' was unexpected" in detail["message"]
    # Nothing of all that was stored.
    assert client.get("/api/suites", headers=account.headers).json()["pagination"]["total"] == 0

    dry = client.post("/api/mimic-yaml/import", json={"document": document, "env": ENV, "dryRun": True},
                      headers=account.headers)  # fmt: skip
    assert dry.status_code == 200 and dry.json()["dryRun"] and dry.json()["created"]["suites"]
    assert client.get("/api/suites", headers=account.headers).json()["pagination"]["total"] == 0


def test_an_agent_typed_in_the_dashboard_pulls_with_a_reference_and_pushes_back_unchanged(client, make_account) -> None:
    account = make_account()
    made = client.post("/api/agents", headers=account.headers, json={
        "name": "Acme GPT", "type": "openai",
        "config": {"baseUrl": "http://127.0.0.1:9/v1", "model": "gpt-x",
                   "apiKey": "sk-live-abcdef123456"}})  # fmt: skip
    assert made.status_code == 201
    pulled = client.get("/api/mimic-yaml/export", params={"agent": "Acme GPT"}, headers=account.headers).json()
    assert pulled["document"]["agents"][0]["config"]["apiKey"] == "${ACME_GPT_APIKEY}"
    assert "typed in the dashboard" in pulled["warnings"][0]
    assert "sk-live" not in json.dumps(pulled)
    back = client.post("/api/mimic-yaml/import", json={"document": pulled["document"]}, headers=account.headers)
    assert back.status_code == 422  # the stored key came from no variable: the file must name one that is set
    pushed = client.post(
        "/api/mimic-yaml/import",
        headers=account.headers,
        json={"document": pulled["document"], "env": {"ACME_GPT_APIKEY": "sk-live-abcdef123456"}},
    )
    assert pushed.status_code == 200 and pushed.json()["updated"] == {"agents": ["Acme GPT"]}
    # Editing the key by hand in the dashboard drops the reference it came from.
    agent = client.get(f"/api/agents/{made.json()['id']}", headers=account.headers).json()
    assert agent["config"]["envRefs"] == {"apiKey": "${ACME_GPT_APIKEY}"}
    patched = client.patch(f"/api/agents/{agent['id']}", json={"config": {"apiKey": "sk-other-key-0000"}},
                           headers=account.headers)  # fmt: skip
    assert patched.status_code == 200 and "envRefs" not in patched.json()["config"]


def test_canonical_form_is_stable() -> None:
    raw = mimic_file.parse(EXAMPLE.read_text())
    once = mimic_file.canonical(mimic_file.validate(raw))
    assert once == raw and mimic_file.canonical(mimic_file.validate(once)) == once


def test_objective_checks_round_trip_through_the_api_and_bad_ones_are_refused(client, make_account) -> None:
    account = make_account()
    checks = [
        {"type": "regex", "value": r"delivered on \w+day", "criterion": 0, "label": "A delivery day is named"},
        {"type": "contains", "value": "A-10482", "scope": "last", "caseSensitive": True},
        {
            "type": "json_schema",
            "schema": {"type": "object", "required": ["status"], "properties": {}},
            "scope": "every",
        },
        {"type": "json_schema", "schema": {}, "scope": "last"},  # any JSON at all: kept, not pruned as empty
        {"type": "max_latency", "value": 3000},
        {"type": "language", "value": "en"},
    ]
    document = {"version": 1, "objectives": [{
        "name": "Order status", "definition": {"goal": "Find out when order A-10482 will be delivered.",
                                               "successCriteria": ["The agent gives the delivery date"]},
        "checks": checks}]}  # fmt: skip
    pushed = client.post("/api/mimic-yaml/import", json={"document": document}, headers=account.headers)
    assert pushed.status_code == 200, pushed.text
    # Stored where the API keeps them: the objective's own checks, as REST shows them.
    stored = client.get("/api/objectives?q=Order status", headers=account.headers).json()["data"][0]
    assert [c["type"] for c in stored["checks"]] == [c["type"] for c in checks]
    assert stored["checks"][0]["criterion"] == 0 and stored["checks"][2]["schema"] == checks[2]["schema"]
    pulled = client.get("/api/mimic-yaml/export", params={"objective": "Order status"}, headers=account.headers)
    assert pulled.json()["document"]["objectives"] == document["objectives"]
    again = client.post("/api/mimic-yaml/import", json={"document": document}, headers=account.headers)
    assert again.json()["unchanged"] == {"objectives": ["Order status"]}

    def refused(check: dict) -> list[dict]:
        bad = copy.deepcopy(document)
        bad["objectives"][0]["checks"] = [check]
        answer = client.post("/api/mimic-yaml/import", json={"document": bad}, headers=account.headers)
        assert answer.status_code == 422, answer.text
        return answer.json()["error"]["details"]

    # The API's own rules, named by their place in the request; nothing stored changes.
    at = "document.objectives[0].checks[0]"
    assert refused({"type": "regex", "value": "delivered (on"})[0]["field"].startswith(at)
    assert "criterion 3" in refused({"type": "contains", "value": "x", "criterion": 3})[0]["message"]
    assert refused({"type": "max_turns", "value": "four"})[0]["field"].startswith(at)
    assert refused({"type": "contains", "value": "x", "case_sensitive": True})  # camelCase only, as everywhere
    assert refused({"type": "sounds_right"})[0]["field"] == f"{at}.type"
    unchanged = client.get(f"/api/objectives/{stored['id']}", headers=account.headers).json()
    assert unchanged["checks"] == stored["checks"]


def test_judge_repeats_and_the_calibration_gate_are_the_suites_own(client, make_account) -> None:
    account = make_account()
    document = yaml.safe_load(EXAMPLE.read_text())
    document["defaults"]["judgeRepeats"] = 3
    document["suites"][1]["judgeRepeats"] = 1  # judged once, whatever the defaults and the workspace say
    document["suites"][1]["calibrationGate"] = {"set": "support-set", "minKappa": 0.7}
    pushed = client.post("/api/mimic-yaml/import", json={"document": document, "env": ENV}, headers=account.headers)
    assert pushed.status_code == 200, pushed.text
    stored = {s["name"]: s["config"] for s in client.get("/api/suites", headers=account.headers).json()["data"]}
    assert stored["Support smoke"]["judgeRepeats"] == 3 and stored["Support smoke"]["calibrationGate"] is None
    assert stored["Orders only"]["judgeRepeats"] == 1
    assert stored["Orders only"]["calibrationGate"] == {"set": "support-set", "minKappa": 0.7}
    pulled = client.get("/api/mimic-yaml/export", params=_pull_params(document), headers=account.headers).json()
    assert pulled["document"] == document  # the round trip keeps both, the suite's 1 included
    too_many = copy.deepcopy(document)
    too_many["suites"][0]["judgeRepeats"] = 12
    answer = client.post("/api/mimic-yaml/import", json={"document": too_many, "env": ENV}, headers=account.headers)
    assert answer.status_code == 422
    assert answer.json()["error"]["details"][0]["field"] == "document.suites[0].judgeRepeats"


def test_a_voice_agent_round_trips_with_its_references(client, make_account) -> None:
    """A voice agent's config has one shape per transport: each is strict, and its secrets and
    addresses are references as any agent's are."""
    account = make_account()
    agent = {"name": "Phone bot", "type": "voice",
             "config": {"transport": "http", "url": "${VOICE_URL}/turn",
                        "headers": {"Authorization": "Bearer ${VOICE_TOKEN}"}}}  # fmt: skip
    document = {"version": 1, "agents": [agent]}
    env = {"VOICE_URL": "http://127.0.0.1:9", "VOICE_TOKEN": "tok-voice-1234"}
    pushed = client.post("/api/mimic-yaml/import", json={"document": document, "env": env}, headers=account.headers)
    assert pushed.status_code == 200 and pushed.json()["created"] == {"agents": ["Phone bot"]}, pushed.text
    stored = client.get("/api/agents?q=Phone bot", headers=account.headers).json()["data"][0]["config"]
    assert stored["url"] == "http://127.0.0.1:9/turn" and "tok-voice" not in json.dumps(stored)
    pulled = client.get("/api/mimic-yaml/export", params={"agent": "Phone bot"}, headers=account.headers).json()
    assert pulled["document"] == document
    typo = copy.deepcopy(document)
    typo["agents"][0]["config"]["sampleRte"] = 8000  # strict in the shape of its transport
    refused = client.post("/api/mimic-yaml/import", json={"document": typo, "env": env}, headers=account.headers)
    assert refused.status_code == 422
