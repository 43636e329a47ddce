"""The offline persona's context: who it is (traits, facts it can give) and what the agent asked it for."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from typing import Any

from app.llm.offline.criteria import (
    REQUEST_RE,
)
from app.llm.offline.text import (
    ADDRESS_RE,
    DATE_RE,
    EMAIL_RE,
    ID_RE,
    MONTHS,
    fold,
    split_sentences,
)

_TRAIT_KEYS = ("communication_style", "patience_level", "urgency", "tech_savviness", "typo_rate", "reading_level")
PATIENCE_BUDGET = {"low": 3, "medium": 5, "high": 8}


@dataclass
class PersonaContext:
    name: str = "Alex"
    description: str = ""
    traits: dict[str, Any] = field(default_factory=dict)
    definition: dict[str, Any] = field(default_factory=dict)
    language: str = "en"
    goal: str = ""
    constraints: list[str] = field(default_factory=list)
    criteria: list[str] = field(default_factory=list)
    max_turns: int | None = None

    @property
    def display_name(self) -> str:
        return re.sub(r"\s*\(.*?\)\s*", " ", self.name).strip() or "Alex"

    @property
    def first_name(self) -> str:
        return self.display_name.split()[0]

    def trait(self, key: str, default: str = "medium") -> str:
        value = self.traits.get(key)
        return str(value).strip().lower() if value not in (None, "") else default

    @property
    def style(self) -> str:
        return self.trait("communication_style", "neutral")

    @property
    def level_of_patience(self) -> str:
        return _level(self.traits.get("patience_level"))

    @property
    def level_of_urgency(self) -> str:
        return _level(self.traits.get("urgency"))

    @property
    def low_tech(self) -> bool:
        return _level(self.traits.get("tech_savviness")) == "low"

    @property
    def typo_rate(self) -> float:
        try:
            rate = float(self.traits.get("typo_rate") or 0)
        except (TypeError, ValueError):
            return 0.0
        return max(0.0, min(rate / 100 if rate > 1 else rate, 0.5))

    @property
    def spanish(self) -> bool:
        return self.language.lower().startswith("es")

    @property
    def terse(self) -> bool:
        return self.style in {"terse", "direct", "blunt", "brief"}


def _level(value: Any) -> str:
    if value is None or value == "":
        return "medium"
    if isinstance(value, int | float):
        number = float(value)
        if number <= 1:
            number *= 10
        return "low" if number <= 3 else "high" if number >= 7 else "medium"
    text = str(value).strip().lower()
    if text in {"low", "very low", "minimal", "impatient"}:
        return "low"
    if text in {"high", "very high", "critical", "urgent", "patient"}:
        return "high"
    if text.isdigit():
        return _level(int(text))
    return "medium"


def persona_context(context: dict[str, Any]) -> PersonaContext:
    """The persona and objective from the out-of-band context (defaults without one)."""
    ctx = PersonaContext()
    persona = context.get("persona") if isinstance(context.get("persona"), dict) else {}
    objective = context.get("objective") if isinstance(context.get("objective"), dict) else {}
    ctx.name = str(persona.get("name") or ctx.name)
    ctx.description = str(persona.get("description") or "")
    ctx.traits = dict(persona.get("traits") or {})
    ctx.definition = dict(persona.get("definition") or {})
    ctx.language = str(persona.get("language") or "en")
    ctx.goal = str(objective.get("goal") or "")
    ctx.constraints = [str(c) for c in objective.get("constraints") or []]
    ctx.criteria = [str(c) for c in objective.get("successCriteria") or objective.get("criteria") or []]
    max_turns = context.get("maxTurns")
    ctx.max_turns = int(max_turns) if isinstance(max_turns, int) and max_turns > 0 else None
    return ctx


def persona_facts(ctx: PersonaContext, rng: random.Random) -> dict[str, str]:
    """Plausible personal details, taken from the objective when it states them."""
    everything = " ".join([ctx.goal, *ctx.constraints])
    order_ids = ID_RE.findall(everything)
    emails = EMAIL_RE.findall(everything)
    first, *rest = fold(ctx.display_name).split() or ["alex"]
    last = rest[-1] if rest else "doe"
    local = re.sub(r"[^a-z.]", "", f"{first}.{last}")
    address = ADDRESS_RE.search(everything)
    date_match = DATE_RE.search(everything)
    size = re.search(r"\bsize ([A-Z]{1,3}|\d{1,2})\b", everything)
    store = re.search(r"\bthe ([A-Z][a-z]+) store\b", everything)
    digits = "".join(str(rng.randint(0, 9)) for _ in range(7))
    return {
        "order_id": next((i for i in order_ids if not i.startswith("BK")), order_ids[0] if order_ids else "")
        or f"A-{rng.randint(10000, 99999)}",
        "booking_id": next((i for i in order_ids if i.startswith("BK")), ""),
        "email": emails[0] if emails else f"{local}@example.com",
        "name": ctx.display_name,
        "address": address.group(0) if address else "12 Main Street, Dublin D02 X285",
        "phone": f"+353 87 {digits[:3]} {digits[3:]}",
        "date": date_match.group(0) if date_match else f"{rng.randint(1, 28)} {rng.choice(MONTHS[2:6])}",
        "size": size.group(1) if size else "M",
        "store": store.group(1) if store else "nearest",
    }


_SLOT_PATTERNS: list[tuple[str, re.Pattern[str]]] = [
    ("card", re.compile(r"card number|credit card|debit card|\bcvv\b|\bcvc\b|security code|número de tarjeta", re.I)),
    ("password", re.compile(r"password|passcode|one-time code|\botp\b|verification code|\bpin\b|contraseña", re.I)),
    (
        "booking_id",
        re.compile(r"booking (?:reference|number|ref)|reservation (?:number|reference)|número de reserva", re.I),
    ),
    ("order_id", re.compile(r"order (?:number|no\.?|id|reference|#)|número de pedido|order num", re.I)),
    ("email", re.compile(r"e-?mail|correo", re.I)),
    ("address", re.compile(r"(?<!email )(?<!e-mail )\b(?:new |delivery |shipping )?address\b|dirección", re.I)),
    ("name", re.compile(r"\b(?:your (?:full )?name|surname|last name)\b|nombre", re.I)),
    ("phone", re.compile(r"phone number|mobile number|teléfono", re.I)),
    ("date", re.compile(r"\b(?:which|what) date\b|purchase date|when did you (?:order|buy)|fecha de compra", re.I)),
    ("photos", re.compile(r"\bphotos?\b|pictures?|fotos?", re.I)),
    ("size", re.compile(r"\bwhat size\b|\bwhich size\b|talla", re.I)),
]
SENSITIVE_SLOTS = {"card", "password"}


def asked_slots(agent_text: str) -> list[str]:
    """The details the agent asks the persona for, in a request sentence that is not a warning."""
    slots: list[str] = []
    previous = ""
    for sentence in split_sentences(agent_text):
        if not REQUEST_RE.search(sentence) or re.search(r"\b(never|don't|do not|no comparta|nunca)\b", sentence, re.I):
            previous = sentence
            continue
        # "I need your order number and email. Could you send me both?"
        if re.search(r"\b(both|them|these|those|it|ambos|los dos)\b", sentence, re.I):
            sentence = previous + " " + sentence
        previous = sentence
        for slot, pattern in _SLOT_PATTERNS:
            if pattern.search(sentence) and slot not in slots:
                if slot == "email" and re.search(r"\b(we'll|we will|i'll|i will) (?:send|email)\b", sentence, re.I):
                    continue
                slots.append(slot)
    if "order_id" in slots and "booking_id" in slots:
        slots.remove("order_id")
    return slots
