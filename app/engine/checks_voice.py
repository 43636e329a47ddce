"""A voice call's own checks, read off the measurements each message carries (`voice`, set
by the voice runner from the recording): time to the agent's first audio (median and 95th
percentile), silences while the caller waits, talking over the caller, stopping when the
caller cuts in, answering a caller who cut in, and whether Mimic could make out the agent's
words. Thresholds are the settings the call ran with (case.call["thresholds"]).

They are verdict rows (source `check`), not gating: a slow or rude call is a finding, not a
failed objective. The findings themselves are recorded from the same measurements by the
voice runner (source `measured`), also when a call ends in an error, so these rows record
none of their own.

A message Mimic's recogniser could not make out is not the agent's failure (Mimic cannot
tell a garbled answer from its own ears' limits): its row is the simulator's.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import fields
from typing import Any

from app.engine.case import JudgeCase, TranscriptEntry
from app.engine.check_result import CheckResult
from app.voice.measure import Thresholds, percentile

# Talk-over shorter than this is two people drawing breath, not talking over the caller.
MIN_TALK_OVER_MS = 250


def thresholds_of(case: JudgeCase) -> Thresholds:
    given = case.call.get("thresholds") or {}
    known = {f.name for f in fields(Thresholds)}
    return Thresholds(**{k: int(v) for k, v in given.items() if k in known and isinstance(v, int | float)})


def _facts(m: TranscriptEntry) -> Mapping[str, Any]:
    return m.voice or {}


def _answers(case: JudgeCase) -> list[TranscriptEntry]:
    """The agent's messages that begin an answer (not what it said over a caller who cut in)."""
    return [m for m in case.agent_messages if m.voice is not None and not _facts(m).get("saidOverCaller")]


def _ids(messages: list[TranscriptEntry]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(m.id for m in messages))


def _s(ms: float) -> str:
    return f"{ms / 1000:g} s"


def unheard_language(case: JudgeCase) -> str | None:
    """Why the agent's language cannot be told on this call, or None: a recogniser that only
    writes one language's words (the offline one) turns any speech into that language."""
    if case.medium != "voice":
        return None
    recognizer = case.call.get("recognizer") or {}
    languages = recognizer.get("languages")
    if not languages:
        return None
    return (f"Mimic's recogniser ({recognizer.get('engine', 'offline')}) writes {', '.join(languages)} words only, "
            "so the language the agent spoke cannot be told from its transcript.")  # fmt: skip


def _latency(case: JudgeCase, t: Thresholds) -> CheckResult:
    label = f"Answers start within {_s(t.slow_answer_p50_ms)} (median) and {_s(t.slow_answer_p95_ms)} (95th percentile)"
    timed = [(m, int(_facts(m)["firstAudioMs"])) for m in _answers(case) if _facts(m).get("firstAudioMs") is not None]
    if not timed:
        return CheckResult("voice_latency", label, "inconclusive", "No answer has a measured time to its first audio.")
    values = [v for _, v in timed]
    p50, p95 = percentile(values, 50) or 0, percentile(values, 95) or 0
    said = (f"The agent's first audio came {p50:.0f} ms (median) and {p95:.0f} ms (95th percentile) after the caller "
            f"stopped speaking, over {len(values)} answer{'s' * (len(values) != 1)}.")  # fmt: skip
    slow = [m for m, v in timed if v > t.slow_answer_p50_ms]
    if p50 > t.slow_answer_p50_ms or p95 > t.slow_answer_p95_ms:
        return CheckResult("voice_latency", label, "not_met", said, _ids(slow),
                           details={"p50Ms": round(p50), "p95Ms": round(p95)})  # fmt: skip
    return CheckResult("voice_latency", label, "met", said, details={"p50Ms": round(p50), "p95Ms": round(p95)})


def _silences(case: JudgeCase, t: Thresholds) -> CheckResult:
    label = f"No silence of {_s(t.long_silence_ms)} or more while the caller waits"
    answers = _answers(case)
    if not answers:
        return CheckResult("voice_silence", label, "inconclusive", "No answer was measured.")
    long = []
    for m in answers:
        f = _facts(m)
        wait = f.get("firstAudioMs") if not f.get("startedOverCaller") else None
        longest = max(int(wait or 0), int(f.get("longestPauseMs") or 0))
        if longest >= t.long_silence_ms:
            long.append((m, longest))
    if not long:
        return CheckResult("voice_silence", label, "met", "The caller never waited that long in silence.")
    worst = max(v for _, v in long)
    said = (f"{len(long)} answer{'s' * (len(long) != 1)} left the caller in silence for {_s(t.long_silence_ms)} or "
            f"more (the longest {worst} ms).")  # fmt: skip
    return CheckResult("voice_silence", label, "not_met", said, _ids([m for m, _ in long]))


def _talk_over(case: JudgeCase) -> CheckResult:
    label = "The agent does not start talking over the caller"
    answers = _answers(case)
    if not answers:
        return CheckResult("voice_talk_over", label, "inconclusive", "No answer was measured.")
    over = [m for m in answers if _facts(m).get("startedOverCaller") and not _facts(m).get("answerToBargeIn")
            and int(_facts(m).get("talkOverMs") or 0) >= MIN_TALK_OVER_MS]  # fmt: skip
    if not over:
        return CheckResult("voice_talk_over", label, "met", "Every answer began once the caller had finished.")
    total = sum(int(_facts(m).get("talkOverMs") or 0) for m in over)
    return CheckResult("voice_talk_over", label, "not_met",
                       f"{len(over)} answer{'s' * (len(over) != 1)} began while the caller was still talking "
                       f"({total} ms of both speaking at once).", _ids(over))  # fmt: skip


def _stops_when_interrupted(case: JudgeCase, t: Thresholds) -> CheckResult:
    label = f"The agent stops within {_s(t.yield_ms)} when the caller cuts in"
    interrupted = [m for m in _answers(case) if _facts(m).get("interruptedByCaller")]
    if not interrupted:
        return CheckResult("voice_barge_in", label, "inconclusive",
                           "The caller never cut in, so whether the agent stops was not tried.")  # fmt: skip
    kept = [m for m in interrupted if not _facts(m).get("yielded")]
    if not kept:
        return CheckResult("voice_barge_in", label, "met",
                           f"The agent stopped every time the caller cut in ({len(interrupted)}).")  # fmt: skip
    how = [f"after {_facts(m)['stoppedAfterMs']} ms" if _facts(m).get("stoppedAfterMs") is not None
           else "not at all" for m in kept]  # fmt: skip
    said = (f"Cut in {len(interrupted)} time{'s' * (len(interrupted) != 1)}, the agent kept talking {len(kept)} "
            f"time{'s' * (len(kept) != 1)} (it stopped {', '.join(how)}).")  # fmt: skip
    return CheckResult("voice_barge_in", label, "not_met", said, _ids(kept))


def _answers_after_barge_in(case: JudgeCase, t: Thresholds) -> CheckResult:
    label = f"The agent answers a caller who cut in within {_s(t.barge_in_response_ms)}"
    after = [m for m in _answers(case) if _facts(m).get("answerToBargeIn")]
    if not after:
        return CheckResult("voice_barge_in_response", label, "inconclusive", "No answer followed a caller who cut in.")
    slow = [m for m in after if _facts(m).get("firstAudioMs") is None
            or int(_facts(m)["firstAudioMs"]) > t.barge_in_response_ms]  # fmt: skip
    if not slow:
        return CheckResult("voice_barge_in_response", label, "met", "Every caller who cut in was answered in time.")
    said = f"{len(slow)} of {len(after)} answers to a caller who cut in came late."
    return CheckResult("voice_barge_in_response", label, "not_met", said, _ids(slow))


def _recognized(case: JudgeCase) -> CheckResult:
    label = "Mimic made out the agent's words"
    spoken = [m for m in case.agent_messages if m.voice is not None]
    unheard = [m for m in spoken if m.unrecognized]
    confidences = [float(c) for m in spoken if (c := _facts(m).get("recognitionConfidence")) is not None]
    mean = f" (mean recognition confidence {sum(confidences) / len(confidences):.2f})" if confidences else ""
    if not unheard:
        return CheckResult("voice_recognition", label, "met", f"Every answer was recognised{mean}.")
    return CheckResult("voice_recognition", label, "not_met",
                       f"Mimic's recogniser made out no words in {len(unheard)} of {len(spoken)} agent messages"
                       f"{mean}: what they said is unknown, which is Mimic's limit (the persona's ears), not a "
                       "fault of the agent's.", _ids(unheard), blame="simulator")  # fmt: skip


def voice_checks(case: JudgeCase) -> list[CheckResult]:
    """The call's checks, in place of the chat latency check."""
    t = thresholds_of(case)
    return [_latency(case, t), _silences(case, t), _talk_over(case), _stops_when_interrupted(case, t),
            _answers_after_barge_in(case, t), _recognized(case)]  # fmt: skip
