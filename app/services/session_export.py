"""What a browser session exports: every step (action, target, reasoning, outcome, URL,
timing) with the findings it caused and links to its files, the pages with their findings,
and a printable HTML report with the screenshots inline.

Everything in it came from a website or a model: escaped in HTML (autoescape) and in
Markdown (HTML escaped, link/image/format characters backslash-escaped: no link, image or
markup of the page's own making survives, even in a renderer that passes raw HTML)."""

from __future__ import annotations

import base64
import html
import json
import re
from datetime import UTC, datetime
from typing import Any, Literal

from jinja2 import Environment, select_autoescape
from sqlmodel import Session, col, select

from app.models.library import Agent
from app.models.pages import SessionPage
from app.models.session import Artifact, Event, SessionDetail
from app.services import voice
from app.services.access import Principal
from app.services.browser_pages import session_pages
from app.services.browser_sessions import BROWSER_AGENT_TYPE, artifact_public
from app.services.errors import FieldError, ValidationFailed
from app.services.sessions import get_session
from app.settings import settings

REPORT_SCREENSHOTS_MAX = 200  # steps whose screenshot is put inline in the report
_MARKDOWN_PUNCTUATION = re.compile(r"([\\`*_{}\[\]()#+!|~])")


def browser_steps(session: Session, principal: Principal, detail: SessionDetail) -> list[dict[str, Any]]:
    """The steps (and the opening of the website) in order, each with its findings' ids and
    its files (absolute links)."""
    events = session.exec(select(Event).where(Event.session_id == detail.id).order_by(col(Event.sequence))).all()
    artifacts = session.exec(select(Artifact).where(Artifact.session_id == detail.id)).all()
    files: dict[str, list[dict[str, Any]]] = {}
    for artifact in artifacts:
        if artifact.event_id:
            public = artifact_public(artifact)
            files.setdefault(artifact.event_id, []).append(
                {"id": public.id, "kind": public.kind, "name": public.name, "url": _absolute(public.url)}
            )
    findings: dict[str, list[str]] = {}
    for finding in detail.findings:
        if finding.event_id:
            findings.setdefault(finding.event_id, []).append(finding.id)
    steps, number = [], 0
    for event in events:
        if event.type not in ("action", "navigation"):
            continue
        number += event.type == "action"
        decision, outcome, context = event.decision or {}, event.outcome or {}, event.context or {}
        action = decision.get("action") or {}
        steps.append({
            "id": event.id, "step": number if event.type == "action" else 0, "kind": event.type,
            "action": action.get("type", ""), "target": action.get("target") or {}, "value": action.get("value", ""),
            **({"fields": action["fields"]} if action.get("fields") else {}),
            "reasoning": decision.get("reasoning") or {},
            "outcome": {"success": bool(outcome.get("success")), "error": outcome.get("error"),
                        "durationMs": outcome.get("duration"), "navigated": outcome.get("navigated"),
                        **({"fields": outcome["fields"]} if outcome.get("fields") else {})},
            "url": context.get("url") or outcome.get("url") or "", "pageTitle": context.get("pageTitle", ""),
            "page": context.get("page", ""), "pageOutcome": context.get("pageOutcome", ""),
            "timestamp": event.created_at.isoformat(), "findings": findings.get(event.id, []),
            "artifacts": files.get(event.id, []),
        })  # fmt: skip
    return steps


def _absolute(path: str) -> str:
    return settings.public_url.rstrip("/") + path


def browser_export(session: Session, principal: Principal, detail: SessionDetail) -> dict[str, Any]:
    """The JSON export's browser part: steps, pages and every file of the session."""
    artifacts = session.exec(
        select(Artifact).where(Artifact.session_id == detail.id).order_by(col(Artifact.created_at))
    ).all()
    pages = session_pages(session=session, principal=principal, session_id=detail.id)
    return {
        "steps": browser_steps(session, principal, detail),
        "pages": [
            {**p.model_dump(by_alias=True, mode="json", exclude={"findings"}), "findings": [f.id for f in p.findings]}
            for p in pages
        ],  # fmt: skip
        "artifacts": [
            {**artifact_public(a).model_dump(by_alias=True, mode="json"), "url": _absolute(artifact_public(a).url)}
            for a in artifacts
        ],  # fmt: skip
    }


def _inert(text: str) -> str:
    """HTML escaped (no raw <script> or <img onerror>), then the characters that make links,
    images and formatting backslash-escaped, so a `[x](javascript:…)` stays text."""
    return _MARKDOWN_PUNCTUATION.sub(r"\\\1", html.escape(text, quote=False))


def md(text: Any) -> str:
    """Untrusted text on one Markdown line: made inert, line breaks flattened."""
    return _inert(" ".join(str(text or "").split()))


def md_lines(text: Any) -> str:
    """Untrusted text over several Markdown lines: made inert, its line breaks kept."""
    return _inert(str(text or "")).replace("\n", "  \n")


def _describe(step: dict[str, Any]) -> str:
    target = step["target"].get("description") or step["target"].get("ref") or ""
    if step["kind"] == "navigation":
        return f"opened {step['value'] or step['url']}"
    if step["action"] == "type":
        return f"type “{step['value']}” into “{target}”"
    if step["action"] == "fill_form":
        return f"fill {len(step.get('fields') or [])} fields of “{target}”"
    if step["action"] in ("select",):
        return f"select “{step['value']}” in “{target}”"
    if step["action"] in ("navigate", "press", "scroll", "wait"):
        return f"{step['action']} {step['value']}".strip()
    return f"{step['action']} “{target}”" if target else step["action"]


def browser_markdown(detail: SessionDetail, steps: list[dict[str, Any]], pages: list[SessionPage]) -> list[str]:
    findings = {f.id: f for f in detail.findings}
    lines = ["## Steps", ""]
    for s in steps:
        took = f"{s['outcome']['durationMs']} ms" if s["outcome"].get("durationMs") is not None else ""
        state = "ok" if s["outcome"]["success"] else "failed"
        label = "start" if s["kind"] == "navigation" else f"Step {s['step']}"
        lines += [f"### {label}: {md(_describe(s))} ({state}{', ' + took if took else ''})", ""]
        lines.append(f"- Page: {md(s['pageTitle'])} ({md(s['url'])})" + (
            f", reads as {s['pageOutcome']}" if s["pageOutcome"] not in ("", "neutral") else ""))  # fmt: skip
        reasoning = s["reasoning"]
        if reasoning.get("observation"):
            lines.append(f"- Sees: {md(reasoning['observation'])}")
        if reasoning.get("thought"):
            confidence = reasoning.get("confidence")
            extra = f" (confidence {confidence:.0%})" if isinstance(confidence, int | float) else ""
            lines.append(f"- Thinks: {md(reasoning['thought'])}{extra}")
        for field in s.get("fields") or []:
            lines.append(f"  - {md(field.get('ref'))} = “{md(field.get('value'))}”")
        if s["outcome"].get("error"):
            lines.append(f"- Error: {md(s['outcome']['error'])}")
        for finding_id in s["findings"]:
            f = findings.get(finding_id)
            if f is not None:
                lines.append(f"- Finding [{f.severity}] {f.type}: {md(f.description)}")
        for file in s["artifacts"]:
            lines.append(f"- {file['kind'].capitalize()}: [{md(file['name'])}]({file['url']})")
        lines.append("")
    lines += ["## Findings by page", ""]
    for page in pages:
        if not page.findings:
            continue
        counts = ", ".join(f"{n} {s}" for s, n in page.by_severity.items())
        lines += [f"### {md(page.page or 'The whole session')} ({counts})", ""]
        lines += [f"- [{f.severity}] {f.type}: {md(f.description)} (step {md(f.evidence.get('step', '—'))})"
                  for f in page.findings]  # fmt: skip
        lines.append("")
    return lines


# -- the printable report ---------------------------------------------------------------------------

_REPORT = Environment(autoescape=select_autoescape(default=True, default_for_string=True)).from_string("""\
<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>{{ d.persona_name }} on {{ d.agent_name }} · session report · Mimic</title>
<style>
  body { font: 14px/1.45 system-ui, -apple-system, "Segoe UI", sans-serif; color: #1c2024; margin: 2rem auto;
         max-width: 1000px; padding: 0 1.5rem; }
  h1 { font-size: 1.5rem; margin: 0 0 .25rem; } h2 { font-size: 1.15rem; margin: 2rem 0 .5rem; }
  h3 { font-size: 1rem; margin: 0 0 .3rem; }
  .muted, .note { color: #60646c; } .note { font-size: .85rem; }
  table { border-collapse: collapse; width: 100%; font-size: .85rem; }
  th, td { border-bottom: 1px solid #e0e1e6; padding: .3rem .5rem; text-align: left; vertical-align: top; }
  .step { display: grid; grid-template-columns: 320px 1fr; gap: 1rem; padding: .8rem 0;
          border-bottom: 1px solid #e0e1e6; break-inside: avoid; }
  .step img { width: 320px; height: auto; border: 1px solid #e0e1e6; border-radius: 6px; }
  .ok { color: #18794e; } .failed { color: #ce2c31; } .sev { font-weight: 600; text-transform: uppercase;
  font-size: .72rem; } .critical, .high { color: #ce2c31; } .medium { color: #ab6400; } .low { color: #60646c; }
  code { font-size: .8rem; word-break: break-all; } section { break-inside: avoid-page; }
  @media print { body { margin: 0; max-width: none; } .step { grid-template-columns: 240px 1fr; }
                 .step img { width: 240px; } }
</style>
</head>
<body>
<h1>{{ d.persona_name }} on {{ d.agent_name }}</h1>
<p class="muted">{{ d.objective_name }} · {{ d.status }}{% if d.outcome %} · {{ d.outcome }}{% endif %}
{% if d.end_reason %} · ended by {{ d.end_reason }}{% endif %} ·
{{ steps|selectattr('kind', 'equalto', 'action')|list|length }} steps ·
generated {{ generated }} by Mimic. Print it or save it as PDF with your browser.</p>
{% if d.error %}<p class="failed">Infrastructure error ({{ d.error.source }} {{ d.error.kind }}):
{{ d.error.message }}</p>{% endif %}
{% if d.verdict %}<section><h2>Verdict</h2><p>{{ d.verdict.summary }}</p>
<p class="note">{% if d.blame %}Blame: {{ d.blame }} · {% endif %}judge {{ d.verdict.judge_model or '—' }},
prompt {{ d.verdict.prompt_version or 'legacy' }}{% if d.verdict.end_reason_text %} ·
{{ d.verdict.end_reason_text }}{% endif %}</p><table>
{% for c in d.verdict.criteria + d.verdict.checks %}<tr><td>{{ c.status }}{% if c.blame %}<br>
<span class="note">{{ c.blame }}</span>{% endif %}</td>
<td>{% if c.kind == 'check' %}Check: {% endif %}{{ c.criterion }}<br>
<span class="note">{{ c.reasoning }}{% if c.evidence_message_ids %} (steps
{% for cited in c.evidence_message_ids %}{% set i = cited.split(':')[0] %}
<a href="#{{ i }}">{{ numbers.get(i, '?') }}</a>{% if not loop.last %}, {% endif %}{% endfor %}){% endif %}
</span></td></tr>
{% endfor %}</table></section>{% endif %}
<section><h2>Findings by page</h2>
{% for page in pages if page.findings %}<h3>{{ page.page or 'The whole session' }}</h3><table>
{% for f in page.findings %}<tr><td class="sev {{ f.severity }}">{{ f.severity }}</td><td>{{ f.type }}</td>
<td>{{ f.description }}{% if f.persona_perspective %}<br>
<span class="note">“{{ f.persona_perspective }}”</span>{% endif %}</td>
<td>{% if f.event_id in numbers %}<a href="#{{ f.event_id }}">step {{ numbers[f.event_id] }}</a>{% endif %}</td></tr>
{% endfor %}</table>{% else %}<p class="note">No finding.</p>{% endfor %}
</section>
<h2>Steps</h2>
{% for s in steps %}<div class="step" id="{{ s.id }}">
<div>{% if s.image %}<img src="{{ s.image }}" alt="Screenshot of step {{ s.step }}">{% endif %}</div>
<div><h3>{{ 'Start' if s.kind == 'navigation' else 'Step ' ~ s.step }}: {{ s.label }}
<span class="{{ 'ok' if s.outcome.success else 'failed' }}">{{ 'ok' if s.outcome.success else 'failed' }}</span>
{% if s.outcome.durationMs is not none %}<span class="note">{{ s.outcome.durationMs }} ms</span>{% endif %}</h3>
<div class="note">{{ s.pageTitle }} — <code>{{ s.url }}</code>{% if s.pageOutcome not in ('', 'neutral') %}
({{ s.pageOutcome }}){% endif %}</div>
{% if s.reasoning.observation %}<div>Sees: {{ s.reasoning.observation }}</div>{% endif %}
{% if s.reasoning.thought %}<div class="note">Thinks: {{ s.reasoning.thought }}</div>{% endif %}
{% if s.outcome.error %}<div class="failed">Error: {{ s.outcome.error }}</div>{% endif %}
{% for fid in s.findings %}{% set f = findings[fid] %}<div><span class="sev {{ f.severity }}">{{ f.severity }}</span>
{{ f.type }}: {{ f.description }}</div>{% endfor %}
</div></div>
{% endfor %}
</body>
</html>
""")


def browser_report_html(session: Session, principal: Principal, detail: SessionDetail) -> str:
    """A self-contained, printable page: verdict, findings by page, every step with its screenshot
    inline (data: URLs, which the app's Content-Security-Policy allows; no script at all)."""
    steps = browser_steps(session, principal, detail)
    shots = {a.event_id: a for a in session.exec(
        select(Artifact).where(Artifact.session_id == detail.id, Artifact.kind == "screenshot"))}  # fmt: skip
    root = settings.data_dir.resolve()
    for index, step in enumerate(steps):
        step["label"] = _describe(step)
        artifact = shots.get(step["id"])
        step["image"] = None
        if artifact is not None and index < REPORT_SCREENSHOTS_MAX:
            path = (root / artifact.path).resolve()
            if path.is_relative_to(root) and path.is_file():
                step["image"] = f"data:{artifact.content_type};base64," + base64.b64encode(path.read_bytes()).decode()
    return _REPORT.render(
        d=detail, steps=steps, pages=session_pages(session=session, principal=principal, session_id=detail.id),
        numbers={s["id"]: s["step"] for s in steps}, findings={f.id: f for f in detail.findings},
        generated=datetime.now(UTC).strftime("%Y-%m-%d %H:%M UTC"),
    )  # fmt: skip


def export_session(
    *, session: Session, principal: Principal, session_id: str, fmt: Literal["json", "markdown"]
) -> tuple[str, str]:
    """The session as JSON or Markdown; a browser session's also holds its steps, pages and
    files, a voice session's its call (figures, turns, recordings)."""
    detail = get_session(session=session, principal=principal, session_id=session_id)
    browser = _is_browser(session, detail)
    call = voice.export_block(session, session_id)
    if fmt == "json":
        document = detail.model_dump(by_alias=True, mode="json") | ({"voice": call} if call else {})
        if browser:
            document.update(browser_export(session, principal, detail))
        return json.dumps(document, indent=2, ensure_ascii=False), "application/json"
    extra: list[str] = []
    numbers: dict[str, int] = {}
    if browser:
        pages = session_pages(session=session, principal=principal, session_id=detail.id)
        steps = browser_steps(session, principal, detail)
        extra, numbers = browser_markdown(detail, steps, pages), {s["id"]: s["step"] for s in steps}
    return _markdown(detail, extra, numbers, voice.markdown_lines(call) if call else []), "text/markdown"


def session_report(*, session: Session, principal: Principal, session_id: str) -> str:
    """The printable HTML report of a browser session (a conversation's export is its transcript)."""
    detail = get_session(session=session, principal=principal, session_id=session_id)
    if not _is_browser(session, detail):
        raise ValidationFailed("Not a browser session", [FieldError("sessionId", "has no steps to report")])
    return browser_report_html(session, principal, detail)


def _is_browser(session: Session, detail: SessionDetail) -> bool:
    agent = session.get(Agent, detail.agent_id)
    return agent is not None and agent.type == BROWSER_AGENT_TYPE


def _markdown(d: SessionDetail, browser: list[str], step_numbers: dict[str, int], call: list[str]) -> str:
    """`step_numbers`: a browser session's step ids and their numbers (its evidence cites steps);
    `call`: a voice session's figures."""
    numbers = {m.id: f"#{m.sequence}" for m in d.messages} | {i: f"step {n}" for i, n in step_numbers.items()}

    def cites(ids: list[str]) -> str:
        return ", ".join(numbers.get(i) or md(i) for i in ids) or "—"

    count = f"steps: {d.metadata.action_count}" if browser else f"messages: {d.metadata.message_count}"
    lines = [
        f"# Session {d.id}",
        "",
        f"- Persona: {md(d.persona_name)}",
        f"- Objective: {md(d.objective_name)}",
        f"- Agent: {md(d.agent_name)}",
        f"- Status: {d.status} · outcome: {d.outcome or '—'} · blame: {d.blame or '—'}"
        f" · ended by: {d.end_reason or '—'}",
        f"- Started: {d.metadata.start_time or '—'} · {count}",
    ]
    if d.verdict:
        lines.append(f"- Judge: {md(d.verdict.judge_model or '—')} · prompt version {d.verdict.prompt_version or '—'}")
    lines.append("")
    if not browser:
        lines += ["## Transcript", ""]
    for m in d.messages:
        flags = [f"{m.latency_ms} ms"] if m.latency_ms is not None else []
        flags += ["empty reply"] if m.empty else []
        flags += ["truncated"] if m.truncated else []
        flags += ["speech not recognised"] if m.unrecognized else []
        note = f" _({', '.join(flags)})_" if flags else ""
        lines += [f"**#{m.sequence} {m.sender_type}**{note}: {md_lines(m.content) if m.content.strip() else '∅'}", ""]
    if d.verdict:
        v = d.verdict
        lines += ["## Verdict", "", md_lines(v.summary), ""]
        if v.end_reason_text:
            lines += [md(v.end_reason_text), ""]
        for c in v.criteria:
            blame = f" (blame: {c.blame})" if c.blame else ""
            lines.append(f"- **{c.status}**{blame} — {md(c.criterion)}: {md(c.reasoning)} Evidence: "
                         f"{cites(c.evidence_message_ids)}.")  # fmt: skip
        if v.checks:
            lines += ["", "### Checks", ""]
            lines += [f"- **{c.status}** — {md(c.criterion)}: {md(c.reasoning)}" for c in v.checks]
        if v.simulator.get("problems"):
            lines += ["", "### Simulator check", ""]
            lines += [f"- {p.get('kind')}: {md(p.get('reason', ''))}" for p in v.simulator["problems"]]
        lines.append("")
    lines += browser + call
    if d.findings and not browser:
        lines += ["## Findings", ""]
        for f in d.findings:
            ids = f.evidence.get("messageIds") if isinstance(f.evidence.get("messageIds"), list) else []
            lines.append(f"- [{f.severity}] {f.type} ({f.source}): {md(f.description)} Evidence: {cites(ids)}.")
    if d.error:
        error = f"{d.error.get('source')}: {d.error.get('kind')} — {md(d.error.get('message'))}"
        lines += ["", "## Error", "", error]
    return "\n".join(lines) + "\n"


__all__ = [
    "browser_export",
    "browser_markdown",
    "browser_report_html",
    "browser_steps",
    "export_session",
    "md",
    "md_lines",
    "session_report",
]
