"""`mimic test [FILE] [--suite NAME] [--url URL]`: run the suites of a mimic.yaml and gate on them.

Without --url (or MIMIC_URL) the suites run here, on Mimic's own engine and a throwaway
database, with no server and no port opened; with it, on that Mimic server (the file is pushed
first, so the runs land in its dashboard). Either way: a live progress display, a summary
table, JUnit XML, JSON and a Markdown summary for a pull-request comment, and the exit code
0 (every gate passed), 1 (a suite is under its thresholds) or 2 (the file, the configuration
or the infrastructure is wrong: nothing trustworthy was measured).
"""

from __future__ import annotations

import fnmatch
import json
import os
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from mimic_sdk import MimicError
from mimic_sdk.testing import Backend, ConfigurationError, RemoteBackend
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

from app.cli import reports
from app.cli.common import CANNOT_RUN, err, fail, make_client, out, pct, progress_text, result_table
from app.models.mimic_file import MimicFile
from app.services import mimic_file
from app.services.errors import ValidationFailed

DEFAULT_OUTPUT = Path("mimic-results")


def _load(path: Path) -> MimicFile:
    if not path.is_file():
        raise fail(f"{path}: no such file (write a mimic.yaml, or name one)")
    try:
        return mimic_file.load(path.read_bytes(), source=str(path))
    except ValidationFailed as exc:
        details = "\n".join(f"  {d.field}: {d.message}" for d in exc.details)
        raise fail(f"{path}: {exc.message}\n{details}") from None


def _cells_of(entry: Any, filters: list[str]) -> tuple[list[str], list[str]] | None:
    """The personas and objectives of a suite that every --filter lets through; None: nothing.
    A filter is `persona=GLOB`, `objective=GLOB`, `suite=GLOB`, or text found in any name."""
    personas, objectives = list(entry.matrix.personas), list(entry.matrix.objectives)
    for expression in filters:
        key, _, pattern = expression.partition("=") if "=" in expression else ("", "", expression)
        key = key.strip().lower()

        def match(name: str, glob: str = pattern.strip().lower()) -> bool:
            return fnmatch.fnmatch(name.lower(), glob)

        if key == "persona":
            personas = [p for p in personas if match(p)]
        elif key == "objective":
            objectives = [o for o in objectives if match(o)]
        elif key == "suite":
            if not match(entry.name):
                return None
        elif key:
            raise fail(f"--filter {expression!r}: use persona=, objective= or suite= (globs), or plain text")
        else:
            text = pattern.lower()
            if text not in entry.name.lower():
                personas_hit = [p for p in personas if text in p.lower()]
                objectives_hit = [o for o in objectives if text in o.lower()]
                if not personas_hit and not objectives_hit:
                    return None
                personas = personas_hit or personas
                objectives = objectives_hit or objectives
    return (personas, objectives) if personas and objectives else None


def _baseline(source: str | None, backend: Backend, remote: bool) -> dict[str, dict[str, Any]]:
    """Suite name -> the baseline run: a results JSON of an earlier `mimic test`, or a run id."""
    if not source:
        return {}
    path = Path(source)
    if path.is_file():
        try:
            document = json.loads(path.read_text())
            return {s["name"]: s["run"] for s in document["suites"]}
        except (ValueError, KeyError, TypeError) as exc:
            raise fail(f"--baseline {source}: not a results file of `mimic test --json` ({exc})") from None
    if not remote:
        raise fail(f"--baseline {source}: no such file (a run id works with --url only)")
    try:
        run = backend.get_run(source)
    except MimicError as exc:
        raise fail(f"--baseline {source}: {exc}") from None
    return {run["suiteName"]: run}


def test(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The mimic.yaml to run")] = Path("mimic.yaml"),
    suite: Annotated[list[str] | None, typer.Option("--suite", "-s", help="Run only this suite (repeatable)")] = None,
    url: Annotated[str | None, typer.Option(help="Run on this Mimic server (default: MIMIC_URL, else here)")] = None,
    repeat: Annotated[int | None, typer.Option(min=1, max=100, help="Sessions per cell, for every suite")] = None,
    filter_: Annotated[
        list[str] | None,
        typer.Option("--filter", "-k", help="persona=GLOB, objective=GLOB, suite=GLOB or text (repeatable: all apply)"),
    ] = None,
    max_concurrency: Annotated[int | None, typer.Option(min=1, max=1000, help="Sessions at once (local runs)")] = None,
    seed: Annotated[int | None, typer.Option(min=0, help="Seed of every suite (repeat r: seed + r - 1)")] = None,
    cache: Annotated[bool, typer.Option("--cache/--no-cache", help="Reuse earlier LLM answers (local)")] = False,
    cache_dir: Annotated[Path, typer.Option(help="Where --cache keeps the answers")] = Path(".mimic/cache"),
    max_inconclusive: Annotated[
        float | None,
        typer.Option(
            min=0,
            max=1,
            help="Largest share of ended sessions the judge may leave inconclusive "
            "(every suite; default: the file's maxInconclusiveRate, else any)",
        ),
    ] = None,  # fmt: skip
    baseline: Annotated[str | None, typer.Option(help="A results JSON of an earlier run, or a run id (--url)")] = None,
    output_dir: Annotated[Path, typer.Option("--output-dir", "-o", help="Where the reports go")] = DEFAULT_OUTPUT,
    junit: Annotated[Path | None, typer.Option(help="JUnit XML (default: OUTPUT_DIR/junit.xml)")] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="JSON (default: OUTPUT_DIR/results.json)")] = None,
    markdown: Annotated[Path | None, typer.Option(help="Markdown summary (default: OUTPUT_DIR/summary.md)")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait for the runs at most")] = 3600,
) -> None:
    """Run the suites of FILE (default mimic.yaml) and gate on their thresholds: exit 0 when
    every suite passes, 1 when one is under its thresholds, 2 when the file, the configuration
    or the infrastructure is wrong (or no session could be passed or failed). Inconclusive
    sessions and those the simulator spoiled are shown apart and never count against the
    agent. Locally by default (no server, nothing listening); on a Mimic server with --url."""
    document = _load(file)
    server = url or ctx.obj.get("url_given")
    chosen = [s for s in document.suites if not suite or s.name in suite]
    unknown = [name for name in suite or [] if name not in {s.name for s in document.suites}]
    if unknown or not chosen:
        raise fail(f"{file}: no suite named {unknown[0]!r}" if unknown else f"{file} has no suites to run")
    plans = []
    for entry in chosen:
        cells = _cells_of(entry, filter_ or [])
        if cells is not None:
            plans.append((entry, cells))
    if not plans:
        raise fail(f"--filter {' '.join(filter_ or [])}: no cell of any suite is left to run")
    variables = mimic_file.variables(document)
    missing = [name for name in variables if name not in os.environ]
    if missing and not server:
        raise fail("not set in the environment: " + ", ".join(f"${{{n}}}" for n in missing)
                   + f" (the agents of {file} need them)")  # fmt: skip
    if server and cache:
        err.print("[yellow]note:[/yellow] --cache applies to local runs; a server makes its own LLM calls")
    if server and max_concurrency:
        err.print("[yellow]note:[/yellow] --max-concurrency applies to local runs; the server has its own cap")
    backend = _backend(ctx, server, max_concurrency, cache_dir if cache else None)
    try:
        code = _run(backend, document, plans, file=file, remote=bool(server), repeat=repeat, seed=seed,
                    baseline=baseline, timeout=timeout, paths=_paths(output_dir, junit, json_path, markdown),
                    max_inconclusive=max_inconclusive,
                    env={n: os.environ[n] for n in variables if n in os.environ})  # fmt: skip
    finally:
        backend.close()
    raise typer.Exit(code)


def _paths(output_dir: Path, junit: Path | None, json_path: Path | None, markdown: Path | None) -> dict[str, Path]:
    return {"junit": junit or output_dir / "junit.xml", "json": json_path or output_dir / "results.json",
            "markdown": markdown or output_dir / "summary.md"}  # fmt: skip


def _backend(ctx: typer.Context, server: str | None, max_concurrency: int | None, cache_dir: Path | None) -> Backend:
    if server:
        return RemoteBackend(make_client(server, ctx.obj.get("api_key")))
    try:
        # Loaded for local runs only: the engine (and litellm) take seconds to import.
        from app.local import EmbeddedBackend  # noqa: PLC0415

        # Agents and LLM calls go through the outbound policy of the environment mimic runs in.
        return EmbeddedBackend(max_concurrency=max_concurrency, cache_dir=cache_dir,
                               outbound_allow=os.environ.get("MIMIC_OUTBOUND_ALLOW") or None)  # fmt: skip
    except Exception as exc:  # the throwaway database could not be made: an infrastructure error
        raise fail(f"cannot start Mimic here: {exc}") from None


def _run(backend: Backend, document: MimicFile, plans: list, *, file: Path, remote: bool, repeat: int | None,
         seed: int | None, baseline: str | None, timeout: float, paths: dict[str, Path],
         env: dict[str, str], max_inconclusive: float | None = None) -> int:  # fmt: skip
    try:
        backend.push(document.model_dump(by_alias=True, exclude_none=True, mode="json"), env)
        baselines = _baseline(baseline, backend, remote)
        started = []
        for entry, (personas, objectives) in plans:
            overrides: dict[str, Any] = {"repeats": repeat, "seed": seed}
            if personas != entry.matrix.personas:
                overrides["personas"] = personas
            if objectives != entry.matrix.objectives:
                overrides["objectives"] = objectives
            started.append((entry, backend.start_suite(entry.name, {k: v for k, v in overrides.items()
                                                                    if v is not None})))  # fmt: skip
        finished = _follow(backend, started, timeout)
    except (MimicError, ConfigurationError, TimeoutError) as exc:  # the embedded backend's errors included
        raise fail(str(exc)) from None
    outcomes = []
    for entry, run in finished:
        settings = mimic_file.effective(entry, document.defaults)
        thresholds = settings.thresholds.model_dump(by_alias=True, exclude_none=True) if settings.thresholds else {}
        if max_inconclusive is not None:
            thresholds["maxInconclusiveRate"] = max_inconclusive
        report = backend.run_report(run["id"])
        comparison = reports.compare(run, baselines[entry.name]) if entry.name in baselines else None
        outcomes.append(reports.evaluate(reports.SuiteOutcome(entry.name, run, report, thresholds, comparison)))
    code = reports.exit_code(outcomes)
    _print(outcomes)
    mode = "server" if remote else "local"
    for key, text in (("junit", reports.junit_document(outcomes)),
                      ("json", reports.results_document(outcomes, source=str(file), mode=mode, code=code)),
                      ("markdown", reports.markdown_summary(outcomes, code=code, mode=mode))):  # fmt: skip
        paths[key].parent.mkdir(parents=True, exist_ok=True)
        paths[key].write_text(text)
    err.print(f"Reports: {paths['junit']}, {paths['json']}, {paths['markdown']}")
    return code


def _follow(backend: Backend, started: list, timeout: float) -> list:
    deadline = time.monotonic() + timeout
    columns = (TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn())
    runs = {run["id"]: (entry, run) for entry, run in started}
    with Progress(*columns, console=err, transient=False) as progress:
        bars = {i: progress.add_task(entry.name, total=run["totalSessions"]) for i, (entry, run) in runs.items()}
        try:
            while True:
                for run_id, (entry, run) in list(runs.items()):
                    p = run["progress"]
                    progress.update(bars[run_id], completed=p["done"],
                                    description=f"{entry.name}: {progress_text(p)}")  # fmt: skip
                if all(run.get("endedAt") for _, run in runs.values()):
                    return list(runs.values())
                if time.monotonic() > deadline:
                    raise TimeoutError(f"the runs did not end within {timeout:g} s")
                time.sleep(0.25)
                for run_id, (entry, run) in list(runs.items()):
                    if not run.get("endedAt"):
                        runs[run_id] = (entry, backend.get_run(run_id))
        except KeyboardInterrupt:
            for run_id, (_, run) in runs.items():
                if not run.get("endedAt") and hasattr(backend, "cancel_run"):
                    backend.cancel_run(run_id)
            raise fail("interrupted: the runs were cancelled", CANNOT_RUN) from None


def _print(outcomes: list[reports.SuiteOutcome]) -> None:
    for outcome in outcomes:
        out.print(result_table(outcome.run))
        if outcome.comparison is not None:
            counts = {k: v for k, v in outcome.comparison["counts"].items() if v}
            out.print(f"  against the baseline: {counts or 'no change'}")
        overall = outcome.run.get("overall") or {}
        for problem in outcome.infrastructure:
            err.print(f"[magenta]![/magenta] {outcome.name}: {problem}")
        for problem in outcome.gate:
            err.print(f"[red]✗[/red] {outcome.name}: {problem}")
        if outcome.passed:
            err.print(f"[green]✓[/green] {outcome.name}: pass rate {pct(overall.get('passRate'))} "
                      f"≥ {pct(outcome.thresholds.get('passRate', 1.0))}")  # fmt: skip
