"""Webhooks over the real API: signed deliveries received by a server on 127.0.0.1 and
checked with the verifier README.md documents; a retry after a 500; a stale timestamp
rejected; the delivery log; CRUD with masked secrets; carrying on after a restart."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest

from app.models.base import new_id, utcnow
from app.models.webhook import WebhookDelivery
from app.services import webhooks
from tests.support.loopback import LoopbackServer
from tests.support.suites import SuiteApi, topic_bot
from tests.support.webhooks import Receiver, verify

SECRET = "whsec_test_0123456789abcdef"


@pytest.fixture
def api(live_api, make_account) -> SuiteApi:
    return SuiteApi(live_api.url, make_account().headers)


@pytest.fixture
def fast_retries(monkeypatch):
    monkeypatch.setattr(webhooks.dispatcher, "retry_base_seconds", 0.2)
    monkeypatch.setattr(webhooks.dispatcher, "retry_factor", 2.0)


def test_crud_masks_the_secret_and_checks_the_input(api: SuiteApi) -> None:
    events = api.get("/api/webhooks/events")
    assert {"session.started", "session.completed", "session.failed", "run.completed", "finding.created"} <= set(
        events["events"]
    )
    assert all(events["descriptions"][name] for name in events["events"])

    made = api.post("/api/webhooks", {"url": "https://ci.example.com/hook", "events": ["run.completed"],
                                      "secret": SECRET})  # fmt: skip
    assert made["secret"] == "••••••••cdef" and made["secretShownOnce"] is False
    generated = api.post("/api/webhooks", {"url": "https://ci.example.com/other", "events": ["*"]})
    assert generated["secretShownOnce"] is True and generated["secret"].startswith("whsec_")
    assert api.get(f"/api/webhooks/{generated['id']}")["secret"].startswith("••••••••")

    # Sending the mask back keeps the stored secret; a new one replaces it.
    kept = api.http.put(f"/api/webhooks/{made['id']}", json={**made, "events": ["run.completed", "session.failed"]})
    assert kept.status_code == 200 and kept.json()["secret"] == "••••••••cdef"
    assert kept.json()["events"] == ["run.completed", "session.failed"]
    changed = api.http.patch(f"/api/webhooks/{made['id']}", json={"secret": "another-secret-9876", "active": False})
    assert changed.json()["secret"] == "••••••••9876" and changed.json()["active"] is False
    assert api.get("/api/webhooks")["pagination"]["total"] == 2

    for body, field in (
        ({"url": "ftp://example.com", "events": ["run.completed"]}, "url"),
        ({"url": "https://example.com", "events": ["run.exploded"]}, "events[0]"),  # that very item
        ({"url": "https://example.com", "events": []}, "events"),
        ({"url": "https://example.com", "events": ["*"], "secret": "short"}, "secret"),
    ):
        answer = api.http.post("/api/webhooks", json=body)
        assert answer.status_code == 422 and answer.json()["error"]["details"][0]["field"] == field, body
    assert api.http.delete(f"/api/webhooks/{made['id']}").status_code == 204
    assert api.http.get(f"/api/webhooks/{made['id']}").status_code == 404


def test_a_run_sends_signed_deliveries_that_the_documented_verifier_accepts(api: SuiteApi, live_api) -> None:
    state: dict = {"broken": {"order": "unhelpful"}}
    with Receiver() as receiver, LoopbackServer(topic_bot(state)) as bot:
        hook = api.post("/api/webhooks", {"url": receiver.url, "secret": SECRET, "events": [
            "session.started", "session.completed", "session.failed", "run.started", "run.completed"]})  # fmt: skip
        personas, objectives = api.library()
        agent = api.agent("http", {"url": f"{bot.url}/chat", "replyPath": "data.reply", "timeoutSeconds": 5})
        suite = api.post("/api/suites", {"name": "Hooked", "agentId": agent, "personaIds": personas[:1],
                                         "objectiveIds": objectives, "config": {"seed": 3}})  # fmt: skip
        run = api.wait_run(api.post(f"/api/suites/{suite['id']}/run")["id"])
        receiver.wait_for(lambda: "run.completed" in receiver.events() and len(receiver.events()) >= 6)
        time.sleep(0.3)  # nothing else should arrive

    events = receiver.events()
    assert sorted(events) == sorted(["run.started", "session.started", "session.started", "session.completed",
                                     "session.completed", "session.failed", "run.completed"])  # fmt: skip
    assert events[0] == "run.started" and events[-1] == "run.completed"
    for request in receiver.requests:
        headers, body = request["headers"], request["body"]
        assert verify(SECRET, body, headers), headers
        assert not verify("another-secret", body, headers)
        assert not verify(SECRET, body.replace(b'"', b"'", 1), headers)  # tampered
        payload = httpx.Response(200, content=body).json()
        assert payload["id"] == headers["x-mimic-delivery"] and payload["event"] == headers["x-mimic-event"]
        assert headers["user-agent"].startswith("Mimic-Webhooks/")

    payloads = {r["headers"]["x-mimic-event"]: httpx.Response(200, content=r["body"]).json() for r in receiver.requests}
    assert payloads["session.failed"]["data"]["session"]["outcome"] == "failed"
    assert payloads["session.failed"]["data"]["session"]["runId"] == run["id"]
    # The verdict travels with the end: whose the failure is, the criteria with their evidence, the judge.
    failed = payloads["session.failed"]["data"]
    assert failed["session"]["blame"] == "agent" and failed["verdict"]["outcome"] == "failed"
    assert failed["verdict"]["judgeModel"] == "mimic/offline" and failed["verdict"]["promptVersion"]
    [criterion] = failed["verdict"]["criteria"]
    assert (criterion["status"], criterion["blame"], criterion["source"]) == ("not_met", "agent", "check")
    assert isinstance(failed["findings"], list)
    completed = payloads["run.completed"]["data"]["run"]
    assert completed["id"] == run["id"] and completed["status"] == "completed"
    assert completed["overall"]["passRate"] == 0.5 and completed["overall"]["ci"]["method"] == "wilson"

    # The delivery log shows each one delivered at the first attempt.
    log = api.get(f"/api/webhooks/{hook['id']}/deliveries?limit=100")
    assert log["pagination"]["total"] == 7
    assert all(d["status"] == "success" and d["attempts"] == 1 and d["responseStatus"] == 200 for d in log["data"])


def test_a_failed_delivery_is_retried_with_backoff(api: SuiteApi, fast_retries) -> None:
    with Receiver(fail_first=True) as receiver:
        hook = api.post("/api/webhooks", {"url": receiver.url, "secret": SECRET, "events": ["session.completed"]})
        persona_id, objective_id = api.post("/api/personas", {"name": "P"})["id"], api.post(
            "/api/objectives", {"name": "O", "definition": {"goal": "Say hello"}, "config": {"maxTurns": 2}}
        )["id"]  # fmt: skip
        agent_id = api.get("/api/agents")["data"][0]["id"]  # the workspace's hosted demo agent
        api.wait(api.start(agent_id, persona_id, objective_id, config={"seed": 1}))
        receiver.wait_for(lambda: len(receiver.requests) >= 2)

    first, second = receiver.requests[:2]
    assert first["headers"]["x-mimic-delivery"] == second["headers"]["x-mimic-delivery"]
    assert verify(SECRET, first["body"], first["headers"]) and verify(SECRET, second["body"], second["headers"])
    assert second["at"] - first["at"] >= 0.15  # it waited before trying again
    [delivery] = api.get(f"/api/webhooks/{hook['id']}/deliveries")["data"]
    assert (delivery["status"], delivery["attempts"], delivery["responseStatus"]) == ("success", 2, 200)
    assert delivery["deliveredAt"] and delivery["nextAttemptAt"] is None


def test_a_delivery_that_keeps_failing_gives_up_after_the_last_attempt(api: SuiteApi, fast_retries, monkeypatch):
    monkeypatch.setattr(webhooks.dispatcher, "max_attempts", 3)
    with Receiver(status=503) as receiver:
        hook = api.post("/api/webhooks", {"url": receiver.url, "secret": SECRET, "events": ["session.started"]})
        agent_id = api.get("/api/agents")["data"][0]["id"]
        persona_id = api.post("/api/personas", {"name": "P"})["id"]
        objective_id = api.post("/api/objectives", {"name": "O", "definition": {"goal": "Say hello"}})["id"]
        api.wait(api.start(agent_id, persona_id, objective_id, config={"seed": 1}))
        receiver.wait_for(lambda: len(receiver.requests) >= 3)
        deadline = time.monotonic() + 10
        while api.get(f"/api/webhooks/{hook['id']}/deliveries")["data"][0]["status"] == "pending":
            assert time.monotonic() < deadline
            time.sleep(0.05)
    [delivery] = api.get(f"/api/webhooks/{hook['id']}/deliveries?status=failed")["data"]
    assert (delivery["attempts"], delivery["responseStatus"], delivery["error"]) == (3, 503, "HTTP 503")
    assert delivery["nextAttemptAt"] is None and len(receiver.requests) == 3


def test_a_stale_or_replayed_delivery_is_rejected_by_the_verifier(api: SuiteApi) -> None:
    with Receiver() as receiver:
        hook = api.post("/api/webhooks", {"url": receiver.url, "secret": SECRET, "events": ["run.completed"]})
        tested = api.post(f"/api/webhooks/{hook['id']}/test")
    assert tested["status"] == "success" and tested["event"] == "webhook.test" and tested["attempts"] == 1
    [request] = receiver.requests
    headers, body = request["headers"], request["body"]
    signed_at = int(headers["x-mimic-timestamp"])
    assert abs(signed_at - time.time()) < 5
    assert verify(SECRET, body, headers)
    # The same request, replayed six minutes later, is refused: the signature covers the timestamp.
    assert not verify(SECRET, body, headers, now=signed_at + 360)
    assert verify(SECRET, body, headers, now=signed_at + 299)
    # Moving the timestamp forward breaks the signature.
    forged = httpx.Headers({**headers, "x-mimic-timestamp": str(int(time.time()))})
    assert not verify(SECRET, body, forged, now=signed_at + 360)


def test_a_test_delivery_to_an_unreachable_url_fails_once(api: SuiteApi) -> None:
    hook = api.post("/api/webhooks", {"url": "http://127.0.0.1:9/hook", "secret": SECRET, "events": ["*"]})
    tested = api.post(f"/api/webhooks/{hook['id']}/test")
    assert tested["status"] == "failed" and tested["attempts"] == 1 and tested["nextAttemptAt"] is None
    assert tested["error"] and tested["responseStatus"] is None


def test_deliveries_left_pending_are_sent_after_a_restart(api: SuiteApi, db) -> None:
    """A stopped backend leaves a delivery due; a new dispatcher (a new process) sends it."""
    with Receiver() as receiver:
        hook = api.post("/api/webhooks", {"url": receiver.url, "secret": SECRET, "events": ["run.completed"]})
        delivery_id = new_id()
        payload = {"id": delivery_id, "event": "run.completed", "data": {"run": {"id": "r"}}}
        db.add(WebhookDelivery(id=delivery_id, workspace_id=hook_workspace(api), webhook_id=hook["id"],
                               event="run.completed", payload=payload, status="pending", attempts=1,
                               next_attempt_at=utcnow()))  # fmt: skip
        db.commit()

        async def new_process() -> int:
            async with httpx.AsyncClient() as client:
                return await webhooks.WebhookDispatcher().deliver_due(client)

        assert asyncio.run(new_process()) >= 1
        receiver.wait_for(lambda: len(receiver.requests) == 1)
    assert verify(SECRET, receiver.requests[0]["body"], receiver.requests[0]["headers"])
    [delivery] = api.get(f"/api/webhooks/{hook['id']}/deliveries")["data"]
    assert (delivery["status"], delivery["attempts"]) == ("success", 2)


def hook_workspace(api: SuiteApi) -> str:
    return api.get("/api/auth/me")["workspace"]["id"]


def test_a_webhook_made_after_sessions_ran_hears_the_next_one_and_not_once_off(api: SuiteApi) -> None:
    """The dispatcher remembers which workspaces have webhooks (no query per event): a session
    before any webhook leaves that remembered, and a webhook made, switched off or on is known
    at once for the next session."""
    persona_id = api.post("/api/personas", {"name": "P"})["id"]
    objective_id = api.post("/api/objectives", {"name": "O", "definition": {"goal": "Say hello"},
                                                "config": {"maxTurns": 1}})["id"]  # fmt: skip
    agent_id = api.get("/api/agents")["data"][0]["id"]  # the workspace's hosted demo agent
    api.wait(api.start(agent_id, persona_id, objective_id, config={"seed": 1}))  # no webhook yet
    with Receiver() as receiver:
        hook = api.post("/api/webhooks", {"url": receiver.url, "secret": SECRET, "events": ["session.completed"]})
        second = api.wait(api.start(agent_id, persona_id, objective_id, config={"seed": 2}))
        receiver.wait_for(lambda: len(receiver.requests) >= 1)
        api.http.patch(f"/api/webhooks/{hook['id']}", json={"active": False}).raise_for_status()
        api.wait(api.start(agent_id, persona_id, objective_id, config={"seed": 3}))
        time.sleep(0.3)  # its end heard by the dispatcher (as it would be) before the webhook is on again
        api.http.patch(f"/api/webhooks/{hook['id']}", json={"active": True}).raise_for_status()
        fourth = api.wait(api.start(agent_id, persona_id, objective_id, config={"seed": 4}))
        receiver.wait_for(lambda: len(receiver.requests) >= 2)
        time.sleep(0.3)  # nothing else should arrive
    sent = [httpx.Response(200, content=r["body"]).json()["data"]["session"]["id"] for r in receiver.requests]
    assert sent == [second["id"], fourth["id"]]
