"""Voice sessions: the offline engines' speed and accuracy, how many calls this machine
runs a minute, and how far the measured latency is from a bot's known delay.

1. Real-time factor (processing time / audio time) of espeak-ng (speaking), PocketSphinx
   (listening, in its worker processes) and the voice activity detector, over a set of
   customer-service sentences; the recogniser's word error rate on them at 16 kHz PCM and
   at 8 kHz mu-law (the telephone codec): the figures behind the tests' bound.
2. Latency measurement error: voice bots on 127.0.0.1 (tests/support/voice_bots.py) answer
   after known delays; streaming (media stream) and turn-based (WAV over HTTP) calls run
   through the real runner, store and recording; measured minus known, per answer.
3. Sessions per minute: N calls at once (2 persona turns each, the offline persona and judge),
   streaming and turn-based, timed until the last ends.

    PYTHONPATH=. .venv/bin/python bench/voice.py [concurrent calls, default 4]
"""

from __future__ import annotations

import asyncio
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="mimic-bench-voice-"))
os.environ["MIMIC_DATABASE_URL"] = f"sqlite:///{_TMP / 'voice.db'}"
os.environ["MIMIC_DATA_DIR"] = str(_TMP / "data")
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("MIMIC_SECRET_KEY", "bench-secret-key-bench-secret-key-0000")
os.environ["MIMIC_OUTBOUND_ALLOW"] = "loopback"
sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

import numpy as np  # noqa: E402
from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402

from app.db import session_scope  # noqa: E402
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot, SessionLimits, SessionPlan  # noqa: E402
from app.engine.targets import TargetSpec  # noqa: E402
from app.models import Agent, Objective, Persona, SimSession, VoiceTurn, Workspace  # noqa: E402
from app.services.voice import voice_runner  # noqa: E402
from app.settings import PROJECT_ROOT, settings  # noqa: E402
from app.voice import audio  # noqa: E402
from app.voice.plan import VoicePlan  # noqa: E402
from app.voice.speech import RECOGNIZERS, VoiceSettings, espeak, recognize_offline, word_error_rate  # noqa: E402
from app.voice.vad import speech_segments  # noqa: E402
from tests.support.loopback import LoopbackServer  # noqa: E402
from tests.support.voice_bots import BOT_VOICE, media_stream_bot, wav_turn_bot  # noqa: E402

SENTENCES = [
    "Hello, I am calling about my order.", "Your order number one two three ships tomorrow.",
    "Thank you for calling, how can I help you today?", "I would like a refund for the blue shoes please.",
    "Can you tell me the status of my delivery?", "I can help you with that. What is your order number?",
    "The package will arrive on Friday morning.", "Please hold while I check the system.",
    "I need to change my booking to next Tuesday.", "My account is locked and I cannot log in.",
    "Could you send me a new password by email?", "I have been waiting for two weeks and nothing has arrived.",
    "Let me transfer you to a human agent.", "Is there anything else I can help you with?",
    "Yes, the order number is four five six seven.", "No thank you, that is all for today.",
    "I am sorry to hear that, let me look into it.",
    "Your refund has been processed and will appear in three to five days.",
]  # fmt: skip


def engines() -> None:
    print("1. offline engines over", len(SENTENCES), "sentences (real-time factor = processing / audio time)")
    RECOGNIZERS.warm()
    for name, voice in (("bot voice (en-us+f5, 150 wpm)", BOT_VOICE), ("persona default (en-us+f2, 165 wpm)",
                                                                       VoiceSettings())):  # fmt: skip
        spoken, tts_s = [], 0.0
        for text in SENTENCES:
            started = time.perf_counter()
            spoken.append(audio.trim(espeak(text, voice)))
            tts_s += time.perf_counter() - started
        seconds = sum(len(s) for s in spoken) / audio.RATE
        started = time.perf_counter()
        for s in spoken:
            speech_segments(s)
        vad_s = time.perf_counter() - started
        rows = []
        for label, prepare in (("16 kHz PCM", lambda s: s),
                               ("8 kHz mu-law", lambda s: audio.Codec("mulaw", 8000).decode(
                                   audio.Codec("mulaw", 8000).encode(s)))):  # fmt: skip
            started = time.perf_counter()
            heard = [recognize_offline(prepare(s)).text for s in spoken]
            stt_s = time.perf_counter() - started
            wers = [word_error_rate(t, h) for t, h in zip(SENTENCES, heard, strict=True)]
            words = sum(len(t.split()) for t in SENTENCES)
            pooled = sum(w * len(t.split()) for w, t in zip(wers, SENTENCES, strict=True)) / words
            rows.append(f"    {label}: recogniser RTF {stt_s / seconds:.2f}, WER {pooled:.2f} (per sentence: median "
                        f"{statistics.median(wers):.2f}, p90 {np.percentile(wers, 90):.2f})")  # fmt: skip
        print(f"  {name}: {seconds:.1f} s of speech; espeak-ng RTF {tts_s / seconds:.3f}, VAD RTF "
              f"{vad_s / seconds:.4f}")  # fmt: skip
        print("\n".join(rows))


def setup() -> tuple[str, str, str, str]:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("sqlalchemy.url", settings.database_url)
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")
    with session_scope() as db:
        ws = Workspace(name="bench", slug="bench")
        db.add(ws)
        db.flush()
        agent = Agent(workspace_id=ws.id, name="a", type="voice", config={})
        persona = Persona(workspace_id=ws.id, name="p")
        objective = Objective(workspace_id=ws.id, name="o", definition={"goal": "g"})
        db.add_all([agent, persona, objective])
        db.flush()
        return ws.id, agent.id, persona.id, objective.id


def plan(session_id: str, ws: str, agent: str, config: dict) -> SessionPlan:
    offline = ModelChoice("mimic/offline")
    return SessionPlan(
        session_id=session_id, workspace_id=ws, persona=PersonaSnapshot(name="Caller"),
        objective=ObjectiveSnapshot(name="o", goal="Find out when my order arrives",
                                    success_criteria=["A delivery day is given"], max_turns=2),
        target=TargetSpec(agent, "voice", config), limits=SessionLimits(max_messages=20, duration_s=300, seed=1),
        simulator=offline, judge=offline, voice=VoicePlan(),
    )  # fmt: skip


async def calls(ids: list[str], ws: str, agent: str, configs: list[dict]) -> list[str]:
    runners = [voice_runner(plan(i, ws, agent, c), VoicePlan()) for i, c in zip(ids, configs, strict=True)]
    return await asyncio.gather(*(r.run() for r in runners))


def new_sessions(ws: str, agent: str, persona: str, objective: str, n: int) -> list[str]:
    with session_scope() as db:
        rows = [SimSession(workspace_id=ws, agent_id=agent, persona_id=persona, objective_id=objective)
                for _ in range(n)]  # fmt: skip
        db.add_all(rows)
        db.flush()
        return [r.id for r in rows]


def latencies(ids: list[str]) -> dict[str, list[int]]:
    with session_scope() as db:
        rows = db.exec(VoiceTurn.__table__.select().where(VoiceTurn.session_id.in_(ids))).all()
        found: dict[str, list[int]] = {}
        for row in rows:
            if row.latency_ms is not None:
                found.setdefault(row.session_id, []).append(row.latency_ms)
        return found


def stream_config(server: LoopbackServer) -> dict:
    return {"transport": "websocket", "url": f"{server.ws_url}/media", "encoding": "pcm16", "sampleRate": 16000,
            "frameMs": 20, "framing": "json", "timeoutSeconds": 10, "turnEndSilenceMs": 900}  # fmt: skip


def http_config(server: LoopbackServer) -> dict:
    return {"transport": "http", "url": f"{server.url}/turn", "sampleRate": 16000, "timeoutSeconds": 10,
            "turnEndSilenceMs": 900}  # fmt: skip


def measured(ws: str, agent: str, persona: str, objective: str, concurrent: int) -> None:
    print("\n2. latency measurement error (measured - the bot's known delay), and 3. sessions per minute")
    for transport, bot, config in (("streaming (media stream)", media_stream_bot, stream_config),
                                   ("turn-based (WAV over HTTP)", wav_turn_bot, http_config)):  # fmt: skip
        delays = [400 + 400 * (i % 4) for i in range(concurrent)]  # 400, 800, 1200, 1600 ms
        states = [{"delay_ms": d} for d in delays]
        servers = [LoopbackServer(bot(s)) for s in states]
        for server in servers:
            server.__enter__()
        try:
            ids = new_sessions(ws, agent, persona, objective, concurrent)
            started = time.perf_counter()
            outcomes = asyncio.run(calls(ids, ws, agent, [config(s) for s in servers]))
            wall = time.perf_counter() - started
        finally:
            for server in servers:
                server.__exit__(None, None, None)
        found = latencies(ids)
        errors = [m - d for i, d in zip(ids, delays, strict=True) for m in found.get(i, [])]
        failed = sum(o not in ("passed", "failed") for o in outcomes)
        print(f"  {transport}: {concurrent} calls at once in {wall:.1f} s -> {concurrent / wall * 60:.1f} "
              f"sessions/min ({failed} not completed)")  # fmt: skip
        if failed:
            with session_scope() as db:
                kinds = [f"{r.error.get('kind')}: {r.error.get('message')}" for r in
                         (db.get(SimSession, i) for i in ids) if r is not None and r.error]  # fmt: skip
            print("    not completed:", "; ".join(kinds[:4]))
        if errors:
            print(f"    latency error over {len(errors)} answers: mean {statistics.mean(errors):+.0f} ms, median "
                  f"{statistics.median(errors):+.0f} ms, max |error| {max(abs(e) for e in errors)} ms, "
                  f"p90 |error| {np.percentile([abs(e) for e in errors], 90):.0f} ms")  # fmt: skip


def main() -> None:
    concurrent = int(sys.argv[1]) if len(sys.argv) > 1 else 4
    print(f"machine: {os.cpu_count()} cores, load average {os.getloadavg()[0]:.1f}")
    engines()
    measured(*setup(), concurrent)


if __name__ == "__main__":
    main()
