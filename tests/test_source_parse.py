"""tests/support/source.py: `ast.parse` tries again on CPython 3.11's spurious depth error only."""

from __future__ import annotations

import ast

import pytest

from tests.support import source


def test_the_tests_parse_through_the_retrying_parse() -> None:
    assert ast.parse is source.parse  # installed by tests/conftest.py before collection


def test_a_spurious_depth_error_is_tried_again_and_any_other_error_is_raised(monkeypatch) -> None:
    real, calls = source._parse, []

    def flaky(*args, **kwargs):
        calls.append(args)
        if len(calls) == 1:
            raise SystemError("AST constructor recursion depth mismatch (before=174, after=92)")
        return real(*args, **kwargs)

    monkeypatch.setattr(source, "_parse", flaky)
    tree = source.parse("x = 1")
    assert isinstance(tree.body[0], ast.Assign) and len(calls) == 2

    def broken(*args, **kwargs):
        raise SystemError("something else")

    monkeypatch.setattr(source, "_parse", broken)
    with pytest.raises(SystemError, match="something else"):
        source.parse("x = 1")
    monkeypatch.setattr(source, "_parse", real)
    with pytest.raises(SyntaxError):
        source.parse("x = (")  # a real syntax error is raised at once, as ast.parse raises it
