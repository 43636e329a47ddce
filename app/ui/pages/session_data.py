"""/sessions/<id>: what the page shows, read in one go in a worker thread (AuthState._call
gives it a database unit of work) and shaped into plain state values: the transcript with
each message's model, tokens and cost; the verdict's rows with their citations; the facts of
the session (models per role, seed, start, duration, turns, tokens and cost); spending per
role; where it came from (its run and suite cell); a browser session's steps; a call's
figures. Nothing here holds an ORM row."""

from __future__ import annotations

from datetime import datetime
from typing import Any

from sqlmodel import Session

from app import llm
from app.models.judgement import VerdictPublic
from app.models.session import TERMINAL_STATUSES, SessionDetail
from app.services import agents, browser_sessions, runs, session_usage, sessions, voice, wording
from app.services.access import Principal
from app.services.errors import ServiceError
from app.ui import formatting
from app.ui.components import browser as browser_ui
from app.ui.components import voice as voice_ui
from app.ui.components.verdict_rows import Citation, FindingRow, VerdictRow

# The page keeps the last messages only; the export has the whole transcript.
SHOWN_MESSAGES = 300
ROLE_NAMES = {"simulator": "Persona simulator", "agent": "Agent (hosted model)", "judge": "Judge"}


def money(cost: float | None) -> str:
    if cost is None:
        return ""
    return "$0" if cost == 0 else f"${cost:.4f}" if cost >= 0.0001 else "< $0.0001"


def duration_text(ms: int | None) -> str:
    if ms is None:
        return "—"
    seconds = ms / 1000
    if seconds < 60:
        return f"{seconds:.1f} s"
    minutes, rest = divmod(round(seconds), 60)
    return f"{minutes} min {rest} s" if minutes < 60 else f"{minutes // 60} h {minutes % 60} min"


def when(moment: datetime | None) -> str:
    return formatting.when(moment, seconds=True, zone=True)


def message_row(m: dict) -> dict[str, str]:
    """A message (REST shape, camelCase) as a bubble: number, words, flags, what it cost."""
    latency = m.get("latencyMs")
    sender = str(m.get("senderType") or m.get("role", ""))
    content = str(m.get("content", ""))
    meta = m.get("metadata") or m.get("meta") or {}
    unheard = bool(m.get("unrecognized") or meta.get("unrecognized"))
    empty = not unheard and (bool(m.get("empty")) or (sender == "agent" and not content.strip()))
    flags = ["empty reply" if empty else "", "speech not recognised" if unheard else "",
             "truncated" if m.get("truncated") else ""]  # fmt: skip
    prompt, completion = m.get("promptTokens"), m.get("completionTokens")
    usage = [str(m.get("model") or "")]
    if prompt is not None or completion is not None:
        usage.append(f"{(prompt or 0) + (completion or 0)} tokens ({prompt or 0} in, {completion or 0} out)")
    usage.append(money(m.get("cost")))
    return {
        "id": str(m.get("id", "")),
        "sender": sender,
        "content": content,
        "latency": f"{latency} ms" if latency is not None else "",
        "sequence": str(m.get("sequence", "")),
        "flags": " · ".join(f for f in flags if f),
        "usage": " · ".join(u for u in usage if u),
        **voice_ui.placed(meta),  # voice: where it is in the recording (the bubble plays it from there)
    }


def cite(ids: list, messages: list[dict[str, str]], steps: list[dict[str, str]]) -> list[Citation]:
    """Evidence ids as links to the numbered messages, or to a browser session's steps."""
    cited = []
    for message_id in (str(i) for i in ids if isinstance(i, str | int)):
        event_id = message_id.split(":", 1)[0]
        step = next((s for s in steps if s["id"] == event_id), None)
        if step is not None:
            label = "start" if step["kind"] == "navigation" else f"step {step['step']}"
            cited.append(Citation(label=label, anchor=f"#step-{event_id}", kind="step"))
            continue
        number = next((m["sequence"] for m in messages if m["id"] == message_id), None)
        cited.append(Citation(label=f"#{number}", anchor=f"#message-{number}") if number
                     else Citation(label="(not shown)", anchor=""))  # fmt: skip
    return cited


def verdict_row(v: VerdictPublic, messages: list[dict[str, str]], steps: list[dict[str, str]]) -> VerdictRow:
    return VerdictRow(criterion=v.criterion, status=v.status, reasoning=v.reasoning, blame=v.blame or "",
                      source=v.source, gating=v.gating, resolved_by=v.resolved_by or "",
                      evidence=cite(v.evidence_message_ids, messages, steps), agreement=v.agreement,
                      unstable=v.unstable)  # fmt: skip


def _facts(detail: SessionDetail, turns: int) -> list[dict[str, str]]:
    """The session at a glance: the model of each role, seed, start, duration, turns, spending."""
    llm_config, verdict = detail.llm_config, detail.verdict
    judge = (verdict.judge_model if verdict and verdict.judge_model else None) or llm_config.get("judgeModel")
    seed = detail.config.get("seed")
    facts = [
        ("Persona simulator", llm.display_name(llm_config["model"]) if llm_config.get("model") else "—"),
        ("Judge", llm.display_name(judge) if judge else "—"),
        *([("Agent model", llm.display_name(llm_config["agentModel"]))] if llm_config.get("agentModel") else []),
        ("Seed", str(seed) if seed is not None else "none"),
        ("Started", when(detail.metadata.start_time)),
        ("Duration", duration_text(detail.metadata.duration_ms)),
        ("Turns", f"{turns} persona turns · {detail.metadata.message_count} messages"),
        ("Tokens", f"{detail.total_tokens:,}"),
        ("Cost", money(detail.total_cost)),
    ]
    return [{"label": label, "value": value} for label, value in facts]


def _origin(session: Session, detail: SessionDetail) -> dict[str, str]:
    """The run and suite cell the session belongs to, as links; empty for a lone session."""
    if not detail.run_id:
        return {}
    run = runs.run_public(session, detail.run_id)
    cell = detail.config.get("cell") or {}
    return {
        "run_href": f"/runs/{detail.run_id}",
        "run_label": f"{run.suite_name} · run of {formatting.when(run.started_at or run.created_at)}"
        if run
        else "its run",
        "suite_href": f"/suites/{run.suite_id}" if run else "",
        "cell_href": f"/runs/{detail.run_id}#cell-{detail.persona_id}-{detail.objective_id or ''}",
        "cell_label": f"{detail.persona_name} × {detail.objective_name} · repeat {cell.get('repeat', 1)}",
    }


def _usage(session: Session, principal: Principal, session_id: str) -> list[dict[str, str]]:
    rows = session_usage.usage_by_role(session=session, principal=principal, session_id=session_id)
    return [
        {"role": ROLE_NAMES.get(u.role, u.role), "models": ", ".join(llm.display_name(m) for m in u.models),
         "calls": str(u.calls) + (f" ({u.failed_calls} failed)" if u.failed_calls else ""),
         "tokens": f"{u.prompt_tokens + u.completion_tokens:,} ({u.prompt_tokens:,} in, {u.completion_tokens:,} out)",
         "cost": money(u.cost)}
        for u in rows
    ]  # fmt: skip


def _steps(session: Session, principal: Principal, detail: SessionDetail) -> dict[str, Any]:
    events = sessions.list_events(session=session, principal=principal, session_id=detail.id)
    shots = browser_sessions.list_artifacts(
        session=session, principal=principal, session_id=detail.id, kind="screenshot"
    )
    urls = {a.event_id: a.url for a in shots}
    steps, number = [], 0
    for event in events:
        if event.type in ("action", "navigation"):
            number += event.type == "action"
            data = event.model_dump(by_alias=True, mode="json")
            steps.append(browser_ui.timeline_step(data, number, urls.get(event.id, "")))
    rows = [browser_ui.finding_row(f.model_dump(by_alias=True)) for f in detail.findings]
    return {"steps": steps[-SHOWN_MESSAGES:], "blocked_count": sum(1 for e in events if e.type == "blocked_request"),
            "finding_groups": browser_ui.grouped(rows)}  # fmt: skip


def _call(session: Session, principal: Principal, detail: SessionDetail) -> dict[str, Any]:
    empty = {"recording_url": "", "voice_figures": [], "voice_bars": [], "voice_notes": []}
    try:
        call = voice.get_voice_call(session=session, principal=principal, session_id=detail.id)
    except ServiceError:  # not ended yet: the call is stored at its end
        return empty
    data = call.model_dump(by_alias=True, mode="json")
    stereo = next((r for r in call.recordings if r.channel == "stereo"), None)
    return {"recording_url": stereo.url if stereo else "", "voice_figures": voice_ui.figures(data),
            "voice_bars": voice_ui.timeline(data), "voice_notes": voice_ui.notes(data)}  # fmt: skip


def _error_text(detail: SessionDetail) -> str:
    """Why the session ended in error, in words ("Target error: connection refused"), or ""."""
    error = detail.error or {}
    ends = wording.INFRASTRUCTURE_END_REASONS
    infrastructure = detail.status in ("error", "interrupted") or detail.end_reason in ends
    if not infrastructure or detail.end_reason == "cancelled":
        return ""
    source = error.get("source")
    what = wording.end_reason(f"{source}_error" if source else detail.end_reason or detail.status)
    message = str(error.get("message") or "")
    kind = str(error.get("kind") or "")
    return f"{what}{f' ({kind})' if kind and kind != source else ''}: {message}" if message else what


def read_session(*, session: Session, principal: Principal, session_id: str) -> dict[str, Any]:
    """Every state value of the page for `session_id` (ServiceError when it is not the caller's)."""
    detail = sessions.get_session(session=session, principal=principal, session_id=session_id)
    agent = agents.get_agent(session=session, principal=principal, agent_id=detail.agent_id)
    is_browser = agent.type == browser_sessions.BROWSER_AGENT_TYPE
    is_voice = agent.type == voice.VOICE_AGENT_TYPE
    browser = (_steps(session, principal, detail) if is_browser
               else {"steps": [], "blocked_count": 0, "finding_groups": []})  # fmt: skip
    call = _call(session, principal, detail) if is_voice else {}
    messages = [message_row(m.model_dump(by_alias=True)) for m in detail.messages[-SHOWN_MESSAGES:]]
    steps = browser["steps"]
    verdict = detail.verdict
    calibration = verdict.calibration if verdict else None
    judge_label = (
        f"{llm.display_name(verdict.judge_model or '')} · prompt {verdict.prompt_version or 'legacy'}"
        if verdict and verdict.judge_model
        else ""
    )
    if judge_label and verdict.repeats > 1:
        judge_label += f" · majority of {verdict.repeats} judgements"
    problems = (verdict.simulator.get("problems") or []) if verdict else []
    return {
        "status": detail.status, "outcome": detail.outcome or "", "end_reason": detail.end_reason or "",
        "end_reason_words": wording.end_reason(detail.end_reason), "error_text": _error_text(detail),
        "persona_name": detail.persona_name, "agent_name": detail.agent_name,
        "objective_name": detail.objective_name, "blame": detail.blame or "", "messages": messages,
        "is_browser": is_browser, "is_voice": is_voice, **browser, **call,
        "facts": _facts(detail, sum(1 for m in detail.messages if m.sender_type == "persona")),
        "usage": _usage(session, principal, detail.id), "origin": _origin(session, detail),
        "verdict_summary": verdict.summary if verdict else "", "judge_label": judge_label,
        "calibrated": bool(calibration and calibration.status == "calibrated"),
        "calibration_text": calibration.message if calibration else "",
        "reviewed_outcome": (verdict.reviewed_outcome or "") if verdict else "",
        "end_reason_text": verdict.end_reason_text if verdict else "",
        "simulator_problems": [f"{p.get('kind', '').replace('_', ' ')}: {p.get('reason', '')}" for p in problems],
        "criteria": [verdict_row(c, messages, steps) for c in (verdict.criteria if verdict else [])],
        "checks": [verdict_row(c, messages, steps) for c in (verdict.checks if verdict else [])],
        "findings": [
            FindingRow(type=f.type, severity=f.severity, description=f.description, perspective=f.persona_perspective,
                       source=f.source, evidence=cite(f.evidence.get("messageIds") or [], messages, steps))
            for f in detail.findings
        ],
        "ended": detail.status in TERMINAL_STATUSES,
    }  # fmt: skip
