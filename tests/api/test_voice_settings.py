"""Hosted speech models through the real litellm path (an OpenAI-compatible speech server on
127.0.0.1), the persona's voice validated per field, and the audio retention: a workspace
setting for admins, applied to the stored recordings."""

from __future__ import annotations

from datetime import timedelta

import pytest

from app.models.base import utcnow
from app.models.session import Artifact, SimSession
from app.models.voice import VoiceCall
from app.services import voice
from app.settings import settings
from app.voice.speech import word_error_rate
from tests.support.loopback import LoopbackServer
from tests.support.sessions import Api
from tests.support.speech_stub import SpeechStub
from tests.support.voice_bots import wav_turn_bot

SPEECH_KEY = "sk-speech-stub-key"


@pytest.fixture
def api(live_api, make_account) -> Api:
    return Api(live_api.url, make_account().headers)


def test_hosted_speech_models_speak_and_listen(api: Api, monkeypatch) -> None:
    bot = {"delay_ms": 300}
    with SpeechStub(required_key=SPEECH_KEY) as stub, LoopbackServer(wav_turn_bot(bot)) as server:
        monkeypatch.setenv("OPENAI_API_KEY", SPEECH_KEY)
        monkeypatch.setenv("OPENAI_API_BASE", stub.base_url)
        persona = api.post("/api/personas", {
            "name": "Caller with hosted speech", "traits": {"urgency": "high"},
            "config": {"voice": {"engine": "hosted", "model": "openai/tts-1", "voice": "nova",
                                 "listenEngine": "hosted", "listenModel": "openai/whisper-1"}},
        })["id"]  # fmt: skip
        goal = {"goal": "Ask when my order arrives", "successCriteria": ["A day is given"]}
        objective = api.post("/api/objectives", {"name": "One question", "config": {"maxTurns": 1},
                                                 "definition": goal})["id"]  # fmt: skip
        agent = api.agent("voice", {"transport": "http", "url": f"{server.url}/turn", "timeoutSeconds": 20})
        detail = api.wait(api.start(agent, persona, objective), timeout=120)

    assert detail["status"] == "completed", detail["error"]
    speech = [r for r in stub.requests if r["path"] == "speech"]
    heard = [r for r in stub.requests if r["path"] == "transcriptions"]
    assert speech and heard and all(r["authorization"] == f"Bearer {SPEECH_KEY}" for r in stub.requests)
    assert speech[0]["body"]["voice"] == "nova" and speech[0]["body"]["model"] == "tts-1"
    assert speech[0]["body"]["speed"] > 1  # high urgency speaks faster
    assert heard[0]["form"]["model"] == "whisper-1" and heard[0]["form"]["language"] == "en"
    # What the persona said was spoken by the hosted model (the bot heard it), and the agent's
    # answer was transcribed by the hosted one.
    agent_text = next(m["content"] for m in detail["messages"] if m["senderType"] == "agent")
    assert word_error_rate(bot["said"][0], agent_text) <= 0.6, agent_text
    call = api.get(f"/api/sessions/{detail['id']}/voice")
    assert call["summary"]["settings"]["voice"]["engine"] == "hosted"
    assert call["summary"]["settings"]["listening"] == {"engine": "hosted", "model": "openai/whisper-1",
                                                        "language": "en"}  # fmt: skip
    assert call["confidence"] is not None  # from the provider's segments


def test_a_persona_voice_is_validated_per_field(api: Api) -> None:
    bad = {"name": "Bad voice", "config": {"voice": {
        "engine": "hosted", "rateWpm": 20, "listenEngine": "hosted",
        "realism": {"noise": "thunder", "snrDb": 99, "fillers": 2, "bargeIn": {"afterMs": -1}}}}}  # fmt: skip
    response = api.http.post("/api/personas", json=bad)
    assert response.status_code == 422
    fields = {d["field"] for d in response.json()["error"]["details"]}
    prefix = "config.voice."
    expected = ["model", "rateWpm", "listenModel", "realism.noise", "realism.snrDb", "realism.fillers",
                "realism.bargeIn.afterMs"]  # fmt: skip
    assert {prefix + name for name in expected} <= fields


def test_audio_retention_is_a_workspace_setting_for_admins(live_api, make_account) -> None:
    owner = make_account()
    editor = make_account(join=owner, role="editor")
    as_owner, as_editor = Api(live_api.url, owner.headers), Api(live_api.url, editor.headers)
    assert as_owner.get("/api/voice/settings") == {"audioRetentionDays": settings.audio_retention_days,
                                                   "serverDefaultDays": settings.audio_retention_days}  # fmt: skip
    assert as_editor.http.put("/api/voice/settings", json={"audioRetentionDays": 1}).status_code == 403
    assert as_owner.http.put("/api/voice/settings", json={"audioRetentionDays": -1}).status_code == 422
    assert as_owner.http.put("/api/voice/settings", json={"audioRetentionDays": 7}).json()["audioRetentionDays"] == 7
    assert as_editor.get("/api/voice/settings")["audioRetentionDays"] == 7
    reset = as_owner.http.put("/api/voice/settings", json={"audioRetentionDays": None}).json()
    assert reset["audioRetentionDays"] == settings.audio_retention_days


def test_old_recordings_are_deleted_and_the_figures_stay(db, live_api, make_account) -> None:
    owner = make_account()
    api = Api(live_api.url, owner.headers)
    api.http.put("/api/voice/settings", json={"audioRetentionDays": 7})
    persona = api.post("/api/personas", {"name": "Anyone"})["id"]
    objective = api.post("/api/objectives", {"name": "Anything", "definition": {"goal": "Ask"}})["id"]
    agent = api.agent("voice", {"transport": "http", "url": "http://127.0.0.1:9/turn"})
    ages = {"old": 8, "new": 2}
    files = {}
    for label, days in ages.items():
        session_id = api.post("/api/sessions", {"agentId": agent, "personaId": persona, "objectiveId": objective})["id"]
        created = utcnow() - timedelta(days=days)
        path = settings.data_dir / "sessions" / session_id / "call.wav"
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_bytes(b"RIFF....WAVE")
        files[label] = (session_id, path)
        db.add(Artifact(workspace_id=owner.workspace_id, session_id=session_id, kind="audio", name="call.wav",
                        content_type="audio/wav", size=12, path=f"sessions/{session_id}/call.wav",
                        created_at=created))  # fmt: skip
        db.add(VoiceCall(session_id=session_id, workspace_id=owner.workspace_id, transport="http", turns=1,
                         latency_p50_ms=800, summary={"figures": {}}, created_at=created))  # fmt: skip
    db.commit()

    assert voice.purge_expired_recordings(db) == 1
    old_id, old_path = files["old"]
    new_id, new_path = files["new"]
    assert not old_path.exists() and new_path.exists()
    old_call, new_call = api.get(f"/api/sessions/{old_id}/voice"), api.get(f"/api/sessions/{new_id}/voice")
    assert old_call["recordings"] == [] and old_call["recordingsPurged"] is True
    assert old_call["latencyP50Ms"] == 800  # the figures stay
    assert len(new_call["recordings"]) == 1 and new_call["recordingsPurged"] is False
    assert db.get(SimSession, old_id) is not None


def test_the_document_says_what_the_server_enforces_of_voice_fields(api: Api) -> None:
    """The OpenAPI document describes a voice agent's config per transport and a persona's
    voice with the limits the server applies; a body it forbids is refused by the document
    check, naming each field."""
    document = api.get("/openapi.json")
    schemas = document["components"]["schemas"]
    branch = next(b["then"] for b in schemas["AgentCreate"]["allOf"]
                  if b["if"]["properties"]["type"]["const"] == "voice")  # fmt: skip
    config = branch["properties"]["config"]
    transports = {b["if"]["properties"]["transport"]["const"]: b["then"] for b in config["allOf"]}
    assert set(transports) == {"websocket", "http", "hosted"}
    assert "ws|wss" in transports["websocket"]["properties"]["url"]["pattern"]
    assert "http|https" in transports["http"]["properties"]["url"]["pattern"]
    assert transports["websocket"]["else"] == {"properties": {"sampleRate": {"const": 8000}}}  # mu-law is 8 kHz
    assert 11025 not in transports["http"]["properties"]["sampleRate"]["enum"]
    assert transports["hosted"]["properties"]["temperature"]["maximum"] == 2
    voice = schemas["PersonaVoiceConfig"]
    assert voice["properties"]["rateWpm"]["anyOf"][0]["minimum"] == 80
    assert {rule["then"]["required"][0] for rule in voice["allOf"]} == {"model", "listenModel"}

    bad_agent = {"name": "Bad voice bot", "type": "voice",
                 "config": {"transport": "websocket", "url": "https://bot.example.com/media", "sampleRate": 16000,
                            "frameMs": "20"}}  # fmt: skip
    response = api.http.post("/api/agents", json=bad_agent)
    assert response.status_code == 422
    details = {d["field"]: d["message"] for d in response.json()["error"]["details"]}
    assert details["config.url"] == "must be an absolute ws or wss URL"
    assert "config.sampleRate" in details and "config.frameMs" in details  # mu-law at 16 kHz; a string for a number
    hosted = {"name": "Bad hosted voice", "type": "voice", "config": {"transport": "hosted", "systemPrompt": "Hi",
                                                                      "temperature": "0.5"}}  # fmt: skip
    refused = api.http.post("/api/agents", json=hosted)
    assert refused.status_code == 422 and {d["field"] for d in refused.json()["error"]["details"]} == {
        "config.temperature"
    }
    good = {"name": "Good voice bot", "type": "voice", "config": {"url": "wss://bot.example.com/media"}}
    assert api.http.post("/api/agents", json=good).status_code == 201
