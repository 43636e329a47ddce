"""The cache of LLM answers behind `mimic test --cache`: keys that ignore what differs from run
to run (ids, latencies) but not what shapes an answer (the offline model's out-of-band context
included), answers that come back with this run's ids, and the agent under test never cached.
Through the real litellm path with the offline model."""

from __future__ import annotations

import uuid
from pathlib import Path

import pytest

from app.llm import OFFLINE_MODEL, PERSONA_TOOL, LLMRole, complete, use_cache
from app.llm.cache import CachedAnswer, ResponseCache, active
from tests.llm.test_offline_persona import OBJECTIVES, PERSONAS, PersonaTurn, _messages, persona_system


def _request(message_id: str, latency: int, context: dict | None = None) -> dict:
    transcript = f'{{"id": "{message_id}", "sender": "agent", "text": "Hello", "latencyMs": {latency}}}'
    return {"model": OFFLINE_MODEL, "messages": [{"role": "user", "content": transcript}],
            "offline_context": context}  # fmt: skip


def test_keys_leave_out_ids_and_latencies_but_not_the_offline_context() -> None:
    first, second = str(uuid.uuid4()), str(uuid.uuid4())
    key, ids = ResponseCache.key(_request(first, 120, {"transcript": [{"id": first, "latencyMs": 120}]}))
    again, _ = ResponseCache.key(_request(second, 4500, {"transcript": [{"id": second, "latencyMs": 4500}]}))
    assert key == again and ids == {first: "<id-1>"}
    # What the offline model decides from is part of its request: another context, another answer.
    checked = {"transcript": [{"id": second, "latencyMs": 4500}], "checks": [{"key": "objective:0", "status": "met"}]}
    other, _ = ResponseCache.key(_request(second, 4500, checked))
    assert other != key
    # A map of latencies (a slow-reply check's details) is left out too.
    slow, _ = ResponseCache.key(_request(first, 1, {"checks": [{"details": {"latencyMs": {first: 9000}}}]}))
    slower, _ = ResponseCache.key(_request(second, 2, {"checks": [{"details": {"latencyMs": {second: 12000}}}]}))
    assert slow == slower


def test_an_answer_comes_back_with_this_runs_ids(tmp_path: Path) -> None:
    cache = ResponseCache(tmp_path)
    before, now = str(uuid.uuid4()), str(uuid.uuid4())
    key, ids = cache.key(_request(before, 10))
    cache.put(key, cache.hide_ids(CachedAnswer("", {"evidence": [before]}, OFFLINE_MODEL, 3, 4), ids))
    assert before not in next(tmp_path.rglob("*.json")).read_text()  # stored with a placeholder
    key_now, ids_now = cache.key(_request(now, 99))
    stored = cache.get(key_now)
    assert stored is not None and cache.restore_ids(stored, ids_now).data == {"evidence": [now]}


async def test_complete_answers_a_repeated_request_from_the_cache(tmp_path: Path) -> None:
    context = persona_system(PERSONAS[next(iter(PERSONAS))], OBJECTIVES["check-order-status"])
    cache = use_cache(tmp_path)
    try:
        assert active(str(LLMRole.agent)) is None and active(str(LLMRole.persona)) is cache

        async def turn(offline_context: dict):
            return await complete(model=OFFLINE_MODEL, messages=_messages(context, []), role=LLMRole.persona,
                                  schema=PersonaTurn, tool_name=PERSONA_TOOL, seed=1,
                                  offline_context=offline_context)  # fmt: skip

        first = await turn(context)
        second = await turn(context)
        assert (cache.misses, cache.hits) == (1, 1)
        assert second.data == first.data and second.cost == 0.0
        await turn({**context, "maxTurns": 1})  # the same prompt, another out-of-band context: asked afresh
        assert (cache.misses, cache.hits) == (2, 1)
    finally:
        use_cache(None)


@pytest.fixture(autouse=True)
def _no_cache_left_on():
    yield
    assert active(str(LLMRole.persona)) is None
