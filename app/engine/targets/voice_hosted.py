"""A voice agent that Mimic runs itself (the starter library's demo): it listens to the
caller with the offline engines (voice activity detection, then PocketSphinx), answers
through a hosted agent (a system prompt and a model, `mimic/offline` by default), speaks
with espeak-ng, and stops talking when the caller talks over it (barge-in), as a well-made
voice agent does. It is a streaming transport with no network: the call's frames go
straight to it.

With `greeting`, it speaks first when the call connects: its `firstMessage`, or else what its
model says to an instruction added to its system prompt (no made-up words of the caller).
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
        if self._answering is not None and not self._answering.done():
            self._answering.cancel()
        self._answering = asyncio.get_running_loop().create_task(self._answer(utterance))

    async def _answer(self, utterance: np.ndarray | None) -> None:
        try:
            if utterance is None:  # the call connected: the agent speaks first
                said = str(self.config.get("firstMessage") or "").strip()
                if not said:
                    said = (await self.greeter.send(Turn(session_id=self.call_id, message=""))).content
            else:
                heard = await recognize(utterance, ListeningSettings())
                if not heard.text:
                    return
                reply = await self.agent.send(
                    Turn(session_id=self.call_id, message=heard.text, history=list(self.history))
                )
                self.history.append({"role": "user", "content": heard.text})
                said = reply.content
            self.history.append({"role": "assistant", "content": said})
            spoken = await synthesize(said, self.voice)
        except TargetError as exc:
            self._failure = exc
            await self.outbox.put(AgentAudio("error"))
            return
        except SpeechError as exc:
            self._failure = TargetError("bad_response", f"the demo agent could not speak: {exc.message}")
            await self.outbox.put(AgentAudio("error"))
            return
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
