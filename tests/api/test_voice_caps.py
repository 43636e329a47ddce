"""What a voice bot sends back is capped like every other reply (issue 16): a WAV answer
past MIMIC_MAX_AUDIO_REPLY_BYTES, a bot that talks on forever, a bot that floods the call
with audio, and one media message past MIMIC_MAX_REPLY_BYTES each end the call with a
target error of kind too_large (infrastructure, never the agent's verdict), with the
recording made so far kept and nothing past the cap read."""

from __future__ import annotations

import asyncio
import base64
import io
import json
import wave
from concurrent.futures import ThreadPoolExecutor

import numpy as np
import pytest
import websockets

from app.settings import settings
from app.voice import audio
from app.voice.speech import espeak
from tests.support.loopback import LoopbackServer
from tests.support.sessions import Api
from tests.support.voice_bots import BOT_VOICE, wav_turn_bot

CAP = 64 * 1024  # 2 s of 16 kHz 16-bit audio
LONG_REPLY = "Thank you for calling Acme Outfitters. Your order will arrive on Friday morning between eight and noon."


@pytest.fixture
def api(live_api, make_account) -> Api:
    return Api(live_api.url, make_account().headers)


@pytest.fixture
def small_audio_cap(monkeypatch) -> None:
    monkeypatch.setattr(settings, "max_audio_reply_bytes", CAP)


def _session(api: Api, agent: str) -> str:
    persona = api.post("/api/personas", {"name": "Caller", "config": {"sessionDuration": 60}})["id"]
    objective = api.post("/api/objectives", {"name": "Ask", "config": {"maxTurns": 2},
                                             "definition": {"goal": "When does my parcel come?"}})["id"]  # fmt: skip
    return api.start(agent, persona, objective, config={"seed": 2})


def _too_large(detail: dict) -> None:
    assert detail["status"] == "error" and detail["outcome"] == "error", detail
    assert detail["blame"] == "infrastructure" and detail["verdict"] is None
    assert detail["error"]["source"] == "target" and detail["error"]["kind"] == "too_large", detail["error"]


def test_a_wav_answer_over_the_audio_cap_is_too_large(api: Api, small_audio_cap) -> None:
    state = {"delay_ms": 200, "replies": [LONG_REPLY]}
    with LoopbackServer(wav_turn_bot(state)) as bot:
        assert len(audio.wav_bytes(state["spoken"][LONG_REPLY])) > CAP
        agent = api.agent("voice", {"transport": "http", "url": f"{bot.url}/turn", "timeoutSeconds": 10})
        detail = api.wait(_session(api, agent), timeout=90)
    _too_large(detail)
    assert "MIMIC_MAX_AUDIO_REPLY_BYTES" in detail["error"]["message"]
    assert [m["senderType"] for m in detail["messages"]] == ["persona"]  # nothing of the answer was kept
    call = api.get(f"/api/sessions/{detail['id']}/voice")
    assert call["recordings"] and call["turns"] == 0


def _stream_bot(mode: str, spoken: np.ndarray):
    """A media-stream bot that starts answering once the caller has spoken for a second:
    `forever` talks on in real time, `flood` sends 30 s of audio at once, `huge` sends its
    answer as one media message of 3 s."""
    codec = audio.Codec("pcm16", 16_000)

    def media(samples: np.ndarray) -> str:
        return json.dumps({"event": "media", "media": {"payload": base64.b64encode(codec.encode(samples)).decode()}})

    async def answer(connection) -> None:
        chunk = audio.RATE // 10
        if mode == "huge":
            await connection.send(media(np.tile(spoken, 3)[: 3 * audio.RATE]))
        elif mode == "flood":
            looped = np.tile(spoken, int(30 * audio.RATE / len(spoken)) + 1)[: 30 * audio.RATE]
            for offset in range(0, len(looped), chunk):
                await connection.send(media(looped[offset : offset + chunk]))
        else:  # forever, in real time, with no pause
            offset = 0
            while True:
                piece = np.take(spoken, range(offset, offset + chunk), mode="wrap")
                offset += chunk
                await connection.send(media(piece))
                await asyncio.sleep(0.1)

    async def handler(connection) -> None:
        frames, task = 0, None
        try:
            async for message in connection:
                if json.loads(message).get("event") == "media":
                    frames += 1
                    if frames == 50 and task is None:
                        task = asyncio.create_task(answer(connection))
        except websockets.ConnectionClosed:
            pass
        finally:
            if task is not None:
                task.cancel()

    return handler


@pytest.mark.e2e
def test_streaming_bots_past_the_caps_end_as_too_large(api: Api, small_audio_cap, monkeypatch) -> None:
    monkeypatch.setattr(settings, "max_reply_bytes", 32 * 1024)  # one media message: at most 32 KiB
    spoken = espeak(LONG_REPLY, BOT_VOICE)
    modes = ("forever", "flood", "huge")

    async def main() -> list[dict]:
        # close_timeout: a bot that floods the call cannot answer Mimic's close (its sends are stuck)
        servers = [await websockets.serve(_stream_bot(m, spoken), "127.0.0.1", 0, max_size=None, close_timeout=1)
                   for m in modes]  # fmt: skip
        try:
            ids = []
            for server in servers:
                port = server.sockets[0].getsockname()[1]
                config = {"transport": "websocket", "url": f"ws://127.0.0.1:{port}/", "encoding": "pcm16",
                          "sampleRate": 16000, "timeoutSeconds": 10}  # fmt: skip
                agent = await asyncio.to_thread(api.agent, "voice", config)
                ids.append(await asyncio.to_thread(_session, api, agent))
            loop = asyncio.get_running_loop()
            with ThreadPoolExecutor(len(ids)) as pool:
                return await asyncio.gather(*(loop.run_in_executor(pool, api.wait, i, 90) for i in ids))
        finally:
            for server in servers:
                server.close()
                await server.wait_closed()

    details = dict(zip(modes, asyncio.run(main()), strict=True))
    for mode, detail in details.items():
        _too_large(detail)
        print(f"{mode}: {detail['error']['message']}")
    assert "MIMIC_MAX_AUDIO_REPLY_BYTES" in details["forever"]["error"]["message"]
    assert "MIMIC_MAX_AUDIO_REPLY_BYTES" in details["flood"]["error"]["message"]
    assert "MIMIC_MAX_REPLY_BYTES" in details["huge"]["error"]["message"]
    # The recording so far is kept, and holds no more of the agent than the cap allows.
    for detail in details.values():
        call = api.get(f"/api/sessions/{detail['id']}/voice")
        stereo = next(r for r in call["recordings"] if r["channel"] == "stereo")
        with wave.open(io.BytesIO(api.http.get(stereo["url"]).content)) as recording:
            frames = recording.readframes(recording.getnframes())
        agent_channel = np.frombuffer(frames, dtype="<i2").reshape(-1, 2)[:, 1]
        heard = int(np.count_nonzero(np.abs(agent_channel) > 300))
        assert heard <= CAP // 2 + audio.RATE, (detail["id"], heard)  # the cap, and a frame of slack
