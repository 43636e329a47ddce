"""The pytest plugin (entry point `mimic` of mimic-sdk) on the examples in examples/pytest/, run
by pytest as a user would: all pass against the example bot; against a broken version the
order test fails with a message that names the failed criterion and shows the transcript."""

from __future__ import annotations

import os
import subprocess
import sys

from app.settings import PROJECT_ROOT


def _pytest(*args: str, **env: str) -> subprocess.CompletedProcess:
    merged = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), **env}
    for name in ("MIMIC_URL", "MIMIC_DATABASE_URL", "MIMIC_DATA_DIR", "SUPPORT_BOT_BROKEN"):
        if name not in env:
            merged.pop(name, None)
    command = [sys.executable, "-m", "pytest", "-p", "mimic", "-p", "no:cacheprovider", "-q",
               str(PROJECT_ROOT / "examples" / "pytest"), *args]  # fmt: skip
    return subprocess.run(command, cwd=PROJECT_ROOT, env=merged, capture_output=True, text=True, timeout=600)


def test_the_examples_pass_against_the_example_bot() -> None:
    result = _pytest()
    assert result.returncode == 0, result.stdout[-3000:] + result.stderr[-2000:]
    assert "4 passed" in result.stdout


def test_a_failing_example_reads_well() -> None:
    result = _pytest("-k", "dana or opening_hours_every_time", SUPPORT_BOT_BROKEN="order")
    assert result.returncode == 1, result.stdout[-3000:]
    assert "1 failed, 1 passed" in result.stdout
    output = result.stdout
    # The assertion line names the criterion; the section has the reasoning and the transcript.
    assert "failed: not_met: The agent gives the delivery date of order A-10482>" in output
    assert "Mimic: what did not pass" in output
    assert "✗ [not_met] The agent gives the delivery date of order A-10482" in output
    assert "transcript:" in output and "agent: Sorry, I cannot help with that." in output
