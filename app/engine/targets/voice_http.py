"""A voice agent behind a turn-based HTTP endpoint: Mimic POSTs the persona's utterance as
a WAV file (`Content-Type: audio/wav`, with `X-Mimic-Call-Id` and `X-Mimic-Turn`) and the
agent answers with a WAV file (16-bit or 8-bit PCM, or mu-law; any rate; mono or stereo).

The answer is read as a stream up to MIMIC_MAX_AUDIO_REPLY_BYTES (reading stops there: a
target error of kind too_large), as the outbound policy reads every answer: what an agent
sends back is untrusted. Redirects are not followed.
"""

from __future__ import annotations

import asyncio
import time
from typing import ClassVar

import httpx
import numpy as np

from app.engine.targets.base import TargetError, TargetSpec, outbound_error
from app.engine.targets.http import check_status, http_error
from app.engine.targets.voice import TurnAnswer, answer_too_large, max_answer_samples, register_transport
from app.outbound import OutboundError, audio_replies, outbound_client
from app.voice import audio


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
        sent: list[float] = []

        async def trace(event: str, info: dict) -> None:
            # The caller has finished once the whole file is sent: connecting and uploading
            # (a new connection, a slow uplink) are not the agent's answer time.
            if event.endswith("send_request_body.complete"):
                sent.append(time.perf_counter())

        try:
            # The outbound transport reads the answer up to the audio cap, then stops (too_large).
            with audio_replies():
                async with self.client.stream("POST", self.config["url"], content=body, headers=headers,
                                              extensions={"trace": trace}) as response:  # fmt: skip
                    response_ms = int((time.perf_counter() - (sent[-1] if sent else started)) * 1000)
                    if response.status_code >= 400:
                        await response.aread()
                        check_status(response)
                    chunks = [chunk async for chunk in response.aiter_bytes()]
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
        if len(answer) > max_answer_samples():  # a low-rate file decodes to more than it weighs
            raise answer_too_large("the agent answered with")
        return TurnAnswer(answer, response_ms)

    async def close(self) -> None:
        await self.client.aclose()


def _wav_at(samples: np.ndarray, rate: int) -> bytes:
    return audio.wav_bytes(audio.resample(samples, audio.RATE, rate), rate)


register_transport("http", WavTurnTransport)
