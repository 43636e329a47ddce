"""The offline persona at the browser: answers the forced `browser_action` tool call
deterministically, so that a browser session runs end to end with no key.

It reads everything from the out-of-band context that app/engine/browser_persona.py hands
over (never from message text): the persona and objective, and the page
{"browser": {step, url, title, history, snapshot}} with its ARIA snapshot, and explores:

1. done when the page covers every (positive) success criterion;
2. fills the empty fields of a form that leads somewhere (plausible data: the persona's
   name and e-mail, an address, a test card number...), picks sizes and options that the
   goal names, ticks "I agree" boxes, then presses the form's submit button;
3. otherwise follows the link or button whose words best match the goal, its keywords
   and the criteria, never the same one twice from the same page;
4. explores a few unrelated links (fewer when impatient), goes back, and gives up when
   nothing is left, so it never loops for ever.

The same input gives the same step (the seed and the messages pick among equal choices).
"""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import urljoin, urlsplit

from app.llm.offline import (
    _fold,
    _persona_facts,
    check_criterion,
    parse_criterion,
    persona_context,
    terms_of,
)

BROWSER_TOOL = "browser_action"

_LINE_RE = re.compile(
    r'^(?P<indent>\s*)- (?P<role>[a-z/]+)(?: "(?P<name>(?:[^"\\]|\\.)*)")?(?P<attrs>(?: \[[^\]]*\])*)'
    r"(?::\s?(?P<rest>.*))?$"
)
_ATTR_RE = re.compile(r"\[([^\]=]+)(?:=([^\]]*))?\]")
_FIELDS = {"textbox", "searchbox", "spinbutton"}
_CLICKABLE = {"link", "button", "menuitem", "tab", "checkbox", "radio", "switch"}
_SUBMIT_WORDS = re.compile(
    r"\b(submit|send|place order|order now|pay|buy|checkout|check out|continue|next|confirm|search|go|sign in|"
    r"log in|login|book|reserve|save|apply|add to (?:cart|basket|bag)|proceed|request|finish|complete|enviar|"
    r"comprar|continuar|buscar|confirmar)\b",
    re.I,
)
_AGREE_WORDS = re.compile(r"\b(agree|accept|terms|consent|acepto)\b", re.I)
_PLACEHOLDER = re.compile(r"^\s*$|choose|select|pick|--|please|elige|selecciona", re.I)
_EXPLORE_BUDGET = {"low": 2, "medium": 4, "high": 7}
_CHROME = {"navigation", "banner", "contentinfo", "complementary"}


@dataclass
class Element:
    role: str
    name: str
    ref: str
    index: int
    value: str = ""
    url: str = ""
    checked: bool = False
    disabled: bool = False
    options: list[tuple[str, bool]] = field(default_factory=list)  # (label, selected)
    in_chrome: bool = False  # inside the site's navigation, header or footer (on every page)

    @property
    def label(self) -> str:
        return self.name or self.value or self.url or self.role


def parse_snapshot(snapshot: str) -> tuple[list[Element], str]:
    """The elements that have a ref (in page order) and the page's text."""
    elements: list[Element] = []
    text: list[str] = []
    last: Element | None = None
    last_indent = -1
    ancestors: list[tuple[int, str]] = []  # (indent, role) of the open parents
    for line in snapshot.splitlines():
        match = _LINE_RE.match(line)
        if not match:
            continue
        role, name, rest = match.group("role"), match.group("name") or "", (match.group("rest") or "").strip()
        indent = len(match.group("indent"))
        while ancestors and ancestors[-1][0] >= indent:
            ancestors.pop()
        in_chrome = any(r in _CHROME for _, r in ancestors)
        ancestors.append((indent, role))
        attrs = {k.strip(): (v or "") for k, v in _ATTR_RE.findall(match.group("attrs") or "")}
        if role == "/url" and last is not None and indent > last_indent:
            last.url = rest
            continue
        if role == "option" and last is not None and last.role in ("combobox", "listbox") and indent > last_indent:
            last.options.append((name or rest, "selected" in attrs))
            continue
        if name:
            text.append(name.replace('\\"', '"'))
        if rest and role not in _FIELDS:
            text.append(rest)
        ref = attrs.get("ref")
        if not ref:
            continue
        element = Element(role=role, name=name.replace('\\"', '"'), ref=ref, index=len(elements),
                          value=rest if role in _FIELDS else "", checked=attrs.get("checked") in ("", "true"),
                          disabled="disabled" in attrs, in_chrome=in_chrome)  # fmt: skip
        if role == "checkbox" and "checked" not in attrs:
            element.checked = False
        elements.append(element)
        last, last_indent = element, indent
    return elements, "\n".join(text)


def _stems(text: str) -> set[str]:
    return set(terms_of(text).stems)


def _path(url: str) -> str:
    parts = urlsplit(url)
    return parts.path.rstrip("/") or "/"


@dataclass
class _Situation:
    url: str
    title: str
    elements: list[Element]
    text: str
    history: list[dict[str, Any]]
    goal_stems: set[str]
    keyword_stems: set[str]
    criteria: list[str]
    facts: dict[str, str]
    goal: str
    keywords: list[str]
    patience: str
    low_tech: bool
    name: str

    def tried_here(self, kind: str, element: Element) -> bool:
        """This action on this element (by its name) was already taken on this page."""
        for entry in self.history:
            target = entry.get("target") or {}
            if (entry.get("type") == kind and _path(entry.get("url", "")) == _path(self.url)
                    and (target.get("description") == element.label or target.get("ref") == element.ref)):  # fmt: skip
                return True
        return False

    def visited(self, href: str) -> bool:
        if not href:
            return False
        absolute = urljoin(self.url, href)
        seen = {_path(h.get("url", "")) for h in self.history} | {_path(self.url)}
        return _path(absolute) in seen or any(
            (h.get("target") or {}).get("description") and h.get("type") == "navigate" and h.get("value") == href
            for h in self.history
        )

    def score(self, words: str) -> int:
        stems = _stems(words)
        return 2 * len(stems & self.keyword_stems) + len(stems & self.goal_stems)


def _situation(context: dict[str, Any]) -> _Situation:
    ctx = persona_context(context)
    objective = context.get("objective") if isinstance(context.get("objective"), dict) else {}
    keywords = [str(k) for k in objective.get("keywords") or []]
    browser = context.get("browser") if isinstance(context.get("browser"), dict) else {}
    elements, text = parse_snapshot(str(browser.get("snapshot") or ""))
    seed_rng = random.Random(ctx.name)
    return _Situation(
        url=str(browser.get("url") or ""), title=str(browser.get("title") or ""), elements=elements, text=text,
        history=[h for h in browser.get("history") or [] if isinstance(h, dict)],
        goal_stems=_stems(" ".join([ctx.goal, *ctx.criteria])), keyword_stems=_stems(" ".join(keywords)),
        criteria=ctx.criteria, facts=_persona_facts(ctx, seed_rng), goal=ctx.goal, keywords=keywords,
        patience=ctx.level_of_patience, low_tech=ctx.low_tech, name=ctx.display_name,
    )  # fmt: skip


def _step(kind: str, element: Element | None = None, value: str = "", *, observation: str, thought: str,
          confidence: float, finding: dict[str, Any] | None = None) -> dict[str, Any]:  # fmt: skip
    target = {"ref": element.ref, "description": element.label} if element else {"ref": "", "description": ""}
    return {
        "action": {"type": kind, "target": target, "value": value},
        "reasoning": {"observation": observation, "thought": thought, "confidence": round(confidence, 2)},
        "finding": finding,
    }


def _goal_reached(s: _Situation) -> tuple[bool, list[str]]:
    positive = [c for c in s.criteria if not parse_criterion(c).negative]
    if not positive:
        return False, []
    page = [("page", f"Page {s.title}\n{s.text}")]
    covered = [c for c in positive if check_criterion(parse_criterion(c), page).met]
    return len(covered) == len(positive), covered


def _value_for(element: Element, s: _Situation) -> str:
    label = _fold(element.name or element.role)
    facts = s.facts
    first, *rest = s.name.split() or ["Alex"]
    rules: list[tuple[str, str]] = [
        (r"e-?mail|correo", facts["email"]),
        (r"first name|given name|nombre de pila", first),
        (r"last name|surname|family name|apellido", rest[-1] if rest else "Doe"),
        (r"user ?name|login", _fold(first) + "01"),
        (r"password|contrase", "Correct-Horse-7"),
        (r"card|tarjeta", "4242 4242 4242 4242"),
        (r"cvc|cvv|security code", "123"),
        (r"expir|valid until|mm ?/ ?yy", "12/30"),
        (r"phone|mobile|tel", facts["phone"]),
        (r"post ?code|zip|postal|eircode", "H91 X2Y3"),
        (r"city|town|ciudad", "Galway"),
        (r"country|pais", "Ireland"),
        (r"address|street|direcci", facts["address"]),
        (r"name|nombre", s.name if len(s.name.split()) > 1 else f"{s.name} Doe"),
        (r"quantity|qty|amount|how many|cantidad", "1"),
        (r"date|fecha", "2026-12-01"),
        (r"order|reference|booking", facts["order_id"]),
        (r"search|find|query|buscar|what are you looking", s.keywords[0] if s.keywords else _first_words(s.goal, 3)),
        (r"message|comment|question|details|describe|mensaje|note", f"Hello, {_first_words(s.goal, 25)}"),
    ]
    for pattern, value in rules:
        if re.search(pattern, label):
            return value
    if element.role == "spinbutton":
        return "1"
    if element.role == "searchbox":
        return s.keywords[0] if s.keywords else _first_words(s.goal, 3)
    return _first_words(s.goal, 6)


def _first_words(text: str, count: int) -> str:
    words = re.sub(r"\s+", " ", text or "").strip().split(" ")
    return " ".join(words[:count]).rstrip(".,;:") or "hello"


def _option_for(element: Element, s: _Situation) -> str | None:
    labels = [label for label, _ in element.options if label and not _PLACEHOLDER.search(label)]
    if not labels:
        return None
    goal = s.goal + " " + " ".join(s.criteria)

    def score(label: str) -> int:
        exact = re.search(rf"(?<![\w-]){re.escape(label)}(?![\w-])", goal, 0 if len(label) <= 2 else re.I)
        return (5 if exact else 0) + s.score(label)

    best = max(labels, key=lambda label: (score(label), -labels.index(label)))
    return best if score(best) > 0 else labels[min(1, len(labels) - 1)] if len(labels) > 2 else labels[0]


def browser_action(context: dict[str, Any], rng: random.Random) -> dict[str, Any]:
    s = _situation(context)
    links = [e for e in s.elements if e.role == "link"]
    buttons = [e for e in s.elements if e.role in ("button", "menuitem", "tab")]
    fields = [e for e in s.elements if e.role in _FIELDS and not e.disabled]
    observation = (
        f'I am on "{s.title or s.url}". I see {len(links)} links, {len(buttons)} buttons and {len(fields)} fields.'
    )
    step_count = len(s.history)

    reached, covered = _goal_reached(s)
    if reached:
        return _step("done", observation=observation + " The page shows what I came for.",
                     thought="This page confirms it: " + "; ".join(covered), confidence=0.9)  # fmt: skip

    finding = _lost_input(s)

    # A form on the way: fill it, choose its options, then send it.
    submits = [b for b in buttons if not b.disabled and (_SUBMIT_WORDS.search(b.name) or s.score(b.name) > 0)]
    form_worth_it = bool(submits) and (
        any(s.score(b.name) > 0 for b in submits) or s.score(s.title) > 0 or any(f.role == "searchbox" for f in fields)
    )
    if form_worth_it:
        for element in fields:
            if not element.value and not s.tried_here("type", element):
                value = _value_for(element, s)
                return _step("type", element, value, observation=observation,
                             thought=f'The form asks for "{element.label}"; I fill it in.', confidence=0.7,
                             finding=finding)  # fmt: skip
        for element in (e for e in s.elements if e.role in ("combobox", "listbox") and not e.disabled):
            selected = next((label for label, chosen in element.options if chosen), "")
            if (not selected or _PLACEHOLDER.search(selected)) and not s.tried_here("select", element):
                option = _option_for(element, s)
                if option:
                    return _step("select", element, option, observation=observation,
                                 thought=f'I choose "{option}" for "{element.label}".', confidence=0.7,
                                 finding=finding)  # fmt: skip
        for element in (e for e in s.elements if e.role == "checkbox" and not e.checked and not e.disabled):
            if _AGREE_WORDS.search(element.name) and not s.tried_here("click", element):
                return _step("click", element, observation=observation,
                             thought=f'I tick "{element.label}" so the form goes through.', confidence=0.6,
                             finding=finding)  # fmt: skip
        ready = [b for b in submits if not s.tried_here("click", b)]
        if ready:
            button = max(ready, key=lambda b: (s.score(b.name), bool(_SUBMIT_WORDS.search(b.name)), -b.index))
            return _step("click", button, observation=observation,
                         thought=f'I filled in the form; now "{button.label}".', confidence=0.75,
                         finding=finding)  # fmt: skip

    # The link or button that best matches what I came for.
    candidates = []
    for element in links + buttons:
        if element.disabled or s.tried_here("click", element):
            continue
        if element.role == "link" and element.url and (s.visited(element.url) or element.url.startswith("#")):
            continue
        if element.role == "link" and element.url and not element.url.startswith(("/", "http", "?", ".")):
            continue  # mailto:, tel:, javascript:
        words = f"{element.name} {element.url.replace('/', ' ').replace('-', ' ')}"
        candidates.append((s.score(element.name) * 2 + s.score(words), element))
    scored = [c for c in candidates if c[0] > 0]
    if scored:
        # At equal score, what the page itself offers beats the menu that every page repeats.
        best_score = max(score for score, _ in scored)
        best = [e for score, e in scored if score == best_score]
        best = [e for e in best if not e.in_chrome] or best
        element = best[0] if len(best) == 1 else rng.choice(best)
        thought = (
            f'"{element.label}" is the clearest way towards what I want.'
            if s.low_tech
            else f'"{element.label}" matches what I am looking for.'
        )
        return _step("click", element, observation=observation, thought=thought,
                     confidence=min(0.95, 0.45 + 0.1 * best_score), finding=finding)  # fmt: skip

    explored = sum(1 for h in s.history if h.get("type") == "click" and s.score(
        str((h.get("target") or {}).get("description", ""))) == 0)  # fmt: skip
    budget = _EXPLORE_BUDGET.get(s.patience, 4)
    if candidates and explored < budget and step_count < 3 * budget + 6:
        element = rng.choice([e for _, e in candidates[:8]])
        return _step("click", element, observation=observation + " Nothing here mentions what I need.",
                     thought=f'I will look under "{element.label}".', confidence=0.3, finding=finding)  # fmt: skip

    backs_in_a_row = 0
    for entry in reversed(s.history):
        if entry.get("type") != "back":
            break
        backs_in_a_row += 1
    if s.history and backs_in_a_row < 2 and explored < budget + 2:
        return _step("back", observation=observation + " This page leads nowhere for me.",
                     thought="I go back to the previous page.", confidence=0.3, finding=finding)  # fmt: skip
    return _step(
        "give_up", observation=observation, thought="I cannot find a way to do what I came for on this site.",
        confidence=0.8, finding=finding or {
            "type": "ux-issue", "severity": "medium",
            "description": "The persona could not find a path towards the goal from the links and buttons offered.",
            "personaPerspective": f"I looked around but nothing led me to what I wanted ({_first_words(s.goal, 12)}).",
        },
    )  # fmt: skip


def _lost_input(s: _Situation) -> dict[str, Any] | None:
    """The last step typed into a field of this page, and the field is empty again."""
    if not s.history:
        return None
    last = s.history[-1]
    if last.get("type") != "type" or _path(last.get("url", "")) != _path(s.url) or not last.get("value"):
        return None
    name = (last.get("target") or {}).get("description", "")
    field_now = next((e for e in s.elements if e.role in _FIELDS and e.label == name), None)
    if field_now is None or field_now.value:
        return None
    return {
        "type": "bug",
        "severity": "high",
        "description": f'The "{name}" field emptied itself after text was typed into it.',
        "personaPerspective": f'I typed "{last.get("value")}" into "{name}" and it vanished; I would have to type it '
        "all again.",
    }
