"""Voice agents: the transports that carry a call's audio, behind two small interfaces.

- A **streaming** transport carries audio both ways at once (full duplex), frame by frame:
  the caller can talk over the agent, and the agent can stop (barge-in). The WebSocket media
  stream (`websocket`) and the voice agent Mimic hosts itself (`hosted`) are streaming.
- A **turn** transport exchanges one utterance for one answer (`http`: WAV in, WAV out).

Adding a transport (a telephone line through SIP or a phone provider's media stream, say)
means a class with one of these interfaces, its config in app/models/voice.py, and one entry
in TRANSPORTS below; the voice runner, the measurements and the recordings stay as they are.

Audio crosses these interfaces as mono 16-bit samples at 16 kHz (app.voice.audio.RATE);
each transport converts to and from its wire format.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, ClassVar, Protocol

import numpy as np

from app.engine.targets.base import TargetError, TargetSpec
from app.outbound import max_audio_reply_bytes
from app.voice import audio
from app.voice.timeline import Track
from app.voice.vad import SpeechDetector, speech_segments


def max_answer_samples() -> int:
    """What one agent answer may hold (MIMIC_MAX_AUDIO_REPLY_BYTES as 16 kHz 16-bit audio):
    more is a bot that never stops, or floods the call."""
    return max_audio_reply_bytes() // 2


def answer_too_large(what: str) -> TargetError:
    seconds = max_answer_samples() / audio.RATE
    return TargetError("too_large", f"{what} more than {seconds:.0f} s of audio in one answer "
                                    f"(MIMIC_MAX_AUDIO_REPLY_BYTES); the call stopped reading there")  # fmt: skip


@dataclass(frozen=True)
class AgentAudio:
    """Something the agent sent on a streaming transport: audio to play, a request to drop
    the audio not yet played (`clear`), or a `mark` to echo once played up to it."""

    kind: str  # audio | clear | mark
    samples: np.ndarray | None = None
    name: str = ""


class StreamingTransport(Protocol):
    streaming: ClassVar[bool]
    kind: ClassVar[str]

    async def open(self, call_id: str) -> None: ...

    async def send_audio(self, samples: np.ndarray) -> None:
        """One frame of the caller's audio, sent when it is due (the call paces them)."""

    async def played_mark(self, name: str) -> None:
        """The agent's audio has been played up to its mark `name`."""

    async def receive(self) -> AgentAudio:
        """The agent's next message; raises TargetError when the stream breaks or is malformed."""

    async def close(self) -> None: ...


@dataclass(frozen=True)
class TurnAnswer:
    samples: np.ndarray
    response_ms: int  # from the end of the request to the answer's first bytes


class TurnTransport(Protocol):
    streaming: ClassVar[bool]
    kind: ClassVar[str]

    async def exchange(self, samples: np.ndarray, *, call_id: str, turn: int) -> TurnAnswer: ...

    async def close(self) -> None: ...


VoiceTransport = StreamingTransport | TurnTransport
TRANSPORTS: dict[str, Callable[[TargetSpec], VoiceTransport]] = {}


def register_transport(name: str, factory: Callable[[TargetSpec], VoiceTransport]) -> None:
    TRANSPORTS[name] = factory


def build_voice_transport(spec: TargetSpec) -> VoiceTransport:
    factory = TRANSPORTS.get(spec.config.get("transport", ""))
    if factory is None:
        raise TargetError("config", f"unknown voice transport {spec.config.get('transport')!r}")
    return factory(spec)


def frame_samples(frame_ms: int) -> int:
    return audio.RATE * frame_ms // 1000


# -- the connection test ---------------------------------------------------------------------


@dataclass(frozen=True)
class VoiceProbe:
    latency_ms: int | None
    reply: str


async def probe_voice(
    spec: TargetSpec,
    greeting: np.ndarray,
    recognize: Callable[[np.ndarray], Any],
    *,
    max_answer_s: float = 8.0,
) -> VoiceProbe:
    """Says `greeting` to the agent and listens: the latency from the end of the greeting to
    the agent's first audio, and what it said (via `recognize`, an async callable). Raises
    TargetError when the agent cannot be reached or does not answer within its timeout."""
    transport = build_voice_transport(spec)
    timeout_s = float(spec.config.get("timeoutSeconds") or 30)
    await asyncio.to_thread(audio.load_signal_processing)  # not on the loop while it measures
    try:
        if not transport.streaming:
            answer = await asyncio.wait_for(transport.exchange(greeting, call_id="probe", turn=1), timeout_s + 5)
            segments = await asyncio.to_thread(_segments, answer.samples)
            if not segments:
                return VoiceProbe(answer.response_ms, "")
            lead_ms = audio.duration_ms(segments[0][0])
            text = await recognize(answer.samples[segments[0][0] : segments[-1][1]])
            return VoiceProbe(answer.response_ms + lead_ms, text)
        return await _probe_stream(transport, greeting, recognize, timeout_s, max_answer_s,
                                   int(spec.config.get("turnEndSilenceMs") or 1000))  # fmt: skip
    finally:
        await transport.close()


def _segments(samples: np.ndarray) -> list[tuple[int, int]]:
    return [(s.start, s.end) for s in speech_segments(samples)]


async def _probe_stream(
    transport: StreamingTransport, greeting: np.ndarray, recognize, timeout_s: float, max_answer_s: float,
    end_silence_ms: int,
) -> VoiceProbe:  # fmt: skip
    """The greeting in real time, then silence, on one clock: the agent's audio plays from
    its arrival on (after what is still playing), and the detector hears the silence after
    it too, so the reply ends `end_silence_ms` after its last sound (an agent that sends
    nothing once it has spoken is heard to stop)."""
    await transport.open("probe")
    frame = frame_samples(20)
    padded = np.concatenate([greeting, audio.silence(200)])
    limit_s = len(padded) / audio.RATE + timeout_s + max_answer_s + 1
    track = Track(limit_s)
    detector = SpeechDetector(hangover_ms=end_silence_ms)
    received: asyncio.Queue[tuple[float, AgentAudio]] = asyncio.Queue()

    async def listen() -> None:
        while True:
            event = await transport.receive()
            await received.put((time.monotonic(), event))  # placed where it arrived

    started = time.monotonic()

    def now(moment: float | None = None) -> int:
        return int(((time.monotonic() if moment is None else moment) - started) * audio.RATE)

    listener = asyncio.create_task(listen())
    try:
        greeting_end = len(greeting)
        deadline = greeting_end + int(timeout_s * audio.RATE)
        answer_deadline: int | None = None
        sent = scheduled_end = fed = 0
        while True:
            position = now()
            while sent <= position:  # the caller's side, in real time: the greeting, then silence
                chunk = padded[sent : sent + frame] if sent < len(padded) else audio.silence(20)
                await transport.send_audio(chunk)
                sent += frame
            while not received.empty():
                arrived, event = received.get_nowait()
                if event.kind == "audio" and event.samples is not None and len(event.samples):
                    scheduled_end = track.place(event.samples, max(now(arrived), scheduled_end, fed))
            if position > fed:  # what has been played so far, silence included
                detector.feed(track.read(fed, position))
                fed = position
            if answer_deadline is None and (detector.speaking or detector.segments):
                answer_deadline = fed + int(max_answer_s * audio.RATE)
            if detector.segments and not detector.speaking:
                break
            if fed >= (answer_deadline if answer_deadline is not None else deadline) or fed >= track.max_samples:
                break
            if listener.done():
                listener.result()  # raises the transport's error
            await asyncio.sleep(0.02)
        segments = [(s.start, s.end) for s in detector.close()]
        if not segments:
            raise TargetError("timeout", f"the agent did not answer within {timeout_s:g} s", retryable=False)
        onset, end = segments[0][0], segments[-1][1]
        text = await recognize(track.read(onset, end))
        return VoiceProbe(max(0, audio.duration_ms(onset - greeting_end)), text)
    finally:
        listener.cancel()
