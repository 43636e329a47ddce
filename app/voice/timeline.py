"""A call's two channels on one timeline: what the persona said (as sent, noise included)
and what the agent said (as the caller heard it: played from its arrival on, cut short by a
`clear`). Positions are samples at the internal rate from the start of the call."""

from __future__ import annotations

import numpy as np

from app.voice.audio import RATE, stereo_wav, wav_bytes

_GROW = RATE * 30


class Track:
    """A growing mono track; audio placed at a position overwrites what was there."""

    def __init__(self, max_seconds: float) -> None:
        self.max_samples = int(max_seconds * RATE)
        self.data = np.zeros(min(_GROW, self.max_samples), dtype=np.int16)
        self.length = 0  # the end of the last audio placed (or cut)
        self.overflowed = False

    def _reserve(self, end: int) -> int:
        end = min(end, self.max_samples)
        if end > len(self.data):
            grown = np.zeros(min(self.max_samples, max(end, len(self.data) + _GROW)), dtype=np.int16)
            grown[: len(self.data)] = self.data
            self.data = grown
        return end

    def place(self, samples: np.ndarray, at: int) -> int:
        """Writes `samples` from `at`; returns where they end (clipped to the track's limit)."""
        at = max(0, at)
        end = self._reserve(at + len(samples))
        if end < at + len(samples):
            self.overflowed = True
        if end > at:
            self.data[at:end] = samples[: end - at]
        self.length = max(self.length, end)
        return at + len(samples)

    def append(self, samples: np.ndarray) -> None:
        self.place(samples, self.length)

    def cut(self, at: int) -> None:
        """Drops what was placed from `at` on (audio not yet played)."""
        if at < self.length:
            self.data[max(0, at) : self.length] = 0
            self.length = max(0, at)

    def read(self, start: int, end: int) -> np.ndarray:
        """The track from `start` to `end`, silence where nothing was placed: always the length
        asked for (up to the track's limit), since a reader keeps time by what it reads (the
        agent's detector counts samples: a short read past the buffer would put it behind)."""
        start, end = max(0, start), max(0, min(end, self.max_samples))
        if end <= start:
            return np.zeros(0, dtype=np.int16)
        out = np.zeros(end - start, dtype=np.int16)
        held = min(end, len(self.data))
        if held > start:
            out[: held - start] = self.data[start:held]
        return out

    def samples(self, until: int | None = None) -> np.ndarray:
        return self.data[: self.length if until is None else min(until, len(self.data))]


class CallRecording:
    """Both channels: persona on the left, agent on the right."""

    def __init__(self, max_seconds: float) -> None:
        self.persona = Track(max_seconds)
        self.agent = Track(max_seconds)

    @property
    def duration(self) -> int:
        return max(self.persona.length, self.agent.length)

    def stereo(self) -> bytes:
        end = self.duration
        return stereo_wav(self.persona.samples(end), self.agent.samples(end))

    def mono(self, channel: str) -> bytes:
        track = self.persona if channel == "persona" else self.agent
        return wav_bytes(track.samples(self.duration))
