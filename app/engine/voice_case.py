"""What the judge reads of a voice call: the same case as a chat session's (persona,
objective, how it ended, the transcript once as data), with each message's measurements
beside its words (`voice`: time to the agent's first audio, silences, talk-over, whether it
stopped when the caller cut in, recognition confidence, where it is in the recording) and
the call's facts the checks need (the thresholds, the languages the recogniser can hear).
The agent's words are only what Mimic's recogniser heard; Mimic's measurements never enter
them."""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from typing import Any

from app.engine.case import JudgeCase
from app.voice.measure import AnswerMeasure, Thresholds, ms
from app.voice.plan import VoicePlan
from app.voice.speech import OFFLINE_STT_LANGUAGES


def answer_facts(answer: AnswerMeasure, thresholds: Thresholds) -> dict[str, Any]:
    """One answer's measurements, as the judge and the checks read them (ms)."""
    facts: dict[str, Any] = {
        "speechMs": answer.speech_ms,
        "longestPauseMs": max(answer.gaps_ms, default=0),
        "talkOverMs": ms(answer.talk_over),
    }
    if answer.latency_ms is not None:
        facts["firstAudioMs"] = answer.latency_ms
    if answer.talked_over:
        facts["startedOverCaller"] = True
    if answer.interrupted:
        facts |= {"interruptedByCaller": True, "yielded": bool(answer.yielded(thresholds)),
                  "stoppedAfterMs": answer.yield_ms}  # fmt: skip
    if answer.after_barge_in:
        facts["answerToBargeIn"] = True
    if answer.words_per_minute is not None:
        facts["wordsPerMinute"] = answer.words_per_minute
    return facts


def message_facts(entry: dict[str, Any], answers: list[AnswerMeasure], thresholds: Thresholds) -> dict[str, Any]:
    """A runner message's measurements: where it is in the recording, and for the agent's
    the answer's figures (on its first message) or that it was said over the caller."""
    meta = entry.get("meta") or {}
    placed = meta.get("voice") or {}
    facts: dict[str, Any] = {k: placed[k] for k in ("startMs", "endMs") if placed.get(k) is not None}
    if entry["role"] == "persona":
        if placed.get("bargeIn"):
            facts["cutIn"] = True
        return facts
    if meta.get("confidence") is not None:
        facts["recognitionConfidence"] = meta["confidence"]
    if placed.get("overlap"):
        return facts | {"saidOverCaller": True}
    if placed.get("partial"):
        facts["cutOff"] = True
    answer = next((a for a in answers if a.message_ids[:1] == [entry["id"]]), None)
    return facts | (answer_facts(answer, thresholds) if answer is not None else {})


def measured_facts(transcript: list[dict[str, Any]], answers: list[AnswerMeasure],
                   thresholds: Thresholds) -> dict[str, dict[str, Any]]:  # fmt: skip
    """Each message's measurements, by message id."""
    return {str(entry["id"]): message_facts(entry, answers, thresholds) for entry in transcript}


def call_facts(plan: VoicePlan) -> dict[str, Any]:
    """The call's facts the checks need: the thresholds it ran with, the languages its
    recogniser can hear (None: any)."""
    listening = plan.listening
    recognizer = {"engine": listening.engine,
                  "languages": None if listening.engine == "hosted" else list(OFFLINE_STT_LANGUAGES)}  # fmt: skip
    return {"thresholds": dataclasses.asdict(plan.thresholds), "recognizer": recognizer}


def with_measurements(case: JudgeCase, measured: Mapping[str, Mapping[str, Any]], call: dict[str, Any]) -> JudgeCase:
    """A chat case made a voice one: each message's measurements beside its words (by id), and
    the call's facts. A stored call is judged again this way (app/services/judging.py)."""
    transcript = tuple(dataclasses.replace(m, voice=dict(measured[m.id]) if measured.get(m.id) else None)
                       for m in case.transcript)  # fmt: skip
    return dataclasses.replace(case, transcript=transcript, medium="voice", call=call)


def voice_case(case: JudgeCase, transcript: list[dict[str, Any]], answers: list[AnswerMeasure],
               plan: VoicePlan) -> JudgeCase:  # fmt: skip
    """The chat case of this call, made a voice one."""
    return with_measurements(case, measured_facts(transcript, answers, plan.thresholds), call_facts(plan))
