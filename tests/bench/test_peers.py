"""bench/peers.py's quick mode runs whole (stubs, the loop, Mimic's server over REST) and
prints every figure, with no errors. Figures are checked for sense, never against a time."""

from __future__ import annotations

import os
import re
import subprocess
import sys

from app.settings import PROJECT_ROOT

ROWS = ("ms per turn (stub at 0 ms)", "CPU ms per turn", "5 at 200 ms: efficiency %", "5 at 200 ms: CPU ms per turn",
        "5 at 200 ms: turns/s", "errors", "peak RSS MB")  # fmt: skip


def test_the_quick_mode_prints_sane_figures() -> None:
    env = {**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "MIMIC_BENCH_QUICK": "1"}
    run = subprocess.run([sys.executable, "bench/peers.py"], cwd=PROJECT_ROOT, env=env, capture_output=True,
                         text=True, timeout=600)  # fmt: skip
    assert run.returncode == 0, run.stdout[-3000:] + run.stderr[-3000:]
    rows = {}
    for line in run.stdout.splitlines():
        match = re.match(r"^(.+?)\s{2,}(-?[\d.]+)\s+(-?[\d.]+)\s+(\S+)$", line)
        if match:
            rows[match.group(1).strip()] = (float(match.group(2)), float(match.group(3)), match.group(4))
    assert set(ROWS) <= set(rows), run.stdout
    assert rows["errors"][:2] == (0.0, 0.0)
    for label in ROWS:
        if label == "errors":
            continue
        loop, mimic, ratio = rows[label]
        assert loop > 0 and mimic > 0, (label, rows[label])
        assert ratio.endswith("x") and float(ratio[:-1]) > 0, rows[label]  # Mimic's figure over the loop's
    # A conversation never ends sooner than the model calls it waits for one after another (the
    # judge's two passes at once count as one), beyond the clock's noise.
    assert rows["5 at 200 ms: ms beyond the model"][1] >= -20 and rows["5 at 200 ms: ms beyond the model"][0] >= -20
    # Every conversation ran its turns: 3 calls of the persona, judged (verdict and audit).
    assert re.search(r"LLM calls per conversation: loop 4, Mimic 5", run.stdout), run.stdout
