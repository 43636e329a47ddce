"""A voice agent behind a WebSocket media stream, in the shape of Twilio Media Streams.

Mimic plays the telephone side. It sends `connected`, then `start` (stream and call ids,
`mediaFormat {encoding, sampleRate, channels}`, `customParameters`), then one `media`
message per frame (`media {track: "inbound", chunk, timestamp, payload: base64}`) for as
long as the call lasts, echoes each `mark` once the agent's audio before it has been played,
and ends with `stop`. The agent sends `media` (its audio, any length), `mark` and `clear`
(drop the audio not played yet: how an agent stops talking when interrupted).

With `framing: binary` the audio travels as raw bytes in binary messages both ways and the
JSON envelopes carry the rest (as Vonage and others do).

Everything the agent sends is untrusted: a message larger than MIMIC_MAX_REPLY_BYTES closes
the stream (a `too_large` error, as on every WebSocket target), more audio in one answer than
MIMIC_MAX_AUDIO_REPLY_BYTES ends the call the same way (app/engine/voice_call.py), and audio
that does not decode is a `bad_response` error.
"""

from __future__ import annotations

import base64
import binascii
import json
import uuid
from typing import ClassVar

import numpy as np
from websockets.exceptions import ConnectionClosed

from app.engine.targets.base import TargetError, TargetSpec
from app.engine.targets.voice import AgentAudio, register_transport
from app.engine.targets.websocket import WebSocketTarget, closed_error
from app.voice.audio import AudioFormatError, Codec


class MediaStreamTransport(WebSocketTarget):
    streaming: ClassVar[bool] = True
    kind: ClassVar[str] = "websocket"

    def __init__(self, spec: TargetSpec) -> None:
        super().__init__(spec.config)
        self.codec = Codec(spec.config.get("encoding", "mulaw"), int(spec.config.get("sampleRate", 8000)))
        self.binary = spec.config.get("framing") == "binary"
        self.stream_sid = "MZ" + uuid.uuid4().hex
        self._sequence = 0
        self._chunk = 0
        self._sent_ms = 0

    def _envelope(self, event: str, **body) -> str:
        self._sequence += 1
        return json.dumps({"event": event, "sequenceNumber": str(self._sequence), "streamSid": self.stream_sid, **body})

    async def _send(self, message: str | bytes) -> None:
        connection = await self._connect()
        try:
            await connection.send(message)
        except ConnectionClosed as exc:
            raise TargetError("connection", f"the agent closed the stream: {exc}") from exc

    async def open(self, call_id: str) -> None:
        await self._connect()
        await self._send(json.dumps({"event": "connected", "protocol": "Call", "version": "1.0.0"}))
        await self._send(
            self._envelope(
                "start",
                start={"accountSid": "mimic", "streamSid": self.stream_sid, "callSid": call_id, "tracks": ["inbound"],
                       "customParameters": dict(self.config.get("customParameters") or {}),
                       "mediaFormat": {"encoding": self.codec.mime, "sampleRate": self.codec.rate, "channels": 1}},
            )
        )  # fmt: skip

    async def send_audio(self, samples: np.ndarray) -> None:
        payload = self.codec.encode(samples)
        self._chunk += 1
        if self.binary:
            await self._send(payload)
        else:
            media = {"track": "inbound", "chunk": str(self._chunk), "timestamp": str(self._sent_ms),
                     "payload": base64.b64encode(payload).decode()}  # fmt: skip
            await self._send(self._envelope("media", media=media))
        self._sent_ms += len(samples) * 1000 // 16_000

    async def played_mark(self, name: str) -> None:
        await self._send(self._envelope("mark", mark={"name": name}))

    async def receive(self) -> AgentAudio:
        connection = await self._connect()
        while True:
            try:
                message = await connection.recv()
            except ConnectionClosed as exc:
                self.connection = None
                raise closed_error(exc, "the agent closed the stream mid-call") from exc
            if isinstance(message, bytes):
                if not self.binary:
                    raise TargetError("bad_response", "the agent sent a binary message on a JSON media stream")
                return AgentAudio("audio", self._decode(message))
            try:
                data = json.loads(message)
            except json.JSONDecodeError:
                raise TargetError("bad_response", f"a message is not JSON: {message[:120]!r}") from None
            if not isinstance(data, dict):
                raise TargetError("bad_response", "a message is not a JSON object")
            event = data.get("event")
            if event == "media":
                return AgentAudio("audio", self._media(data))
            if event == "clear":
                return AgentAudio("clear")
            if event == "mark":
                mark = data.get("mark") if isinstance(data.get("mark"), dict) else {}
                return AgentAudio("mark", name=str(mark.get("name", ""))[:200])
            # Other events (connected, start, custom ones) carry nothing to play.

    def _media(self, data: dict) -> np.ndarray:
        media = data.get("media")
        payload = media.get("payload") if isinstance(media, dict) else None
        if not isinstance(payload, str):
            raise TargetError("bad_response", "a media message has no payload")
        try:
            raw = base64.b64decode(payload, validate=True)
        except (binascii.Error, ValueError):
            raise TargetError("bad_response", "a media payload is not base64") from None
        return self._decode(raw)

    def _decode(self, raw: bytes) -> np.ndarray:
        try:
            return self.codec.decode(raw)
        except AudioFormatError as exc:
            raise TargetError("bad_response", f"malformed audio: {exc}") from None

    async def close(self) -> None:
        if self.connection is not None:
            try:
                await self.connection.send(self._envelope("stop", stop={"accountSid": "mimic", "callSid": ""}))
            except ConnectionClosed:
                pass
        await super().close()


register_transport("websocket", MediaStreamTransport)
