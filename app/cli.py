"""`mimic`: the command line for scripts and CI. It talks to the REST API only.

    mimic login                                   # email + password; the token is kept in ~/.config/mimic
    mimic personas create persona.yaml
    mimic suites create --name Smoke --agent "Demo agent" --persona Dana --objective "Order status" --repeats 3
    mimic run Smoke --wait --threshold 0.9 --baseline <run id> --junit report.xml --json run.json
    mimic judge conversations.yaml --judge openai/gpt-4o-mini --repeats 3
    mimic calibrate support-set.yaml --judge openai/gpt-4o-mini --repeats 3 --min-kappa 0.6

Credentials: --api-key or MIMIC_API_KEY, else the token `mimic login` stored. The server:
--url or MIMIC_URL, else the one you logged in to, else http://localhost:3000.

Exit codes: 0 done (and, for `run --wait`, the gate passed); 1 the gate failed (the pass
rate is under --threshold, a cell regressed against --baseline, the run did not complete, or
its suite requires a calibrated judge and the judge is not; `calibrate --min-kappa` and
`judge --strict` too); 2 the command could not be carried out (usage, credentials, network,
not found).
"""

from __future__ import annotations

import json
import os
import time
from pathlib import Path
from typing import Annotated, Any

import httpx
import typer
import yaml
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn
from rich.table import Table

from app import cli_judging

DEFAULT_URL = "http://localhost:3000"
GATE_FAILED = 1
CANNOT_RUN = 2

out = Console()
err = Console(stderr=True)

app = typer.Typer(
    help="Mimic from the command line: resources, suite runs and CI gates.", no_args_is_help=True, add_completion=False
)


class CliError(Exception):
    """A failure to report in one line, with exit code 2."""


# ---- configuration and the API client --------------------------------------------------------


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


class Client:
    def __init__(self, url: str, credential: str | None) -> None:
        headers = {"Authorization": f"Bearer {credential}"} if credential else {}
        self.url = url.rstrip("/")
        self.http = httpx.Client(base_url=self.url, headers=headers, timeout=60)

    def request(self, method: str, path: str, **kwargs: Any) -> httpx.Response:
        try:
            response = self.http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            raise CliError(f"cannot reach {self.url}: {exc}") from exc
        if response.status_code >= 400:
            raise CliError(_api_error(response))
        return response

    def get(self, path: str, **params: Any) -> Any:
        return self.request("GET", path, params={k: v for k, v in params.items() if v is not None}).json()

    def post(self, path: str, body: Any = None) -> Any:
        return self.request("POST", path, json=body).json()


def _api_error(response: httpx.Response) -> str:
    try:
        error = response.json()["error"]
    except (ValueError, KeyError, TypeError):
        return f"HTTP {response.status_code}: {response.text[:200]}"
    details = "; ".join(f"{d['field']}: {d['message']}" for d in error.get("details") or [])
    return f"{error.get('code')}: {error.get('message')}" + (f" ({details})" if details else "")


def _client(ctx: typer.Context) -> Client:
    return ctx.obj["client"]


@app.callback()
def main(
    ctx: typer.Context,
    url: Annotated[str | None, typer.Option(envvar="MIMIC_URL", help="The Mimic server")] = None,
    api_key: Annotated[str | None, typer.Option(envvar="MIMIC_API_KEY", help="An API key (else the login)")] = None,
) -> None:
    stored = load_config()
    base = url or stored.get("url") or DEFAULT_URL
    credential = api_key or (stored.get("token") if stored.get("url", base).rstrip("/") == base.rstrip("/") else None)
    ctx.obj = {"client": Client(base, credential), "url": base}


def _fail(message: str, code: int = CANNOT_RUN) -> typer.Exit:
    err.print(f"[red]error:[/red] {message}")
    return typer.Exit(code)


def _run(action):
    try:
        return action()
    except CliError as exc:
        raise _fail(str(exc)) from None


# ---- account ---------------------------------------------------------------------------------


@app.command()
def login(
    ctx: typer.Context,
    email: Annotated[str, typer.Option(prompt=True)],
    password: Annotated[str, typer.Option(prompt=True, hide_input=True)],
) -> None:
    """Sign in with email and password; the token is stored (owner-only) for later commands."""
    client = Client(ctx.obj["url"], None)
    token = _run(lambda: client.post("/api/auth/login", {"email": email, "password": password}))["access_token"]
    path = save_config({"url": client.url, "token": token})
    err.print(f"Signed in to {client.url} as {email}; the token is in {path}")


@app.command()
def logout() -> None:
    """Forget the stored token."""
    config = load_config()
    config.pop("token", None)
    save_config(config)
    err.print("Signed out.")


@app.command()
def whoami(ctx: typer.Context) -> None:
    """Who the credentials belong to, and their workspace and role."""
    me = _run(lambda: _client(ctx).get("/api/auth/me"))
    workspace = me.get("workspace") or {}
    out.print(f"{me.get('email')} · {workspace.get('name', '')} ({me.get('role', '')}) · {_client(ctx).url}")


# ---- resources -------------------------------------------------------------------------------


def _read_document(path: str) -> Any:
    text = typer.get_text_stream("stdin").read() if path == "-" else Path(path).read_text()
    try:
        return yaml.safe_load(text)  # YAML is a superset of JSON: both read here
    except yaml.YAMLError as exc:
        raise CliError(f"{path} is neither JSON nor YAML: {exc}") from exc


def _table(rows: list[dict[str, Any]], columns: list[tuple[str, str]], title: str) -> Table:
    table = Table(title=title)
    for header, _ in columns:
        table.add_column(header)
    for row in rows:
        table.add_row(*[str(row.get(key) if row.get(key) is not None else "—") for _, key in columns])
    return table


def _resource_app(plural: str, columns: list[tuple[str, str]]) -> typer.Typer:
    sub = typer.Typer(help=f"List and create {plural}.", no_args_is_help=True)

    @sub.command("list")
    def list_items(
        ctx: typer.Context,
        q: Annotated[str | None, typer.Option(help="Search in name and description")] = None,
        as_json: Annotated[bool, typer.Option("--json", help="Print JSON")] = False,
        limit: int = 100,
    ) -> None:
        found = _run(lambda: _client(ctx).get(f"/api/{plural}", q=q, limit=limit))["data"]
        if as_json:
            out.print_json(data=found)
        else:
            out.print(_table(found, columns, plural.capitalize()))

    @sub.command("create")
    def create_items(
        ctx: typer.Context,
        file: Annotated[str, typer.Argument(help="A JSON or YAML file (one or a list); - for stdin")],
    ) -> None:
        def create() -> list[dict]:
            document = _read_document(file)
            return [
                _client(ctx).post(f"/api/{plural}", item)
                for item in (document if isinstance(document, list) else [document])
            ]

        for item in _run(create):
            out.print(f"created {plural[:-1]} {item['id']}  {item.get('name', '')}")

    return sub


app.add_typer(_resource_app("personas", [("Id", "id"), ("Name", "name"), ("Language", "language")]), name="personas")
app.add_typer(_resource_app("objectives", [("Id", "id"), ("Name", "name")]), name="objectives")
app.add_typer(_resource_app("agents", [("Id", "id"), ("Name", "name"), ("Type", "type")]), name="agents")
suites_app = _resource_app(
    "suites", [("Id", "id"), ("Name", "name"), ("Cells", "cellCount"), ("Sessions", "sessionCount")]
)
app.add_typer(suites_app, name="suites")


def resolve(client: Client, plural: str, ref: str) -> str:
    """An id, or the exact name (any case) of one item."""
    try:
        return client.get(f"/api/{plural}/{ref}")["id"]
    except CliError:
        pass
    found = client.get(f"/api/{plural}", q=ref, limit=100)["data"]
    matches = [item for item in found if item["name"].lower() == ref.lower()]
    if len(matches) != 1:
        raise CliError(f"no {plural[:-1]} named {ref!r}" if not matches else f"several {plural} are named {ref!r}")
    return matches[0]["id"]


@suites_app.command("new")
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
        client = _client(ctx)
        body = {
            "name": name,
            "agentId": resolve(client, "agents", agent),
            "personaIds": [resolve(client, "personas", p) for p in persona],
            "objectiveIds": [resolve(client, "objectives", o) for o in objective],
            "repeats": repeats,
            "simulatorModel": model,
            "config": {"seed": seed} if seed is not None else {},
        }
        return client.post("/api/suites", body)

    suite = _run(create)
    out.print(
        f"created suite {suite['id']}  {suite['name']} ({suite['cellCount']} cells, {suite['sessionCount']} sessions)"
    )


# ---- runs ------------------------------------------------------------------------------------

runs_app = typer.Typer(help="Suite runs: list, show, compare.", no_args_is_help=True)
app.add_typer(runs_app, name="runs")


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


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
            f"{cell['passed']}/{cell['n']}", _pct(cell["passRate"]), _ci(cell), _pct(cell.get("passK")),
            str(cell.get("inconclusive", 0)), str(cell.get("simulatorErrors", 0)), str(cell["errors"]),
        )  # fmt: skip
    overall = run.get("overall") or {}
    if overall:
        table.add_section()
        table.add_row("[b]All cells[/b]", "", "", f"{overall['passed']}/{overall['n']}", _pct(overall["passRate"]),
                      _ci(overall), _pct(overall.get("passK")), str(overall.get("inconclusive", 0)),
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


@runs_app.command("list")
def list_runs(
    ctx: typer.Context,
    suite: Annotated[str | None, typer.Option(help="Suite id or name")] = None,
    status: Annotated[str | None, typer.Option(help="pending, running, completed, cancelled, error")] = None,
    limit: int = 20,
    offset: int = 0,
) -> None:
    def fetch() -> list[dict]:
        client = _client(ctx)
        suite_id = resolve(client, "suites", suite) if suite else None
        return client.get("/api/runs", suiteId=suite_id, status=status, limit=limit, offset=offset)["data"]

    rows = [{**r, "passRate": _pct((r.get("overall") or {}).get("passRate")),
             "done": f"{r['progress']['done']}/{r['progress']['total']}"} for r in _run(fetch)]  # fmt: skip
    out.print(_table(rows, [("Id", "id"), ("Suite", "suiteName"), ("Status", "status"), ("Done", "done"),
                            ("Pass rate", "passRate"), ("Created", "createdAt")], "Runs"))  # fmt: skip


@runs_app.command("show")
def show_run(ctx: typer.Context, run_id: str, as_json: Annotated[bool, typer.Option("--json")] = False) -> None:
    run = _run(lambda: _client(ctx).get(f"/api/runs/{run_id}"))
    if as_json:
        out.print_json(data=run)
    else:
        out.print(result_table(run))


@runs_app.command("compare")
def compare_runs(
    ctx: typer.Context, run_id: str, baseline_id: str, as_json: Annotated[bool, typer.Option("--json")] = False
) -> None:
    """The change per cell from BASELINE_ID to RUN_ID; exits 1 when a cell regressed."""
    report = _run(lambda: _client(ctx).get(f"/api/runs/{run_id}/compare/{baseline_id}"))
    if as_json:
        out.print_json(data=report)
    else:
        out.print(comparison_table(report))
    if report["counts"].get("regressed"):
        raise typer.Exit(GATE_FAILED)


@app.command("run")
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
) -> None:
    """Start a run of SUITE (with --wait: follow it and gate on its results).

    With --wait it shows the progress, prints the result table, writes the reports and
    exits 1 when the gate fails: the pass rate under --threshold, more inconclusive sessions
    than --max-inconclusive allows, a cell regressed against --baseline, or a run that did
    not complete. Sessions the simulator spoiled, inconclusive ones and infrastructure errors
    never enter the pass rate."""
    client = _client(ctx)
    run = _run(lambda: client.post(f"/api/suites/{resolve(client, 'suites', suite)}/run"))
    err.print(f"Run {run['id']} of {run['suiteName']}: {run['totalSessions']} sessions")
    if not wait:
        out.print(run["id"])
        return
    run = _follow(client, run, timeout=timeout, poll=poll)
    out.print(result_table(run))
    report = _run(lambda: client.get(f"/api/runs/{run['id']}/compare/{baseline}")) if baseline else None
    if report:
        out.print(comparison_table(report))
    if junit:
        junit.write_text(_run(lambda: client.request("GET", f"/api/runs/{run['id']}/junit")).text)
        err.print(f"JUnit XML written to {junit}")
    if json_path:
        json_path.write_text(json.dumps({"run": run, "comparison": report}, indent=2))
        err.print(f"JSON written to {json_path}")
    problems = gate_problems(run, report, threshold, max_inconclusive)
    for problem in problems:
        err.print(f"[red]✗[/red] {problem}")
    if problems:
        raise typer.Exit(GATE_FAILED)
    err.print(f"[green]✓[/green] pass rate {_pct(run['overall']['passRate'])} ≥ {_pct(threshold)}")


def _follow(client: Client, run: dict[str, Any], *, timeout: float, poll: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    with Progress(*columns, console=err, transient=False) as progress:
        bar = progress.add_task("starting", total=run["totalSessions"])
        while True:
            p = run["progress"]
            progress.update(bar, completed=p["done"],
                            description=f"{p['passed']} passed · {p['failed']} failed · "
                                        f"{p.get('inconclusive', 0)} inconclusive · {p.get('simulatorErrors', 0)} "
                                        f"simulator errors · {p['errors']} errors · {p['running']} running",
                            )  # fmt: skip
            if run.get("endedAt"):
                return run
            if time.monotonic() > deadline:
                raise _fail(f"the run did not end within {timeout:g} s (it goes on on the server)", GATE_FAILED)
            time.sleep(poll)
            run = _run(lambda run_id=run["id"]: client.get(f"/api/runs/{run_id}"))


def gate_problems(
    run: dict[str, Any], report: dict[str, Any] | None, threshold: float, max_inconclusive: float = 1.0
) -> list[str]:
    """Why the gate fails; empty when it passes."""
    problems = []
    calibration = run.get("calibration") or {}
    if calibration.get("status") == "not_calibrated":  # the suite requires a calibrated judge
        problems.append(calibration.get("message") or "judge not calibrated")
    overall = run.get("overall") or {}
    if run["status"] != "completed":
        problems.append(f"the run ended {run['status']}")
    inconclusive = int(overall.get("inconclusive") or 0)
    ended = sum(int(overall.get(k) or 0) for k in ("n", "inconclusive", "simulatorErrors", "errors"))
    if ended and inconclusive / ended > max_inconclusive:
        problems.append(f"{inconclusive} of {ended} sessions are inconclusive, more than --max-inconclusive allows "
                        f"({_pct(max_inconclusive)})")  # fmt: skip
    if not overall.get("n"):
        problems.append("no session was passed or failed (see the inconclusive sessions, simulator errors and errors)")
    elif overall["passRate"] < threshold:
        problems.append(f"pass rate {_pct(overall['passRate'])} is under the threshold {_pct(threshold)}")
    for cell in (report or {}).get("cells", []):
        if cell["change"] == "regressed":
            problems.append(f"regressed: {cell['personaName']} × {cell['objectiveName']}")
    return problems


# ---- judging ---------------------------------------------------------------------------------


@app.command("judge")
def judge_conversations(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="JSON or YAML: one conversation, a list, or {conversations: [...]}")],
    judge: Annotated[str | None, typer.Option(help="The judge model (else the workspace's)")] = None,
    repeats: Annotated[int | None, typer.Option(min=1, max=11, help="Independent judgements, majority")] = None,
    temperature: Annotated[float | None, typer.Option(min=0, max=2)] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write every answer as JSON")] = None,
    strict: Annotated[bool, typer.Option(help="Exit 1 when a conversation fails")] = False,
) -> None:
    """Judge conversations that did not happen in Mimic (persona, objective, transcript with
    senderType persona|agent and content), exactly as sessions are."""
    client = _client(ctx)
    options = {k: v for k, v in {"judgeModel": judge, "repeats": repeats, "temperature": temperature}.items()
               if v is not None}  # fmt: skip
    conversations = _run(lambda: cli_judging.items_of(_read_document(file), "conversations"))
    answers = [_run(lambda c=c: client.post("/api/judgements", {**c, **options})) for c in conversations]
    out.print(cli_judging.judged_table(answers))
    if json_path:
        json_path.write_text(json.dumps(answers, indent=2))
    if strict and any(a["verdict"]["outcome"] == "failed" for a in answers):
        raise typer.Exit(GATE_FAILED)


@app.command("calibrate")
def calibrate(
    ctx: typer.Context,
    calibration_set: Annotated[str, typer.Argument(metavar="SET", help="A set's name or id, or a JSON/YAML file")],
    judge: Annotated[str | None, typer.Option(help="The judge model (else the workspace's)")] = None,
    repeats: Annotated[int, typer.Option(min=1, max=11, help="Judgements per case (the flip rate needs 2+)")] = 1,
    temperature: Annotated[float | None, typer.Option(min=0, max=2)] = None,
    min_kappa: Annotated[float | None, typer.Option(help="Exit 1 when Cohen's kappa is under this")] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write the report as JSON")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait at most")] = 3600,
) -> None:
    """Run the judge over a calibration set and print its report (kept on the server)."""
    client = _client(ctx)
    set_id = _run(lambda: cli_judging.set_id(client.request, calibration_set, err.print))
    body = {"setId": set_id, "judgeModel": judge, "repeats": repeats, "temperature": temperature}
    report = _run(lambda: client.post("/api/calibrations", body))
    deadline = time.monotonic() + timeout
    while report["status"] == "running":
        if time.monotonic() > deadline:
            raise _fail(f"the report did not end within {timeout:g} s (it goes on on the server)", GATE_FAILED)
        time.sleep(0.5)
        report = _run(lambda r=report["id"]: client.get(f"/api/calibrations/{r}"))
    if report["status"] != "completed":
        raise _fail(f"the calibration failed: {(report.get('error') or {}).get('message', '')}", GATE_FAILED)
    out.print(cli_judging.report_text(report))
    if json_path:
        json_path.write_text(json.dumps(report, indent=2))
    if min_kappa is not None and (report["kappa"] is None or report["kappa"] < min_kappa):
        raise _fail(f"Cohen's kappa {report['kappa']} is under --min-kappa {min_kappa}", GATE_FAILED)


@app.command("rejudge")
def rejudge(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="A session id, or a run id with --run")],
    run: Annotated[bool, typer.Option("--run", help="Re-judge every session of the run")] = False,
    judge: Annotated[str | None, typer.Option(help="The judge model")] = None,
    repeats: Annotated[int | None, typer.Option(min=1, max=11)] = None,
    temperature: Annotated[float | None, typer.Option(min=0, max=2)] = None,
    wait: Annotated[bool, typer.Option(help="With --run: wait, then print the figures before and after")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait at most")] = 3600,
) -> None:
    """Judge a stored session (or every session of a run) again, without replaying it."""
    client = _client(ctx)
    body = {k: v for k, v in {"judgeModel": judge, "repeats": repeats, "temperature": temperature}.items()
            if v is not None}  # fmt: skip
    if not run:
        answer = _run(lambda: client.post(f"/api/sessions/{target}/judgements", body))
        out.print(f"judgement {answer['id']}: {answer['status']} · {answer['outcome']} ({answer['judgeModel']})")
        return
    before = _run(lambda: client.get(f"/api/runs/{target}"))
    state = _run(lambda: client.post(f"/api/runs/{target}/judgements", body))["rejudge"]
    out.print(f"re-judging {state['total']} sessions of run {target} with {state['judgeModel']}")
    if wait:
        after = _wait_rejudged(client, target, timeout)
        out.print(cli_judging.rejudged_text(before, after))


def _wait_rejudged(client: Client, run_id: str, timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        run = _run(lambda: client.get(f"/api/runs/{run_id}"))
        if run["rejudge"].get("status") != "running":
            return run
        if time.monotonic() > deadline:
            raise _fail(f"the re-judge did not end within {timeout:g} s (it goes on on the server)", GATE_FAILED)
        time.sleep(0.5)


if __name__ == "__main__":
    app(prog_name="mimic")
