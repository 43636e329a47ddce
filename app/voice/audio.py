"""Audio as Mimic handles it: mono 16-bit PCM in numpy arrays at one internal rate (16 kHz),
converted at the edges (transports, engines, recordings).

Codecs: 16-bit little-endian PCM and G.711 mu-law (the telephone codec of Twilio-style media
streams), written here with numpy: the standard library's `audioop` is gone in Python 3.13.
"""

from __future__ import annotations

import io
import math
import wave
from dataclasses import dataclass

import numpy as np

RATE = 16_000  # the internal rate: what the recogniser and the voice activity detector use
SUPPORTED_RATES = (8_000, 16_000, 22_050, 24_000, 32_000, 44_100, 48_000)


class AudioFormatError(ValueError):
    """Bytes that are not the audio they claim to be."""


def silence(ms: float, rate: int = RATE) -> np.ndarray:
    return np.zeros(int(round(rate * ms / 1000)), dtype=np.int16)


def duration_ms(samples: np.ndarray | int, rate: int = RATE) -> int:
    count = samples if isinstance(samples, int) else len(samples)
    return int(round(count * 1000 / rate))


def load_signal_processing() -> None:
    """Imports scipy.signal, which resampling and noise use: 0.7 s the first time (more on a busy
    machine). A voice session calls this in a thread before its call, so that the import never
    holds the event loop mid-call (and every call's timings with it)."""
    import scipy.signal  # noqa: F401


def resample(samples: np.ndarray, from_rate: int, to_rate: int) -> np.ndarray:
    if from_rate == to_rate or len(samples) == 0:
        return samples.astype(np.int16, copy=False)
    # scipy.signal is imported here, by the voice sessions that resample: it is 0.7 s of every
    # process start otherwise, and most processes never place a call.
    from scipy.signal import resample_poly

    g = math.gcd(from_rate, to_rate)
    out = resample_poly(samples.astype(np.float32), to_rate // g, from_rate // g)
    return np.clip(np.round(out), -32768, 32767).astype(np.int16)


# -- codecs ------------------------------------------------------------------------------

_MU_BIAS = 0x84
_MU_SEGMENT_ENDS = np.array([0x3F, 0x7F, 0xFF, 0x1FF, 0x3FF, 0x7FF, 0xFFF, 0x1FFF])


def mulaw_encode(samples: np.ndarray) -> bytes:
    """G.711 mu-law, one byte a sample: the ITU/Sun reference algorithm (as CPython's audioop
    did it), vectorised: 14-bit magnitude, clipped at 8159, biased by 33, then segment and
    4-bit mantissa, every bit inverted."""
    x = samples.astype(np.int32) >> 2
    negative = x < 0
    magnitude = np.minimum(np.where(negative, -x, x), 8159) + (_MU_BIAS >> 2)
    segment = np.searchsorted(_MU_SEGMENT_ENDS, magnitude)  # the first end >= magnitude
    mantissa = (magnitude >> (np.minimum(segment, 7) + 1)) & 0x0F
    value = np.where(segment >= 8, 0x7F, (segment << 4) | mantissa)
    mask = np.where(negative, 0x7F, 0xFF)
    return (value ^ mask).astype(np.uint8).tobytes()


def mulaw_decode(data: bytes) -> np.ndarray:
    u = ~np.frombuffer(data, dtype=np.uint8).astype(np.int32) & 0xFF
    sign = u & 0x80
    exponent = (u >> 4) & 0x07
    mantissa = u & 0x0F
    magnitude = (((mantissa << 3) + _MU_BIAS) << exponent) - _MU_BIAS
    return np.where(sign != 0, -magnitude, magnitude).astype(np.int16)


def pcm16_decode(data: bytes) -> np.ndarray:
    if len(data) % 2:
        raise AudioFormatError("16-bit PCM needs an even number of bytes")
    return np.frombuffer(data, dtype="<i2").astype(np.int16)


def pcm16_encode(samples: np.ndarray) -> bytes:
    return samples.astype("<i2").tobytes()


@dataclass(frozen=True)
class Codec:
    """How audio travels on a transport: encoding and sample rate (mono)."""

    encoding: str  # "pcm16" | "mulaw"
    rate: int

    @property
    def bytes_per_sample(self) -> int:
        return 1 if self.encoding == "mulaw" else 2

    def encode(self, samples: np.ndarray, from_rate: int = RATE) -> bytes:
        converted = resample(samples, from_rate, self.rate)
        return mulaw_encode(converted) if self.encoding == "mulaw" else pcm16_encode(converted)

    def decode(self, data: bytes, to_rate: int = RATE) -> np.ndarray:
        samples = mulaw_decode(data) if self.encoding == "mulaw" else pcm16_decode(data)
        return resample(samples, self.rate, to_rate)

    def frame_bytes(self, frame_ms: int) -> int:
        return self.rate * frame_ms // 1000 * self.bytes_per_sample

    @property
    def mime(self) -> str:
        return "audio/x-mulaw" if self.encoding == "mulaw" else "audio/l16"


# -- WAV ---------------------------------------------------------------------------------


def wav_bytes(samples: np.ndarray, rate: int = RATE, channels: int = 1) -> bytes:
    """A 16-bit WAV file; `samples` is (n,) mono or (n, channels) interleaved."""
    buffer = io.BytesIO()
    with wave.open(buffer, "wb") as out:
        out.setnchannels(channels)
        out.setsampwidth(2)
        out.setframerate(rate)
        out.writeframes(np.ascontiguousarray(samples, dtype="<i2").tobytes())
    return buffer.getvalue()


def stereo_wav(left: np.ndarray, right: np.ndarray, rate: int = RATE) -> bytes:
    length = max(len(left), len(right))
    frames = np.zeros((length, 2), dtype=np.int16)
    frames[: len(left), 0] = left
    frames[: len(right), 1] = right
    return wav_bytes(frames, rate, channels=2)


def read_wav(data: bytes, to_rate: int = RATE) -> np.ndarray:
    """Mono 16-bit samples at `to_rate` from a WAV file (PCM 8/16-bit or G.711 mu-law,
    mono or stereo: channels are averaged). Raises AudioFormatError for anything else."""
    if len(data) < 44 or data[:4] != b"RIFF" or data[8:12] != b"WAVE":
        raise AudioFormatError("not a WAV file (no RIFF/WAVE header)")
    fmt = _wav_format_tag(data)
    if fmt == 7:  # mu-law: the wave module reads PCM only
        rate, channels, payload = _wav_chunks(data)
        samples = mulaw_decode(payload)
    else:
        try:
            with wave.open(io.BytesIO(data), "rb") as source:
                rate, channels, width = source.getframerate(), source.getnchannels(), source.getsampwidth()
                payload = source.readframes(source.getnframes())
        except (wave.Error, EOFError) as exc:
            raise AudioFormatError(f"unreadable WAV: {exc}") from None
        if width == 2:
            samples = np.frombuffer(payload[: len(payload) // 2 * 2], dtype="<i2").astype(np.int16)
        elif width == 1:
            samples = ((np.frombuffer(payload, dtype=np.uint8).astype(np.int16) - 128) << 8).astype(np.int16)
        else:
            raise AudioFormatError(f"{width * 8}-bit WAV is not supported (16-bit PCM, 8-bit PCM or mu-law)")
    if not 4_000 <= rate <= 96_000 or not 1 <= channels <= 8:
        raise AudioFormatError(f"implausible WAV format: {rate} Hz, {channels} channels")
    if channels > 1:
        usable = len(samples) // channels * channels
        samples = samples[:usable].reshape(-1, channels).mean(axis=1).astype(np.int16)
    return resample(samples, rate, to_rate)


def _wav_format_tag(data: bytes) -> int:
    position = 12
    while position + 8 <= len(data):
        chunk, size = data[position : position + 4], int.from_bytes(data[position + 4 : position + 8], "little")
        if chunk == b"fmt " and size >= 2:
            return int.from_bytes(data[position + 8 : position + 10], "little")
        position += 8 + size + (size & 1)
    raise AudioFormatError("WAV without a fmt chunk")


def _wav_chunks(data: bytes) -> tuple[int, int, bytes]:
    rate = channels = 0
    payload = b""
    position = 12
    while position + 8 <= len(data):
        chunk, size = data[position : position + 4], int.from_bytes(data[position + 4 : position + 8], "little")
        body = data[position + 8 : position + 8 + size]
        if chunk == b"fmt ":
            channels = int.from_bytes(body[2:4], "little")
            rate = int.from_bytes(body[4:8], "little")
        elif chunk == b"data":
            payload = body
        position += 8 + size + (size & 1)
    if not rate or not payload:
        raise AudioFormatError("mu-law WAV without format or data")
    return rate, channels, payload


# -- levels and mixing ---------------------------------------------------------------------


def rms(samples: np.ndarray) -> float:
    if len(samples) == 0:
        return 0.0
    return float(np.sqrt(np.mean(samples.astype(np.float64) ** 2)))


def dbfs(samples: np.ndarray) -> float:
    """Level relative to full scale (-inf for digital silence)."""
    level = rms(samples)
    return 20 * math.log10(level / 32768) if level > 0 else float("-inf")


def active_rms(samples: np.ndarray, rate: int = RATE, frame_ms: int = 20) -> float:
    """RMS over the frames that carry sound (within 30 dB of the loudest), so that the
    pauses of an utterance do not dilute its level (an approximation of ITU-T P.56)."""
    size = rate * frame_ms // 1000
    usable = len(samples) // size * size
    if usable == 0:
        return rms(samples)
    frames = samples[:usable].astype(np.float64).reshape(-1, size)
    levels = np.sqrt(np.mean(frames**2, axis=1))
    loud = levels[levels >= levels.max() / 31.6]
    return float(np.sqrt(np.mean(loud**2))) if len(loud) else 0.0


def mix(signal: np.ndarray, noise: np.ndarray, snr_db: float, reference_rms: float | None = None) -> np.ndarray:
    """`signal` plus `noise` scaled so that speech-to-noise power is `snr_db`."""
    if len(noise) < len(signal):
        noise = np.resize(noise, len(signal))
    speech_level = reference_rms if reference_rms is not None else active_rms(signal)
    scaled = noise_at(noise[: len(signal)], speech_level, snr_db)
    return np.clip(signal.astype(np.float64) + scaled, -32768, 32767).astype(np.int16)


def noise_at(noise: np.ndarray, speech_rms: float, snr_db: float) -> np.ndarray:
    level = rms(noise)
    if level == 0 or speech_rms == 0:
        return np.zeros(len(noise))
    return noise.astype(np.float64) * (speech_rms / 10 ** (snr_db / 20) / level)


def trim(samples: np.ndarray, threshold_dbfs: float = -50, rate: int = RATE) -> np.ndarray:
    """Without leading and trailing near-silence (what synthesisers pad with)."""
    size = rate // 100
    usable = len(samples) // size * size
    if usable == 0:
        return samples
    levels = np.sqrt(np.mean(samples[:usable].astype(np.float64).reshape(-1, size) ** 2, axis=1))
    loud = np.nonzero(levels > 32768 * 10 ** (threshold_dbfs / 20))[0]
    if len(loud) == 0:
        return samples[:0]
    return samples[loud[0] * size : (loud[-1] + 1) * size]
