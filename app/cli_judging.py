"""What `mimic judge`, `mimic calibrate` and `mimic rejudge` print and read (app/cli.py has the
commands): conversations from a document, the table of judged conversations, a calibration set
given as a file (imported first), a calibration report as text, a re-judged run before and after."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any

from rich.table import Table


def pct(value: float | None) -> str:
    return "—" if value is None else f"{value * 100:.1f}%"


def items_of(document: Any, key: str) -> list[Any]:
    """One item, a list, or {key: [...]}."""
    if isinstance(document, dict) and isinstance(document.get(key), list):
        return document[key]
    return document if isinstance(document, list) else [document]


def judged_table(answers: list[dict[str, Any]]) -> Table:
    table = Table(title=f"{len(answers)} conversations judged")
    for header in ("Reference", "Outcome", "Criteria met", "Unstable", "Findings", "Judge"):
        table.add_column(header)
    for a in answers:
        v = a["verdict"]
        met = sum(1 for c in v["criteria"] if c["status"] == "met")
        table.add_row(a.get("reference") or a["id"][:8], v["outcome"] or "—", f"{met}/{len(v['criteria'])}",
                      str(sum(1 for c in v["criteria"] if c.get("unstable"))),
                      ", ".join(f"{f['type']} ({f['severity']})" for f in a["findings"]) or "—",
                      f"{v['judgeModel']} · {v['promptVersion']}")  # fmt: skip
    return table


def set_id(request: Callable[..., Any], ref: str, say: Callable[[str], Any]) -> str:
    """An existing set (id or name), or a JSON/YAML file imported as a new set first."""
    path = Path(ref)
    if not path.is_file():
        return ref
    kind = "json" if path.suffix == ".json" else "yaml"
    made = request("POST", "/api/calibration-sets/import", content=path.read_bytes(),
                   headers={"Content-Type": f"application/{kind}"}).json()  # fmt: skip
    say(f"Imported calibration set {made['name']}: {made['caseCount']} cases, {made['criteriaCount']} criteria")
    return made["id"]


def report_text(r: dict[str, Any]) -> str:
    m, f = r["metrics"], r["metrics"].get("findings", {})
    confusion = m.get("confusion", {})
    rows = ["label ↓ judge →    met  not_met  inconclusive"] + [
        f"{label:<17}" + "".join(f"{confusion.get(label, {}).get(j, 0):>{w}}"
                                 for j, w in (("met", 5), ("not_met", 9), ("inconclusive", 14)))
        for label in ("met", "not_met", "inconclusive")
    ]  # fmt: skip
    kappa = "—" if r["kappa"] is None else f"{r['kappa']:.3f}"
    false_passes = len(m.get("falsePasses", []))
    return "\n".join([
        f"{r['judgeModel']} · prompt {r['promptVersion']} on {r['setName']} ({r['criteriaCount']} criteria, "
        f"{r['repeats']} judgement(s) each)",
        f"accuracy {pct(r['accuracy'])}   Cohen's kappa {kappa}   met/not-met flips {m.get('flips')}   "
        f"confusions with inconclusive {m.get('inconclusiveConfusions')}   false passes {false_passes}",
        *rows,
        f"findings recall {pct(f.get('recallStrict'))} strict, {pct(f.get('recallLenient'))} lenient; severity "
        f"agreement {pct(f.get('severityAgreement'))}; false alarms {f.get('falseAlarms')}",
        f"accuracy on hard cases {pct((m.get('hard') or {}).get('accuracy'))}; flip rate {pct(m.get('flipRate'))}",
    ])  # fmt: skip


def rejudged_text(before: dict[str, Any], after: dict[str, Any]) -> str:
    """A re-judged run's figures against those it had before."""
    state, was, now = after["rejudge"], before.get("overall") or {}, after.get("overall") or {}
    lines = [f"{state['done']} of {state['total']} sessions judged again ({state['failed']} failed to judge)"]
    for label, key in (("pass rate", "passRate"), ("passed", "passed"), ("failed", "failed"),
                       ("inconclusive", "inconclusive"), ("unstable", "unstable")):  # fmt: skip
        old, new = was.get(key), now.get(key)
        shown = (pct(old), pct(new)) if key == "passRate" else (str(old if old is not None else "—"), str(new))
        lines.append(f"{label:<13} {shown[0]:>8} → {shown[1]:<8}" + ("" if old == new else "  changed"))
    calibration = after.get("calibration") or {}
    if calibration.get("required"):
        lines.append(calibration.get("message", ""))
    return "\n".join(lines)
