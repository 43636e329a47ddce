"""Human review over the real API: a reviewer overrides the judge per criterion, decides the
findings and adds a missed one; the review is stored with who and when, audited, sent as
`review.completed`, shown beside the judge's verdict, restates the run; the review queue and
its filters (run, agent, failed, sampled at the team's rate); bad reviews are refused whole;
and conversations judged without a session (POST /api/judgements), good and bad."""

from __future__ import annotations

import json
import uuid

import pytest

from app.services.reviews import in_sample, sample_bound
from tests.support.judging import one_cell_suite
from tests.support.loopback import LoopbackServer
from tests.support.suites import SuiteApi, topic_bot
from tests.support.webhooks import Receiver


@pytest.fixture
def owner(make_account):
    return make_account()


@pytest.fixture
def api(live_api, owner) -> SuiteApi:
    return SuiteApi(live_api.url, owner.headers)


@pytest.fixture
def bot():
    state: dict = {}
    with LoopbackServer(topic_bot(state)) as server:
        yield state, f"{server.url}/chat"


def test_a_review_overrides_the_judge_and_is_kept_audited_and_sent(api, bot, owner):
    state, url = bot
    state["broken"] = {"order": "unhelpful"}
    suite = one_cell_suite(api, url)
    run = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
    session_id = run["cells"][0]["sessions"][0]["id"]
    detail = api.get(f"/api/sessions/{session_id}")
    assert detail["outcome"] == "inconclusive" and detail["reviewedAt"] is None
    agent_ids = [m["id"] for m in detail["messages"] if m["senderType"] == "agent"]

    with Receiver() as receiver:
        api.post("/api/webhooks", {"url": receiver.url, "events": ["review.completed"]})
        # The reviewer reads what the offline judge could not: the agent never gave a date.
        review = api.post(f"/api/sessions/{session_id}/reviews", {
            "criteria": [{"index": 0, "status": "not_met", "note": "It only says it cannot help."}],
            "addedFindings": [{"type": "unanswered-question", "severity": "medium", "evidence": agent_ids[:1],
                               "description": "The delivery date was never given."}],
            "note": "Checked by hand.",
        })  # fmt: skip
        receiver.wait_for(lambda: "review.completed" in receiver.events())
    assert (review["outcome"], review["blame"], review["disagreements"]) == ("failed", "agent", 1)
    assert review["reviewerId"] == owner.user_id and review["reviewerEmail"] == owner.email
    assert review["criteria"][0] == {"index": 0, "criterion": "The agent gives the delivery date of order A-10482",
                                         "status": "not_met", "note": "It only says it cannot help.",
                                         "blame": "agent", "evidence": [], "judgeStatus": "inconclusive"}  # fmt: skip

    delivered = json.loads(receiver.requests[0]["body"])
    assert delivered["data"]["review"]["id"] == review["id"] and delivered["data"]["session"]["outcome"] == "failed"

    after = api.get(f"/api/sessions/{session_id}")
    assert (after["outcome"], after["blame"], after["reviewedAt"] is not None) == ("failed", "agent", True)
    verdict = after["verdict"]  # the judge's verdict stays, the review beside it
    assert (verdict["outcome"], verdict["reviewedOutcome"], verdict["review"]["id"]) == (
        "inconclusive", "failed", review["id"])  # fmt: skip
    assert verdict["criteria"][0]["status"] == "inconclusive"
    assert [r["id"] for r in api.get(f"/api/sessions/{session_id}/reviews")] == [review["id"]]

    restated = api.get(f"/api/runs/{run['id']}")
    assert (restated["overall"]["failed"], restated["overall"]["passRate"]) == (1, 0.0)
    assert restated["summaryHistory"][0]["reason"] == "review"
    assert restated["cells"][0]["sessions"][0]["reviewed"] is True
    entry = api.get("/api/audit?action=review.submitted")["data"][0]
    assert entry["targetId"] == session_id and entry["actorEmail"] == owner.email
    assert entry["details"] == {"reviewId": review["id"], "outcome": "failed", "judgeOutcome": "inconclusive",
                                     "disagreements": 1, "dismissed": 0, "added": 1}  # fmt: skip

    # A later review wins; the findings the judge recorded can be dismissed.
    second = api.post(f"/api/sessions/{session_id}/reviews", {"criteria": [{"index": 0, "status": "inconclusive"}]})
    assert (second["outcome"], second["blame"]) == ("inconclusive", "judge")
    assert api.get(f"/api/sessions/{session_id}")["outcome"] == "inconclusive"


def test_a_bad_review_is_refused_whole(api, bot):
    _state, url = bot
    suite = one_cell_suite(api, url)
    run = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
    session_id = run["cells"][0]["sessions"][0]["id"]
    for body, field in (
        ({"criteria": [{"index": 3, "status": "met"}]}, "criteria"),
        ({"criteria": [{"index": 0, "status": "maybe"}]}, "criteria[0].status"),
        ({"criteria": [{"index": 0, "status": "met"}], "findings": [{"findingId": "nope", "decision": "dismissed"}]},
         "findings.0.findingId"),
        ({"criteria": [{"index": 0, "status": "met"}],
          "addedFindings": [{"type": "rudeness", "severity": "low", "description": "x"}]}, "addedFindings.0.type"),
        ({"criteria": [{"index": 0, "status": "met", "evidence": ["not-a-message"]}]}, "criteria.0.evidence"),
    ):  # fmt: skip
        answer = api.http.post(f"/api/sessions/{session_id}/reviews", json=body)
        assert answer.status_code == 422, answer.text
        error = answer.json()["error"]
        assert error["code"] == "VALIDATION_ERROR" and error["details"][0]["field"] == field, error
    assert api.get(f"/api/sessions/{session_id}/reviews") == []
    assert api.get(f"/api/sessions/{session_id}")["reviewedAt"] is None

    pending = api.post("/api/sessions", {"agentId": api.get(f"/api/runs/{run['id']}")["agentId"],
                                         "personaId": run["cells"][0]["personaId"],
                                         "objectiveId": run["cells"][0]["objectiveId"]})  # fmt: skip
    unjudged = api.http.post(
        f"/api/sessions/{pending['id']}/reviews", json={"criteria": [{"index": 0, "status": "met"}]}
    )
    assert unjudged.status_code == 409


def test_the_review_queue_and_its_filters(api, bot, live_api, make_account, owner):
    state, url = bot
    suite = one_cell_suite(api, url)
    passing = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
    state["broken"] = {"order": "error"}  # an infrastructure error: not judged, not in the queue
    broken = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
    assert broken["overall"]["errors"] == 1
    waiting = api.get("/api/reviews")
    assert [q["sessionId"] for q in waiting["data"]] == [passing["cells"][0]["sessions"][0]["id"]]
    item = waiting["data"][0]
    assert (item["outcome"], item["agentName"], item["personaName"]) == (
        "inconclusive",
        "http bot",
        "Dana (direct, impatient)",
    )
    assert api.get(f"/api/reviews?runId={broken['id']}")["data"] == []
    assert api.get(f"/api/reviews?runId={passing['id']}")["pagination"]["total"] == 1
    assert api.get(f"/api/reviews?agentId={suite['agentId']}")["pagination"]["total"] == 1
    assert api.get("/api/reviews?failed=true")["data"] == []

    # Sampling at the team's rate: none at 0, all at 1, and a session is in the sample for good.
    assert api.get("/api/reviews?sampled=true")["data"] == []
    editor = SuiteApi(live_api.url, make_account(join=owner, role="editor").headers)
    refused = editor.http.put("/api/judging/settings", json={"judgeRepeats": 1, "reviewSampleRate": 1})
    assert refused.status_code == 403 and refused.json()["error"]["code"] == "AUTHORIZATION_ERROR"
    assert editor.get("/api/judging/settings") == {"judgeRepeats": 1, "reviewSampleRate": 0.0}
    settings = api.http.put("/api/judging/settings", json={"judgeRepeats": 3, "reviewSampleRate": 1})
    assert settings.status_code == 200 and settings.json() == {"judgeRepeats": 3, "reviewSampleRate": 1.0}
    assert [q["sampled"] for q in api.get("/api/reviews?sampled=true")["data"]] == [True]
    assert api.get("/api/audit?action=judging.settings_changed")["data"][0]["details"]["after"]["reviewSampleRate"] == 1
    bad = api.http.put("/api/judging/settings", json={"judgeRepeats": 0, "reviewSampleRate": 2})
    assert bad.status_code == 422 and {d["field"] for d in bad.json()["error"]["details"]} == {
        "judgeRepeats", "reviewSampleRate"}  # fmt: skip

    # Reviewed sessions leave the queue.
    session_id = passing["cells"][0]["sessions"][0]["id"]
    api.post(f"/api/sessions/{session_id}/reviews", {"criteria": [{"index": 0, "status": "met"}]})
    assert api.get("/api/reviews")["data"] == []
    assert [q["sessionId"] for q in api.get("/api/reviews?reviewed=true")["data"]] == [session_id]


def test_the_sample_is_the_rate_of_sessions_and_stable():
    ids = [str(uuid.uuid4()) for _ in range(4000)]
    share = sum(in_sample(i, 0.25) for i in ids) / len(ids)
    assert 0.2 < share < 0.3
    assert sample_bound(0.25) == "40000000" and not in_sample(ids[0], 0) and all(in_sample(i, 1) for i in ids)
    assert [in_sample(i, 0.25) for i in ids[:50]] == [in_sample(i, 0.25) for i in ids[:50]]


GOOD = {
    "reference": "zendesk-99",
    "persona": {"name": "Dana", "traits": {"patience_level": "low"}},
    "objective": {"goal": "Find out when order A-10482 arrives.",
                  "successCriteria": ["The agent gives the delivery date of order A-10482"],
                  "checks": [{"type": "regex", "value": "arrives on \\w+day", "criterion": 0}]},
    "endReason": "goal_met",
    "transcript": [
        {"id": "t1", "senderType": "persona", "content": "When does order A-10482 arrive?"},
        {"id": "t2", "senderType": "agent", "content": "It arrives on Friday. It goes to Maria Lopez, "
                                                      "maria.lopez@example.org, 14 Oak Avenue.", "latencyMs": 900},
        {"id": "t3", "senderType": "persona", "content": "Thanks."},
    ],
}  # fmt: skip


def test_a_conversation_from_elsewhere_is_judged_as_a_session_is(api):
    judged = api.post("/api/judgements", GOOD)
    verdict = judged["verdict"]
    assert judged["reference"] == "zendesk-99" and verdict["judgeModel"] == "mimic/offline"
    criterion = verdict["criteria"][0]
    assert (criterion["status"], criterion["source"], criterion["evidenceMessageIds"]) == ("met", "check", ["t2"])
    assert {c["key"] for c in verdict["checks"]} >= {"objective:0", "personal_data"}
    leak = [f for f in judged["findings"] if f["type"] == "data-disclosure"]
    assert leak and leak[0]["severity"] == "critical" and leak[0]["evidence"]["messageIds"] == ["t2"]
    assert (verdict["outcome"], verdict["blame"]) == ("failed", "agent")  # the leak fails it
    assert verdict["endReasonText"].startswith("Ended by the persona")
    kept = api.get(f"/api/judgements/{judged['id']}")
    assert kept["verdict"] == verdict and kept["findings"] == judged["findings"]
    assert kept["conversation"] == judged["conversation"]  # what was judged, kept with it
    assert [m["id"] for m in kept["conversation"]["transcript"]] == ["t1", "t2", "t3"]
    assert kept["conversation"]["objective"]["goal"] == GOOD["objective"]["goal"]
    listed = api.get("/api/judgements?reference=zendesk-99")
    assert listed["pagination"]["total"] == 1 and "conversation" not in listed["data"][0]

    # Without ids, the messages are m1, m2, ... in order, as the evidence cites them.
    bare = json.loads(json.dumps(GOOD))
    for message in bare["transcript"]:
        message.pop("id")
    unnamed = api.post("/api/judgements", bare)
    assert [m["id"] for m in unnamed["conversation"]["transcript"]] == ["m1", "m2", "m3"]
    assert unnamed["verdict"]["criteria"][0]["evidenceMessageIds"] == ["m2"]


@pytest.mark.parametrize(
    ("change", "field", "words"),
    [
        (
            lambda c: c.update(transcript=[m for m in c["transcript"] if m["senderType"] == "persona"]),
            "transcript",
            "no agent message",
        ),
        (lambda c: c["transcript"][1].update(senderType="bot"), "transcript[1].senderType", "persona"),
        (lambda c: c["objective"].pop("successCriteria"), "objective.successCriteria", "required"),
        (lambda c: c["objective"].update(successCriteria=[]), "objective.successCriteria", "at least 1"),
        (lambda c: c.update(transcript=[]), "transcript", "at least 1"),
        (lambda c: c.update(repeats=3, temperature=0), "temperature", "above 0"),
        (lambda c: c["transcript"][2].update(id="t2"), "transcript", "unique"),
        (lambda c: c["objective"]["checks"][0].update(criterion=4), "objective.checks", "names criterion 4"),
    ],
)
def test_a_bad_conversation_is_refused_and_nothing_is_stored(api, change, field, words):
    body = json.loads(json.dumps(GOOD))
    change(body)
    answer = api.http.post("/api/judgements", json=body)
    assert answer.status_code == 422, answer.text
    error = answer.json()["error"]
    assert error["code"] == "VALIDATION_ERROR" and set(error) == {"code", "message", "details"}
    assert any(d["field"] == field and words in d["message"] for d in error["details"]), error
    assert api.get("/api/judgements")["pagination"]["total"] == 0
    assert api.get("/api/audit?action=conversation.judged")["data"] == []
