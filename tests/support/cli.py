"""The `mimic` command line run in the test process (typer's runner): what a command does is the
same as in its own process, without the seconds a process start costs (litellm's import above
all). Tests that need a real process (no port opened, the installed wrapper, a stored login read
by another process) start one."""

from __future__ import annotations

import contextlib
import subprocess
from pathlib import Path

from typer.testing import CliRunner

from app.cli import app
from app.cli.common import err, out
from app.db import get_engine
from app.settings import settings


def _invoke(args: list[str], env: dict[str, str | None]) -> subprocess.CompletedProcess:
    # The consoles were made at import, in whatever terminal the test process had (a pytest-xdist
    # worker has none: 80 columns); a wide one here, as COLUMNS says.
    out.width = err.width = 200
    result = CliRunner().invoke(app, args, env={"COLUMNS": "200", "MIMIC_URL": None, "MIMIC_API_KEY": None, **env},
                                catch_exceptions=False)  # fmt: skip
    # Whitespace collapsed: no line breaks where a console wraps.
    return subprocess.CompletedProcess(args, result.exit_code, " ".join(result.stdout.split()),
                                       " ".join(result.stderr.split()))  # fmt: skip


def run_cli(*args: str, env: dict[str, str | None]) -> subprocess.CompletedProcess:
    """`mimic ARGS` with `env` (None unsets a variable) for commands that start no engine: exit
    code, stdout and stderr as a process would give them."""
    # A local `mimic test` that got past its checks starts the engine: run_local_test says so.
    assert args[0] != "test" or env.get("MIMIC_URL") or env.get("SUPPORT_BOT_TOKEN") is None, args
    return _invoke(list(args), env)


def run_local_test(*args: str, env: dict[str, str | None], cwd: Path) -> subprocess.CompletedProcess:
    """`mimic test ARGS` run here, in `cwd`, with no server: Mimic's engine on its throwaway
    database in this process, as the pytest plugin runs it (app/local/embedded.py puts back the
    settings, scheduler and event loop it changes when the run ends)."""
    before = {name: getattr(settings, name) for name in ("database_url", "data_dir", "outbound_allow", "redis_url")}
    with contextlib.chdir(cwd):
        result = _invoke(["test", *args], env)
    assert {name: getattr(settings, name) for name in before} == before, "the local run left its settings behind"
    assert get_engine().url.render_as_string(hide_password=False) == settings.database_url
    return result
