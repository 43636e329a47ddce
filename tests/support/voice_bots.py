"""Voice bots under test, served for real on 127.0.0.1 and built with the same offline
engines as Mimic (espeak-ng speaks, PocketSphinx listens, WebRTC VAD finds the caller's
turns): a media-stream bot on a WebSocket (Twilio-style JSON envelopes, or binary frames)
and a turn-based bot behind HTTP (WAV in, WAV out).

Each answers after a known delay, measured from the exact end of the caller's speech (its
last 10 ms above -50 dBFS, as Mimic measures the persona's side), so a test can compare what
Mimic measured with what the bot did. `state` (shared with the test) sets the behaviour:

- "replies": what it says, turn after turn (the last one repeats); "said" lists what it said
- "delay_ms": the wait from the end of the caller's speech to its first audio
- "yields": on a barge-in, stop talking and send `clear` (True) or keep talking (False)
- "mode": ok | malformed (audio that does not decode) | close (drops the stream mid-answer)
  | silent (never answers)
- "listens": recognise what the caller said (True), into "heard", turn by turn; off by
  default, since recognising is the costliest thing a bot does and only some tests read it
"""

from __future__ import annotations

import asyncio
import base64
import json
import time

import numpy as np
from fastapi import FastAPI, Request, WebSocket, WebSocketDisconnect
from fastapi.responses import Response, StreamingResponse

from app.voice import audio
from app.voice.audio import trim
from app.voice.speech import ListeningSettings, VoiceSettings, espeak, recognize
from app.voice.vad import SpeechDetector, speech_segments

BOT_VOICE = VoiceSettings(language="en-us", variant="f5", rate_wpm=150, pitch=50)
DEFAULT_REPLIES = [
    "Thank you for calling. Your order will arrive on Friday morning.",
    "Is there anything else I can help you with today?",
]
CHUNK_MS = 100  # the streaming bot speaks in 100 ms messages, paced in real time
LEAD_S = 1.0  # ... this far ahead of the playback


def _defaults(state: dict | None) -> dict:
    state = state if state is not None else {}
    state.setdefault("replies", list(DEFAULT_REPLIES))
    # Spoken once, before any call: the bot's timing must not depend on how busy the machine is.
    state["spoken"] = {text: trim(espeak(text, BOT_VOICE)) for text in state["replies"]}
    state.setdefault("delay_ms", 600)
    state.setdefault("yields", True)
    state.setdefault("mode", "ok")
    state.setdefault("said", [])
    state.setdefault("listens", False)
    state.setdefault("heard", [])
    state.setdefault("barge_ins", 0)
    return state


def exact_end(samples: np.ndarray, start: int, end: int) -> int:
    """Where speech really ends in samples[start:end]: after the last 10 ms above -50 dBFS."""
    block = audio.RATE // 100
    piece = samples[start:end]
    usable = len(piece) // block * block
    if usable == 0:
        return end
    levels = np.sqrt(np.mean(piece[:usable].astype(np.float64).reshape(-1, block) ** 2, axis=1))
    loud = np.nonzero(levels > 32768 * 10 ** (-50 / 20))[0]
    return start + (int(loud[-1]) + 1) * block if len(loud) else end


async def _reply_audio(state: dict, heard: np.ndarray) -> tuple[str, np.ndarray]:
    """The next scripted reply, spoken. A bot that listens recognises what the caller said
    meanwhile (into "heard"), so that it answers on time however busy the machine is."""
    turn = len(state["said"])
    if state["listens"]:
        task = asyncio.get_running_loop().create_task(_listen(state, heard, turn))
        state.setdefault("listening", set()).add(task)
        task.add_done_callback(state["listening"].discard)
    replies = state["replies"]
    text = replies[min(turn, len(replies) - 1)]
    state["said"].append(text)
    return text, state["spoken"][text]


async def _listen(state: dict, heard: np.ndarray, turn: int) -> None:
    recognition = await recognize(heard, ListeningSettings())
    state.setdefault("heard_by_turn", {})[turn] = recognition.text
    state["heard"] = [state["heard_by_turn"][k] for k in sorted(state["heard_by_turn"])]


def wait_heard(state: dict, count: int, timeout_s: float = 30) -> list[str]:
    """What the bot recognised of the caller's first `count` turns (it listens in the background)."""
    deadline = time.monotonic() + timeout_s
    while len(state["heard"]) < count and time.monotonic() < deadline:
        time.sleep(0.05)
    return state["heard"]


def media_stream_bot(state: dict | None = None) -> FastAPI:
    state = _defaults(state)
    app = FastAPI()

    @app.websocket("/media")
    async def media(ws: WebSocket) -> None:
        await ws.accept()
        loop = asyncio.get_running_loop()
        codec = audio.Codec("mulaw", 8000)
        binary = False
        stream_sid = ""
        received: list[np.ndarray] = []
        detector = SpeechDetector(hangover_ms=400)
        t0: float | None = None  # wall time of stream position 0
        seen = 0
        speaking: dict = {"task": None, "until": 0.0}
        state["connections"] = state.get("connections", 0) + 1

        async def send_audio(samples: np.ndarray) -> None:
            payload = codec.encode(samples)
            if state["mode"] == "malformed":
                await ws.send_text(json.dumps({"event": "media", "streamSid": stream_sid,
                                               "media": {"payload": "!!not base64!!"}}))  # fmt: skip
                return
            if binary:
                await ws.send_bytes(payload)
            else:
                await ws.send_text(json.dumps({"event": "media", "streamSid": stream_sid,
                                               "media": {"payload": base64.b64encode(payload).decode()}}))  # fmt: skip

        async def answer(utterance: np.ndarray, due: float, after: asyncio.Task | None = None) -> None:
            if after is not None:  # a bot that does not listen while it talks answers afterwards
                try:
                    await after
                except asyncio.CancelledError:
                    pass
            _, spoken = await _reply_audio(state, utterance)
            if state["mode"] == "silent":
                return
            await asyncio.sleep(max(0.0, due - loop.time()))
            chunk = audio.RATE * CHUNK_MS // 1000
            started = loop.time()
            speaking["until"] = started + len(spoken) / audio.RATE
            for index, offset in enumerate(range(0, len(spoken), chunk)):
                if state["mode"] == "close" and offset >= len(spoken) // 2:
                    await ws.close()
                    return
                await send_audio(spoken[offset : offset + chunk])
                # A second ahead of the playback, as streaming speech services send, so that the
                # caller never hears a gap even when this process is held up (a loaded machine).
                await asyncio.sleep(max(0.0, started + index * CHUNK_MS / 1000 - LEAD_S - loop.time()))
            speaking["until"] = loop.time()
            await ws.send_text(json.dumps({"event": "mark", "streamSid": stream_sid,
                                           "mark": {"name": f"reply-{len(state['said']) - 1}"}}))  # fmt: skip

        try:
            while True:
                message = await ws.receive()
                if message.get("type") == "websocket.disconnect":
                    return
                if message.get("bytes") is not None:
                    chunk = codec.decode(message["bytes"])
                else:
                    data = json.loads(message["text"])
                    if data.get("event") == "start":
                        media_format = data["start"]["mediaFormat"]
                        codec = audio.Codec("mulaw" if "mulaw" in media_format["encoding"] else "pcm16",
                                            int(media_format["sampleRate"]))  # fmt: skip
                        binary = bool(data["start"]["customParameters"].get("binary"))
                        stream_sid = data["streamSid"]
                        continue
                    if data.get("event") == "mark":
                        state.setdefault("marks", []).append(data["mark"]["name"])
                    if data.get("event") != "media":
                        continue
                    chunk = codec.decode(base64.b64decode(data["media"]["payload"]))
                if t0 is None:
                    t0 = loop.time() - len(chunk) / audio.RATE
                received.append(chunk)
                was_speaking = detector.speaking
                detector.feed(chunk)
                if detector.speaking and not was_speaking and loop.time() < speaking["until"]:
                    state["barge_ins"] += 1
                    if state["yields"] and speaking["task"] is not None:
                        speaking["task"].cancel()
                        speaking["until"] = 0.0
                        await ws.send_text(json.dumps({"event": "clear", "streamSid": stream_sid}))
                if len(detector.segments) > seen:
                    segment = detector.segments[-1]
                    seen = len(detector.segments)
                    heard = np.concatenate(received)
                    end = exact_end(heard, segment.start, segment.end)
                    due = t0 + end / audio.RATE + state["delay_ms"] / 1000
                    busy = speaking["task"] if speaking["task"] is not None and not speaking["task"].done() else None
                    after = None if state["yields"] else busy
                    speaking["task"] = loop.create_task(answer(heard[segment.start : end], due, after))
        except WebSocketDisconnect:
            return
        finally:
            if speaking["task"] is not None:
                speaking["task"].cancel()

    return app


def wav_turn_bot(state: dict | None = None) -> FastAPI:
    state = _defaults(state)
    app = FastAPI()

    @app.post("/turn")
    async def turn(request: Request):
        body = await request.body()
        arrived = time.monotonic()  # the caller's file has come (Mimic times its answer from there)
        state.setdefault("requests", []).append({"bytes": len(body), "headers": dict(request.headers)})
        samples = audio.read_wav(body)
        segments = speech_segments(samples)
        if not segments:
            return Response(audio.wav_bytes(audio.silence(300)), media_type="audio/wav")
        end = exact_end(samples, segments[0].start, segments[-1].end)
        _, spoken = await _reply_audio(state, samples[segments[0].start : end])
        # The request ends when the caller's file has come; the caller's speech ended `trailing` before.
        trailing = (len(samples) - end) / audio.RATE
        if state["mode"] == "silent":  # never answers; stops waiting once the caller hangs up
            while not await request.is_disconnected():
                await asyncio.sleep(0.1)
            return Response(status_code=204)
        await asyncio.sleep(max(0.0, arrived + state["delay_ms"] / 1000 - trailing - time.monotonic()))
        # How long it really waited after the caller's speech: a loaded machine can wake it late.
        state.setdefault("answered_ms", []).append(round((time.monotonic() - arrived + trailing) * 1000))
        wav = audio.wav_bytes(spoken)
        if state["mode"] == "malformed":
            return Response(b"RIFF\x00\x00\x00\x00WAVEnot really audio" + wav[:40], media_type="audio/wav")
        if state["mode"] == "close":

            async def half_then_drop():
                yield wav[: len(wav) // 2]
                raise ConnectionResetError("the bot hung up")

            return StreamingResponse(half_then_drop(), media_type="audio/wav",
                                     headers={"content-length": str(len(wav))})  # fmt: skip
        return Response(wav, media_type="audio/wav")

    return app
