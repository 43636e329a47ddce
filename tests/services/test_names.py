"""The names a page shows beside the ids, filled by the services: a session names its agent,
persona and objective, a suite its agent, personas and objectives in the order of its ids;
a name whatever the size of the library (not from a capped list), None once the item is gone."""

from __future__ import annotations

import pytest

from app.models.library import Persona
from app.services import names, objectives, personas, sessions, suites
from app.services.pagination import PageParams
from tests.services.lab import Lab


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def test_sessions_carry_their_names_and_lose_a_deleted_objectives(lab: Lab) -> None:
    agent, persona, objective = lab.agent("Shop bot"), lab.persona("Ines"), lab.objective("Refund")
    session_id = lab.session(agent, persona, objective)
    [listed] = sessions.list_sessions(session=lab.db, principal=lab.principal, params=PageParams()).data
    assert (listed.id, listed.agent_name, listed.persona_name, listed.objective_name) == (
        session_id, "Shop bot", "Ines", "Refund",
    )  # fmt: skip
    objectives.delete_objective(session=lab.db, principal=lab.principal, objective_id=objective)
    lab.db.expire_all()
    [after] = sessions.list_sessions(session=lab.db, principal=lab.principal, params=PageParams()).data
    assert (after.objective_id, after.objective_name, after.persona_name) == (None, None, "Ines")


def test_suites_name_their_matrix_in_order_with_none_for_the_deleted(lab: Lab) -> None:
    suite_id = lab.suite(personas=3)
    [listed] = suites.list_suites(session=lab.db, principal=lab.principal, params=PageParams()).data
    assert listed.agent_name == "Shop bot" and listed.persona_names == ["Persona 1", "Persona 2", "Persona 3"]
    personas.delete_persona(session=lab.db, principal=lab.principal, persona_id=listed.persona_ids[1])
    got = suites.get_suite(session=lab.db, principal=lab.principal, suite_id=suite_id)
    assert got.persona_names == ["Persona 1", None, "Persona 3"] and got.objective_names == ["O"]


def test_names_come_whatever_the_size_of_the_library(lab: Lab) -> None:
    # Far more personas than a picker's page of 100: the one a session uses is still named.
    lab.db.add_all(Persona(workspace_id=lab.principal.workspace_id, name=f"Filler {i}") for i in range(150))
    lab.db.commit()
    session_id = lab.session(lab.agent(), lab.persona("Oldest named"))
    lab.db.add_all(Persona(workspace_id=lab.principal.workspace_id, name=f"Later {i}") for i in range(150))
    lab.db.commit()
    detail = sessions.get_session(session=lab.db, principal=lab.principal, session_id=session_id)
    assert detail.persona_name == "Oldest named"


def test_lookup_reads_only_what_it_is_asked_for(lab: Lab) -> None:
    one, two = lab.persona("One"), lab.persona("Two")
    assert names.lookup(lab.db, Persona, [one, None, one, "gone"]) == {one: "One"}
    assert names.lookup(lab.db, Persona, []) == {} and two not in names.lookup(lab.db, Persona, [one])
