"""The password policy: length bounds, not only spaces, not guessable (knowing the account's
email and name), and one form of a password whatever keyboard typed it (NFKC)."""

from __future__ import annotations

import pytest

from app.services import passwords
from app.services.errors import ValidationFailed

STRONG = "zebra-kettle-orbit-97"


def test_a_long_unguessable_password_passes() -> None:
    assert passwords.problem(STRONG) is None
    passwords.check(STRONG)  # raises nothing: the policy's yes


@pytest.mark.parametrize(
    ("password", "reason"),
    [
        ("short-1A!", "must be at least 12 characters"),
        ("x" * 257, "must be at most 256 characters"),
        (" " * 12, "must not be only spaces"),
        ("password1234", "is too common or easy to guess"),
        ("qwertyuiopas", "is too common or easy to guess"),
    ],
)
def test_a_weak_password_is_refused_with_its_reason(password: str, reason: str) -> None:
    assert passwords.problem(password).startswith(reason)
    with pytest.raises(ValidationFailed) as raised:
        passwords.check(password, field="newPassword")
    [detail] = raised.value.details
    assert detail.field == "newPassword" and detail.message.startswith(reason)


def test_the_bounds_are_counted_on_the_normal_form() -> None:
    # Eleven characters and a combining accent: twelve code points typed, eleven once composed.
    typed = "Qv7#mZ2!pL9" + "e\u0301"
    assert len(typed) == 13 and len(passwords.normalise(typed)) == 12
    assert passwords.problem("Qv7#mZ2!pL" + "e\u0301") == "must be at least 12 characters"


def test_the_accounts_own_email_and_name_make_a_password_guessable() -> None:
    assert passwords.problem("qzvbwplmtrxk") is None
    assert passwords.problem("qzvbwplmtrxk", email="qzvbwplmtrxk@example.com").startswith("is too common")
    assert passwords.problem("Vortigern Quellbrook") is None
    assert passwords.problem("Vortigern Quellbrook", name="Vortigern Quellbrook").startswith("is too common")


def test_full_width_characters_are_the_same_password() -> None:
    assert passwords.normalise("ｚｅｂｒａ１２３") == "zebra123"
    assert passwords.normalise("cafe\u0301") == passwords.normalise("caf\u00e9")
