"""How far the judge agrees with careful human readers, on the hand-labelled set of
tests/data/judge_labelled_set.yaml (40 support conversations, 122 criteria, 27 expected
findings, with traps: sarcastic thanks, a hallucinated refund, a wrong date accepted by the
persona, another customer's data, a leaked system prompt, a conversation cut mid-flow...).

Prints, per judge: accuracy, Cohen's kappa, the 3x3 confusion matrix (rows: the label,
columns: the judge), met/not-met flips, false passes (met where a reader said otherwise),
findings recall by type (and which were missed), false alarms, the outcomes, and the time.

The offline judge is always measured. A judge model is measured too when set:

    MIMIC_BENCH_JUDGE_MODEL=openai/gpt-4o-mini OPENAI_API_KEY=... make bench
    MIMIC_BENCH_JUDGE_MODEL=openai/my-model MIMIC_BENCH_JUDGE_BASE_URL=http://localhost:8000/v1 \\
        MIMIC_BENCH_JUDGE_API_KEY=... .venv/bin/python bench/judge.py

(the model id is litellm's; without a base URL or key, litellm reads the provider's usual
environment variables). `--set PATH` scores another labelled set in the same format.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import time
from collections import Counter
from pathlib import Path

from app.engine.context import ModelChoice
from app.llm import Credentials
from app.services.calibration import STATUSES, judge_set, load_set, score

DEFAULT_SET = Path(__file__).resolve().parents[1] / "tests" / "data" / "judge_labelled_set.yaml"


def _pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


async def measure(label: str, model: ModelChoice, path: Path) -> None:
    calibration = load_set(path)
    started = time.perf_counter()
    results = await judge_set(calibration, model)
    seconds = time.perf_counter() - started
    s = score(results)
    print(f"\n## {label} ({model.id}) on {calibration.name} v{calibration.version}: {len(results)} conversations, "
          f"{s.criteria} criteria, {seconds:.1f} s")  # fmt: skip
    print(f"accuracy {_pct(s.accuracy)}   Cohen's kappa {s.kappa:.3f}   met/not_met flips {s.flips}   "
          f"false passes {len(s.false_passes)}")  # fmt: skip
    print("confusion (rows: label, columns: judge)")
    print(f"{'':>14} " + " ".join(f"{c:>13}" for c in STATUSES))
    for row in STATUSES:
        print(f"{row:>14} " + " ".join(f"{s.confusion[row][col]:>13}" for col in STATUSES))
    print(f"findings recall {s.findings_recalled}/{s.findings_expected} ({_pct(s.findings_recall)})   "
          f"false alarms {s.false_alarms}")  # fmt: skip
    if s.missed_findings:
        print("missed findings: " + ", ".join(s.missed_findings))
    if s.false_passes:
        print("FALSE PASSES: " + ", ".join(s.false_passes))
    outcomes = Counter(r.judgement.outcome for r in results)
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    hard = [pair for r in results if r.case.hard for pair in r.pairs]
    if hard:
        print(f"accuracy on cases marked hard: {_pct(sum(a == b for a, b in hard) / len(hard))} ({len(hard)} criteria)")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="a labelled set (YAML or JSON)")
    args = parser.parse_args()
    await measure("offline judge", ModelChoice("mimic/offline"), args.set)
    model = os.environ.get("MIMIC_BENCH_JUDGE_MODEL")
    if model:
        credentials = Credentials(api_key=os.environ.get("MIMIC_BENCH_JUDGE_API_KEY") or None,
                                  api_base=os.environ.get("MIMIC_BENCH_JUDGE_BASE_URL") or None)  # fmt: skip
        await measure("judge model", ModelChoice(model, 0, credentials), args.set)
    else:
        print("\n(set MIMIC_BENCH_JUDGE_MODEL, and MIMIC_BENCH_JUDGE_BASE_URL / MIMIC_BENCH_JUDGE_API_KEY, "
              "to measure a judge model too)")  # fmt: skip


if __name__ == "__main__":
    asyncio.run(main())
