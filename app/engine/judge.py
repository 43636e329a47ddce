"""The judge: the checks, then two structured calls to the judge model, then the rules.

1. The deterministic checks (app/engine/checks.py), whatever the model.
2. The verdict pass (forced `submit_verdict` tool call): per criterion, in this order, the
   ids of the messages that bear on it, the reasoning, the status, and whose it is when it
   is not met; and an assessment of the persona (the simulator).
3. The audit pass (forced `submit_findings` tool call), independent of the verdict: the
   fixed checklist over every agent message, each finding with its type, evidence ids,
   description, the persona's perspective and a severity on the written scale.
4. The rules (app/engine/verdict_rules.py): evidence validated against the transcript, a
   skipped criterion inconclusive, contradictions between verdicts and findings resolved,
   objective checks applied to the criteria they decide, blame, the simulator check, and
   the outcome.

The pieces are separate so that other judges reuse them: what differs between judges (the
prompts, the tools' schemas, the prompt version, the offline model's context) is a
JudgeKind; the browser's (app/engine/browser_judge.py) judges a visit's steps the same way.
"""

from __future__ import annotations

import asyncio
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field

from app import llm
from app.engine import verdict_rules
from app.engine.case import JudgeCase
from app.engine.checks import CheckResult, run_checks
from app.engine.context import ModelChoice
from app.engine.judge_prompt import (
    CHECKLIST_TYPES,
    PROMPT_VERSION,
    audit_messages,
    offline_context,
    verdict_messages,
)
from app.engine.judgement import FindingRow, JudgementResult, VerdictRow

VERDICT_TOOL = "submit_verdict"
AUDIT_TOOL = "submit_findings"

Status = Literal["met", "not_met", "inconclusive"]
Blame = Literal["agent", "simulator", "judge", "infrastructure"]
Severity = Literal["low", "medium", "high", "critical"]


class CriterionAssessment(BaseModel):
    """One criterion: evidence first, then the reasoning, then the ruling."""

    index: int = Field(description="The criterion's number in the list, from 0")
    evidenceMessageIds: list[str] = Field(description="Ids of the transcript messages that bear on this criterion")
    reasoning: str = Field(description="Step by step, from those messages, against the definitions")
    status: Status = Field(description="met, not_met or inconclusive, as defined")
    blame: Blame | None = Field(default=None, description="Whose it is, when not_met or inconclusive")


class SimulatorAssessment(BaseModel):
    """Did the persona play fair?"""

    evidenceMessageIds: list[str] = Field(
        default_factory=list, description="Ids of the persona's messages that show it"
    )
    reasoning: str = Field(default="", description="How the persona pursued its objective")
    problems: list[Literal["left_objective", "broke_constraint", "gave_up_early", "never_asked"]] = Field(
        default_factory=list, description="What the persona did wrong, if anything"
    )
    verdict: Literal["fair", "spoiled", "unsure"] = Field(default="unsure")


class VerdictAnswer(BaseModel):
    criteria: list[CriterionAssessment]
    simulator: SimulatorAssessment = Field(default_factory=SimulatorAssessment)
    summary: str = Field(default="", description="One or two sentences on the whole session")


class AuditFinding(BaseModel):
    """One problem: what kind, where, what happened, how it felt, then how bad."""

    type: Literal[CHECKLIST_TYPES] = Field(description="A checklist type")  # type: ignore[valid-type]
    evidenceMessageIds: list[str] = Field(description="Ids of the messages that show it (at least one agent message)")
    description: str = Field(description="What the agent did, plainly")
    personaPerspective: str = Field(description="How the persona experienced it, in the persona's own voice")
    severity: Severity = Field(description="On the written scale")


class AuditAnswer(BaseModel):
    findings: list[AuditFinding] = Field(default_factory=list)


class JudgeFailed(Exception):
    """The judge model failed (after the checks ran): `partial` keeps what is known."""

    def __init__(self, error: llm.LLMError, partial: JudgementResult, calls: list[llm.LLMResult]) -> None:
        super().__init__(str(error))
        self.error, self.partial, self.calls = error, partial, calls


def check_summaries(checks: list[CheckResult]) -> list[dict[str, Any]]:
    return [{"key": c.key, "status": c.status, "evidence": list(c.evidence), "criterion": c.criterion,
             "details": c.details} for c in checks]  # fmt: skip


@dataclass(frozen=True)
class JudgePass:
    """One structured call of the judge model: its forced tool and what it is shown."""

    tool: str
    schema: type[BaseModel]
    description: str
    messages: Callable[[JudgeCase], list[dict[str, str]]]


@dataclass(frozen=True)
class JudgeKind:
    """What one judge asks (a conversation's, a visit's): the verdict pass, the audit pass,
    the prompts' version, and the facts handed to the offline model out of band."""

    verdict: JudgePass
    audit: JudgePass
    prompt_version: str
    offline_context: Callable[[JudgeCase, str, list[dict[str, Any]]], dict[str, Any]]


CONVERSATION = JudgeKind(
    verdict=JudgePass(VERDICT_TOOL, VerdictAnswer, "Your ruling on each criterion and the persona.", verdict_messages),
    audit=JudgePass(AUDIT_TOOL, AuditAnswer, "The problems you found in the agent's messages.", audit_messages),
    prompt_version=PROMPT_VERSION,
    offline_context=offline_context,
)


class Judge:
    def __init__(self, model: ModelChoice, seed: int | None = None, *, slow_reply_ms: int = 8000,
                 kind: JudgeKind = CONVERSATION) -> None:  # fmt: skip
        self.model = model
        self.seed = seed
        self.slow_reply_ms = slow_reply_ms
        self.kind = kind

    def checks(self, case: JudgeCase) -> list[CheckResult]:
        return run_checks(case, slow_reply_ms=self.slow_reply_ms)

    async def _call(self, case: JudgeCase, step: JudgePass, task: str, checks: list[CheckResult]) -> llm.LLMResult:
        return await llm.complete(
            model=self.model.model, messages=step.messages(case), role=llm.LLMRole.judge,
            credentials=self.model.credentials,
            temperature=self.model.temperature if self.model.temperature is not None else 0, seed=self.seed,
            schema=step.schema, tool_name=step.tool, tool_description=step.description,
            offline_context=self.kind.offline_context(case, task, check_summaries(checks)), timeout_s=120,
        )  # fmt: skip

    async def evaluate(self, case: JudgeCase, checks: list[CheckResult] | None = None) -> JudgementResult:
        """The whole judgement of one case. Raises JudgeFailed when the model fails."""
        checks = self.checks(case) if checks is None else checks
        version = self.kind.prompt_version
        # The two passes read the same case and neither reads the other's answer: asked at once,
        # the verdict comes one model call sooner.
        answers = await asyncio.gather(
            self._call(case, self.kind.verdict, "verdict", checks),
            self._call(case, self.kind.audit, "audit", checks),
            return_exceptions=True,
        )
        calls = [answer for answer in answers if isinstance(answer, llm.LLMResult)]
        failed = next((answer for answer in answers if isinstance(answer, BaseException)), None)
        if isinstance(failed, llm.LLMError):
            partial = verdict_rules.combine(case, None, None, checks, judge_model=self.model.id,
                                            prompt_version=version, judge_failed=True)  # fmt: skip
            raise JudgeFailed(failed, partial, calls) from failed
        if failed is not None:
            raise failed
        verdict, audit = calls
        assert isinstance(verdict.data, self.kind.verdict.schema) and isinstance(audit.data, self.kind.audit.schema)
        result = verdict_rules.combine(case, verdict.data, audit.data, checks, judge_model=self.model.id,
                                       prompt_version=version)  # fmt: skip
        result.calls = calls
        return result


__all__ = [
    "AUDIT_TOOL",
    "CONVERSATION",
    "VERDICT_TOOL",
    "AuditAnswer",
    "AuditFinding",
    "CriterionAssessment",
    "FindingRow",
    "Judge",
    "JudgeFailed",
    "JudgeKind",
    "JudgePass",
    "JudgementResult",
    "SimulatorAssessment",
    "VerdictAnswer",
    "VerdictRow",
]
