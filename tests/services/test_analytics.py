"""Analytics at the service: sessions counted by the UTC day they were created, both ends of the
range included and every day listed; the success rate over passed and failed only; filters by
agent; one workspace's figures never hold another's; a bad range named by its field."""

from __future__ import annotations

from datetime import UTC, datetime

import pytest

from app.services import analytics
from app.services.errors import NotFound, ValidationFailed
from tests.services.lab import Lab


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def at(day: int, hour: int = 12) -> datetime:
    return datetime(2026, 3, day, hour, tzinfo=UTC)


def test_counts_rates_and_days_of_a_range(db, make_account, lab: Lab) -> None:
    shop, bank, persona = lab.agent("Shop"), lab.agent("Bank"), lab.persona()
    lab.session(shop, persona, created_at=at(2, 0), status="completed", outcome="passed", duration_ms=4000)
    lab.session(shop, persona, created_at=at(2, 23), status="completed", outcome="failed", duration_ms=2000)
    lab.session(bank, persona, created_at=at(4), status="completed", outcome="inconclusive")
    lab.session(bank, persona, created_at=at(4), status="error", outcome="error", end_reason="agent_error")
    lab.session(shop, persona, created_at=at(5))  # after the range
    lab.session(shop, persona, created_at=datetime(2026, 3, 1, 23, 59, tzinfo=UTC))  # before it
    other = Lab(db, make_account())
    other.session(other.agent(), other.persona(), created_at=at(3), status="completed", outcome="failed")

    found = analytics.session_analytics(session=db, principal=lab.principal, start_date="2026-03-02",
                                        end_date="2026-03-04")  # fmt: skip
    assert (found.total_sessions, found.passed_sessions, found.failed_sessions) == (4, 1, 1)
    assert (found.inconclusive_sessions, found.infrastructure_errors) == (1, 1)
    assert found.success_rate == 0.5  # over passed and failed only
    assert found.average_duration == 3.0
    assert [(d.date.day, d.sessions) for d in found.daily_stats] == [(2, 2), (3, 0), (4, 2)]
    assert found.daily_stats[1].success_rate is None

    shop_only = analytics.session_analytics(session=db, principal=lab.principal, start_date="2026-03-02",
                                            end_date="2026-03-04", agent_id=shop)  # fmt: skip
    assert (shop_only.total_sessions, shop_only.success_rate) == (2, 0.5)


def test_an_agents_analytics_are_its_own_and_another_workspaces_agent_is_not_found(db, make_account, lab) -> None:
    shop, persona = lab.agent("Shop"), lab.persona("Ines")
    lab.session(shop, persona, created_at=at(2), status="completed", outcome="passed")
    lab.session(lab.agent("Bank"), persona, created_at=at(2), status="completed", outcome="failed")
    found = analytics.agent_analytics(session=db, principal=lab.principal, agent_id=shop, start_date="2026-03-01",
                                      end_date="2026-03-03")  # fmt: skip
    assert (found.agent_name, found.total_sessions, found.success_rate) == ("Shop", 1, 1.0)
    assert [(b.persona_name, b.sessions, b.passed) for b in found.by_persona] == [("Ines", 1, 1)]
    other = Lab(db, make_account())
    with pytest.raises(NotFound):
        analytics.agent_analytics(session=db, principal=other.principal, agent_id=shop)


@pytest.mark.parametrize(
    ("start", "end", "field"), [("2026-03-05", "2026-03-01", "endDate"), ("03/01/2026", None, "startDate")]
)
def test_a_bad_range_is_refused_by_field(lab: Lab, start, end, field) -> None:
    with pytest.raises(ValidationFailed) as raised:
        analytics.overview(session=lab.db, principal=lab.principal, start_date=start, end_date=end)
    assert [d.field for d in raised.value.details] == [field]
