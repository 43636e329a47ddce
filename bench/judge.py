"""How far the judge agrees with careful human readers, on the hand-labelled set of
tests/data/judge_labelled_set.yaml (40 support conversations, 122 criteria, 27 expected
findings, with traps: sarcastic thanks, a hallucinated refund, a wrong date accepted by the
persona, another customer's data, a leaked system prompt, a conversation cut mid-flow...).

Prints, per judge: accuracy, Cohen's kappa, the 3x3 confusion matrix (rows: the label,
columns: the judge), met/not-met flips apart from confusions with inconclusive, false passes
(met where a reader said otherwise), accuracy per category and on hard cases, findings recall
strict (by type) and lenient (within families) with what was missed, severity agreement,
false alarms, the outcomes, the time, and with `--repeats N` the judge's flip rate. The
scoring is app/services/calibration.py's, the one the API and `mimic calibrate` use.

The offline judge is always measured. A judge model is measured too when set:

    MIMIC_BENCH_JUDGE_MODEL=openai/gpt-4o-mini OPENAI_API_KEY=... make bench
    MIMIC_BENCH_JUDGE_MODEL=openai/my-model MIMIC_BENCH_JUDGE_BASE_URL=http://localhost:8000/v1 \\
        MIMIC_BENCH_JUDGE_API_KEY=... .venv/bin/python bench/judge.py

(the model id is litellm's; without a base URL or key, litellm reads the provider's usual
environment variables). `--set PATH` scores another labelled set in the same format;
`--repeats N` judges each case N times (temperature 0.7) and prints the flip rate.
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


async def measure(label: str, model: ModelChoice, path: Path, repeats: int = 1) -> None:
    calibration = load_set(path)
    started = time.perf_counter()
    results = await judge_set(calibration, model, repeats=repeats)
    seconds = time.perf_counter() - started
    s = score(results)
    print(f"\n## {label} ({model.id}) on {calibration.name} v{calibration.version}: {len(results)} conversations, "
          f"{s.criteria} criteria, {repeats} judgement(s) each, {seconds:.1f} s")  # fmt: skip
    print(f"accuracy {_pct(s.accuracy)}   Cohen's kappa {s.kappa:.3f}   met/not_met flips {s.flips}   "
          f"confusions with inconclusive {s.inconclusive_confusions}   false passes {len(s.false_passes)}")  # fmt: skip
    print("confusion (rows: label, columns: judge)")
    print(f"{'':>14} " + " ".join(f"{c:>13}" for c in STATUSES))
    for row in STATUSES:
        print(f"{row:>14} " + " ".join(f"{s.confusion[row][col]:>13}" for col in STATUSES))
    print(f"findings recall {s.findings_recalled}/{s.findings_expected} strict ({_pct(s.findings_recall)}), "
          f"{s.findings_recalled_lenient} lenient ({_pct(s.findings_recall_lenient)}); critical "
          f"{s.critical_recalled}/{s.critical_expected}; severity agreement {_pct(s.severity_agreement)}; "
          f"false alarms {s.false_alarms}")  # fmt: skip
    if s.missed_findings:
        print("missed findings: " + ", ".join(s.missed_findings))
    if s.false_passes:
        print("FALSE PASSES: " + ", ".join(s.false_passes))
    outcomes = Counter(r.judgement.outcome for r in results)
    print("outcomes: " + ", ".join(f"{k} {v}" for k, v in sorted(outcomes.items())))
    print("accuracy per category: " + ", ".join(f"{name} {_pct(c['accuracy'])} ({c['criteria']})"
                                                for name, c in s.by_category.items()))  # fmt: skip
    if s.hard.get("criteria"):
        print(f"accuracy on cases marked hard: {_pct(s.hard['accuracy'])} ({s.hard['criteria']} criteria)")
    if repeats > 1:
        print(f"flip rate {_pct(s.flip_rate)} of {s.repeated_criteria} criteria; unstable {s.unstable_criteria}")


async def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", type=Path, default=DEFAULT_SET, help="a labelled set (YAML or JSON)")
    parser.add_argument("--repeats", type=int, default=1, help="judgements per case (the flip rate needs 2 or more)")
    args = parser.parse_args()
    await measure("offline judge", ModelChoice("mimic/offline"), args.set, args.repeats)
    model = os.environ.get("MIMIC_BENCH_JUDGE_MODEL")
    if model:
        credentials = Credentials(api_key=os.environ.get("MIMIC_BENCH_JUDGE_API_KEY") or None,
                                  api_base=os.environ.get("MIMIC_BENCH_JUDGE_BASE_URL") or None)  # fmt: skip
        await measure("judge model", ModelChoice(model, None, credentials), args.set, args.repeats)
    else:
        print("\n(set MIMIC_BENCH_JUDGE_MODEL, and MIMIC_BENCH_JUDGE_BASE_URL / MIMIC_BENCH_JUDGE_API_KEY, "
              "to measure a judge model too)")  # fmt: skip


if __name__ == "__main__":
    asyncio.run(main())
