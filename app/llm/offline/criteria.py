"""Criteria: splitting a criterion into alternatives and checking them against agent messages."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from app.llm.offline.text import NEGATION_RE, Terms, criterion_terms, split_sentences, terms_of

ALT_VERBS = (
    "explain|state|say|offer|give|tell|confirm|point|mention|ask|direct|provide|list|present|show|create|update|"
    "cancel|check|address|escalate|refer|suggest|recommend|apologi[sz]e|acknowledge|link"
)
_ALT_SPLIT_RE = re.compile(r",\s*or\s+|\s+or\s+(?=(?:" + ALT_VERBS + r")(?:s|es)?\b)", re.I)
NEGATIVE_CRITERION_RE = re.compile(
    r"^\s*(?:the\s+)?(?:agent|website|bot|assistant|chatbot)(?:\s+or\s+(?:the\s+)?\w+)?\s+"
    r"(?:does\s+not|doesn't|never|must\s+not|should\s+not|stops|avoids)\s+(?P<rest>.+)$"
    r"|^\s*the\s+user\s+is\s+(?:not|never)\s+(?P<rest2>.+)$",
    re.I,
)
CRITERION_SUBJECT_RE = re.compile(
    r"^\s*(?:the\s+)?(?:agent|website|bot|assistant|chatbot)(?:\s+or\s+(?:the\s+)?\w+)?\s+", re.I
)
REQUEST_RE = re.compile(
    r"\?|\b(please|could you|can you|would you|may i|what is your|what's your|provide|share|send me|give me|tell me|"
    r"enter|type|confirm your|(?:i|we)(?:'ll| will)? need your|por favor|me "
    r"(?:puede|podría|indica|da|dice)|necesito su)\b|¿",
    re.I,
)
_MATCH_THRESHOLD = 0.6
_VIOLATION_THRESHOLD = 0.75


@dataclass(frozen=True)
class Criterion:
    text: str
    negative: bool
    alternatives: tuple[Terms, ...]  # any one, when covered, meets the criterion
    mentions_asking: bool


def parse_criterion(text: str) -> Criterion:
    negative = NEGATIVE_CRITERION_RE.match(text)
    if negative:
        body = negative.group("rest") or negative.group("rest2") or ""
        mentions_asking = bool(re.search(r"\b(ask|asks|asked|request|requests)\b", text, re.I))
    else:
        body = CRITERION_SUBJECT_RE.sub("", text, count=1)
        mentions_asking = False
    body = re.split(r"\b(?:rather than|instead of)\b", body, maxsplit=1, flags=re.I)[0]
    alternatives = []
    # Anything in a list of forbidden things is forbidden on its own ("password or a one-time code").
    splitter = (
        re.compile(r",\s*(?:or\s+)?|\s+or\s+", re.I) if negative and re.search(r"\bor\b", body) else _ALT_SPLIT_RE
    )
    for part in splitter.split(body):
        terms = criterion_terms(part)
        if terms.stems or terms.exact:
            alternatives.append(terms)
    return Criterion(
        text=text, negative=bool(negative), alternatives=tuple(alternatives), mentions_asking=mentions_asking
    )


def criterion_needs(count: int, threshold: float) -> int:
    return max(1, math.ceil(count * threshold - 1e-9)) if count else 0


def _alternative_covered(alt: Terms, stems: set[str] | frozenset[str], exact: set[str] | frozenset[str]) -> bool:
    if not alt.exact <= exact or not alt.names <= stems:
        return False
    if not alt.stems:
        return True
    return len(alt.stems & stems) >= criterion_needs(len(alt.stems), _MATCH_THRESHOLD)


@dataclass(frozen=True)
class CriterionCheck:
    met: bool
    cited: tuple[str, ...]
    reasoning: str


def check_criterion(criterion: Criterion, agent_messages: list[tuple[str, str]]) -> CriterionCheck:
    """agent_messages: (id, text). Positive criteria need their content covered by the agent's
    messages together (ids and numbers exactly); negative ones are met unless a non-negated
    sentence of the agent does the forbidden thing."""
    if criterion.negative:
        for message_id, text in agent_messages:
            for sentence in split_sentences(text):
                if NEGATION_RE.search(sentence):
                    continue
                if criterion.mentions_asking and not REQUEST_RE.search(sentence):
                    continue
                terms = terms_of(sentence)
                for alt in criterion.alternatives:
                    if (
                        alt.stems
                        and alt.exact <= terms.exact
                        and len(alt.stems & terms.stems) >= criterion_needs(len(alt.stems), _VIOLATION_THRESHOLD)
                    ):
                        return CriterionCheck(
                            False, (message_id,), f'The agent did what the criterion rules out: "{sentence[:160]}".'
                        )
        return CriterionCheck(True, (), "No agent message does what this criterion rules out.")
    per_message = [(mid, terms_of(text)) for mid, text in agent_messages]
    all_stems: set[str] = set()
    all_exact: set[str] = set()
    for _, terms in per_message:
        all_stems |= terms.stems
        all_exact |= terms.exact
    for alt in criterion.alternatives:
        if _alternative_covered(alt, all_stems, all_exact):
            alone = [mid for mid, terms in per_message if _alternative_covered(alt, terms.stems, terms.exact)]
            if alone:
                covered = sorted((alt.stems & all_stems) | alt.exact)
                return CriterionCheck(True, tuple(alone[:3]), f"The agent's replies cover it ({', '.join(covered)}).")
            contributions = []
            for mid, terms in per_message:
                score = len(alt.stems & terms.stems) + 2 * len(alt.exact & terms.exact)
                if score:
                    contributions.append((score, mid))
            contributions.sort(key=lambda item: -item[0])
            cited = tuple(sorted({mid for _, mid in contributions[:3]}, key=[m for m, _ in per_message].index))
            covered = sorted((alt.stems & all_stems) | alt.exact)
            return CriterionCheck(True, cited, f"The agent's replies cover it ({', '.join(covered)}).")
    if not criterion.alternatives:
        return CriterionCheck(False, (), "The criterion has no checkable content words.")
    best = max(criterion.alternatives, key=lambda a: len(a.stems & all_stems))
    missing = sorted((best.stems - all_stems) | (best.exact - all_exact))
    return CriterionCheck(False, (), f"No agent message covers it; missing: {', '.join(missing[:6])}.")
