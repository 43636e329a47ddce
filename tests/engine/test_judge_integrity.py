"""The judge cannot be steered by the agent, sees the empty replies, and puts the blame
where it belongs. Real sessions (the runner, the engine's in-memory store) against agents on
127.0.0.1, judged by the offline model and by a model served over HTTP (an OpenAI-compatible
stub on 127.0.0.1, reached through litellm) that obeys whatever the transcript tells it."""

from __future__ import annotations

import json
import re
import uuid

import pytest

from app.engine.bus import InMemoryBus
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot, SessionLimits, SessionPlan
from app.engine.memory_store import MemorySessionStore
from app.engine.runner import SessionRunner
from app.engine.targets import TargetSpec
from app.llm import Credentials
from app.models.agent_config import HttpAgentConfig
from app.services import run_stats
from tests.support.bots import CRITERION_WORDS, FORGED_VERDICT, SYSTEM_ORDER, scripted_bot
from tests.support.loopback import LoopbackServer
from tests.support.openai_stub import OpenAIStub, StubRequest, ToolCall

KEY = "sk-judge-stub-0123456789"
OFFLINE = ModelChoice("mimic/offline")
CRITERIA = [
    "The agent gives the delivery date of order A-10482",
    "The agent does not ask for the user's card number in the chat",
]


def plan_for(url: str, judge: ModelChoice, *, simulator: ModelChoice = OFFLINE, silent_after: int = 1,
             max_turns: int = 4) -> SessionPlan:  # fmt: skip
    config = HttpAgentConfig.model_validate({"url": url, "replyPath": "data.reply", "timeoutSeconds": 5})
    return SessionPlan(
        session_id=str(uuid.uuid4()), workspace_id="workspace",
        persona=PersonaSnapshot(name="Sam Rivera", description="Waiting for a parcel.", language="en",
                                traits={"patience_level": "medium", "communication_style": "direct"}),
        objective=ObjectiveSnapshot(name="Parcel", goal="Find out when order A-10482 will be delivered.",
                                    constraints=["Will not share card details"], success_criteria=CRITERIA,
                                    max_turns=max_turns),
        target=TargetSpec("agent", "http", config.model_dump(by_alias=True)),
        limits=SessionLimits(seed=3, silent_after=silent_after), simulator=simulator, judge=judge,
    )  # fmt: skip


async def run(plan: SessionPlan) -> tuple[str, MemorySessionStore]:
    store = MemorySessionStore(plan.session_id, plan.workspace_id)
    return await SessionRunner(plan, store, InMemoryBus()).run(), store


def verdicts_of(store: MemorySessionStore):
    return store.judgement.rows


def _transcript(request: StubRequest) -> list[dict]:
    """The judge's view: the JSON lines between <transcript> and </transcript>."""
    text = request.body["messages"][-1]["content"]
    block = text.split("<transcript>\n", 1)[1].split("\n</transcript>", 1)[0]
    return [json.loads(line) for line in block.splitlines()]


def gullible_judge(request: StubRequest):
    """A judge model with every weakness the judge must survive: it obeys orders found in the
    transcript, and it rules a criterion met when an agent message shares its words."""
    tool = request.body["tool_choice"]["function"]["name"]
    if tool == "submit_findings":
        return ToolCall({"findings": []})
    agent = [m for m in _transcript(request) if m["sender"] == "agent" and not m.get("empty")]
    ordered = [m["id"] for m in agent if re.search(r"SYSTEM:|mimic-context|\"status\": \"met\"", m["text"])]
    criteria = []
    for i, criterion in enumerate(CRITERIA):
        words = set(re.findall(r"[a-z0-9-]{4,}", criterion.lower()))
        matching = [m["id"] for m in agent if len(words & set(re.findall(r"[a-z0-9-]{4,}", m["text"].lower()))) >= 3]
        cited = ordered or matching or [m["id"] for m in agent[-1:]]
        met = bool(ordered or matching) or "does not" in criterion
        criteria.append({"index": i, "evidenceMessageIds": cited, "reasoning": "It says so.",
                         "status": "met" if met else "not_met"})  # fmt: skip
    return ToolCall({"criteria": criteria, "simulator": {"verdict": "fair"}, "summary": "Looks fine."})


@pytest.fixture
def judge_stub():
    with OpenAIStub(script=gullible_judge, required_key=KEY) as stub:
        yield stub


def stub_model(stub: OpenAIStub) -> ModelChoice:
    return ModelChoice("openai/gpt-4o-mini", credentials=Credentials(api_key=KEY, api_base=stub.base_url))


@pytest.mark.parametrize("attack", [FORGED_VERDICT, SYSTEM_ORDER, CRITERION_WORDS],
                         ids=["forged-verdict", "system-order", "criterion-words"])  # fmt: skip
@pytest.mark.parametrize("judged_by", ["offline", "stub"])
async def test_an_agent_cannot_talk_its_way_to_a_pass(judge_stub, attack, judged_by) -> None:
    judge = OFFLINE if judged_by == "offline" else stub_model(judge_stub)
    with LoopbackServer(scripted_bot(lambda message, n: attack)) as bot:
        outcome, row = await run(plan_for(f"{bot.url}/chat", judge))
    messages, verdicts, findings = row.messages, verdicts_of(row), row.findings
    assert outcome != "passed" and row.outcome == "failed" and row.blame == "agent", (outcome, row.verdict_summary)
    steering = next(v for v in verdicts if v.key == "judge_steering")
    assert steering.status == "not_met" and steering.gating
    assert set(steering.evidence) == {m.id for m in messages if m.role == "agent"}
    [finding] = [f for f in findings if f["type"] == "judge-steering"]
    assert finding["severity"] == "critical" and finding["source"] == "check"
    date = next(v for v in verdicts if v.key == "criterion:0")
    assert date.status != "met"  # a met citing only words addressed to the judge cannot stand
    if judged_by == "stub":
        assert len(judge_stub.chat_requests) == 2


async def test_the_same_judge_passes_an_agent_that_answers(judge_stub) -> None:
    """The control: the gullible stub does pass an honest answer, so the refusals above are the rules' doing."""
    answer = "Order A-10482 has shipped; the delivery date of order A-10482 is Friday 27 November."
    with LoopbackServer(scripted_bot(lambda message, n: answer)) as bot:
        outcome, row = await run(plan_for(f"{bot.url}/chat", stub_model(judge_stub)))
    assert outcome == "passed" and row.blame is None, row.verdict_summary


@pytest.mark.parametrize("judged_by", ["offline", "stub"])
async def test_an_echo_bot_never_passes(judge_stub, judged_by) -> None:
    judge = OFFLINE if judged_by == "offline" else stub_model(judge_stub)
    with LoopbackServer(scripted_bot(lambda message, n: f"You said: {message}")) as bot:
        outcome, row = await run(plan_for(f"{bot.url}/chat", judge))
    messages, verdicts, findings = row.messages, verdicts_of(row), row.findings
    assert outcome == "failed" and row.blame == "agent", row.verdict_summary
    echo = next(v for v in verdicts if v.key == "echo")
    assert echo.status == "not_met" and echo.evidence == [m.id for m in messages if m.role == "agent"]
    date = next(v for v in verdicts if v.key == "criterion:0")
    assert date.status == "not_met" and date.blame == "agent"
    assert any(f["type"] == "echo" and f["source"] == "check" for f in findings)


@pytest.mark.parametrize("judged_by", ["offline", "stub"])
async def test_empty_replies_are_stored_flagged_and_never_pass(judge_stub, judged_by) -> None:
    judge = OFFLINE if judged_by == "offline" else stub_model(judge_stub)
    with LoopbackServer(scripted_bot(lambda message, n: " \n ")) as bot:
        outcome, row = await run(plan_for(f"{bot.url}/chat", judge, silent_after=2))
    messages, verdicts, findings = row.messages, verdicts_of(row), row.findings
    assert row.end_reason == "agent_silent" and outcome == "failed" and row.blame == "agent"
    replies = [m for m in messages if m.role == "agent"]
    assert len(replies) == 2 and all(m.meta == {"empty": True} and not m.content.strip() for m in replies)
    empty = next(v for v in verdicts if v.key == "empty_reply")
    assert empty.status == "not_met" and empty.evidence == [m.id for m in replies]
    assert any(f["type"] == "empty-reply" for f in findings)
    if judged_by == "stub":
        sent = _transcript(judge_stub.chat_requests[0])
        assert [m.get("empty", False) for m in sent if m["sender"] == "agent"] == [True, True]


def scripted_persona(request: StubRequest):
    """A persona that wanders off: it asks about something else and leaves after one reply."""
    said = [m for m in request.body["messages"] if m["role"] == "assistant"]
    if not said:
        return ToolCall({"message": "Do you sell garden gnomes in blue?", "action": "continue", "reasoning": "x"})
    return ToolCall({"message": "Never mind, bye.", "action": "give_up", "reasoning": "bored"})


async def test_a_persona_that_abandons_its_objective_is_a_simulator_error() -> None:
    answer = "We sell outdoor gear only, sorry. Anything about an order?"
    with (
        OpenAIStub(script=scripted_persona, required_key=KEY) as persona_stub,
        LoopbackServer(scripted_bot(lambda message, n: answer)) as bot,
    ):
        outcome, row = await run(plan_for(f"{bot.url}/chat", OFFLINE, simulator=stub_model(persona_stub)))
    verdicts = verdicts_of(row)
    assert row.end_reason == "persona_gave_up" and outcome == "simulator_error"
    assert (row.outcome, row.blame) == ("simulator_error", "simulator")
    [judgement] = row.judgements
    kinds = {p["kind"] for p in judgement.simulator["problems"]}
    assert judgement.simulator["spoiled"] and kinds == {"gave_up_early", "left_objective"}
    assert {v.blame for v in verdicts if v.kind == "criterion"} == {"simulator"}
    # Never counted against the agent: not in the pass rate's n, counted apart.
    counts = run_stats.count([(row.status, row.outcome)])
    assert (counts.n, counts.failed, counts.simulator_errors, counts.rate) == (0, 0, 1, None)
