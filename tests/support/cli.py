"""The `mimic` command line run in the test process (typer's runner) for commands that start no
engine: what the command does is the same as in its own process, without the seconds a process
start costs. Tests that need a real process (no port opened, the engine, the installed wrapper)
start one."""

from __future__ import annotations

import subprocess

from typer.testing import CliRunner

from app.cli import app


def run_cli(*args: str, env: dict[str, str | None]) -> subprocess.CompletedProcess:
    """`mimic ARGS` with `env` (None unsets a variable); exit code, stdout and stderr as a process
    would give them, whitespace collapsed (no line breaks where a console wraps)."""
    # Never an engine here: a local `mimic test` that got past its checks would take over this process.
    assert args[0] != "test" or env.get("MIMIC_URL") or env.get("SUPPORT_BOT_TOKEN") is None, args
    result = CliRunner().invoke(app, list(args), env={"COLUMNS": "200", "MIMIC_URL": None, "MIMIC_API_KEY": None,
                                                      **env}, catch_exceptions=False)  # fmt: skip
    return subprocess.CompletedProcess(args, result.exit_code, " ".join(result.stdout.split()),
                                       " ".join(result.stderr.split()))  # fmt: skip
