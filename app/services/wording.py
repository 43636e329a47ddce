"""The codes a session, a run or a verdict carries, in words: the one mapping every page,
export and the CLI show them with ("persona_gave_up" reads "The persona gave up"). An
unknown code (an imported conversation's, a newer server's) shows as itself, never as a
guess."""

from __future__ import annotations

STATUS_WORDS = {
    "pending": "pending", "running": "running", "judging": "judging", "completed": "completed",
    "cancelled": "cancelled", "error": "error", "interrupted": "interrupted",
}  # fmt: skip
OUTCOME_WORDS = {
    "passed": "passed", "failed": "failed", "inconclusive": "inconclusive", "simulator_error": "simulator error",
    "error": "infrastructure error", "cancelled": "cancelled",
}  # fmt: skip
# A run's cell adds these to the outcomes.
CELL_WORDS = {**OUTCOME_WORDS, "flaky": "flaky", "running": "running", "error": "infrastructure errors"}
VERDICT_WORDS = {"met": "met", "not_met": "not met", "inconclusive": "inconclusive"}
END_REASON_WORDS = {
    "goal_met": "The persona said its goal was met",
    "persona_gave_up": "The persona gave up",
    "max_turns": "Out of turns",
    "max_messages": "Message budget used up",
    "max_actions": "Out of actions",
    "duration": "Time limit reached",
    "agent_silent": "The agent stopped answering",
    "dead_end": "Dead end (nothing changed)",
    "cancelled": "Cancelled by a user",
    "interrupted": "Interrupted (the worker stopped)",
    "imported": "Imported conversation",
    "completed": "Completed",
    "error": "Error",
    "target_error": "Target error",
    "simulator_error": "Simulator error",
    "judge_error": "Judge error",
    "browser_error": "Browser error",
    "speech_error": "Speech engine error",
    "internal_error": "Internal error",
}
# Ends that the target or Mimic's own machinery caused: the session page's infrastructure callout.
INFRASTRUCTURE_END_REASONS = frozenset(
    {"error", "target_error", "simulator_error", "judge_error", "browser_error", "speech_error", "internal_error",
     "interrupted"}
)  # fmt: skip


def words(mapping: dict[str, str], code: str | None) -> str:
    """`code` in words from `mapping`; an unknown code as itself with its underscores spaced."""
    if not code:
        return ""
    return mapping.get(code) or code.replace("_", " ")


def end_reason(code: str | None) -> str:
    return words(END_REASON_WORDS, code)
