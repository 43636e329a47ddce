"""Runs one voice session: a call between the persona (the simulator's words, spoken with
its voice and realism knobs) and a voice agent, over a streaming or a turn transport.

Each turn: the simulator writes what the persona says; it is synthesised (fillers, pauses,
background noise) and played to the agent; the agent's audio is recorded on the call's
timeline, voice activity detection finds where its answer starts and ends, and the answer
is recognised into the transcript. On a streaming call the persona can cut in (barge-in)
and Mimic measures whether the agent stops. At the end: the measurements, the findings that
follow, both channels as a stereo recording, and the same judge as for chat: it reads the
transcript once, as data, with each message's measurements beside its words (voice_case.py).

What the agent said is what Mimic's recogniser heard; an answer it could not make out is
stored with no text and flagged `unrecognized` (the persona hears "you could not make out
what the agent said"): the judge treats its words as unknown, and the failure is the
simulator's (its ears), not the agent's.

A target failure (unreachable, malformed audio, a stream closed mid-call, no answer within
the agent's timeout, more audio in one answer than MIMIC_MAX_AUDIO_REPLY_BYTES) ends the
session with a classified target error (blame: infrastructure, as for chat); a failure of
Mimic's own speech engines ends it as a speech error (infrastructure too). What was recorded
until then is stored all the same.
"""

from __future__ import annotations

import asyncio
import logging
import random
import time
from typing import Any, Protocol

import numpy as np

from app import llm
from app.engine.bus import EventBus
from app.engine.case import JudgeCase
from app.engine.context import SessionPlan
from app.engine.runner import InfrastructureError, SessionRunner, SessionStore
from app.engine.simulator import PersonaSimulator
from app.engine.targets.base import TargetError
from app.engine.targets.voice import (
    StreamingTransport,
    TurnTransport,
    answer_too_large,
    build_voice_transport,
    max_answer_samples,
)
from app.engine.voice_call import StreamingCall
from app.engine.voice_case import call_facts, measured_facts, voice_case
from app.voice import audio
from app.voice.measure import AnswerMeasure, ms, summarize
from app.voice.plan import VoicePlan
from app.voice.realism import NoiseSource, spoken_pieces, spoken_text
from app.voice.speech import SpeechError, recognize, synthesize, warm_up
from app.voice.timeline import CallRecording
from app.voice.vad import speech_segments

logger = logging.getLogger("mimic.voice_runner")

# What the persona perceives of an answer Mimic's recogniser could not make out.
UNHEARD_SEEN = "(You could not make out what the agent said.)"
PAD_MS = 250  # silence (or background) around an utterance sent as a file


class VoiceStore(SessionStore, Protocol):
    async def save_voice_call(self, *, call: dict[str, Any], turns: list[dict[str, Any]]) -> None: ...


class VoiceSessionRunner(SessionRunner):
    def __init__(self, plan: SessionPlan, store: VoiceStore, bus: EventBus, voice: VoicePlan) -> None:
        super().__init__(plan, store, bus)
        self.voice = voice
        self.config = plan.target.config
        self.answer_cap = max_answer_samples()
        longest = min(plan.limits.duration_s, voice.max_call_seconds) + self.answer_cap / audio.RATE
        self.recording = CallRecording(longest)
        self.answers: list[AnswerMeasure] = []
        self.persona_spans: list[tuple[int, int]] = []
        self.rng = random.Random(plan.limits.seed)
        realism = voice.realism
        self.noise = NoiseSource(realism.noise, realism.snr_db, seed=plan.limits.seed) if realism.noise else None
        self.barge_ins = 0
        self.transport: StreamingTransport | TurnTransport | None = None
        self._saved = False
        self._consumed_to = 0  # the agent's speech before this belongs to answers already heard

    # -- the session -----------------------------------------------------------------------

    async def run(self) -> str:
        try:
            await self.store.mark_running()
            self.publish("status", {"status": "running"})
            end_reason = await self._converse()
            await self._save_call()
            return await self._judge_and_finish(end_reason)
        except asyncio.CancelledError:
            await asyncio.shield(self._save_call(quietly=True))
            await asyncio.shield(self._finish("cancelled", "cancelled", "cancelled"))
            raise
        except InfrastructureError as exc:
            await self._save_call(quietly=True)
            return await self._finish("error", "error", f"{exc.source}_error", exc.as_dict())
        except Exception as exc:  # a bug of ours must not leave the session "running" forever
            logger.exception("voice session %s crashed", self.plan.session_id)
            await self._save_call(quietly=True)
            return await self._finish("error", "error", "internal_error",
                                      {"source": "mimic", "kind": "internal", "message": str(exc)[:500]})  # fmt: skip
        finally:
            if self.transport is not None:
                try:
                    await asyncio.shield(self.transport.close())
                except Exception:  # closing is best effort
                    logger.warning("closing the voice transport of %s failed", self.plan.session_id, exc_info=True)

    async def _converse(self) -> str:
        limit = min(self.plan.limits.duration_s, self.voice.max_call_seconds)
        try:
            self.transport = build_voice_transport(self.plan.target)
            await asyncio.to_thread(audio.load_signal_processing)
            if self.voice.listening.engine != "hosted":
                await warm_up()
            async with asyncio.timeout(limit):
                if self.transport.streaming:
                    return await self._streaming_call()
                return await self._turn_call()
        except TimeoutError:
            return "duration"
        except TargetError as exc:
            raise InfrastructureError("target", exc.kind, exc.message, exc.status_code) from exc
        except SpeechError as exc:
            raise InfrastructureError("speech", exc.kind, exc.message) from exc

    def _simulator(self) -> PersonaSimulator:
        return PersonaSimulator(self.plan.persona, self.plan.objective, self.plan.simulator,
                                seed=self.plan.limits.seed, medium="voice")  # fmt: skip

    def as_seen(self, entry: dict[str, Any]) -> str:
        if (entry.get("meta") or {}).get("unrecognized"):
            return UNHEARD_SEEN
        return super().as_seen(entry)

    def _budget_left(self) -> str | None:
        if self.persona_turns >= self.plan.objective.max_turns:
            return "max_turns"
        if len(self.transcript) >= self.plan.limits.max_messages:
            return "max_messages"
        return None

    # -- the persona speaks ----------------------------------------------------------------------

    async def _utterance(self, simulator: PersonaSimulator):
        """The persona's next turn, and its speech: (turn, spoken text, samples, speech spans)."""
        return await self._spoken(await self._persona_turn(simulator))

    async def _spoken(self, turn):
        if not turn.message.strip():
            return turn, "", None, []
        pieces = spoken_pieces(turn.message, self.voice.realism, self.rng, self.plan.persona.language)
        parts: list[np.ndarray] = []
        spans: list[tuple[int, int]] = []
        position = 0
        for piece in pieces:
            spoken = await synthesize(piece.text, self.voice.voice)
            parts.append(spoken)
            spans.append((position, position + len(spoken)))
            position += len(spoken)
            if piece.pause_ms:
                parts.append(audio.silence(piece.pause_ms))
                position += len(parts[-1])
        samples = np.concatenate(parts) if parts else np.zeros(0, dtype=np.int16)
        return turn, spoken_text(pieces), samples, spans

    async def _said(self, turn, text: str, start: int, spans: list[tuple[int, int]], *, barge_in: bool) -> None:
        placed = [(start + s, start + e) for s, e in spans]
        self.persona_spans.extend(placed)
        voice = {"channel": "persona", "startMs": ms(placed[0][0]), "endMs": ms(placed[-1][1]), "bargeIn": barge_in}
        if text != turn.message:
            voice["written"] = turn.message
        await self._record("persona", text, meta={"action": turn.action, "reasoning": turn.reasoning, "voice": voice})
        self.persona_turns += 1

    # -- the persona listens ----------------------------------------------------------------------

    async def _heard(self, samples: np.ndarray) -> tuple[str, float | None, int]:
        if len(samples) < audio.RATE // 10:
            return "", None, 0
        recognition = await recognize(samples, self.voice.listening)
        return recognition.text, recognition.confidence, recognition.word_count

    async def _record_answer(
        self, answer: AnswerMeasure, text: str, confidence: float | None, span: tuple[int, int], *,
        partial: bool = False, overlap: bool = False,
    ) -> None:  # fmt: skip
        """Stores what the agent said; `span` is where it is in the recording (the session page
        plays it from there). The answer's full measurements are stored at the end (voice_turn)."""
        latency = None if overlap else answer.latency_ms
        voice = {"channel": "agent", "startMs": ms(span[0]), "endMs": ms(span[1]), "latencyMs": latency,
                 "partial": partial, "overlap": overlap, "recognized": bool(text),
                 "turnIndex": answer.index}  # fmt: skip
        meta = {"voice": voice, "confidence": confidence} | ({} if text else {"unrecognized": True})
        await self._record("agent", text, latency_ms=latency, meta=meta)
        answer.message_ids.append(self.transcript[-1]["id"])

    # -- a streaming call ---------------------------------------------------------------------------

    async def _streaming_call(self) -> str:
        simulator = self._simulator()
        call = StreamingCall(self.transport, self.recording, frame_ms=int(self.config.get("frameMs") or 20),
                             noise=self.noise)  # fmt: skip
        await call.start(self.plan.session_id)
        try:
            persona_end: int | None = 0 if self.config.get("greeting") else None
            after_barge_in = False
            while True:
                if persona_end is None:
                    if reason := self._budget_left():
                        return reason
                    if self.persona_turns and self.plan.limits.message_interval_s:
                        await asyncio.sleep(self.plan.limits.message_interval_s)
                    self.publish("progress", {"status": "running", "typing": "persona",
                                              "messageCount": len(self.transcript)})  # fmt: skip
                    turn, text, samples, spans = await self._utterance(simulator)
                    ended = turn.action != "continue" and self.persona_turns > 0
                    if samples is not None:
                        start = call.now()
                        persona_end = call.say(samples, start)
                        await self._said(turn, text, start, spans, barge_in=False)
                        await call.until(lambda end=persona_end: call.played >= end)
                    if ended:
                        return "goal_met" if turn.action == "goal_met" else "persona_gave_up"
                    if persona_end is None:
                        continue
                self.publish("progress", {"status": "running", "typing": "agent", "messageCount": len(self.transcript)})
                result = await self._stream_answer(call, simulator, persona_end, after_barge_in)
                if isinstance(result, str):
                    return result
                persona_end, after_barge_in = result
        finally:
            await call.stop()

    def _barge_in_due(self, answer: AnswerMeasure) -> bool:
        """On every `every`-th answer (the answers to a barge-in count too), at most `maxTimes`."""
        plan = self.voice.realism.barge_in
        if plan is None or self.barge_ins >= plan.max_times:
            return False
        return (answer.index + 1) % plan.every == 0

    async def _stream_answer(self, call: StreamingCall, simulator, persona_end: int, after_barge_in: bool):
        """Listens to one answer (the speech after `persona_end`). Returns an end reason, or
        (where the persona's next speech ends, True) when the persona cut in and spoke, or
        (None, False) when the answer ended and it is the persona's turn."""
        timeout_s = float(self.config.get("timeoutSeconds") or 30)
        # The wait is counted on the call's timeline (what was played), not the wall clock: a
        # starved machine that falls behind must not blame the agent for it.
        deadline = persona_end + ms_to_samples(timeout_s * 1000)
        await call.until(lambda: bool(call.agent_speech(self._consumed_to)) or call.played >= deadline)
        waited = bool(call.agent_speech(self._consumed_to))
        answer = AnswerMeasure(index=len(self.answers), persona_end=persona_end, segments=[],
                               after_barge_in=after_barge_in)  # fmt: skip
        if not waited:
            if after_barge_in:  # kept, so that its finding is stored with the error
                self.answers.append(answer)
            raise TargetError("timeout", f"the agent did not answer within {timeout_s:g} s of the caller's speech")
        self.answers.append(answer)
        onset = call.agent_speech(self._consumed_to)[0][0]
        answer.talked_over = any(s <= onset < e for s, e in self.persona_spans)
        end_silence = ms_to_samples(int(self.config.get("turnEndSilenceMs") or 1000))
        barge_in = self.voice.realism.barge_in
        barge_at = onset + ms_to_samples(barge_in.after_ms) if barge_in and self._barge_in_due(answer) else None

        def over() -> bool:
            spans = call.agent_speech(onset)
            return not call.agent_speaking and call.played - (spans[-1][1] if spans else onset) >= end_silence

        def barge_now() -> bool:
            return barge_at is not None and call.played >= barge_at and call.agent_speaking

        def too_long() -> bool:
            return call.played - onset > self.answer_cap

        # The interruption is written and spoken while the agent talks, so that the persona cuts
        # in when planned (a caller who interrupts does not wait to understand the whole answer).
        prepared = asyncio.create_task(self._interruption(simulator)) if barge_at is not None else None
        try:
            await call.until(lambda: over() or too_long() or (barge_now() and prepared.done()))
        except BaseException:
            if prepared is not None:
                prepared.cancel()
            raise
        if too_long():
            raise answer_too_large("the agent spoke")
        if prepared is not None and prepared.done() and not over():
            return await self._barge_in(call, answer, onset, prepared.result())
        if prepared is not None:  # the agent finished first: no interruption this time
            prepared.cancel()
            try:
                await prepared
            except (asyncio.CancelledError, Exception):
                pass
        answer.segments = call.agent_speech(onset)
        text, confidence, words = await self._heard(call.recording.agent.read(answer.start, answer.end))
        answer.words, answer.confidence = words, confidence
        await self._record_answer(answer, text, confidence, (answer.start, answer.end))
        self._consumed_to = answer.end
        return None, False

    async def _interruption(self, simulator):
        """What the persona says when it cuts in, ready before the moment comes (the stage
        direction is Mimic's, never words put in the agent's mouth)."""
        history = [{"role": m["role"], "content": self.as_seen(m)} for m in self.transcript]
        started = time.perf_counter()
        try:
            simulated = await simulator.next_turn(history, cut_in=True)
        except llm.LLMError as exc:
            await self._failed_call("simulator", self.plan.simulator.model, exc, started)
            raise InfrastructureError("simulator", exc.kind, exc.message, exc.status_code) from exc
        await self._llm_call("simulator", simulated.result)
        return await self._spoken(simulated.turn)

    async def _barge_in(self, call: StreamingCall, answer: AnswerMeasure, onset: int, prepared):
        """The persona cuts in: it speaks now; what it heard until then is the agent's message
        (stored first); then Mimic watches whether the agent stops."""
        turn, spoken, samples, spans = prepared
        ended = turn.action != "continue"
        start = call.now()
        end = call.say(samples, start) if samples is not None else start
        self.barge_ins += 1
        answer.interrupted = True
        answer.barge_in_at = start
        answer.segments = call.agent_speech(onset)
        text, confidence, words = await self._heard(call.recording.agent.read(onset, start))
        answer.words, answer.confidence = words, confidence
        await self._record_answer(answer, text, confidence, (onset, start), partial=True)
        if spoken:
            await self._said(turn, spoken, start, spans, barge_in=True)
        # Did the agent stop? Read off the timeline: the run of speech going on at the barge-in
        # (pauses shorter than the turn-end silence do not end it) must end within the threshold.
        gap = ms_to_samples(int(self.config.get("turnEndSilenceMs") or 1000))
        limit = max(end, start + ms_to_samples(self.voice.thresholds.yield_ms)) + gap
        def run() -> tuple[int, bool]:
            return _run_end(call.agent_speech(onset), start, gap, call.played, end)

        await call.until(lambda: run()[1] or call.played >= limit)
        stopped_at, closed = run()
        if not closed:  # still talking: wait for it to finish (bounded), to measure the whole overlap
            await call.until(lambda: run()[1] or call.played - onset > self.answer_cap)
            stopped_at, closed = run()
        answer.segments = [(a, b) for a, b in call.agent_speech(onset) if a < stopped_at]
        answer.stopped_at = stopped_at if closed else None
        if not answer.yielded(self.voice.thresholds):  # what it said over the caller goes in the transcript
            over_text, over_conf, _ = await self._heard(call.recording.agent.read(start, answer.end))
            if over_text:
                await self._record_answer(answer, over_text, over_conf, (start, answer.end), overlap=True)
        self._consumed_to = max(answer.end, start)
        await call.until(lambda: call.played >= end)
        if ended:
            return "goal_met" if turn.action == "goal_met" else "persona_gave_up"
        return (end if spoken else None), bool(spoken)

    # -- a turn-based call ----------------------------------------------------------------------------

    async def _turn_call(self) -> str:
        simulator = self._simulator()
        cursor = 0
        turn_number = 0
        pad = audio.silence(PAD_MS)
        if self.config.get("greeting"):  # the agent speaks first: it is sent a moment of silence
            turn_number += 1
            cursor = await self._exchange(self._with_noise(audio.silence(PAD_MS * 2)), 0, 0, turn_number)
        while True:
            if reason := self._budget_left():
                return reason
            if self.persona_turns and self.plan.limits.message_interval_s:
                await asyncio.sleep(self.plan.limits.message_interval_s)
            self.publish("progress", {"status": "running", "typing": "persona", "messageCount": len(self.transcript)})
            turn, text, samples, spans = await self._utterance(simulator)
            ended = turn.action != "continue" and self.persona_turns > 0
            if samples is not None:
                start = cursor + ms_to_samples(self.voice.reply_gap_ms if cursor else 0)
                sent = await asyncio.to_thread(self._with_noise, np.concatenate([pad, samples, pad]))
                self.recording.persona.place(sent, start)
                speech_start = start + len(pad)
                await self._said(turn, text, speech_start, spans, barge_in=False)
                if not ended:
                    self.publish("progress", {"status": "running", "typing": "agent",
                                              "messageCount": len(self.transcript)})  # fmt: skip
                    turn_number += 1
                    cursor = await self._exchange(sent, speech_start + len(samples), start + len(sent), turn_number)
            if ended:
                return "goal_met" if turn.action == "goal_met" else "persona_gave_up"

    def _with_noise(self, samples: np.ndarray) -> np.ndarray:
        if self.noise is None:
            return samples
        self.noise.level_for(audio.active_rms(samples))
        return self.noise.over(samples)

    async def _exchange(self, sent: np.ndarray, persona_end: int, sent_end: int, turn_number: int) -> int:
        """One request and its answer, placed on the timeline; returns the new cursor."""
        timeout_s = float(self.config.get("timeoutSeconds") or 30)
        try:
            reply = await asyncio.wait_for(
                self.transport.exchange(sent, call_id=self.plan.session_id, turn=turn_number), timeout_s
            )
        except TimeoutError:
            raise TargetError("timeout", f"the agent did not answer within {timeout_s:g} s") from None
        arrival = sent_end + ms_to_samples(reply.response_ms)
        self.recording.agent.place(reply.samples, arrival)
        segments = await asyncio.to_thread(speech_segments, reply.samples)
        answer = AnswerMeasure(index=len(self.answers), persona_end=persona_end,
                               segments=[(arrival + s.start, arrival + s.end) for s in segments])  # fmt: skip
        self.answers.append(answer)
        if not segments:
            raise TargetError("bad_response", "the agent answered with no speech (silence or an empty file)")
        text, confidence, words = await self._heard(reply.samples[segments[0].start : segments[-1].end])
        answer.words, answer.confidence = words, confidence
        await self._record_answer(answer, text, confidence, (answer.start, answer.end))
        return arrival + len(reply.samples)

    # -- the end ---------------------------------------------------------------------------------------

    async def _save_call(self, *, quietly: bool = False) -> None:
        """The recording, the measurements and the measured findings; once, on every path."""
        if self._saved:
            return
        self._saved = True
        try:
            summary = summarize(self.answers, self.persona_spans, self.voice.thresholds)
            stereo = await asyncio.to_thread(self.recording.stereo)
            artifact = await self.store.add_artifact(kind="audio", name="call.wav", content_type="audio/wav",
                                                     data=stereo)  # fmt: skip
            timeline = {
                "persona": [[ms(s), ms(e)] for s, e in self.persona_spans][:2000],
                "agent": [[ms(s), ms(e)] for a in self.answers for s, e in a.segments][:2000],
            }
            call = {"transport": self.config.get("transport"), "durationMs": ms(self.recording.duration),
                    "recordingId": artifact.id, "timeline": timeline, "figures": summary.figures(),
                    "settings": self._settings(), "notes": list(self.voice.notes),
                    "overflowed": self.recording.agent.overflowed or self.recording.persona.overflowed,
                    # What the judge reads beside the words, kept so that the call can be judged again.
                    "judge": {"call": call_facts(self.voice), "measured": measured_facts(
                        self.transcript, self.answers, self.voice.thresholds)}}  # fmt: skip
            turns = [{**a.public(self.voice.thresholds), "messageId": a.message_ids[0] if a.message_ids else None}
                     for a in self.answers]  # fmt: skip
            await self.store.save_voice_call(call=call, turns=turns)
            for finding in summary.findings:
                stored = await self.store.add_finding(type=finding.type, severity=finding.severity,
                                                      description=finding.description, evidence=finding.evidence,
                                                      source="measured")  # fmt: skip
                self.publish("finding", stored)
            self.publish("voice", {"recordingId": artifact.id, **summary.figures()})
        except Exception:
            if not quietly:
                raise
            logger.warning("saving the call of %s failed", self.plan.session_id, exc_info=True)

    def _settings(self) -> dict[str, Any]:
        realism = self.voice.realism
        codec = {k: self.config.get(k) for k in ("encoding", "sampleRate", "frameMs", "framing") if k in self.config}
        return {
            "codec": codec, "voice": self.voice.voice.describe(), "listening": self.voice.listening.describe(),
            "realism": {"noise": realism.noise, "snrDb": realism.snr_db if realism.noise else None,
                        "fillers": realism.fillers, "pauses": realism.pauses, "pauseMs": realism.pause_ms,
                        "bargeIn": None if realism.barge_in is None else
                        {"afterMs": realism.barge_in.after_ms, "every": realism.barge_in.every,
                         "maxTimes": realism.barge_in.max_times,
                         "applied": bool(self.transport is not None and self.transport.streaming)}},
            "thresholds": vars(self.voice.thresholds),
        }  # fmt: skip

    def judge_case(self, end_reason: str) -> JudgeCase:
        """The chat case, with each message's measurements beside its words (never in them)."""
        return voice_case(super().judge_case(end_reason), self.transcript, self.answers, self.voice)


def _run_end(spans: list[tuple[int, int]], start: int, gap: int, now: int, answer_from: int) -> tuple[int, bool]:
    """Where the run of speech going on at `start` ends (spans closer than `gap` are one run),
    and whether it is over (`gap` of quiet heard after it, or the next answer began). Speech
    that starts once the caller has finished (`answer_from`) is an answer, not the run.
    Quiet at `start`: it ends there."""
    end = start
    for span_start, span_end in spans:
        if span_end <= start:
            continue
        if span_start >= answer_from or (span_start - end >= gap and (end > start or span_start - start >= gap)):
            return end, True
        end = max(end, span_end)
    return end, now - end >= gap


def ms_to_samples(milliseconds: float) -> int:
    return int(milliseconds * audio.RATE / 1000)


__all__ = ["VoiceSessionRunner", "VoiceStore"]
