"""Voice calls: what a voice session measured (with its recordings), and the workspace's
audio retention."""

from __future__ import annotations

from app.api.deps import CurrentPrincipal, SessionDep
from app.api.errors import error_responses
from app.api.routing import APIRouter
from app.models.voice import VoiceCallPublic, VoiceSettingsPublic, VoiceSettingsUpdate
from app.services import voice

router = APIRouter(prefix="/api", tags=["voice"])


@router.get(
    "/sessions/{session_id}/voice",
    response_model=VoiceCallPublic,
    summary="A voice session's call: latency, talk-over, barge-in, recordings",
    responses=error_responses(404),
)
def get_voice_call(session_id: str, principal: CurrentPrincipal, session: SessionDep) -> VoiceCallPublic:
    """Per answer and per call: time from the end of the persona's speech to the agent's first
    audio (p50, p95), silences, talk-over, whether the agent stopped when interrupted, words
    per minute and recognition confidence; the timeline of who spoke when; the recordings."""
    return voice.get_voice_call(session=session, principal=principal, session_id=session_id)


@router.get("/voice/settings", response_model=VoiceSettingsPublic, summary="The workspace's audio retention")
def get_voice_settings(principal: CurrentPrincipal, session: SessionDep) -> VoiceSettingsPublic:
    return voice.get_voice_settings(session=session, principal=principal)


@router.put(
    "/voice/settings",
    response_model=VoiceSettingsPublic,
    summary="Set how many days call recordings are kept (admins)",
    responses=error_responses(403),
)
def update_voice_settings(
    data: VoiceSettingsUpdate, principal: CurrentPrincipal, session: SessionDep
) -> VoiceSettingsPublic:
    return voice.update_voice_settings(session=session, principal=principal, data=data)
