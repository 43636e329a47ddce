"""What a session spent, per role, at the service: the simulator, the agent and the judge in
that order (other roles after, by name), each with its models in order of first use, calls,
failed calls, tokens, cost and latency; nothing for a session without calls; another
workspace's session is not found."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.models.base import utcnow
from app.models.session import LLMCall
from app.services import session_usage
from app.services.errors import NotFound
from tests.services.lab import Lab, principal_of


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def call(lab: Lab, session_id: str, role: str, model: str, n: int, **fields) -> None:
    lab.db.add(LLMCall(workspace_id=lab.principal.workspace_id, session_id=session_id, role=role, model=model,
                       created_at=utcnow() + timedelta(seconds=n), **fields))  # fmt: skip
    lab.db.commit()


def test_usage_is_summed_per_role_in_the_pages_order(lab: Lab) -> None:
    session_id = lab.session(lab.agent(), lab.persona())
    other = lab.session(lab.agent("Other"), lab.persona("Other"))
    call(lab, session_id, "judge", "mimic/offline", 1, prompt_tokens=100, completion_tokens=10, latency_ms=50)
    call(lab, session_id, "simulator", "gpt-4o-mini", 2, prompt_tokens=30, completion_tokens=5, cost=0.002,
         latency_ms=400)  # fmt: skip
    call(lab, session_id, "simulator", "claude-haiku", 3, prompt_tokens=20, completion_tokens=4, cost=0.001,
         latency_ms=300, status="error", error="rate limited")  # fmt: skip
    call(lab, session_id, "simulator", "gpt-4o-mini", 4, prompt_tokens=10, completion_tokens=1, latency_ms=100)
    call(lab, session_id, "test", "mimic/offline", 5)
    call(lab, session_id, "agent", "gpt-4o", 6, prompt_tokens=7, completion_tokens=7, cost=0.01, latency_ms=900)
    call(lab, other, "simulator", "gpt-4o", 7, prompt_tokens=999)  # another session's

    usage = session_usage.usage_by_role(session=lab.db, principal=lab.principal, session_id=session_id)
    assert [u.role for u in usage] == ["simulator", "agent", "judge", "test"]
    simulator = usage[0]
    assert simulator.models == ["gpt-4o-mini", "claude-haiku"]
    assert (simulator.calls, simulator.failed_calls) == (3, 1)
    assert (simulator.prompt_tokens, simulator.completion_tokens, simulator.latency_ms) == (60, 10, 800)
    assert simulator.cost == pytest.approx(0.003)
    assert (usage[2].prompt_tokens, usage[2].cost) == (100, 0.0)


def test_a_session_without_calls_has_no_usage(lab: Lab) -> None:
    session_id = lab.session(lab.agent(), lab.persona())
    assert session_usage.usage_by_role(session=lab.db, principal=lab.principal, session_id=session_id) == []


def test_another_workspaces_session_is_not_found(db, make_account, lab: Lab) -> None:
    session_id = lab.session(lab.agent(), lab.persona())
    call(lab, session_id, "simulator", "gpt-4o-mini", 1)
    with pytest.raises(NotFound):
        session_usage.usage_by_role(session=db, principal=principal_of(make_account()), session_id=session_id)
    with pytest.raises(NotFound):
        session_usage.usage_by_role(session=db, principal=lab.principal, session_id="no-such-session")
