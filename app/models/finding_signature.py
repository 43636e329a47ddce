"""A finding's signature: what groups the same problem across sessions in the findings inbox
(app/models/finding_groups.py). Pure functions, used by the finding table itself."""

from __future__ import annotations

import hashlib
import re
from typing import Any

# What varies between occurrences of one problem, replaced in this order (a URL may hold
# numbers and ids; a quote may hold anything).
_URL = re.compile(r"\b(?:https?|wss?|ftp)://[^\s<>\"'“”‘’]+|\bwww\.[^\s<>\"'“”‘’]+", re.IGNORECASE)
_EMAIL = re.compile(r"\b[\w.+-]+@[\w-]+(?:\.[\w-]+)+\b")
_QUOTED = re.compile(r"“[^”]*”|‘[^’]*’|«[^»]*»|\"[^\"]*\"|`[^`]*`|(?<!\w)'[^']*'(?!\w)")
_UUID = re.compile(r"\b[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}\b", re.IGNORECASE)
# A long hex or mixed token with a digit in it (hashes, request ids, order numbers like A12B9).
_TOKEN_ID = re.compile(r"\b(?=[a-z_-]*\d)(?=\w*[a-z])[a-z0-9_-]{6,}\b", re.IGNORECASE)
_NUMBER = re.compile(r"[-+]?\d[\d,]*(?:\.\d+)?\s*(?:%|ms|s|kb|mb|gb|x)?\b", re.IGNORECASE)
# "2 times" and "1 time", "14 errors" and "1 error": plurals follow the count, so they go too.
_PLURAL = re.compile(r"\b(\w{3,}[^s\W])s\b")
_SPACES = re.compile(r"\s+")
MAX_SIGNATURE_TEXT = 300


def normalised_text(description: str) -> str:
    """The description without what changes between occurrences: URLs, e-mail addresses,
    quoted text, ids and numbers, lower case, one space between words."""
    text = _URL.sub(" <url> ", description or "")
    text = _EMAIL.sub(" <email> ", text)
    text = _QUOTED.sub(" <quote> ", text)
    text = _UUID.sub(" <id> ", text)
    text = _TOKEN_ID.sub(" <id> ", text)
    text = _NUMBER.sub(" # ", text)
    text = _SPACES.sub(" ", text.lower()).strip(" .:;,!")
    text = _PLURAL.sub(r"\1", text)
    return text[:MAX_SIGNATURE_TEXT]


def finding_rule(finding_type: str, evidence: dict[str, Any] | None) -> str:
    """The rule a finding comes from: an audit rule's id (axe's), else its type."""
    rule = (evidence or {}).get("ruleId")
    return str(rule)[:100] if rule else finding_type


def finding_signature(finding_type: str, description: str, evidence: dict[str, Any] | None = None) -> str:
    """One problem's key across sessions: its type, its rule and its normalised text."""
    key = "\x1f".join((finding_type, finding_rule(finding_type, evidence), normalised_text(description)))
    return hashlib.sha256(key.encode()).hexdigest()[:32]


def signature_default(context: Any) -> str:
    """The column default of finding.signature: a finding inserted without one (a Core insert,
    a bulk load) is signed from the values it is inserted with."""
    values = context.get_current_parameters()
    evidence = values.get("evidence")
    return finding_signature(values.get("type") or "", values.get("description") or "",
                             evidence if isinstance(evidence, dict) else None)  # fmt: skip
