"""Voice activity detection: where a party starts and stops speaking.

WebRTC's detector (webrtcvad, from PyPI) decides per 20 ms frame; a segment starts when 3
of 5 frames are speech and ends after `hangover_ms` without speech. The detector misses
the soft start of a word (an unvoiced consonant), so a start is moved back over the frames
just before it that still carry sound above the background: onsets are measured to the
frame (20 ms), not to the detector's decision.
"""

from __future__ import annotations

from collections import deque
from dataclasses import dataclass

import numpy as np
import webrtcvad

from app.voice.audio import RATE

FRAME_MS = 20
_LOOKBACK_FRAMES = 15  # at most 300 ms before the detector's decision


@dataclass(frozen=True)
class Segment:
    start: int  # samples from the start of the stream
    end: int

    def ms(self, rate: int = RATE) -> tuple[int, int]:
        return int(self.start * 1000 / rate), int(self.end * 1000 / rate)


class SpeechDetector:
    """Fed a stream of samples in any chunk sizes; knows the closed segments, and whether
    speech is going on now."""

    def __init__(
        self,
        rate: int = RATE,
        *,
        aggressiveness: int = 2,
        start_frames: int = 3,
        window: int = 5,
        hangover_ms: int = 300,
        noise_gate_db: float = 6.0,
    ) -> None:
        self.rate = rate
        self.frame = rate * FRAME_MS // 1000
        self._vad = webrtcvad.Vad(aggressiveness)
        self._start_frames = start_frames
        self._recent: deque[bool] = deque(maxlen=window)
        self._levels: deque[float] = deque(maxlen=_LOOKBACK_FRAMES + window)
        self._hangover = max(1, hangover_ms // FRAME_MS)
        # A frame is speech only if it is also this much louder than the quietest of the last
        # two seconds: WebRTC's detector alone takes steady street noise for speech, and a
        # caller's turn would never end.
        self._gate = 10 ** (noise_gate_db / 20)
        self._recent_levels: deque[float] = deque(maxlen=100)
        self._pending = np.zeros(0, dtype=np.int16)
        self._frames = 0  # frames consumed
        self._silent_run = 0
        self._floor: float | None = None
        self.segments: list[Segment] = []
        self.current_start: int | None = None
        self.last_voiced_end = 0

    @property
    def position(self) -> int:
        return self._frames * self.frame

    @property
    def speaking(self) -> bool:
        return self.current_start is not None

    def feed(self, samples: np.ndarray) -> None:
        data = np.concatenate([self._pending, samples.astype(np.int16, copy=False)]) if len(self._pending) else samples
        whole = len(data) // self.frame * self.frame
        for offset in range(0, whole, self.frame):
            self._frame(data[offset : offset + self.frame])
        self._pending = data[whole:].copy()

    def _frame(self, frame: np.ndarray) -> None:
        level = float(np.sqrt(np.mean(frame.astype(np.float64) ** 2)))
        self._recent_levels.append(level)
        voiced = self._vad.is_speech(frame.tobytes(), self.rate) and level > min(self._recent_levels) * self._gate
        self._recent.append(voiced)
        self._levels.append(level)
        if not voiced:  # the background: a slow-moving estimate from unvoiced frames
            self._floor = level if self._floor is None else 0.95 * self._floor + 0.05 * level
        self._frames += 1
        end = self._frames * self.frame
        if self.current_start is None:
            if sum(self._recent) >= self._start_frames:
                self.current_start = self._onset()
                self._silent_run = 0
                self.last_voiced_end = end
            return
        if voiced:
            self._silent_run = 0
            self.last_voiced_end = end
            return
        self._silent_run += 1
        if self._silent_run >= self._hangover:
            self.segments.append(Segment(self.current_start, self.last_voiced_end))
            self.current_start = None
            self._recent.clear()

    def _onset(self) -> int:
        """The first frame of the window that was voiced, moved back over louder-than-
        background frames just before it."""
        first_voiced = len(self._recent) - next(i for i, v in enumerate(self._recent) if v)
        index = self._frames - first_voiced  # frame index of the first voiced frame
        threshold = max(32768 * 10 ** (-55 / 20), (self._floor or 0.0) * 2.8)  # about 9 dB over the floor
        levels = list(self._levels)
        back = len(levels) - first_voiced - 1
        while back >= 0 and levels[back] > threshold and index > 0:
            index -= 1
            back -= 1
        return index * self.frame

    def close(self) -> list[Segment]:
        """Ends the stream: an open segment is closed where its speech last was."""
        if self.current_start is not None:
            self.segments.append(Segment(self.current_start, self.last_voiced_end))
            self.current_start = None
        return self.segments


def speech_segments(samples: np.ndarray, rate: int = RATE, *, hangover_ms: int = 300) -> list[Segment]:
    detector = SpeechDetector(rate, hangover_ms=hangover_ms)
    detector.feed(samples)
    return detector.close()
