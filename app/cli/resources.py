"""The commands that drive a Mimic server: sign in, resources, suites, runs and `mimic run`."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated, Any

import typer
from mimic_sdk import MimicClient
from rich.markup import escape
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from app.cli import findings
from app.cli.common import (
    GATE_FAILED,
    client,
    comparison_table,
    err,
    fail,
    inconclusive_problem,
    load_config,
    out,
    pct,
    progress_sentence,
    progress_text,
    read_document,
    resolve,
    result_table,
    run,
    save_config,
    table,
)


def register(app: typer.Typer) -> None:
    app.command()(login)
    app.command()(logout)
    app.command()(whoami)
    for plural, columns in RESOURCES.items():
        sub = resource_app(plural, columns)
        if plural == "suites":
            sub.command("new")(create_suite)
            findings.register(app, sub)
        app.add_typer(sub, name=plural)
    runs_app = typer.Typer(help="Suite runs: list, show, compare.", no_args_is_help=True)
    runs_app.command("list")(list_runs)
    runs_app.command("show")(show_run)
    runs_app.command("compare")(compare_runs)
    app.add_typer(runs_app, name="runs")
    sessions_app = typer.Typer(help="Sessions: export one, read a browser session's pages.", no_args_is_help=True)
    sessions_app.command("export")(export_session)
    sessions_app.command("pages")(session_pages)
    app.add_typer(sessions_app, name="sessions")
    app.command("run")(run_suite)


# ---- account ---------------------------------------------------------------------------------


def login(
    ctx: typer.Context,
    email: Annotated[str, typer.Option(prompt=True)],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True)],
) -> None:
    """Sign in with email and password; the token is stored (owner-only) for later commands."""
    api = MimicClient(ctx.obj["url"], "")
    token = run(lambda: api.auth.login(email, password))["access_token"]
    path = save_config({"url": api.base_url, "token": token})
    err.print(f"Signed in to {api.base_url} as {email}; the token is in {path}")


def logout() -> None:
    """Forget the stored token."""
    config = load_config()
    config.pop("token", None)
    save_config(config)
    err.print("Signed out.")


def whoami(ctx: typer.Context) -> None:
    """Who the credentials belong to, and their workspace and role."""
    me = run(lambda: client(ctx).auth.me())
    workspace = me.get("workspace") or {}
    out.print(f"{me.get('email')} · {workspace.get('name', '')} ({me.get('role', '')}) · {client(ctx).base_url}")


# ---- resources -------------------------------------------------------------------------------

RESOURCES = {
    "personas": [("Id", "id"), ("Name", "name"), ("Language", "language")],
    "objectives": [("Id", "id"), ("Name", "name")],
    "agents": [("Id", "id"), ("Name", "name"), ("Type", "type")],
    "suites": [("Id", "id"), ("Name", "name"), ("Cells", "cellCount"), ("Sessions", "sessionCount")],
}


def resource_app(plural: str, columns: list[tuple[str, str]]) -> typer.Typer:
    sub = typer.Typer(help=f"List and create {plural}.", no_args_is_help=True)

    @sub.command("list")
    def list_items(
        ctx: typer.Context,
        q: Annotated[str | None, typer.Option(help="Search in name and description")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
        limit: Annotated[int, typer.Option(help="At most this many (all pages are read)")] = 100,
    ) -> None:
        def fetch() -> list[dict]:
            found = []
            for item in getattr(client(ctx), plural).iterate(q=q):
                found.append(item)
                if len(found) >= limit:
                    break
            return found

        found = run(fetch)
        if as_json:
            out.print_json(data=found)
        else:
            out.print(table(found, columns, plural.capitalize()))

    @sub.command("create")
    def create_items(
        ctx: typer.Context,
        file: Annotated[str, typer.Argument(help="A JSON or YAML file (one or a list); - for stdin")],
    ) -> None:
        def create() -> list[dict]:
            document = read_document(file)
            resource = getattr(client(ctx), plural)
            return [resource.create(item) for item in (document if isinstance(document, list) else [document])]

        for item in run(create):
            out.print(f"created {plural[:-1]} {item['id']}  {item.get('name', '')}")

    return sub


def create_suite(
    ctx: typer.Context,
    name: Annotated[str, typer.Option(help="The suite's name")],
    agent: Annotated[str, typer.Option(help="Agent id or name")],
    persona: Annotated[list[str], typer.Option(help="Persona id or name (repeat the option)")],
    objective: Annotated[list[str], typer.Option(help="Objective id or name (repeat the option)")],
    repeats: Annotated[int, typer.Option(min=1, max=100)] = 1,
    model: Annotated[str | None, typer.Option(help="The persona simulator's model")] = None,
    seed: Annotated[int | None, typer.Option(help="Makes offline runs reproducible")] = None,
) -> None:
    """Create a suite from names or ids: personas x objectives x repeats against one agent."""

    def create() -> dict:
        api = client(ctx)
        return api.suites.create(
            name=name, agent_id=resolve(api, "agents", agent),
            persona_ids=[resolve(api, "personas", p) for p in persona],
            objective_ids=[resolve(api, "objectives", o) for o in objective], repeats=repeats,
            simulator_model=model, config={"seed": seed} if seed is not None else {},
        )  # fmt: skip

    suite = run(create)
    out.print(
        f"created suite {suite['id']}  {suite['name']} ({suite['cellCount']} cells, {suite['sessionCount']} sessions)"
    )


# ---- runs ------------------------------------------------------------------------------------


def list_runs(
    ctx: typer.Context,
    suite: Annotated[str | None, typer.Option(help="Suite id or name")] = None,
    status: Annotated[str | None, typer.Option(help="pending, running, completed, cancelled, error")] = None,
    limit: int = 20,
    offset: int = 0,
) -> None:
    def fetch() -> list[dict]:
        api = client(ctx)
        suite_id = resolve(api, "suites", suite) if suite else None
        return api.runs.list(suite_id=suite_id, status=status, limit=limit, offset=offset)["data"]

    rows = [{**r, "passRate": pct((r.get("overall") or {}).get("passRate")),
             "done": progress_sentence(r["progress"])} for r in run(fetch)]  # fmt: skip
    out.print(table(rows, [("Id", "id"), ("Suite", "suiteName"), ("Status", "status"), ("Done", "done"),
                           ("Pass rate", "passRate"), ("Created", "createdAt")], "Runs"))  # fmt: skip


def show_run(ctx: typer.Context, run_id: str, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    detail = run(lambda: client(ctx).runs.get(run_id))
    if as_json:
        out.print_json(data=detail)
    else:
        out.print(result_table(detail))


def compare_runs(
    ctx: typer.Context, run_id: str, baseline_id: str, as_json: Annotated[bool, typer.Option("--json")] = False
) -> None:
    """The change per cell from BASELINE_ID to RUN_ID; exits 1 when a cell regressed."""
    report = run(lambda: client(ctx).runs.compare(run_id, baseline_id))
    if as_json:
        out.print_json(data=report)
    else:
        out.print(comparison_table(report))
    if report["counts"].get("regressed"):
        raise typer.Exit(GATE_FAILED)


# ---- sessions --------------------------------------------------------------------------------


def export_session(
    ctx: typer.Context,
    session_id: str,
    format: Annotated[
        str, typer.Option(help="json, markdown, or html (a browser session's printable report)")
    ] = "json",
    output: Annotated[Path | None, typer.Option("--out", help="Write to this file (else standard output)")] = None,
) -> None:
    """A session as JSON or Markdown (a browser session's with every step, its findings and files),
    or a browser session's printable HTML report with its screenshots inline."""
    if format not in ("json", "markdown", "html"):
        raise fail("--format must be json, markdown or html")
    api = client(ctx)
    if format == "html":
        document = run(lambda: api.sessions.report(session_id))
    else:
        document = run(lambda: api.sessions.export(session_id, format=format))
    if not isinstance(document, str):
        document = json.dumps(document, indent=2, ensure_ascii=False)
    if output is None:
        sys.stdout.write(document)
    else:
        output.write_text(document, encoding="utf-8")
        err.print(f"wrote {output}")


def session_pages(
    ctx: typer.Context, session_id: str, as_json: Annotated[bool, typer.Option("--json")] = False
) -> None:
    """The pages a browser session went through, with its findings on each."""
    pages = run(lambda: client(ctx).sessions.pages(session_id))
    if as_json:
        out.print_json(data=pages)
        return
    for page in pages:
        counts = ", ".join(f"{n} {severity}" for severity, n in page["bySeverity"].items()) or "no finding"
        out.print(f"[bold]{escape(page['page'] or 'the whole session')}[/bold]  {escape(page['outcome'])}  ({counts})")
        for finding in page["findings"]:
            out.print(f"  [{finding['severity']}] {finding['type']}: {finding['description']}", markup=False)


def run_suite(
    ctx: typer.Context,
    suite: Annotated[str, typer.Argument(help="Suite id or name")],
    wait: Annotated[bool, typer.Option("--wait/--no-wait", help="Follow the run to its end")] = False,
    threshold: Annotated[
        float, typer.Option(min=0, max=1, help="Least pass rate of judged sessions (errors aside) to exit 0")
    ] = 1.0,
    max_inconclusive: Annotated[
        float,
        typer.Option(min=0, max=1, help="Largest share of ended sessions the judge may leave inconclusive to exit 0"),
    ] = 1.0,
    baseline: Annotated[str | None, typer.Option(help="A run id: exit 1 when a cell regressed against it")] = None,
    junit: Annotated[Path | None, typer.Option(help="Write JUnit XML here")] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write the run (and the comparison) as JSON")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait at most")] = 3600,
    poll: Annotated[float, typer.Option(help="Seconds between progress checks")] = 1.0,
    label: Annotated[str | None, typer.Option(help="The agent's version (a release, a commit): on the trend")] = None,
) -> None:
    """Start a run of SUITE on the server (with --wait: follow it and gate on its results).

    With --wait it shows the progress, prints the result table, writes the reports and
    exits 1 when the gate fails: the pass rate under --threshold, more inconclusive sessions
    than --max-inconclusive allows, a cell regressed against --baseline, or a run that did
    not complete. Sessions the simulator spoiled, inconclusive ones and infrastructure errors
    never enter the pass rate. (`mimic test` runs a mimic.yaml instead.)"""
    api = client(ctx)
    started = run(lambda: api.suites.run(resolve(api, "suites", suite), label=label))
    err.print(f"Run {started['id']} of {started['suiteName']}: {started['totalSessions']} sessions")
    if not wait:
        out.print(started["id"])
        return
    detail = _follow(api, started, timeout=timeout, poll=poll)
    out.print(result_table(detail))
    report = run(lambda: api.runs.compare(detail["id"], baseline)) if baseline else None
    if report:
        out.print(comparison_table(report))
    if junit:
        junit.write_text(run(lambda: api.runs.junit(detail["id"])))
        err.print(f"JUnit XML written to {junit}")
    if json_path:
        json_path.write_text(json.dumps({"run": detail, "comparison": report}, indent=2))
        err.print(f"JSON written to {json_path}")
    problems = gate_problems(detail, report, threshold, max_inconclusive)
    for problem in problems:
        err.print(f"[red]✗[/red] {problem}")
    if problems:
        raise typer.Exit(GATE_FAILED)
    err.print(f"[green]✓[/green] pass rate {pct(detail['overall']['passRate'])} ≥ {pct(threshold)}")


def _follow(api: MimicClient, started: dict[str, Any], *, timeout: float, poll: float) -> dict[str, Any]:
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=False) as progress:
        bar = progress.add_task("starting", total=started["totalSessions"])

        def show(current: dict[str, Any]) -> None:
            p = current["progress"]
            progress.update(bar, completed=p["done"],
                            description=progress_text(p))  # fmt: skip

        try:
            return run(lambda: api.runs.wait(started["id"], timeout=timeout, poll=poll, on_progress=show))
        except TimeoutError:
            raise fail(f"the run did not end within {timeout:g} s (it goes on on the server)", GATE_FAILED) from None


def gate_problems(
    detail: dict[str, Any], report: dict[str, Any] | None, threshold: float, max_inconclusive: float = 1.0
) -> list[str]:
    """Why `mimic run --wait` fails its gate; empty when it passes."""
    problems = []
    calibration = detail.get("calibration") or {}
    if calibration.get("status") == "not_calibrated":  # the suite requires a calibrated judge
        problems.append(calibration.get("message") or "judge not calibrated")
    overall = detail.get("overall") or {}
    if detail["status"] != "completed":
        problems.append(f"the run ended {detail['status']}")
    problem = inconclusive_problem(overall, max_inconclusive, "--max-inconclusive")
    if problem:
        problems.append(problem)
    if not overall.get("n"):
        problems.append("no session was passed or failed (see the inconclusive sessions, simulator errors and errors)")
    elif overall["passRate"] < threshold:
        problems.append(f"pass rate {pct(overall['passRate'])} is under the threshold {pct(threshold)}")
    for cell in (report or {}).get("cells", []):
        if cell["change"] == "regressed":
            problems.append(f"regressed: {cell['personaName']} × {cell['objectiveName']}")
    return problems
