"""A voice agent behind a turn-based HTTP endpoint: Mimic POSTs the persona's utterance as
a WAV file (`Content-Type: audio/wav`, with `X-Mimic-Call-Id` and `X-Mimic-Turn`) and the
agent answers with a WAV file (16-bit or 8-bit PCM, or mu-law; any rate; mono or stereo).

The answer is read as a stream and refused past MAX_ANSWER_BYTES: what an agent sends back
is untrusted. Redirects are not followed.
"""

from __future__ import annotations

import asyncio
import time
from typing import ClassVar

import httpx
import numpy as np

from app.engine.targets.base import TargetError, TargetSpec, outbound_error
from app.engine.targets.http import check_status, http_error
from app.engine.targets.voice import MAX_ANSWER_SECONDS, TurnAnswer, register_transport
from app.outbound import OutboundError, outbound_client
from app.voice import audio

# Two minutes of 48 kHz stereo 16-bit audio, and a little more for the headers.
MAX_ANSWER_BYTES = MAX_ANSWER_SECONDS * 48_000 * 2 * 2 + 4096


class WavTurnTransport:
    streaming: ClassVar[bool] = False
    kind: ClassVar[str] = "http"

    def __init__(self, spec: TargetSpec) -> None:
        self.config = spec.config
        self.rate = int(spec.config.get("sampleRate") or 16_000)
        self.client = outbound_client(headers=spec.config.get("headers") or {}, follow_redirects=False,
                                      timeout=float(spec.config.get("timeoutSeconds") or 30))  # fmt: skip

    async def exchange(self, samples: np.ndarray, *, call_id: str, turn: int) -> TurnAnswer:
        body = await asyncio.to_thread(_wav_at, samples, self.rate)
        headers = {"content-type": "audio/wav", "accept": "audio/wav", "x-mimic-call-id": call_id,
                   "x-mimic-turn": str(turn)}  # fmt: skip
        started = time.perf_counter()
        try:
            async with self.client.stream("POST", self.config["url"], content=body, headers=headers) as response:
                response_ms = int((time.perf_counter() - started) * 1000)
                if response.status_code >= 400:
                    await response.aread()
                    check_status(response)
                chunks, size = [], 0
                async for chunk in response.aiter_bytes():
                    size += len(chunk)
                    if size > MAX_ANSWER_BYTES:
                        raise TargetError("bad_response", f"the answer is larger than {MAX_ANSWER_BYTES} bytes")
                    chunks.append(chunk)
        except httpx.HTTPError as exc:
            raise http_error(exc) from exc
        except OutboundError as exc:
            raise outbound_error(exc) from exc
        data = b"".join(chunks)
        if not data:
            return TurnAnswer(np.zeros(0, dtype=np.int16), response_ms)
        try:
            answer = await asyncio.to_thread(audio.read_wav, data)
        except audio.AudioFormatError as exc:
            raise TargetError("bad_response", f"the answer is not usable audio: {exc}",
                              status_code=response.status_code) from None  # fmt: skip
        if len(answer) > MAX_ANSWER_SECONDS * audio.RATE:
            raise TargetError("bad_response", f"the answer is longer than {MAX_ANSWER_SECONDS} s")
        return TurnAnswer(answer, response_ms)

    async def close(self) -> None:
        await self.client.aclose()


def _wav_at(samples: np.ndarray, rate: int) -> bytes:
    return audio.wav_bytes(audio.resample(samples, audio.RATE, rate), rate)


register_transport("http", WavTurnTransport)
