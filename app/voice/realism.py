"""What makes a simulated caller sound like a real one: background noise (generated, never
downloaded), hesitations and fillers, pauses mid-sentence, and barge-in.

Every choice is drawn from a seeded generator, so a session with a seed sounds the same
each time.
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field

import numpy as np

from app.voice.audio import RATE

NOISE_KINDS = ("white", "pink", "brown", "street", "babble", "office")
FILLERS = {
    "en": ["um", "uh", "er", "well", "you know", "like", "hmm"],
    "es": ["eh", "este", "pues", "bueno", "o sea"],
    "fr": ["euh", "ben", "bah", "alors", "tu vois"],
    "de": ["äh", "ähm", "also", "naja"],
    "it": ["ehm", "cioè", "allora", "tipo"],
    "pt": ["é", "tipo", "então", "né"],
}


@dataclass(frozen=True)
class BargeIn:
    """The persona starts talking `after_ms` into an agent's answer, on every `every`-th
    answer, at most `max_times` in a session."""

    after_ms: int
    every: int = 1
    max_times: int = 1


@dataclass(frozen=True)
class Realism:
    noise: str | None = None  # one of NOISE_KINDS
    snr_db: float = 20.0
    fillers: float = 0.0  # the chance that a sentence gets a filler or a hesitation
    pauses: float = 0.0  # the chance that a sentence is broken by a pause
    pause_ms: int = 800
    barge_in: BargeIn | None = None
    extra: dict = field(default_factory=dict)


# -- noise -------------------------------------------------------------------------------


def _lfilter(b: list[float], a: list[float], x: np.ndarray) -> np.ndarray:
    # scipy.signal is imported by the calls that make noise (app/voice/audio.py says why).
    from scipy.signal import lfilter

    return lfilter(b, a, x)


def _pink(rng: np.random.Generator, n: int) -> np.ndarray:
    # Paul Kellet's economical filter: within 0.05 dB of 1/f above 10 Hz at 16 kHz.
    b = [0.049922035, -0.095993537, 0.050612699, -0.004408786]
    a = [1, -2.494956002, 2.017265875, -0.522189400]
    return _lfilter(b, a, rng.standard_normal(n))


def _brown(rng: np.random.Generator, n: int) -> np.ndarray:
    walk = _lfilter([1.0], [1, -0.998], rng.standard_normal(n))
    return walk - walk.mean()


def _envelope(rng: np.random.Generator, n: int, rate: int, events_per_s: float, length_s: float) -> np.ndarray:
    """Occasional swells (a passing car, a burst of voices): raised-cosine bumps."""
    env = np.zeros(n)
    count = max(1, int(n / rate * events_per_s))
    width = int(length_s * rate)
    bump = 0.5 - 0.5 * np.cos(np.linspace(0, 2 * np.pi, width))
    for start in rng.integers(0, max(1, n - width), count):
        env[start : start + width] += bump[: n - start]
    return env


def generate_noise(kind: str, seconds: float, *, seed: int | None = None, rate: int = RATE) -> np.ndarray:
    """Unit-scaled background noise of a kind; `mix` sets its level from the SNR."""
    rng = np.random.default_rng(seed)
    n = max(1, int(seconds * rate))
    if kind == "white":
        out = rng.standard_normal(n)
    elif kind == "pink":
        out = _pink(rng, n)
    elif kind == "brown":
        out = _brown(rng, n)
    elif kind == "street":
        # Traffic rumble, passing cars that swell and fade, and a hiss of wind.
        rumble = _brown(rng, n)
        cars = _pink(rng, n) * (0.3 + 2.0 * _envelope(rng, n, rate, 0.25, 3.0))
        out = rumble / (np.std(rumble) or 1) + cars / (np.std(cars) or 1) + 0.2 * rng.standard_normal(n)
    elif kind == "babble":
        # Many far-off voices: pink noise shaped by syllable-rate (4 Hz) modulations.
        t = np.arange(n) / rate
        voices = np.zeros(n)
        for _ in range(6):
            rate_hz = rng.uniform(3, 6)
            voices += _pink(rng, n) * (0.6 + 0.4 * np.sin(2 * np.pi * rate_hz * t + rng.uniform(0, 6.28)))
        out = voices
    elif kind == "office":
        # Air conditioning hum and keyboard clicks.
        t = np.arange(n) / rate
        hum = 0.3 * np.sin(2 * np.pi * 120 * t) + _pink(rng, n) * 0.5
        clicks = np.zeros(n)
        for start in rng.integers(0, n, max(1, int(n / rate * 6))):
            length = min(80, n - start)
            clicks[start : start + length] += rng.standard_normal(length) * np.exp(-np.arange(length) / 15) * 8
        out = hum + clicks
    else:
        raise ValueError(f"unknown noise kind {kind!r} (one of {', '.join(NOISE_KINDS)})")
    out = out - out.mean()
    std = np.std(out)
    return (out / std if std else out).astype(np.float32)


class NoiseSource:
    """A continuous background: consecutive calls give consecutive stretches of one noise."""

    def __init__(self, kind: str, snr_db: float, *, seed: int | None = None, loop_s: float = 20.0) -> None:
        self.kind = kind
        self.snr_db = snr_db
        self._noise = generate_noise(kind, loop_s, seed=seed)
        self._position = 0
        self.speech_rms: float | None = None  # set from the first utterance: the level stays put

    def take(self, count: int) -> np.ndarray:
        idx = (self._position + np.arange(count)) % len(self._noise)
        self._position = (self._position + count) % len(self._noise)
        return self._noise[idx]

    def level_for(self, speech_rms: float) -> float:
        if self.speech_rms is None and speech_rms > 0:
            self.speech_rms = speech_rms
        return (self.speech_rms or 0.0) / 10 ** (self.snr_db / 20)

    def over(self, samples: np.ndarray) -> np.ndarray:
        """`samples` with the background added (the level follows the first utterance)."""
        level = self.level_for(0.0)
        if level == 0:
            return samples
        mixed = samples.astype(np.float64) + self.take(len(samples)) * level
        return np.clip(mixed, -32768, 32767).astype(np.int16)


# -- how the persona says it ----------------------------------------------------------------

_SENTENCE = re.compile(r"(?<=[.!?])\s+")


@dataclass(frozen=True)
class Piece:
    """A stretch of speech, then a pause before the next piece."""

    text: str
    pause_ms: int = 0


def spoken_pieces(text: str, realism: Realism, rng: random.Random, language: str = "en") -> list[Piece]:
    """The text as the persona says it: fillers and hesitations inserted, and broken into
    pieces with pauses between them. The joined pieces are the transcript of what was said."""
    fillers = FILLERS.get(language.split("-")[0].lower(), FILLERS["en"])
    pieces: list[Piece] = []
    for sentence in (s for s in _SENTENCE.split(text.strip()) if s):
        words = sentence.split()
        if realism.fillers and rng.random() < realism.fillers and words:
            filler = rng.choice(fillers)
            if rng.random() < 0.5:  # a hesitation at the start: "um, I need..."
                first = words[0] if words[0] == "I" or words[0][:2].isupper() else words[0][0].lower() + words[0][1:]
                words = [f"{filler.capitalize()},", first, *words[1:]]
            else:  # a restart mid-sentence: "I need, uh, I need..."
                cut = rng.randint(1, max(1, min(3, len(words) - 1)))
                words = [*words[: cut - 1], words[cut - 1].rstrip(",") + ",", f"{filler},", *words[:cut], *words[cut:]]
        if realism.pauses and rng.random() < realism.pauses and len(words) > 3:
            cut = rng.randint(2, len(words) - 1)
            pieces.append(Piece(" ".join(words[:cut]), realism.pause_ms))
            words = words[cut:]
        pieces.append(Piece(" ".join(words), 0))
    return pieces or [Piece(text.strip())]


def spoken_text(pieces: list[Piece]) -> str:
    return " ".join(p.text for p in pieces).strip()
