"""`ast.parse` made safe from a CPython 3.11 bug, for everything the tests parse.

CPython 3.11 (3.11.7 here) checks the depth of the tree it builds against a counter shared by
every thread of the process (python/cpython#106905): when two threads build trees at once, one
of them raises "SystemError: AST constructor recursion depth mismatch" for a source that is
fine. Under xdist it struck pytest's own collection (hypothesis reading a lambda's source for the
OpenAPI fuzzer, the layering test reading app/) and made the workers collect different tests.
`install()`, called by tests/conftest.py before any test module is read, makes `ast.parse` try
again on that error, for the tests and for the libraries they use (pytest's assertion rewriting,
hypothesis).
"""

from __future__ import annotations

import ast
import functools

_parse = ast.parse
_TRIES = 5


@functools.wraps(_parse)
def parse(*args, **kwargs) -> ast.AST:
    for attempt in range(_TRIES):
        try:
            return _parse(*args, **kwargs)
        except SystemError as error:
            if "recursion depth mismatch" not in str(error) or attempt == _TRIES - 1:
                raise
    raise AssertionError("unreachable")


def install() -> None:
    ast.parse = parse
