"""An OpenAI-compatible speech server on 127.0.0.1 for tests: `POST /v1/audio/speech`
answers real speech (espeak-ng, as WAV) and `POST /v1/audio/transcriptions` real words
(PocketSphinx, as verbose_json with segments), so hosted speech models are tested through
the real litellm code path without a key or a network.

    with SpeechStub(required_key="sk-speech") as stub:
        ...  # OPENAI_API_BASE=stub.base_url, OPENAI_API_KEY=sk-speech
        stub.requests  # [{"path", "authorization", "body" or "form"}]
"""

from __future__ import annotations

import asyncio
import math

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse, Response

from app.voice import audio
from app.voice.speech import VoiceSettings, recognize_offline, synthesize
from tests.support.loopback import LoopbackServer

STUB_VOICES = {"alloy": "f2", "nova": "f5", "onyx": "m3"}


class SpeechStub:
    def __init__(self, *, required_key: str | None = None) -> None:
        self.required_key = required_key
        self.requests: list[dict] = []
        self.server = LoopbackServer(self._app())

    @property
    def base_url(self) -> str:
        return f"{self.server.url}/v1"

    def __enter__(self) -> SpeechStub:
        self.server.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self.server.__exit__(*exc)

    def _refused(self, request: Request) -> Response | None:
        if self.required_key and request.headers.get("authorization") != f"Bearer {self.required_key}":
            body = {"error": {"message": "Incorrect API key provided.", "type": "invalid_request_error",
                              "code": "invalid_api_key"}}  # fmt: skip
            return JSONResponse(body, status_code=401)
        return None

    def _app(self) -> FastAPI:
        app = FastAPI()

        @app.post("/v1/audio/speech")
        async def speech(request: Request):
            body = await request.json()
            self.requests.append({"path": "speech", "authorization": request.headers.get("authorization"),
                                  "body": body})  # fmt: skip
            if refused := self._refused(request):
                return refused
            rate = int(165 * float(body.get("speed") or 1.0))
            voice = VoiceSettings(variant=STUB_VOICES.get(body.get("voice"), "f2"), rate_wpm=rate)
            samples = await synthesize(body["input"], voice)
            return Response(audio.wav_bytes(samples), media_type="audio/wav")

        @app.post("/v1/audio/transcriptions")
        async def transcriptions(request: Request):
            form = await request.form()
            upload = form["file"]
            data = await upload.read()
            fields = {k: v for k, v in form.items() if k != "file"}
            self.requests.append({"path": "transcriptions", "authorization": request.headers.get("authorization"),
                                  "form": fields, "bytes": len(data)})  # fmt: skip
            if refused := self._refused(request):
                return refused
            heard = await asyncio.to_thread(recognize_offline, audio.read_wav(data))
            confidence = heard.confidence or 0.01
            return {"text": heard.text, "language": form.get("language") or "en", "duration": 1.0,
                    "segments": [{"id": 0, "start": 0.0, "end": 1.0, "text": heard.text,
                                  "avg_logprob": math.log(confidence)}]}  # fmt: skip

        return app
