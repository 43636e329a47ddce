"""Trends and the findings inbox from the command line: a suite's pass rate over its runs and
its alert threshold, and the findings grouped across sessions with their states."""

from __future__ import annotations

from typing import Annotated

import typer

from app.cli.common import client, fail, out, pct, resolve, run, table

STATES = ("open", "acknowledged", "fixed", "wont_fix")


def suite_trend(
    ctx: typer.Context,
    suite: Annotated[str, typer.Argument(help="Suite id or name")],
    limit: Annotated[int, typer.Option(min=2, max=100, help="The latest runs")] = 30,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """The suite's pass rate per run (oldest first) with its 95% interval, label and threshold."""
    api = client(ctx)
    trend = run(lambda: api.suites.trend(resolve(api, "suites", suite), limit=limit))
    if as_json:
        out.print_json(data=trend)
        return
    rows = [{**p, "rate": pct(p["passRate"]), "judged": f"{p['passed']}/{p['n']}",
             "ci": "—" if p["ciLow"] is None else f"[{pct(p['ciLow'])}, {pct(p['ciHigh'])}]",
             "alert": "BELOW" if p["belowThreshold"] else ""} for p in trend["points"]]  # fmt: skip
    title = f"{trend['suiteName']} · threshold {pct(trend['threshold'])}"
    out.print(table(rows, [("Started", "createdAt"), ("Label", "version"), ("Status", "status"), ("Passed", "judged"),
                           ("Pass rate", "rate"), ("95% CI", "ci"), ("Alert", "alert")], title))  # fmt: skip


def suite_threshold(
    ctx: typer.Context,
    suite: Annotated[str, typer.Argument(help="Suite id or name")],
    pass_rate: Annotated[str, typer.Argument(help="Least pass rate, 0 to 1 (e.g. 0.8), or 'none' to remove it")],
) -> None:
    """Set the suite's alert threshold: a completed run under it fires run.below_threshold."""
    if pass_rate.lower() == "none":
        rate = None
    else:
        try:
            rate = float(pass_rate)
        except ValueError:
            raise fail(f"PASS_RATE must be a number from 0 to 1 or 'none', not {pass_rate!r}") from None
    api = client(ctx)
    suite_json = run(lambda: api.suites.set_threshold(resolve(api, "suites", suite), rate))
    out.print(f"{suite_json['name']}: threshold {pct(rate)}")


def list_groups(
    ctx: typer.Context,
    state: Annotated[str | None, typer.Option(help="open, acknowledged, fixed, wont_fix, regressed, active")] = None,
    severity: Annotated[str | None, typer.Option(help="Least highest severity: low, medium, high, critical")] = None,
    agent: Annotated[str | None, typer.Option(help="Agent id or name")] = None,
    sort: Annotated[str, typer.Option(help="lastSeen, count, severity, firstSeen")] = "lastSeen",
    limit: int = 20,
    page: int = 1,
    as_json: Annotated[bool, typer.Option("--json")] = False,
) -> None:
    """The findings inbox: each recurring problem once, with its count, severity and state."""

    def fetch() -> dict:
        api = client(ctx)
        agent_id = resolve(api, "agents", agent) if agent else None
        return api.finding_groups.list(state=state, severity=severity, agent_id=agent_id, sort=sort, limit=limit,
                                       page=page)  # fmt: skip

    found = run(fetch)
    if as_json:
        out.print_json(data=found)
        return
    rows = [{**g, "state": "regressed" if g["regressed"] else g["state"], "text": g["description"][:80],
             "agentNames": ", ".join(a["name"] for a in g["agents"])} for g in found["data"]]  # fmt: skip
    total = found["pagination"]["total"]
    out.print(table(rows, [("Signature", "signature"), ("Severity", "severity"), ("Type", "type"), ("Count", "count"),
                           ("Latest", "text"), ("Agents", "agentNames"), ("Last seen", "lastSeen"),
                           ("State", "state")], f"Findings: {total} problems"))  # fmt: skip


def set_group_state(
    ctx: typer.Context,
    signature: Annotated[str, typer.Argument(help="The group's signature (from `mimic findings list`)")],
    state: Annotated[str, typer.Argument(help="open, acknowledged, fixed or wont_fix")],
    note: Annotated[str | None, typer.Option(help="Why (a ticket, a release)")] = None,
) -> None:
    """Set a group's state; it holds for the problem's later occurrences too."""
    if state not in STATES:
        raise fail(f"STATE must be one of {', '.join(STATES)}")
    group = run(lambda: client(ctx).finding_groups.set_state(signature, state, note=note))
    out.print(f"{group['pattern']}: {group['state']}", markup=False)


def register(app: typer.Typer, suites_app: typer.Typer) -> None:
    suites_app.command("trend")(suite_trend)
    suites_app.command("threshold")(suite_threshold)
    findings_app = typer.Typer(help="The findings inbox: findings grouped across sessions.", no_args_is_help=True)
    findings_app.command("list")(list_groups)
    findings_app.command("state")(set_group_state)
    app.add_typer(findings_app, name="findings")
