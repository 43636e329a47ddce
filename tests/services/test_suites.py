"""Suites at the service: every id of the matrix must name a row of the caller's workspace
and a runnable agent, the matrix is bounded, a partial update is checked merged with what is
stored, a suite with a run under way cannot be deleted, editors only, another workspace's
suite not found."""

from __future__ import annotations

import pytest
from sqlmodel import select

from app.models.account import Role
from app.models.library import Agent
from app.models.suite import MAX_SUITE_SESSIONS, Run, SuiteCreate, SuiteUpdate
from app.services import runs, suites
from app.services.errors import Conflict, NotFound, PermissionDenied, ValidationFailed
from tests.services.lab import Lab, principal_of


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def body(
    agent: str, personas: list[str], objectives: list[str], repeats: int = 1, name: str = "Checkout"
) -> SuiteCreate:
    return SuiteCreate.model_validate(
        {"name": name, "agentId": agent, "personaIds": personas, "objectiveIds": objectives, "repeats": repeats}
    )


def fields(raised) -> dict[str, str]:
    return {d.field: d.message for d in raised.value.details}


def test_a_suite_names_only_rows_of_its_workspace(db, make_account, lab: Lab) -> None:
    other = Lab(db, make_account())
    mine = (lab.agent(), [lab.persona()], [lab.objective()])
    theirs = (other.agent(), [other.persona()], [other.objective()])
    created = suites.create_suite(session=db, principal=lab.principal, data=body(*mine))
    assert (created.agent_id, created.persona_ids, created.objective_ids) == (mine[0], mine[1], mine[2])
    with pytest.raises(ValidationFailed) as raised:
        suites.create_suite(session=db, principal=lab.principal, data=body(*theirs))
    found = fields(raised)
    assert set(found) == {"agentId", "personaIds", "objectiveIds"}
    assert theirs[1][0] in found["personaIds"] and found["agentId"] == "no such agent in this workspace"
    with pytest.raises(NotFound):
        suites.get_suite(session=db, principal=other.principal, suite_id=created.id)


def test_a_voice_agent_cannot_run_a_suite(lab: Lab) -> None:
    voice = lab.db.exec(select(Agent).where(Agent.workspace_id == lab.principal.workspace_id,
                                            Agent.type == "voice")).first()  # fmt: skip
    assert voice is not None  # the starter library's voice demo
    with pytest.raises(ValidationFailed) as raised:
        suites.create_suite(session=lab.db, principal=lab.principal,
                            data=body(voice.id, [lab.persona()], [lab.objective()]))  # fmt: skip
    assert fields(raised) == {"agentId": "voice agents cannot run sessions"}


def test_the_matrix_is_bounded(lab: Lab) -> None:
    personas = [lab.persona(f"P{i}") for i in range(11)]
    agent, objective = lab.agent(), lab.objective()
    with pytest.raises(ValidationFailed) as raised:
        suites.create_suite(session=lab.db, principal=lab.principal, data=body(agent, personas, [objective], 100))
    assert fields(raised) == {"repeats": f"the suite would run 1100 sessions; at most {MAX_SUITE_SESSIONS}"}
    created = suites.create_suite(session=lab.db, principal=lab.principal, data=body(agent, personas, [objective], 90))
    # A partial update is checked with what is stored: 11 personas x 100 repeats is too many.
    with pytest.raises(ValidationFailed) as raised:
        suites.update_suite(session=lab.db, principal=lab.principal, suite_id=created.id,
                            data=SuiteUpdate(repeats=100))  # fmt: skip
    assert set(fields(raised)) == {"repeats"}
    assert suites.get_suite(session=lab.db, principal=lab.principal, suite_id=created.id).repeats == 90
    renamed = suites.update_suite(session=lab.db, principal=lab.principal, suite_id=created.id,
                                  data=SuiteUpdate(name="Renamed"))  # fmt: skip
    assert (renamed.name, renamed.repeats, renamed.persona_ids) == ("Renamed", 90, personas)


def test_a_suite_with_a_run_under_way_is_not_deleted(lab: Lab) -> None:
    created = suites.create_suite(session=lab.db, principal=lab.principal,
                                  data=body(lab.agent(), [lab.persona()], [lab.objective()]))  # fmt: skip
    run = Run(workspace_id=lab.principal.workspace_id, suite_id=created.id, agent_id=created.agent_id,
              status="running", suite_snapshot={})  # fmt: skip
    lab.db.add(run)
    lab.db.commit()
    run_id = run.id
    with pytest.raises(Conflict, match="under way"):
        suites.delete_suite(session=lab.db, principal=lab.principal, suite_id=created.id)
    run.status = "completed"
    lab.db.commit()
    suites.delete_suite(session=lab.db, principal=lab.principal, suite_id=created.id)
    lab.db.expire_all()
    assert lab.db.get(Run, run_id) is None  # its runs go with it
    with pytest.raises(NotFound):
        suites.get_suite(session=lab.db, principal=lab.principal, suite_id=created.id)
    assert runs.run_public(lab.db, run_id) is None


def test_a_copy_is_named_so_and_viewers_change_nothing(db, make_account, lab: Lab) -> None:
    created = suites.create_suite(session=db, principal=lab.principal,
                                  data=body(lab.agent(), [lab.persona()], [lab.objective()]))  # fmt: skip
    copy = suites.duplicate_suite(session=db, principal=lab.principal, suite_id=created.id)
    assert copy.id != created.id and copy.name == "Checkout (copy)" and copy.persona_ids == created.persona_ids
    viewer = principal_of(make_account(join=lab.account, role=Role.viewer))
    assert suites.get_suite(session=db, principal=viewer, suite_id=created.id).name == "Checkout"
    with pytest.raises(PermissionDenied):
        suites.update_suite(session=db, principal=viewer, suite_id=created.id, data=SuiteUpdate(name="x"))
    with pytest.raises(PermissionDenied):
        suites.delete_suite(session=db, principal=viewer, suite_id=created.id)
    with pytest.raises(PermissionDenied):
        suites.duplicate_suite(session=db, principal=viewer, suite_id=created.id)
