"""Import and export of personas and objectives at the service: an export imports back into
another workspace as new items, an import is all or nothing with each bad field named by its
index, viewers export but do not import, and another workspace's ids are refused."""

from __future__ import annotations

import json

import pytest
import yaml
from sqlmodel import delete, select

from app.models.account import Role
from app.models.library import Objective, ObjectiveCreate, Persona, PersonaCreate
from app.services import objectives, personas, transfer
from app.services.access import Principal
from app.services.errors import PermissionDenied, ValidationFailed


def principal_of(account) -> Principal:
    return Principal(account.user_id, account.email, account.workspace_id, Role(account.role))


@pytest.fixture
def make_account(db, make_account):
    """An account whose workspace starts without the starter library, so that what a test
    counts is what it made."""

    def _make(*args, **kwargs):
        account = make_account(*args, **kwargs)
        for model in (Persona, Objective):
            db.exec(delete(model).where(model.workspace_id == account.workspace_id))
        db.commit()
        return account

    return _make


def names(db, model, workspace_id: str) -> list[str]:
    rows = db.exec(select(model).where(model.workspace_id == workspace_id).order_by(model.name)).all()
    return [r.name for r in rows]


def test_an_export_imports_back_into_another_workspace_as_new_items(db, make_account) -> None:
    source, target = principal_of(make_account()), principal_of(make_account())
    made = personas.create_persona(
        session=db, principal=source,
        data=PersonaCreate.model_validate(
            {"name": "Impatient Ines", "description": "Wants it now", "language": "pt-BR"}
        ),
    )  # fmt: skip
    personas.create_persona(session=db, principal=source, data=PersonaCreate(name="Calm Carl"))
    for fmt in ("json", "yaml"):
        document, media_type = transfer.export_items(session=db, principal=source, kind="personas", fmt=fmt)
        assert media_type == f"application/{fmt}"
        parsed = json.loads(document) if fmt == "json" else yaml.safe_load(document)
        assert [p["name"] for p in parsed["personas"]] == ["Impatient Ines", "Calm Carl"]  # in creation order
        assert all("id" not in p and "createdAt" not in p for p in parsed["personas"])
        result = transfer.import_items(session=db, principal=target, kind="personas", content=document, fmt=fmt)
        assert result.imported == 2
        assert made.id not in {p.id for p in result.data}
    imported = db.exec(select(Persona).where(Persona.workspace_id == target.workspace_id)).all()
    assert sorted(p.name for p in imported) == ["Calm Carl", "Calm Carl", "Impatient Ines", "Impatient Ines"]
    ines = next(p for p in imported if p.name == "Impatient Ines")
    assert (ines.description, ines.language, ines.created_by) == ("Wants it now", "pt-BR", target.user_id)


def test_objectives_round_trip_with_their_definition(db, make_account) -> None:
    source, target = principal_of(make_account()), principal_of(make_account())
    objectives.create_objective(
        session=db, principal=source,
        data=ObjectiveCreate.model_validate(
            {"name": "Refund", "definition": {"goal": "Get a refund", "successCriteria": ["refund promised"]}}
        ),
    )  # fmt: skip
    document, _ = transfer.export_items(session=db, principal=source, kind="objectives", fmt="yaml")
    result = transfer.import_items(session=db, principal=target, kind="objectives", content=document, fmt="yaml")
    [row] = db.exec(select(Objective).where(Objective.workspace_id == target.workspace_id)).all()
    assert result.imported == 1 and row.name == "Refund"
    assert result.data[0].definition.goal == "Get a refund"
    assert result.data[0].definition.success_criteria == ["refund promised"]


def test_one_bad_item_fails_the_whole_import_naming_it(db, make_account) -> None:
    editor = principal_of(make_account())
    document = json.dumps([{"name": "Fine"}, {"name": ""}, "not an object", {"name": "X", "language": "???"}])
    with pytest.raises(ValidationFailed) as raised:
        transfer.import_items(session=db, principal=editor, kind="personas", content=document, fmt="json")
    fields = [d.field for d in raised.value.details]
    assert fields == ["[1].name", "[2]", "[3].language"]
    assert "nothing was imported" in raised.value.message
    assert names(db, Persona, editor.workspace_id) == []


@pytest.mark.parametrize(
    ("content", "fmt"),
    [("{not json", "json"), ("a: [unclosed", "yaml"), (b"\xff\xfe", "json"), ("42", "json"), ("[]", "json")],
)
def test_an_unreadable_or_empty_document_is_refused_on_the_body(db, make_account, content, fmt) -> None:
    editor = principal_of(make_account())
    with pytest.raises(ValidationFailed) as raised:
        transfer.import_items(session=db, principal=editor, kind="personas", content=content, fmt=fmt)
    assert [d.field for d in raised.value.details] == ["body"]


def test_too_many_items_are_refused(db, make_account) -> None:
    editor = principal_of(make_account())
    document = json.dumps([{"name": f"P{i}"} for i in range(transfer.MAX_ITEMS + 1)])
    with pytest.raises(ValidationFailed, match="Nothing to import"):
        transfer.import_items(session=db, principal=editor, kind="personas", content=document, fmt="json")
    assert names(db, Persona, editor.workspace_id) == []


def test_one_object_or_an_export_document_are_both_imported(db, make_account) -> None:
    editor = principal_of(make_account())
    transfer.import_items(session=db, principal=editor, kind="personas", content='{"name": "Solo"}', fmt="json")
    transfer.import_items(
        session=db, principal=editor, kind="personas", content="personas:\n  - name: Listed\n", fmt="yaml"
    )
    assert names(db, Persona, editor.workspace_id) == ["Listed", "Solo"]


def test_a_viewer_exports_but_may_not_import(db, make_account) -> None:
    owner = make_account()
    viewer = principal_of(make_account(join=owner, role=Role.viewer))
    personas.create_persona(session=db, principal=principal_of(owner), data=PersonaCreate(name="Shared"))
    document, _ = transfer.export_items(session=db, principal=viewer, kind="personas", fmt="json")
    assert [p["name"] for p in json.loads(document)["personas"]] == ["Shared"]
    with pytest.raises(PermissionDenied):
        transfer.import_items(session=db, principal=viewer, kind="personas", content=document, fmt="json")
    assert names(db, Persona, owner.workspace_id) == ["Shared"]


def test_exporting_by_id_refuses_another_workspaces_items(db, make_account) -> None:
    mine, theirs = principal_of(make_account()), principal_of(make_account())
    own = personas.create_persona(session=db, principal=mine, data=PersonaCreate(name="Mine"))
    personas.create_persona(session=db, principal=mine, data=PersonaCreate(name="Also mine"))
    foreign = personas.create_persona(session=db, principal=theirs, data=PersonaCreate(name="Theirs"))
    document, _ = transfer.export_items(session=db, principal=mine, kind="personas", fmt="json", ids=[own.id])
    assert [p["name"] for p in json.loads(document)["personas"]] == ["Mine"]
    with pytest.raises(ValidationFailed) as raised:
        transfer.export_items(session=db, principal=mine, kind="personas", fmt="json", ids=[own.id, foreign.id])
    assert [d.field for d in raised.value.details] == ["ids"]
    everything, _ = transfer.export_items(session=db, principal=theirs, kind="personas", fmt="json")
    assert [p["name"] for p in json.loads(everything)["personas"]] == ["Theirs"]
