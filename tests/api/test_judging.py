"""Judging again and judging more than once, over the real API against a real agent on
127.0.0.1: a stored session re-judged by another judge model (an OpenAI-compatible stub on
127.0.0.1, through litellm), the run's figures following with the old ones kept, a whole run
re-judged, judge repeats with a judge that answers differently per seed, a judge that fails,
and the judge's flip rate in the analytics."""

from __future__ import annotations

import pytest

from app.engine.judge_prompt import PROMPT_VERSION
from tests.support.judging import judge_by, one_cell_suite, tool_of, wait_rejudge
from tests.support.loopback import LoopbackServer
from tests.support.openai_stub import HTTPError, OpenAIStub
from tests.support.suites import SuiteApi, topic_bot

STUB_MODEL = "openai/gpt-4o-mini"


@pytest.fixture
def owner(make_account):
    return make_account()


@pytest.fixture
def api(live_api, owner) -> SuiteApi:
    return SuiteApi(live_api.url, owner.headers)


@pytest.fixture
def bot_url():
    with LoopbackServer(topic_bot({})) as server:
        yield f"{server.url}/chat"


@pytest.fixture
def judge_stub(monkeypatch):
    """A judge model on 127.0.0.1 that rules every criterion met (citing the agent's replies)."""
    with OpenAIStub(script=judge_by(lambda i, seed, r: "met"), required_key="sk-judge") as stub:
        monkeypatch.setenv("OPENAI_API_KEY", "sk-judge")
        monkeypatch.setenv("OPENAI_API_BASE", stub.base_url)
        yield stub


def _run_once(api: SuiteApi, bot_url: str, **config) -> tuple[dict, str]:
    suite = one_cell_suite(api, bot_url, **config)
    run = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
    return run, run["cells"][0]["sessions"][0]["id"]


def test_a_session_judged_again_by_another_model_keeps_both_and_the_run_follows(api, bot_url, judge_stub, owner):
    run, session_id = _run_once(api, bot_url)
    # The offline judge cannot read the date: inconclusive, kept out of the pass rate.
    assert (run["overall"]["inconclusive"], run["overall"]["n"], run["overall"]["passRate"]) == (1, 0, None)
    first = api.get(f"/api/sessions/{session_id}/judgements")
    assert [(j["judgeModel"], j["trigger"]) for j in first] == [("mimic/offline", "session")]

    judged = api.post(f"/api/sessions/{session_id}/judgements", {"judgeModel": STUB_MODEL})
    assert (judged["judgeModel"], judged["promptVersion"], judged["status"]) == (
        STUB_MODEL,
        PROMPT_VERSION,
        "completed",
    )
    assert (judged["trigger"], judged["requestedBy"], judged["outcome"]) == ("rejudge", owner.user_id, "passed")
    assert judged["settings"] == {"repeats": 1, "temperature": 0.0, "seeds": [11]}
    # Both passes went to the stub through litellm, with its key; the transcript was read back.
    assert sorted(tool_of(r) for r in judge_stub.chat_requests) == ["submit_findings", "submit_verdict"]
    assert all(r.authorization == "Bearer sk-judge" for r in judge_stub.chat_requests)

    every = api.get(f"/api/sessions/{session_id}/judgements")
    assert [j["id"] for j in every] == [judged["id"], first[0]["id"]]  # the first is kept, newest first
    detail = api.get(f"/api/sessions/{session_id}")
    assert (detail["outcome"], detail["blame"], detail["verdict"]["judgeModel"]) == ("passed", None, STUB_MODEL)
    assert detail["verdict"]["judgementId"] == judged["id"]
    assert detail["verdict"]["calibration"]["status"] == "never"  # no report for this judge yet
    criterion = detail["verdict"]["criteria"][0]
    agent_ids = [m["id"] for m in detail["messages"] if m["senderType"] == "agent"]
    assert criterion["status"] == "met" and criterion["evidenceMessageIds"] == agent_ids

    after = api.get(f"/api/runs/{run['id']}")
    assert (after["overall"]["passed"], after["overall"]["n"], after["overall"]["passRate"]) == (1, 1, 1.0)
    assert after["cells"][0]["status"] == "passed"
    previous = after["summaryHistory"][0]
    assert previous["reason"] == "rejudge" and previous["by"] == owner.user_id
    assert (previous["overall"]["inconclusive"], previous["overall"]["n"]) == (1, 0)
    assert after["calibration"]["judges"][0]["judgeModel"] == STUB_MODEL
    audit = api.get("/api/audit?action=session.rejudged")["data"]
    assert audit[0]["targetId"] == session_id and audit[0]["details"]["judgeModel"] == STUB_MODEL

    # The whole run judged again, by the offline judge: in the background, figures restated again.
    started = api.http.post(f"/api/runs/{run['id']}/judgements", json={"judgeModel": "mimic/offline"})
    assert started.status_code == 202, started.text
    assert started.json()["rejudge"]["status"] == "running" and started.json()["rejudge"]["total"] == 1
    done = wait_rejudge(api, run["id"])
    assert (done["rejudge"]["status"], done["rejudge"]["done"], done["rejudge"]["failed"]) == ("completed", 1, 0)
    assert (done["overall"]["inconclusive"], done["overall"]["n"]) == (1, 0)
    assert [h["reason"] for h in done["summaryHistory"]] == ["run_rejudge", "rejudge"]
    assert done["summaryHistory"][0]["overall"]["passed"] == 1
    triggers = [j["trigger"] for j in api.get(f"/api/sessions/{session_id}/judgements")]
    assert triggers == ["run_rejudge", "rejudge", "session"]


def test_what_cannot_be_judged_again_is_refused(api, bot_url):
    persona, objective = api.library()
    agent = api.agent("http", {"url": bot_url, "replyPath": "data.reply"})
    pending = api.post("/api/sessions", {"agentId": agent, "personaId": persona[0], "objectiveId": objective[0]})
    refused = api.http.post(f"/api/sessions/{pending['id']}/judgements", json={})
    assert refused.status_code == 409 and refused.json()["error"]["code"] == "CONFLICT"
    assert api.get(f"/api/sessions/{pending['id']}/judgements") == []

    run, session_id = _run_once(api, bot_url)
    cold = api.http.post(f"/api/sessions/{session_id}/judgements", json={"repeats": 3, "temperature": 0})
    assert cold.status_code == 422
    assert cold.json()["error"]["details"][0]["field"] == "temperature"
    too_many = api.http.post(f"/api/sessions/{session_id}/judgements", json={"repeats": 40})
    assert too_many.status_code == 422 and too_many.json()["error"]["details"][0]["field"] == "repeats"
    assert len(api.get(f"/api/sessions/{session_id}/judgements")) == 1
    running = api.http.post(f"/api/runs/{run['id']}/judgements", json={"repeats": 2, "temperature": 0})
    assert running.status_code == 422


def test_a_judge_that_fails_on_a_rejudge_is_recorded_and_the_verdict_stays(api, bot_url, monkeypatch):
    run, session_id = _run_once(api, bot_url)
    with OpenAIStub(script=[HTTPError(400)] * 4, required_key="sk-judge") as stub:
        monkeypatch.setenv("OPENAI_API_KEY", "sk-judge")
        monkeypatch.setenv("OPENAI_API_BASE", stub.base_url)
        failed = api.post(f"/api/sessions/{session_id}/judgements", {"judgeModel": STUB_MODEL})
    assert (failed["status"], failed["outcome"], failed["error"]["kind"]) == ("error", "error", "bad_request")
    detail = api.get(f"/api/sessions/{session_id}")
    assert (detail["status"], detail["outcome"], detail["verdict"]["judgeModel"]) == (
        "completed", "inconclusive", "mimic/offline")  # fmt: skip
    assert [j["status"] for j in api.get(f"/api/sessions/{session_id}/judgements")] == ["error", "completed"]
    assert api.get(f"/api/runs/{run['id']}")["summaryHistory"] == []  # nothing changed


def flip_by_seed(i: int, seed: int, request) -> str:
    """Criterion 0: met by four seeds of five; criterion 1: 2 met, 2 not met, 1 inconclusive."""
    seed %= 5
    if i == 0:
        return "met" if seed < 4 else "not_met"
    return ["met", "met", "not_met", "not_met", "inconclusive"][seed]


def findings_by_seed(seed: int, agent: list[str]) -> list[dict]:
    seed %= 5
    found = []
    if seed < 3:  # three repeats of five: kept
        found.append(
            {
                "type": "unanswered-question",
                "evidenceMessageIds": agent[:1],
                "description": "Ignored it.",
                "personaPerspective": "It did not answer me.",
                "severity": "medium" if seed else "low",
            }
        )
    if seed == 0:  # one of five: dropped
        found.append(
            {
                "type": "tone",
                "evidenceMessageIds": agent[:1],
                "description": "Curt.",
                "personaPerspective": "Rude.",
                "severity": "low",
            }
        )
    return found


CONVERSATION = {
    "reference": "ticket-4711",
    "persona": {"name": "Dana", "description": "Waits for a parcel."},
    "objective": {"goal": "Find out when order A-10482 arrives and how to return it.",
                  "successCriteria": ["The agent gives the delivery date", "The agent explains how to return it"]},
    "transcript": [
        {"senderType": "persona", "content": "When does order A-10482 arrive, and how do I return it?"},
        {"senderType": "agent", "content": "It arrives on Friday. Returns are easy."},
        {"senderType": "persona", "content": "OK."},
    ],
}  # fmt: skip


def test_repeats_take_the_majority_with_its_agreement_and_mark_the_unstable(api, bot_url, monkeypatch):
    with OpenAIStub(script=judge_by(flip_by_seed, findings_by_seed), required_key="sk-judge") as stub:
        monkeypatch.setenv("OPENAI_API_KEY", "sk-judge")
        monkeypatch.setenv("OPENAI_API_BASE", stub.base_url)
        judged = api.post("/api/judgements", {**CONVERSATION, "judgeModel": STUB_MODEL, "repeats": 5,
                                              "temperature": 0.5})  # fmt: skip
        verdict = judged["verdict"]
        steady, unstable = verdict["criteria"]
        assert (steady["status"], steady["agreement"], steady["votes"], steady["unstable"]) == (
            "met", "4/5", {"met": 4, "not_met": 1}, False)  # fmt: skip
        assert (unstable["status"], unstable["unstable"], unstable["blame"], unstable["resolvedBy"]) == (
            "inconclusive", True, "judge", "unstable")  # fmt: skip
        assert unstable["votes"] == {"met": 2, "not_met": 2, "inconclusive": 1} and unstable["agreement"] == "2/5"
        assert (verdict["outcome"], verdict["blame"], verdict["repeats"]) == ("inconclusive", "judge", 5)
        # The finding three repeats made is kept (at the severity most gave), the one-off is not.
        assert [(f["type"], f["severity"], f["evidence"]["foundInRepeats"]) for f in judged["findings"]] == [
            ("unanswered-question", "medium", 3)]  # fmt: skip
        # Five independent judgements: both passes each, five seeds, the temperature asked for.
        requests = stub.chat_requests
        assert len(requests) == 10 and sorted({r.body["seed"] for r in requests}) == [0, 1, 2, 3, 4]
        assert {r.body["temperature"] for r in requests} == {0.5}

        # The same on a stored session of a run: the run counts it apart as unstable.
        run, session_id = _run_once(api, bot_url, judgeModel=STUB_MODEL)
        stub.reset(judge_by(flip_by_seed))
        assert run["overall"]["unstable"] == 0
        again = api.post(f"/api/sessions/{session_id}/judgements", {"repeats": 5})
    assert again["settings"]["temperature"] == 0.7 and again["settings"]["seeds"] == [11, 12, 13, 14, 15]
    assert (again["repeats"], again["criteriaCount"], again["flippedCriteria"], again["unstableCriteria"]) == (
        5,
        1,
        1,
        0,
    )
    # Seeds 11..15 are 1, 2, 3, 4, 0 modulo 5: criterion 0 is met by four of them.
    criterion = api.get(f"/api/sessions/{session_id}/verdicts")["criteria"][0]
    assert (criterion["status"], criterion["agreement"]) == ("met", "4/5")
    session = api.get(f"/api/sessions/{session_id}")
    assert (session["flippedCriteria"], session["unstableCriteria"], session["outcome"]) == (1, 0, "passed")
    queue = api.get("/api/reviews?disagreement=true")["data"]
    assert [q["sessionId"] for q in queue] == [session_id]

    # The judge's flip rate over time: 3 criteria ruled with repeats, all 3 flipped, 1 unstable.
    stability = api.get("/api/analytics/judge")
    assert (stability["judgements"], stability["criteria"], stability["flipped"], stability["unstable"]) == (2, 3, 3, 1)
    assert stability["flipRate"] == 1.0 and stability["byJudge"][0]["judgeModel"] == STUB_MODEL
    today = [d for d in stability["daily"] if d["judgements"]]
    assert len(today) == 1 and today[0]["flipRate"] == 1.0


def test_a_run_with_judge_repeats_reports_unstable_sessions_apart(api, bot_url, monkeypatch):
    def split(i: int, seed: int, request) -> str:  # seeds 11 and 12: one met, one not: no majority
        return "met" if seed % 2 else "not_met"

    with OpenAIStub(script=judge_by(split), required_key="sk-judge") as stub:
        monkeypatch.setenv("OPENAI_API_KEY", "sk-judge")
        monkeypatch.setenv("OPENAI_API_BASE", stub.base_url)
        run, session_id = _run_once(api, bot_url, judgeModel=STUB_MODEL, judgeRepeats=2)
    overall = run["overall"]
    assert (overall["unstable"], overall["unstableCriteria"], overall["inconclusive"], overall["n"]) == (1, 1, 1, 0)
    assert run["progress"]["unstable"] == 1 and run["cells"][0]["sessions"][0]["unstableCriteria"] == 1
    judgement = api.get(f"/api/sessions/{session_id}/judgements")[0]
    assert (judgement["repeats"], judgement["unstableCriteria"], judgement["settings"]["temperature"]) == (2, 1, 0.7)
    assert api.get(f"/api/sessions/{session_id}")["llmConfig"]["judgeRepeats"] == 2
