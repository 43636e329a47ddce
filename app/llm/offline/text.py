"""Text helpers shared by the roles of the offline model, and the out-of-band context."""

from __future__ import annotations

import hashlib
import json
import re
import unicodedata
from dataclasses import dataclass
from typing import Any

ROLE_METADATA_KEY = "mimic_role"
PERSONA_TOOL = "persona_turn"
JUDGE_TOOL = "submit_verdict"
AUDIT_TOOL = "submit_findings"
BROWSER_VERDICT_TOOL = "submit_browser_verdict"
BROWSER_AUDIT_TOOL = "submit_browser_findings"
CONTEXT_METADATA_KEY = "mimic_context"
PONG = "pong from mimic/offline"


def context_of(litellm_params: dict[str, Any]) -> dict[str, Any]:
    """The structured facts handed over out of band (never read from message text)."""
    for key in ("metadata", "litellm_metadata"):
        metadata = litellm_params.get(key) or {}
        if isinstance(metadata, dict) and isinstance(metadata.get(CONTEXT_METADATA_KEY), dict):
            return metadata[CONTEXT_METADATA_KEY]
    return {}


# ======================================================================================
# Text helpers shared by the three roles
# ======================================================================================

ID_RE = re.compile(r"\b[A-Z]{1,3}-\d{3,6}\b")
ID_ANY_CASE_RE = re.compile(r"\b[A-Za-z]{1,3}-\d{3,6}\b")
EMAIL_RE = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
MONTHS = "January February March April May June July August September October November December".split()
DATE_RE = re.compile(r"\b(\d{1,2}(?:\s*-\s*\d{1,2})?)\s+(" + "|".join(MONTHS) + r")\b", re.I)
ADDRESS_RE = re.compile(
    r"\b\d{1,5}\s+(?:[A-Z][\w'’-]*\s+){1,3}(?:Street|St|Road|Rd|Avenue|Ave|Lane|Drive|Way|Place|Square|Terrace|Quay|"
    r"Calle|Avenida|Plaza)\b(?:,\s*(?:[A-Z][\w'’-]*|[A-Z0-9]{2,})(?:\s+(?:[A-Z][\w'’-]*|[A-Z0-9]{2,}))*)*"
)
_TOKEN_RE = re.compile(r"[a-z]{1,3}-\d{3,6}|\d+(?:[.,]\d+)?|[a-záéíóúñü]+", re.I)
_SENTENCE_SPLIT_RE = re.compile(r"(?<=[.!?])\s+|\n+")
NEGATION_RE = re.compile(r"\b(never|not|don't|do not|doesn't|won't|cannot|can't|no need|avoid|nunca|no)\b|n't\b", re.I)

STOPWORDS = frozenset(
    """
    a an the and or but if then than of to in on at by for with from into onto about as is are was were be been being
    it its this that these those there here what which who whom whose when where why how can could should would will
    shall may might must do does did done not no nor so such too very just also only own same other any each all both
    few more most some i me my mine we our ours you your yours he him his she her they them their us user users agent
    agents website bot assistant chatbot page's whether before after during while because per via up out over again
    once still yet least rather instead ask asks asked asking request requests confirm confirms confirmed confirming
    state states stated give gives given giving gave tell tells told telling explain explains explained explaining
    offer offers offered offering mention mentions mentioned say says said present presents presented provide provides
    provided providing check checks checked create creates created update updates updated acknowledge acknowledges
    acknowledged point points show shows shown list lists make makes made get gets got let lets go goes know-how
    specific specifically clear clearly exactly roughly concrete concretely least possible able unable need needs
    one's it's i'm let's way ways something anything everything thing things however
    """.split()
)

# Words mapped to one canonical form before stemming; Spanish words map to their English
# counterparts so that English criteria can be checked against a Spanish conversation.
_CANONICAL = {
    "package": "parcel",
    "packages": "parcel",
    "parcels": "parcel",
    "e-mail": "email",
    "mail": "email",
    "emails": "email",
    "case": "ticket",
    "cases": "ticket",
    "ref": "reference",
    "person": "human",
    "people": "human",
    "colleague": "human",
    "colleagues": "human",
    "staff": "human",
    "reply": "respond",
    "replies": "respond",
    "response": "respond",
    "responses": "respond",
    "paid": "pay",
    "payment": "pay",
    "payments": "pay",
    "cancellation": "cancel",
    "cancelled": "cancel",
    "canceled": "cancel",
    "cancelling": "cancel",
    "canceling": "cancel",
    "arrival": "arrive",
    "photograph": "photo",
    "photographs": "photo",
    "picture": "photo",
    "pictures": "photo",
    "images": "photo",
    "image": "photo",
    "reimburse": "refund",
    "reimbursement": "refund",
    "money": "refund",
    "eta": "date",
    "hrs": "hour",
    # Spanish
    "pedido": "order",
    "pedidos": "order",
    "entrega": "delivery",
    "entregado": "delivered",
    "entregar": "deliver",
    "envío": "shipping",
    "envio": "shipping",
    "enviado": "dispatched",
    "fecha": "date",
    "estado": "status",
    "reembolso": "refund",
    "devolución": "return",
    "devolucion": "return",
    "devolver": "return",
    "días": "day",
    "dias": "day",
    "día": "day",
    "número": "number",
    "numero": "number",
    "correo": "email",
    "tarjeta": "card",
    "regalo": "gift",
    "dirección": "address",
    "direccion": "address",
    "cuenta": "account",
    "contraseña": "password",
    "bloqueada": "lock",
    "bloqueo": "lock",
    "desbloquear": "unlock",
    "cancelar": "cancel",
    "suscripción": "subscription",
    "humano": "human",
    "persona": "human",
    "referencia": "reference",
    "caso": "ticket",
    "fotos": "photo",
    "foto": "photo",
    "dañado": "damaged",
    "dañada": "damaged",
    "roto": "damaged",
    "rota": "damaged",
    "reemplazo": "replacement",
    "sustitución": "replacement",
    "completo": "full",
    "tienda": "store",
    "horario": "hour",
    "abierta": "open",
    "abierto": "open",
    "cierra": "close",
    "domingo": "sunday",
    "pago": "pay",
    "pagar": "pay",
    "método": "method",
    "metodo": "method",
    "saldo": "balance",
    "restante": "remain",
    "etiqueta": "label",
    "embalaje": "packaging",
    "paso": "step",
    "pasos": "step",
    "talla": "size",
    "plazo": "window",
    "seguimiento": "follow",
    "llegado": "arrive",
    "llega": "arrive",
    "llegar": "arrive",
    "cambio": "change",
    "dura": "lasts",
    "recuperación": "recovery",
    "tarda": "takes",
    "verificar": "verification",
    "verificación": "verification",
    "alternativa": "alternative",
    "teléfono": "phone",
    "antiguo": "old",
    "ayudar": "help",
    "ayuda": "help",
    "ayudarle": "help",
    "introduzca": "enter",
    "introducir": "enter",
    "finalizar": "checkout",
    "otro": "another",
    "usado": "unused",
    "pasa": "happen",
    "disponible": "available",
    "precio": "price",
    "cargo": "fee",
    "confirmación": "confirmation",
    "renovación": "renewal",
    "cobrará": "charged",
    "cobrar": "charged",
    "manual": "manual",
    "compatible": "compatible",
    "lector": "reader",
    "pantalla": "screen",
    "accesible": "accessible",
    "existe": "exists",
    "sé": "know",
    "incidencia": "ticket",
    "responderán": "respond",
    "problema": "problem",
    "pruebas": "evidence",
    "enviar": "submit",
    "cambiar": "change",
}

ES_STOPWORDS = frozenset(
    "el la los las un una unos unas de del al y o que en por para con sin su sus se lo le les mi mis tu me es son "
    "está están esta este esto ya muy más pero como si no sí hay ha he han ser estar usted ustedes".split()
)


def fold(text: str) -> str:
    """Lowercase ASCII (accents dropped): for e-mail addresses and keyword matching."""
    return unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower()


def _stem(word: str) -> str:
    w = _CANONICAL.get(word, word)
    if len(w) > 4 and w.endswith("ies"):
        w = w[:-3] + "y"
    elif len(w) > 5 and w.endswith("ing"):
        w = w[:-3]
    elif len(w) > 4 and w.endswith("ed"):
        w = w[:-2]
    elif len(w) > 4 and w.endswith("ly"):
        w = w[:-2]
    elif len(w) > 4 and w.endswith("es") and (w[-3] in "sxz" or w.endswith(("ches", "shes"))):
        w = w[:-2]
    elif len(w) > 3 and w.endswith("s") and not w.endswith(("ss", "us", "is")):
        w = w[:-1]
    if len(w) > 4 and w.endswith("ment"):
        w = w[:-4]
    if len(w) > 3 and w.endswith(("y", "e")):
        w = w[:-1]
    if len(w) > 3 and w[-1] == w[-2] and w[-1] not in "aeiouls":
        w = w[:-1]  # shipp -> ship
    if len(w) > 3 and w.endswith("ll"):
        w = w[:-1]  # cancell -> cancel
    return _CANONICAL.get(w, w)


@dataclass(frozen=True)
class Terms:
    """Content words (stemmed) and exact tokens (ids, numbers) of a piece of text."""

    stems: frozenset[str]
    exact: frozenset[str]
    names: frozenset[str] = frozenset()  # stemmed proper nouns; a criterion needs them all


_NAME_RE = re.compile(r"(?<=[a-z0-9,;:)] )[A-Z][A-Za-z]+(?:-[A-Za-z]+)?")


def criterion_terms(text: str) -> Terms:
    """Like terms_of, and proper nouns inside the sentence (the Galway store, Sunday) become required."""
    terms = terms_of(text)
    names = {_stem(n.lower()) for n in _NAME_RE.findall(text) if n.lower() not in STOPWORDS and n.isalpha()}
    return Terms(terms.stems, terms.exact, frozenset(names & terms.stems))


def terms_of(text: str) -> Terms:
    stems: set[str] = set()
    exact: set[str] = set()
    for raw in _TOKEN_RE.findall(text or ""):
        token = raw.lower()
        if any(ch.isdigit() for ch in token):
            exact.add(token.replace(",", "."))
            continue
        if token in STOPWORDS or token in ES_STOPWORDS or len(token) < 2:
            continue
        stems.add(_stem(token))
    # Alphanumeric codes such as postcodes (T12, X8F2) must match exactly too.
    for code in re.findall(r"\b(?=[A-Za-z]*\d)(?=\d*[A-Za-z])[A-Za-z0-9]{2,8}\b", text or ""):
        exact.add(code.lower())
    return Terms(frozenset(stems), frozenset(exact))


def split_sentences(text: str) -> list[str]:
    return [s.strip() for s in _SENTENCE_SPLIT_RE.split(text or "") if s.strip()]


def normalise(text: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"[^\w\s]", "", (text or "").lower())).strip()


def stable_digest(*parts: Any) -> str:
    return hashlib.sha256(json.dumps(parts, sort_keys=True, default=str, ensure_ascii=False).encode()).hexdigest()


def number_from(text: str, modulo: int) -> int:
    return int(hashlib.sha256(text.encode()).hexdigest()[:12], 16) % modulo


def text_of(content: Any) -> str:
    """The text of a message's content, whether a string or a list of parts."""
    if content is None:
        return ""
    if isinstance(content, str):
        return content
    if isinstance(content, list):
        parts = []
        for part in content:
            if isinstance(part, dict) and part.get("type") == "text":
                parts.append(str(part.get("text", "")))
            elif isinstance(part, str):
                parts.append(part)
        return "\n".join(parts)
    return str(content)


_SPANISH_MARKERS = re.compile(
    r"\b(hola|gracias|pedido|quiero|necesito|por favor|dónde|donde|cuándo|cuando|está|usted|puede|podría|mi|el|la|"
    r"que|de|por|una|muchas|buenos|días|perfecto|llegado|correo|también)\b",
    re.I,
)


def is_spanish(text: str) -> bool:
    markers = len(_SPANISH_MARKERS.findall(text or ""))
    return markers >= 3 or (markers >= 1 and bool(re.search(r"[¿¡ñ]", text or "")))
