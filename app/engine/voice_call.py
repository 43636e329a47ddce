"""A live call over a streaming transport, on one clock.

A ticker sends the caller's audio one frame every `frame_ms` (what the persona is saying,
or silence; with the background noise mixed in), plays the agent's audio as it arrives
(from its arrival on, after what is still playing; a `clear` cuts what was not played yet),
echoes marks once played, and feeds the agent's played audio to a voice activity detector.
The session logic waits on conditions over this timeline (`until`), so what it measures is
positions on the recording, not the moment a task happened to wake up.
"""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Callable

import numpy as np

from app.engine.targets.voice import StreamingTransport, answer_too_large, frame_samples, max_answer_samples
from app.voice.audio import RATE, active_rms
from app.voice.realism import NoiseSource
from app.voice.timeline import CallRecording, Track
from app.voice.vad import SpeechDetector

logger = logging.getLogger("mimic.voice_call")


class StreamingCall:
    def __init__(
        self,
        transport: StreamingTransport,
        recording: CallRecording,
        *,
        frame_ms: int = 20,
        noise: NoiseSource | None = None,
    ) -> None:
        self.transport = transport
        self.recording = recording
        self.frame = frame_samples(frame_ms)
        self.noise = noise
        self.speech = Track(recording.persona.max_samples / RATE)  # the persona's clean speech, scheduled
        self.agent_detector = SpeechDetector(hangover_ms=200)
        self.agent_scheduled_end = 0
        self._marks: list[tuple[str, int]] = []
        self._sent = 0  # samples sent (the ticker's position)
        self._fed = 0  # agent samples fed to the detector
        self._t0 = 0.0
        self._tick = asyncio.Event()
        self._failure: BaseException | None = None
        self._tasks: list[asyncio.Task] = []

    # -- the clock ---------------------------------------------------------------------------

    def now(self) -> int:
        """The current position (samples since the call started)."""
        return max(self._sent - self.frame, int((asyncio.get_running_loop().time() - self._t0) * RATE))

    @property
    def played(self) -> int:
        """How far the agent's audio has been played and analysed."""
        return self._fed

    async def start(self, call_id: str) -> None:
        await self.transport.open(call_id)
        loop = asyncio.get_running_loop()
        self._t0 = loop.time()
        self._tasks = [loop.create_task(self._tick_forever(), name=f"voice-ticker-{call_id}"),
                       loop.create_task(self._receive_forever(), name=f"voice-receiver-{call_id}")]  # fmt: skip

    async def stop(self) -> None:
        for task in self._tasks:
            task.cancel()
        for task in self._tasks:
            try:
                await task
            except (asyncio.CancelledError, Exception):
                pass
        self.agent_detector.close()

    async def _tick_forever(self) -> None:
        loop = asyncio.get_running_loop()
        try:
            while True:
                frame = self.speech.read(self._sent, self._sent + self.frame)
                if len(frame) < self.frame:
                    frame = np.concatenate([frame, np.zeros(self.frame - len(frame), dtype=np.int16)])
                if self.noise is not None:
                    frame = self.noise.over(frame)
                await self.transport.send_audio(frame)
                self.recording.persona.place(frame, self._sent)
                self._sent += self.frame
                self._play_until(self._sent - self.frame)
                self._tick.set()
                self._tick = asyncio.Event()
                await asyncio.sleep(max(0.0, self._t0 + self._sent / RATE - loop.time()))
        except asyncio.CancelledError:
            raise
        except BaseException as exc:  # the transport failed: the session logic raises it
            self._fail(exc)

    def _play_until(self, position: int) -> None:
        if position > self._fed:
            self.agent_detector.feed(self.recording.agent.read(self._fed, position))
            self._fed = position
        while self._marks and self._marks[0][1] <= position:
            name, _ = self._marks.pop(0)
            task = asyncio.get_running_loop().create_task(self.transport.played_mark(name))
            task.add_done_callback(self._mark_sent)

    def _mark_sent(self, task: asyncio.Task) -> None:
        if not task.cancelled() and task.exception() is not None:
            self._fail(task.exception())

    async def _receive_forever(self) -> None:
        try:
            while True:
                event = await self.transport.receive()
                position = max(self.now(), self._fed)
                if event.kind == "audio" and event.samples is not None and len(event.samples):
                    at = max(position, self.agent_scheduled_end)
                    if at + len(event.samples) - position > max_answer_samples():
                        raise answer_too_large("the agent queued")
                    self.agent_scheduled_end = self.recording.agent.place(event.samples, at)
                elif event.kind == "clear":
                    self.recording.agent.cut(position)
                    self.agent_scheduled_end = min(self.agent_scheduled_end, position)
                    for name, _ in self._marks:  # as Twilio does: marks of cleared audio come back at once
                        await self.transport.played_mark(name)
                    self._marks = []
                elif event.kind == "mark":
                    self._marks.append((event.name, max(self.agent_scheduled_end, position)))
        except asyncio.CancelledError:
            raise
        except BaseException as exc:
            self._fail(exc)

    def _fail(self, exc: BaseException) -> None:
        if self._failure is None:
            self._failure = exc
        self._tick.set()

    # -- what the session logic uses ----------------------------------------------------------

    def say(self, samples: np.ndarray, at: int) -> int:
        """Schedules the persona's speech from `at`; returns where it ends."""
        if self.noise is not None:
            self.noise.level_for(active_rms(samples))
        return self.speech.place(samples, at)

    def agent_speech(self, since: int) -> list[tuple[int, int]]:
        """The agent's speech segments that end after `since` (the open one included, to now)."""
        spans = [(s.start, s.end) for s in self.agent_detector.segments if s.end > since]
        if self.agent_detector.current_start is not None:
            spans.append((self.agent_detector.current_start, self.agent_detector.last_voiced_end))
        return [(max(s, since), e) for s, e in spans]

    @property
    def agent_speaking(self) -> bool:
        return self.agent_detector.speaking

    async def until(self, condition: Callable[[], bool], timeout_s: float | None = None) -> bool:
        """Waits tick by tick until `condition()` holds (True) or the timeout passes (False).
        Raises what broke the transport."""
        loop = asyncio.get_running_loop()
        deadline = None if timeout_s is None else loop.time() + timeout_s
        while True:
            if self._failure is not None:
                raise self._failure
            if condition():
                return True
            if deadline is not None and loop.time() >= deadline:
                return False
            tick = self._tick
            try:
                await asyncio.wait_for(tick.wait(), None if deadline is None else max(0.0, deadline - loop.time()))
            except TimeoutError:
                pass

    async def until_position(self, position: int) -> None:
        await self.until(lambda: self._fed >= position)
