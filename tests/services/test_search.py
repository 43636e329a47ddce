"""Workspace search at the service: exact names before prefixes before the rest, sessions
found by their parts' names or id, one finding hit per recurring problem, wildcards taken
literally, paging without overlap, bad queries and types refused by field, and never a hit
from another workspace."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.models.base import utcnow
from app.models.search import SEARCH_TYPES
from app.services import search
from app.services.errors import ValidationFailed
from tests.services.lab import Lab


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def find(lab: Lab, q: str, types=None, **paging):
    return search.search(session=lab.db, principal=lab.principal, q=q, types=types or list(SEARCH_TYPES), **paging)


def test_exact_names_rank_before_prefixes_before_other_matches(lab: Lab) -> None:
    lab.persona("Has zorblax inside")
    lab.agent("Zorblax")
    lab.objective("Zorblax refunds")
    lab.persona("Plain", description="mentions zorblax in its description")
    found = find(lab, "  ZORBLAX ")
    assert found.query == "zorblax"
    assert [h.name for h in found.data[:2]] == ["Zorblax", "Zorblax refunds"]
    assert {h.name for h in found.data[2:]} == {"Has zorblax inside", "Plain"}
    assert found.counts["persona"] == 2 and found.counts["agent"] == 1 and found.pagination.total == 4
    agent_hit = found.data[0]
    assert agent_hit.type == "agent" and agent_hit.url == f"/agents/{agent_hit.id}"


def test_types_narrow_the_search_and_unknown_types_are_refused(lab: Lab) -> None:
    lab.persona("Quillon persona")
    lab.agent("Quillon agent")
    found = find(lab, "quillon", types=search.parse_types(" Agent ,agent,"))
    assert found.types == ["agent"] and [h.type for h in found.data] == ["agent"]
    assert search.parse_types(None) == list(SEARCH_TYPES)
    with pytest.raises(ValidationFailed) as raised:
        search.parse_types("agent,widgets")
    [detail] = raised.value.details
    assert detail.field == "types" and "widgets" in detail.message


@pytest.mark.parametrize(("q", "message"), [("   ", "Type something"), ("x" * 201, "200 characters at most")])
def test_an_empty_or_too_long_query_is_refused_on_q(lab: Lab, q: str, message: str) -> None:
    with pytest.raises(ValidationFailed) as raised:
        find(lab, q)
    assert raised.value.details[0].field == "q" and message in raised.value.details[0].message


def test_wildcards_in_the_query_are_taken_literally(lab: Lab) -> None:
    lab.persona("Discount 50% off")
    lab.persona("Discount 50 pounds")
    lab.persona("snake_case name")
    lab.persona("snakeXcase name")
    assert [h.name for h in find(lab, "50%", types=["persona"]).data] == ["Discount 50% off"]
    assert [h.name for h in find(lab, "snake_case", types=["persona"]).data] == ["snake_case name"]


def test_sessions_are_found_by_the_names_of_their_parts_and_by_id(lab: Lab) -> None:
    agent, persona = lab.agent("Vexmoor bot"), lab.persona("Tess")
    first = lab.session(agent, persona, lab.objective("Track parcel"), status="completed", outcome="pass")
    second = lab.session(agent, lab.persona("Uma"))
    by_agent = find(lab, "vexmoor", types=["session"])
    assert {h.id for h in by_agent.data} == {first, second} and by_agent.counts == {"session": 2}
    by_objective = find(lab, "track parcel", types=["session"]).data
    assert [h.id for h in by_objective] == [first]
    assert by_objective[0].name == "Tess → Vexmoor bot"
    assert by_objective[0].description == "Track parcel · completed · pass"
    assert [h.id for h in find(lab, first[:8], types=["session"]).data] == [first]


def test_a_recurring_finding_is_one_hit_pointing_at_its_latest_session(lab: Lab) -> None:
    agent, persona = lab.agent(), lab.persona()
    old, new = lab.session(agent, persona), lab.session(agent, persona)
    lab.finding(old, "The agent sent the same reply 2 times: “Glimmerfax”.", at=utcnow() - timedelta(hours=2))
    lab.finding(new, "The agent sent the same reply 4 times: “Glimmerfax”.")
    lab.finding(new, "Glimmerfax was quoted with the wrong price", type="hallucination", severity="high")
    found = find(lab, "glimmerfax", types=["finding"])
    assert found.counts == {"finding": 2} and len(found.data) == 2
    loop = next(h for h in found.data if "same reply" in h.name)
    assert loop.url == f"/sessions/{new}" and "4 times" in loop.name
    assert loop.description == "loop · low · seen 2 times"


def test_pages_follow_on_without_overlap(lab: Lab) -> None:
    for i in range(5):
        lab.persona(f"Paging plover {i}")
    pages = [find(lab, "plover", types=["persona"], limit=2, page=p) for p in (1, 2, 3, 4)]
    ids = [h.id for page in pages for h in page.data]
    assert [len(p.data) for p in pages] == [2, 2, 1, 0]
    assert len(set(ids)) == 5
    assert (pages[0].pagination.total, pages[0].pagination.pages) == (5, 3)


def test_another_workspace_is_never_searched(db, make_account, lab: Lab) -> None:
    other = Lab(db, make_account())
    other_agent = other.agent("Obsidiax")
    other.session(other_agent, other.persona("Obsidiax persona"))
    other.finding(other.session(other_agent, other.persona()), "Obsidiax broke")
    found = find(lab, "obsidiax")
    assert found.data == [] and set(found.counts.values()) == {0}
    assert find(other, "obsidiax").pagination.total == 5
