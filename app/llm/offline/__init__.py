"""`mimic/offline`: a deterministic, seedable stand-in for an LLM, registered as a litellm
custom provider, so that a whole session (persona, hosted agent, judge) runs with no
network and no API key.

One module per part: text (helpers and the out-of-band context), criteria, intents,
persona_context and persona, judge, agent_words and agent (the hosted agent), browser,
forms, snapshot and browser_judge (browser sessions), provider (the litellm provider).

Which role it plays
-------------------
`app.llm.complete()` passes `metadata={"mimic_role": "<role>"}` to litellm, which hands it
to this provider as `litellm_params["metadata"]` (it is never sent to a real provider).
Without it, the forced tool decides: `persona_turn` -> persona, `submit_verdict` -> judge;
with no tool and no role the answer is a fixed "pong".

- persona: forced tool `persona_turn` {message, action: continue|goal_met|give_up, reasoning}
- persona at the browser: forced tool `browser_action` {action, reasoning, finding} (browser.py)
- judge:   forced tool `submit_verdict` {criteria: [...], findings: [...], summary}
- judge of a browser session: forced tools `submit_browser_verdict` and `submit_browser_findings`
  (browser_judge.py)
- agent:   no tool; a rule-based customer-support assistant that loosely honours its
           system prompt (name, company, refund window, order-number format, ...)
- test / anything else: "pong from mimic/offline" (or a schema-shaped example when a
  tool is forced)

The out-of-band context
-----------------------
The offline model never reads its facts from message text: `app.llm.complete()` hands them
over as `metadata={"mimic_context": {...}}` (litellm passes it to this provider as
`litellm_params["metadata"]`; it is attached for `mimic/...` models only, so it never reaches
a real model's prompt). Nothing an agent writes into the conversation can change them.

For the persona:
    persona:   {name, description?, traits: {communication_style, patience_level, urgency,
               tech_savviness, typo_rate, ...}, definition: {...}, language}
    objective: {goal, constraints: [str], successCriteria: [str], keywords?: [str]}
    maxTurns:  int (optional)
The conversation itself is the messages: the persona's own earlier turns are `assistant`
messages and the agent's replies are `user` messages (the simulator's point of view).
Without a context the persona is a generic customer with no goal.

For the judge (tools `submit_verdict` and `submit_findings`), built by app/engine/judge_prompt.py:
    task:       verdict | audit
    objective:  {goal, constraints, successCriteria}
    transcript: [{id, n, sender: persona|agent, text, latencyMs?, empty?, truncated?}]
    endReason, cut, medium, checks: [{key, status, evidence, criterion, details}]
The offline judge is honest: it decides only what the checks and the transcript's structure
show (every agent reply empty, or every reply an echo of the persona: the positive criteria
are not met) and answers inconclusive ("needs an LLM judge") for the rest; its audit
reports nothing beyond the checks' findings. It never matches a criterion's words.
Verdict `index` is the criterion's 0-based position. The judge of a browser session
(app/engine/browser_judge_prompt.py: the same, with the visit's `steps` for a transcript) is
just as honest (app/llm/offline/browser_judge.py).
"""

from __future__ import annotations

from app.llm.offline.agent import hosted_agent_reply
from app.llm.offline.criteria import check_criterion, parse_criterion
from app.llm.offline.persona_context import persona_context
from app.llm.offline.provider import OfflineLLM, answer
from app.llm.offline.text import (
    AUDIT_TOOL,
    BROWSER_AUDIT_TOOL,
    BROWSER_VERDICT_TOOL,
    CONTEXT_METADATA_KEY,
    JUDGE_TOOL,
    PERSONA_TOOL,
    PONG,
    ROLE_METADATA_KEY,
    context_of,
    is_spanish,
    terms_of,
)

__all__ = [
    "AUDIT_TOOL",
    "BROWSER_AUDIT_TOOL",
    "BROWSER_VERDICT_TOOL",
    "CONTEXT_METADATA_KEY",
    "JUDGE_TOOL",
    "OfflineLLM",
    "PERSONA_TOOL",
    "PONG",
    "ROLE_METADATA_KEY",
    "answer",
    "check_criterion",
    "context_of",
    "hosted_agent_reply",
    "is_spanish",
    "parse_criterion",
    "persona_context",
    "terms_of",
]
