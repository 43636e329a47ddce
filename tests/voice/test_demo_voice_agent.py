"""The starter library's demo voice agent (run inside Mimic, offline) hears a caller the way a
phone line does: a sound with no words in it after the caller has spoken (a buzz, a car on
the street) does not drop the answer in the making (it did, and the caller waited in
silence until the call timed out)."""

from __future__ import annotations

import asyncio

import numpy as np

from app.engine.targets import TargetSpec
from app.engine.targets.voice_hosted import HostedVoiceTransport
from app.models.library import AgentType
from app.services import agent_config
from app.voice import audio
from app.voice.speech import VoiceSettings, synthesize, word_error_rate

R = audio.RATE
OTHER_SENTENCE = "Please hold the line while I transfer you to the billing department now"
CALLER = VoiceSettings(variant="f5", rate_wpm=150)  # the voice the offline recogniser hears best
CONFIG = {"transport": "hosted", "systemPrompt": "You are Ava, the phone assistant for Acme Outfitters.",
          "model": "mimic/offline", "timeoutSeconds": 10}  # fmt: skip


def _buzz(seconds: float = 1.0) -> np.ndarray:
    """A 150 Hz sawtooth: the detector takes it for a voice, the recogniser finds no words in it."""
    t = np.arange(int(seconds * R)) / R
    return ((2 * ((150 * t) % 1) - 1) * 8000).astype(np.int16)


async def _call(*pieces: np.ndarray) -> tuple[list[int], list[dict[str, str]]]:
    """Feeds the pieces (silence between them) frame by frame, as a call does, and collects
    what the agent says until it has said nothing more for a while."""
    transport = HostedVoiceTransport(TargetSpec("demo", "voice", agent_config.validate(AgentType.voice, CONFIG)))
    try:
        await transport.open("call-1")
        stream = np.concatenate([audio.silence(300), *[np.concatenate([p, audio.silence(900)]) for p in pieces]])
        for offset in range(0, len(stream), R // 50):
            await transport.send_audio(stream[offset : offset + R // 50])
        answers = []
        while True:
            try:
                event = await asyncio.wait_for(transport.receive(), timeout=15 if not answers else 2)
            except TimeoutError:
                break
            answers.append(len(event.samples))
        return answers, transport.history
    finally:
        await transport.close()


async def test_a_sound_without_words_after_the_caller_does_not_drop_the_answer() -> None:
    said = "Hello, I am calling about my order, it has not arrived yet."
    speech = await synthesize(said, CALLER)
    answers, history = await _call(speech, _buzz())
    assert len(answers) == 1 and answers[0] > R // 2, answers  # answered once, aloud
    [caller, agent] = history
    # What the agent answered is what it heard the caller say (closer to it than to words not said).
    heard = caller["content"]
    assert caller["role"] == "user" and word_error_rate(said, heard) < word_error_rate(OTHER_SENTENCE, heard), heard
    assert agent["role"] == "assistant" and agent["content"]
