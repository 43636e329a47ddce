"""/sessions/<id>: the conversation as it happens, then the verdict and the findings.

The messages are numbered; every citation (a criterion's evidence, a check's, a finding's)
links to the numbered message it names. The verdict names the judge model and prompt
version, how the session ended, whose a failure is (blame), the simulator check, and the
deterministic checks as their own rows.

While the session runs, a background task follows the session's live feed (the same one
the SSE stream and the WebSocket read) and appends each message as it is stored. A browser
session shows its steps instead (app/ui/components/browser.py), with screenshots served by
the artifact route (which accepts the dashboard's cookie), and its findings grouped.
"""

from __future__ import annotations

import asyncio

import reflex as rx

from app import llm
from app.db import session_scope
from app.models.judgement import VerdictPublic
from app.models.session import TERMINAL_STATUSES, SessionDetail
from app.services import agents, browser_sessions, live, sessions, voice
from app.services.errors import ServiceError
from app.ui.components import browser as browser_ui
from app.ui.components import voice as voice_ui
from app.ui.components.layout import page_header, shell
from app.ui.components.status import blame_badge, outcome_badge, severity_badge, status_badge
from app.ui.components.verdict_rows import Citation, FindingRow, VerdictRow, citations, verdict_row
from app.ui.state.auth import AuthState

# The page keeps the last messages only; the export has the whole transcript.
SHOWN_MESSAGES = 300


def _message(m: dict) -> dict[str, str]:
    latency = m.get("latencyMs")
    sender = str(m.get("senderType") or m.get("role", ""))
    content = str(m.get("content", ""))
    meta = m.get("metadata") or m.get("meta") or {}
    unheard = bool(m.get("unrecognized") or meta.get("unrecognized"))
    empty = not unheard and (bool(m.get("empty")) or (sender == "agent" and not content.strip()))
    flags = ["empty reply" if empty else "", "speech not recognised" if unheard else "",
             "truncated" if m.get("truncated") else ""]  # fmt: skip
    return {
        "id": str(m.get("id", "")),
        "sender": sender,
        "content": content,
        "latency": f"{latency} ms" if latency is not None else "",
        "sequence": str(m.get("sequence", "")),
        "flags": " · ".join(f for f in flags if f),
        **voice_ui.placed(meta),  # voice: where it is in the recording (the bubble plays it from there)
    }


class SessionState(AuthState):
    session_key: str = ""
    status: str = ""
    outcome: str = ""
    end_reason: str = ""
    error_text: str = ""
    persona_name: str = ""
    agent_name: str = ""
    objective_name: str = ""
    model_label: str = ""
    messages: list[dict[str, str]] = []
    typing: str = ""
    verdict_summary: str = ""
    judge_label: str = ""  # "openai/gpt-4o · prompt 2026-12.1"
    # The calibration of that judge: "kappa 0.62, accuracy 78% on “support” …" or why it has none.
    calibration_text: str = ""
    calibrated: bool = False
    reviewed_outcome: str = ""
    blame: str = ""
    end_reason_text: str = ""
    simulator_problems: list[str] = []
    criteria: list[VerdictRow] = []
    checks: list[VerdictRow] = []
    findings: list[FindingRow] = []
    # Browser sessions: the steps, the findings grouped by type and severity, blocked requests.
    is_browser: bool = False
    steps: list[dict[str, str]] = []
    finding_groups: list[dict[str, str]] = []
    blocked_count: int = 0
    # Voice sessions: the recording, the timeline of who spoke when, the call's figures.
    is_voice: bool = False
    recording_url: str = ""
    voice_figures: list[dict[str, str]] = []
    voice_bars: list[dict[str, str]] = []
    voice_notes: list[str] = []
    not_found: bool = False
    _following: str = ""

    def _id_from_url(self) -> str:
        return self.router.url.path.rstrip("/").rsplit("/", 1)[-1]

    def _apply(self, detail: SessionDetail) -> None:
        self.status, self.outcome, self.end_reason = detail.status, detail.outcome or "", detail.end_reason or ""
        self.error_text = (
            f"{detail.error.get('source', '')} {detail.error.get('kind', '')}: {detail.error.get('message', '')}"
            if detail.error
            else ""
        )
        self.persona_name, self.agent_name, self.objective_name = (
            detail.persona_name, detail.agent_name, detail.objective_name,
        )  # fmt: skip
        self.model_label = (
            llm.display_name(detail.llm_config.get("model") or "") if detail.llm_config.get("model") else ""
        )
        self.messages = [_message(m.model_dump(by_alias=True)) for m in detail.messages[-SHOWN_MESSAGES:]]
        self.blame = detail.blame or ""
        verdict = detail.verdict
        self.verdict_summary = verdict.summary if verdict else ""
        self.judge_label = (
            f"{llm.display_name(verdict.judge_model or '')} · prompt {verdict.prompt_version or 'legacy'}"
            if verdict and verdict.judge_model
            else ""
        )
        calibration = verdict.calibration if verdict else None
        self.calibrated = bool(calibration and calibration.status == "calibrated")
        self.calibration_text = calibration.message if calibration else ""
        self.reviewed_outcome = (verdict.reviewed_outcome or "") if verdict else ""
        if verdict and verdict.repeats > 1:
            self.judge_label += f" · majority of {verdict.repeats} judgements"
        self.end_reason_text = verdict.end_reason_text if verdict else ""
        problems = (verdict.simulator.get("problems") or []) if verdict else []
        self.simulator_problems = [f"{p.get('kind', '').replace('_', ' ')}: {p.get('reason', '')}" for p in problems]
        self.criteria = [self._row(c) for c in (verdict.criteria if verdict else [])]
        self.checks = [self._row(c) for c in (verdict.checks if verdict else [])]
        self.findings = [
            FindingRow(type=f.type, severity=f.severity, description=f.description, perspective=f.persona_perspective,
                       source=f.source, evidence=self._cite(f.evidence.get("messageIds") or []))
            for f in detail.findings
        ]  # fmt: skip
        if detail.status in TERMINAL_STATUSES:
            self.typing = ""

    def _cite(self, ids: list) -> list[Citation]:
        """Evidence ids as links to the numbered messages, or to a browser session's steps."""
        cited = []
        for message_id in (str(i) for i in ids if isinstance(i, str | int)):
            event_id = message_id.split(":", 1)[0]
            step = next((s for s in self.steps if s["id"] == event_id), None)
            if step is not None:
                label = "start" if step["kind"] == "navigation" else f"step {step['step']}"
                cited.append(Citation(label=label, anchor=f"#step-{event_id}", kind="step"))
                continue
            number = next((m["sequence"] for m in self.messages if m["id"] == message_id), None)
            cited.append(Citation(label=f"#{number}", anchor=f"#message-{number}") if number
                         else Citation(label="(not shown)", anchor=""))  # fmt: skip
        return cited

    def _row(self, v: VerdictPublic) -> VerdictRow:
        return VerdictRow(criterion=v.criterion, status=v.status, reasoning=v.reasoning, blame=v.blame or "",
                          source=v.source, gating=v.gating, resolved_by=v.resolved_by or "",
                          evidence=self._cite(v.evidence_message_ids), agreement=v.agreement,
                          unstable=v.unstable)  # fmt: skip

    def _load_steps(self, session, principal, detail: SessionDetail) -> None:
        agent = agents.get_agent(session=session, principal=principal, agent_id=detail.agent_id)
        self.is_browser = agent.type == browser_sessions.BROWSER_AGENT_TYPE
        self.is_voice = agent.type == voice.VOICE_AGENT_TYPE
        if self.is_voice:
            self._load_call(session, principal, detail)
        if not self.is_browser:
            self.steps, self.finding_groups, self.blocked_count = [], [], 0
            return
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
        self.steps = steps[-SHOWN_MESSAGES:]
        self.blocked_count = sum(1 for e in events if e.type == "blocked_request")
        rows = [browser_ui.finding_row(f.model_dump(by_alias=True)) for f in detail.findings]
        self.finding_groups = browser_ui.grouped(rows)

    def _load_call(self, session, principal, detail: SessionDetail) -> None:
        try:
            call = voice.get_voice_call(session=session, principal=principal, session_id=detail.id)
        except ServiceError:  # not ended yet: the call is stored at its end
            self.recording_url, self.voice_figures, self.voice_bars, self.voice_notes = "", [], [], []
            return
        data = call.model_dump(by_alias=True, mode="json")
        stereo = next((r for r in call.recordings if r.channel == "stereo"), None)
        self.recording_url = stereo.url if stereo else ""
        self.voice_figures = voice_ui.figures(data)
        self.voice_bars = voice_ui.timeline(data)
        self.voice_notes = voice_ui.notes(data)

    @rx.event
    def play_from(self, seconds: str):
        """Plays the recording from a message or a bar of the timeline."""
        if not seconds:
            return None
        try:
            return rx.call_script(voice_ui.seek_script(float(seconds)))
        except ValueError:
            return None

    def _add_step(self, data: dict) -> None:
        """A step published on the bus; a gap (the feed fell behind) reloads them all."""
        number = int(data.get("step") or 0)
        known = [int(s["step"]) for s in self.steps if s["kind"] == "action"]
        if number and number != (known[-1] if known else 0) + 1:
            self._reload()
            return
        url = browser_sessions.artifact_url(self.session_key, data["screenshotId"]) if data.get("screenshotId") else ""
        step = browser_ui.timeline_step(data, number, url)
        if all(s["id"] != step["id"] for s in self.steps[-20:]):
            self.steps = [*self.steps, step][-SHOWN_MESSAGES:]

    def _reload(self) -> bool:
        try:
            principal = self._principal()
            with session_scope() as session:
                detail = sessions.get_session(session=session, principal=principal, session_id=self.session_key)
                self._load_steps(session, principal, detail)
        except ServiceError:
            self.not_found = True
            return False
        self.not_found = False
        self._apply(detail)
        return True

    @rx.event
    def load(self):
        self.session_key = self._id_from_url()
        self.typing = ""
        if not self._reload():
            return
        events = []
        if self.router.url.query_parameters.get("start") == "1" and self.status == "pending":
            events.append(SessionState.start)
        if self.status not in TERMINAL_STATUSES and self._following != self.session_key:
            events.append(SessionState.follow)
        return events

    @rx.event
    async def start(self):
        try:
            await self._off_the_loop(sessions.start_session, session_id=self.session_key)
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        self.status = "running"

    @rx.event
    async def stop(self):
        try:
            await self._off_the_loop(sessions.cancel_session, session_id=self.session_key)
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        return rx.toast.info("Stopping the session…")

    @rx.event(background=True)
    async def follow(self):
        async with self:
            session_id = self.session_key
            if self._following == session_id:
                return
            self._following = session_id
            principal = self._principal()
        try:
            async for item in live.session_feed(principal, session_id, heartbeat_s=15):
                async with self:
                    if self.session_key != session_id:
                        return  # the tab moved on to another session
                    if item.type == "message":
                        message = _message(item.data)
                        if all(m["id"] != message["id"] for m in self.messages[-20:]):
                            self.messages = [*self.messages, message][-SHOWN_MESSAGES:]
                        self.typing = ""
                    elif item.type in ("progress", "status"):
                        self.status = item.data.get("status", self.status)
                        self.typing = item.data.get("typing", "")
                    elif item.data.get("replayed"):
                        continue  # steps stored before the page loaded them itself
                    elif item.type == "action" and self.is_browser:
                        self._add_step(item.data)
                    elif item.type in ("finding", "finding_updated") and self.is_browser:
                        # A finding seen on one more page comes again, updated: it replaces the old row.
                        row = browser_ui.finding_row(item.data)
                        others = [f for f in self.finding_groups if f["id"] != row["id"]]
                        self.finding_groups = browser_ui.grouped([*others, row])
                    elif item.type == "blocked_request":
                        self.blocked_count += 1
                    elif item.type == "complete":
                        self.typing = ""
                        self._reload()
        except (ServiceError, asyncio.CancelledError):
            pass
        finally:
            async with self:
                if self._following == session_id:
                    self._following = ""

    @rx.var
    def running(self) -> bool:
        return self.status in ("pending", "running", "judging")


def _bubble(m: rx.Var) -> rx.Component:
    is_persona = m["sender"] == "persona"
    return rx.hstack(
        rx.box(
            rx.text(
                "#",
                m["sequence"],
                " ",
                rx.cond(is_persona, SessionState.persona_name, "Agent"),
                size="1",
                weight="bold",
                color_scheme=rx.cond(is_persona, "violet", "gray"),
            ),  # fmt: skip
            rx.cond(
                m["content"].strip() != "",
                rx.text(m["content"], size="3", white_space="pre-wrap"),
                rx.text("(no text)", size="2", color_scheme="gray", font_style="italic"),
            ),
            rx.hstack(
                rx.cond(m["latency"] != "", rx.text(m["latency"], size="1", color_scheme="gray")),
                rx.cond(m["flags"] != "", rx.badge(m["flags"], color_scheme="orange", variant="soft", size="1")),
                voice_ui.play_button(m, SessionState.recording_url, SessionState.play_from),
                spacing="2",
            ),
            background=rx.cond(is_persona, rx.color("violet", 3), rx.color("gray", 3)),
            padding="0.6rem 0.9rem",
            border_radius="var(--radius-4)",
            max_width="75%",
        ),
        justify=rx.cond(is_persona, "start", "end"),
        width="100%",
        id="message-" + m["sequence"],
        data_testid="message",
        data_sender=m["sender"],
        scroll_margin_top="5rem",
    )


def _typing_indicator() -> rx.Component:
    return rx.cond(
        SessionState.typing != "",
        rx.hstack(
            rx.spinner(size="1"),
            rx.text(
                rx.cond(SessionState.typing == "persona", SessionState.persona_name, "The agent"),
                " is typing…",
                size="2",
                color_scheme="gray",
            ),  # fmt: skip
            justify=rx.cond(SessionState.typing == "persona", "start", "end"),
            width="100%",
            role="status",
        ),
    )


def _verdict() -> rx.Component:
    return rx.cond(
        SessionState.criteria.length() + SessionState.checks.length() > 0,
        rx.card(
            rx.vstack(
                rx.hstack(
                    rx.heading("Verdict", size="4", as_="h2"),
                    outcome_badge(SessionState.outcome),
                    blame_badge(SessionState.blame),
                    spacing="2",
                    align="center",
                ),
                rx.cond(
                    SessionState.judge_label != "",
                    rx.text(
                        "Judge: ",
                        rx.code(SessionState.judge_label),
                        size="1",
                        color_scheme="gray",
                        data_testid="judge-label",
                    ),  # fmt: skip
                ),
                rx.cond(
                    SessionState.calibration_text != "",
                    rx.text(
                        rx.cond(SessionState.calibrated, "Calibration: ", "Not calibrated: "),
                        SessionState.calibration_text,
                        size="1",
                        color_scheme=rx.cond(SessionState.calibrated, "gray", "amber"),
                        data_testid="judge-calibration",
                    ),
                ),
                rx.cond(
                    SessionState.reviewed_outcome != "",
                    rx.callout(
                        rx.hstack(
                            rx.text("A human review overrides the judge: "),
                            outcome_badge(SessionState.reviewed_outcome),
                            align="center",
                        ),
                        icon="user-check",
                        color_scheme="blue",
                        width="100%",
                        data_testid="review-override",
                    ),
                ),
                rx.cond(SessionState.end_reason_text != "", rx.text(SessionState.end_reason_text, size="2")),
                rx.text(SessionState.verdict_summary, size="2"),
                rx.cond(
                    SessionState.simulator_problems.length() > 0,
                    rx.callout(
                        rx.vstack(rx.foreach(SessionState.simulator_problems, lambda p: rx.text(p, size="2"))),
                        title="The simulator spoiled this session (not counted against the agent)",
                        icon="user-x",
                        color_scheme="purple",
                        width="100%",
                    ),
                ),
                rx.heading("Success criteria", size="3", as_="h3"),
                rx.foreach(SessionState.criteria, lambda c: verdict_row(c, "criterion-row")),
                rx.cond(
                    SessionState.checks.length() > 0,
                    rx.vstack(
                        rx.heading("Checks", size="3", as_="h3"),
                        rx.text(
                            rx.cond(
                                SessionState.is_browser,
                                "Deterministic checks of the visit; advisory ones never fail the session.",
                                "Deterministic checks of the agent's replies; advisory ones never fail the session.",
                            ),
                            size="1",
                            color_scheme="gray",
                        ),  # fmt: skip
                        rx.foreach(SessionState.checks, lambda c: verdict_row(c, "check-row")),
                        spacing="3",
                    ),
                ),
                spacing="3",
            ),
            width="100%",
        ),
    )


def _findings() -> rx.Component:
    return rx.cond(
        SessionState.findings.length() > 0,
        rx.card(
            rx.vstack(
                rx.heading("Findings", size="4", as_="h2"),
                rx.foreach(
                    SessionState.findings,
                    lambda f: rx.vstack(
                        rx.hstack(
                            severity_badge(f.severity),
                            rx.badge(f.type, variant="outline"),
                            rx.text(f.source, size="1", color_scheme="gray"),
                            spacing="2",
                        ),  # fmt: skip
                        rx.text(f.description, size="2"),
                        rx.cond(
                            f.perspective != "",
                            rx.text("“", f.perspective, "”", size="2", color_scheme="gray", font_style="italic"),
                        ),  # fmt: skip
                        citations(f.evidence),
                        spacing="1",
                        padding_y="0.4rem",
                        data_testid="finding",
                    ),
                ),
                spacing="2",
            ),
            width="100%",
        ),
    )


def _downloads() -> rx.Component:
    """The exports (and a browser session's printable report): links the dashboard's cookie opens."""
    base = "/api/sessions/" + SessionState.session_key
    return rx.hstack(
        rx.text("Export:", size="2", color_scheme="gray"),
        rx.link("JSON", href=base + "/export?format=json", size="2"),
        rx.link("Markdown", href=base + "/export?format=markdown", size="2"),
        rx.cond(
            SessionState.is_browser,
            rx.link(
                rx.hstack(rx.icon("printer", size=14), rx.text("Printable report"), spacing="1", align="center"),
                href=base + "/report",
                is_external=True,
                size="2",
            ),
        ),
        spacing="3",
        align="center",
    )


def session_page(*sections: rx.Component) -> rx.Component:
    """The page; `sections` come after the verdict and the findings (re-judging, review)."""
    return shell(
        rx.cond(
            SessionState.not_found,
            rx.callout("No such session in this workspace.", icon="triangle-alert", color_scheme="red"),
            rx.vstack(
                page_header(
                    SessionState.persona_name + " → " + SessionState.agent_name,
                    SessionState.objective_name,
                    status_badge(SessionState.status),
                    outcome_badge(SessionState.outcome),
                    blame_badge(SessionState.blame),
                    rx.cond(
                        SessionState.running & AuthState.can_write,
                        rx.button(
                            rx.icon("square", size=14),
                            "Stop",
                            color_scheme="red",
                            variant="soft",
                            on_click=SessionState.stop,
                        ),  # fmt: skip
                    ),
                ),
                _downloads(),
                rx.cond(
                    SessionState.model_label != "",
                    rx.text("Persona model: ", rx.code(SessionState.model_label), size="1", color_scheme="gray"),
                ),  # fmt: skip
                rx.cond(
                    SessionState.error_text != "",
                    rx.callout(
                        SessionState.error_text,
                        icon="plug-zap",
                        color_scheme="orange",
                        width="100%",
                        title="Infrastructure error (not counted against the agent)",
                    ),
                ),  # fmt: skip
                rx.cond(
                    SessionState.end_reason != "",
                    rx.text("Ended by: ", rx.code(SessionState.end_reason), size="2", color_scheme="gray"),
                ),  # fmt: skip
                rx.cond(
                    SessionState.is_browser,
                    browser_ui.step_timeline(
                        SessionState.steps,
                        SessionState.blocked_count,
                        SessionState.persona_name,
                        SessionState.typing == "persona",
                    ),
                ),  # fmt: skip
                rx.cond(
                    SessionState.is_voice & (SessionState.voice_figures.length() > 0),
                    voice_ui.voice_panel(
                        SessionState.recording_url,
                        SessionState.voice_figures,
                        SessionState.voice_bars,
                        SessionState.voice_notes,
                        SessionState.persona_name,
                        SessionState.play_from,
                    ),
                ),  # fmt: skip
                rx.card(
                    rx.vstack(
                        rx.heading("Transcript", size="4", as_="h2"),
                        rx.cond(
                            SessionState.messages.length() == 0,
                            rx.text("No messages yet.", color_scheme="gray", size="2"),
                        ),  # fmt: skip
                        rx.foreach(SessionState.messages, _bubble),
                        _typing_indicator(),
                        spacing="3",
                        width="100%",
                        aria_live="polite",
                    ),
                    width="100%",
                    display=rx.cond(SessionState.is_browser, "none", "block"),
                ),
                _verdict(),
                rx.cond(SessionState.is_browser, browser_ui.grouped_findings(SessionState.finding_groups), _findings()),
                *sections,
                spacing="4",
                width="100%",
            ),
        ),
        active="/sessions",
    )
