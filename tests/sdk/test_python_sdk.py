"""The Python SDK (mimic_sdk) against the running API on 127.0.0.1: create, list with
pagination, subscribe until complete (blocking and async), the error shape as exceptions,
and retries after 429 that wait for X-RateLimit-Reset."""

from __future__ import annotations

import asyncio
import time

import httpx
import pytest
from mimic_sdk import JUDGED_OUTCOMES, AsyncMimicClient, MimicClient, NotFoundError, ValidationError

from app.services import rate_limit
from app.settings import settings
from tests.support.loopback import LoopbackServer
from tests.support.suites import OBJECTIVES, PERSONAS, topic_bot


@pytest.fixture
def sdk(live_api, make_account):
    account = make_account()
    with MimicClient(base_url=live_api.url, token=account.token) as client:
        yield client, account


@pytest.fixture(scope="module")
def bot():
    with LoopbackServer(topic_bot({})) as server:
        yield server.url


def _library(client: MimicClient, bot_url: str) -> tuple[str, str, str]:
    persona = client.personas.create(PERSONAS[1])
    objective = client.objectives.create(OBJECTIVES[0])
    agent = client.agents.create(name="SDK bot", type="http",
                                 config={"url": f"{bot_url}/chat", "replyPath": "data.reply"})  # fmt: skip
    return agent["id"], persona["id"], objective["id"]


def test_create_subscribe_until_complete_and_read_the_verdict(sdk, bot) -> None:
    client, _ = sdk
    agent_id, persona_id, objective_id = _library(client, bot)
    # The seed's call: keyword fields in snake_case, nested config as the API takes it.
    session = client.sessions.create(agent_id=agent_id, persona_id=persona_id, objective_id=objective_id,
                                     config={"max_messages": 8, "seed": 3}, auto_start=True)  # fmt: skip
    updates: list[dict] = []
    final = client.sessions.subscribe(session["id"], updates.append)
    assert updates[-1]["type"] == "complete" and updates[-1]["data"]["outcome"] == "passed"
    said = [u["data"]["content"] for u in updates if u["type"] == "message"]
    assert said == [m["content"] for m in final["messages"]] and said
    assert final["status"] == "completed" and final["verdict"]["criteria"][0]["status"] == "met"
    assert final["config"]["maxMessages"] == 8
    # The verdict as its own resource: rows cite the transcript's messages, the judgements name their judge.
    verdict = client.sessions.verdict(session["id"])
    [criterion] = verdict["criteria"]
    assert criterion["source"] == "check" and criterion["blame"] is None
    said_ids = {m["id"] for m in final["messages"]}
    assert criterion["evidenceMessageIds"] and set(criterion["evidenceMessageIds"]) <= said_ids
    assert any(row["key"] == "objective:0" for row in verdict["checks"]) and verdict["outcome"] in JUDGED_OUTCOMES
    [judgement] = client.sessions.judgements(session["id"])
    assert judgement["id"] == verdict["judgementId"] and judgement["judgeModel"] == verdict["judgeModel"]
    assert session["id"] in {s["id"] for s in client.sessions.iterate(outcome="passed")}
    assert session["id"] not in {s["id"] for s in client.sessions.iterate(outcome="inconclusive")}

    # The judging resources: judged again without a replay, reviewed by a person, who overrides it.
    again = client.sessions.rejudge(session["id"], judge_model="mimic/offline")
    assert again["status"] == "completed" and len(client.sessions.judgements(session["id"])) == 2
    assert session["id"] in {item["sessionId"] for item in client.reviews.iterate()}  # waiting for a review
    review = client.sessions.review(session["id"], criteria=[{"index": 0, "status": "not_met", "note": "No date."}])
    assert review["outcome"] == "failed" and review["disagreements"] == 1
    assert [r["id"] for r in client.sessions.reviews(session["id"])] == [review["id"]]
    assert client.judging_settings.update(judge_repeats=3)["judgeRepeats"] == 3
    assert client.judging_settings.get()["judgeRepeats"] == 3
    assert "flipRate" in str(client.analytics.judge())


def test_pagination_iterates_every_page(sdk) -> None:
    client, _ = sdk
    first = client.personas.list(page=1, limit=4)
    total = first["pagination"]["total"]
    assert total > 8 and len(first["data"]) == 4  # a new workspace's starter library
    everything = list(client.personas.iterate(limit=4))
    assert len(everything) == total and len({p["id"] for p in everything}) == total
    assert [p["id"] for p in everything[:4]] == [p["id"] for p in first["data"]]
    runs = list(client.runs.iterate(limit=2))  # the runs' limit/offset paging
    assert runs == []


def test_errors_are_exceptions_with_the_api_shape(sdk) -> None:
    client, _ = sdk
    with pytest.raises(NotFoundError) as missing:
        client.personas.get("no-such-persona")
    assert missing.value.status_code == 404 and missing.value.code == "RESOURCE_NOT_FOUND"
    with pytest.raises(ValidationError) as invalid:
        client.personas.create(name="   ", language="not a language")
    assert invalid.value.status_code == 422 and invalid.value.code == "VALIDATION_ERROR"
    assert {d.field for d in invalid.value.details} >= {"name", "language"}
    assert "VALIDATION_ERROR" in str(invalid.value)


def test_the_async_client_follows_a_session(live_api, make_account, bot) -> None:
    account = make_account()

    async def scenario() -> tuple[list[str], dict]:
        async with AsyncMimicClient(base_url=live_api.url, token=account.token) as client:
            persona = await client.personas.create(PERSONAS[0])
            objective = await client.objectives.create(OBJECTIVES[1])
            agent = await client.agents.create(name="Async bot", type="http",
                                               config={"url": f"{bot}/chat", "replyPath": "data.reply"})  # fmt: skip
            session = await client.sessions.create(agent_id=agent["id"], persona_id=persona["id"],
                                                   objective_id=objective["id"], auto_start=True)  # fmt: skip
            kinds = [update["type"] async for update in client.sessions.subscribe(session["id"])]
            return kinds, await client.sessions.get(session["id"])

    kinds, final = asyncio.run(scenario())
    assert kinds[-1] == "complete" and "message" in kinds
    assert final["outcome"] == "passed"


def test_a_429_is_retried_after_the_rate_limit_resets(sdk, live_api) -> None:
    client, account = sdk
    before = (settings.rate_limit_enabled, settings.rate_limit_default)
    settings.rate_limit_enabled, settings.rate_limit_default = True, "3/second"
    rate_limit.reset_all()
    try:
        started = time.monotonic()
        answers = [client.auth.me()["email"] for _ in range(7)]
        elapsed = time.monotonic() - started
        assert answers == [account.email] * 7
        assert elapsed >= 1.0  # it waited for a window to reset instead of failing
        for _ in range(4):  # without the SDK the same burst is refused
            raw = httpx.get(f"{live_api.url}/api/auth/me", headers=account.headers)
        assert raw.status_code == 429 and int(raw.headers["X-RateLimit-Reset"]) >= int(time.time())
    finally:
        settings.rate_limit_enabled, settings.rate_limit_default = before
        rate_limit.reset_all()
