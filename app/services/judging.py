"""Judging a stored session again, without replaying it: its transcript, persona, objective
and how it ended, read back from the database, judged by the model asked for (or the
session's), once or with repeats. Every judgement is kept with its judge model, prompt
version, settings, time and who asked; the latest completed one is the session's verdict
unless a human review overrides it (app/services/reviews.py). A run the session belongs to
has its figures restated, the previous ones kept for comparison.
"""

from __future__ import annotations

import asyncio
from dataclasses import dataclass
from typing import Any

from sqlalchemy import update
from sqlmodel import Session, col, select

from app.db import session_scope
from app.engine.bus import BusEvent, bus
from app.engine.case import JudgeCase, transcript_from
from app.engine.checks import run_checks
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot
from app.engine.judge import JudgeFailed
from app.engine.judgement import JudgementResult
from app.engine.repeats import judge_repeatedly
from app.models.base import utcnow
from app.models.judgement import JudgementPublic, JudgeRequest
from app.models.library import DEFAULT_MAX_TURNS, Agent, Objective, Persona
from app.models.review import Review
from app.models.session import LLMCall, Message, SimSession
from app.services import audit, providers, runs, verdicts, voice
from app.services.access import Permission, Principal, require
from app.services.crud import ScopedResource
from app.services.errors import Conflict, FieldError, NotFound, ValidationFailed
from app.services.judging_settings import judging_settings
from app.services.session_store import store_judgement
from app.settings import settings

BROWSER_AGENT_TYPE = "browser"
_sessions = ScopedResource(SimSession, lambda row: row, "session")


# ---- what a stored session is judged on ----------------------------------------------------------


def conversation_end(row: SimSession) -> str:
    """How the conversation itself ended (a judge that failed kept it in the error)."""
    if row.end_reason == "judge_error":
        return str((row.error or {}).get("endReason") or "imported")
    return row.end_reason or "imported"


def case_of(db: Session, row: SimSession) -> JudgeCase:
    """The session as the judge reads it: persona, objective and agent as they are now,
    the stored transcript, and how it ended (a call with what was measured on it)."""
    persona = db.get(Persona, row.persona_id)
    objective = db.get(Objective, row.objective_id) if row.objective_id else None
    agent = db.get(Agent, row.agent_id)
    if persona is None or objective is None or agent is None:
        raise Conflict("The session's persona, objective or agent no longer exists, so it cannot be judged again")
    messages = db.exec(select(Message).where(Message.session_id == row.id).order_by(col(Message.sequence))).all()
    definition = objective.definition or {}
    instructions = str((agent.config or {}).get("systemPrompt") or "") if agent.type in ("hosted", "openai") else ""
    case = JudgeCase(
        persona=PersonaSnapshot(name=persona.name, description=persona.description, prompt=persona.prompt,
                                definition=persona.definition, traits=persona.traits, language=persona.language),
        objective=ObjectiveSnapshot(name=objective.name, goal=definition.get("goal", ""),
                                    constraints=definition.get("constraints", []),
                                    success_criteria=definition.get("successCriteria", []),
                                    max_turns=int(objective.config.get("maxTurns", DEFAULT_MAX_TURNS)),
                                    keywords=definition.get("keywords", []), checks=list(objective.checks or [])),
        transcript=transcript_from({"id": m.id, "role": m.role, "content": m.content, "latencyMs": m.latency_ms,
                                    "meta": m.meta} for m in messages if m.role in ("persona", "agent")),
        end_reason=conversation_end(row), agent_instructions=instructions,
    )  # fmt: skip
    return voice.judged_as_call(db, row.id, case)


def rejudgeable(db: Session, row: SimSession) -> str | None:
    """Why the session cannot be judged again, or None."""
    if row.status not in ("completed", "error") or (row.status == "error" and row.end_reason != "judge_error"):
        return (f"The session is {row.status} ({row.end_reason or 'no end reason'}): only a session that ran to its "
                "end (or whose judge failed) can be judged again")  # fmt: skip
    agent = db.get(Agent, row.agent_id)
    if agent is not None and agent.type == BROWSER_AGENT_TYPE:
        return "A browser session is judged from its steps when it runs; it cannot be judged again yet"
    if row.message_count == 0:
        return "The session has no messages to judge"
    return None


# ---- judging ---------------------------------------------------------------------------------


def check_repeats(repeats: int, temperature: float | None) -> None:
    if repeats > 1 and temperature is not None and temperature <= 0:
        problem = FieldError("temperature", "must be above 0 when repeats > 1 (or left out: 0.7)")
        raise ValidationFailed("Repeated judgements need a temperature above 0", [problem])


@dataclass
class Prepared:
    """Everything a judgement needs, read in one transaction; judged outside it."""

    workspace_id: str
    session_id: str
    case: JudgeCase
    model: ModelChoice
    repeats: int
    temperature: float | None
    seed: int | None
    requested_by: str | None


def prepare(db: Session, principal: Principal, row: SimSession, data: JudgeRequest) -> Prepared:
    why_not = rejudgeable(db, row)
    if why_not:
        raise Conflict(why_not)
    repeats = data.repeats or int(row.llm_config.get("judgeRepeats") or 0) or judging_settings(
        db, row.workspace_id).judge_repeats  # fmt: skip
    check_repeats(repeats, data.temperature)
    resolved = providers.resolve(db, row.workspace_id, "judge", data.judge_model or row.llm_config.get("judgeModel"))
    return Prepared(row.workspace_id, row.id, case_of(db, row),
                    ModelChoice(resolved.model, data.temperature, resolved.credentials, resolved.id), repeats,
                    data.temperature, row.config.get("seed"), principal.user_id)  # fmt: skip


async def judge(prepared: Prepared) -> tuple[JudgementResult, dict[str, Any] | None]:
    """The judgement, or the checks' partial one with the judge model's error."""
    # The checks are CPU work (the language detector): off the event loop.
    checks = await asyncio.to_thread(run_checks, prepared.case, slow_reply_ms=settings.slow_reply_ms)
    try:
        result = await judge_repeatedly(prepared.model, prepared.case, repeats=prepared.repeats,
                                        temperature=prepared.temperature, seed=prepared.seed,
                                        slow_reply_ms=settings.slow_reply_ms, checks=checks)  # fmt: skip
        return result, None
    except JudgeFailed as failed:
        failed.partial.calls = failed.calls
        return failed.partial, {"source": "judge", "kind": failed.error.kind, "message": failed.error.message,
                                "statusCode": failed.error.status_code}  # fmt: skip


def refresh_session(db: Session, row: SimSession) -> None:
    """The session's outcome follows its verdict: the latest review, else its latest
    completed judgement. A session whose judge had failed is completed once judged."""
    judgement = verdicts.latest_judgement(db, row.id)
    if judgement is None:
        return
    if judgement.status == "completed" and row.status == "error" and row.end_reason == "judge_error":
        row.status, row.end_reason, row.error = "completed", conversation_end(row), None
    if row.status != "completed":
        return
    review = db.exec(select(Review).where(Review.session_id == row.id).order_by(col(Review.created_at).desc())).first()
    row.outcome, row.blame = (review.outcome, review.blame) if review else (judgement.outcome, judgement.blame)
    row.verdict_summary = judgement.summary
    row.flipped_criteria, row.unstable_criteria = judgement.flipped_criteria, judgement.unstable_criteria
    row.updated_at = utcnow()


def publish(kind: str, workspace_id: str, key: str, data: dict[str, Any]) -> None:
    """A judging event (judgement, review, calibration) for the webhooks; never a session's feed."""
    bus.publish(BusEvent(f"{kind}:{key}", workspace_id, kind, data))


def store(prepared: Prepared, result: JudgementResult, error: dict[str, Any] | None, *, trigger: str,
          restate_run: bool = True) -> JudgementPublic:  # fmt: skip
    """Keeps the judgement and its judge calls, makes it the session's verdict (unless a
    review overrides it) and restates the run's figures."""
    with session_scope() as db:
        row = db.get(SimSession, prepared.session_id)
        if row is None:
            raise NotFound("No such session")
        judgement, _ = store_judgement(db, prepared.workspace_id, row.id, result, requested_by=prepared.requested_by,
                                       error=error, trigger=trigger)  # fmt: skip
        for call in result.calls:
            db.add(LLMCall(workspace_id=row.workspace_id, session_id=row.id, role="judge", model=call.model,
                           prompt_tokens=call.prompt_tokens, completion_tokens=call.completion_tokens, cost=call.cost,
                           latency_ms=call.latency_ms))  # fmt: skip
        db.exec(
            update(SimSession).where(col(SimSession.id) == row.id).values(
                total_cost=SimSession.total_cost + sum(c.cost for c in result.calls),
                total_tokens=SimSession.total_tokens + sum(c.prompt_tokens + c.completion_tokens for c in result.calls),
            )
        )  # fmt: skip
        db.flush()
        db.refresh(row)
        refresh_session(db, row)
        db.flush()
        if row.run_id and restate_run:
            runs.restate_summary(db, row.run_id, reason="rejudge", by=prepared.requested_by)
        public = JudgementPublic.model_validate(judgement)
    publish("judgement", prepared.workspace_id, public.id, {"judgementId": public.id, "sessionId": public.session_id})
    return public


def _prepare_request(principal: Principal, session_id: str, data: JudgeRequest) -> Prepared:
    require(principal, Permission.write)
    with session_scope() as db:
        row = _sessions.row(db, principal, session_id)
        prepared = prepare(db, principal, row, data)
        audit.record(db, principal=principal, action="session.rejudged", target_type="session", target_id=row.id,
                     details={"judgeModel": prepared.model.id, "repeats": prepared.repeats,
                              "temperature": prepared.temperature})  # fmt: skip
        return prepared


async def rejudge_session(*, principal: Principal, session_id: str, data: JudgeRequest) -> JudgementPublic:
    """Judges the stored session again and answers the new judgement (status error, with
    the judge model's failure, when the model failed: the session's verdict stays)."""
    prepared = await asyncio.to_thread(_prepare_request, principal, session_id, data)
    result, error = await judge(prepared)
    return await asyncio.to_thread(store, prepared, result, error, trigger="rejudge")
