"""What a voice session is handed besides the chat plan: how the persona sounds and listens,
the realism knobs, the thresholds of the findings, and the call's limits."""

from __future__ import annotations

from dataclasses import dataclass, field

from app.voice.measure import Thresholds
from app.voice.realism import Realism
from app.voice.speech import ListeningSettings, VoiceSettings


@dataclass(frozen=True)
class VoicePlan:
    voice: VoiceSettings = field(default_factory=VoiceSettings)
    listening: ListeningSettings = field(default_factory=ListeningSettings)
    realism: Realism = field(default_factory=Realism)
    thresholds: Thresholds = field(default_factory=Thresholds)
    max_call_seconds: float = 1800
    # A natural pause before the persona answers on a turn-based call (its thinking is not
    # on the call's clock there).
    reply_gap_ms: int = 600
    notes: tuple[str, ...] = ()
