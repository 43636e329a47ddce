"""The offline judge: honest, it decides only what the checks and the transcript structure show."""

from __future__ import annotations

from typing import Any

from app.llm.offline.criteria import NEGATIVE_CRITERION_RE


def judge_verdict(context: dict[str, Any]) -> dict[str, Any]:
    """The verdict pass, decided from structure only (see the module's docstring)."""
    objective = context.get("objective") if isinstance(context.get("objective"), dict) else {}
    criteria = [str(c) for c in objective.get("successCriteria") or []]
    transcript = [m for m in context.get("transcript") or [] if isinstance(m, dict)]
    checks = {str(c.get("key")): c for c in context.get("checks") or [] if isinstance(c, dict)}
    agent = [m for m in transcript if m.get("sender") == "agent"]
    replies = [m for m in agent if not m.get("empty")]
    echo = checks.get("echo") or {}
    only_echoes = echo.get("status") == "not_met" and bool((echo.get("details") or {}).get("every"))
    closed = not context.get("cut")
    verdicts, decided = [], 0
    for index, text in enumerate(criteria):
        negative = bool(NEGATIVE_CRITERION_RE.match(text))
        if agent and not replies and not negative and closed:
            evidence = [str(m.get("id")) for m in agent]
            reasoning = "Every agent reply was empty: nothing in the transcript does what the criterion asks."
            status, blame = "not_met", "agent"
        elif replies and only_echoes and not negative and closed:
            evidence = [str(i) for i in echo.get("evidence") or []]
            reasoning = "Every agent reply only repeats the persona's words; repeating a request does not fulfil it."
            status, blame = "not_met", "agent"
        else:
            evidence = []
            reasoning = (
                "Needs an LLM judge: the offline judge decides only what the checks and the transcript's structure "
                "show, and this criterion depends on what the agent's replies mean."
            )
            status, blame = "inconclusive", "judge"
        decided += status != "inconclusive"
        verdicts.append({"index": index, "evidenceMessageIds": evidence, "reasoning": reasoning, "status": status,
                         "blame": blame})  # fmt: skip
    return {
        "criteria": verdicts,
        "simulator": {
            "evidenceMessageIds": [],
            "reasoning": "The offline judge does not read the persona's intent; Mimic's structural check applies.",
            "problems": [],
            "verdict": "unsure",
        },
        "summary": f"The offline judge decided {decided} of {len(criteria)} criteria from the transcript's structure; "
        f"{len(criteria) - decided} need an LLM judge.",
    }


def judge_audit(context: dict[str, Any]) -> dict[str, Any]:
    """The audit pass: the checklist needs an LLM; the checks' own findings stand beside this."""
    return {"findings": []}
