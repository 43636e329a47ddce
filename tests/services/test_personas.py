"""Personas at the service (the scoped resource every library item shares): listed newest
first, searched literally, paged; PATCH changes only what is sent, PUT replaces; a copy is
named so; deletion is audited; editors write, viewers read; another workspace's id is not
found and stays untouched."""

from __future__ import annotations

import pytest
from sqlmodel import delete, select

from app.models.account import Role
from app.models.audit import AuditEvent
from app.models.library import Persona, PersonaCreate, PersonaUpdate
from app.services import personas
from app.services.errors import NotFound, PermissionDenied
from app.services.pagination import PageParams
from tests.services.lab import Lab, principal_of


@pytest.fixture
def lab(db, make_account) -> Lab:
    lab = Lab(db, make_account())
    db.exec(delete(Persona).where(Persona.workspace_id == lab.principal.workspace_id))  # not the starter library
    db.commit()
    return lab


def listed(lab: Lab, principal=None, **kwargs) -> list[str]:
    page = personas.list_personas(session=lab.db, principal=principal or lab.principal,
                                  params=PageParams(**kwargs.pop("params", {})), **kwargs)  # fmt: skip
    return [p.name for p in page.data]


def test_newest_first_searched_literally_and_paged(lab: Lab) -> None:
    for name in ("Anna 100% sure", "Bob", "Carla", "anna_2"):
        lab.persona(name)
    assert listed(lab) == ["anna_2", "Carla", "Bob", "Anna 100% sure"]
    assert listed(lab, q=" ANNA ") == ["anna_2", "Anna 100% sure"]
    assert listed(lab, q="100%") == ["Anna 100% sure"] and listed(lab, q="a_2") == ["anna_2"]
    second = personas.list_personas(session=lab.db, principal=lab.principal, params=PageParams(page=2, limit=3))
    assert [p.name for p in second.data] == ["Anna 100% sure"]
    assert (second.pagination.total, second.pagination.pages) == (4, 2)


def test_patch_changes_only_what_is_sent_and_put_replaces(lab: Lab) -> None:
    made = personas.create_persona(session=lab.db, principal=lab.principal, data=PersonaCreate.model_validate(
        {"name": "Dana", "description": "Direct", "language": "de", "traits": {"urgency": "high"}}))  # fmt: skip
    change = PersonaUpdate.model_validate({"description": "Calm", "language": None})  # null: left as it is
    patched = personas.update_persona(session=lab.db, principal=lab.principal, persona_id=made.id, data=change)
    assert (patched.name, patched.description, patched.language) == ("Dana", "Calm", "de")
    assert patched.traits.urgency == "high" and patched.updated_at >= made.updated_at
    replaced = personas.replace_persona(session=lab.db, principal=lab.principal, persona_id=made.id,
                                        data=PersonaCreate(name="Dana 2"))  # fmt: skip
    assert (replaced.name, replaced.description, replaced.language) == ("Dana 2", "", "en")


def test_a_copy_is_named_so_within_the_name_limit(lab: Lab) -> None:
    made = lab.persona("x" * 198)
    copy = personas.duplicate_persona(session=lab.db, principal=lab.principal, persona_id=made)
    assert copy.id != made and len(copy.name) == 200 and copy.name.startswith("x" * 198 + " (")
    short = personas.duplicate_persona(session=lab.db, principal=lab.principal, persona_id=lab.persona("Dana"))
    assert short.name == "Dana (copy)"


def test_deletion_is_audited_and_final(lab: Lab) -> None:
    made = lab.persona("Dana")
    personas.delete_persona(session=lab.db, principal=lab.principal, persona_id=made)
    with pytest.raises(NotFound):
        personas.get_persona(session=lab.db, principal=lab.principal, persona_id=made)
    [event] = lab.db.exec(select(AuditEvent).where(AuditEvent.action == "persona.deleted")).all()
    assert (event.target_id, event.target_name) == (made, "Dana")
    with pytest.raises(NotFound):
        personas.delete_persona(session=lab.db, principal=lab.principal, persona_id=made)


def test_viewers_read_and_strangers_see_nothing(db, make_account, lab: Lab) -> None:
    made = lab.persona("Dana")
    viewer = principal_of(make_account(join=lab.account, role=Role.viewer))
    assert personas.get_persona(session=db, principal=viewer, persona_id=made).name == "Dana"
    for write in (lambda p: personas.create_persona(session=db, principal=p, data=PersonaCreate(name="V")),
                  lambda p: personas.update_persona(session=db, principal=p, persona_id=made,
                                                    data=PersonaUpdate(name="V")),
                  lambda p: personas.duplicate_persona(session=db, principal=p, persona_id=made),
                  lambda p: personas.delete_persona(session=db, principal=p, persona_id=made)):  # fmt: skip
        with pytest.raises(PermissionDenied):
            write(viewer)
    stranger = principal_of(make_account())
    for touch in (lambda p: personas.get_persona(session=db, principal=p, persona_id=made),
                  lambda p: personas.update_persona(session=db, principal=p, persona_id=made,
                                                    data=PersonaUpdate(name="Stolen")),
                  lambda p: personas.delete_persona(session=db, principal=p, persona_id=made)):  # fmt: skip
        with pytest.raises(NotFound):
            touch(stranger)
    assert "Dana" not in listed(lab, principal=stranger)
    assert listed(lab) == ["Dana"]
