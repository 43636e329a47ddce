"""`mimic`: the command line for scripts and CI, on the Python SDK (mimic_sdk).

    mimic test mimic.yaml                        # run the file's suites here: no server, nothing listening
    mimic test mimic.yaml --url https://mimic.example.com   # ... or on a Mimic server
    mimic push mimic.yaml / mimic pull mimic.yaml   # the file into a workspace, and back
    mimic login                                   # email + password; the token is kept in ~/.config/mimic
    mimic personas create persona.yaml
    mimic suites new --name Smoke --agent "Demo agent" --persona Dana --objective "Order status" --repeats 3
    mimic run Smoke --wait --threshold 0.9 --baseline <run id> --junit report.xml --json run.json
    mimic judge conversations.yaml --judge openai/gpt-4o-mini --repeats 3
    mimic calibrate support-set.yaml --judge openai/gpt-4o-mini --repeats 3 --min-kappa 0.6

Credentials: --api-key or MIMIC_API_KEY, else the token `mimic login` stored. The server:
--url or MIMIC_URL, else the one you logged in to, else http://localhost:3000.

Exit codes: 0 done (and, for `test` and `run --wait`, the gate passed); 1 the gate failed (a
pass rate under its threshold, too many inconclusive sessions, a cell regressed against the
baseline, too many findings, a suite that requires a calibrated judge whose judge is not;
`calibrate --min-kappa` and `judge --strict` too); 2 the command could not be carried out (usage, the file,
credentials, network, infrastructure). Pass rates count passed and failed sessions only:
inconclusive sessions, those the simulated persona spoiled and infrastructure errors are shown
apart and never count against the agent.
"""

from __future__ import annotations

from typing import Annotated

import typer

from app.cli import files, judging, resources, run_tests
from app.cli.common import DEFAULT_URL, load_config, make_client

app = typer.Typer(
    help="Mimic from the command line: tests as code (mimic.yaml), resources, suite runs and CI gates.",
    no_args_is_help=True,
    add_completion=False,
)


@app.callback()
def main(
    ctx: typer.Context,
    url: Annotated[str | None, typer.Option(envvar="MIMIC_URL", help="The Mimic server")] = None,
    api_key: Annotated[str | None, typer.Option(envvar="MIMIC_API_KEY", help="An API key (else the login)")] = None,
) -> None:
    stored = load_config()
    ctx.obj = {
        "client": make_client(url, api_key),
        "url": url or stored.get("url") or DEFAULT_URL,
        "url_given": url,  # `mimic test` runs locally unless a server was named
        "api_key": api_key,
    }


resources.register(app)
files.register(app)
judging.register(app)
app.command("test")(run_tests.test)

__all__ = ["app"]
