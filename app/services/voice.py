"""Voice sessions: the plan of a call (the persona's voice and realism knobs, hosted speech
models resolved with the workspace's credentials), the runner, what a call measured as the
API shows it, its place in exports, and how long recordings are kept."""

from __future__ import annotations

import asyncio
import logging
from datetime import timedelta
from typing import Any

from sqlmodel import Session, col, select

from app.db import session_scope
from app.engine.bus import bus
from app.engine.case import JudgeCase
from app.engine.context import SessionPlan
from app.engine.voice_case import with_measurements
from app.engine.voice_runner import VoiceSessionRunner
from app.models.account import Workspace
from app.models.base import utcnow
from app.models.library import Agent, Objective, Persona
from app.models.session import Artifact, SimSession
from app.models.voice import (
    PersonaVoiceConfig,
    VoiceCall,
    VoiceCallPublic,
    VoiceRealismConfig,
    VoiceRecording,
    VoiceSettingsPublic,
    VoiceSettingsUpdate,
    VoiceTurn,
    VoiceTurnPublic,
)
from app.services import providers
from app.services.access import Permission, Principal, require
from app.services.browser_sessions import artifact_url
from app.services.errors import NotFound
from app.services.session_store import DatabaseSessionStore
from app.settings import settings
from app.voice.measure import Thresholds
from app.voice.plan import VoicePlan
from app.voice.realism import BargeIn, Realism
from app.voice.speech import OFFLINE_STT_LANGUAGES, ListeningSettings, voice_from_traits

logger = logging.getLogger("mimic.voice")

VOICE_AGENT_TYPE = "voice"
AUDIO_KIND = "audio"
_HESITANT = ("hesitant", "nervous", "rambling", "unsure", "shy")


def thresholds() -> Thresholds:
    return Thresholds(
        slow_answer_p50_ms=settings.voice_slow_answer_p50_ms,
        slow_answer_p95_ms=settings.voice_slow_answer_p95_ms,
        long_silence_ms=settings.voice_long_silence_ms,
        yield_ms=settings.voice_yield_ms,
        barge_in_response_ms=settings.voice_barge_in_response_ms,
    )


def _realism(persona: PersonaVoiceConfig, objective: VoiceRealismConfig | None, traits: dict[str, Any]) -> Realism:
    """The objective's knobs win over the persona's; unset ones follow the traits."""
    mine, theirs = persona.realism, objective or VoiceRealismConfig()

    def pick(name: str, default: Any) -> Any:
        for source in (theirs, mine):
            value = getattr(source, name)
            if value is not None:
                return value
        return default

    hesitant = any(word in str(traits.get("communication_style") or "").lower() for word in _HESITANT)
    noise = pick("noise", "none")
    barge = pick("barge_in", None)
    return Realism(
        noise=None if noise == "none" else noise,
        snr_db=float(pick("snr_db", 20.0)),
        fillers=float(pick("fillers", 0.3 if hesitant else 0.0)),
        pauses=float(pick("pauses", 0.2 if hesitant else 0.0)),
        pause_ms=int(pick("pause_ms", 800)),
        barge_in=None if barge is None else BargeIn(barge.after_ms, barge.every, barge.max_times),
    )


def voice_plan(session: Session, workspace_id: str, persona: Persona, objective: Objective, agent: Agent) -> VoicePlan:
    """How the persona sounds and listens on this call, resolved now (like the rest of the plan)."""
    chosen = PersonaVoiceConfig.model_validate((persona.config or {}).get("voice") or {})
    raw_override = (objective.config or {}).get("voice")
    override = VoiceRealismConfig.model_validate(raw_override) if raw_override else None
    overrides: dict[str, Any] = {"engine": chosen.engine, "voice": chosen.voice, "accent": chosen.accent,
                                 "espeakVariant": chosen.espeak_variant, "rateWpm": chosen.rate_wpm,
                                 "pitch": chosen.pitch}  # fmt: skip
    if chosen.engine == "hosted":
        resolved = providers.resolve(session, workspace_id, "agent", chosen.model)
        overrides |= {"model": resolved.model, "credentials": resolved.credentials}
    voice = voice_from_traits(persona.traits or {}, persona.language, overrides)
    listening = ListeningSettings(language=persona.language)
    if chosen.listen_engine == "hosted":
        resolved = providers.resolve(session, workspace_id, "agent", chosen.listen_model)
        listening = ListeningSettings("hosted", resolved.model, persona.language, resolved.credentials)
    realism = _realism(chosen, override, persona.traits or {})
    notes = []
    if listening.engine != "hosted" and persona.language.split("-")[0].lower() not in OFFLINE_STT_LANGUAGES:
        notes.append(f"The offline recogniser knows US English only; the agent's {persona.language} speech is "
                     "transcribed poorly. Choose a hosted speech-to-text model for this persona.")  # fmt: skip
    if realism.barge_in is not None and (agent.config or {}).get("transport") == "http":
        notes.append("Barge-in needs a streaming transport: a turn-based (HTTP) agent cannot be interrupted.")
    return VoicePlan(voice=voice, listening=listening, realism=realism, thresholds=thresholds(),
                     max_call_seconds=settings.voice_max_call_seconds, notes=tuple(notes))  # fmt: skip


class DatabaseVoiceStore(DatabaseSessionStore):
    """The session store, and what a call measured."""

    async def save_voice_call(self, *, call: dict[str, Any], turns: list[dict[str, Any]]) -> None:
        await self._in_thread(self._save_voice_call, call, turns)

    def _save_voice_call(self, db: Session, call: dict[str, Any], turns: list[dict[str, Any]]) -> None:
        figures = call["figures"]
        db.add(VoiceCall(
            session_id=self.session_id, workspace_id=self.workspace_id, transport=str(call.get("transport") or ""),
            turns=figures["turns"], latency_p50_ms=figures["latencyP50Ms"], latency_p95_ms=figures["latencyP95Ms"],
            talk_over_ms=figures["talkOverMs"], interruptions=figures["interruptions"], yields=figures["yields"],
            long_silences=figures["longSilences"], words_per_minute=figures["wordsPerMinute"],
            confidence=figures["confidence"], duration_ms=call["durationMs"], summary=call,
        ))  # fmt: skip
        for turn in turns:
            db.add(VoiceTurn(
                workspace_id=self.workspace_id, session_id=self.session_id, message_id=turn.get("messageId"),
                turn_index=turn["turnIndex"], start_ms=turn["startMs"], end_ms=turn["endMs"],
                latency_ms=turn["latencyMs"], speech_ms=turn["speechMs"], max_gap_ms=turn["maxGapMs"],
                talk_over_ms=turn["talkOverMs"], interrupted=turn["interrupted"], yielded=turn["yielded"],
                yield_ms=turn["yieldMs"], words=turn["words"], words_per_minute=turn["wordsPerMinute"],
                confidence=turn["confidence"],
            ))  # fmt: skip


def judged_as_call(db: Session, session_id: str, case: JudgeCase) -> JudgeCase:
    """A stored session's case as its call was judged (each message's measurements beside its
    words, the call's thresholds and recogniser), for judging it again; a chat session's, or
    a call stored without them, unchanged."""
    call = db.get(VoiceCall, session_id)
    judged = (call.summary or {}).get("judge") if call is not None else None
    if not isinstance(judged, dict):
        return case
    return with_measurements(case, judged.get("measured") or {}, judged.get("call") or {})


def voice_runner(plan: SessionPlan, voice: VoicePlan) -> VoiceSessionRunner:
    return VoiceSessionRunner(plan, DatabaseVoiceStore(plan.session_id, plan.workspace_id), bus, voice)


# -- the call as the API shows it -----------------------------------------------------------------


def _recordings(db: Session, session_id: str) -> list[VoiceRecording]:
    rows = db.exec(
        select(Artifact).where(Artifact.session_id == session_id, Artifact.kind == AUDIO_KIND)
        .order_by(col(Artifact.created_at))
    ).all()  # fmt: skip
    return [VoiceRecording(id=a.id, name=a.name, channel="stereo" if a.name == "call.wav" else a.name.split(".")[0],
                           content_type=a.content_type, size=a.size, url=artifact_url(session_id, a.id))
            for a in rows]  # fmt: skip


def call_public(db: Session, call: VoiceCall) -> VoiceCallPublic:
    turns = db.exec(
        select(VoiceTurn).where(VoiceTurn.session_id == call.session_id).order_by(col(VoiceTurn.turn_index))
    ).all()
    return VoiceCallPublic(
        session_id=call.session_id, transport=call.transport, turns=call.turns, latency_p50_ms=call.latency_p50_ms,
        latency_p95_ms=call.latency_p95_ms, talk_over_ms=call.talk_over_ms, interruptions=call.interruptions,
        yields=call.yields, long_silences=call.long_silences, words_per_minute=call.words_per_minute,
        confidence=call.confidence, duration_ms=call.duration_ms, summary=call.summary,
        turn_details=[VoiceTurnPublic.model_validate(t) for t in turns], recordings=_recordings(db, call.session_id),
        recordings_purged=bool(call.summary.get("recordingsPurgedAt")),
    )  # fmt: skip


def get_voice_call(*, session: Session, principal: Principal, session_id: str) -> VoiceCallPublic:
    """GET /api/sessions/{id}/voice: what a voice session measured, with its recordings."""
    require(principal, Permission.read)
    row = session.get(SimSession, session_id)
    if row is None or row.workspace_id != principal.workspace_id:
        raise NotFound("No such session")
    call = session.get(VoiceCall, session_id)
    if call is None:
        raise NotFound("This session has no voice call (not a voice agent, or it has not ended yet)")
    return call_public(session, call)


def export_block(db: Session, session_id: str) -> dict[str, Any] | None:
    """The call in a session's JSON export (figures, turns, timeline, recording links)."""
    call = db.get(VoiceCall, session_id)
    return None if call is None else call_public(db, call).model_dump(by_alias=True, mode="json")


def markdown_lines(voice: dict[str, Any]) -> list[str]:
    lines = ["## Voice", "",
             f"- Transport: {voice['transport']} · answers: {voice['turns']} · "
             f"call: {voice['durationMs'] / 1000:.1f} s",
             f"- Time to first audio: p50 {voice['latencyP50Ms']} ms, p95 {voice['latencyP95Ms']} ms",
             f"- Talk-over: {voice['talkOverMs']} ms · interruptions: {voice['interruptions']} · "
             f"yielded: {voice['yields']} · long silences: {voice['longSilences']}",
             f"- Pace: {voice['wordsPerMinute']} words/min · "
             f"recognition confidence: {voice['confidence']}"]  # fmt: skip
    lines += [f"- Recording ({r['channel']}): {r['url']}" for r in voice["recordings"]]
    if voice.get("recordingsPurged"):
        lines.append("- Recordings: deleted by the audio retention setting")
    return [*lines, ""]


# -- retention ----------------------------------------------------------------------------------------


def retention_days(workspace: Workspace) -> int:
    value = (workspace.settings or {}).get("audioRetentionDays")
    return int(value) if isinstance(value, int) else settings.audio_retention_days


def get_voice_settings(*, session: Session, principal: Principal) -> VoiceSettingsPublic:
    require(principal, Permission.read)
    workspace = session.get(Workspace, principal.workspace_id)
    return VoiceSettingsPublic(audio_retention_days=retention_days(workspace),
                               server_default_days=settings.audio_retention_days)  # fmt: skip


def update_voice_settings(*, session: Session, principal: Principal, data: VoiceSettingsUpdate) -> VoiceSettingsPublic:
    """Admins set how long this workspace keeps call recordings (null: the server's default)."""
    require(principal, Permission.manage_workspace)
    workspace = session.get(Workspace, principal.workspace_id)
    current = dict(workspace.settings or {})
    if data.audio_retention_days is None:
        current.pop("audioRetentionDays", None)
    else:
        current["audioRetentionDays"] = data.audio_retention_days
    workspace.settings = current  # a new dict: JSON columns track assignment
    session.commit()
    return get_voice_settings(session=session, principal=principal)


def purge_expired_recordings(db: Session, *, now=None) -> int:
    """Deletes the recordings older than each workspace's retention (files and rows); the
    call's figures and transcript stay. Returns how many files went."""
    now = now or utcnow()
    removed = 0
    root = settings.data_dir.resolve()
    for workspace in db.exec(select(Workspace)).all():
        days = retention_days(workspace)
        if days <= 0:
            continue
        expired = db.exec(
            select(Artifact).where(
                Artifact.workspace_id == workspace.id,
                Artifact.kind == AUDIO_KIND,
                col(Artifact.created_at) < now - timedelta(days=days),
            )  # fmt: skip
        ).all()
        for artifact in expired:
            path = (root / artifact.path).resolve()
            if path.is_relative_to(root):
                path.unlink(missing_ok=True)
            call = db.get(VoiceCall, artifact.session_id) if artifact.session_id else None
            if call is not None:
                call.summary = {**call.summary, "recordingsPurgedAt": now.isoformat()}
            db.delete(artifact)
            removed += 1
        db.commit()
    return removed


def _purge_once() -> int:
    with session_scope() as db:
        return purge_expired_recordings(db)


async def purge_forever(interval_s: float = 3600) -> None:
    """A lifespan task: applies the audio retention every hour."""
    while True:
        try:
            removed = await asyncio.to_thread(_purge_once)
            if removed:
                logger.info("deleted %d call recording(s) past their retention", removed)
        except Exception:
            logger.warning("applying the audio retention failed", exc_info=True)
        await asyncio.sleep(interval_s)
