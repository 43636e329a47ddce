"""Webhook deliveries outlive a crash: a real app process is killed (SIGKILL: nothing gets to
clean up) with one delivery waiting for its retry and another in flight, and started again on
the same database; both arrive, each under its own delivery id, correctly signed."""

from __future__ import annotations

import signal
import time

import httpx
import pytest

from tests.support.sessions import Api, sign_up
from tests.support.webhooks import Receiver, verify

pytestmark = pytest.mark.e2e

SECRET = "whsec_recovery_0123456789abcdef"
LOOPBACK = {"MIMIC_OUTBOUND_ALLOW": "loopback"}  # the receivers listen on 127.0.0.1
# A claim shorter than the default minute, still longer than an attempt may take.
CLAIM_S = 15
TIMINGS = {"MIMIC_WEBHOOK_CLAIM_SECONDS": str(CLAIM_S), "MIMIC_WEBHOOK_TIMEOUT_SECONDS": "10"}


def delivery(api: Api, hook_id: str) -> dict:
    [only] = api.get(f"/api/webhooks/{hook_id}/deliveries")["data"]
    return only


def wait_delivery(api: Api, hook_id: str, predicate, timeout: float) -> dict:
    deadline = time.monotonic() + timeout
    while not predicate(found := delivery(api, hook_id)):
        assert time.monotonic() < deadline, found
        time.sleep(0.05)
    return found


def test_deliveries_go_on_after_the_app_is_killed(restartable_app) -> None:
    # One endpoint answers the first attempt with 500 (a retry is scheduled); the other keeps
    # the first attempt waiting, so that it is in flight when the app dies.
    with Receiver(fail_first=True) as failing, Receiver(hold_first=True) as holding:
        first = restartable_app(**LOOPBACK, **TIMINGS)
        try:
            headers = sign_up(first.base_url, "hooks@example.com")
            api = Api(first.base_url, headers)
            hooks = {
                name: api.post("/api/webhooks", {"url": receiver.url, "secret": SECRET,
                                                 "events": ["session.completed"]})["id"]
                for name, receiver in (("failing", failing), ("holding", holding))
            }  # fmt: skip
            agent_id = api.get("/api/agents")["data"][0]["id"]  # the workspace's hosted demo agent
            session_id = api.wait(api.start(agent_id, *api.library(), config={"seed": 1}))["id"]
            failing.wait_for(lambda: len(failing.requests) == 1)
            holding.wait_for(lambda: len(holding.requests) == 1)
            # The 500 is on record with the time of the retry; the held attempt is claimed
            # (pending, no attempt recorded yet). The app's own timeout is 10 s: die before it.
            retry = wait_delivery(api, hooks["failing"], lambda d: d["attempts"] == 1, timeout=5)
            in_flight = delivery(api, hooks["holding"])
            assert len(holding.requests) == 1
        finally:
            first.stop(signal.SIGKILL)
        holding.release()
        assert (retry["status"], retry["responseStatus"], retry["error"]) == ("pending", 500, "HTTP 500")
        assert retry["nextAttemptAt"] is not None
        assert (in_flight["status"], in_flight["attempts"]) == ("pending", 0)

        second = restartable_app(**LOOPBACK, **TIMINGS)
        api = Api(second.base_url, headers)
        # The retry is sent as soon as it is due; the attempt that was in flight when the app
        # died is sent again once its claim runs out (CLAIM_S), neither lost nor doubled.
        failing.wait_for(lambda: len(failing.requests) == 2, timeout=60)
        holding.wait_for(lambda: len(holding.requests) == 2, timeout=CLAIM_S + 60)
        done = {name: wait_delivery(api, hook_id, lambda d: d["status"] != "pending", timeout=15)
                for name, hook_id in hooks.items()}  # fmt: skip
        time.sleep(1)  # nothing more should arrive

    assert (len(failing.requests), len(holding.requests)) == (2, 2)
    for name, receiver in (("failing", failing), ("holding", holding)):
        ids = {r["headers"]["x-mimic-delivery"] for r in receiver.requests}
        assert ids == {done[name]["id"]}, name  # one delivery, the same id on every attempt
        for request in receiver.requests:
            assert verify(SECRET, request["body"], request["headers"]), name
            payload = httpx.Response(200, content=request["body"]).json()
            assert payload["id"] == done[name]["id"] and payload["event"] == "session.completed"
            assert payload["data"]["session"]["id"] == session_id
    # The delivery log: delivered, with the attempts that got an answer (the one cut short by
    # the crash never did, so the held delivery shows one).
    assert (done["failing"]["status"], done["failing"]["attempts"], done["failing"]["responseStatus"]) == (
        "success", 2, 200)  # fmt: skip
    assert (done["holding"]["status"], done["holding"]["attempts"], done["holding"]["responseStatus"]) == (
        "success", 1, 200)  # fmt: skip
    assert done["failing"]["deliveredAt"] and done["failing"]["nextAttemptAt"] is None and not done["failing"]["error"]
    held, resent = holding.requests
    assert resent["at"] - held["at"] >= CLAIM_S - 1  # not before the claim ran out
