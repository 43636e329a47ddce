"""Intents: what a customer asks for (shared by the persona's opening and the hosted agent)."""

from __future__ import annotations

import re

_INTENTS: list[tuple[str, re.Pattern[str]]] = [
    (
        "injection",
        re.compile(
            r"ignore (?:all |any )?(?:of )?(?:the |your |my )?(?:previous|prior|above|earlier|system) "
            r"(?:instructions|prompts?|rules)|"
            r"system prompt|your (?:hidden )?(?:instructions|rules|prompt|configuration)|developer mode|"
            r"\[system\]|jailbreak|"
            r"unrestricted|pretend (?:you|the policy|that)|role-?play|debug (?:test|mode)|reveal|print your|"
            r"instrucciones|prompt del sistema",
            re.I,
        ),
    ),
    (
        "discount",
        re.compile(r"discount|promo(?:tion)? code|coupon|\d+ ?% off|descuento|cupón", re.I),
    ),
    (
        "human",
        re.compile(
            r"\b(human|real person|agent|manager|escalat\w*|complain\w*|complaint|queja|humano|persona real)\b", re.I
        ),
    ),
    (
        "damaged",
        re.compile(r"damaged|broken|snapped|torn|cracked|smashed|defective|arrived broken|dañad[oa]|rot[oa]", re.I),
    ),
    (
        "address",
        re.compile(
            r"(?:change|update|wrong|new|old)\s+(?:the\s+|my\s+)?(?:delivery\s+|shipping\s+)?address|"
            r"address (?:change|update)|deliver(?:ed)? to .* instead|cambiar (?:la )?dirección",
            re.I,
        ),
    ),
    ("booking", re.compile(r"\bbooking|reservation|reserva\b|\bBK-\d+", re.I)),
    (
        "subscription",
        re.compile(r"subscription|membership|suscripción|unsubscribe|\brenew\w*|\bcharged again|renovación", re.I),
    ),
    (
        "account",
        re.compile(
            r"locked|lock(?:ed)? out|password|sign[- ]?in|log[- ]?in|reset|contraseña|bloque|verificar|identidad", re.I
        ),
    ),
    ("gift_card", re.compile(r"gift ?card|gift voucher|tarjeta regalo", re.I)),
    (
        "accessibility",
        re.compile(r"compatib\w*|screen[- ]?reader|voiceover|talkback|accessib\w*|manual|braille|accesib\w*", re.I),
    ),
    (
        "hours",
        re.compile(r"opening hours|open on|opens?\b|clos(?:e|es|ing) (?:time|at)|store hours|horario|abiert[oa]", re.I),
    ),
    (
        "refund",
        re.compile(
            r"refund|return|money back|send (?:it|them) back|exchange|reembolso|devolver|devoluci|cambiar", re.I
        ),
    ),
    (
        "order_status",
        re.compile(
            r"where(?:'s| is| are)\b|track|status|not arrived|hasn't arrived|has not arrived|haven't received|"
            r"not received|arrive|delivery date|when will|eta\b|late|delayed|dónde está|no ha llegado|cuándo",
            re.I,
        ),
    ),
    ("cancel", re.compile(r"\bcancel|cancelar", re.I)),
    (
        "product",
        re.compile(
            r"looking for|recommend|in stock|add (?:it )?to (?:my "
            r")?(?:cart|basket)|\bcart\b|\bbasket\b|\bsize [A-Z]{1,3}\b|\bbusco\b|\bcarrito\b",
            re.I,
        ),
    ),
    (
        "shipping",
        re.compile(
            r"shipping cost|delivery cost|free shipping|how much is (?:shipping|delivery)|gastos de envío", re.I
        ),
    ),
]


def detect_intent(text: str, *, skip: tuple[str, ...] = ()) -> str | None:
    for name, pattern in _INTENTS:
        if name in skip:
            continue
        if pattern.search(text or ""):
            if name == "human" and re.search(
                r"\b(are you|is this) (?:a )?(?:human|real person|bot|robot|ai)\b", text, re.I
            ):
                return "are_you_human"
            if name == "cancel" and re.search(r"subscription|membership", text, re.I):
                return "subscription"
            return name
    return None


_PRODUCT_WORDS = (
    "two-person tent|tent|hiking backpack|backpack|rucksack|trail running shoes|running shoes|shoes|hiking boots|boots|"
    "waterproof hiking jacket|waterproof jacket|jacket|sleeping bag|stove|gps watch|watch|gloves|fleece|trousers"
)
PRODUCT_RE = re.compile(r"\b(" + _PRODUCT_WORDS + r")\b", re.I)
