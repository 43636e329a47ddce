"""The persona at the browser: each step an LLM sees the page (URL, title, the ARIA
snapshot whose [ref=...] name the elements, and a screenshot when vision is on) and picks
one action through structured output (a forced `browser_action` tool call), with its
reasoning and, when something bothered it, a finding in its own words.

The traits shape the prompt (low patience gives up sooner, low tech savviness sticks to
obvious links and buttons, urgency skims); the same facts, and the page, reach the offline
model out of band (`offline_context`), never inside the prompt.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, Literal

from pydantic import BaseModel, Field

from app import llm
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot
from app.engine.simulator import persona_identity_lines

BROWSER_TOOL = "browser_action"
HISTORY_SHOWN = 15

ActionType = Literal["click", "type", "select", "press", "scroll", "navigate", "back", "wait", "done", "give_up"]


class ActionTarget(BaseModel):
    ref: str = Field(default="", description="The element's [ref=...] in the current snapshot, e.g. e12")
    description: str = Field(default="", description="The element in words, e.g. the 'Add to cart' button")


class BrowserAction(BaseModel):
    type: ActionType = Field(description="One action")
    target: ActionTarget = Field(default_factory=ActionTarget)
    value: str = Field(
        default="",
        description="type: the text; select: the option's label; press: the key (Enter); navigate: the URL; "
        "scroll: up or down; wait: seconds",
    )


class ActionReasoning(BaseModel):
    observation: str = Field(default="", description="What you see on the page that matters now")
    thought: str = Field(default="", description="Why this action, in your own words")
    confidence: float = Field(default=0.5, ge=0, le=1, description="How sure you are this gets you closer (0-1)")


class PersonaFinding(BaseModel):
    type: Literal["bug", "ux-issue", "accessibility", "performance", "error"] = "ux-issue"
    severity: Literal["low", "medium", "high", "critical"] = "low"
    description: str = Field(description="What is wrong with the site, plainly")
    personaPerspective: str = Field(default="", description="How it felt to you, in your words")


class BrowserStep(BaseModel):
    """Your next action on the page, why, and optionally a problem you noticed."""

    action: BrowserAction
    reasoning: ActionReasoning = Field(default_factory=ActionReasoning)
    finding: PersonaFinding | None = Field(
        default=None, description="Only when something on the site confused, blocked or annoyed you"
    )


@dataclass(frozen=True)
class PageView:
    """What the persona is shown of the page at one step."""

    step: int  # from 1
    url: str
    title: str
    snapshot: str
    notes: list[str]  # dialogs, blocked navigations, the last action's error
    screenshot: bytes | None = None


@dataclass(frozen=True)
class ChosenStep:
    step: BrowserStep
    result: llm.LLMResult


_PATIENCE = {
    "low": "You have little patience: if two or three actions in a row get you nowhere, you give up.",
    "medium": "You are reasonably patient, but after about six actions that lead nowhere you give up.",
    "high": "You are very patient and try several paths before giving up.",
}
_URGENCY = {
    "low": "You are in no hurry and read the page before acting.",
    "medium": "",
    "high": "You are in a hurry: you go for the most direct link or button and skim the text.",
}
_TECH = {
    "low": "You are not confident with computers: you use big, clearly labelled links and buttons, you read labels "
    "literally, and you never type web addresses.",
    "medium": "",
    "high": "You are confident online: you use search boxes, menus and the keyboard (Enter) without hesitation.",
}

ACTIONS_HELP = """Actions (one per step, through the browser_action tool):
- click {target.ref}: a link, button, checkbox or tab
- type {target.ref, value}: fill a text field with value (replaces what it holds)
- select {target.ref, value}: choose the option labelled value in a dropdown
- press {value: a key such as Enter, target.ref optional}
- scroll {value: down or up}
- navigate {value: a URL on this site}
- back: the previous page
- wait {value: seconds}: when the page is still loading
- done: the page shows that what you came for is achieved
- give_up: you would leave the site now
Use only refs from the current snapshot. Say what you observe, what you think, and how confident you are (0-1).
When something on the site confuses, blocks or annoys you (a confusing label, no feedback after an action, an
error), report it in `finding` in your own words."""


def _level(traits: dict[str, Any], key: str) -> str:
    value = str(traits.get(key, "")).lower()
    if value in ("low", "medium", "high"):
        return value
    try:
        number = float(value)
    except ValueError:
        return "medium"
    return "low" if number < 0.34 else "high" if number > 0.66 else "medium"


def browser_system_prompt(persona: PersonaSnapshot, objective: ObjectiveSnapshot) -> str:
    t = persona.traits
    lines = [
        f"You are role-playing {persona.name}, a real person using a website in a web browser.",
        *persona_identity_lines(persona),
    ]
    lines += [
        _PATIENCE[_level(t, "patience_level")],
        _URGENCY[_level(t, "urgency")],
        _TECH[_level(t, "tech_savviness")],
        f"Write your reasoning in the language with code '{persona.language}'.",
        "",
        f"Your goal on this website: {objective.goal}",
        *(f"Constraint you keep: {c}" for c in objective.constraints),
        "You are done when: " + "; ".join(objective.success_criteria),
        f"You have at most {objective.max_actions} actions.",
        "",
        ACTIONS_HELP,
        "Stay in character. Never say you are an AI or a test.",
    ]
    return "\n".join(line for line in lines if line)


def describe_action(action: dict[str, Any]) -> str:
    """'click "Add to cart"', 'type "dana@example.com" into "Email"', 'back'."""
    kind = action.get("type", "")
    target = (action.get("target") or {}).get("description") or (action.get("target") or {}).get("ref") or ""
    value = action.get("value") or ""
    if kind == "type":
        return f'type "{value}" into "{target}"'
    if kind == "select":
        return f'select "{value}" in "{target}"'
    if kind in ("navigate", "press", "scroll", "wait"):
        return f"{kind} {value}".strip() + (f' on "{target}"' if target and kind == "press" else "")
    if target:
        return f'{kind} "{target}"'
    return kind


def step_message(view: PageView, history: list[dict[str, Any]], max_actions: int) -> str:
    """The user message of one step. `history`: [{step, action, url, success, error}]."""
    lines = [f"Step {view.step} of at most {max_actions}.", f"URL: {view.url}", f"Title: {view.title}"]
    if history:
        lines.append("Your previous actions:")
        for entry in history[-HISTORY_SHOWN:]:
            result = "ok" if entry.get("success") else f"failed: {entry.get('error')}"
            lines.append(f"{entry['step']}. {describe_action(entry['action'])} on {entry.get('url', '')} ({result})")
    for note in view.notes:
        lines.append(f"Note: {note}")
    lines += ["", "The page (accessibility snapshot):", "```aria", view.snapshot, "```"]
    if view.screenshot is not None:
        lines.append("A screenshot of the page is attached.")
    return "\n".join(lines)


class BrowserPersona:
    def __init__(
        self, persona: PersonaSnapshot, objective: ObjectiveSnapshot, model: ModelChoice, seed: int | None = None
    ) -> None:
        self.persona = persona
        self.objective = objective
        self.model = model
        self.seed = seed
        self.system_prompt = browser_system_prompt(persona, objective)

    def offline_context(self, view: PageView, history: list[dict[str, Any]]) -> dict[str, Any]:
        """What the offline persona plays from (out of band): who it is, and the page."""
        p, o = self.persona, self.objective
        return {
            "persona": {"name": p.name, "traits": p.traits, "definition": p.definition, "language": p.language},
            "objective": {"goal": o.goal, "constraints": o.constraints, "successCriteria": o.success_criteria,
                          "keywords": o.keywords},  # fmt: skip
            "maxActions": o.max_actions,
            "browser": {
                "step": view.step, "maxActions": o.max_actions, "url": view.url, "title": view.title,
                "snapshot": view.snapshot, "notes": view.notes,
                "history": [{"step": h["step"], "url": h.get("url", ""), "success": bool(h.get("success")),
                             "error": h.get("error"), **h["action"]} for h in history],
            },
        }  # fmt: skip

    async def next_step(self, view: PageView, history: list[dict[str, Any]]) -> ChosenStep:
        messages = [
            {"role": "system", "content": self.system_prompt},
            {"role": "user", "content": step_message(view, history, self.objective.max_actions)},
        ]
        result = await llm.complete(
            model=self.model.model,
            messages=messages,
            role=llm.LLMRole.persona,
            credentials=self.model.credentials,
            temperature=self.model.temperature,
            seed=self.seed,
            schema=BrowserStep,
            tool_name=BROWSER_TOOL,
            tool_description="Your next action on the page, why, and optionally a problem you noticed.",
            images=[view.screenshot] if view.screenshot is not None else None,
            offline_context=self.offline_context(view, history),
        )
        step = result.data
        assert isinstance(step, BrowserStep)
        return ChosenStep(step=step, result=result)
