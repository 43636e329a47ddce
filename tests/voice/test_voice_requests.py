"""What real models receive on a voice call, recorded by an OpenAI-compatible server on
127.0.0.1: a whole call with a WAV bot of our own (the persona simulator and the judge on the
recording server) shows the judge the agent's words as heard, once, with Mimic's measurements
as fields beside them; the persona is told it is on a call; a cut-in is Mimic's stage
direction, never words put in the agent's mouth; the demo voice agent greets without a
made-up caller turn. No trace of the offline model's plumbing anywhere."""

from __future__ import annotations

import json

import pytest
from sqlmodel import select

from app.engine.bus import InMemoryBus
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot, SessionLimits, SessionPlan
from app.engine.simulator import CUT_IN, PersonaSimulator
from app.engine.targets import TargetSpec
from app.engine.targets.voice_hosted import GREETING_INSTRUCTION, HostedVoiceTransport
from app.engine.voice_runner import VoiceSessionRunner
from app.llm import Credentials
from app.models import Message
from app.models.library import AgentType
from app.services import agent_config
from app.services.voice import DatabaseVoiceStore
from app.voice.plan import VoicePlan
from tests.support.loopback import LoopbackServer
from tests.support.openai_stub import OpenAIStub, StubRequest, Text, ToolCall
from tests.support.voice_bots import wav_turn_bot

KEY = "sk-voice-recording-0123"
BOT_REPLIES = ["Your order arrives on Friday.", "Anything else?"]  # short: recognising is the slow part
PERSONA = PersonaSnapshot(
    name="Robin Vale", description="Calls about a late parcel.", language="en",
    traits={"patience_level": "low", "urgency": "high", "typo_rate": 0.2},
)  # fmt: skip
OBJECTIVE = ObjectiveSnapshot(
    name="Parcel by phone", goal="Find out when order A-10482 arrives", constraints=["Will not give a card number"],
    success_criteria=["The agent gives the delivery day of order A-10482"], max_turns=2,
)  # fmt: skip


def _script(request: StubRequest):
    tool = request.body["tool_choice"]["function"]["name"] if request.body.get("tool_choice") else None
    if tool == "persona_turn":
        said = sum(1 for m in request.body["messages"] if m["role"] == "assistant")
        message = "Hi, when does my order A-10482 arrive?" if said == 0 else "Thanks, that is all."
        return ToolCall({"message": message, "action": "continue" if said == 0 else "goal_met", "reasoning": "r"})
    if tool == "submit_findings":
        return ToolCall({"findings": []})
    return ToolCall({"criteria": [{"index": 0, "evidenceMessageIds": [], "reasoning": "r", "status": "inconclusive"}],
                     "simulator": {"verdict": "unsure"}, "summary": "s"})  # fmt: skip


def _rows(prompt: str) -> list[dict]:
    lines = prompt.split("<transcript>\n", 1)[1].split("\n</transcript>", 1)[0].splitlines()
    return [json.loads(line) for line in lines]


async def test_a_call_reaches_the_judge_as_words_and_measurements(db, stored_session) -> None:
    bot_state = {"delay_ms": 400, "replies": BOT_REPLIES}
    with OpenAIStub(script=_script, required_key=KEY) as stub, LoopbackServer(wav_turn_bot(bot_state)) as bot:
        model = ModelChoice("openai/gpt-4o-mini", credentials=Credentials(api_key=KEY, api_base=stub.base_url))
        config = agent_config.validate(AgentType.voice, {"transport": "http", "url": f"{bot.url}/turn",
                                                         "timeoutSeconds": 10})  # fmt: skip
        plan = SessionPlan(session_id=stored_session.id, workspace_id=stored_session.workspace_id, persona=PERSONA,
                           objective=OBJECTIVE, target=TargetSpec(stored_session.agent_id, "voice", config),
                           limits=SessionLimits(seed=4), simulator=model, judge=model)  # fmt: skip
        store = DatabaseVoiceStore(plan.session_id, plan.workspace_id)
        outcome = await VoiceSessionRunner(plan, store, InMemoryBus(), VoicePlan()).run()
        requests = stub.chat_requests
    assert outcome != "error"
    persona_calls = [r for r in requests if r.body["tool_choice"]["function"]["name"] == "persona_turn"]
    verdict_call = next(r for r in requests if r.body["tool_choice"]["function"]["name"] == "submit_verdict")
    db.expire_all()
    messages = db.exec(select(Message).where(Message.session_id == stored_session.id).order_by(Message.sequence)).all()
    assert [m.role for m in messages][:2] == ["persona", "agent"]

    # The persona is on a phone call, and traits about typing do not apply to speech.
    system = persona_calls[0].body["messages"][0]["content"]
    assert "phone call" in system and "say aloud" in system and "typo_rate" not in system
    assert persona_calls[0].body["messages"][-1]["content"] == "(The call has connected. Say your first words.)"

    for call in requests:
        raw = json.dumps(call.body)
        assert "mimic-context" not in raw and "mimic_context" not in raw and "metadata" not in call.body
        assert "measured by Mimic:" not in raw
    prompt = verdict_call.body["messages"][1]["content"]
    sent = _rows(prompt)
    # The transcript once: the agent's words exactly as heard and stored, nothing added to them.
    assert [(m["id"], m["text"]) for m in sent] == [(m.id, m.content) for m in messages]
    agent = next(m for m in sent if m["sender"] == "agent")
    stored = next(m for m in messages if m.role == "agent")
    assert agent["voice"]["firstAudioMs"] == stored.latency_ms == agent["latencyMs"]
    assert {"speechMs", "talkOverMs", "longestPauseMs", "startMs", "endMs"} <= set(agent["voice"])
    assert agent["voice"]["recognitionConfidence"] == stored.meta["confidence"]
    persona = next(m for m in sent if m["sender"] == "persona")
    assert "firstAudioMs" not in persona["voice"] and persona["voice"]["endMs"] > persona["voice"]["startMs"]
    assert "## The call" in prompt and "Mimic's thresholds for this call" in prompt
    assert "unrecognized" in verdict_call.body["messages"][0]["content"]  # the rule names the voice fields


async def test_a_cut_in_is_mimics_stage_direction_not_the_agents_words() -> None:
    with OpenAIStub(script=_script, required_key=KEY) as stub:
        model = ModelChoice("openai/gpt-4o-mini", credentials=Credentials(api_key=KEY, api_base=stub.base_url))
        simulator = PersonaSimulator(PERSONA, OBJECTIVE, model, seed=1, medium="voice")
        history = [{"role": "persona", "content": "When does order A-10482 arrive?"},
                   {"role": "agent", "content": "Let me look that up for you."}]  # fmt: skip
        await simulator.next_turn(history, cut_in=True)
        [call] = stub.chat_requests
    messages = call.body["messages"]
    # The agent's messages are only what it said; the cue is a system message of Mimic's own.
    assert [m["content"] for m in messages if m["role"] == "user"] == ["Let me look that up for you."]
    assert messages[-1] == {"role": "system", "content": CUT_IN}


@pytest.mark.parametrize("first_message", ["", "Acme Outfitters, Ava speaking. How can I help?"])
async def test_the_demo_voice_agent_greets_without_a_made_up_caller_turn(first_message: str) -> None:
    with OpenAIStub(script=[Text("Hello, Acme Outfitters, how can I help?")], required_key=KEY) as stub:
        config = {
            "transport": "hosted",
            "systemPrompt": "You are Ava, the phone assistant for Acme Outfitters.",
            "model": "openai/gpt-4o-mini",
            "greeting": True,
            "timeoutSeconds": 10,
            "firstMessage": first_message,
        }
        spec = TargetSpec("demo", "voice", config, Credentials(api_key=KEY, api_base=stub.base_url))
        transport = HostedVoiceTransport(spec)
        try:
            await transport.open("call-1")
            spoken = await transport.receive()
        finally:
            await transport.close()
        requests = stub.chat_requests
    assert spoken.kind == "audio" and len(spoken.samples) > 0
    if first_message:
        assert requests == []  # said as configured: no model call
        assert transport.history == [{"role": "assistant", "content": first_message}]
        return
    [greeting] = requests
    assert [m["role"] for m in greeting.body["messages"]] == ["system"]  # no words put in the caller's mouth
    assert GREETING_INSTRUCTION in greeting.body["messages"][0]["content"]
