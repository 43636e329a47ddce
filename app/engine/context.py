"""What the engine is handed to run one session: plain snapshots of the persona, the
objective and the session's settings (no rows, no database)."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from app.engine.targets import TargetSpec


@dataclass(frozen=True)
class ModelChoice:
    model: str  # what litellm is called with
    temperature: float | None = None
    credentials: Any = field(default=None, repr=False)
    id: str = ""  # what the user chose (e.g. custom/my-vllm); defaults to `model`

    def __post_init__(self) -> None:
        if not self.id:
            object.__setattr__(self, "id", self.model)


@dataclass(frozen=True)
class PersonaSnapshot:
    name: str
    description: str = ""
    prompt: str = ""
    definition: dict[str, Any] = field(default_factory=dict)
    traits: dict[str, Any] = field(default_factory=dict)
    language: str = "en"


@dataclass(frozen=True)
class ObjectiveSnapshot:
    name: str
    goal: str
    constraints: list[str] = field(default_factory=list)
    success_criteria: list[str] = field(default_factory=list)
    max_turns: int = 12
    max_actions: int = 30
    keywords: list[str] = field(default_factory=list)
    # The objective's own deterministic checks (app/engine/checks.py): [{type, value, ...}]
    checks: list[dict[str, Any]] = field(default_factory=list)


@dataclass(frozen=True)
class SessionLimits:
    max_messages: int = 24
    duration_s: float = 300
    message_interval_s: float = 0
    seed: int | None = None
    # The agent is "silent" after this many empty replies in a row.
    silent_after: int = 1
    # A reply slower than this is a finding of the latency check.
    slow_reply_ms: int = 8000


@dataclass(frozen=True)
class SessionPlan:
    session_id: str
    workspace_id: str
    persona: PersonaSnapshot
    objective: ObjectiveSnapshot
    target: TargetSpec
    limits: SessionLimits
    simulator: ModelChoice
    judge: ModelChoice
    # Voice sessions: how the persona sounds and listens (app.voice.plan.VoicePlan).
    voice: Any = None
    # Independent judgements whose majority is the verdict (app/engine/repeats.py).
    judge_repeats: int = 1
