"""/sessions/<id>: the conversation as it happens, then the verdict and the findings.

While the session runs, a background task follows the session's live feed (the same one
the SSE stream and the WebSocket read) and appends each message as it is stored.
"""

from __future__ import annotations

import asyncio

import reflex as rx

from app import llm
from app.db import session_scope
from app.models.session import TERMINAL_STATUSES, SessionDetail
from app.services import live, sessions
from app.services.errors import ServiceError
from app.ui.components.layout import page_header, shell
from app.ui.components.status import outcome_badge, severity_badge, status_badge, verdict_badge
from app.ui.state.auth import AuthState

# The page keeps the last messages only; the export has the whole transcript.
SHOWN_MESSAGES = 300


def _message(m: dict) -> dict[str, str]:
    latency = m.get("latencyMs")
    return {
        "id": str(m.get("id", "")),
        "sender": str(m.get("senderType") or m.get("role", "")),
        "content": str(m.get("content", "")),
        "latency": f"{latency} ms" if latency is not None else "",
        "sequence": str(m.get("sequence", "")),
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
    criteria: list[dict[str, str]] = []
    findings: list[dict[str, str]] = []
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
        self.verdict_summary = detail.verdict.summary if detail.verdict else ""
        self.criteria = [
            {"criterion": c.criterion, "status": c.status, "reasoning": c.reasoning,
             "cited": ", ".join(f"#{self._sequence_of(i)}" for i in c.cited_message_ids)}
            for c in (detail.verdict.criteria if detail.verdict else [])
        ]  # fmt: skip
        self.findings = [
            {"type": f.type, "severity": f.severity, "description": f.description,
             "perspective": f.persona_perspective, "source": f.source}
            for f in detail.findings
        ]  # fmt: skip
        if detail.status in TERMINAL_STATUSES:
            self.typing = ""

    def _sequence_of(self, message_id: str) -> str:
        return next((m["sequence"] for m in self.messages if m["id"] == message_id), "?")

    def _reload(self) -> bool:
        try:
            with session_scope() as session:
                detail = sessions.get_session(session=session, principal=self._principal(), session_id=self.session_key)
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
            with session_scope() as session:
                sessions.start_session(session=session, principal=self._principal(), session_id=self.session_key)
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        self.status = "running"

    @rx.event
    async def stop(self):
        try:
            with session_scope() as session:
                sessions.cancel_session(session=session, principal=self._principal(), session_id=self.session_key)
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
                rx.cond(is_persona, SessionState.persona_name, "Agent"),
                size="1",
                weight="bold",
                color_scheme=rx.cond(is_persona, "violet", "gray"),
            ),  # fmt: skip
            rx.text(m["content"], size="3", white_space="pre-wrap"),
            rx.cond(m["latency"] != "", rx.text(m["latency"], size="1", color_scheme="gray")),
            background=rx.cond(is_persona, rx.color("violet", 3), rx.color("gray", 3)),
            padding="0.6rem 0.9rem",
            border_radius="var(--radius-4)",
            max_width="75%",
        ),
        justify=rx.cond(is_persona, "start", "end"),
        width="100%",
        data_testid="message",
        data_sender=m["sender"],
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
        SessionState.criteria.length() > 0,
        rx.card(
            rx.vstack(
                rx.heading("Verdict", size="4", as_="h2"),
                rx.text(SessionState.verdict_summary, size="2"),
                rx.foreach(
                    SessionState.criteria,
                    lambda c: rx.hstack(
                        verdict_badge(c["status"]),
                        rx.vstack(
                            rx.text(c["criterion"], weight="medium", size="2"),
                            rx.text(c["reasoning"], size="2", color_scheme="gray"),
                            rx.cond(
                                c["cited"] != "", rx.text("Cites messages ", c["cited"], size="1", color_scheme="gray")
                            ),  # fmt: skip
                            spacing="1",
                        ),
                        align="start",
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
                            severity_badge(f["severity"]),
                            rx.badge(f["type"], variant="outline"),
                            rx.text(f["source"], size="1", color_scheme="gray"),
                            spacing="2",
                        ),  # fmt: skip
                        rx.text(f["description"], size="2"),
                        rx.cond(
                            f["perspective"] != "",
                            rx.text("“", f["perspective"], "”", size="2", color_scheme="gray", font_style="italic"),
                        ),  # fmt: skip
                        spacing="1",
                        padding_y="0.4rem",
                    ),
                ),
                spacing="2",
            ),
            width="100%",
        ),
    )


def session_page() -> rx.Component:
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
                ),
                _verdict(),
                _findings(),
                spacing="4",
                width="100%",
            ),
        ),
        active="/sessions",
    )
