"""Hosted speech models through litellm: text-to-speech (`synthesize_speech`) and speech-to-text
(`transcribe_speech`), with the same credentials, error kinds and secret scrubbing as completions,
and on the same road: every request through the outbound policy (app/llm/egress.py: litellm's
speech and transcription clients carry the checking transport, each redirect hop is checked,
a refused one is an LLMError of kind refused). What comes back is capped: a transcription's
JSON at MIMIC_MAX_REPLY_BYTES, synthesised audio at MIMIC_MAX_AUDIO_REPLY_BYTES (kind too_large)."""

from __future__ import annotations

import math
import time
from dataclasses import dataclass

import litellm

from app import outbound
from app.llm.client import Credentials, LLMError, _scrub, is_offline, provider_call


@dataclass(frozen=True)
class SpeechResult:
    audio: bytes
    model: str
    latency_ms: int
    cost: float = 0.0


@dataclass(frozen=True)
class TranscriptionResult:
    text: str
    confidence: float | None
    model: str
    latency_ms: int
    cost: float = 0.0


def _kwargs(credentials: Credentials | None, timeout_s: float) -> dict:
    credentials = credentials or Credentials()
    # drop_params: a provider without verbose_json or speed answers what it can, as completions do.
    kwargs: dict = {"timeout": timeout_s, "max_retries": 0, "drop_params": True}
    if credentials.api_key:
        kwargs["api_key"] = credentials.api_key
    if credentials.api_base:
        kwargs["api_base"] = credentials.api_base
    if credentials.api_version:
        kwargs["api_version"] = credentials.api_version
    for key, value in credentials.extra.items():
        kwargs.setdefault(key, value)
    return kwargs


def _refuse_offline(model: str) -> None:
    if is_offline(model):
        raise LLMError("bad_request", f"{model} has no hosted speech: pick an offline engine instead")


async def synthesize_speech(
    *,
    model: str,
    text: str,
    voice: str = "alloy",
    speed: float | None = None,
    instructions: str | None = None,
    credentials: Credentials | None = None,
    timeout_s: float = 60.0,
) -> SpeechResult:
    """The text spoken by a hosted text-to-speech model, as WAV bytes."""
    _refuse_offline(model)
    secrets = (credentials or Credentials()).secrets()
    kwargs = _kwargs(credentials, timeout_s)
    if speed is not None:
        kwargs["speed"] = speed
    if instructions:
        kwargs["instructions"] = instructions
    started = time.perf_counter()

    async def speak() -> bytes:
        response = await litellm.aspeech(model=model, input=text, voice=voice, response_format="wav", **kwargs)
        return response.content

    with outbound.audio_replies():  # the answer is audio: read up to its own cap
        audio = await provider_call(speak, model=model, timeout_s=timeout_s, secrets=secrets)
    return SpeechResult(audio=audio, model=model, latency_ms=int((time.perf_counter() - started) * 1000))


async def transcribe_speech(
    *,
    model: str,
    wav: bytes,
    language: str | None = None,
    credentials: Credentials | None = None,
    timeout_s: float = 60.0,
) -> TranscriptionResult:
    """What a hosted speech-to-text model hears in a WAV file. The confidence is the mean of
    exp(avg_logprob) over the segments when the provider reports them, else None."""
    _refuse_offline(model)
    secrets = (credentials or Credentials()).secrets()
    kwargs = _kwargs(credentials, timeout_s)
    if language:
        kwargs["language"] = language.split("-")[0].lower()
    started = time.perf_counter()
    response = await provider_call(
        lambda: litellm.atranscription(model=model, file=("speech.wav", wav, "audio/wav"),
                                       response_format="verbose_json", **kwargs),
        model=model, timeout_s=timeout_s, secrets=secrets,
    )  # fmt: skip
    text = str(getattr(response, "text", "") or "")
    segments = getattr(response, "segments", None) or (response.get("segments") if hasattr(response, "get") else None)
    confidence = None
    if segments:
        logprobs = [s.get("avg_logprob") for s in segments if isinstance(s, dict) and s.get("avg_logprob") is not None]
        if logprobs:
            confidence = round(sum(math.exp(min(0.0, float(lp))) for lp in logprobs) / len(logprobs), 3)
    cost = 0.0
    try:
        cost = float(litellm.completion_cost(completion_response=response, model=model, call_type="transcription"))
    except Exception:  # an unknown model has no price; that is not an error
        pass
    return TranscriptionResult(
        text=_scrub(text, secrets).strip(), confidence=confidence, model=model,
        latency_ms=int((time.perf_counter() - started) * 1000), cost=cost,
    )  # fmt: skip
