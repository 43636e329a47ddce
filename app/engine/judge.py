"""The judge: at the end, a verdict per success criterion and findings, as structured
output (a forced `submit_verdict` tool call), never parsed from free text."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field

from app import llm
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot


class CriterionVerdict(BaseModel):
    index: int = Field(description="The criterion's position in the list, from 0")
    criterion: str
    status: Literal["met", "not_met", "inconclusive"]
    reasoning: str
    citedMessageIds: list[str] = Field(default_factory=list, description="Ids of the messages that show it")


class JudgedFinding(BaseModel):
    type: Literal["bug", "ux-issue", "policy-violation", "hallucination", "tone", "performance", "error"]
    severity: Literal["low", "medium", "high", "critical"]
    description: str
    personaPerspective: str = Field(default="", description="How the persona experienced it, in their words")
    evidence: dict[str, Any] = Field(default_factory=dict, description="Message ids, excerpts, figures")


class JudgeVerdict(BaseModel):
    criteria: list[CriterionVerdict]
    findings: list[JudgedFinding] = Field(default_factory=list)
    summary: str = ""


@dataclass(frozen=True)
class Judgement:
    verdict: JudgeVerdict
    result: llm.LLMResult


JUDGE_SYSTEM = (
    "You are a strict QA judge. You read a conversation between a simulated user (the persona) and an AI agent, "
    "and decide for each success criterion whether the AGENT met it: met, not_met, or inconclusive when the "
    "transcript cannot tell. Cite the ids of the messages that show it. Then list findings: real problems in the "
    "agent's behaviour (bug, ux-issue, policy-violation, hallucination, tone, performance, error) with a severity, "
    "evidence (message ids, quotes, figures) and the persona's perspective. Report no finding you cannot support "
    "with the transcript. Answer through the submit_verdict tool."
)


class Judge:
    def __init__(self, model: ModelChoice, seed: int | None = None) -> None:
        self.model = model
        self.seed = seed

    async def evaluate(
        self, persona: PersonaSnapshot, objective: ObjectiveSnapshot, transcript: list[dict[str, Any]]
    ) -> Judgement:
        """`transcript`: [{"id", "role": "persona"|"agent", "content", "latencyMs"}]."""
        lines = [f"Persona: {persona.name}. Goal: {objective.goal}", "", "Success criteria:"]
        lines += [f"{i}. {c}" for i, c in enumerate(objective.success_criteria)]
        lines += ["", "Transcript:"]
        for m in transcript:
            latency = f" ({m['latencyMs']} ms)" if m.get("latencyMs") is not None else ""
            lines.append(f"[{m['id']}] {m['role']}{latency}: {m['content']}")
        context = {"criteria": objective.success_criteria, "transcript": transcript}
        lines += ["", llm.mimic_context_block(context)]
        result = await llm.complete(
            model=self.model.model,
            messages=[{"role": "system", "content": JUDGE_SYSTEM}, {"role": "user", "content": "\n".join(lines)}],
            role=llm.LLMRole.judge,
            credentials=self.model.credentials,
            temperature=self.model.temperature if self.model.temperature is not None else 0,
            seed=self.seed,
            schema=JudgeVerdict,
            tool_name="submit_verdict",
            tool_description="Your verdict per criterion and your findings.",
        )
        verdict = result.data
        assert isinstance(verdict, JudgeVerdict)
        return Judgement(verdict=_aligned(verdict, objective.success_criteria, transcript), result=result)


def _aligned(verdict: JudgeVerdict, criteria: list[str], transcript: list[dict[str, Any]]) -> JudgeVerdict:
    """One verdict per criterion, in order; a criterion the judge skipped is inconclusive,
    and citations of ids that are not in the transcript are dropped."""
    known_ids = {m["id"] for m in transcript}
    by_index = {v.index: v for v in verdict.criteria if 0 <= v.index < len(criteria)}
    aligned = []
    for index, criterion in enumerate(criteria):
        given = by_index.get(index)
        if given is None:
            aligned.append(CriterionVerdict(index=index, criterion=criterion, status="inconclusive",
                                            reasoning="The judge gave no verdict on this criterion."))  # fmt: skip
        else:
            cited = [i for i in given.citedMessageIds if i in known_ids]
            aligned.append(given.model_copy(update={"criterion": criterion, "citedMessageIds": cited}))
    return verdict.model_copy(update={"criteria": aligned})
