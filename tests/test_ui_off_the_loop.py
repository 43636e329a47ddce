"""The dashboard's rule, read from the code: no module under app/ui imports app.db (it reaches
the database only through the services, in a worker thread: app/services/calls.py), and no
`await` sits inside `async with self`, where a background handler holds the state lock and
every other event of that browser tab waits for it."""

from __future__ import annotations

import ast
from pathlib import Path

UI = Path(__file__).resolve().parents[1] / "app" / "ui"
ROOT = UI.parents[1]

# Code under these runs later, not while the lock is held.
_DEFERRED = (ast.FunctionDef, ast.AsyncFunctionDef, ast.Lambda, ast.ClassDef)


def _modules() -> list[tuple[str, ast.Module]]:
    return [(str(path.relative_to(ROOT)), ast.parse(path.read_text())) for path in sorted(UI.rglob("*.py"))]


def _imports_db(node: ast.AST) -> bool:
    if isinstance(node, ast.Import):
        return any(alias.name == "app.db" or alias.name.startswith("app.db.") for alias in node.names)
    if isinstance(node, ast.ImportFrom) and node.level == 0:
        module = node.module or ""
        if module == "app.db" or module.startswith("app.db."):
            return True
        return module == "app" and any(alias.name == "db" for alias in node.names)
    return False


def _holds_self(node: ast.AST) -> bool:
    return isinstance(node, ast.AsyncWith) and any(
        isinstance(item.context_expr, ast.Name) and item.context_expr.id == "self" for item in node.items
    )


def _awaits_within(block: ast.AsyncWith) -> list[ast.AST]:
    """Every await (and async for/with, which await too) run while `block` holds the lock."""
    found: list[ast.AST] = []
    pending: list[ast.AST] = list(block.body)
    while pending:
        node = pending.pop()
        if isinstance(node, _DEFERRED):
            continue
        if isinstance(node, ast.Await | ast.AsyncFor | ast.AsyncWith):
            found.append(node)
        if isinstance(node, ast.comprehension) and node.is_async:
            found.append(node)
        pending.extend(ast.iter_child_nodes(node))
    return found


def test_no_ui_module_imports_the_database() -> None:
    offenders = [
        f"{path}:{node.lineno}: {ast.unparse(node)}"
        for path, tree in _modules()
        for node in ast.walk(tree)
        if _imports_db(node)
    ]
    assert not offenders, "app/ui must reach the database through the services (self._call):\n" + "\n".join(offenders)


def test_nothing_is_awaited_while_the_state_is_locked() -> None:
    offenders = [
        f"{path}:{getattr(awaited, 'lineno', block.lineno)}: {ast.unparse(awaited).splitlines()[0]}"
        for path, tree in _modules()
        for block in ast.walk(tree)
        if _holds_self(block)
        for awaited in _awaits_within(block)
    ]
    assert not offenders, (
        "awaited while holding the state lock: read what you need in `async with self`, await "
        "outside it, then write the result in another `async with self`:\n" + "\n".join(sorted(offenders))
    )


def test_the_checks_see_what_they_look_for() -> None:
    """The two checks find an offender when there is one (so their silence means something)."""
    source = (
        "from app.db import session_scope\n"
        "from app import db\n"
        "import app.db\n"
        "async def handler(self):\n"
        "    async with self:\n"
        "        await probe()\n"
        "        def later():\n"
        "            return 1\n"
        "        async def deferred():\n"
        "            await probe()\n"
        "    await probe()\n"
    )
    tree = ast.parse(source)
    assert sum(_imports_db(node) for node in ast.walk(tree)) == 3
    blocks = [node for node in ast.walk(tree) if _holds_self(node)]
    assert [awaited.lineno for block in blocks for awaited in _awaits_within(block)] == [6]
