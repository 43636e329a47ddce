"""Judge repeats combined by majority (app/engine/repeats.py), on judgements made by the real
rules from answers a judge could give: the majority and its agreement, ties marked unstable,
findings most repeats recorded, the simulator check most repeats made, and the outcome the
rules draw from the majority."""

from __future__ import annotations

import pytest

from app.engine import verdict_rules
from app.engine.case import JudgeCase, transcript_from
from app.engine.context import ObjectiveSnapshot, PersonaSnapshot
from app.engine.judge import AuditAnswer, AuditFinding, CriterionAssessment, SimulatorAssessment, VerdictAnswer
from app.engine.repeats import DEFAULT_REPEAT_TEMPERATURE, majority, repeat_settings

CASE = JudgeCase(
    persona=PersonaSnapshot(name="Dana"),
    objective=ObjectiveSnapshot(name="order", goal="Find out when order A-10482 arrives.",
                                success_criteria=["The agent gives the date", "The agent confirms the order number"]),
    transcript=transcript_from([
        {"id": "p1", "senderType": "persona", "content": "When does order A-10482 arrive?"},
        {"id": "a1", "senderType": "agent", "content": "Order A-10482 arrives on Friday."},
        {"id": "p2", "senderType": "persona", "content": "Thanks."},
    ]),
    end_reason="goal_met",
)  # fmt: skip


def judged(statuses: list[str], findings: list[tuple[str, str]] = (), spoiled: bool = False):
    verdict = VerdictAnswer(
        criteria=[CriterionAssessment(index=i, evidenceMessageIds=["a1"], reasoning=f"r{i}", status=s,
                                      blame=None if s == "met" else "agent") for i, s in enumerate(statuses)],
        simulator=SimulatorAssessment(evidenceMessageIds=["p1"], reasoning="left", problems=["left_objective"],
                                      verdict="spoiled" if spoiled else "fair"),
    )  # fmt: skip
    audit = AuditAnswer(findings=[
        AuditFinding(type=t, evidenceMessageIds=["a1"], description="d", personaPerspective="p", severity=sev)
        for t, sev in findings])  # fmt: skip
    return verdict_rules.combine(CASE, verdict, audit, [], judge_model="m", prompt_version="v")


def test_the_majority_wins_with_its_agreement_and_a_tie_is_unstable() -> None:
    result = majority(CASE, [judged(["met", "met"]), judged(["met", "not_met"]), judged(["not_met", "met"])])
    first, second = result.criteria
    assert (first.status, first.votes, first.agreement, first.unstable) == ("met", {"met": 2, "not_met": 1}, "2/3",
                                                                           False)  # fmt: skip
    assert (second.status, second.agreement) == ("met", "2/3") and result.outcome == "passed"
    assert result.flipped_criteria == 2 and result.unstable_criteria == 0

    tied = majority(CASE, [judged(["met", "met"]), judged(["not_met", "met"])])
    row = tied.criteria[0]
    assert (row.status, row.unstable, row.blame, row.resolved_by, row.agreement) == (
        "inconclusive", True, "judge", "unstable", "1/2")  # fmt: skip
    assert "no clear majority" in row.reasoning
    assert (tied.outcome, tied.blame) == ("inconclusive", "judge") and tied.unstable_criteria == 1
    assert "1 unstable" in tied.summary and tied.summary.endswith("Repeats: failed 1, passed 1 of 2.")


def test_findings_and_the_simulator_check_follow_most_repeats() -> None:
    runs = [judged(["met", "met"], [("tone", "low"), ("unfounded-claim", "high")]),
            judged(["met", "met"], [("tone", "medium")]),
            judged(["met", "met"], [("tone", "medium")], spoiled=True)]  # fmt: skip
    result = majority(CASE, runs)
    assert [(f.type, f.severity, f.found_in) for f in result.findings] == [("tone", "medium", 3)]
    assert result.simulator["spoiled"] is False and result.simulator["votes"] == {"spoiled": 1, "of": 3}
    assert result.outcome == "passed"

    leak = judged(["met", "met"], [("data-disclosure", "critical")])
    critical = majority(CASE, [leak, leak, judged(["met", "met"])])
    assert critical.outcome == "failed" and critical.findings[0].found_in == 2  # most repeats saw the leak


@pytest.mark.parametrize(("repeats", "temperature", "seed", "expected"), [
    (1, None, None, (0.0, [0])), (3, None, 7, (DEFAULT_REPEAT_TEMPERATURE, [7, 8, 9])), (2, 0.3, None, (0.3, [0, 1])),
])  # fmt: skip
def test_repeats_get_their_seeds_and_a_temperature(repeats, temperature, seed, expected) -> None:
    assert repeat_settings(repeats, temperature, seed) == expected
