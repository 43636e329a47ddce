"""The offline persona at the browser: answers the forced `browser_action` tool call
deterministically, so that a browser session runs end to end with no key.

It reads everything from the out-of-band context that app/engine/browser_persona.py hands
over (never from message text, which a web page could fill): the persona and objective,
and the page {"browser": {step, url, title, snapshot, history, fields, page, site}}.

A plain crawler and task-doer, in this order each step:

1. reads how the page went: a page that reports a failure is never "done" (it goes back
   and tries the form again with other valid values, then gives up saying what the site
   said); a confirmation reached by sending a form of the goal is done, and so is a page
   that shows every success criterion, or a list that holds the items the goal names;
2. list tasks (a todo app): types each item the goal quotes into the page's entry field and
   presses Enter (such apps have no button), then ticks the ones the goal marks done;
3. forms: fills every field of the goal's form with values that fit it (app/llm/
   forms.py), chooses radio buttons and options the goal names, ticks the
   required boxes, then clicks the form's button or, without one, presses Enter;
4. links: the link or button whose words match the goal, its criteria and keywords
   (relative links too), then the goal's links seen on earlier pages, then every other
   form of the site once, then the rest of the site breadth-first (fewer pages when
   impatient), and gives up, saying so as a visitor, when nothing is left.

The same input gives the same step (the seed and the messages pick among equal choices).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from typing import Any
from urllib.parse import urljoin, urlsplit

from app.llm.offline.criteria import check_criterion, parse_criterion
from app.llm.offline.forms import AGREE_WORDS, Persona, is_placeholder_option, kind_of, option_for, value_for
from app.llm.offline.persona_context import persona_context, persona_facts
from app.llm.offline.snapshot import FIELD_ROLES, Element, parse_snapshot
from app.llm.offline.text import terms_of

BROWSER_TOOL = "browser_action"

_CLICKABLE = ("link", "button", "menuitem", "tab")
_DESTRUCTIVE = re.compile(
    r"\b(delete|remove|unsubscribe|log ?out|sign ?out|close (?:my )?account|cancel|reset|clear)\b", re.I
)
_QUOTED = re.compile(r"\"([^\"]{1,80})\"|“([^”]{1,80})”|‘([^’]{1,80})’|(?<!\w)'([^']{1,80})'(?!\w)")
_COMPLETE_BEFORE = re.compile(r"\b(mark|tick|check off|complete|finish|cross off|strike|done with)\b[^\"“‘']*$", re.I)
_COMPLETE_AFTER = re.compile(r"^[\"”’']?\s*(?:as\s+)?(done|complete[d]?|finished)\b", re.I)
_LIST_GOAL = re.compile(r"\b(add|list|todo|to-do|to do|task|note|remind)\w*", re.I)
_FORM_GOAL = re.compile(r"\b(sign ?up|register|submit|survey|questionnaire|subscribe|book|reserve|order|apply|"
                        r"send|contact|answer|fill|enrol|join|request|buy|pay|checkout|complete)\w*", re.I)  # fmt: skip
_ENTRY_FIELD = re.compile(r"todo|to-do|to do|task|what needs|new item|add|item|note|entry", re.I)
_EXPLORE_PAGES = {"low": 4, "medium": 10, "high": 25}
# The lines of a failure page that say why (what a visitor would quote back).
_REASON_LINE = re.compile(r"\b(closed|not|invalid|missing|must|required|error|fail\w*|could ?n[o']t|unable)\b", re.I)
_RETRIES = 2  # tries of one form after the site refused it


@dataclass
class _Situation:
    url: str
    title: str
    elements: list[Element]
    text: str
    history: list[dict[str, Any]]
    fields: dict[str, dict[str, Any]]  # by ref
    outcome: str  # confirmation | failure | neutral
    outcome_evidence: str
    messages: list[str]
    frontier: list[dict[str, Any]]
    visited: list[str]
    goal_stems: set[str]
    keyword_stems: set[str]
    quoted: list[str]
    to_complete: list[str]
    criteria: list[str]
    goal: str
    patience: str
    low_tech: bool
    persona: Persona

    def score(self, words: str) -> int:
        stems = set(terms_of(words).stems)
        exact = sum(5 for q in self.quoted if q.lower() in words.lower())
        return 2 * len(stems & self.keyword_stems) + len(stems & self.goal_stems) + exact

    @property
    def page_title(self) -> str:
        """The title without the site's name ("Member survey · Everyday Club"): every page shares that."""
        return re.split(r"\s[·|–—-]\s", self.title, maxsplit=1)[0]

    def option_score(self, label: str) -> int:
        """An option the goal names word for word ("size M": M, not S) beats one sharing a stem."""
        goal = " ".join([self.goal, *self.criteria])
        exact = re.search(rf"(?<![\w-]){re.escape(label.strip())}(?![\w-])", goal, 0 if len(label) <= 2 else re.I)
        return (5 if label.strip() and exact else 0) + self.score(label)

    def here(self, entry: dict[str, Any]) -> bool:
        return _path(entry.get("url", "")) == _path(self.url)

    def tried_here(self, kind: str, label: str) -> bool:
        return any(e.get("type") == kind and self.here(e) and _described(e) == label for e in self.history)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return f"{parts.netloc}{parts.path.rstrip('/') or '/'}"


def _described(entry: dict[str, Any]) -> str:
    return str((entry.get("target") or {}).get("description") or "")


def _goal_items(goal: str) -> tuple[list[str], list[str]]:
    """The phrases the goal quotes (items to add, options to choose), and those it marks done."""
    items: list[str] = []
    complete: list[str] = []
    for match in _QUOTED.finditer(goal):
        item = next(g for g in match.groups() if g is not None).strip()
        if not item:
            continue
        before = goal[max(0, match.start() - 60) : match.start()]
        after = goal[match.end() : match.end() + 30]
        if item not in items:
            items.append(item)
        if (_COMPLETE_BEFORE.search(before) or _COMPLETE_AFTER.search(after)) and item not in complete:
            complete.append(item)
    return items, complete


def _situation(context: dict[str, Any]) -> _Situation:
    ctx = persona_context(context)
    objective = context.get("objective") if isinstance(context.get("objective"), dict) else {}
    keywords = [str(k) for k in objective.get("keywords") or []]
    browser = context.get("browser") if isinstance(context.get("browser"), dict) else {}
    elements, text = parse_snapshot(str(browser.get("snapshot") or ""))
    facts = persona_facts(ctx, random.Random(ctx.name))
    page = browser.get("page") if isinstance(browser.get("page"), dict) else {}
    outcome = page.get("outcome") if isinstance(page.get("outcome"), dict) else {}
    site = browser.get("site") if isinstance(browser.get("site"), dict) else {}
    quoted, complete = _goal_items(" ".join([ctx.goal, *ctx.constraints]))
    age = ctx.definition.get("age")
    persona = Persona(
        name=ctx.display_name, email=facts["email"], phone=facts["phone"], address=facts["address"],
        order_id=facts["order_id"], age=int(age) if isinstance(age, int | float) else None, goal=ctx.goal,
        keywords=keywords,
    )  # fmt: skip
    return _Situation(
        url=str(browser.get("url") or ""), title=str(browser.get("title") or ""), elements=elements, text=text,
        history=[h for h in browser.get("history") or [] if isinstance(h, dict)],
        fields={str(f.get("ref")): f for f in browser.get("fields") or [] if isinstance(f, dict)},
        outcome=str(outcome.get("kind") or "neutral"), outcome_evidence=str(outcome.get("evidence") or ""),
        messages=[str(m) for m in page.get("messages") or []],
        frontier=[f for f in site.get("frontier") or [] if isinstance(f, dict)],
        visited=[str(v) for v in site.get("visited") or []],
        goal_stems=set(terms_of(" ".join([ctx.goal, *ctx.criteria])).stems),
        keyword_stems=set(terms_of(" ".join(keywords)).stems), quoted=quoted, to_complete=complete,
        criteria=ctx.criteria, goal=ctx.goal, patience=ctx.level_of_patience, low_tech=ctx.low_tech, persona=persona,
    )  # fmt: skip


def _step(kind: str, element: Element | None = None, value: str = "", *, observation: str, thought: str,
          confidence: float, finding: dict[str, Any] | None = None, description: str = "", submit: bool = False,
          fields: list[dict[str, str]] | None = None) -> dict[str, Any]:  # fmt: skip
    target = {"ref": element.ref if element else "", "description": description or (element.label if element else "")}
    action: dict[str, Any] = {"type": kind, "target": target, "value": value}
    if submit:
        action["submit"] = True
    if fields:
        action["fields"] = fields
    return {
        "action": action,
        "reasoning": {"observation": observation, "thought": thought, "confidence": round(confidence, 2)},
        "finding": finding,
    }


# -- what the page says ---------------------------------------------------------------------------


def _criteria_covered(s: _Situation) -> tuple[bool, list[str]]:
    positive = [c for c in s.criteria if not parse_criterion(c).negative]
    if not positive:
        return False, []
    page = [("page", f"Page {s.title}\n{s.text}")]
    covered = [c for c in positive if check_criterion(parse_criterion(c), page).met]
    return len(covered) == len(positive), covered


def _last_submit(s: _Situation) -> dict[str, Any] | None:
    for entry in reversed(s.history):
        if entry.get("type") in ("click", "press") or (entry.get("type") == "type" and entry.get("submit")):
            return entry
        if entry.get("type") in ("navigate", "back"):
            return None
    return None


def _on_list(s: _Situation, item: str) -> bool:
    wanted = item.strip().lower()
    return any(wanted == line.strip().lower() or wanted in line.lower() for line in s.text.splitlines())


def _checkbox_of(s: _Situation, item: str) -> Element | None:
    wanted = item.strip().lower()
    for e in s.elements:
        if e.role in ("checkbox", "switch") and (wanted in e.name.lower() or wanted in e.context.lower()):
            return e
    return None


def _is_checked(s: _Situation, element: Element) -> bool:
    facts = s.fields.get(element.ref)
    return bool(facts.get("checked")) if facts is not None else element.checked


# -- forms ----------------------------------------------------------------------------------------


def _forms(s: _Situation) -> dict[int, list[dict[str, Any]]]:
    """The visible, enabled controls of each form of the page (-1: outside any form)."""
    grouped: dict[int, list[dict[str, Any]]] = {}
    for facts in s.fields.values():
        if facts.get("visible", True) and not facts.get("disabled") and not facts.get("readOnly"):
            grouped.setdefault(int(facts.get("form", -1)), []).append(facts)
    return grouped


def _form_label(controls: list[dict[str, Any]], s: _Situation) -> str:
    button = next((c for c in controls if c.get("submits")), None)
    if button and button.get("label"):
        return f"the form “{button['label']}”"
    return f"the form on “{s.title or s.url}”"


def _fill_plan(controls: list[dict[str, Any]], s: _Situation, variant: int) -> list[dict[str, str]]:
    """{ref, value} for every control that still needs one: empty text fields, unchosen
    dropdowns and radio groups, required or agreement boxes."""
    plan: list[dict[str, str]] = []
    groups: dict[str, list[dict[str, Any]]] = {}
    for c in controls:
        role, value = c.get("role"), str(c.get("value") or "")
        if role == "button":
            continue
        if role == "radio":
            groups.setdefault(c.get("group") or c["ref"], []).append(c)
        elif role in ("checkbox", "switch"):
            label = str(c.get("label") or "")
            wanted = c.get("required") or AGREE_WORDS.search(label) or (s.score(label) >= 5)
            if wanted and not c.get("checked"):
                plan.append({"ref": c["ref"], "value": "true"})
        elif c.get("tag") == "select" or role in ("combobox", "listbox"):
            chosen = next((o for o in c.get("options") or [] if o.get("selected")), None)
            if chosen is None or is_placeholder_option(chosen.get("label", ""), chosen.get("value")) or variant:
                option = option_for(c, s.option_score, variant)
                if option and (chosen is None or option != chosen.get("label")):
                    plan.append({"ref": c["ref"], "value": option})
        elif role in FIELD_ROLES or c.get("tag") in ("input", "textarea"):
            if kind_of(c) == "item" and s.quoted:
                continue  # a list's entry field: items go in one by one, with Enter
            needs = not value or (variant and c.get("valid") is False)
            if needs:
                plan.append({"ref": c["ref"], "value": value_for(c, s.persona, variant)})
    for radios in groups.values():
        if any(r.get("checked") for r in radios) and not variant:
            continue
        best = max(radios, key=lambda r: (s.option_score(str(r.get("label") or "")), -radios.index(r)))
        pick = best if s.option_score(str(best.get("label") or "")) > 0 else radios[variant % len(radios)]
        if not pick.get("checked"):
            plan.append({"ref": pick["ref"], "value": "true"})
    return plan


def _form_step(s: _Situation, observation: str, goal_only: bool) -> dict[str, Any] | None:
    """Fill, then send, the first form of the page that is worth it and not sent yet."""
    for index, controls in sorted(_forms(s).items()):
        if index < 0:
            continue
        label = _form_label(controls, s)
        button = next((c for c in controls if c.get("submits")), None)
        if goal_only and not _relevant(s, controls):
            continue
        if button is not None and _DESTRUCTIVE.search(str(button.get("label") or "")) and not s.score(
            str(button.get("label") or "")):  # fmt: skip
            continue
        tries = [e for e in s.history if s.here(e) and e.get("type") == "fill_form" and _described(e) == label]
        sends = (str((button or {}).get("label") or "\0"), f"Enter in {label}")
        sent = [i for i, e in enumerate(s.history) if s.here(e) and e.get("success") and _described(e) in sends]
        if sent and not any(e.get("pageOutcome") == "failure" for e in s.history[sent[-1] + 1 :]):
            continue  # sent, and the site did not refuse it
        refused = sum(1 for e in s.history if s.here(e) and _described(e) in (str((button or {}).get("label")),
                      f"Enter in {label}") and not e.get("success"))  # fmt: skip
        failures = sum(1 for e in s.history if e.get("pageOutcome") == "failure") + refused
        last = s.history[-1] if s.history else {}
        just_filled = last.get("type") == "fill_form" and s.here(last) and _described(last) == label
        if len(tries) > _RETRIES and not just_filled:
            continue
        plan = [] if just_filled else _fill_plan(controls, s, min(failures, 3))
        if plan:
            return _step("fill_form", None, observation=observation, description=label, fields=plan,
                         thought=f"I fill in {label}: {len(plan)} answer{'s' if len(plan) != 1 else ''} that fit what "
                                 "each field asks for.", confidence=0.75)  # fmt: skip
        if button is not None:
            element = next((e for e in s.elements if e.ref == button["ref"]), None)
            if element is not None:
                thought = f"Everything is filled in; I send it with “{element.label}”."
                return _step("click", element, observation=observation, thought=thought, confidence=0.75)
        texts = [e for e in s.elements for c in controls
                 if e.ref == c["ref"] and c.get("role") in FIELD_ROLES and c.get("tag") == "input"]  # fmt: skip
        if texts:  # no button: the keyboard sends the form
            return _step("press", texts[-1], "Enter", observation=observation, description=f"Enter in {label}",
                         thought="There is no button: I press Enter to send it.", confidence=0.6)  # fmt: skip
    return None


def _relevant(s: _Situation, controls: list[dict[str, Any]]) -> bool:
    words = " ".join([s.page_title, *(str(c.get("label") or "") for c in controls)])
    return s.score(words) > 0 or bool(_FORM_GOAL.search(s.goal) and s.score(s.page_title) > 0)


def _goal_form_here(s: _Situation) -> bool:
    """The page holds a form of the goal: its words are the form's, not a sign that the goal was met."""
    return any(index >= 0 and _relevant(s, controls) for index, controls in _forms(s).items())


# -- lists ----------------------------------------------------------------------------------------


def _entry_field(s: _Situation) -> Element | None:
    """A list's entry field: labelled as such, or the only text field of the page outside a form with a button."""
    forms = _forms(s)
    candidates = []
    for e in s.elements:
        facts = s.fields.get(e.ref, {})
        if e.role not in ("textbox", "searchbox") or facts.get("disabled") or facts.get("tag") == "textarea":
            continue
        form = int(facts.get("form", -1))
        has_button = form >= 0 and any(c.get("submits") for c in forms.get(form, []))
        words = " ".join([e.name, str(facts.get("placeholder") or ""), str(facts.get("label") or "")])
        candidates.append((bool(_ENTRY_FIELD.search(words)), not has_button, e))
    labelled = [e for named, _, e in candidates if named]
    if labelled:
        return labelled[0]
    buttonless = [e for _, free, e in candidates if free]
    return buttonless[0] if len(buttonless) == 1 and _LIST_GOAL.search(s.goal) else None


def _list_step(s: _Situation, observation: str) -> dict[str, Any] | None:
    if not s.quoted or not _LIST_GOAL.search(s.goal):
        return None
    field = _entry_field(s)
    if field is None:
        return None
    for item in s.quoted:
        if not _on_list(s, item):
            tried = [e for e in s.history if e.get("type") == "type" and e.get("value") == item and s.here(e)]
            if len(tried) >= 2:
                continue  # typed twice and still not on the list: the site does not take it
            return _step("type", field, item, submit=True, observation=observation,
                         thought=f"I type “{item}” and press Enter to add it.", confidence=0.8)  # fmt: skip
    for item in s.to_complete:
        box = _checkbox_of(s, item)
        if box is not None and not _is_checked(s, box):
            return _step("check", box, observation=observation, description=f"done: {item}",
                         thought=f"I tick “{item}” to mark it done.", confidence=0.8)  # fmt: skip
    return None


def _list_done(s: _Situation) -> bool:
    if not s.quoted or not _LIST_GOAL.search(s.goal) or _entry_field(s) is None:
        return False
    if not all(_on_list(s, item) for item in s.quoted):
        return False
    return all((box := _checkbox_of(s, item)) is not None and _is_checked(s, box) for item in s.to_complete)


# -- links ----------------------------------------------------------------------------------------


def _target_of(s: _Situation, element: Element) -> str:
    """Where a link leads, absolute (relative links too); "" for mailto:, javascript: and the like."""
    if not element.url:
        return ""
    absolute = urljoin(s.url, element.url).split("#", 1)[0]
    return absolute if urlsplit(absolute).scheme in ("http", "https") else ""


def _visited(s: _Situation, url: str) -> bool:
    path = _path(url)
    return path == _path(s.url) or any(_path(v) == path for v in s.visited) or any(
        _path(h.get("url", "")) == path for h in s.history)  # fmt: skip


def _link_candidates(s: _Situation) -> list[tuple[int, Element]]:
    """(score, element) of the links and buttons of the page worth following, not tried yet."""
    candidates = []
    for element in s.elements:
        if element.role not in _CLICKABLE or element.disabled or s.tried_here("click", element.label):
            continue
        facts = s.fields.get(element.ref, {})
        if facts.get("submits"):
            continue  # a form's button: sent with its form
        if element.role == "link":
            target = _target_of(s, element)
            if not target or _visited(s, target):
                continue
            words = f"{element.name} {urlsplit(target).path.replace('/', ' ').replace('-', ' ').replace('.', ' ')}"
        else:
            if _DESTRUCTIVE.search(element.name) and not s.score(element.name):
                continue
            words = element.name
        candidates.append((s.score(element.name) * 2 + s.score(words), element))
    return candidates


def _follow(s: _Situation, element: Element, observation: str, score: int) -> dict[str, Any]:
    thought = (f"“{element.label}” is the clearest way towards what I want." if s.low_tech
               else f"“{element.label}” matches what I am looking for.")  # fmt: skip
    return _step("click", element, observation=observation, thought=thought,
                 confidence=min(0.95, 0.45 + 0.1 * score))  # fmt: skip


def _go_to(s: _Situation, link: dict[str, Any], observation: str, thought: str, confidence: float) -> dict[str, Any]:
    """A link seen on an earlier page: clicked when this page has it too, else opened by its address."""
    for element in s.elements:
        if element.role == "link" and _target_of(s, element) == link["url"].split("#", 1)[0]:
            return _step("click", element, observation=observation, thought=thought, confidence=confidence)
    return _step("navigate", None, link["url"], observation=observation, thought=thought, confidence=confidence,
                 description=link.get("text") or link["url"])  # fmt: skip


def _pages_explored(s: _Situation) -> int:
    """Pages reached by exploring (not by following the goal's words)."""
    return sum(1 for h in s.history if h.get("type") in ("click", "navigate") and h.get("success")
               and s.score(_described(h) + " " + str(h.get("value") or "")) == 0)  # fmt: skip


def _give_up(s: _Situation, observation: str, finding: dict[str, Any] | None, why: str) -> dict[str, Any]:
    return _step("give_up", observation=observation, thought=why, confidence=0.8, finding=finding or {
        "type": "ux-issue", "severity": "medium",
        "description": "I could not find a way to do what I came for from the links, buttons and forms of the site.",
        "personaPerspective": f"I looked around the site but nothing led me to what I wanted "
                              f"({' '.join(s.goal.split()[:12])}).",
    })  # fmt: skip


# -- the step -------------------------------------------------------------------------------------


def browser_action(context: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    s = _situation(context)
    links = [e for e in s.elements if e.role == "link"]
    buttons = [e for e in s.elements if e.role in ("button", "menuitem", "tab")]
    fields = [e for e in s.elements if e.role in FIELD_ROLES]
    observation = (
        f"I am on “{s.title or s.url}”. I see {len(links)} links, {len(buttons)} buttons and {len(fields)} fields."
    )
    finding = _lost_input(s)

    # 1. How did it go? A failure is never done.
    if s.outcome == "failure":
        failures = sum(1 for h in s.history if h.get("pageOutcome") == "failure")
        reasons = [line for line in s.text.splitlines() if _REASON_LINE.search(line)][:3]
        said = " ".join(dict.fromkeys([*s.messages[:2], *reasons])) or s.outcome_evidence or s.title
        if failures >= _RETRIES:
            return _give_up(s, observation + f" The site says: “{said}”.", finding or {
                "type": "bug", "severity": "high",
                "description": f"The site refused what I sent and said “{said}”, although I filled in every field "
                               "as asked.",
                "personaPerspective": f"I tried {failures + 1} times and kept getting “{said}”. I give up.",
            }, "The site keeps refusing what I send; I stop here.")  # fmt: skip
        return _step("back", observation=observation + f" The page says it failed: “{said}”.",
                     thought="That did not work; I go back to the form and try again.", confidence=0.5,
                     finding=finding)  # fmt: skip
    if _list_done(s):
        return _step("done", observation=observation + " The list shows what I came to do.",
                     thought="Every item is on the list: " + ", ".join(f"“{i}”" for i in s.quoted) + ".",
                     confidence=0.9)  # fmt: skip
    sent = _last_submit(s)
    if s.outcome == "confirmation" and sent is not None and sent.get("success"):
        # The form sent was the goal's (its words, the page it was on), or the page meets the criteria.
        filled = next((e for e in reversed(s.history) if e.get("type") == "fill_form"), {})
        words = " ".join([s.outcome_evidence, _described(sent), _described(filled),
                          urlsplit(str(sent.get("url") or "")).path.replace("/", " ").replace(".", " ")])  # fmt: skip
        if s.score(words) > 0 or not s.criteria or _criteria_covered(s)[0]:
            return _step("done", observation=observation + f" The page confirms it: “{s.outcome_evidence}”.",
                         thought="The site confirms what I sent.", confidence=0.9)  # fmt: skip

    # 2-3. The task on this page: a list to fill, the goal's form (before reading the page as done:
    # a form that asks about the goal also shares its words).
    for step in (_list_step(s, observation), _form_step(s, observation, goal_only=True)):
        if step is not None:
            step["finding"] = step["finding"] or finding
            return step
    covered, which = _criteria_covered(s)
    pending_list = bool(s.quoted and _LIST_GOAL.search(s.goal) and _entry_field(s) is not None)
    if covered and not pending_list and not _goal_form_here(s):
        return _step("done", observation=observation + " The page shows what I came for.",
                     thought="This page confirms it: " + "; ".join(which), confidence=0.9)  # fmt: skip

    # 4. Links: the goal's words here, then the goal's links seen elsewhere.
    candidates = _link_candidates(s)
    scored = [c for c in candidates if c[0] > 0]
    if scored:
        best_score = max(score for score, _ in scored)
        best = [e for score, e in scored if score == best_score]
        best = [e for e in best if not e.in_chrome] or best
        element = best[0] if len(best) == 1 else rng.choice(best)
        return _follow(s, element, observation, best_score) | {"finding": finding}
    elsewhere = [link for link in s.frontier if s.score(f"{link.get('text', '')} {link.get('url', '')}") > 0]
    if elsewhere:
        return _go_to(s, elsewhere[0], observation + " Nothing here mentions what I need.",
                      f"Earlier I saw “{elsewhere[0].get('text') or elsewhere[0]['url']}”: that is what I want.",
                      0.6) | {"finding": finding}  # fmt: skip

    # Then every other form once, then the rest of the site, shallowest pages first.
    step = _form_step(s, observation, goal_only=False)
    if step is not None:
        step["finding"] = step["finding"] or finding
        return step
    if _pages_explored(s) < _EXPLORE_PAGES.get(s.patience, 10):
        unexplored = [link for link in s.frontier if not _visited(s, link["url"])]
        if unexplored:
            link = unexplored[0]
            thought = f"I will look at “{link.get('text') or link['url']}”."
            step = _go_to(s, link, observation + " Nothing here mentions what I need.", thought, 0.3)
            return step | {"finding": finding}
        here = [e for score, e in candidates if e.role == "button"]
        if here:
            return _step("click", here[0], observation=observation, thought=f"I try “{here[0].label}”.",
                         confidence=0.3, finding=finding)  # fmt: skip
    return _give_up(s, observation, finding, "I cannot find a way to do what I came for on this site.")


def _lost_input(s: _Situation) -> dict[str, Any] | None:
    """The last step typed into a field of this page, and the field is empty again."""
    if not s.history:
        return None
    last = s.history[-1]
    if last.get("type") != "type" or last.get("submit") or not s.here(last) or not last.get("value"):
        return None
    name = _described(last)
    field_now = next((e for e in s.elements if e.role in FIELD_ROLES and e.label == name), None)
    if field_now is None or field_now.value:
        return None
    return {
        "type": "bug",
        "severity": "high",
        "description": f'The "{name}" field emptied itself after text was typed into it.',
        "personaPerspective": f'I typed "{last.get("value")}" into "{name}" and it vanished; I would have to type it '
        "all again.",
    }


__all__ = ["BROWSER_TOOL", "browser_action", "parse_snapshot"]
