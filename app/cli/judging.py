"""`mimic judge`, `mimic calibrate` and `mimic rejudge`: the judge measured from the command line
(conversations judged from a file, a calibration set run and gated on, stored sessions or a whole
run judged again), and what they print."""

from __future__ import annotations

import json
import time
from pathlib import Path
from typing import Annotated, Any

import typer
from mimic_sdk import MimicClient
from rich.table import Table

from app.cli.common import GATE_FAILED, client, err, fail, out, pct, read_document, run


def register(app: typer.Typer) -> None:
    app.command("judge")(judge_conversations)
    app.command("calibrate")(calibrate)
    app.command("rejudge")(rejudge)


def judge_conversations(
    ctx: typer.Context,
    file: Annotated[str, typer.Argument(help="JSON or YAML: one conversation, a list, or {conversations: [...]}")],
    judge: Annotated[str | None, typer.Option(help="The judge model (else the workspace's)")] = None,
    repeats: Annotated[int | None, typer.Option(min=1, max=11, help="Independent judgements, majority")] = None,
    temperature: Annotated[float | None, typer.Option(min=0, max=2)] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write every answer as JSON")] = None,
    strict: Annotated[bool, typer.Option(help="Exit 1 when a conversation fails")] = False,
) -> None:
    """Judge conversations that did not happen in Mimic (persona, objective, transcript with
    senderType persona|agent and content), exactly as sessions are."""
    api = client(ctx)
    options = {k: v for k, v in {"judgeModel": judge, "repeats": repeats, "temperature": temperature}.items()
               if v is not None}  # fmt: skip
    conversations = run(lambda: items_of(read_document(file), "conversations"))
    answers = [run(lambda c=c: api.judgements.judge({**c, **options})) for c in conversations]
    out.print(judged_table(answers))
    if json_path:
        json_path.write_text(json.dumps(answers, indent=2))
    if strict and any(a["verdict"]["outcome"] == "failed" for a in answers):
        raise typer.Exit(GATE_FAILED)


def calibrate(
    ctx: typer.Context,
    calibration_set: Annotated[str, typer.Argument(metavar="SET", help="A set's name or id, or a JSON/YAML file")],
    judge: Annotated[str | None, typer.Option(help="The judge model (else the workspace's)")] = None,
    repeats: Annotated[int, typer.Option(min=1, max=11, help="Judgements per case (the flip rate needs 2+)")] = 1,
    temperature: Annotated[float | None, typer.Option(min=0, max=2)] = None,
    min_kappa: Annotated[float | None, typer.Option(help="Exit 1 when Cohen's kappa is under this")] = None,
    json_path: Annotated[Path | None, typer.Option("--json", help="Write the report as JSON")] = None,
    timeout: Annotated[float, typer.Option(help="Seconds to wait at most")] = 3600,
) -> None:
    """Run the judge over a calibration set and print its report (kept on the server)."""
    api = client(ctx)
    set_ref = run(lambda: set_id(api, calibration_set))
    started = run(lambda: api.calibrations.start(set_ref, judge_model=judge, repeats=repeats, temperature=temperature))
    try:
        report = run(lambda: api.calibrations.wait(started["id"], timeout=timeout))
    except TimeoutError:
        raise fail(f"the report did not end within {timeout:g} s (it goes on on the server)", GATE_FAILED) from None
    if report["status"] != "completed":
        raise fail(f"the calibration failed: {(report.get('error') or {}).get('message', '')}", GATE_FAILED)
    out.print(report_text(report))
    if json_path:
        json_path.write_text(json.dumps(report, indent=2))
    if min_kappa is not None and (report["kappa"] is None or report["kappa"] < min_kappa):
        raise fail(f"Cohen's kappa {report['kappa']} is under --min-kappa {min_kappa}", GATE_FAILED)


def rejudge(
    ctx: typer.Context,
    target: Annotated[str, typer.Argument(help="A session id, or a run id with --run")],
    whole_run: Annotated[bool, typer.Option("--run", help="Re-judge every session of the run")] = False,
    judge: Annotated[str | None, typer.Option(help="The judge model")] = None,
    repeats: Annotated[int | None, typer.Option(min=1, max=11)] = None,
    temperature: Annotated[float | None, typer.Option(min=0, max=2)] = None,
    wait: Annotated[bool, typer.Option(help="With --run: wait, then print the figures before and after")] = False,
    timeout: Annotated[float, typer.Option(help="Seconds to wait at most")] = 3600,
) -> None:
    """Judge a stored session (or every session of a run) again, without replaying it."""
    api = client(ctx)
    body = {k: v for k, v in {"judgeModel": judge, "repeats": repeats, "temperature": temperature}.items()
            if v is not None}  # fmt: skip
    if not whole_run:
        answer = run(lambda: api.sessions.rejudge(target, body))
        out.print(f"judgement {answer['id']}: {answer['status']} · {answer['outcome']} ({answer['judgeModel']})")
        return
    before = run(lambda: api.runs.get(target))
    state = run(lambda: api.runs.rejudge(target, body))["rejudge"]
    out.print(f"re-judging {state['total']} sessions of run {target} with {state['judgeModel']}")
    if wait:
        out.print(rejudged_text(before, _wait_rejudged(api, target, timeout)))


def _wait_rejudged(api: MimicClient, run_id: str, timeout: float) -> dict[str, Any]:
    deadline = time.monotonic() + timeout
    while True:
        current = run(lambda: api.runs.get(run_id))
        if current["rejudge"].get("status") != "running":
            return current
        if time.monotonic() > deadline:
            raise fail(f"the re-judge did not end within {timeout:g} s (it goes on on the server)", GATE_FAILED)
        time.sleep(0.5)


# ---- what they print -------------------------------------------------------------------------


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


def set_id(api: MimicClient, ref: str) -> str:
    """An existing set (id or name), or a JSON/YAML file imported as a new set first."""
    path = Path(ref)
    if not path.is_file():
        return ref
    made = api.calibration_sets.import_(path.read_bytes(), format="json" if path.suffix == ".json" else "yaml")
    err.print(f"Imported calibration set {made['name']}: {made['caseCount']} cases, {made['criteriaCount']} criteria")
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
