"""Mimic tests in pytest: simulated customers against the support bot, judged per criterion.

    PYTHONPATH=/path/to/mimic pytest examples/pytest          # in process, no server
    MIMIC_URL=https://mimic.example.com MIMIC_TOKEN=... pytest examples/pytest   # on a server
"""

import pytest


def test_dana_gets_her_delivery_date(mimic):
    result = mimic.run(agent="Support bot", persona="Dana (direct, impatient)", objective="Order status", seed=1)
    # On failure pytest prints the failed criteria, the judge's reasoning and the transcript.
    assert result
    assert result.verdict == {"The agent gives the delivery date of order A-10482": "met"}
    assert result.transcript[0]["senderType"] == "persona" and result.cost >= 0


@pytest.mark.mimic(repeats=3, min_pass_rate=1.0, seed=10)
def test_opening_hours_every_time(mimic):
    result = mimic.run(agent="Support bot", persona="Sam (polite, patient)", objective="Opening hours")
    assert result, result.explain()
    assert len(result.results) == 3


def test_a_persona_defined_in_the_test(mimic):
    hurried = {"description": "Types fast, reads little.", "traits": {"patience_level": "low", "urgency": "high"}}
    assert mimic.run(agent="Support bot", persona=hurried, objective="Opening hours", seed=2)


def test_the_smoke_suite(mimic):
    suite = mimic.suite("Support smoke", repeats=1, seed=5)
    assert suite, suite.explain()
    assert suite.pass_rate == 1.0 and len(suite.sessions) == 4
