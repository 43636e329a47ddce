"""What a judgement is made of: the persona, the objective, the agent's own instructions
when Mimic knows them, how the session ended, and the transcript, numbered, with each
message's latency and its empty/truncated flags. Built from a finished session by the
runner, or from an imported conversation (a calibration set, `POST /api/judgements`); a
browser session's visit is a case too, its steps standing for the transcript.

On a voice call a message also carries what Mimic measured on the recording (`voice`: time
to the agent's first audio, talk-over, whether it stopped when the caller cut in, how sure
the recogniser was, ...) and an `unrecognized` flag when the agent spoke but Mimic's
recogniser could not make out the words: Mimic's facts beside the words, never in them."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any, TypeVar

from app.engine.context import ObjectiveSnapshot, PersonaSnapshot

T = TypeVar("T")

# The judge is shown at most this much of one message; a longer one is cut and flagged.
MAX_MESSAGE_CHARS = 4000

# end_reason -> (who ended it, what happened), in words for the judge and the pages.
_END_REASONS: dict[str, tuple[str, str]] = {
    "goal_met": (
        "the persona",
        "The persona ended the conversation saying its goal was met. That is the persona's "
        "claim, not evidence that the agent met any criterion.",
    ),
    "persona_gave_up": ("the persona", "The persona gave up and left before its goal was met."),
    "max_turns": ("Mimic", "Mimic stopped the conversation: the persona had used all of its turns ({max_turns})."),
    "max_messages": ("Mimic", "Mimic stopped the conversation: the message budget of the session was used up."),
    "max_actions": ("Mimic", "Mimic stopped the session: the persona had used all of its actions."),
    "duration": ("Mimic", "Mimic stopped the conversation: the session's time limit ran out."),
    "agent_silent": ("the agent", "The agent stopped answering (an empty reply), so Mimic ended the conversation."),
    "dead_end": ("Mimic", "Mimic stopped the session: several actions in a row changed nothing (a dead end)."),
    "cancelled": ("a user", "A user stopped the session before it ended."),
    "speech_error": ("Mimic", "Mimic stopped the call: its speech engine (the persona's voice or ears) failed."),
    "imported": ("unknown", "The conversation was imported; how it ended is not recorded."),
}
# The same, said of a visit to a website (medium browser).
_VISIT_END_REASONS: dict[str, tuple[str, str]] = {
    "goal_met": (
        "the visitor",
        "The visitor ended the visit saying its goal was met. That is the visitor's claim, not evidence that the "
        "website met any criterion.",
    ),
    "persona_gave_up": ("the visitor", "The visitor gave up and left the website before its goal was met."),
    "max_actions": ("Mimic", "Mimic stopped the visit: the visitor had used all of its actions ({max_actions})."),
    "duration": ("Mimic", "Mimic stopped the visit: the session's time limit ran out."),
    "dead_end": (
        "Mimic",
        "Mimic stopped the visit: several actions in a row changed nothing on the page (a dead end).",
    ),
}
# The end reasons a conversation judged from elsewhere may give (POST /api/judgements).
END_REASONS = tuple(_END_REASONS)
# Ends that no one in the conversation chose: a criterion they leave open is not the agent's.
INFRASTRUCTURE_ENDS = frozenset({"error", "target_error", "simulator_error", "judge_error", "browser_error",
                                 "speech_error", "internal_error", "interrupted", "cancelled"})  # fmt: skip
# Ends where the conversation was cut before it came to a close.
CUT_ENDS = frozenset({"max_turns", "max_messages", "max_actions", "duration", "dead_end"}) | INFRASTRUCTURE_ENDS


@dataclass(frozen=True)
class TranscriptEntry:
    id: str
    number: int  # from 1, as the session page numbers messages
    sender: str  # persona | agent
    text: str
    latency_ms: int | None = None
    empty: bool = False
    truncated: bool = False
    # Voice: the agent spoke, but Mimic's recogniser made out no words (the text is unknown, not empty).
    unrecognized: bool = False
    # Voice: what Mimic measured on this message (camelCase keys), beside its words.
    voice: Mapping[str, Any] | None = field(default=None, compare=False, hash=False)

    def as_data(self) -> dict[str, Any]:
        """The message as the judge reads it: one JSON object."""
        item: dict[str, Any] = {"id": self.id, "n": self.number, "sender": self.sender, "text": self.text}
        if self.latency_ms is not None:
            item["latencyMs"] = self.latency_ms
        if self.empty:
            item["empty"] = True
        if self.truncated:
            item["truncated"] = True
        if self.unrecognized:
            item["unrecognized"] = True
        if self.voice:
            item["voice"] = dict(self.voice)
        return item


@dataclass(frozen=True)
class JudgeCase:
    persona: PersonaSnapshot
    objective: ObjectiveSnapshot
    transcript: tuple[TranscriptEntry, ...]
    end_reason: str
    # The hosted agent's system prompt (or an OpenAI-compatible agent's), when Mimic sends it.
    agent_instructions: str = ""
    # chat | voice | browser: the built-in conversation checks read chat and voice transcripts.
    medium: str = "chat"
    # A visit (medium browser): its steps as the browser judge reads them; the transcript then
    # holds one "agent" entry per step, the website's page as that step saw it (app/engine/browser_judge.py).
    steps: tuple[dict[str, Any], ...] = ()
    extra: dict[str, Any] = field(default_factory=dict)
    # Voice: the call's facts the checks need (`thresholds` of the measured findings, in ms;
    # `recognizer`: {engine, languages: the ones it can hear, or null for any}).
    call: dict[str, Any] = field(default_factory=dict)
    # What the checks and the verdict's rules both read of the case, made once (see `memo`).
    _memo: dict[str, Any] = field(default_factory=dict, init=False, repr=False, compare=False)

    def memo(self, name: str, make: Callable[[], T]) -> T:
        """`make()` for this case, made on first use (a case is frozen: its answer stays true)."""
        if name not in self._memo:
            self._memo[name] = make()
        return self._memo[name]

    @property
    def agent_messages(self) -> list[TranscriptEntry]:
        return [m for m in self.transcript if m.sender == "agent"]

    @property
    def persona_messages(self) -> list[TranscriptEntry]:
        return [m for m in self.transcript if m.sender == "persona"]

    @property
    def ids(self) -> frozenset[str]:
        return frozenset(m.id for m in self.transcript)

    @property
    def cut(self) -> bool:
        return self.end_reason in CUT_ENDS

    @property
    def infrastructure_end(self) -> bool:
        return self.end_reason in INFRASTRUCTURE_ENDS

    def end_words(self) -> str:
        return end_reason_text(self.end_reason, max_turns=self.objective.max_turns,
                               max_actions=self.objective.max_actions, medium=self.medium)  # fmt: skip

    def number_of(self, message_id: str) -> int | None:
        return next((m.number for m in self.transcript if m.id == message_id), None)


def end_reason_text(end_reason: str, *, max_turns: int | None = None, max_actions: int | None = None,
                    medium: str = "chat") -> str:  # fmt: skip
    """How and by whom the session (a conversation, or a visit to a website) ended, in a sentence."""
    table = {**_END_REASONS, **_VISIT_END_REASONS} if medium == "browser" else _END_REASONS
    known = table.get(end_reason)
    if known is None:  # an imported reason is data, never a template
        return f"The session ended ({end_reason or 'unknown'})."
    who, words = known
    words = words.format(max_turns=max_turns if max_turns is not None else "all",
                         max_actions=max_actions if max_actions is not None else "all")  # fmt: skip
    return f"Ended by {who}. {words}" if who != "unknown" else words


def entry(message_id: str, number: int, sender: str, text: str, latency_ms: int | None = None,
          *, truncated: bool = False, unrecognized: bool = False,
          voice: Mapping[str, Any] | None = None) -> TranscriptEntry:  # fmt: skip
    """One message for the judge: its text capped, and flagged when empty or cut (a message
    whose speech was not recognised is not empty: its words are unknown)."""
    text = text or ""
    cut = len(text) > MAX_MESSAGE_CHARS
    if cut:
        text = text[:MAX_MESSAGE_CHARS]
    unrecognized = unrecognized and not text.strip()
    return TranscriptEntry(id=str(message_id), number=number, sender="agent" if sender == "agent" else "persona",
                           text=text, latency_ms=latency_ms, empty=not text.strip() and not unrecognized,
                           truncated=truncated or cut, unrecognized=unrecognized,
                           voice=dict(voice) if voice else None)  # fmt: skip


def transcript_from(messages: Iterable[Mapping[str, Any]]) -> tuple[TranscriptEntry, ...]:
    """From the runner's messages ({id, role, content, latencyMs, meta?}) or the seeds' shape
    ({id?, senderType, content, latencyMs?}). A voice message's meta may hold `unrecognized`
    and `measured` (what Mimic measured on it, as the judge reads it)."""
    out = []
    for number, m in enumerate(messages, start=1):
        sender = str(m.get("role") or m.get("senderType") or m.get("sender") or "")
        latency = m.get("latencyMs", m.get("latency_ms"))
        meta = m.get("meta") or m.get("metadata") or {}
        meta = meta if isinstance(meta, Mapping) else {}
        measured = meta.get("measured")
        out.append(entry(str(m.get("id") or f"m{number}"), number, sender, str(m.get("content") or m.get("text") or ""),
                         int(latency) if isinstance(latency, int | float) else None,
                         truncated=bool(meta.get("truncated")), unrecognized=bool(meta.get("unrecognized")),
                         voice=measured if isinstance(measured, Mapping) else None))  # fmt: skip
    return tuple(out)


_WORD_RE = re.compile(r"[^\W\d_]+", re.UNICODE)


def words(text: str) -> list[str]:
    return [w.lower() for w in _WORD_RE.findall(text or "")]
