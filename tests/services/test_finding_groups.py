"""The findings inbox: the signature sets counts, numbers, ids, quotes and URLs aside; the
groups count, date and rank what they hold; a state given to a group holds for its later
occurrences, and a group marked fixed that comes back reads regressed."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.models.account import Role
from app.models.base import utcnow
from app.models.finding_groups import FindingGroupUpdate, finding_signature, normalised_text
from app.models.library import AgentCreate, ObjectiveCreate, PersonaCreate
from app.models.session import Finding, SessionCreate
from app.services import agents, analytics, finding_groups, objectives, personas, sessions
from app.services.access import Principal
from app.services.errors import NotFound, PermissionDenied, ValidationFailed
from app.services.pagination import PageParams

TWICE = "The agent sent the same reply 2 times: “Your order is on its way.”."
THRICE = "The agent sent the same reply 3 times: “Please hold while I check order A-10482.”."


@pytest.mark.parametrize(
    ("one", "other"),
    [
        (TWICE, THRICE),
        ("Slow reply: 12.5 s at message 4", "Slow reply: 31 s at message 9"),
        ("Leaked the e-mail jane@example.com in reply 3", "Leaked the e-mail bob@corp.org in reply 7"),
        ("Request to https://shop.test/api/cart?id=7 failed with 500",
         "Request to http://127.0.0.1:8000/api/cart?id=8 failed with 502"),
        ("Order 5f0c2a9e-1b2c-4d5e-8f90-123456789abc not found",
         "Order 0e4b1c2d-9a8b-4c7d-8e6f-abcdef012345 not found"),
        ("Quoted 'the wrong price' to the user", "Quoted 'a made-up discount' to the user"),
        ("The page had 1 console error", "The page had 14 console errors"),
    ],
)  # fmt: skip
def test_what_varies_between_occurrences_is_set_aside(one: str, other: str) -> None:
    assert normalised_text(one) == normalised_text(other)
    assert finding_signature("loop", one) == finding_signature("loop", other)


def test_different_problems_keep_different_signatures() -> None:
    assert finding_signature("loop", TWICE) != finding_signature("echo", TWICE)  # the type is part of it
    assert finding_signature("loop", "The agent never answered") != finding_signature("loop", "The agent was rude")
    # An audit rule's id tells two accessibility problems apart even with the same words.
    axe = "Accessibility: 3 elements fail on the page"
    assert finding_signature("accessibility", axe, {"ruleId": "color-contrast"}) != finding_signature(
        "accessibility", axe, {"ruleId": "image-alt"}
    )
    assert normalised_text(TWICE) == "the agent sent the same reply # time: <quote>"


class Lab:
    def __init__(self, db, account) -> None:
        self.db = db
        self.principal = Principal(account.user_id, account.email, account.workspace_id, Role(account.role))
        self.persona = personas.create_persona(session=db, principal=self.principal, data=PersonaCreate(name="P")).id
        self.objective = objectives.create_objective(
            session=db, principal=self.principal,
            data=ObjectiveCreate.model_validate({"name": "O", "definition": {"goal": "g"}}),
        ).id  # fmt: skip

    def agent(self, name: str) -> str:
        data = AgentCreate.model_validate(
            {"name": name, "type": "hosted", "config": {"systemPrompt": "You help.", "timeoutSeconds": 10}}
        )
        return agents.create_agent(session=self.db, principal=self.principal, data=data).id

    def finding(self, agent_id: str, description: str, *, severity: str = "low", page: str | None = None,
                at=None) -> str:  # fmt: skip
        session_id = sessions.create_session(
            session=self.db, principal=self.principal,
            data=SessionCreate.model_validate({"agentId": agent_id, "personaId": self.persona,
                                               "objectiveId": self.objective}),
        ).id  # fmt: skip
        row = Finding(workspace_id=self.principal.workspace_id, session_id=session_id, type="loop", severity=severity,
                      description=description, source="check", page=page, created_at=at or utcnow())  # fmt: skip
        self.db.add(row)
        self.db.commit()
        return session_id

    def groups(self, **filters) -> list:
        found = finding_groups.list_groups(session=self.db, principal=self.principal, params=PageParams(limit=100),
                                           filters=finding_groups.GroupFilters(**filters))  # fmt: skip
        return found.data


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def test_two_and_three_times_are_one_group_with_counts_dates_agents_and_pages(lab: Lab) -> None:
    start = utcnow() - timedelta(days=3)
    shop, bank = lab.agent("Shop bot"), lab.agent("Bank bot")
    lab.finding(shop, TWICE, severity="low", page="https://shop.test/cart", at=start)
    lab.finding(bank, THRICE, severity="medium", page="https://shop.test/checkout", at=start + timedelta(days=1))
    last = lab.finding(shop, TWICE.replace("2", "5"), severity="low", at=start + timedelta(days=2))
    lab.finding(shop, "The agent answered in German to a French question", severity="high")

    groups = lab.groups(sort="count")
    assert len(groups) == 2
    loop = groups[0]
    assert (loop.count, loop.sessions, loop.severity, loop.state) == (3, 3, "medium", "open")
    assert loop.first_seen == start and loop.last_seen == start + timedelta(days=2)
    assert [a["name"] for a in loop.agents] == ["Bank bot", "Shop bot"]
    assert loop.pages == ["https://shop.test/cart", "https://shop.test/checkout"]
    assert loop.latest_session_id == last and "5 times" in loop.description
    assert loop.pattern == "the agent sent the same reply # time: <quote>"

    assert [g.count for g in lab.groups(severity="high")] == [1]
    assert [g.count for g in lab.groups(agent_id=bank)] == [1]  # that agent's findings only
    with pytest.raises(ValidationFailed):
        lab.groups(state="closed")

    # Analytics' top recurring findings are the same groups.
    top = analytics.breakdown(session=lab.db, principal=lab.principal,
                              start_date=(start - timedelta(days=1)).date().isoformat()).top_findings  # fmt: skip
    assert [(t.signature, t.count, t.severity) for t in top][0] == (loop.signature, 3, "medium")


def test_a_state_carries_over_and_a_fixed_group_that_recurs_is_regressed(lab: Lab, make_account) -> None:
    shop = lab.agent("Shop bot")
    lab.finding(shop, TWICE, at=utcnow() - timedelta(hours=2))
    [group] = lab.groups()
    acknowledged = finding_groups.set_group_state(
        session=lab.db, principal=lab.principal, signature=group.signature,
        data=FindingGroupUpdate(state="acknowledged", note="Known: ticket SUP-12"),
    )  # fmt: skip
    assert (acknowledged.state, acknowledged.note) == ("acknowledged", "Known: ticket SUP-12")

    lab.finding(shop, THRICE)  # a new occurrence keeps the group's state
    [group] = lab.groups()
    assert (group.count, group.state, group.regressed) == (2, "acknowledged", False)

    fixed = finding_groups.set_group_state(session=lab.db, principal=lab.principal, signature=group.signature,
                                           data=FindingGroupUpdate(state="fixed"))  # fmt: skip
    assert fixed.state == "fixed" and not fixed.regressed and fixed.note == "Known: ticket SUP-12"
    assert lab.groups(state="regressed") == [] and lab.groups(state="active") == []

    lab.finding(shop, TWICE.replace("2", "4"), at=utcnow() + timedelta(seconds=1))
    [group] = lab.groups(state="regressed")
    assert [g.signature for g in lab.groups(state="active")] == [group.signature]  # back on the to-do list
    assert (group.state, group.regressed, group.seen_since_fixed, group.count) == ("fixed", True, 1, 3)
    counts = finding_groups.open_counts(session=lab.db, principal=lab.principal)
    assert counts["fixed"] == 1 and counts["regressed"] == 1 and counts["open"] == 0

    detail = finding_groups.get_group(session=lab.db, principal=lab.principal, signature=group.signature)
    assert len(detail.occurrences) == 3 and "4 times" in detail.occurrences[0].description

    # Another workspace never sees the group; a viewer cannot change it.
    stranger = make_account()
    outsider = Principal(stranger.user_id, stranger.email, stranger.workspace_id, Role.owner)
    with pytest.raises(NotFound):
        finding_groups.get_group(session=lab.db, principal=outsider, signature=group.signature)
    viewer = make_account()
    watcher = Principal(viewer.user_id, viewer.email, lab.principal.workspace_id, Role.viewer)
    with pytest.raises(PermissionDenied):
        finding_groups.set_group_state(session=lab.db, principal=watcher, signature=group.signature,
                                       data=FindingGroupUpdate(state="open"))  # fmt: skip


def test_a_finding_inserted_without_the_orm_is_signed_too(lab: Lab) -> None:
    """A bulk load (a Core insert) gets its signature from the column's default."""
    from app.models.base import new_id

    agent = lab.agent("Shop bot")
    session_id = lab.finding(agent, TWICE)
    lab.db.execute(Finding.__table__.insert(), [
        {"id": new_id(), "workspace_id": lab.principal.workspace_id, "session_id": session_id, "type": "loop",
         "severity": "high", "description": THRICE, "persona_perspective": "", "evidence": {}, "source": "check",
         "created_at": utcnow()},
    ])  # fmt: skip
    lab.db.commit()
    [group] = lab.groups()
    assert (group.count, group.severity) == (2, "high")
