"""A voice agent that Mimic runs itself (the starter library's demo): it listens to the
caller with the offline engines (voice activity detection, then PocketSphinx), answers
through a hosted agent (a system prompt and a model, `mimic/offline` by default), speaks
with espeak-ng, and stops talking when the caller talks over it (barge-in), as a well-made
voice agent does. It is a streaming transport with no network: the call's frames go
straight to it.

With `greeting`, it speaks first when the call connects: its `firstMessage`, or else what its
model says to an instruction added to its system prompt (no made-up words of the caller).

A caller who says more before the answer is spoken (a pause mid-sentence) is answered on all
of it; a sound with no words in it (a car passing on a street) does not drop the answer in
the making.
"""

from __future__ import annotations

import asyncio
import contextlib
import time
from typing import ClassVar

import numpy as np

from app.engine.targets.base import TargetError, TargetSpec, Turn
from app.engine.targets.openai import hosted_agent_target
from app.engine.targets.voice import AgentAudio, register_transport
from app.voice import audio
from app.voice.speech import ListeningSettings, SpeechError, VoiceSettings, recognize, synthesize
from app.voice.vad import SpeechDetector

GREETING_INSTRUCTION = "The call has just connected and the caller has not spoken: greet them in one short sentence."
MAX_BUFFER_S = 60
MIN_UTTERANCE_S = 0.3


class HostedVoiceTransport:
    streaming: ClassVar[bool] = True
    kind: ClassVar[str] = "hosted"

    def __init__(self, spec: TargetSpec) -> None:
        self.config = spec.config
        self.agent = hosted_agent_target(spec.config, spec.credentials)
        greeting_prompt = f"{spec.config['systemPrompt']}\n\n{GREETING_INSTRUCTION}"
        self.greeter = hosted_agent_target({**spec.config, "systemPrompt": greeting_prompt}, spec.credentials)
        language, _, variant = str(spec.config.get("voice") or "en-us+f5").partition("+")
        self.voice = VoiceSettings(language=language, variant=variant or "f5",
                                   rate_wpm=int(spec.config.get("rateWpm") or 160), pitch=50)  # fmt: skip
        self.detector = SpeechDetector(hangover_ms=600)
        self.outbox: asyncio.Queue[AgentAudio] = asyncio.Queue()
        self.history: list[dict[str, str]] = []
        self.call_id = ""
        self._buffer: list[np.ndarray] = []
        self._buffer_start = 0  # stream position of the buffer's first sample
        self._segments_seen = 0
        self._speaking_until = 0.0  # when the audio handed to the call will have been played
        self._answering: asyncio.Task | None = None
        self._unanswered = ""  # what the caller said that no spoken answer has followed yet
        self._recognized: asyncio.Future | None = None  # the latest answer's words are known
        self._failure: TargetError | None = None

    async def open(self, call_id: str) -> None:
        self.call_id = call_id
        if self.config.get("greeting"):
            self._start_answer(None)

    async def send_audio(self, samples: np.ndarray) -> None:
        was_speaking = self.detector.speaking
        self.detector.feed(samples)  # microseconds a frame: no thread hop
        self._buffer.append(samples)
        if self.detector.speaking and not was_speaking and time.monotonic() < self._speaking_until:
            # The caller talks over the answer: stop talking (and drop an answer in the making).
            self._speaking_until = 0.0
            if self._answering is not None:
                self._answering.cancel()
            await self.outbox.put(AgentAudio("clear"))
        if len(self.detector.segments) > self._segments_seen:
            segment = self.detector.segments[-1]
            self._segments_seen = len(self.detector.segments)
            heard = np.concatenate(self._buffer)
            utterance = heard[max(0, segment.start - self._buffer_start) : segment.end - self._buffer_start]
            self._buffer_start += len(heard)
            self._buffer = []
            if len(utterance) >= MIN_UTTERANCE_S * audio.RATE:  # a click or a gust of noise is no question
                self._start_answer(utterance)
        elif sum(len(b) for b in self._buffer) > MAX_BUFFER_S * audio.RATE and not self.detector.speaking:
            self._buffer_start += sum(len(b) for b in self._buffer)
            self._buffer = []

    def _start_answer(self, utterance: np.ndarray | None) -> None:
        loop = asyncio.get_running_loop()
        previous = self._answering if self._answering is not None and not self._answering.done() else None
        before, recognized = self._recognized, loop.create_future()
        self._recognized = recognized
        self._answering = loop.create_task(self._answer(utterance, previous, before, recognized))
        # However the answer ends (even cancelled before it began), the next one may go on.
        self._answering.add_done_callback(lambda _: recognized.done() or recognized.set_result(None))

    async def _answer(
        self, utterance: np.ndarray | None, previous: asyncio.Task | None = None,
        before: asyncio.Future | None = None, recognized: asyncio.Future | None = None,
    ) -> None:  # fmt: skip
        """Answers `utterance` (None: the greeting). The words are taken in the order they were
        said (after the previous utterance's, `before`); an answer still in the making when the
        caller spoke again (`previous`) gives way if words were heard, else goes on (waited for
        here, so that a barge-in that cancels this task cancels it too)."""
        message = ""
        try:
            if utterance is None:  # the call connected: the agent speaks first (no words to wait for)
                if recognized is not None and not recognized.done():
                    recognized.set_result(None)
                said = str(self.config.get("firstMessage") or "").strip()
                if not said:
                    said = (await self.greeter.send(Turn(session_id=self.call_id, message=""))).content
            else:
                try:
                    heard = await recognize(utterance, ListeningSettings())
                    if before is not None:
                        await asyncio.shield(before)
                    if heard.text:
                        self._unanswered = f"{self._unanswered} {heard.text}".strip()
                finally:
                    if recognized is not None and not recognized.done():
                        recognized.set_result(None)
                if not heard.text:
                    if previous is not None:
                        await previous
                    return
                if previous is not None:
                    previous.cancel()
                message = self._unanswered
                reply = await self.agent.send(Turn(session_id=self.call_id, message=message,
                                                   history=list(self.history)))  # fmt: skip
                said = reply.content
            spoken = await synthesize(said, self.voice)
        except TargetError as exc:
            self._failure = exc
            await self.outbox.put(AgentAudio("error"))
            return
        except SpeechError as exc:
            self._failure = TargetError("bad_response", f"the demo agent could not speak: {exc.message}")
            await self.outbox.put(AgentAudio("error"))
            return
        # The exchange is history once it is spoken (an answer that gave way never was).
        self.history += ([{"role": "user", "content": message}] if message else []) + [
            {"role": "assistant", "content": said}]  # fmt: skip
        self._unanswered = ""
        self._speaking_until = max(time.monotonic(), self._speaking_until) + len(spoken) / audio.RATE
        await self.outbox.put(AgentAudio("audio", spoken))

    async def played_mark(self, name: str) -> None:
        return None

    async def receive(self) -> AgentAudio:
        event = await self.outbox.get()
        if event.kind == "error" and self._failure is not None:
            raise self._failure
        return event

    async def close(self) -> None:
        if self._answering is not None:
            self._answering.cancel()
            with contextlib.suppress(asyncio.CancelledError, Exception):
                await self._answering
        await self.agent.close()
        await self.greeter.close()


register_transport("hosted", HostedVoiceTransport)
