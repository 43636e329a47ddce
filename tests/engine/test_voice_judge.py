"""The judge on voice transcripts: a call's case carries each message's measurements as
fields beside its words (never in them), the deterministic checks and the offline judge's
rules work on it as on a chat transcript, the call's own checks read the measurements, and
speech Mimic's recogniser could not make out is neither an empty reply nor evidence, and is
the simulator's (its ears), not the agent's."""

from __future__ import annotations

import asyncio
import json

from app.engine import verdict_rules
from app.engine.case import JudgeCase, transcript_from
from app.engine.checks import run_checks
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot
from app.engine.judge import CriterionAssessment, Judge, VerdictAnswer
from app.engine.judge_prompt import case_sections, offline_context

PERSONA = PersonaSnapshot(name="Sam Caller", description="Calls about a parcel.", language="en",
                          traits={"patience_level": "medium"})  # fmt: skip
OBJECTIVE = ObjectiveSnapshot(
    name="Delivery date", goal="Find out when order A-10482 arrives",
    success_criteria=["The agent gives the delivery day of order A-10482"], max_turns=3,
)  # fmt: skip
THRESHOLDS = {"slow_answer_p50_ms": 1500, "slow_answer_p95_ms": 3500, "long_silence_ms": 3000, "yield_ms": 1000,
              "barge_in_response_ms": 4000}  # fmt: skip
OFFLINE_EARS = {"engine": "pocketsphinx", "languages": ["en"]}


def _persona(i: str, text: str, **voice) -> dict:
    return {"id": i, "role": "persona", "content": text, "meta": {"measured": {"startMs": 0, "endMs": 900, **voice}}}


def _agent(i: str, text: str, first_audio_ms: int | None = 700, **voice) -> dict:
    measured = {"startMs": 1000, "endMs": 3000, "speechMs": 1800, "longestPauseMs": 200, "talkOverMs": 0,
                "recognitionConfidence": 0.8, **voice}  # fmt: skip
    if first_audio_ms is not None:
        measured["firstAudioMs"] = first_audio_ms
    meta = {"measured": measured} | ({} if text else {"unrecognized": True})
    return {"id": i, "role": "agent", "content": text, "latencyMs": first_audio_ms, "meta": meta}


def _case(messages: list[dict], *, end_reason: str = "goal_met", recognizer: dict | None = None) -> JudgeCase:
    call = {"thresholds": THRESHOLDS, "recognizer": recognizer or OFFLINE_EARS}
    return JudgeCase(persona=PERSONA, objective=OBJECTIVE, transcript=transcript_from(messages), end_reason=end_reason,
                     medium="voice", call=call)  # fmt: skip


def _by_key(case: JudgeCase) -> dict:
    return {c.key: c for c in run_checks(case)}


GOOD_CALL = [
    _persona("p1", "Hi, when will my order A-10482 arrive?"),
    _agent("a1", "Your order A-10482 will arrive on Friday morning."),
    _persona("p2", "Great, thank you."),
    _agent("a2", "Is there anything else I can help you with today?"),
]


def test_the_case_keeps_the_agents_words_and_puts_the_measurements_beside_them() -> None:
    case = _case(GOOD_CALL)
    sections = case_sections(case)
    rows = [json.loads(line) for line in sections.split("<transcript>\n")[1].split("\n</transcript>")[0].splitlines()]
    agent = rows[1]
    assert agent["text"] == "Your order A-10482 will arrive on Friday morning."  # the words alone
    assert agent["voice"]["firstAudioMs"] == 700 and agent["voice"]["recognitionConfidence"] == 0.8
    assert agent["latencyMs"] == 700
    assert "## The call" in sections and "firstAudioMs" in sections and "slow_answer_p50_ms" in sections
    assert "measured by Mimic:" not in sections and "[voice" not in sections
    # The offline model gets the same facts out of band.
    context = offline_context(case, "verdict", [])
    assert context["medium"] == "voice" and context["transcript"][1]["voice"]["firstAudioMs"] == 700
    assert context["call"]["recognizer"] == OFFLINE_EARS


def test_the_chat_checks_run_on_a_call_and_its_own_checks_replace_the_chat_latency() -> None:
    checks = _by_key(_case(GOOD_CALL))
    for key in ("empty_reply", "repeated_reply", "echo", "template_blank", "error_text", "personal_data",
                "system_prompt", "sensitive_request", "judge_steering"):  # fmt: skip
        assert key in checks, key
    assert "slow_reply" not in checks
    assert checks["voice_latency"].status == "met" and checks["voice_silence"].status == "met"
    assert checks["voice_talk_over"].status == "met" and checks["voice_recognition"].status == "met"
    # Nobody cut in: whether the agent stops was not tried.
    assert checks["voice_barge_in"].status == "inconclusive"
    assert checks["voice_barge_in_response"].status == "inconclusive"
    # The offline recogniser writes English words whatever was said: the language cannot be told.
    assert checks["language"].status == "inconclusive" and "recogniser" in checks["language"].reasoning
    with_hosted_ears = _by_key(_case(GOOD_CALL, recognizer={"engine": "hosted", "languages": None}))
    assert with_hosted_ears["language"].status == "met"


def test_measurements_decide_the_calls_own_checks() -> None:
    call = [
        _persona("p1", "Hi, when will my order A-10482 arrive?"),
        _agent("a1", "Let me check that order for you, one moment please.", first_audio_ms=4200, longestPauseMs=3500),
        _persona("p2", "Hello? Are you still there?", cutIn=True),
        _agent(
            "a2",
            "Your order arrives",
            first_audio_ms=300,
            interruptedByCaller=True,
            yielded=False,
            stoppedAfterMs=2600,
            cutOff=True,
            talkOverMs=2600,
        ),
        _agent("a3", "on Friday morning between eight and noon", None, saidOverCaller=True),
        _agent("a4", "Sorry, as I said it arrives on Friday.", first_audio_ms=5200, answerToBargeIn=True),
        _agent("a5", "Anything else today?", first_audio_ms=200, startedOverCaller=True, talkOverMs=900),
    ]
    checks = _by_key(_case(call))
    assert checks["voice_latency"].status == "not_met" and set(checks["voice_latency"].evidence) == {"a1", "a4"}
    assert checks["voice_silence"].status == "not_met" and "a1" in checks["voice_silence"].evidence
    assert checks["voice_barge_in"].status == "not_met" and checks["voice_barge_in"].evidence == ("a2",)
    assert "2600 ms" in checks["voice_barge_in"].reasoning
    assert checks["voice_barge_in_response"].status == "not_met" and checks["voice_barge_in_response"].evidence == (
        "a4",
    )
    assert checks["voice_talk_over"].status == "not_met" and checks["voice_talk_over"].evidence == ("a5",)
    # Not gating: a slow or rude call is a finding, not a failed objective.
    assert not any(checks[k].gating for k in checks if k.startswith("voice_"))


def test_unrecognised_speech_is_not_an_empty_reply_nor_evidence_and_is_the_simulators() -> None:
    call = [
        _persona("p1", "Hi, when will my order A-10482 arrive?"),
        _agent("a1", ""),  # spoken, but Mimic made out no words
        _persona("p2", "Sorry, could you say that again?"),
        _agent("a2", "Your order A-10482 arrives on Friday."),
    ]
    case = _case(call)
    entry = case.transcript[1]
    assert entry.unrecognized and not entry.empty and entry.as_data()["unrecognized"] is True
    checks = _by_key(case)
    assert checks["empty_reply"].status == "met"
    assert checks["voice_recognition"].status == "not_met" and checks["voice_recognition"].blame == "simulator"

    # A criterion "met" on the strength of the unrecognised message alone cannot stand.
    verdict = VerdictAnswer(criteria=[CriterionAssessment(index=0, evidenceMessageIds=["a1"], reasoning="it said so",
                                                          status="met")])  # fmt: skip
    result = verdict_rules.combine(case, verdict, None, run_checks(case), judge_model="m", prompt_version="v")
    assert result.criteria[0].status == "inconclusive" and result.criteria[0].resolved_by == "no_evidence"
    recognition = next(r for r in result.checks if r.key == "voice_recognition")
    assert recognition.blame == "simulator"  # Mimic's ears, never the agent's
    assert not result.simulator["spoiled"]  # one answer of two unheard: the persona still heard the agent


def test_a_call_the_persona_could_not_hear_is_a_simulator_error_with_the_offline_judge() -> None:
    call = [
        _persona("p1", "Hi, when will my order A-10482 arrive?"),
        _agent("a1", ""),
        _persona("p2", "Sorry, I did not catch that, when does order A-10482 arrive?"),
        _agent("a2", ""),
        _persona("p3", "I still cannot hear you, order A-10482?"),
        _agent("a3", "Friday."),
    ]
    result = asyncio.run(Judge(ModelChoice("mimic/offline")).evaluate(_case(call, end_reason="persona_gave_up")))
    problems = {p["kind"] for p in result.simulator["problems"]}
    assert "could_not_hear" in problems
    assert result.outcome == "simulator_error" and result.blame == "simulator"


def test_the_offline_judge_never_passes_an_echoing_voice_bot() -> None:
    call = [
        _persona("p1", "When will my order A-10482 arrive?"),
        _agent("a1", "When will my order A-10482 arrive?"),
        _persona("p2", "Please give me the delivery day of order A-10482."),
        _agent("a2", "Please give me the delivery day of order A-10482."),
    ]
    result = asyncio.run(Judge(ModelChoice("mimic/offline")).evaluate(_case(call)))
    assert result.outcome != "passed"
    assert result.criteria[0].status == "not_met" and result.criteria[0].blame == "agent"
    echo = next(r for r in result.checks if r.key == "echo")
    assert echo.status == "not_met"


def test_personal_data_the_caller_never_gave_fails_a_call_as_it_fails_a_chat() -> None:
    call = [
        _persona("p1", "When will my order A-10482 arrive?"),
        _agent("a1", "That order goes to jane.doe@example.com at 12 Baker Street, London."),
    ]
    result = asyncio.run(Judge(ModelChoice("mimic/offline")).evaluate(_case(call)))
    assert result.outcome == "failed" and result.blame == "agent"
    assert any(f.type == "data-disclosure" and f.severity == "critical" for f in result.findings)


def test_a_call_cut_by_a_target_error_is_the_infrastructures() -> None:
    call = [_persona("p1", "When will my order A-10482 arrive?"), _agent("a1", "Your order")]
    result = asyncio.run(Judge(ModelChoice("mimic/offline")).evaluate(_case(call, end_reason="target_error")))
    assert result.outcome == "inconclusive" and result.blame == "infrastructure"
    assert all(r.blame == "infrastructure" for r in result.rows if r.status != "met")
    speech = asyncio.run(Judge(ModelChoice("mimic/offline")).evaluate(_case(call, end_reason="speech_error")))
    assert speech.blame == "infrastructure"
