"""The offline explorer filling in forms: a value for each field that fits what the field
expects (its type, its label, its pattern, min/max, length limits), from the persona's own
details where it has them. The objective's words go only into fields that ask for a
message, and into search boxes as keywords: never into an email, a number or a name.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

try:  # Python 3.11+: the regular-expression parser behind `re`
    from re import _parser as sre_parse  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover
    import sre_parse  # type: ignore[no-redef]

from app.llm.offline.text import fold

_PLACEHOLDER_OPTION = re.compile(r"^\s*$|choose|select|pick|--|please|elige|selecciona", re.I)
AGREE_WORDS = re.compile(r"\b(agree|accept|terms|consent|acepto|privacy)\b", re.I)
DEFAULT_DAY = date(2026, 12, 1)
BIRTH_DAY = date(1988, 4, 12)


@dataclass(frozen=True)
class Persona:
    """What the explorer may type about itself."""

    name: str
    email: str
    phone: str
    address: str
    order_id: str
    age: int | None
    goal: str
    keywords: list[str]


def is_placeholder_option(label: str, value: str | None = None) -> bool:
    return value == "" or bool(_PLACEHOLDER_OPTION.search(label or ""))


# -- patterns -------------------------------------------------------------------------------


def sample_for_pattern(pattern: str, variant: int = 0) -> str | None:
    """A string that the HTML `pattern` matches (it is anchored at both ends), or None when
    the pattern is beyond this small generator. `variant` picks other characters."""
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, ValueError):
        return None
    try:
        text = _generate(parsed, variant)
    except (ValueError, RecursionError):
        return None
    try:
        return text if re.fullmatch(pattern, text) else None
    except re.error:
        return None


_CATEGORY = {"CATEGORY_DIGIT": "7", "CATEGORY_WORD": "a", "CATEGORY_SPACE": " ", "CATEGORY_NOT_DIGIT": "a",
             "CATEGORY_NOT_WORD": "-", "CATEGORY_NOT_SPACE": "a"}  # fmt: skip


def _char_in(items, variant: int) -> str:
    candidates: list[str] = []
    negate = False
    for op, arg in items:
        name = str(op)
        if name == "NEGATE":
            negate = True
        elif name == "LITERAL":
            candidates.append(chr(arg))
        elif name == "RANGE":
            low, high = arg
            candidates.append(chr(min(high, low + variant % max(1, high - low + 1))))
        elif name == "CATEGORY":
            candidates.append(_CATEGORY.get(str(arg), "a"))
    if negate:
        for c in "a7A-":
            if c not in candidates:
                return c
        raise ValueError("unsatisfiable class")
    if not candidates:
        raise ValueError("empty class")
    return candidates[variant % len(candidates)]


def _generate(parsed, variant: int) -> str:
    out: list[str] = []
    for op, arg in parsed:
        name = str(op)
        if name == "LITERAL":
            out.append(chr(arg))
        elif name == "NOT_LITERAL":
            out.append("a" if chr(arg) != "a" else "b")
        elif name == "ANY":
            out.append("a")
        elif name == "IN":
            out.append(_char_in(arg, variant))
        elif name in ("MAX_REPEAT", "MIN_REPEAT", "POSSESSIVE_REPEAT"):
            low, high, item = arg
            count = low if low > 0 else 1 if high and high != 0 else 0
            if high is not None and str(high) != "MAXREPEAT" and isinstance(high, int):
                count = min(count, high)
            out.append("".join(_generate(item, variant) for _ in range(count)))
        elif name == "SUBPATTERN":
            out.append(_generate(arg[-1], variant))
        elif name == "BRANCH":
            branches = arg[1]
            out.append(_generate(branches[variant % len(branches)], variant))
        elif name in ("AT",):
            continue
        elif name == "CATEGORY":
            out.append(_CATEGORY.get(str(arg), "a"))
        else:
            raise ValueError(f"unsupported {name}")
    return "".join(out)


# -- values ---------------------------------------------------------------------------------


def _number(field: dict[str, Any], wanted: float, variant: int) -> str:
    def parse(value: Any) -> float | None:
        try:
            return float(value)
        except (TypeError, ValueError):
            return None

    low, high, step = parse(field.get("min")), parse(field.get("max")), parse(field.get("step"))
    if variant and low is not None and high is not None:
        wanted = (low + high) / 2
    if low is not None and wanted < low:
        wanted = low
    if high is not None and wanted > high:
        wanted = high
    if step and step > 0:
        base = low or 0.0
        wanted = base + round((wanted - base) / step) * step
        if high is not None and wanted > high:
            wanted -= step
    return str(int(wanted)) if float(wanted).is_integer() else f"{wanted:g}"


def _day(field: dict[str, Any], wanted: date, variant: int) -> date:
    def parse(value: Any) -> date | None:
        try:
            return date.fromisoformat(str(value)[:10])
        except ValueError:
            return None

    low, high = parse(field.get("min")), parse(field.get("max"))
    if variant and low and high:
        wanted = low + (high - low) / 2
    if low and wanted < low:
        wanted = low + timedelta(days=7) if not high or low + timedelta(days=7) <= high else low
    if high and wanted > high:
        wanted = high
    return wanted


_TEXT_RULES: list[tuple[str, str]] = [
    (r"e-?mail|correo", "email"),
    (r"first name|given name|forename|nombre de pila", "first_name"),
    (r"last name|surname|family name|apellido", "last_name"),
    (r"user ?name|login|handle", "username"),
    (r"password|passphrase|contrase", "password"),
    (r"card number|credit card|card no|tarjeta|^card$", "card"),
    (r"cvc|cvv|security code", "cvc"),
    (r"expir|valid until|mm ?/ ?yy", "expiry"),
    (r"phone|mobile|tel[eé]fono|\btel\b", "phone"),
    (r"post ?code|zip|postal|eircode", "postcode"),
    (r"\bcity\b|\btown\b|ciudad", "city"),
    (r"country|pa[ií]s", "country"),
    (r"address|street|direcci", "address"),
    (r"company|organi[sz]ation|employer", "company"),
    (r"\bage\b|edad|how old", "age"),
    (r"birth|born|nacimiento", "birth"),
    (r"\bname\b|nombre|full name|your name", "name"),
    (r"quantity|qty|amount|how many|cantidad|number of", "quantity"),
    (r"order (?:number|id|reference)|reference|booking", "order"),
    (r"search|find|query|buscar|looking for", "search"),
    (r"message|question|enquiry|inquiry|details|describe|request|how can we help|mensaje", "message"),
    (r"comment|feedback|suggestion|opinion|anything else|remarks", "comment"),
    (r"todo|to-do|to do|task|what needs|new item|add item|item", "item"),
    (r"website|homepage|\burl\b", "url"),
    (r"\bdate\b|fecha|\bday\b", "date"),
]


def kind_of(field: dict[str, Any]) -> str:
    """What a field asks for: by its HTML type first, then its label, name and placeholder."""
    html_type = str(field.get("type") or "").lower()
    if html_type in ("number", "range") or field.get("role") == "spinbutton":
        by_label = _label_kind(field)
        return by_label if by_label in ("age", "quantity") else "number"
    if html_type in ("email", "number", "range", "date", "time", "datetime-local", "month", "week", "tel", "url",
                     "password", "color", "search"):  # fmt: skip
        return {"range": "number", "tel": "phone", "datetime-local": "datetime"}.get(html_type, html_type)
    if field.get("role") == "searchbox":
        return "search"
    return _label_kind(field) or ("textarea" if html_type == "textarea" else "text")


def _label_kind(field: dict[str, Any]) -> str:
    words = fold(" ".join(str(field.get(k) or "") for k in ("label", "placeholder", "name", "autocomplete")))
    for pattern, kind in _TEXT_RULES:
        if re.search(pattern, words):
            return kind
    return ""


def _sentence(persona: Persona, kind: str) -> str:
    if kind == "message":
        goal = persona.goal.strip().rstrip(".")
        return f"Hello, {goal[0].lower() + goal[1:] if goal else 'I have a question'}. Thank you."
    return "Everything was clear and easy to use, thank you."


def value_for(field: dict[str, Any], persona: Persona, variant: int = 0) -> str:
    """A value that fits the field. `variant` > 0 after the site refused the first one."""
    kind = kind_of(field)
    first, *rest = persona.name.split() or ["Alex"]
    simple = {
        "email": persona.email, "first_name": first, "last_name": rest[-1] if rest else "Doe",
        "username": fold(first) + "01", "password": "Correct-Horse-7", "card": "4242 4242 4242 4242",
        "cvc": "123", "expiry": "12/30", "phone": persona.phone, "postcode": "H91 X2Y3", "city": "Galway",
        "country": "Ireland", "address": persona.address, "company": "Kelly & Sons",
        "name": persona.name if len(persona.name.split()) > 1 else f"{persona.name} Doe", "order": persona.order_id,
        "search": persona.keywords[0] if persona.keywords else _topic(persona.goal),
        "message": _sentence(persona, "message"), "comment": _sentence(persona, "comment"),
        "textarea": _sentence(persona, "comment"), "url": "https://example.com", "time": "10:30",
        "color": "#3366cc", "item": _topic(persona.goal), "text": "Example",
    }  # fmt: skip
    if kind in ("number", "age", "quantity"):
        wanted = {"age": float(persona.age or 34), "quantity": 1.0}.get(kind, 1.0)
        value = _number(field, wanted, variant)
    elif kind in ("date", "birth", "datetime", "month", "week"):
        day = _day(field, BIRTH_DAY if kind == "birth" else DEFAULT_DAY, variant)
        week = f"{day.isocalendar().year}-W{day.isocalendar().week:02d}"
        value = {"datetime": f"{day.isoformat()}T10:30", "month": day.isoformat()[:7], "week": week}.get(
            kind, day.isoformat()
        )
    else:
        value = simple.get(kind, "Example")
    return _fit(field, value, variant)


def _fit(field: dict[str, Any], value: str, variant: int) -> str:
    """The pattern and the length limits have the last word."""
    pattern = str(field.get("pattern") or "")
    if pattern:
        try:
            fits = re.fullmatch(pattern, value) is not None
        except re.error:
            fits = True
        if not fits or variant:
            value = sample_for_pattern(pattern, variant) or value
    minimum, maximum = field.get("minLength"), field.get("maxLength")
    if isinstance(minimum, int) and len(value) < minimum:
        value = (value + " " + "and more details" * (minimum // 10 + 1))[:minimum] if value else "x" * minimum
    if isinstance(maximum, int) and maximum > 0 and len(value) > maximum:
        value = value[:maximum]
    return value


def _topic(goal: str) -> str:
    """The few words of the goal a person would type in a search box."""
    words = [w for w in re.findall(r"[A-Za-zÀ-ÿ0-9-]+", goal) if len(w) > 3][:3]
    return " ".join(words) or "help"


def option_for(field: dict[str, Any], score, variant: int = 0) -> str | None:
    """A real option of a dropdown (never its "Choose…" placeholder): the one the goal names, else
    the first (another one after a refusal)."""
    options = [o for o in field.get("options") or [] if not o.get("disabled")]
    real = [o["label"] for o in options if not is_placeholder_option(o.get("label", ""), o.get("value"))]
    if not real:
        return None
    best = max(real, key=lambda label: (score(label), -real.index(label)))
    if score(best) > 0:
        return best
    return real[variant % len(real)]


__all__ = ["AGREE_WORDS", "Persona", "is_placeholder_option", "kind_of", "option_for", "sample_for_pattern",
           "value_for"]  # fmt: skip
