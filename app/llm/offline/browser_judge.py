"""The offline judge of a browser session: answers the forced `submit_browser_verdict` and
`submit_browser_findings` calls deterministically, and honestly, as the conversation's
offline judge does (app/llm/offline/judge.py): it decides only what the steps' structure shows
and answers inconclusive ("needs an LLM judge") for the rest. It never matches a
criterion's words against a page: a page that repeats them (or what the visitor typed) is
not evidence that the site did it. The objective's checks, applied by Mimic's rules after
this answer, decide the criteria they are bound to.

It reads the out-of-band context that app/engine/browser_judge_prompt.py hands over
(never the prompt's text, which carries what the pages said):
    task: verdict | audit, objective: {goal, constraints, successCriteria},
    endReason, cut, steps: [{id, step, action, success, url, pageTitle, pageOutcome,
    pageSays, pageText, ...}], checks: [...]

What the steps plainly show: a visit that came to a close (not cut by time or an error) in
which the site never showed a page with anything on it did not meet any positive criterion.
Its audit reports nothing: Mimic measures the site's errors, slow pages, broken links and
accessibility itself, and the rest needs an LLM.
"""

from __future__ import annotations

from typing import Any

from app.llm.offline.criteria import parse_criterion


def _blank(step: dict[str, Any]) -> bool:
    return not any(str(step.get(k) or "").strip() for k in ("pageTitle", "pageText", "pageSays"))


def browser_verdict(context: dict[str, Any]) -> dict[str, Any]:
    objective = context.get("objective") if isinstance(context.get("objective"), dict) else {}
    criteria = [str(c) for c in objective.get("successCriteria") or []]
    pages = [s for s in context.get("steps") or [] if isinstance(s, dict) and s.get("step")]
    nothing_shown = bool(pages) and all(_blank(s) for s in pages) and not context.get("cut")
    verdicts, decided = [], 0
    for index, text in enumerate(criteria):
        if nothing_shown and not parse_criterion(text).negative:
            evidence = [str(s.get("id")) for s in pages[-1:]]
            reasoning = "Every page the visitor saw was empty: nothing on the site shows what the criterion asks."
            status, blame = "not_met", "agent"
        else:
            evidence = []
            reasoning = (
                "Needs an LLM judge: the offline judge of a visit decides only what the steps' structure shows, "
                "and this criterion depends on what the pages mean."
            )
            status, blame = "inconclusive", "judge"
        decided += status != "inconclusive"
        verdicts.append({"index": index, "criterion": text, "evidenceStepIds": evidence, "reasoning": reasoning,
                         "status": status, "blame": blame})  # fmt: skip
    return {
        "criteria": verdicts,
        "simulator": {
            "evidenceStepIds": [],
            "reasoning": "The offline judge does not read the visitor's intent; Mimic's structural check applies.",
            "problems": [],
            "verdict": "unsure",
        },
        "summary": f"The offline judge decided {decided} of {len(criteria)} criteria from the visit's structure; "
        f"{len(criteria) - decided} need an LLM judge.",
    }


def browser_audit() -> dict[str, Any]:
    """The audit pass: a visitor's findings need an LLM; the measured ones stand beside this."""
    return {"findings": []}


__all__ = ["browser_audit", "browser_verdict"]
