"""The password policy, and the one form a password is hashed and compared in.

A new password (registration, a change) must be at least 12 characters long, and not common
or guessable: zxcvbn (its frequency lists of common and breached passwords, names and words,
shipped with the package; no network) must rate it at least 3 of 4, knowing the account's
email and name. Passwords are normalised to Unicode NFKC before they are hashed or compared,
so that the same password typed on another keyboard (a full-width digit, a composed accent)
is the same password.
"""

from __future__ import annotations

import re
import unicodedata

from zxcvbn import zxcvbn

from app.services.errors import FieldError, ValidationFailed

MIN_LENGTH = 12
MAX_LENGTH = 256
MIN_SCORE = 3  # zxcvbn: 0 too guessable … 4 very unguessable; 3 resists an offline attack on a slow hash
_ZXCVBN_LENGTH = 100  # zxcvbn's cost grows with length; a password this long is judged by its start


def normalise(password: str) -> str:
    return unicodedata.normalize("NFKC", password)


def problem(password: str, *, email: str = "", name: str = "") -> str | None:
    """Why `password` may not be set, or None when it may."""
    normal = normalise(password)
    if len(normal) < MIN_LENGTH:
        return f"must be at least {MIN_LENGTH} characters"
    if len(normal) > MAX_LENGTH:
        return f"must be at most {MAX_LENGTH} characters"
    if not normal.strip():
        return "must not be only spaces"
    hints = [email, email.split("@", 1)[0], name, *re.split(r"\W+", name), "mimic"]
    verdict = zxcvbn(normal[:_ZXCVBN_LENGTH], user_inputs=[h for h in hints if h], max_length=_ZXCVBN_LENGTH)
    if verdict["score"] < MIN_SCORE:
        feedback = verdict["feedback"]
        reason = feedback.get("warning") or "It is too easy to guess."
        advice = " ".join(feedback.get("suggestions") or []) or "Add more words or characters nobody would guess."
        return f"is too common or easy to guess: {reason.rstrip('.')}. {advice}"
    return None


def check(password: str, *, field: str = "password", email: str = "", name: str = "") -> None:
    """Raises ValidationFailed naming `field` when `password` breaks the policy."""
    reason = problem(password, email=email, name=name)
    if reason is not None:
        raise ValidationFailed("The password is too weak", [FieldError(field, reason)])
