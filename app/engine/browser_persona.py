"""The persona at the browser: each step an LLM sees the page (URL, title, the ARIA
snapshot whose [ref=...] name the elements, and a screenshot when vision is on) and picks
one action through structured output (a forced `browser_action` tool call), with its
reasoning and, when something bothered it, a finding in its own words.

The traits shape the prompt (low patience gives up sooner, low tech savviness sticks to
obvious links and buttons, urgency skims); the same facts, and the page, reach the offline
model out of band (`offline_context`), never inside the prompt.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Literal

from pydantic import BaseModel, Field

from app import llm
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot
from app.engine.simulator import persona_identity_lines

BROWSER_TOOL = "browser_action"
HISTORY_SHOWN = 15

ActionType = Literal[
    "click", "type", "select", "check", "uncheck", "hover", "fill_form", "press", "scroll", "navigate", "back", "wait",
    "done", "give_up",
]  # fmt: skip
FIELDS_SHOWN = 40
FRONTIER_SHOWN_TO_MODEL = 15


class ActionTarget(BaseModel):
    ref: str = Field(default="", description="The element's [ref=...] in the current snapshot, e.g. e12")
    description: str = Field(default="", description="The element in words, e.g. the 'Add to cart' button")


class FieldValue(BaseModel):
    ref: str = Field(description="The field's [ref=...]")
    value: str = Field(
        default="", description="The text; a dropdown's option label; true/false for a checkbox or radio button"
    )


class BrowserAction(BaseModel):
    type: ActionType = Field(description="One action")
    target: ActionTarget = Field(default_factory=ActionTarget)
    value: str = Field(
        default="",
        description="type: the text; select: the option's label; press: the key (Enter); navigate: the URL; "
        "scroll: up or down; wait: seconds",
    )
    submit: bool = Field(default=False, description="type: press Enter after typing (search boxes, todo lists)")
    fields: list[FieldValue] = Field(default_factory=list, description="fill_form: the fields of one form to fill")


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
    fields: list[dict[str, Any]] = field(default_factory=list)  # app/browser/forms.py's facts, by ref
    messages: list[str] = field(default_factory=list)  # the page's alerts and status lines
    headings: list[str] = field(default_factory=list)
    forms: list[dict[str, Any]] = field(default_factory=list)
    outcome: dict[str, str] = field(default_factory=dict)  # {kind: confirmation|failure|neutral, evidence}
    visited: list[str] = field(default_factory=list)  # pages of the site seen so far
    frontier: list[dict[str, Any]] = field(default_factory=list)  # links found and not followed yet


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
- click {target.ref}: a link, button or tab
- type {target.ref, value, submit}: fill a text field with value (replaces what it holds); submit: true presses
  Enter afterwards (search boxes, chat boxes, todo lists and other fields without a button)
- check / uncheck {target.ref}: tick or untick a checkbox; check a radio button to choose it
- select {target.ref, value}: choose the option labelled value in a dropdown
- fill_form {fields: [{ref, value}]}: fill several fields of one form at once (text; an option label for a
  dropdown; true or false for a checkbox or radio button); then click its button to send it
- hover {target.ref}: rest the pointer on a menu or control that reveals more
- press {value: a key such as Enter, target.ref optional}
- scroll {value: down or up}
- navigate {value: a URL or a path on this site}
- back: the previous page
- wait {value: seconds}: when the page is still loading
- done: the page itself shows that what you came for is achieved (a confirmation, the item in the list)
- give_up: you would leave the site now
Use only refs from the current snapshot. Fill every required field with a value that fits it (the form fields list
says the type, the limits and the pattern of each). Before done, read what the page says: a page that says the
submission failed, or a form that shows errors, is not done. Say what you observe, what you think, and how confident
you are (0-1). When something on the site confuses, blocks or annoys you (a confusing label, no feedback after an
action, an error), report it in `finding`, in your own words, as a visitor of this website."""


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
        return f'type "{value}" into "{target}"' + (" and press Enter" if action.get("submit") else "")
    if kind == "fill_form":
        fields = action.get("fields") or []
        return f"fill {len(fields)} field{'s' if len(fields) != 1 else ''}" + (f' of "{target}"' if target else "")
    if kind == "select":
        return f'select "{value}" in "{target}"'
    if kind in ("navigate", "press", "scroll", "wait"):
        return f"{kind} {value}".strip() + (f' on "{target}"' if target and kind == "press" else "")
    if target:
        return f'{kind} "{target}"'
    return kind


def _field_line(f: dict[str, Any]) -> str:
    """'- e12 textbox "Email address": email, required, now "dana@…" (invalid: Please include an '@')'."""
    role, label = f.get("role", ""), f.get("label") or ""
    if role == "button":
        return f'- {f["ref"]} button "{label}": ' + ("sends its form" if f.get("submits") else "a button")
    facts = [str(f.get("type") or role)]
    facts += [k for k in ("required", "disabled", "readOnly") if f.get(k)]
    for key, name in (("min", "min"), ("max", "max"), ("step", "step"), ("minLength", "at least"),
                      ("maxLength", "at most"), ("pattern", "pattern")):  # fmt: skip
        if f.get(key) not in (None, ""):
            facts.append(f"{name} {f[key]}" + (" characters" if key in ("minLength", "maxLength") else ""))
    if f.get("title") and f.get("pattern"):
        facts.append(f"hint: {f['title']}")
    if f.get("placeholder"):
        facts.append(f'placeholder "{f["placeholder"]}"')
    if f.get("options"):
        facts.append("options: " + ", ".join(f'"{o["label"]}"' + (" (selected)" if o.get("selected") else "")
                                              for o in f["options"][:12]))  # fmt: skip
    if role in ("checkbox", "radio", "switch"):
        facts.append("ticked" if f.get("checked") else "not ticked")
    elif f.get("value"):
        facts.append(f'holds "{str(f["value"])[:60]}"')
        if f.get("valid") is False and f.get("validationMessage"):
            facts.append(f"invalid: {f['validationMessage']}")
    return f'- {f["ref"]} {role} "{label}": ' + ", ".join(facts)


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
    if view.messages:
        lines.append("The page says: " + " | ".join(view.messages))
    if view.visited:
        lines.append("Pages of this site you have seen: " + ", ".join(view.visited[-20:]))
    if view.frontier:
        waiting = view.frontier[:FRONTIER_SHOWN_TO_MODEL]
        lines.append("Links you saw and have not followed yet: "
                     + "; ".join(f'"{link["text"] or link["url"]}" ({link["url"]})' for link in waiting))  # fmt: skip
    lines += ["", "The page (accessibility snapshot):", "```aria", view.snapshot, "```"]
    shown = [f for f in view.fields if f.get("visible", True)][:FIELDS_SHOWN]
    if any(f.get("role") != "button" or f.get("submits") for f in shown):
        lines += ["", "Form fields and buttons of the page (what the page says about each):"]
        lines += [_field_line(f) for f in shown if f.get("role") != "button" or f.get("submits")]
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
                "snapshot": view.snapshot, "notes": view.notes, "fields": view.fields,
                "history": [{"step": h["step"], "url": h.get("url", ""), "success": bool(h.get("success")),
                             "error": h.get("error"), "pageOutcome": h.get("pageOutcome", "neutral"), **h["action"]}
                            for h in history],
                "page": {"outcome": view.outcome, "messages": view.messages, "headings": view.headings,
                         "forms": view.forms},
                "site": {"visited": view.visited, "frontier": view.frontier},
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
