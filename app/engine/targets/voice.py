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
    await transport.open("probe")
    frame = frame_samples(20)
    heard: list[np.ndarray] = []
    detector = SpeechDetector(hangover_ms=end_silence_ms)
    first_audio_at: float | None = None  # when the first audio message came
    received: asyncio.Queue[AgentAudio] = asyncio.Queue()

    async def listen() -> None:
        while True:
            await received.put(await transport.receive())

    listener = asyncio.create_task(listen())
    try:
        padded = np.concatenate([greeting, audio.silence(200)])
        started = time.monotonic()
        for index in range(0, len(padded), frame):  # the greeting, in real time
            await transport.send_audio(padded[index : index + frame])
            await asyncio.sleep(max(0.0, started + (index + frame) / audio.RATE - time.monotonic()))
        ended = started + len(greeting) / audio.RATE
        deadline = ended + timeout_s
        answer_deadline: float | None = None
        while True:
            now = time.monotonic()
            limit = answer_deadline if answer_deadline is not None else deadline
            if now >= limit:
                break
            await transport.send_audio(audio.silence(20))
            try:
                event = await asyncio.wait_for(received.get(), timeout=0.02)
            except TimeoutError:
                if listener.done():
                    listener.result()  # raises the transport's error
                continue
            if event.kind != "audio" or event.samples is None:
                continue
            if first_audio_at is None:
                first_audio_at = time.monotonic()
            detector.feed(event.samples)
            heard.append(event.samples)
            if answer_deadline is None and (detector.speaking or detector.segments):
                answer_deadline = time.monotonic() + max_answer_s
            if detector.segments and not detector.speaking:
                break
        onset = detector.segments[0].start if detector.segments else detector.current_start
        if first_audio_at is None or onset is None:
            raise TargetError("timeout", f"the agent did not answer within {timeout_s:g} s", retryable=False)
        samples = np.concatenate(heard) if heard else np.zeros(0, dtype=np.int16)
        text = await recognize(samples)
        # Audio plays from its arrival on: the speech starts `onset` samples into what came.
        return VoiceProbe(max(0, int((first_audio_at + onset / audio.RATE - ended) * 1000)), text)
    finally:
        listener.cancel()
