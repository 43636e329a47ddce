"""Codes in words, from the one mapping every page uses; an unknown code shows as itself."""

from __future__ import annotations

from app.engine.case import END_REASONS, INFRASTRUCTURE_ENDS
from app.services import wording


def test_every_end_reason_the_engine_knows_has_words() -> None:
    for code in (*END_REASONS, *INFRASTRUCTURE_ENDS):
        assert code in wording.END_REASON_WORDS, code
        assert "_" not in wording.end_reason(code)
    assert wording.end_reason("persona_gave_up") == "The persona gave up"
    assert wording.end_reason("target_error") == "Target error"


def test_unknown_codes_show_as_themselves_and_outcomes_read_as_words() -> None:
    assert wording.end_reason("vendor_timeout") == "vendor timeout"  # an imported reason: data, not a guess
    assert wording.end_reason(None) == ""
    assert wording.words(wording.OUTCOME_WORDS, "simulator_error") == "simulator error"
    assert wording.words(wording.OUTCOME_WORDS, "error") == "infrastructure error"
