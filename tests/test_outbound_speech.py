"""Hosted speech on the same road as every other LLM call (app/llm/egress.py): litellm's
speech and transcription paths (the OpenAI SDK for openai, azure and groq; litellm's own
httpx handlers for elevenlabs and deepgram) through the real litellm code, against a server
the policy refuses (127.0.0.2), directly and through an allowed server that redirects there
with each redirect status; answers capped (synthesised audio at MIMIC_MAX_AUDIO_REPLY_BYTES,
a transcription's JSON at MIMIC_MAX_REPLY_BYTES); a persona whose hosted voice sits behind a
forbidden address ends its call with a speech error of kind refused. Allowed hosts still answer."""

from __future__ import annotations

import pytest
from fastapi import FastAPI
from fastapi.responses import JSONResponse

from app import llm
from app.settings import settings
from app.voice import audio
from app.voice.speech import SpeechError, VoiceSettings, synthesize
from tests.support.loopback import LoopbackServer
from tests.support.refused_server import FAR_BODY, REDIRECTS, Far
from tests.support.sessions import Api
from tests.support.speech_stub import SpeechStub

KEY = "sk-speech-test-0000"
SPEECH_PATHS = [("openai/tts-1", {}), ("azure/tts-1", {"api_version": "2025-03-01-preview"}),
                ("elevenlabs/eleven_multilingual_v2", {})]  # fmt: skip
TRANSCRIPTION_PATHS = [("openai/whisper-1", {}), ("azure/whisper-1", {"api_version": "2025-03-01-preview"}),
                       ("groq/whisper-large-v3", {}), ("deepgram/nova-2", {})]  # fmt: skip


def _credentials(api_base: str, extra: dict) -> llm.Credentials:
    return llm.Credentials(api_key=KEY, api_base=api_base, api_version=extra.get("api_version"))


async def _speak(model: str, api_base: str, extra: dict, text: str = "Hello there.") -> llm.SpeechResult:
    return await llm.synthesize_speech(model=model, text=text, credentials=_credentials(api_base, extra),
                                       timeout_s=20)  # fmt: skip


async def _hear(model: str, api_base: str, extra: dict, wav: bytes) -> llm.TranscriptionResult:
    return await llm.transcribe_speech(model=model, wav=wav, credentials=_credentials(api_base, extra), timeout_s=20)


@pytest.mark.parametrize(("model", "extra"), SPEECH_PATHS, ids=[m for m, _ in SPEECH_PATHS])
async def test_each_speech_path_refuses_a_forbidden_address(model: str, extra: dict, far: Far, redirector) -> None:
    for base in [f"{far.url}/v1"] + [f"{redirector.url}/{status}/v1" for status in REDIRECTS]:
        with pytest.raises(llm.LLMError) as refused:
            await _speak(model, base, extra)
        assert refused.value.kind == "refused", (base, refused.value)
        assert "127.0.0.2 is a loopback address" in refused.value.message and FAR_BODY not in refused.value.message
    assert far.hits == []


@pytest.mark.parametrize(("model", "extra"), TRANSCRIPTION_PATHS, ids=[m for m, _ in TRANSCRIPTION_PATHS])
async def test_each_transcription_path_refuses_a_forbidden_address(
    model: str, extra: dict, far: Far, redirector
) -> None:
    wav = audio.wav_bytes(audio.silence(500))
    for base in [f"{far.url}/v1"] + [f"{redirector.url}/{status}/v1" for status in REDIRECTS]:
        with pytest.raises(llm.LLMError) as refused:
            await _hear(model, base, extra, wav)
        assert refused.value.kind == "refused", (base, refused.value)
        assert FAR_BODY not in refused.value.message
    assert far.hits == []


async def test_allowed_speech_hosts_still_answer_and_audio_has_its_own_cap(only_127_0_0_1, monkeypatch) -> None:
    # A small cap for text answers does not apply to audio: audio has its own.
    monkeypatch.setattr(settings, "max_reply_bytes", 16 * 1024)
    with SpeechStub() as stub:
        spoken = await _speak("openai/tts-1", stub.base_url, {}, "Your order will arrive on Friday morning.")
        assert len(spoken.audio) > 16 * 1024 and len(audio.read_wav(spoken.audio)) > audio.RATE
        heard = await _hear("openai/whisper-1", stub.base_url, {}, spoken.audio)
        assert heard.text and heard.confidence is not None
        # Audio over MIMIC_MAX_AUDIO_REPLY_BYTES: reading stops at the cap.
        monkeypatch.setattr(settings, "max_audio_reply_bytes", 64 * 1024)
        with pytest.raises(llm.LLMError) as capped:
            await _speak("openai/tts-1", stub.base_url, {}, "This answer is much too long to be read whole. " * 6)
        assert capped.value.kind == "too_large" and "MIMIC_MAX_AUDIO_REPLY_BYTES" in capped.value.message
        # ... and the persona's hosted voice says so (a speech error of that kind).
        with pytest.raises(SpeechError) as failed:
            await synthesize("This answer is much too long to be read whole. " * 6,
                             VoiceSettings(engine="hosted", model="openai/tts-1",
                                           credentials=_credentials(stub.base_url, {})))  # fmt: skip
        assert failed.value.kind == "too_large"


async def test_a_transcription_answer_over_the_reply_cap_is_too_large(only_127_0_0_1, monkeypatch) -> None:
    monkeypatch.setattr(settings, "max_reply_bytes", 16 * 1024)
    app = FastAPI()

    @app.post("/v1/audio/transcriptions")
    async def flood():
        return JSONResponse({"text": "word " * 20_000, "segments": []})

    with LoopbackServer(app) as server:
        with pytest.raises(llm.LLMError) as capped:
            await _hear("openai/whisper-1", f"{server.url}/v1", {}, audio.wav_bytes(audio.silence(300)))
    assert capped.value.kind == "too_large" and "MIMIC_MAX_REPLY_BYTES" in capped.value.message


def test_a_persona_voice_behind_a_forbidden_address_ends_the_call(live_api, make_account, far: Far) -> None:
    api = Api(live_api.url, make_account().headers)
    model = api.post("/api/models/custom", {"name": "far-voice", "baseUrl": f"{far.url}/v1", "model": "tts-1"})["id"]
    voice = {"engine": "hosted", "model": model}
    persona = api.post("/api/personas", {"name": "Far voice", "config": {"voice": voice}})
    objective = api.post("/api/objectives", {"name": "Ask", "definition": {"goal": "Ask when my order arrives"}})
    agent = api.agent("voice", {"transport": "http", "url": "http://127.0.0.1:9/turn", "timeoutSeconds": 5})
    detail = api.wait(api.start(agent, persona["id"], objective["id"]), timeout=60)
    assert detail["status"] == "error" and detail["outcome"] == "error" and detail["blame"] == "infrastructure"
    assert detail["error"]["source"] == "speech" and detail["error"]["kind"] == "refused", detail["error"]
    assert FAR_BODY not in detail["error"]["message"] and far.hits == []
