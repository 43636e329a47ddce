"""The offline judge of a browser session: answers the forced `submit_browser_verdict` call
deterministically, and honestly: it decides only what the steps show plainly, and says
"inconclusive" (an LLM judge is needed) for the rest.

It reads the visit the prompt carries (JSON between <visit> tags, the same data a real model
reads; decoded as one JSON value, so nothing a page said can end it early). A criterion is
met when a page that did not report a failure shows it (its words, on the page's text so far)
and that page confirmed something or is where the visitor ended, done; not met when the visit
ended without it (the visitor gave up, ran out of actions, hit a dead end) or only failure
pages mention it; inconclusive otherwise.
"""

from __future__ import annotations

import json
from typing import Any

from app.llm.offline import check_criterion, parse_criterion, text_of

BROWSER_JUDGE_TOOL = "submit_browser_verdict"
_ENDED_WITHOUT = {"persona_gave_up", "max_actions", "dead_end"}
_STOPPED = {"duration", "cancelled", "error"}


def read_visit(messages: list[dict[str, Any]]) -> dict[str, Any]:
    for message in messages:
        if message.get("role") != "user":
            continue
        text = text_of(message.get("content"))
        start = text.find("<visit>")
        if start < 0:
            continue
        try:
            visit, _ = json.JSONDecoder().raw_decode(text[start + len("<visit>") :].lstrip())
        except ValueError:
            continue
        if isinstance(visit, dict):
            return visit
    return {}


def browser_verdict(messages: list[dict[str, Any]]) -> dict[str, Any]:
    visit = read_visit(messages)
    steps = [s for s in visit.get("steps") or [] if isinstance(s, dict)]
    end = str(visit.get("endReason") or "")
    criteria = [c for c in visit.get("successCriteria") or [] if isinstance(c, list | tuple) and len(c) == 2]
    seen: dict[str, str] = {}
    pages = []  # (step, everything its page has shown so far)
    for step in steps:
        url = str(step.get("url") or "")
        seen[url] = f"{seen.get(url, '')}\n{step.get('pageText') or ''}"
        pages.append((step, f"Page {step.get('pageTitle') or ''}\n{seen[url]}"))
    last = steps[-1] if steps else {}
    verdicts = []
    met_count = 0
    for index, criterion in criteria:
        parsed = parse_criterion(str(criterion))
        if parsed.negative:
            verdicts.append(_row(index, criterion, [], "A criterion about what must not happen needs an LLM judge: "
                                 "the steps of a visit cannot show an absence plainly.", "inconclusive"))  # fmt: skip
            continue
        covering = [s for s, text in pages if check_criterion(parsed, [("page", text)]).met]
        sound = [s for s in covering if s.get("pageOutcome") != "failure"]
        shown = [s for s in sound if s.get("pageOutcome") == "confirmation" or (
            s.get("action") == "done" and s.get("success"))]  # fmt: skip
        failures = [s for s in steps if s.get("pageOutcome") == "failure"]
        if shown:
            met_count += 1
            step = shown[-1]
            verdicts.append(_row(index, criterion, [step["id"]], f"Step {step.get('step')} shows it on "
                                 f"“{step.get('pageTitle')}” ({step.get('url')}).", "met"))  # fmt: skip
        elif end in _STOPPED:
            verdicts.append(_row(index, criterion, [s["id"] for s in sound[-1:]], f"The visit stopped ({end}) "
                                 "before a page showed it.", "inconclusive"))  # fmt: skip
        elif end in _ENDED_WITHOUT or (covering and not sound):
            evidence = [s["id"] for s in (failures[-1:] or [last] if last else [])]
            why = (f"The page reported a failure (step {failures[-1].get('step')})" if failures
                   else f"The visit ended ({end}) and no page showed it")  # fmt: skip
            verdicts.append(_row(index, criterion, evidence, why + ".", "not_met"))
        else:
            verdicts.append(_row(index, criterion, [s["id"] for s in sound[-1:]], "No page plainly confirms it; "
                                 "an LLM judge is needed to tell.", "inconclusive"))  # fmt: skip
    summary = f"{met_count} of {len(criteria)} criteria met (the offline judge decides only what the steps show)."
    return {"criteria": verdicts, "findings": [], "summary": summary}


def _row(index: int, criterion: str, evidence: list[str], reasoning: str, status: str) -> dict[str, Any]:
    return {"index": index, "criterion": criterion, "evidenceStepIds": evidence, "reasoning": reasoning,
            "status": status}  # fmt: skip


__all__ = ["BROWSER_JUDGE_TOOL", "browser_verdict", "read_visit"]
