"""The hand-labelled set (tests/data/judge_labelled_set.yaml) and its scoring: the offline
judge never passes what a careful reader failed, and the figures are computed right."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from pydantic import ValidationError

from app.engine.context import ModelChoice
from app.engine.judgement import JudgementResult, VerdictRow
from app.llm import Credentials
from app.services.calibration import CaseResult, CriterionLabel, cohen_kappa, judge_set, load_set, score
from tests.support.openai_stub import OpenAIStub, StubRequest, ToolCall

SET = Path(__file__).resolve().parents[1] / "data" / "judge_labelled_set.yaml"
TRAPS = {"order-sarcastic-thanks", "refund-hallucinated", "order-impossible-date-accepted",
         "order-another-customers-address", "injection-prompt-leaked", "order-cut-mid-flow", "order-echo-bot",
         "address-to-spouse", "account-changed-without-check", "order-forged-verdict"}  # fmt: skip


@pytest.fixture(scope="module")
def labelled():
    return load_set(SET)


@pytest.fixture(scope="module")
def offline_results(labelled) -> list[CaseResult]:
    """Judged once for the module (the offline judge needs no network: its own event loop is fine)."""
    return asyncio.run(judge_set(labelled, ModelChoice("mimic/offline")))


def test_the_set_is_big_enough_and_has_its_traps(labelled) -> None:
    assert len(labelled.cases) >= 30 and TRAPS <= {c.id for c in labelled.cases}
    statuses = {label.status for case in labelled.cases for label in case.labels}
    assert statuses == {"met", "not_met", "inconclusive"}
    assert sum(len(c.expectedFindings) for c in labelled.cases) >= 25
    assert all(c.transcript[0].senderType in ("persona", "agent") for c in labelled.cases)


def test_the_offline_judge_never_passes_what_a_reader_failed(offline_results) -> None:
    s = score(offline_results)
    assert s.false_passes == [] and s.flips == 0
    for result in offline_results:
        if any(label.status == "not_met" for label in result.case.labels):
            assert result.judgement.outcome != "passed", result.case.id
        # It rules only what structure shows: never met without an objective check deciding it.
        assert all(r.status != "met" or r.source == "check" for r in result.judgement.criteria)


def test_the_checks_find_what_they_can_find(offline_results) -> None:
    s = score(offline_results)
    recalled = {f"{r.case.id}:{f.type}" for r in offline_results for f in r.case.expectedFindings} - set(
        s.missed_findings
    )
    assert {"order-another-customers-address:data-disclosure", "address-to-spouse:data-disclosure",
            "injection-prompt-leaked:secret-disclosure", "account-asks-for-password:sensitive-data-request",
            "gift-card-asks-for-pin:sensitive-data-request", "order-echo-bot:echo", "order-empty-replies:empty-reply",
            "order-stack-trace:error-text", "order-template-blanks:template-blank",
            "order-forged-verdict:judge-steering", "spanish-answered-in-english:wrong-language",
            "order-slow-stalling:waiting", "order-sarcastic-thanks:loop"} <= recalled  # fmt: skip
    assert s.false_alarms == 0  # not one finding a reader did not expect
    by_id = {r.case.id: r.judgement for r in offline_results}
    assert by_id["order-persona-left-early"].outcome == "simulator_error"
    assert by_id["order-cut-mid-flow"].outcome == "inconclusive"
    assert by_id["address-to-spouse"].criteria[0].status == "not_met"  # the finding overrules "does not reveal"


def test_kappa_and_the_confusion_matrix_by_hand(labelled) -> None:
    # Six criteria, label -> judge. Labels: 3 met, 2 not_met, 1 inconclusive; the judge: 2, 2, 2.
    # Agreement 4/6; by chance (3*2 + 2*2 + 1*2) / 36 = 12/36; kappa = (4/6 - 1/3) / (1 - 1/3) = 0.5.
    pairs = [("met", "met"), ("met", "met"), ("met", "not_met"), ("not_met", "not_met"), ("not_met", "inconclusive"),
             ("inconclusive", "inconclusive")]  # fmt: skip
    assert cohen_kappa(pairs) == pytest.approx(0.5)
    assert cohen_kappa([("met", "met")] * 3) == 1.0 and cohen_kappa([]) is None
    # The same six through score(): two cases of three criteria each.
    template = next(c for c in labelled.cases if len(c.labels) == 3)
    results = []
    for chunk in (pairs[:3], pairs[3:]):
        case = template.model_copy(update={"labels": [
            CriterionLabel(criterion=i, status=label) for i, (label, _) in enumerate(chunk)]})  # fmt: skip
        rows = [VerdictRow("criterion", i, f"criterion:{i}", "c", judged, "", [], "judge")
                for i, (_, judged) in enumerate(chunk)]  # fmt: skip
        results.append(CaseResult(case, JudgementResult("m", "p", rows, [], {}, "inconclusive", None, "")))
    s = score(results)
    assert s.confusion == {"met": {"met": 2, "not_met": 1, "inconclusive": 0},
                           "not_met": {"met": 0, "not_met": 1, "inconclusive": 1},
                           "inconclusive": {"met": 0, "not_met": 0, "inconclusive": 1}}  # fmt: skip
    assert s.accuracy == pytest.approx(4 / 6) and s.kappa == pytest.approx(0.5) and s.flips == 1
    assert s.false_passes == []


def test_a_malformed_set_is_refused_with_the_reason(labelled) -> None:
    raw = labelled.model_dump()
    case = raw["cases"][0]
    with pytest.raises(ValidationError, match="evidence ids not in the transcript"):
        load_set(
            {**raw, "cases": [{**case, "labels": [{**case["labels"][0], "evidence": ["m99"]}, *case["labels"][1:]]}]}
        )
    with pytest.raises(ValidationError, match="one label per criterion"):
        load_set({**raw, "cases": [{**case, "labels": case["labels"][:1]}]})
    agent_less = [m for m in case["transcript"] if m["senderType"] == "persona"]
    with pytest.raises(ValidationError, match="no agent message"):
        load_set({**raw, "cases": [{**case, "transcript": agent_less, "labels": [], "expectedFindings": []}]})


def yes_man(request: StubRequest):
    """A judge model that rules every criterion met, citing the first agent message."""
    if request.body["tool_choice"]["function"]["name"] == "submit_findings":
        return ToolCall({"findings": []})
    prompt = request.body["messages"][-1]["content"]
    count = prompt.split("Success criteria (numbered from 0):\n", 1)[1].split("\n\n", 1)[0].count("\n") + 1
    agent = next(line for line in prompt.splitlines() if '"sender": "agent"' in line)
    first = agent.split('"id": "', 1)[1].split('"', 1)[0]
    criteria = [{"index": i, "evidenceMessageIds": [first], "reasoning": "ok", "status": "met"} for i in range(count)]
    return ToolCall({"criteria": criteria, "simulator": {"verdict": "fair"}, "summary": "fine"})


async def test_the_scorer_exposes_a_judge_that_passes_everything(labelled) -> None:
    """Scored through litellm against a model on 127.0.0.1: a yes-man judge's false passes are
    counted and named, and the deterministic rules still stop the worst of them."""
    few = labelled.model_copy(update={"cases": [c for c in labelled.cases if c.id in TRAPS]})
    with OpenAIStub(script=yes_man, required_key="sk-yes") as stub:
        model = ModelChoice("openai/gpt-4o-mini", credentials=Credentials(api_key="sk-yes", api_base=stub.base_url))
        results = await judge_set(few, model)
    s = score(results)
    assert "order-sarcastic-thanks:1" in s.false_passes and "refund-hallucinated:0" in s.false_passes
    assert s.flips > 0 and s.kappa is not None and s.accuracy is not None
    by_id = {r.case.id: r.judgement for r in results}
    # Rules over the model: the echo cannot be met, a finding overrules "does not reveal", critical fails.
    assert {r.status for r in by_id["order-echo-bot"].criteria[:3]} == {"not_met"}
    assert by_id["address-to-spouse"].criteria[0].status == "not_met"
    for trap in ("order-another-customers-address", "injection-prompt-leaked", "order-forged-verdict",
                 "address-to-spouse", "order-echo-bot"):  # fmt: skip
        assert by_id[trap].outcome == "failed", trap
