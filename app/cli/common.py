"""What every command shares: the stored login, the SDK client, errors as exit codes, tables."""

from __future__ import annotations

import json
import os
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

import typer
import yaml
from mimic_sdk import MimicClient, MimicError
from mimic_sdk.testing import ConfigurationError
from rich.console import Console
from rich.table import Table

from app.services import run_stats

DEFAULT_URL = "http://localhost:3000"
PASSED = 0
GATE_FAILED = 1
CANNOT_RUN = 2

out = Console()
err = Console(stderr=True)
T = TypeVar("T")


class CliError(Exception):
    """A failure to report in one line, with exit code 2."""


def config_dir() -> Path:
    if os.environ.get("MIMIC_CONFIG_DIR"):
        return Path(os.environ["MIMIC_CONFIG_DIR"])
    base = os.environ.get("XDG_CONFIG_HOME") or str(Path.home() / ".config")
    return Path(base) / "mimic"


def _config_file() -> Path:
    return config_dir() / "config.json"


def load_config() -> dict[str, Any]:
    try:
        return json.loads(_config_file().read_text())
    except (OSError, ValueError):
        return {}


def save_config(values: dict[str, Any]) -> Path:
    path = _config_file()
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    # Written with owner-only permissions from the start: it holds a bearer token.
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as handle:
        json.dump(values, handle, indent=2)
    os.chmod(path, 0o600)
    return path


def make_client(url: str | None, api_key: str | None) -> MimicClient:
    """The server (--url, MIMIC_URL, the one logged in to, or localhost) with the credentials
    (--api-key, MIMIC_API_KEY, else the stored token of that server)."""
    stored = load_config()
    base = (url or stored.get("url") or DEFAULT_URL).rstrip("/")
    token = api_key or (stored.get("token") if stored.get("url", base).rstrip("/") == base else None)
    return MimicClient(base, token or "")


def client(ctx: typer.Context) -> MimicClient:
    return ctx.obj["client"]


def fail(message: str, code: int = CANNOT_RUN) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}", highlight=False)
    return typer.Exit(code)


def run(action: Callable[[], T]) -> T:
    """Runs `action`; an API, network or definition error exits 2 with its message."""
    try:
        return action()
    except (CliError, MimicError, ConfigurationError) as exc:
        raise fail(str(exc)) from None


def read_document(path: str) -> Any:
    text = typer.get_text_stream("stdin").read() if path == "-" else Path(path).read_text()
    try:
        return yaml.safe_load(text)  # YAML is a superset of JSON: both read here
    except yaml.YAMLError as exc:
        raise CliError(f"{path} is neither JSON nor YAML: {exc}") from exc


def table(rows: list[dict[str, Any]], columns: list[tuple[str, str]], title: str) -> Table:
    result = Table(title=title)
    for header, _ in columns:
        result.add_column(header)
    for row in rows:
        result.add_row(*[str(row.get(key) if row.get(key) is not None else "—") for _, key in columns])
    return result


def resolve(api: MimicClient, plural: str, ref: str) -> str:
    """An id, or the exact name (any case) of one item."""
    resource = getattr(api, plural)
    try:
        return resource.get(ref)["id"]
    except MimicError:
        pass
    found = resource.list(q=ref, limit=100)["data"]
    matches = [item for item in found if item["name"].lower() == ref.lower()]
    if len(matches) != 1:
        raise CliError(f"no {plural[:-1]} named {ref!r}" if not matches else f"several {plural} are named {ref!r}")
    return matches[0]["id"]


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def ci_text(stats: dict[str, Any]) -> str:
    ci = stats.get("ci")
    return "—" if not ci else f"[{ci['low'] * 100:.1f}%, {ci['high'] * 100:.1f}%]"


STATUS_STYLE = {"passed": "green", "failed": "red", "flaky": "yellow", "error": "magenta", "regressed": "red",
                "fixed": "green", "inconclusive": "cyan", "simulator_error": "blue"}  # fmt: skip


def styled(value: str) -> str:
    style = STATUS_STYLE.get(value, "")
    return f"[{style}]{value}[/]" if style else value


def result_table(run: dict[str, Any]) -> Table:
    k = run["overall"]["k"] if run.get("overall") else "k"
    result = Table(title=f"{run['suiteName']} · run {run['id'][:8]} · {run['status']}")
    # Inconclusive sessions, those the simulator spoiled and infrastructure errors are shown
    # apart: they never enter the pass rate.
    for header in ("Persona", "Objective", "Status", "Passed", "Pass rate", "95% CI (Wilson)", f"pass^{k}",
                   "Inconclusive", "Simulator errors", "Errors"):  # fmt: skip
        result.add_column(header)
    for cell in run["cells"]:
        result.add_row(cell["personaName"], cell["objectiveName"], styled(cell["status"]),
                       f"{cell['passed']}/{cell['n']}", pct(cell["passRate"]), ci_text(cell), pct(cell.get("passK")),
                       *apart_counts(cell))  # fmt: skip
    overall = run.get("overall") or {}
    if overall:
        result.add_section()
        result.add_row("[b]All cells[/b]", "", "", f"{overall['passed']}/{overall['n']}", pct(overall["passRate"]),
                       ci_text(overall), pct(overall.get("passK")), *apart_counts(overall))  # fmt: skip
    return result


def progress_sentence(p: dict[str, Any]) -> str:
    """A run's progress (REST camelCase) in the dashboard's words: "3 of 24 done, 21 cancelled"."""
    return run_stats.progress_sentence(p["total"], p["done"], p.get("cancelled", 0), p.get("running", 0),
                                       p.get("pending", 0))  # fmt: skip


def progress_text(p: dict[str, Any]) -> str:
    """A run's progress in a line, with the sessions kept out of the pass rate apart."""
    return (f"{p['passed']} passed · {p['failed']} failed · {p.get('inconclusive', 0)} inconclusive · "
            f"{p.get('simulatorErrors', 0)} simulator errors · {p['errors']} errors · "
            f"{p['running']} running" + (f" · {p['cancelled']} cancelled" if p.get("cancelled") else ""))  # fmt: skip


def inconclusive_problem(overall: dict[str, Any], most: float | None, allowance: str) -> str | None:
    """Why too many ended sessions are inconclusive (the judge could not decide), or None.
    `most` is a share of the ended sessions (judged, inconclusive, spoiled or in error)."""
    if most is None:
        return None
    inconclusive = int(overall.get("inconclusive") or 0)
    ended = sum(int(overall.get(k) or 0) for k in ("n", "inconclusive", "simulatorErrors", "errors"))
    if ended and inconclusive / ended > most:
        return f"{inconclusive} of {ended} sessions are inconclusive, more than {allowance} allows ({pct(most)})"
    return None


def apart_counts(stats: dict[str, Any]) -> tuple[str, str, str]:
    """Inconclusive, simulator errors, infrastructure errors: the sessions kept out of a pass rate."""
    return str(stats.get("inconclusive", 0)), str(stats.get("simulatorErrors", 0)), str(stats.get("errors", 0))


def comparison_table(report: dict[str, Any]) -> Table:
    test = report["mcnemar"]
    result = Table(
        title=f"Against baseline {report['baselineId'][:8]}: McNemar p = {test['pValue']:.4g} ({test['method']}), "
        f"{test['regressed']} sessions regressed, {test['improved']} improved"
    )
    for header in ("Change", "Persona", "Objective", "Baseline", "Now", "Flaky"):
        result.add_column(header)
    for c in report["cells"]:
        side = lambda s: "—" if not s else f"{s['passed']}/{s['n']} {s['status']}"  # noqa: E731
        result.add_row(styled(c["change"]), c["personaName"], c["objectiveName"], side(c["baseline"]),
                       side(c["current"]), "yes" if c["flaky"] else "")  # fmt: skip
    return result
