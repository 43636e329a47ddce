"""What a voice call is judged on besides its words: per agent answer, the time from the
end of the persona's speech to the agent's first audio, the silences inside the answer, the
time both spoke at once, whether the agent stopped when interrupted, its pace and how sure
the recogniser was; per call, the percentiles and the findings that follow from them.

Thresholds come from the settings (published targets for voice agents: answer within 1.5 s at
the median and 3.5 s at the 95th percentile).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import numpy as np

from app.voice.audio import RATE

Span = tuple[int, int]  # samples [start, end)


def ms(samples: int) -> int:
    return int(round(samples * 1000 / RATE))


@dataclass(frozen=True)
class Thresholds:
    slow_answer_p50_ms: int = 1500
    slow_answer_p95_ms: int = 3500
    long_silence_ms: int = 3000
    yield_ms: int = 1000
    barge_in_response_ms: int = 4000


@dataclass
class AnswerMeasure:
    """One answer of the agent."""

    index: int
    persona_end: int  # where the speech it answers ended
    segments: list[Span]  # the agent's speech in this answer
    words: int = 0
    confidence: float | None = None
    interrupted: bool = False
    barge_in_at: int | None = None
    stopped_at: int | None = None  # where its speech ended after the barge-in
    after_barge_in: bool = False  # the answer to a persona that had cut in
    talked_over: bool = False  # it started while the persona was speaking
    talk_over: int = 0  # samples with both speaking
    message_ids: list[str] = field(default_factory=list)

    @property
    def start(self) -> int:
        return self.segments[0][0] if self.segments else self.persona_end

    @property
    def end(self) -> int:
        return self.segments[-1][1] if self.segments else self.persona_end

    @property
    def latency_ms(self) -> int | None:
        return max(0, ms(self.start - self.persona_end)) if self.segments else None

    @property
    def speech_ms(self) -> int:
        return ms(sum(e - s for s, e in self.segments))

    @property
    def gaps_ms(self) -> list[int]:
        return [ms(b[0] - a[1]) for a, b in zip(self.segments, self.segments[1:], strict=False)]

    @property
    def yield_ms(self) -> int | None:
        if self.barge_in_at is None or self.stopped_at is None:
            return None
        return max(0, ms(self.stopped_at - self.barge_in_at))

    def yielded(self, thresholds: Thresholds) -> bool | None:
        if not self.interrupted:
            return None
        return self.yield_ms is not None and self.yield_ms <= thresholds.yield_ms

    @property
    def words_per_minute(self) -> float | None:
        speech = self.speech_ms
        return round(self.words * 60_000 / speech, 1) if self.words and speech >= 500 else None

    def public(self, thresholds: Thresholds) -> dict[str, Any]:
        return {
            "turnIndex": self.index, "startMs": ms(self.start), "endMs": ms(self.end), "latencyMs": self.latency_ms,
            "speechMs": self.speech_ms, "maxGapMs": max(self.gaps_ms, default=0), "talkOverMs": ms(self.talk_over),
            "interrupted": self.interrupted, "yielded": self.yielded(thresholds), "yieldMs": self.yield_ms,
            "words": self.words, "wordsPerMinute": self.words_per_minute, "confidence": self.confidence,
            "afterBargeIn": self.after_barge_in, "talkedOver": self.talked_over,
        }  # fmt: skip


def overlap(spans_a: list[Span], spans_b: list[Span]) -> int:
    total = 0
    for a0, a1 in spans_a:
        for b0, b1 in spans_b:
            total += max(0, min(a1, b1) - max(a0, b0))
    return total


def percentile(values: list[float], q: float) -> float | None:
    """Linear interpolation between the closest ranks (as analytics and percentile_cont)."""
    return float(np.percentile(values, q)) if values else None


@dataclass(frozen=True)
class MeasuredFinding:
    type: str
    severity: str
    description: str
    evidence: dict[str, Any]
    message_id: str | None = None


@dataclass
class CallSummary:
    turns: int
    latency_p50_ms: int | None
    latency_p95_ms: int | None
    talk_over_ms: int
    interruptions: int
    yields: int
    long_silences: int
    words_per_minute: float | None
    confidence: float | None
    silence_gaps: dict[str, Any]
    findings: list[MeasuredFinding]

    def figures(self) -> dict[str, Any]:
        return {
            "turns": self.turns, "latencyP50Ms": self.latency_p50_ms, "latencyP95Ms": self.latency_p95_ms,
            "talkOverMs": self.talk_over_ms, "interruptions": self.interruptions, "yields": self.yields,
            "longSilences": self.long_silences, "wordsPerMinute": self.words_per_minute,
            "confidence": self.confidence, "silenceGaps": self.silence_gaps,
        }  # fmt: skip


def summarize(answers: list[AnswerMeasure], persona_spans: list[Span], thresholds: Thresholds) -> CallSummary:
    for answer in answers:
        answer.talk_over = overlap(answer.segments, persona_spans)
    latencies = [a.latency_ms for a in answers if a.latency_ms is not None]
    p50, p95 = percentile(latencies, 50), percentile(latencies, 95)
    # The caller's silences while waiting on the agent: before each answer, and inside it.
    waits = [(a, a.latency_ms, "before the answer") for a in answers if a.latency_ms is not None and not a.talked_over]
    inside = [(a, gap, "inside the answer") for a in answers for gap in a.gaps_ms]
    gaps = [g for _, g, _ in waits + inside]
    long_ones = [(a, g, where) for a, g, where in waits + inside if g >= thresholds.long_silence_ms]
    interrupted = [a for a in answers if a.interrupted]
    yielded = [a for a in interrupted if a.yielded(thresholds)]
    rates = [a.words_per_minute for a in answers if a.words_per_minute is not None]
    confidences = [a.confidence for a in answers if a.confidence is not None]
    summary = CallSummary(
        turns=len(answers),
        latency_p50_ms=None if p50 is None else int(round(p50)),
        latency_p95_ms=None if p95 is None else int(round(p95)),
        talk_over_ms=ms(sum(a.talk_over for a in answers)),
        interruptions=len(interrupted),
        yields=len(yielded),
        long_silences=len(long_ones),
        words_per_minute=round(float(np.mean(rates)), 1) if rates else None,
        confidence=round(float(np.mean(confidences)), 3) if confidences else None,
        silence_gaps={
            "count": len(gaps),
            "maxMs": max(gaps, default=0),
            "meanMs": int(np.mean(gaps)) if gaps else 0,
        },  # fmt: skip
        findings=[],
    )
    summary.findings = _findings(answers, summary, long_ones, thresholds)
    return summary


def _message(answer: AnswerMeasure) -> str | None:
    return answer.message_ids[0] if answer.message_ids else None


def _findings(
    answers: list[AnswerMeasure], summary: CallSummary, long_ones: list, t: Thresholds
) -> list[MeasuredFinding]:
    found: list[MeasuredFinding] = []
    p50, p95 = summary.latency_p50_ms, summary.latency_p95_ms
    if p50 is not None and (p50 > t.slow_answer_p50_ms or (p95 or 0) > t.slow_answer_p95_ms):
        slow = [{"messageId": _message(a), "latencyMs": a.latency_ms} for a in answers
                if (a.latency_ms or 0) > t.slow_answer_p50_ms]  # fmt: skip
        severity = "high" if p50 > 2 * t.slow_answer_p50_ms else "medium"
        first_slow = next((a for a in answers if (a.latency_ms or 0) > t.slow_answer_p50_ms), answers[0])
        found.append(MeasuredFinding(
            "performance", severity,
            f"Slow answers: the agent took {p50} ms at the median and {p95} ms at the 95th percentile from the end "
            f"of the caller's speech to its first audio (targets: {t.slow_answer_p50_ms} ms and "
            f"{t.slow_answer_p95_ms} ms).",
            {"kind": "slow_answer", "latencyP50Ms": p50, "latencyP95Ms": p95, "thresholdP50Ms": t.slow_answer_p50_ms,
             "thresholdP95Ms": t.slow_answer_p95_ms, "slowTurns": slow[:20]},
            _message(first_slow),
        ))  # fmt: skip
    for answer, gap, where in long_ones[:5]:
        found.append(MeasuredFinding(
            "performance", "medium" if gap < 2 * t.long_silence_ms else "high",
            f"Long silence: the caller heard nothing for {gap} ms {where} (threshold {t.long_silence_ms} ms).",
            {"kind": "long_silence", "gapMs": gap, "where": where, "answerStartMs": ms(answer.start),
             "thresholdMs": t.long_silence_ms, "messageId": _message(answer)},
            _message(answer),
        ))  # fmt: skip
    for answer in answers:
        if answer.interrupted and not answer.yielded(t):
            kept = answer.yield_ms
            said = f"kept talking for {kept} ms" if kept is not None else "never stopped"
            found.append(MeasuredFinding(
                "ux-issue", "high",
                f"Talking over the caller: interrupted {ms(answer.barge_in_at - answer.start)} ms into its answer, "
                f"the agent {said} (it should stop within {t.yield_ms} ms).",
                {"kind": "no_yield", "bargeInAtMs": ms(answer.barge_in_at), "yieldMs": kept,
                 "thresholdMs": t.yield_ms, "talkOverMs": ms(answer.talk_over), "messageId": _message(answer)},
                _message(answer),
            ))  # fmt: skip
        elif answer.talked_over and not answer.after_barge_in and answer.talk_over >= RATE // 4:
            found.append(MeasuredFinding(
                "ux-issue", "medium",
                f"Talking over the caller: the agent started speaking while the caller was still talking "
                f"({ms(answer.talk_over)} ms of overlap).",
                {"kind": "talk_over", "talkOverMs": ms(answer.talk_over), "answerStartMs": ms(answer.start),
                 "messageId": _message(answer)},
                _message(answer),
            ))  # fmt: skip
        if answer.after_barge_in and (answer.latency_ms is None or answer.latency_ms > t.barge_in_response_ms):
            waited = "never answered" if answer.latency_ms is None else f"answered only after {answer.latency_ms} ms"
            found.append(MeasuredFinding(
                "ux-issue", "high",
                f"No response after barge-in: when the caller cut in, the agent stopped but {waited} "
                f"(threshold {t.barge_in_response_ms} ms).",
                {"kind": "no_response_after_barge_in", "latencyMs": answer.latency_ms,
                 "thresholdMs": t.barge_in_response_ms, "messageId": _message(answer)},
                _message(answer),
            ))  # fmt: skip
    return found
