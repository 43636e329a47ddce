"""The judge of a browser session: the conversation judge (app/engine/judge.py) run on a
visit. The same two passes, each a forced tool call: the verdict (per criterion the ids of
the steps that bear on it first, then the reasoning, the status and whose it is; then the
visitor's fairness) and the audit (findings as a visitor met them, each citing steps). The
same rules (app/engine/verdict_rules.py): evidence validated against the steps, a skipped
criterion inconclusive, met only with a step that can count, the objective's checks that
apply to a visit (app/engine/checks.py), blame, the simulator check and the outcome; and
the same record, a judgement with the judge model and prompt version.

What differs is what is judged: the steps and their pages (app/engine/browser_judge_prompt.py),
never a transcript's wording or the conversation's checks (there is no agent message in a
visit). A finding of the judge is attached to the first step it cites, on that step's page.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field

from app.engine import browser_judge_prompt as prompt
from app.engine.browser_pages import page_key
from app.engine.case import JudgeCase, entry
from app.engine.checks import CheckResult
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot
from app.engine.judge import Judge, JudgeFailed, JudgeKind, JudgePass
from app.engine.judgement import JudgementResult

BROWSER_VERDICT_TOOL = "submit_browser_verdict"
BROWSER_AUDIT_TOOL = "submit_browser_findings"
STEP_TEXT_LIMIT = 1200  # characters of a page's new text per step, as the model reads it


class StepCriterion(BaseModel):
    """One criterion: the steps first, then the reasoning, then the ruling."""

    index: int = Field(description="The criterion's position in the list, from 0")
    criterion: str = Field(default="", description="The criterion's text")
    evidenceStepIds: list[str] = Field(
        default_factory=list, description="First: the ids of the steps whose pages or outcomes bear on it"
    )
    reasoning: str = Field(description="Then: what those steps show, and what is missing, against the definitions")
    status: Literal["met", "not_met", "inconclusive"] = Field(description="Last: the ruling, as defined")
    blame: Literal["agent", "simulator", "judge", "infrastructure"] | None = Field(
        default=None, description="Whose it is, when not_met or inconclusive (agent: the website)"
    )


class VisitorAssessment(BaseModel):
    """Did the visitor play fair?"""

    evidenceStepIds: list[str] = Field(default_factory=list, description="Ids of the steps that show it")
    reasoning: str = Field(default="", description="How the visitor pursued its goal")
    problems: list[Literal["left_objective", "broke_constraint", "gave_up_early", "never_asked"]] = Field(
        default_factory=list, description="What the visitor did wrong, if anything (never_asked: never tried)"
    )
    verdict: Literal["fair", "spoiled", "unsure"] = Field(default="unsure")


class BrowserVerdict(BaseModel):
    criteria: list[StepCriterion]
    simulator: VisitorAssessment = Field(
        default_factory=VisitorAssessment, description="The visitor (Mimic's simulator): did it play fair?"
    )
    summary: str = Field(default="", description="One or two sentences on the whole visit")


class VisitorFinding(BaseModel):
    """One problem of the website: what kind, where, what happened, how it felt, then how bad."""

    type: Literal[prompt.FINDING_TYPES] = Field(description="A finding type")  # type: ignore[valid-type]
    evidenceStepIds: list[str] = Field(description="The ids of the steps that show it")
    description: str = Field(description="What the website did, plainly")
    visitorPerspective: str = Field(default="", description="How the visitor experienced it, in their words")
    severity: Literal["low", "medium", "high", "critical"] = Field(description="On the written scale")


class BrowserAudit(BaseModel):
    findings: list[VisitorFinding] = Field(default_factory=list)


VISIT = JudgeKind(
    verdict=JudgePass(
        BROWSER_VERDICT_TOOL,
        BrowserVerdict,
        "Your ruling on each criterion (evidence steps, reasoning, status, blame) and on the visitor.",
        prompt.verdict_messages,
    ),  # fmt: skip
    audit=JudgePass(
        BROWSER_AUDIT_TOOL,
        BrowserAudit,
        "The problems of the website the visitor met, citing steps.",
        prompt.audit_messages,
    ),  # fmt: skip
    prompt_version=prompt.BROWSER_PROMPT_VERSION,
    offline_context=prompt.offline_context,
)


def visit_case(persona: PersonaSnapshot, objective: ObjectiveSnapshot, end_reason: str,
               steps: list[dict[str, Any]]) -> JudgeCase:  # fmt: skip
    """A visit as a case: `steps` [{id, step, action, did, success, error, url, pageTitle,
    pageOutcome, pageSays, pageText, thought, text, durationMs}] (step 0 opened the site);
    the transcript holds each step's page (its title and whole text, `text`) for the checks."""
    transcript = tuple(
        entry(str(s["id"]), int(s.get("step") or 0), "agent", str(s.get("text") or ""),
              int(s["durationMs"]) if isinstance(s.get("durationMs"), int | float) else None)
        for s in steps
    )  # fmt: skip
    return JudgeCase(persona=persona, objective=objective, transcript=transcript, end_reason=end_reason,
                     medium="browser", steps=tuple(steps))  # fmt: skip


def place_findings(case: JudgeCase, result: JudgementResult) -> None:
    """The judge's findings cite steps: each is attached to the first one, on its page."""
    steps = {str(s["id"]): s for s in case.steps}
    for finding in result.findings:
        ids = [i for i in finding.message_ids if i in steps]
        if finding.source != "judge" or not ids:
            continue
        first = steps[ids[0]]
        finding.evidence = {"kind": "judge", "stepIds": ids, "step": first.get("step"), "pageUrl": first.get("url")}
        finding.event_id = ids[0]
        finding.page = page_key(str(first.get("url") or "")) or None


class BrowserJudge(Judge):
    """The judge of a visit: `evaluate(visit_case(...))`."""

    def __init__(self, model: ModelChoice, seed: int | None = None) -> None:
        super().__init__(model, seed, kind=VISIT)

    async def evaluate(self, case: JudgeCase, checks: list[CheckResult] | None = None) -> JudgementResult:
        try:
            result = await super().evaluate(case, checks)
        except JudgeFailed as failed:
            place_findings(case, failed.partial)
            raise
        place_findings(case, result)
        return result


__all__ = [
    "BROWSER_AUDIT_TOOL",
    "BROWSER_VERDICT_TOOL",
    "STEP_TEXT_LIMIT",
    "VISIT",
    "BrowserAudit",
    "BrowserJudge",
    "BrowserVerdict",
    "StepCriterion",
    "VisitorAssessment",
    "VisitorFinding",
    "place_findings",
    "visit_case",
]
