"""Runs one conversation session: the persona simulator and the target take turns, every
message is stored the moment it exists and published on the bus, then the judge decides.

Stop conditions: the persona ends it (goal met or gives up), the objective's turn budget,
maxMessages, the duration, the agent stays silent (an empty reply is stored, flagged, and
counts toward it), or a stop/cancel (task cancellation).
Outcomes: passed, failed (the agent did not meet the objective), inconclusive (the judge
could not decide), simulator_error (the persona spoiled the session), error (target,
simulator or judge failures: infrastructure), cancelled. Only failed counts against the agent.
"""

from __future__ import annotations

import asyncio
import logging
import time
from dataclasses import dataclass
from typing import Any, Protocol

from app import llm
from app.engine.bus import BusEvent, EventBus
from app.engine.case import JudgeCase, transcript_from
from app.engine.context import ModelChoice, SessionPlan
from app.engine.judge import Judge, JudgeFailed, JudgementResult
from app.engine.repeats import judge_repeatedly
from app.engine.simulator import PersonaSimulator
from app.engine.targets import Target, TargetError, Turn, build_target

logger = logging.getLogger("mimic.runner")
EMPTY_REPLY_SEEN = "(The agent's message arrived empty.)"


@dataclass(frozen=True)
class StoredMessage:
    id: str
    sequence: int
    created_at: str  # ISO 8601


@dataclass(frozen=True)
class CallRecord:
    """An LLM call written in the same transaction as the message it produced."""

    role: str
    model: str
    prompt_tokens: int
    completion_tokens: int
    cost: float
    latency_ms: int


def call_record(role: str, result: llm.LLMResult) -> CallRecord:
    return CallRecord(role, result.model, result.prompt_tokens, result.completion_tokens, result.cost,
                      result.latency_ms)  # fmt: skip


@dataclass(frozen=True)
class StoredEvent:
    id: str
    sequence: int
    created_at: str  # ISO 8601


@dataclass(frozen=True)
class StoredArtifact:
    id: str
    kind: str
    name: str
    content_type: str
    size: int


# Statuses a session gets from outside its runner (a user's cancel, the recovery's "interrupted"):
# every SessionStore keeps them when the runner's own "running" or ending lands after them.
STOPPED_FROM_OUTSIDE = frozenset({"cancelled", "interrupted"})


class SessionStore(Protocol):
    """Where the runner writes, implemented by the services (the engine holds no database)."""

    async def mark_running(self) -> None: ...

    async def add_message(
        self,
        *,
        role: str,
        content: str,
        latency_ms: int | None = None,
        prompt_tokens: int | None = None,
        completion_tokens: int | None = None,
        cost: float | None = None,
        model: str | None = None,
        meta: dict[str, Any] | None = None,
        llm_call: CallRecord | None = None,
        held: bool = False,  # may wait for the store's next write, to be committed with it
    ) -> StoredMessage: ...

    async def add_llm_call(
        self,
        *,
        role: str,
        model: str,
        prompt_tokens: int = 0,
        completion_tokens: int = 0,
        cost: float = 0.0,
        latency_ms: int = 0,
        error: str | None = None,
        held: bool = False,  # may wait for the store's next write, to be committed with it
    ) -> None: ...

    # The judgement may wait for the store's next write (how the session ended); its findings
    # come back as they are published.
    async def save_judgement(self, result: JudgementResult) -> list[dict[str, Any]]: ...

    # Browser sessions: a step or happening (an "action" event counts toward action_count),
    # a finding (source measured | persona) and a stored file (screenshot, trace).
    async def add_event(
        self, *, type: str, context: dict[str, Any], decision: dict[str, Any], outcome: dict[str, Any]
    ) -> StoredEvent: ...

    async def add_finding(
        self,
        *,
        type: str,
        severity: str,
        description: str,
        evidence: dict[str, Any],
        source: str,
        persona_perspective: str = "",
        event_id: str | None = None,
        page: str | None = None,
    ) -> dict[str, Any]: ...

    async def update_finding(
        self, finding_id: str, *, description: str, evidence: dict[str, Any]
    ) -> dict[str, Any] | None: ...

    async def add_artifact(
        self, *, kind: str, name: str, content_type: str, data: bytes, event_id: str | None = None
    ) -> StoredArtifact: ...

    async def finish(
        self,
        *,
        status: str,
        outcome: str,
        end_reason: str,
        error: dict[str, Any] | None = None,
        blame: str | None = None,
    ) -> dict[str, Any]: ...


class InfrastructureError(Exception):
    def __init__(self, source: str, kind: str, message: str, status_code: int | None = None) -> None:
        super().__init__(message)
        self.source, self.kind, self.message, self.status_code = source, kind, message, status_code

    def as_dict(self) -> dict[str, Any]:
        return {"source": self.source, "kind": self.kind, "message": self.message, "statusCode": self.status_code}


class SessionRunner:
    def __init__(self, plan: SessionPlan, store: SessionStore, bus: EventBus, target: Target | None = None) -> None:
        self.plan = plan
        self.store = store
        self.bus = bus
        self.target = target
        self.transcript: list[dict[str, Any]] = []
        self.persona_turns = 0
        self.started = time.monotonic()

    def publish(self, type: str, data: dict[str, Any]) -> None:
        self.bus.publish(BusEvent(self.plan.session_id, self.plan.workspace_id, type, data))

    async def run(self) -> str:
        """Runs to the end and returns the outcome. Never raises for a target, simulator or
        judge failure: those are recorded on the session as an error outcome."""
        try:
            await self.store.mark_running()
            self.publish("status", {"status": "running"})
            self.target = self.target or build_target(self.plan.target)
            end_reason = await self._converse()
            return await self._judge_and_finish(end_reason)
        except asyncio.CancelledError:
            await asyncio.shield(self._finish("cancelled", "cancelled", "cancelled"))
            raise
        except InfrastructureError as exc:
            return await self._finish("error", "error", f"{exc.source}_error", exc.as_dict())
        except Exception as exc:  # a bug of ours must not leave the session "running" forever
            logger.exception("session %s crashed", self.plan.session_id)
            return await self._finish("error", "error", "internal_error",
                                      {"source": "mimic", "kind": "internal", "message": str(exc)[:500]})  # fmt: skip
        finally:
            if self.target is not None:
                try:
                    await asyncio.shield(self.target.close())
                except Exception:  # closing is best effort
                    logger.warning("closing the target of session %s failed", self.plan.session_id, exc_info=True)

    async def _converse(self) -> str:
        limits = self.plan.limits
        try:
            async with asyncio.timeout(limits.duration_s):
                return await self._turns()
        except TimeoutError:
            return "duration"

    async def _turns(self) -> str:
        limits, objective = self.plan.limits, self.plan.objective
        simulator = PersonaSimulator(self.plan.persona, objective, self.plan.simulator, seed=limits.seed)
        silent = 0
        while True:
            if self.persona_turns >= objective.max_turns:
                return "max_turns"
            if len(self.transcript) >= limits.max_messages:
                return "max_messages"
            if self.persona_turns and limits.message_interval_s:
                await asyncio.sleep(limits.message_interval_s)

            self.publish("progress", {"status": "running", "typing": "persona", "messageCount": len(self.transcript)})
            # The simulator's call is written with the message it wrote: one transaction, not two.
            turn = await self._persona_turn(simulator, store_call=False)
            ended = turn.action != "continue" and self.persona_turns > 0
            call = self.last_simulator_call
            if turn.message.strip():
                # Written with the agent's answer (or how the session ended): one transaction a turn.
                await self._record(
                    "persona", turn.message, held=True, meta={"action": turn.action, "reasoning": turn.reasoning},
                    prompt_tokens=call.prompt_tokens or None, completion_tokens=call.completion_tokens or None,
                    cost=call.cost or None, model=call.model, llm_call=call_record("simulator", call),
                )  # fmt: skip
                self.persona_turns += 1
            else:
                await self._llm_call("simulator", call)
            if ended:
                return "goal_met" if turn.action == "goal_met" else "persona_gave_up"
            if len(self.transcript) >= limits.max_messages:
                return "max_messages"

            self.publish("progress", {"status": "running", "typing": "agent", "messageCount": len(self.transcript)})
            reply = await self._agent_reply(turn.message)
            empty = not reply.content.strip()
            # Stored even when empty (flagged), so that the judge and the checks see it.
            await self._record(
                "agent",
                reply.content,
                latency_ms=reply.latency_ms,
                prompt_tokens=reply.prompt_tokens or None,
                completion_tokens=reply.completion_tokens or None,
                cost=reply.cost or None,
                model=reply.model,
                meta={"empty": True} if empty else None,
            )
            if empty:
                silent += 1
                if silent >= limits.silent_after:
                    return "agent_silent"
                continue
            silent = 0

    async def _persona_turn(self, simulator: PersonaSimulator, *, store_call: bool = True):
        started = time.perf_counter()
        history = [{"role": m["role"], "content": self.as_seen(m)} for m in self.transcript]
        try:
            simulated = await simulator.next_turn(history)
        except llm.LLMError as exc:
            await self._failed_call("simulator", self.plan.simulator.model, exc, started)
            raise InfrastructureError("simulator", exc.kind, exc.message, exc.status_code) from exc
        if store_call:
            await self._llm_call("simulator", simulated.result)
        self.last_simulator_call = simulated.result  # its tokens and cost go on the message it wrote
        return simulated.turn

    def as_seen(self, entry: dict[str, Any]) -> str:
        """A message as the persona perceived it: an empty reply is what a chat window shows,
        nothing came back."""
        return entry["content"] if entry["content"].strip() else EMPTY_REPLY_SEEN

    async def _agent_reply(self, message: str):
        history = [
            {"role": "user" if m["role"] == "persona" else "assistant", "content": m["content"]}
            for m in self.transcript[:-1]
            if m["content"].strip()  # the agent's own empty replies are not part of its history
        ]
        try:
            reply = await self.target.send(Turn(session_id=self.plan.session_id, message=message, history=history))
        except TargetError as exc:
            raise InfrastructureError("target", exc.kind, exc.message, exc.status_code) from exc
        if reply.model:  # the agent is itself an LLM call (hosted or OpenAI-compatible)
            await self.store.add_llm_call(
                role="agent", model=reply.model, prompt_tokens=reply.prompt_tokens,
                completion_tokens=reply.completion_tokens, cost=reply.cost, latency_ms=reply.latency_ms,
            )  # fmt: skip
        return reply

    async def _llm_call(self, role: str, result: llm.LLMResult, *, held: bool = False) -> None:
        await self.store.add_llm_call(
            role=role, model=result.model, prompt_tokens=result.prompt_tokens,
            completion_tokens=result.completion_tokens, cost=result.cost, latency_ms=result.latency_ms, held=held,
        )  # fmt: skip

    async def _failed_call(self, role: str, model: str, exc: llm.LLMError, started: float) -> None:
        await self.store.add_llm_call(
            role=role, model=model, error=f"{exc.kind}: {exc.message}",
            latency_ms=int((time.perf_counter() - started) * 1000),
        )  # fmt: skip

    async def _record(self, role: str, content: str, *, held: bool = False, **fields: Any) -> None:
        stored = await self.store.add_message(role=role, content=content, held=held, **fields)
        entry = {"id": stored.id, "sequence": stored.sequence, "role": role, "content": content,
                 "latencyMs": fields.get("latency_ms"), "meta": fields.get("meta") or {}}  # fmt: skip
        self.transcript.append(entry)
        self.publish(
            "message",
            {
                **entry,
                "sessionId": self.plan.session_id,
                "senderType": role,
                "timestamp": stored.created_at,
                "tokens": (fields.get("prompt_tokens") or 0) + (fields.get("completion_tokens") or 0),
                "cost": fields.get("cost"),
            },
        )

    def judge_case(self, end_reason: str) -> JudgeCase:
        """What the judge reads: the plan's persona and objective, the agent's instructions
        when Mimic knows them, how it ended, and the transcript."""
        target = self.plan.target
        instructions = str(target.config.get("systemPrompt") or "") if target.type in ("hosted", "openai") else ""
        return JudgeCase(persona=self.plan.persona, objective=self.plan.objective, end_reason=end_reason,
                         transcript=transcript_from(self.transcript), agent_instructions=instructions)  # fmt: skip

    def judge(self, model: ModelChoice, seed: int | None) -> Judge:
        """A judge of a conversation (a browser session's runner judges its visit); one per
        repeated judgement, each with its seed."""
        return Judge(model, seed=seed, slow_reply_ms=self.plan.limits.slow_reply_ms)

    def judging_progress(self) -> dict[str, Any]:
        return {"status": "judging", "messageCount": len(self.transcript)}

    async def _judge_and_finish(self, end_reason: str) -> str:
        self.publish("progress", self.judging_progress())
        case = self.judge_case(end_reason)
        judge = self.judge(self.plan.judge, self.plan.limits.seed)
        checks = await asyncio.to_thread(judge.checks, case)  # the language detector is CPU work
        started = time.perf_counter()
        try:
            result = await judge_repeatedly(self.plan.judge, case, repeats=self.plan.judge_repeats,
                                            seed=self.plan.limits.seed, slow_reply_ms=self.plan.limits.slow_reply_ms,
                                            checks=checks, judge_of=self.judge)  # fmt: skip
        except JudgeFailed as failed:
            # The judge's calls, its judgement and the end: one transaction (the store holds them).
            for call in failed.calls:
                await self._llm_call("judge", call, held=True)
            exc = failed.error
            await self._failed_call("judge", self.plan.judge.model, exc, started)
            await self._save(failed.partial)
            error = InfrastructureError("judge", exc.kind, exc.message, exc.status_code)
            # How the conversation itself ended is kept, so that a later re-judge reads it right.
            return await self._finish("error", "error", "judge_error", {**error.as_dict(), "endReason": end_reason},
                                      blame="infrastructure")  # fmt: skip
        for call in result.calls:
            await self._llm_call("judge", call, held=True)
        await self._save(result)
        return await self._finish("completed", result.outcome, end_reason, blame=result.blame)

    async def _save(self, result: JudgementResult) -> None:
        for finding in await self.store.save_judgement(result):
            self.publish("finding", finding)

    async def _finish(self, status: str, outcome: str, end_reason: str, error: dict[str, Any] | None = None,
                      blame: str | None = None) -> str:  # fmt: skip
        if blame is None and outcome == "error":
            blame = "infrastructure"
        summary = await self.store.finish(status=status, outcome=outcome, end_reason=end_reason, error=error,
                                          blame=blame)  # fmt: skip
        if error:
            self.publish("error", {"status": status, **error})
        self.publish("complete", {"status": status, "outcome": outcome, "reason": end_reason, "blame": blame,
                                  **summary})  # fmt: skip
        return outcome


__all__ = [
    "STOPPED_FROM_OUTSIDE",
    "InfrastructureError",
    "SessionRunner",
    "SessionStore",
    "StoredArtifact",
    "StoredEvent",
    "StoredMessage",
]
