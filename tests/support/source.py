"""Python source read as a syntax tree, for the tests that check rules in the code."""

from __future__ import annotations

import ast
from pathlib import Path


def parse(source: str | Path, filename: str = "<unknown>") -> ast.Module:
    """`ast.parse`, tried again when CPython 3.11 raises "AST constructor recursion depth
    mismatch": the depth it checks is shared by every thread (python/cpython#106905, fixed in
    later releases), so a thread of the test process that builds a tree at the same moment
    spoils a parse that is otherwise fine."""
    if isinstance(source, Path):
        source, filename = source.read_text(), str(source)
    for attempt in range(5):
        try:
            return ast.parse(source, filename)
        except SystemError:
            if attempt == 4:
                raise
    raise AssertionError("unreachable")
