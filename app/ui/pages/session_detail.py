"""/sessions/<id>: the conversation as it happens, then the verdict and the findings (the state;
session_detail_view.py draws it, session_data.py reads it).

The messages are numbered; every citation (a criterion's evidence, a check's, a finding's)
links to the numbered message it names, which scrolls into view highlighted. The page names
the model of each role, the seed, start, duration, turns, tokens and cost (per role and per
message), the run and suite cell the session belongs to, and offers the exports, "Run again"
(a new session with the same settings) and "Re-judge" (session_review.py).

While the session runs, a background task follows the session's live feed (the same one
the SSE stream and the WebSocket read) and appends each message as it is stored. A browser
session shows its steps instead (app/ui/components/browser.py), with screenshots served by
the artifact route (which accepts the dashboard's cookie), and its findings grouped.

Every read goes through a worker thread: the event loop never waits for the database.
"""

from __future__ import annotations

import asyncio

import reflex as rx

from app.models.session import TERMINAL_STATUSES
from app.services import browser_sessions, calls, live, sessions
from app.services.errors import ServiceError
from app.ui.components import browser as browser_ui
from app.ui.components import voice as voice_ui
from app.ui.components.verdict_rows import FindingRow, VerdictRow
from app.ui.pages.session_data import SHOWN_MESSAGES, message_row, read_session
from app.ui.state.auth import AuthState


class SessionState(AuthState):
    session_key: str = ""
    status: str = ""
    outcome: str = ""
    end_reason: str = ""
    end_reason_words: str = ""  # "The persona gave up", "Target error"
    error_text: str = ""
    persona_name: str = ""
    agent_name: str = ""
    objective_name: str = ""
    messages: list[dict[str, str]] = []
    typing: str = ""
    # label/value pairs: the model of each role, seed, start, duration, turns, tokens, cost.
    facts: list[dict[str, str]] = []
    usage: list[dict[str, str]] = []  # per role: models, calls, tokens, cost
    origin: dict[str, str] = {}  # the run and suite cell, as links
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
    rerunning: bool = False
    _following: str = ""

    def _id_from_url(self) -> str:
        return self.router.url.path.rstrip("/").rsplit("/", 1)[-1]

    async def _read(self, session_id: str) -> dict | None:
        """The page's values for `session_id`, read in a worker thread; None when not the caller's."""
        try:
            return await self._call(read_session, session_id=session_id)
        except ServiceError:
            return None

    def _apply(self, values: dict | None) -> None:
        if values is None:
            self.not_found = True
            return
        self.not_found = False
        ended = values.pop("ended")
        for name, value in values.items():
            setattr(self, name, value)
        if ended:
            self.typing = ""

    async def _reload(self, session_id: str) -> None:
        values = await self._read(session_id)
        async with self:
            if self.session_key == session_id:
                self._apply(values)

    @rx.event(background=True)
    async def load(self):
        async with self:
            session_id = self._id_from_url()
            self.session_key, self.typing = session_id, ""
            start = self.router.url.query_parameters.get("start") == "1"
        values = await self._read(session_id)
        async with self:
            if self.session_key != session_id:
                return
            self._apply(values)
            if values is None:
                return
            follow = self.status not in TERMINAL_STATUSES and self._following != session_id
            start = start and self.status == "pending"
        if start:
            yield SessionState.start
        if follow:
            yield SessionState.follow

    @rx.event
    async def start(self):
        try:
            await self._call(sessions.start_session, session_id=self.session_key)
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        self.status = "running"

    @rx.event
    async def stop(self):
        try:
            await self._call(sessions.cancel_session, session_id=self.session_key)
        except ServiceError as exc:
            return rx.toast.error(str(exc))
        return rx.toast.info("Stopping the session…")

    @rx.event(background=True)
    async def run_again(self):
        """A new session with the same agent, persona, objective and settings; the page moves to it."""
        async with self:
            if self.rerunning:
                return
            self.rerunning = True
            session_id = self.session_key
        try:
            created = await self._call(sessions.rerun_session, session_id=session_id)
        except ServiceError as exc:
            async with self:
                self.rerunning = False
            yield rx.toast.error(exc.message + "".join(f" ({d.field}: {d.message})" for d in exc.details))
            return
        async with self:
            self.rerunning = False
        yield rx.redirect(f"/sessions/{created.id}")

    @rx.event
    def play_from(self, seconds: str):
        """Plays the recording from a message or a bar of the timeline."""
        if not seconds:
            return None
        try:
            return rx.call_script(voice_ui.seek_script(float(seconds)))
        except ValueError:
            return None

    def _add_step(self, data: dict) -> bool:
        """A step published on the bus; False on a gap (the feed fell behind: reload them all)."""
        number = int(data.get("step") or 0)
        known = [int(s["step"]) for s in self.steps if s["kind"] == "action"]
        if number and number != (known[-1] if known else 0) + 1:
            return False
        url = browser_sessions.artifact_url(self.session_key, data["screenshotId"]) if data.get("screenshotId") else ""
        step = browser_ui.timeline_step(data, number, url)
        if all(s["id"] != step["id"] for s in self.steps[-20:]):
            self.steps = [*self.steps, step][-SHOWN_MESSAGES:]
        return True

    def _take(self, item) -> bool:
        """One item of the live feed applied to the page; True when the page must be read again."""
        if item.type == "message":
            message = message_row(item.data)
            if all(m["id"] != message["id"] for m in self.messages[-20:]):
                self.messages = [*self.messages, message][-SHOWN_MESSAGES:]
            self.typing = ""
        elif item.type in ("progress", "status"):
            self.status = item.data.get("status", self.status)
            self.typing = item.data.get("typing", "")
        elif item.data.get("replayed"):
            return False  # steps stored before the page loaded them itself
        elif item.type == "action" and self.is_browser:
            return not self._add_step(item.data)
        elif item.type in ("finding", "finding_updated") and self.is_browser:
            # A finding seen on one more page comes again, updated: it replaces the old row.
            row = browser_ui.finding_row(item.data)
            others = [f for f in self.finding_groups if f["id"] != row["id"]]
            self.finding_groups = browser_ui.grouped([*others, row])
        elif item.type == "blocked_request":
            self.blocked_count += 1
        elif item.type == "complete":
            self.typing = ""
            return True
        return False

    @rx.event(background=True)
    async def follow(self):
        async with self:
            session_id = self.session_key
            if self._following == session_id:
                return
            self._following = session_id
            credential, meta = self._session_token(), self._request_meta()
        try:
            # Who asks, checked in a worker thread with the state unlocked.
            principal = await asyncio.to_thread(calls.caller, credential=credential, meta=meta)
            async for item in live.session_feed(principal, session_id, heartbeat_s=15):
                async with self:
                    if self.session_key != session_id:
                        return  # the tab moved on to another session
                    reload = self._take(item)
                if reload:
                    await self._reload(session_id)
        except (ServiceError, asyncio.CancelledError):
            pass
        finally:
            async with self:
                if self._following == session_id:
                    self._following = ""

    @rx.var
    def running(self) -> bool:
        return self.status in ("pending", "running", "judging")
