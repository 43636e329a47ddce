"""What `mimic run` and `mimic runs` print (app/cli.py has the commands): a run's result table
(per cell: pass rate, Wilson interval, pass^k and what is kept out of the rate) and its
comparison with a baseline run (McNemar's test, the cells that changed)."""

from __future__ import annotations

from typing import Any

from rich.table import Table

from app.cli_judging import pct


def _ci(cell: dict[str, Any]) -> str:
    ci = cell.get("ci")
    return "—" if not ci else f"[{ci['low'] * 100:.1f}%, {ci['high'] * 100:.1f}%]"


_STATUS_STYLE = {"passed": "green", "failed": "red", "flaky": "yellow", "error": "magenta", "regressed": "red",
                 "fixed": "green", "inconclusive": "cyan", "simulator_error": "blue"}  # fmt: skip


def result_table(run: dict[str, Any]) -> Table:
    table = Table(title=f"{run['suiteName']} · run {run['id'][:8]} · {run['status']}")
    for header in (
        "Persona",
        "Objective",
        "Status",
        "Passed",
        "Pass rate",
        "95% CI (Wilson)",
        f"pass^{run['overall']['k'] if run.get('overall') else 'k'}",
        "Inconclusive",
        "Simulator errors",
        "Errors",
    ):
        table.add_column(header)
    for cell in run["cells"]:
        style = _STATUS_STYLE.get(cell["status"], "")
        table.add_row(
            cell["personaName"], cell["objectiveName"], f"[{style}]{cell['status']}[/]" if style else cell["status"],
            f"{cell['passed']}/{cell['n']}", pct(cell["passRate"]), _ci(cell), pct(cell.get("passK")),
            str(cell.get("inconclusive", 0)), str(cell.get("simulatorErrors", 0)), str(cell["errors"]),
        )  # fmt: skip
    overall = run.get("overall") or {}
    if overall:
        table.add_section()
        table.add_row("[b]All cells[/b]", "", "", f"{overall['passed']}/{overall['n']}", pct(overall["passRate"]),
                      _ci(overall), pct(overall.get("passK")), str(overall.get("inconclusive", 0)),
                      str(overall.get("simulatorErrors", 0)), str(overall["errors"]))  # fmt: skip
    return table


def comparison_table(report: dict[str, Any]) -> Table:
    test = report["mcnemar"]
    table = Table(
        title=f"Against baseline {report['baselineId'][:8]}: McNemar p = {test['pValue']:.4g} ({test['method']}), "
        f"{test['regressed']} sessions regressed, {test['improved']} improved"
    )
    for header in ("Change", "Persona", "Objective", "Baseline", "Now", "Flaky"):
        table.add_column(header)
    for c in report["cells"]:
        side = lambda s: "—" if not s else f"{s['passed']}/{s['n']} {s['status']}"  # noqa: E731
        style = _STATUS_STYLE.get(c["change"], "")
        table.add_row(f"[{style}]{c['change']}[/]" if style else c["change"], c["personaName"], c["objectiveName"],
                      side(c["baseline"]), side(c["current"]), "yes" if c["flaky"] else "")  # fmt: skip
    return table


__all__ = ["comparison_table", "result_table"]
