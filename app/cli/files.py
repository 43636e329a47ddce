"""mimic.yaml commands: validate a file, push it into a workspace, pull one out, print the schema."""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Annotated, Any

import typer

from app.cli.common import client, err, fail, out, run
from app.models.mimic_file import schema
from app.services import mimic_file
from app.services.errors import ValidationFailed

KINDS = ("personas", "objectives", "agents", "suites")


def register(app: typer.Typer) -> None:
    app.command()(validate)
    app.command()(push)
    app.command()(pull)
    app.command("schema")(print_schema)


def _parsed(path: Path) -> dict[str, Any]:
    if not path.is_file():
        raise fail(f"{path}: no such file")
    try:
        return mimic_file.parse(path.read_bytes(), source=str(path))
    except ValidationFailed as exc:
        raise fail(_problems(path, exc)) from None


def _problems(path: Path, exc: ValidationFailed) -> str:
    return f"{path}: {exc.message}\n" + "\n".join(f"  {d.field}: {d.message}" for d in exc.details)


def validate(file: Annotated[Path, typer.Argument(help="The file to check")] = Path("mimic.yaml")) -> None:
    """Check FILE against the schema and the rules (no inline secret, known names); list the
    environment variables its agents need."""
    try:
        document = mimic_file.validate(_parsed(file))
    except ValidationFailed as exc:
        raise fail(_problems(file, exc)) from None
    needed = mimic_file.variables(document)
    unset = [n for n in needed if n not in os.environ]
    counts = ", ".join(f"{len(getattr(document, k))} {k}" for k in KINDS)
    out.print(f"{file} is valid: {counts}")
    if needed:
        out.print("variables: " + ", ".join(f"${{{n}}}" + (" (not set)" if n in unset else "") for n in needed))


def push(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The mimic.yaml to push")] = Path("mimic.yaml"),
    dry_run: Annotated[bool, typer.Option("--dry-run", help="Say what would change; change nothing")] = False,
) -> None:
    """Push FILE into the workspace: items are matched by name, created or replaced; nothing
    else changes. The agents' ${NAME} references are read from this environment and kept as
    references (a pull writes them back, never the values)."""
    raw = _parsed(file)
    try:
        document = mimic_file.validate(raw)
    except ValidationFailed as exc:
        raise fail(_problems(file, exc)) from None
    env = {n: os.environ[n] for n in mimic_file.variables(document) if n in os.environ}
    summary = run(lambda: client(ctx).mimic_file.push(raw, env=env, dry_run=dry_run))
    verb = "would be" if dry_run else "were"
    for state in ("created", "updated", "unchanged"):
        for kind, names in summary[state].items():
            out.print(f"{state:>9} {kind}: {', '.join(names)}")
    err.print(f"{file} pushed to {client(ctx).base_url}" if not dry_run else f"dry run: nothing {verb} changed")


def _ordered(pulled: dict[str, Any], previous: dict[str, Any]) -> dict[str, Any]:
    """The pulled items in the order of the file they update (new ones after)."""
    for kind in KINDS:
        order = {item.get("name"): i for i, item in enumerate(previous.get(kind) or []) if isinstance(item, dict)}
        if kind in pulled:
            pulled[kind].sort(key=lambda item: order.get(item["name"], len(order)))
    return pulled


def pull(
    ctx: typer.Context,
    file: Annotated[Path, typer.Argument(help="The mimic.yaml to write (updated in place)")] = Path("mimic.yaml"),
    everything: Annotated[bool, typer.Option("--all", help="The whole workspace, not only the file's items")] = False,
    suite: Annotated[list[str] | None, typer.Option(help="Only this suite (repeatable)")] = None,
    stdout: Annotated[bool, typer.Option("--stdout", help="Print instead of writing FILE")] = False,
) -> None:
    """Pull the workspace into FILE. When FILE exists, its items are brought up to date (and
    only them, unless --all); otherwise everything is pulled. Secrets come as ${NAME} references.
    The file is rewritten whole: keep notes in the items' descriptions, not in YAML comments."""
    previous = _parsed(file) if file.is_file() else {}
    names: dict[str, list[str]] | None = None
    if suite:
        names = {"suites": list(suite)}
    elif previous and not everything:
        names = {k: [i.get("name") for i in previous.get(k) or [] if isinstance(i, dict)] for k in KINDS}
    api = client(ctx)
    if names is None:
        result = run(lambda: api.mimic_file.pull())
    else:
        result = run(lambda: api.mimic_file.pull(**names, defaults=bool(previous.get("defaults")) or not previous))
    for warning in result["warnings"]:
        err.print(f"[yellow]warning:[/yellow] {warning}")
    for kind, missing in result["missing"].items():
        err.print(f"[yellow]not in the workspace:[/yellow] {kind}: {', '.join(missing)}")
    text = mimic_file.dump(_ordered(result["document"], previous))
    if stdout:
        out.print(text, end="", markup=False, highlight=False, soft_wrap=True)
        return
    header = "".join(line + "\n" for line in (file.read_text().splitlines() if file.is_file() else [])
                     if line.startswith("# yaml-language-server"))  # fmt: skip
    file.write_text(header + text)
    counts = ", ".join(f"{len(result['document'].get(k, []))} {k}" for k in KINDS)
    err.print(f"{file} written from {api.base_url}: {counts}")


def print_schema(output: Annotated[Path | None, typer.Option("--output", "-o", help="Write it here")] = None) -> None:
    """The JSON Schema of mimic.yaml (also served at /api/schemas/mimic.yaml.json)."""
    text = json.dumps(schema(), indent=2, ensure_ascii=False) + "\n"
    if output:
        output.write_text(text)
    else:
        out.print(text, end="", markup=False, highlight=False, soft_wrap=True)
