"""The persona's mouth and ears: text-to-speech and speech-to-text engines.

Offline by default, with no key and no download: espeak-ng (Debian's package) speaks, and
PocketSphinx (its US English model ships inside its PyPI package) listens. Hosted speech
models go through app.llm (litellm's speech and transcription APIs).

The engines are CPU-bound or blocking: they never run on the event loop. espeak-ng is a
process of its own; PocketSphinx decodes in a small pool of worker processes (it holds the
GIL while decoding, which would stall a thread's whole process), at most one per core.
"""

from __future__ import annotations

import asyncio
import json
import queue
import re
import shutil
import subprocess
import sys
import threading
import time
from dataclasses import dataclass, field
from typing import Any, Protocol

import numpy as np

from app import llm
from app.settings import PROJECT_ROOT
from app.voice.audio import RATE, AudioFormatError, read_wav, trim, wav_bytes

ESPEAK = "espeak-ng"
OFFLINE_TTS = "espeak"
OFFLINE_STT = "pocketsphinx"
# The offline recogniser ships a US English model only.
OFFLINE_STT_LANGUAGES = ("en",)


class SpeechError(Exception):
    """A speech engine failed: kind is engine (missing or crashed) or one of LLMError's kinds."""

    def __init__(self, kind: str, message: str) -> None:
        super().__init__(message)
        self.kind = kind
        self.message = message


# -- voices ----------------------------------------------------------------------------------

ACCENTS = {
    "american": "en-us", "us": "en-us", "british": "en-gb", "uk": "en-gb", "english": "en-gb",
    "scottish": "en-gb-scotland", "caribbean": "en-029", "received pronunciation": "en-gb-x-rp", "rp": "en-gb-x-rp",
    "west midlands": "en-gb-x-gbcwmd", "lancashire": "en-gb-x-gbclan", "northern": "en-gb-x-gbclan",
}  # fmt: skip
_LEVEL_RATE = {"slow": 130, "medium": 165, "fast": 200}
_LEVEL_PITCH = {"low": 30, "medium": 50, "high": 70}


@dataclass(frozen=True)
class VoiceSettings:
    """How one party sounds. `rate_wpm` and `pitch` (0-99) drive espeak-ng; a hosted model
    gets `speed` (rate / 165) and its own voice name."""

    engine: str = OFFLINE_TTS  # espeak | hosted
    language: str = "en-us"  # an espeak-ng voice (language or accent), e.g. en-gb-scotland, es
    variant: str = "f2"  # espeak-ng voice variant (f1-f5, m1-m7, klatt...)
    rate_wpm: int = 165
    pitch: int = 50
    model: str | None = None  # hosted: e.g. openai/tts-1
    voice: str = "alloy"  # hosted voice name
    credentials: Any = field(default=None, repr=False)

    def describe(self) -> dict[str, Any]:
        if self.engine == "hosted":
            return {
                "engine": "hosted",
                "model": self.model,
                "voice": self.voice,
                "speed": round(self.rate_wpm / 165, 2),
            }
        return {"engine": OFFLINE_TTS, "voice": f"{self.language}+{self.variant}", "rateWpm": self.rate_wpm,
                "pitch": self.pitch}  # fmt: skip


def _level(value: Any, table: dict[str, int]) -> int | None:
    if isinstance(value, int | float) and not isinstance(value, bool):
        return int(value)
    return table.get(str(value).strip().lower()) if value is not None else None


def espeak_language(language: str, accent: Any = None) -> str:
    """The espeak-ng voice for a persona's language (an IETF tag) and an optional accent."""
    if accent:
        key = str(accent).strip().lower()
        if key in ACCENTS:
            return ACCENTS[key]
        if re.fullmatch(r"[a-z]{2,3}(-[a-z0-9-]{2,20})?", key):
            return key
    tag = (language or "en").lower()
    if tag in ("en", "en-us"):
        return "en-us"
    if tag.startswith("en-"):
        return {"en-gb": "en-gb", "en-uk": "en-gb", "en-au": "en-gb", "en-ie": "en-gb"}.get(tag, "en-us")
    return tag


def voice_from_traits(traits: dict[str, Any], language: str, overrides: dict[str, Any] | None = None) -> VoiceSettings:
    """Traits become voice settings: impatience and urgency speed speech up, a relaxed
    persona slows down; explicit `speaking_rate`, `pitch` and `accent` traits win, and the
    persona's voice config (`overrides`) wins over everything."""
    overrides = overrides or {}
    rate = 165
    patience, urgency = str(traits.get("patience_level") or ""), str(traits.get("urgency") or "")
    rate += {"low": 20, "high": -10}.get(patience, 0) + {"high": 25, "low": -15}.get(urgency, 0)
    age = traits.get("age")
    if isinstance(age, int | float) and age >= 70:
        rate -= 20
    pitch = 50
    style = str(traits.get("communication_style") or "").lower()
    if any(word in style for word in ("anxious", "excited", "nervous", "angry")):
        pitch += 12
    rate = _level(traits.get("speaking_rate"), _LEVEL_RATE) or rate
    pitch = _level(traits.get("pitch"), _LEVEL_PITCH) or pitch
    accent = overrides.get("accent") or traits.get("accent")
    return VoiceSettings(
        engine="hosted" if overrides.get("engine") == "hosted" else OFFLINE_TTS,
        language=espeak_language(language, accent),
        variant=str(overrides.get("espeakVariant") or "f2"),
        rate_wpm=int(overrides.get("rateWpm") or max(80, min(320, rate))),
        pitch=int(overrides["pitch"]) if overrides.get("pitch") is not None else max(0, min(99, pitch)),
        model=overrides.get("model"),
        voice=str(overrides.get("voice") or "alloy"),
        credentials=overrides.get("credentials"),
    )


# -- speaking ---------------------------------------------------------------------------------


def espeak_available() -> bool:
    return shutil.which(ESPEAK) is not None


def espeak(text: str, voice: VoiceSettings) -> np.ndarray:
    """espeak-ng's speech for `text` at the internal rate (blocking: a process of its own)."""
    if not espeak_available():
        raise SpeechError("engine", "espeak-ng is not installed (`make setup` installs it; Debian: apt-get install "
                                    "espeak-ng)")  # fmt: skip
    name = voice.language if voice.variant in ("", "default") else f"{voice.language}+{voice.variant}"
    try:
        done = subprocess.run(
            [ESPEAK, "-v", name, "-s", str(voice.rate_wpm), "-p", str(voice.pitch), "--stdin", "--stdout"],
            input=text.encode(), capture_output=True, timeout=60, check=False,
        )  # fmt: skip
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SpeechError("engine", f"espeak-ng failed: {exc}") from None
    if done.returncode != 0 or not done.stdout:
        raise SpeechError("engine", f"espeak-ng failed: {done.stderr.decode(errors='replace')[:300]}")
    return read_wav(done.stdout)


async def synthesize(text: str, voice: VoiceSettings) -> np.ndarray:
    """Speech for `text` at the internal rate, without the engine's leading and trailing
    silence. espeak-ng runs in a thread; a hosted model is called through app.llm."""
    if not text.strip():
        return np.zeros(0, dtype=np.int16)
    if voice.engine == "hosted":
        if not voice.model:
            raise SpeechError("bad_request", "a hosted voice needs a text-to-speech model")
        try:
            result = await llm.synthesize_speech(
                model=voice.model, text=text, voice=voice.voice, speed=round(voice.rate_wpm / 165, 2),
                credentials=voice.credentials,
            )  # fmt: skip
        except llm.LLMError as exc:
            raise SpeechError(exc.kind, exc.message) from None
        try:
            samples = await asyncio.to_thread(read_wav, result.audio)
        except AudioFormatError as exc:
            raise SpeechError("bad_output", f"the speech model did not answer WAV audio: {exc}") from None
        return await asyncio.to_thread(trim, samples)
    samples = await asyncio.to_thread(espeak, text, voice)
    return await asyncio.to_thread(trim, samples)


# -- listening -------------------------------------------------------------------------------


@dataclass(frozen=True)
class Word:
    word: str
    start_ms: int
    end_ms: int
    confidence: float


@dataclass(frozen=True)
class Recognition:
    text: str
    confidence: float | None  # the mean word posterior (offline) or the provider's figure
    words: tuple[Word, ...] = ()
    engine: str = OFFLINE_STT
    latency_ms: int = 0

    @property
    def word_count(self) -> int:
        return len(self.text.split())


@dataclass(frozen=True)
class ListeningSettings:
    engine: str = OFFLINE_STT  # pocketsphinx | hosted
    model: str | None = None  # hosted: e.g. openai/whisper-1
    language: str = "en"
    credentials: Any = field(default=None, repr=False)

    def describe(self) -> dict[str, Any]:
        if self.engine == "hosted":
            return {"engine": "hosted", "model": self.model, "language": self.language}
        return {"engine": OFFLINE_STT, "model": "en-us (shipped with pocketsphinx)", "language": "en-US"}


class RecognizerPool:
    """Worker processes that run PocketSphinx (app/voice/recognizer_worker.py): it holds the
    GIL while decoding, so a thread would freeze the event loop. Started on first use, at most
    `size` at once (one per core), each reused for many utterances; one that dies is replaced."""

    def __init__(self, size: int = 2) -> None:
        self.size = size
        self._idle: queue.Queue[subprocess.Popen] = queue.Queue()
        self._started = 0
        self._lock = threading.Lock()

    def _spawn(self) -> subprocess.Popen:
        worker = subprocess.Popen(
            [sys.executable, "-m", "app.voice.recognizer_worker"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL, cwd=str(PROJECT_ROOT),
        )  # fmt: skip
        if worker.stdout.read(4) != b"\x00\x00\x00\x00":
            worker.kill()
            raise SpeechError("engine", "the speech recogniser did not start (is pocketsphinx installed?)")
        return worker

    def _take(self) -> subprocess.Popen:
        with self._lock:
            try:
                return self._idle.get_nowait()
            except queue.Empty:
                if self._started < self.size:
                    self._started += 1
                    try:
                        return self._spawn()
                    except BaseException:
                        self._started -= 1
                        raise
        return self._idle.get()

    def decode(self, pcm: bytes) -> list[list]:
        """Blocking (run it in a thread): the words of one utterance."""
        worker = self._take()
        try:
            worker.stdin.write(len(pcm).to_bytes(4, "little") + pcm)
            worker.stdin.flush()
            size = int.from_bytes(worker.stdout.read(4), "little")
            answer = json.loads(worker.stdout.read(size))
        except (OSError, ValueError) as exc:
            worker.kill()
            with self._lock:
                self._started -= 1
            raise SpeechError("engine", f"the speech recogniser stopped: {exc}") from None
        self._idle.put(worker)
        return answer["words"]

    def warm(self) -> None:
        self._idle.put(self._take())


RECOGNIZERS = RecognizerPool()


def recognize_offline(samples: np.ndarray) -> Recognition:
    """PocketSphinx over 16 kHz samples (blocking: run it in a thread; the decoding itself
    happens in a worker process)."""
    started = time.perf_counter()
    if len(samples) < RATE // 10:
        return Recognition("", None, engine=OFFLINE_STT)
    words = [Word(w, start, end, conf) for w, start, end, conf in
             RECOGNIZERS.decode(np.ascontiguousarray(samples, dtype="<i2").tobytes())]  # fmt: skip
    text = " ".join(w.word for w in words)
    confidence = round(float(np.mean([w.confidence for w in words])), 3) if words else None
    return Recognition(text, confidence, tuple(words), OFFLINE_STT, int((time.perf_counter() - started) * 1000))


async def warm_up() -> None:
    """Starts a recogniser before the first answer needs it (about a second on a busy machine)."""
    await asyncio.to_thread(RECOGNIZERS.warm)


async def recognize(samples: np.ndarray, listening: ListeningSettings) -> Recognition:
    """What was said in `samples` (16 kHz)."""
    if listening.engine == "hosted":
        if not listening.model:
            raise SpeechError("bad_request", "hosted listening needs a speech-to-text model")
        wav = await asyncio.to_thread(wav_bytes, samples)
        try:
            result = await llm.transcribe_speech(
                model=listening.model, wav=wav, language=listening.language, credentials=listening.credentials
            )
        except llm.LLMError as exc:
            raise SpeechError(exc.kind, exc.message) from None
        return Recognition(result.text, result.confidence, engine="hosted", latency_ms=result.latency_ms)
    return await asyncio.to_thread(recognize_offline, samples)


class Speaker(Protocol):
    async def __call__(self, text: str, voice: VoiceSettings) -> np.ndarray: ...


# -- word error rate ----------------------------------------------------------------------------


_ONES = ("zero one two three four five six seven eight nine ten eleven twelve thirteen fourteen fifteen sixteen "
         "seventeen eighteen nineteen").split()  # fmt: skip
_TENS = "_ _ twenty thirty forty fifty sixty seventy eighty ninety".split()


def number_words(n: int) -> str:
    """An integer as it is spoken ("twenty seven thousand two hundred thirty"), as speech
    engines say it and recognisers write it."""
    if n < 20:
        return _ONES[n]
    if n < 100:
        return _TENS[n // 10] + ("" if n % 10 == 0 else " " + _ONES[n % 10])
    if n < 1000:
        return _ONES[n // 100] + " hundred" + ("" if n % 100 == 0 else " " + number_words(n % 100))
    for size, name in ((10**9, "billion"), (10**6, "million"), (1000, "thousand")):
        if n >= size:
            rest = n % size
            return number_words(n // size) + f" {name}" + ("" if rest == 0 else " " + number_words(rest))
    raise AssertionError("unreachable")  # pragma: no cover


def normalize_words(text: str) -> list[str]:
    """Lower case words without punctuation, numbers as spoken words (the spoken form that
    word error rates are counted on)."""
    text = re.sub(r"(?<=\d),(?=\d{3})", "", text.lower())  # 4,095 is one number
    text = re.sub(r"\d{1,12}", lambda m: f" {number_words(int(m.group()))} ", text)
    return re.findall(r"[a-z']+", text.replace("-", " "))


def word_error_rate(reference: str, hypothesis: str) -> float:
    """(substitutions + deletions + insertions) / reference words (Levenshtein over words)."""
    ref, hyp = normalize_words(reference), normalize_words(hypothesis)
    if not ref:
        return 0.0 if not hyp else 1.0
    previous = list(range(len(hyp) + 1))
    for i, r in enumerate(ref, 1):
        current = [i] + [0] * len(hyp)
        for j, h in enumerate(hyp, 1):
            current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (r != h))
        previous = current
    return previous[-1] / len(ref)
