"""mimic.yaml push and pull at the service: items matched by name (created, updated,
unchanged), all or nothing, a dry run stores nothing, `${NAME}` references resolved from the
push's env and kept for the next push, secrets never pulled, roles and workspaces apart."""

from __future__ import annotations

import copy
import json

import pytest
import yaml
from sqlmodel import select

from app.models.account import Role
from app.models.library import Agent, Persona, PersonaCreate
from app.models.suite import Suite
from app.services import mimic_file, mimic_sync, personas
from app.services.access import Principal
from app.services.errors import PermissionDenied, ValidationFailed
from app.settings import PROJECT_ROOT

EXAMPLE = yaml.safe_load((PROJECT_ROOT / "examples" / "mimic.yaml").read_text())
ENV = {"SUPPORT_BOT_URL": "http://127.0.0.1:9", "SUPPORT_BOT_TOKEN": "tok-secret-1234"}
NAMES = {kind: [item["name"] for item in EXAMPLE[kind]] for kind in mimic_sync.KINDS}


def principal_of(account) -> Principal:
    return Principal(account.user_id, account.email, account.workspace_id, Role(account.role))


def document(changes=None):
    raw = copy.deepcopy(EXAMPLE)
    if changes:
        changes(raw)
    return mimic_file.validate(raw)


def count(db, model, workspace_id: str) -> int:
    return len(db.exec(select(model).where(model.workspace_id == workspace_id)).all())


def test_push_creates_then_finds_everything_unchanged(db, make_account) -> None:
    me = principal_of(make_account())
    first = mimic_sync.push(session=db, principal=me, document=document(), env=ENV)
    assert first.created["personas"] == NAMES["personas"] and first.created["suites"] == NAMES["suites"]
    assert first.created["agents"] == ["Support bot"] and first.updated == {"defaults": ["defaults"]}
    again = mimic_sync.push(session=db, principal=me, document=document(), env={})
    assert again.created == {} and again.updated == {}
    assert again.unchanged["agents"] == ["Support bot"]  # the variables' values were kept from the first push
    agent = db.exec(select(Agent).where(Agent.workspace_id == me.workspace_id, Agent.name == "Support bot")).one()
    assert "tok-secret-1234" not in json.dumps(agent.config)  # sealed at rest


def test_a_changed_item_is_updated_and_nothing_else_is_touched(db, make_account) -> None:
    me = principal_of(make_account())
    own = personas.create_persona(session=db, principal=me, data=PersonaCreate(name="Not in the file"))
    mimic_sync.push(session=db, principal=me, document=document(), env=ENV)

    def rewrite(raw):
        raw["personas"][1]["description"] = "Asks twice, kindly."

    summary = mimic_sync.push(session=db, principal=me, document=document(rewrite), env=ENV)
    assert summary.updated == {"personas": ["Sam (polite, patient)"]}
    assert summary.unchanged["personas"] == ["Dana (direct, impatient)"]
    sam = db.exec(select(Persona).where(Persona.workspace_id == me.workspace_id, Persona.name == NAMES["personas"][1]))
    assert sam.one().description == "Asks twice, kindly."
    assert db.get(Persona, own.id).name == "Not in the file"


def test_a_dry_run_reports_and_stores_nothing(db, make_account) -> None:
    me = principal_of(make_account())
    before = {model: count(db, model, me.workspace_id) for model in (Persona, Agent, Suite)}
    summary = mimic_sync.push(session=db, principal=me, document=document(), env=ENV, dry_run=True)
    assert summary.dry_run and summary.created["personas"] == NAMES["personas"]
    assert summary.created["suites"] == NAMES["suites"]
    assert {model: count(db, model, me.workspace_id) for model in before} == before
    assert mimic_sync.pull(session=db, principal=me, names=NAMES).missing == NAMES


def test_an_unset_variable_fails_the_push_naming_env(db, make_account) -> None:
    me = principal_of(make_account())
    before = count(db, Persona, me.workspace_id)
    with pytest.raises(ValidationFailed) as raised:
        mimic_sync.push(session=db, principal=me, document=document(), env={"SUPPORT_BOT_URL": "http://127.0.0.1:9"})
    [detail] = raised.value.details
    assert detail.field == "env" and "${SUPPORT_BOT_TOKEN} is not set" in detail.message
    assert "agents[0].config.headers.Authorization" in detail.message
    assert count(db, Persona, me.workspace_id) == before  # the personas before the agent were not kept


def test_a_suite_naming_an_unknown_persona_fails_everything(db, make_account) -> None:
    me = principal_of(make_account())
    before = count(db, Persona, me.workspace_id)

    def unknown(raw):
        raw["suites"][0]["matrix"]["personas"][1] = "Nobody"

    with pytest.raises(ValidationFailed) as raised:
        mimic_sync.push(session=db, principal=me, document=document(unknown), env=ENV)
    assert [d.field for d in raised.value.details] == ["suites[0].matrix.personas[1]"]
    assert "Nobody" in raised.value.details[0].message
    assert count(db, Persona, me.workspace_id) == before and count(db, Suite, me.workspace_id) == 0


def test_two_workspace_items_with_the_files_name_are_refused(db, make_account) -> None:
    me = principal_of(make_account())
    for _ in range(2):
        personas.create_persona(session=db, principal=me, data=PersonaCreate(name=NAMES["personas"][0]))
    with pytest.raises(ValidationFailed) as raised:
        mimic_sync.push(session=db, principal=me, document=document(), env=ENV)
    assert [d.field for d in raised.value.details] == ["personas[0].name"]
    assert "rename all but one" in raised.value.details[0].message


def test_a_viewer_pulls_but_may_not_push(db, make_account) -> None:
    owner = make_account()
    viewer = principal_of(make_account(join=owner, role=Role.viewer))
    with pytest.raises(PermissionDenied):
        mimic_sync.push(session=db, principal=viewer, document=document(), env=ENV)
    mimic_sync.push(session=db, principal=principal_of(owner), document=document(), env=ENV)
    pulled = mimic_sync.pull(session=db, principal=viewer, names=NAMES)
    assert pulled.document == EXAMPLE and pulled.warnings == [] and pulled.missing == {}


def test_pull_gives_references_never_secrets_and_reports_missing_names(db, make_account) -> None:
    me, other = principal_of(make_account()), principal_of(make_account())
    mimic_sync.push(session=db, principal=me, document=document(), env=ENV)
    pulled = mimic_sync.pull(session=db, principal=me, names={"agents": ["Support bot", "Ghost"]})
    assert pulled.missing == {"agents": ["Ghost"]}
    [agent] = pulled.document["agents"]
    assert agent["config"]["headers"]["Authorization"] == "Bearer ${SUPPORT_BOT_TOKEN}"
    assert "tok-secret" not in json.dumps(pulled.document) and "personas" not in pulled.document
    # Another workspace sees none of it.
    theirs = mimic_sync.pull(session=db, principal=other, names=NAMES)
    assert theirs.missing == NAMES


def test_an_agent_secret_typed_in_the_dashboard_pulls_as_a_reference_with_a_warning(db, make_account) -> None:
    me = principal_of(make_account())

    def typed(raw):
        raw["agents"][0]["config"]["headers"]["Authorization"] = "Bearer typed-secret-99"

    with pytest.raises(ValidationFailed):  # the file may not carry a secret inline
        mimic_sync.push(session=db, principal=me, document=document(typed), env=ENV)
    mimic_sync.push(session=db, principal=me, document=document(), env=ENV)
    agent = db.exec(select(Agent).where(Agent.workspace_id == me.workspace_id, Agent.name == "Support bot")).one()
    config = dict(agent.config)
    config.pop("envRefs", None)
    agent.config = config
    db.commit()
    pulled = mimic_sync.pull(session=db, principal=me, names={"agents": ["Support bot"]})
    assert pulled.document["agents"][0]["config"]["headers"]["Authorization"] == "${SUPPORT_BOT_AUTHORIZATION}"
    assert len(pulled.warnings) == 1 and "SUPPORT_BOT_AUTHORIZATION" in pulled.warnings[0]
    assert "tok-secret" not in json.dumps(pulled.document)
