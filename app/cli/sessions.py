"""`mimic sessions`: export a session (JSON, Markdown, or a browser session's printable HTML
report) and read the pages a browser session went through, with its findings on each."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Annotated

import typer
from rich.markup import escape

from app.cli.common import client, err, fail, out, run

sessions_app = typer.Typer(help="Sessions: export one, read a browser session's pages.", no_args_is_help=True)


def register(app: typer.Typer) -> None:
    app.add_typer(sessions_app, name="sessions")


@sessions_app.command("export")
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
    answer = run(lambda: api.sessions.report(session_id) if format == "html"
                 else api.sessions.export(session_id, format=format))  # fmt: skip
    document = answer if isinstance(answer, str) else json.dumps(answer, indent=2, ensure_ascii=False)
    if output is None:
        sys.stdout.write(document)
    else:
        output.write_text(document, encoding="utf-8")
        err.print(f"wrote {output}")


@sessions_app.command("pages")
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
