"""The voice figures of the analytics: over the voice calls of a range (optionally of one
agent and one persona), the agents' time to first audio (p50, p95, over every answer, as the
text latency is over every reply), talk-over, how often they stopped when interrupted, long
silences, pace and recognition confidence."""

from __future__ import annotations

from datetime import datetime

import numpy as np
from sqlalchemy import Integer, cast, func
from sqlmodel import Session, col, select

from app.models.analytics import VoiceStats
from app.models.session import SimSession
from app.models.voice import VoiceCall, VoiceTurn


def _in_range(workspace_id: str, start_at: datetime, end_before: datetime, agent_id: str | None,
              persona_id: str | None) -> list:  # fmt: skip
    where = [col(SimSession.workspace_id) == workspace_id, col(SimSession.created_at) >= start_at,
             col(SimSession.created_at) < end_before]  # fmt: skip
    if agent_id:
        where.append(col(SimSession.agent_id) == agent_id)
    if persona_id:
        where.append(col(SimSession.persona_id) == persona_id)
    return where


def voice_stats(
    session: Session, workspace_id: str, start_at: datetime, end_before: datetime, *, agent_id: str | None = None,
    persona_id: str | None = None,
) -> VoiceStats | None:  # fmt: skip
    """None when the range has no voice call."""
    where = _in_range(workspace_id, start_at, end_before, agent_id, persona_id)
    calls = session.exec(
        select(func.count(), func.coalesce(func.sum(VoiceCall.talk_over_ms), 0),
               func.coalesce(func.sum(VoiceCall.long_silences), 0))
        .select_from(VoiceCall).join(SimSession, col(SimSession.id) == col(VoiceCall.session_id)).where(*where)
    ).one()  # fmt: skip
    if not calls[0]:
        return None
    turns = session.exec(
        select(func.count(), func.coalesce(func.sum(cast(VoiceTurn.interrupted, Integer)), 0),
               func.coalesce(func.sum(cast(VoiceTurn.yielded, Integer)), 0), func.avg(VoiceTurn.words_per_minute),
               func.avg(VoiceTurn.confidence))
        .select_from(VoiceTurn).join(SimSession, col(SimSession.id) == col(VoiceTurn.session_id)).where(*where)
    ).one()  # fmt: skip
    # Voice answers are few beside chat messages: their latencies are read and interpolated
    # here (linear between the closest ranks, as percentile_cont and the text latency).
    latencies = session.exec(
        select(VoiceTurn.latency_ms).join(SimSession, col(SimSession.id) == col(VoiceTurn.session_id))
        .where(*where, col(VoiceTurn.latency_ms).is_not(None))
    ).all()  # fmt: skip
    p50, p95 = (float(np.percentile(latencies, q)) if latencies else None for q in (50, 95))
    interruptions, yields = int(turns[1]), int(turns[2])
    return VoiceStats(
        sessions=int(calls[0]), turns=int(turns[0]), latency_p50_ms=None if p50 is None else round(p50, 1),
        latency_p95_ms=None if p95 is None else round(p95, 1), talk_over_ms=int(calls[1]),
        interruptions=interruptions, yields=yields,
        yield_rate=round(yields / interruptions, 3) if interruptions else None,
        long_silences=int(calls[2]), words_per_minute=None if turns[3] is None else round(float(turns[3]), 1),
        confidence=None if turns[4] is None else round(float(turns[4]), 3),
    )  # fmt: skip
