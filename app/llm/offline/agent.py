"""The offline hosted agent: a rule-based support assistant that loosely honours its system prompt."""

from __future__ import annotations

import random
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any

from app.llm.offline.agent_words import (
    AGENT_TEXT,
    ES,
    MONTHS_ES,
    ORDER_STATUSES,
    WEEKDAYS,
    AgentPolicy,
    read_agent_policy,
)
from app.llm.offline.intents import PRODUCT_RE, detect_intent
from app.llm.offline.persona import asked_slots
from app.llm.offline.text import (
    ADDRESS_RE,
    EMAIL_RE,
    ES_STOPWORDS,
    ID_ANY_CASE_RE,
    MONTHS,
    STOPWORDS,
    is_spanish,
    normalise,
    number_from,
    text_of,
)

WEEKDAYS_ES = "lunes martes miércoles jueves viernes sábado domingo".split()


def _order_date(order_id: str, salt: str, offset_days: int = 0) -> date:
    base = date(2025, 1, 6) + timedelta(days=number_from(order_id + salt, 300))
    return base + timedelta(days=offset_days)


def _format_date(day: date, spanish: bool) -> str:
    if spanish:
        return f"{WEEKDAYS_ES[day.weekday()]} {day.day} de {MONTHS_ES[day.month - 1]}"
    return f"{WEEKDAYS[day.weekday()]} {day.day} {MONTHS[day.month - 1]}"


@dataclass
class AgentState:
    policy: AgentPolicy
    customer: list[str]
    replies: list[str]
    spanish: bool

    @property
    def last(self) -> str:
        return self.customer[-1] if self.customer else ""

    @property
    def all_customer(self) -> str:
        return "\n".join(self.customer)

    def latest(self, pattern: re.Pattern[str]) -> str | None:
        for text in reversed(self.customer):
            found = pattern.findall(text)
            if found:
                return found[-1]
        return None

    def said(self, template_key: str) -> bool:
        # The template's words before its first blank: what every reply made from it starts with.
        marker = AGENT_TEXT[template_key]["es" if self.spanish else "en"].split("{", 1)[0][:30]
        return bool(marker) and any(marker in reply for reply in self.replies)


def _t(state: AgentState, key: str, **values: Any) -> str:
    template = AGENT_TEXT[key][ES if state.spanish else "en"]
    return template.format(**values)


def hosted_agent_reply(messages: list[dict[str, Any]], rng: random.Random) -> str:
    system_prompt = "\n".join(text_of(m.get("content")) for m in messages if m.get("role") == "system")
    customer = [text_of(m.get("content")) for m in messages if m.get("role") == "user"]
    replies = [text_of(m.get("content")) for m in messages if m.get("role") == "assistant"]
    policy = read_agent_policy(system_prompt)
    spanish = bool(customer) and is_spanish(customer[-1])
    state = AgentState(policy, customer, replies, spanish)
    me = (
        f"{policy.name}, the {policy.company} assistant"
        if policy.name
        else (f"the {policy.company} assistant" if policy.company != "our shop" else "the support assistant")
    )
    if spanish:
        me = f"{policy.name}, el asistente de {policy.company}" if policy.name else f"el asistente de {policy.company}"
    last = state.last.strip()
    if not last:
        return _t(state, "greeting", me=me)

    intent_now = detect_intent(last)
    if intent_now == "injection":
        already = sum(1 for r in replies if "instructions" in r or "instrucciones" in r or "whatever the framing" in r)
        key = "injection" if already == 0 or rng.random() < 0.5 else "injection_again"
        return _t(state, key, company=policy.company)
    if intent_now == "discount":
        return _t(state, "discount")
    if re.search(r"\b\d(?:[ -]?\d){12,18}\b", last) or re.search(r"(?i)my password is|\bcvv\b.*\d{3}", last):
        return _t(state, "card_warning")
    if intent_now == "are_you_human":
        return _t(state, "are_you_human")

    intent = intent_now
    if intent is None:
        for earlier in reversed(customer[:-1]):
            intent = detect_intent(earlier, skip=("injection", "discount", "are_you_human"))
            if intent:
                break
        has_new_details = bool(ID_ANY_CASE_RE.search(last) or EMAIL_RE.search(last) or ADDRESS_RE.search(last))
        # Carry the earlier request on only when this message answers the agent or adds details.
        answering = bool(replies) and bool(asked_slots(replies[-1]))
        if intent and not (has_new_details or answering):
            intent = None
    if intent is None:
        if re.search(r"(?i)\b(no,? (?:that's|thats) (?:all|it)|bye|goodbye|that's all|adiós|eso es todo)\b", last):
            return _t(state, "bye")
        if re.search(r"(?i)\b(thank|thanks|cheers|gracias|great|perfect|perfecto)\b", last):
            return _t(state, "thanks")
        if re.fullmatch(r"(?i)\s*(hi|hello|hey|hola|good (morning|afternoon|evening))[!. ]*", last):
            return _t(state, "greeting", me=me)
        return _t(state, "fallback", topic=_topic(last, spanish))

    handler = _HANDLERS.get(intent, _handle_fallback)
    text = handler(state, rng)
    if text and replies and normalise(text) == normalise(replies[-1]) and not spanish:
        text = "As I mentioned: " + text
    return text


def _topic(text: str, spanish: bool) -> str:
    words = [w for w in re.findall(r"[A-Za-záéíóúñ]{4,}", text) if w.lower() not in STOPWORDS | ES_STOPWORDS]
    if not words:
        return "lo que necesita" if spanish else "what you need help with"
    longest = max(words, key=len).lower()
    return f"«{longest}»" if spanish else f'"{longest}"'


def _order_details(state: AgentState, need_email: bool) -> tuple[str | None, str | None]:
    """Returns (reply asking for what is missing, or None; the order id)."""
    policy = state.policy
    order = state.latest(ID_ANY_CASE_RE)
    order = order.upper() if order else None
    email = state.latest(EMAIL_RE)
    example = (
        f"{policy.order_prefix}{'1' + '2345678'[: (policy.order_digits or 5) - 1]}"
        if policy.order_prefix
        else "A-12345"
    )
    if order and not policy.valid_order(order):
        return _t(state, "bad_order", order=order, example=example), None
    need_email = need_email and policy.requires_email
    if not order and need_email and not email:
        return _t(state, "ask_order_and_email"), None
    if not order:
        return _t(state, "ask_order", example=example), None
    if need_email and not email:
        return _t(state, "ask_email", order=order), None
    return None, order


def _close(state: AgentState, text: str) -> str:
    return f"{text} {_t(state, 'anything_else')}"


def _handle_order_status(state: AgentState, rng: random.Random) -> str:
    ask, order = _order_details(state, need_email=True)
    if ask:
        return ask
    assert order is not None
    dispatched = _order_date(order, "dispatch")
    status_en, status_es = ORDER_STATUSES[number_from(order, len(ORDER_STATUSES))]
    eta = dispatched + timedelta(days=3 + number_from(order, 3) + (4 if "delayed" in status_en else 0))
    values = {
        "order": order,
        "status": status_en,
        "status_es": status_es,
        "dispatched": _format_date(dispatched, state.spanish),
        "eta": _format_date(eta, state.spanish),
        "support": state.policy.support_email,
    }
    follow_up_asked = re.search(
        r"(?i)follow[- ]?up|(?:does not|doesn't|hasn't|has not|not) arrive|what if|what happens if|no "
        r"llega|seguimiento",
        state.last,
    )
    if state.said("order_status") and follow_up_asked:
        return _close(state, _t(state, "order_followup", **values))
    text = _t(state, "order_status", **values)
    # Now and then the agent forgets the follow-up advice, so the persona has to ask for it.
    if rng.random() < 0.8:
        text += " " + _t(state, "order_followup", **values)
    return _close(state, text)


def _handle_refund(state: AgentState, rng: random.Random) -> str:
    ask, order = _order_details(state, need_email=True)
    if ask:
        return ask
    assert order is not None
    late = number_from(order, 7) == 0
    delivered = _order_date(order, "delivered", 0)
    values = {
        "order": order,
        "delivered": _format_date(delivered, state.spanish),
        "days": state.policy.refund_days,
        "refund_time": state.policy.refund_time,
    }
    return _close(state, _t(state, "refund_late" if late else "refund_ok", **values))


def _handle_damaged(state: AgentState, rng: random.Random) -> str:
    ask, order = _order_details(state, need_email=True)
    if ask:
        return ask
    item = PRODUCT_RE.search(state.all_customer)
    item_text = item.group(1).lower() if item else ("artículo" if state.spanish else "item")
    return _t(state, "damaged", order=order, item=item_text, support=state.policy.support_email)


def _handle_subscription(state: AgentState, rng: random.Random) -> str:
    if state.policy.requires_email and not state.latest(EMAIL_RE):
        return _t(state, "ask_account_email")
    sub = re.search(
        r"\b(?:my |the )?([A-Z][\w]*(?: [A-Z][\w]*)*) (?:monthly |annual |yearly )?subscription", state.all_customer
    )
    months = "|".join(MONTHS)
    renewal = re.search(
        rf"(?i)renew\w*\s+(?:on\s+)?(\d{{1,2}} (?:{months}))|(\d{{1,2}} (?:{months})) renewal", state.all_customer
    )
    renewal_date = (renewal.group(1) or renewal.group(2)) if renewal else ""
    renewal_text = f" on {renewal_date}" if renewal_date else ""
    if state.spanish and renewal_date:
        renewal_text = f" del {renewal_date}"
    return _close(
        state, _t(state, "subscription", sub=sub.group(1) if sub else "", renewal=renewal_text).replace("  ", " ")
    )


def _handle_cancel(state: AgentState, rng: random.Random) -> str:
    ask, order = _order_details(state, need_email=True)
    if ask:
        return ask
    return _close(state, _t(state, "cancel_order", order=order, refund_time=state.policy.refund_time))


def _handle_address(state: AgentState, rng: random.Random) -> str:
    ask, order = _order_details(state, need_email=True)
    if ask:
        return ask
    address = state.latest(ADDRESS_RE)
    if not address:
        return _t(state, "ask_address", order=order)
    if number_from(order or "", 4) == 0:
        return _close(state, _t(state, "address_late", order=order))
    return _close(state, _t(state, "address_ok", order=order, address=address.strip().rstrip(".")))


def _handle_account(state: AgentState, rng: random.Random) -> str:
    return _close(state, _t(state, "account"))


def _handle_human(state: AgentState, rng: random.Random) -> str:
    order = state.latest(ID_ANY_CASE_RE)
    email = state.latest(EMAIL_RE)
    if not email:
        return _t(state, "escalate_ask_email")
    problems = []
    text = state.all_customer.lower()
    for phrase, label in [
        ("wrong item", "receiving the wrong item"),
        ("never came", "the replacement that never came"),
        ("never arrived", "the delivery that never arrived"),
        ("damaged", "the damaged item"),
        ("late", "the late delivery"),
    ]:
        if phrase in text:
            problems.append(label)
    problem = f"the problem with order {order.upper()}" if order else "the trouble you've had"
    if problems:
        problem += f" ({' and '.join(problems[:2])})"
    problem_es = f"el problema con el pedido {order.upper()}" if order else "las molestias"
    ticket = f"TCK-{100000 + number_from((order or '') + (email or ''), 900000)}"
    return _close(
        state,
        _t(state, "escalate", problem=problem, problem_es=problem_es, ticket=ticket, reply=state.policy.ticket_reply),
    )


def _handle_product(state: AgentState, rng: random.Random) -> str:
    item = PRODUCT_RE.search(state.all_customer)
    category = (item.group(1).lower() + ("" if item.group(1).endswith("s") else "s")) if item else "our products"
    if state.spanish:
        category = "nuestros productos"
    return _close(state, _t(state, "product", category=category))


def _handle_hours(state: AgentState, rng: random.Random) -> str:
    return _close(state, _t(state, "hours"))


def _handle_gift_card(state: AgentState, rng: random.Random) -> str:
    return _close(state, _t(state, "gift_card"))


def _handle_accessibility(state: AgentState, rng: random.Random) -> str:
    product = re.search(r"\bthe ((?:[A-Z][\w-]*\s)+[a-z]+)", state.all_customer)
    device = re.search(r"\b(iPhone \d+\w*|iPad\w*|Android(?: phone)?|Pixel \d+|Samsung Galaxy \w+)", state.all_customer)
    return _close(
        state,
        _t(
            state,
            "accessibility",
            product=f"the {product.group(1)}" if product else ("este producto" if state.spanish else "this product"),
            device=f"an {device.group(1)}"
            if device and device.group(1)[0] in "iA"
            else (device.group(1) if device else "your device"),
        ),
    )


def _handle_shipping(state: AgentState, rng: random.Random) -> str:
    p = state.policy
    return _close(
        state, _t(state, "shipping", free=p.free_shipping_over, cost=p.shipping_cost, delivery=p.delivery_time)
    )


def _handle_booking(state: AgentState, rng: random.Random) -> str:
    if not state.policy.handles_bookings:
        return _close(state, _t(state, "booking_off_topic", company=state.policy.company))
    booking = state.latest(ID_ANY_CASE_RE)
    if not booking:
        return _t(state, "ask_booking")
    return _t(state, "booking", booking=booking.upper())


def _handle_fallback(state: AgentState, rng: random.Random) -> str:
    return _t(state, "fallback", topic=_topic(state.last, state.spanish))


_HANDLERS = {
    "order_status": _handle_order_status,
    "refund": _handle_refund,
    "damaged": _handle_damaged,
    "subscription": _handle_subscription,
    "cancel": _handle_cancel,
    "address": _handle_address,
    "account": _handle_account,
    "human": _handle_human,
    "product": _handle_product,
    "hours": _handle_hours,
    "gift_card": _handle_gift_card,
    "accessibility": _handle_accessibility,
    "shipping": _handle_shipping,
    "booking": _handle_booking,
}
