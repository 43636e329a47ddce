"""The house's rules, read from the code: no import cycle in app/, and imports run one way
(README: Layout). An import inside a function counts like any other: it is no way around a
cycle. Imports only a type checker reads (under `if TYPE_CHECKING:`) do not count."""

from __future__ import annotations

import ast
import functools
from collections import defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
APP = ROOT / "app"


def _module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


MODULES = {_module_name(p): p for p in APP.rglob("*.py")}


def _resolve(name: str) -> str | None:
    """The module of `app...` an import names (a name imported from a package may be a module)."""
    while name:
        if name in MODULES:
            return name
        name = name.rpartition(".")[0]
    return None


def _type_checking_only(tree: ast.AST) -> set[int]:
    ids: set[int] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.If) and "TYPE_CHECKING" in ast.unparse(node.test):
            ids.update(id(child) for stmt in node.body for child in ast.walk(stmt))
    return ids


def _imports() -> dict[str, set[str]]:
    graph: dict[str, set[str]] = defaultdict(set)
    for module, path in MODULES.items():
        tree = ast.parse(path.read_text(), str(path))
        skipped = _type_checking_only(tree)
        package = module if path.name == "__init__.py" else module.rpartition(".")[0]
        for node in ast.walk(tree):
            if id(node) in skipped:
                continue
            if isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:  # relative: from . import x
                    base = ".".join(
                        package.split(".")[: len(package.split(".")) - node.level + 1] + ([base] if base else [])
                    )
                names = [f"{base}.{alias.name}" for alias in node.names]
            elif isinstance(node, ast.Import):
                names = [alias.name for alias in node.names]
            else:
                continue
            for name in names:
                target = _resolve(name) if name.startswith("app") else None
                if target and target != module and not module.startswith(target + "."):
                    graph[module].add(target)
    return graph


def _cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Strongly connected components of more than one module (Tarjan)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[list[str]] = []

    def visit(v: str) -> None:
        index[v] = low[v] = len(index)
        stack.append(v)
        on_stack.add(v)
        for w in graph.get(v, ()):
            if w not in index:
                visit(w)
                low[v] = min(low[v], low[w])
            elif w in on_stack:
                low[v] = min(low[v], index[w])
        if low[v] == index[v]:
            component = []
            while True:
                w = stack.pop()
                on_stack.discard(w)
                component.append(w)
                if w == v:
                    break
            if len(component) > 1:
                found.append(sorted(component))

    for module in sorted(MODULES):
        if module not in index:
            visit(module)
    return found


# Read when a test asks, not at collection: a failure here is one test's, not the run's.
@functools.cache
def graph() -> dict[str, set[str]]:
    return _imports()


def _importers_of(prefix: str) -> dict[str, set[str]]:
    return {
        m: {t for t in targets if t == prefix or t.startswith(prefix + ".")}
        for m, targets in graph().items()
        if any(t == prefix or t.startswith(prefix + ".") for t in targets)
    }


def test_the_graph_is_read() -> None:
    # The rules below mean something only if the imports were found.
    assert "app.services.sessions" in graph()["app.api.routes.sessions"]
    assert "app.runtime.execution" in graph()["app.services.sessions"]


def test_no_import_cycle_in_app() -> None:
    assert _cycles(graph()) == []


def test_nothing_below_the_faces_imports_them() -> None:
    for face in ("app.ui", "app.api"):
        outside = {m: t for m, t in _importers_of(face).items() if not m.startswith(face) and m != "app.app"}
        assert outside == {}, f"{face} is imported from below: {outside}"


def test_the_runtime_and_the_engine_import_no_service() -> None:
    for layer in ("app.runtime", "app.engine"):
        offenders = {m: t for m, t in _importers_of("app.services").items() if m.startswith(layer)}
        assert offenders == {}, offenders


def test_the_engine_imports_no_model_and_no_database() -> None:
    offenders = {
        m: t
        for prefix in ("app.models", "app.db")
        for m, t in _importers_of(prefix).items()
        if m.startswith("app.engine")
    }
    assert offenders == {}, offenders


def test_services_import_no_face() -> None:
    offenders = {
        m: t for face in ("app.ui", "app.api") for m, t in _importers_of(face).items() if m.startswith("app.services")
    }
    assert offenders == {}, offenders


def _async_functions_with_a_database_session() -> list[str]:
    """`async def`s that take a database session: whatever they do with it runs on the event loop."""
    found = []
    for path in sorted((ROOT / "app").rglob("*.py")):
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.AsyncFunctionDef):
                arguments = node.args.posonlyargs + node.args.args + node.args.kwonlyargs
                if any(a.annotation is not None and "Session" in ast.unparse(a.annotation).split(".")[-1]
                       and a.arg in ("session", "db") for a in arguments):  # fmt: skip
                    found.append(f"{path.relative_to(ROOT)}:{node.lineno} {node.name}")
    return found


def test_no_coroutine_holds_a_database_session() -> None:
    """The loop never waits for the database: an async service or route does its database work
    in a worker thread (app/services/units.py), never through a session it was handed."""
    assert _async_functions_with_a_database_session() == []
