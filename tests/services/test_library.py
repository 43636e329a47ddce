"""The starter library at the service: every new workspace gets the same personas, objectives
and demo agents, read from their files once per process (not once per workspace), and the
copy one workspace gets is its own."""

from __future__ import annotations

from sqlmodel import select

from app.models.library import Agent, Objective, Persona
from app.services import library
from tests.services.lab import principal_of


def library_of(db, workspace_id: str) -> dict[str, list[str]]:
    return {
        model.__name__: sorted(r.name for r in db.exec(select(model).where(model.workspace_id == workspace_id)).all())
        for model in (Persona, Objective, Agent)
    }


def test_each_workspace_gets_the_same_starter_library_parsed_once(db, make_account) -> None:
    first = make_account()
    misses = library._load.cache_info().misses
    second, third = make_account(), make_account()
    assert library._load.cache_info().misses == misses  # the files were not parsed again
    expected = {
        "Persona": sorted(p.name for p in library.starter_personas()),
        "Objective": sorted(o.name for o in library.starter_objectives()),
        "Agent": sorted(a["name"] for a in library._load("agents")),
    }
    assert all(expected.values())
    for account in (first, second, third):
        assert library_of(db, account.workspace_id) == expected


def test_a_workspaces_starter_items_are_its_own(db, make_account) -> None:
    first, second = principal_of(make_account()), principal_of(make_account())
    persona = db.exec(select(Persona).where(Persona.workspace_id == first.workspace_id)).first()
    persona.name = "Renamed in the first workspace"
    persona.definition = {**persona.definition, "identity": "changed"}
    db.commit()
    assert "Renamed in the first workspace" not in library_of(db, second.workspace_id)["Persona"]
    assert all(p.name != "Renamed in the first workspace" for p in library.starter_personas())
