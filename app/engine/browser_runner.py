"""Runs one browser session: the persona uses the agent's website in a context of the
shared headless Chromium, one action per step, until it is done, gives up, runs out of
actions (the objective's maxActions) or time, or gets stuck (a dead end).

Each step: observe the page (and measure it), let the persona choose an action, perform
it, store it as an event (context {url, pageTitle}, decision {action, reasoning}, outcome
{success, duration, error}) with a screenshot, and publish it on the bus. Measured
findings (source "measured", with evidence): console errors, uncaught exceptions, failed
requests, slow page loads, accessibility violations (axe-core), broken links, a field
that loses what was typed, dead ends; the persona's own findings have source "persona".
Requests to origins outside the allowed ones, and to addresses the outbound policy refuses,
are blocked and stored as events. At the end the browser judge (app/engine/browser_judge.py)
reads the steps of the visit: the pages, how each read, what the persona did and said; the
judgement (criteria, the objective's checks, findings, blame, outcome) is stored as for a
conversation.

Like SessionRunner, it knows no database (only the SessionStore) and never raises for a
website, browser, simulator or judge failure.
"""

from __future__ import annotations

import asyncio
import hashlib
import logging
import re
import time
from dataclasses import dataclass
from typing import Any

from app import llm
from app.browser import ActionOutcome, BrowserError, BrowserTab, Observation, SharedBrowser, Signal, shared_browser
from app.engine.browser_audit import AccessibilityAudit, axe_tags, severity_of
from app.engine.browser_judge import STEP_TEXT_LIMIT, BrowserJudge, visit_case
from app.engine.browser_pages import PageOutcome, SiteMap, classify_page, page_key
from app.engine.browser_persona import BrowserPersona, BrowserStep, PageView, describe_action
from app.engine.bus import EventBus
from app.engine.case import MAX_MESSAGE_CHARS, JudgeCase
from app.engine.context import ModelChoice, SessionPlan
from app.engine.runner import InfrastructureError, SessionRunner, SessionStore
from app.outbound import OutboundError, check_url

logger = logging.getLogger("mimic.browser_runner")

BLOCKED_EVENTS_MAX = 200  # per session; more are counted, not stored one by one
# Findings measured in the page (they are about the page the tab showed, which must be the site's).
_PAGE_SIGNALS = frozenset({"console_error", "uncaught_exception", "failed_request", "broken_link"})


@dataclass(frozen=True)
class BrowserOptions:
    # Screenshots for the persona's model (when it takes images), every `screenshot_interval` steps.
    include_screenshots: bool = False
    screenshot_interval: int = 5
    # A screenshot of every step, stored for the timeline.
    record_screenshots: bool = True
    slow_page_ms: int = 3000
    # "No progress": this many steps in a row leave the page as it was.
    dead_end_steps: int = 5
    trace: bool = True
    accessibility: bool = True
    check_links: bool = True


class BrowserSessionRunner(SessionRunner):
    def __init__(
        self,
        plan: SessionPlan,
        store: SessionStore,
        bus: EventBus,
        *,
        options: BrowserOptions | None = None,
        browser: SharedBrowser | None = None,
    ) -> None:
        super().__init__(plan, store, bus)
        self.options = options or BrowserOptions()
        self.browser = browser or shared_browser
        self.tab: BrowserTab | None = None
        self.history: list[dict[str, Any]] = []  # what the persona is reminded of
        self.notes: list[str] = []
        self.last_event_id: str | None = None
        self.step = 0
        self._reported: set[tuple] = set()
        self._blocked = 0
        self._stale_steps: list[dict[str, Any]] = []
        self._for_model = False
        self._lines_seen: set[str] = set()
        self._pages: dict[str, tuple[int, str | None]] = {}  # url -> (the step that first saw it, its cause)
        self.site = SiteMap()
        self.audit = AccessibilityAudit()
        self.axe_tags = axe_tags(self.plan.target.config.get("accessibility")) if self.options.accessibility else None
        self.outcome = PageOutcome("neutral")
        self.visit: list[dict[str, Any]] = []  # the steps as the judge reads them

    # -- the session ----------------------------------------------------------------------

    async def run(self) -> str:
        try:
            await self.store.mark_running()
            self.publish("status", {"status": "running"})
            end_reason = await self._browse_until_done()
            await self._wrap_up()
            return await self._judge_and_finish(end_reason)
        except asyncio.CancelledError:
            # The context goes first: a cancelled session must not keep a browser busy.
            await asyncio.shield(self._close_tab())
            await asyncio.shield(self._finish("cancelled", "cancelled", "cancelled"))
            raise
        except InfrastructureError as exc:
            await self._wrap_up(quietly=True)
            return await self._finish("error", "error", f"{exc.source}_error", exc.as_dict())
        except Exception as exc:  # a bug of ours must not leave the session "running" forever
            logger.exception("browser session %s crashed", self.plan.session_id)
            return await self._finish("error", "error", "internal_error",
                                      {"source": "mimic", "kind": "internal", "message": str(exc)[:500]})  # fmt: skip
        finally:
            await asyncio.shield(self._close_tab())

    async def _close_tab(self) -> None:
        if self.tab is not None:
            try:
                await self.tab.close()
            except Exception:  # closing is best effort
                logger.warning("closing the browser context of %s failed", self.plan.session_id, exc_info=True)

    async def _browse_until_done(self) -> str:
        try:
            async with asyncio.timeout(self.plan.limits.duration_s):
                return await self._browse()
        except TimeoutError:
            return "duration"
        except BrowserError as exc:
            raise InfrastructureError("browser", exc.kind, exc.message) from exc

    async def _browse(self) -> str:
        config = self.plan.target.config
        try:  # the context's proxy would refuse it too; this says so before a browser opens
            await check_url(config["targetUrl"])
        except OutboundError as exc:
            raise InfrastructureError("target", exc.kind, exc.message) from exc
        self.tab = await self.browser.open_tab(
            session_id=self.plan.session_id,
            allowed_origins=list(config.get("allowedOrigins") or []),
            viewport=config.get("viewport"),
            navigation_timeout_s=float(config.get("timeoutSeconds") or 30),
            trace=self.options.trace,
            accessibility=self.axe_tags is not None,
            check_links=self.options.check_links,
        )
        await self._open_target(config["targetUrl"])
        persona = BrowserPersona(self.plan.persona, self.plan.objective, self.plan.simulator, self.plan.limits.seed)
        previous_state: tuple[str, str] | None = None
        for step in range(1, self.plan.objective.max_actions + 1):
            self.step = step
            if step > 1 and self.plan.limits.message_interval_s:
                await asyncio.sleep(self.plan.limits.message_interval_s)
            self.publish("progress", {"status": "running", "typing": "persona", "step": step})
            seen = await self._observe(step)
            self.outcome = classify_page(seen.title, seen.headings, seen.messages)
            state = (seen.document, hashlib.sha256(seen.snapshot.encode()).hexdigest())
            # The previous action changed nothing the persona can see: no progress.
            self._stale_steps = [*self._stale_steps, self.history[-1]] if state == previous_state else []
            if len(self._stale_steps) >= self.options.dead_end_steps:
                await self._dead_end(seen)
                return "dead_end"
            previous_state = state
            # axe reads the page while the persona thinks.
            audit = asyncio.create_task(self._audit(seen)) if seen.new_document and self._real(seen.url) else None
            try:
                chosen = await self._decide(persona, seen, step)
            except BaseException:
                if audit is not None:
                    audit.cancel()
                raise
            if audit is not None:
                await audit
            outcome = await self._act(chosen.action)
            if chosen.action.type == "done" and self.outcome.kind == "failure":
                # Done on a page that says it failed is not done: the step says why, the visit goes on.
                refused = f"the page reports a failure (“{self.outcome.evidence}”): not done"
                outcome = ActionOutcome(success=False, duration_ms=0, url=seen.url, error=refused)
            await self._record_step(step, seen, chosen, outcome)
            if chosen.action.type == "done" and outcome.success:
                return "goal_met"
            if chosen.action.type == "give_up":
                return "persona_gave_up"
        return "max_actions"

    async def _open_target(self, url: str) -> None:
        assert self.tab is not None
        outcome = await self.tab.goto(url)
        stored = await self.store.add_event(
            type="navigation",
            context={"url": url, "pageTitle": ""},
            decision={"action": {"type": "navigate", "target": {"ref": "", "description": "the website"},
                                 "value": url},
                      "reasoning": {"observation": "", "thought": "Open the website.", "confidence": 1.0}},
            outcome=_outcome_dict(outcome),
        )  # fmt: skip
        self.last_event_id = stored.id
        self.visit.append({"id": stored.id, "step": 0, "action": f"open {url}", "success": outcome.success,
                           "error": outcome.error, "url": outcome.url or url,
                           "durationMs": outcome.duration_ms})  # fmt: skip
        self.publish("action", {"id": stored.id, "sequence": stored.sequence, "eventType": "navigation", "step": 0,
                                "context": {"url": url, "pageTitle": ""},
                                "decision": {"action": {"type": "navigate", "value": url}},
                                "outcome": _outcome_dict(outcome), "timestamp": stored.created_at})  # fmt: skip
        if not outcome.success:
            await self._record_signals()
            raise InfrastructureError("target", "navigation", f"The website did not load: {outcome.error}")

    async def _observe(self, step: int) -> Observation:
        assert self.tab is not None
        for_model = (
            self.options.include_screenshots
            and (step - 1) % max(1, self.options.screenshot_interval) == 0
            and (llm.supports_vision(self.plan.simulator.id) or llm.supports_vision(self.plan.simulator.model))
        )
        seen = await self.tab.observe(screenshot=for_model or self.options.record_screenshots)
        self._for_model = for_model
        self._pages.setdefault(seen.url, (step, self.last_event_id))
        if seen.new_document and self._real(seen.url):
            self.site.saw(seen.url, seen.title, seen.links, self.tab.is_real_page)
        await self._record_signals()
        if seen.load is not None and seen.load.duration_ms > self.options.slow_page_ms:
            await self._slow_page(seen)
        return seen

    async def _decide(self, persona: BrowserPersona, seen: Observation, step: int) -> BrowserStep:
        view = PageView(step=step, url=seen.url, title=seen.title, snapshot=seen.snapshot, notes=self.notes,
                        screenshot=seen.screenshot if self._for_model else None, fields=seen.fields,
                        messages=seen.messages, headings=seen.headings, forms=seen.forms,
                        outcome=self.outcome.as_dict(), visited=list(self.site.visited),
                        frontier=self.site.frontier())  # fmt: skip
        self.notes = []
        started = time.perf_counter()
        try:
            chosen = await persona.next_step(view, self.history)
        except llm.LLMError as exc:
            await self._failed_call("simulator", self.plan.simulator.model, exc, started)
            raise InfrastructureError("simulator", exc.kind, exc.message, exc.status_code) from exc
        await self._llm_call("simulator", chosen.result)
        return chosen.step

    async def _act(self, action) -> ActionOutcome:
        assert self.tab is not None
        self.publish("progress", {"status": "running", "typing": "", "step": self.step, "acting": action.type})
        fields = [{"ref": f.ref.strip(), "value": f.value} for f in action.fields]
        return await self.tab.act(action.type, ref=action.target.ref.strip(), value=action.value,
                                  submit=action.submit, fields=fields)  # fmt: skip

    def _real(self, url: str) -> bool:
        return self.tab is not None and self.tab.is_real_page(url)

    async def _record_step(self, step: int, seen: Observation, chosen: BrowserStep, outcome: ActionOutcome) -> None:
        action = chosen.action.model_dump(exclude_defaults=True)
        action.setdefault("target", {"ref": "", "description": ""})
        action.setdefault("value", "")
        context = {"url": seen.url, "pageTitle": seen.title, "page": page_key(seen.url),
                   "pageOutcome": self.outcome.kind}  # fmt: skip
        decision = {"action": action, "reasoning": chosen.reasoning.model_dump()}
        result = _outcome_dict(outcome)
        stored = await self.store.add_event(type="action", context=context, decision=decision, outcome=result)
        self.last_event_id = stored.id
        screenshot = None
        if seen.screenshot is not None:
            artifact = await self.store.add_artifact(kind="screenshot", name=f"step-{step:03d}.jpg",
                                                     content_type="image/jpeg", data=seen.screenshot,
                                                     event_id=stored.id)  # fmt: skip
            screenshot = artifact.id
        self.publish("action", {"id": stored.id, "sequence": stored.sequence, "eventType": "action", "step": step,
                                "context": context, "decision": decision, "outcome": result,
                                "screenshotId": screenshot, "timestamp": stored.created_at})  # fmt: skip
        entry = {"step": step, "action": action, "url": seen.url, "success": outcome.success, "error": outcome.error,
                 "pageOutcome": self.outcome.kind}  # fmt: skip
        self.history.append(entry)
        if not outcome.success:
            self.notes.append(f"Your last action ({describe_action(action)}) failed: {outcome.error}")
        # The judge reads the pages the persona saw (what is new on each) and what it did there.
        self.visit.append({
            "id": stored.id, "step": step, "action": action["type"], "did": describe_action(action),
            "success": outcome.success, "error": outcome.error, "url": seen.url, "pageTitle": seen.title,
            "pageOutcome": self.outcome.kind, "pageSays": seen.messages, "pageText": self._new_text(seen),
            "thought": chosen.reasoning.thought or chosen.reasoning.observation,
            # The whole page, for the objective's checks (the model reads only what is new).
            "text": f"{seen.title}\n{seen.text}"[:MAX_MESSAGE_CHARS], "durationMs": outcome.duration_ms,
        })  # fmt: skip
        if chosen.finding is not None:
            f = chosen.finding
            evidence = {"kind": "persona_report", "step": step, "pageUrl": seen.url, "action": action}
            perspective = f.personaPerspective or chosen.reasoning.thought
            await self._finding(f.type, f.severity, f.description, evidence, source="persona",
                                perspective=perspective, event_id=stored.id)  # fmt: skip
        for typed in outcome.fields or []:
            if typed.get("valueAfter") is not None and _lost(typed["value"], typed["valueAfter"]):
                label = _field_label(seen, typed["ref"])
                await self._finding(
                    "bug", "high",
                    f'The field "{label}" lost what was typed: it held "{typed["valueAfter"]}" once the focus moved '
                    "on.",
                    {"kind": "lost_input", "step": step, "pageUrl": seen.url, "field": label, "ref": typed["ref"],
                     "typed": typed["value"], "valueAfter": typed["valueAfter"]},
                    event_id=stored.id,
                )  # fmt: skip
        if action["type"] == "type" and outcome.value_after is not None and _lost(action["value"], outcome.value_after):
            target = action["target"].get("description") or action["target"].get("ref")
            await self._finding(
                "bug", "high",
                f'The field "{target}" lost what was typed: it held "{outcome.value_after}" once the focus moved on.',
                {"kind": "lost_input", "step": step, "pageUrl": seen.url, "field": target,
                 "ref": action["target"].get("ref"), "typed": action["value"], "valueAfter": outcome.value_after},
                event_id=stored.id,
            )  # fmt: skip

    def _new_text(self, seen: Observation) -> str:
        """The page's text without the lines earlier pages showed too (navigation, footer):
        pages of one site would otherwise read as the same answer over and over."""
        lines = [line.strip() for line in seen.text.splitlines() if line.strip()]
        fresh = [line for line in lines if line not in self._lines_seen]
        self._lines_seen.update(lines)
        return "\n".join(fresh)[:STEP_TEXT_LIMIT]

    # -- judging: the conversation's flow (SessionRunner._judge_and_finish) with the browser judge on the visit

    def judge(self, model: ModelChoice, seed: int | None) -> BrowserJudge:
        return BrowserJudge(model, seed=seed)

    def judge_case(self, end_reason: str) -> JudgeCase:
        return visit_case(self.plan.persona, self.plan.objective, end_reason, self.visit)

    def judging_progress(self) -> dict[str, Any]:
        return {"status": "judging", "actionCount": self.step}

    # -- measuring -------------------------------------------------------------------------

    async def _finding(
        self, type: str, severity: str, description: str, evidence: dict[str, Any], *, source: str = "measured",
        perspective: str = "", event_id: str | None = None,
    ) -> dict[str, Any]:  # fmt: skip
        stored = await self.store.add_finding(
            type=type, severity=severity, description=description, evidence=evidence, source=source,
            persona_perspective=perspective, event_id=event_id if event_id is not None else self.last_event_id,
            page=page_key(evidence.get("pageUrl") or "") or None,
        )  # fmt: skip
        self.publish("finding", stored)
        return stored

    def _first_time(self, *key: Any) -> bool:
        if key in self._reported:
            return False
        self._reported.add(key)
        return True

    async def _record_signals(self) -> None:
        assert self.tab is not None
        for signal in self.tab.drain_signals():
            await self._signal(signal)

    async def _signal(self, signal: Signal) -> None:
        d = {**signal.data, "step": self.step}
        kind = signal.kind
        if kind in _PAGE_SIGNALS and not self._real(d.get("pageUrl") or ""):
            return  # about:blank, the browser's own error page: nothing of the site
        if kind == "blocked_request":
            await self._blocked_request(d)
        elif kind == "dialog":
            self.notes.append(f"The page showed a {d['type']} dialog: “{d['message']}” (it was accepted).")
        elif kind == "console_error" and self._first_time(kind, d["message"], d.get("source")):
            await self._finding("error", "medium", f"Console error on {d['pageUrl']}: {d['message']}",
                                {"kind": kind, **d})  # fmt: skip
        elif kind == "uncaught_exception" and self._first_time(kind, d["message"]):
            await self._finding("error", "high", f"Uncaught {d['name']} on {d['pageUrl']}: {d['message']}",
                                {"kind": kind, **d})  # fmt: skip
        elif kind == "failed_request" and self._first_time(kind, d["url"], d.get("status")):
            status = d.get("status")
            what = f"HTTP {status}" if status else (d.get("error") or "no answer")
            severity = "high" if (status or 0) >= 500 or d.get("resourceType") == "document" else "medium"
            resource = d.get("resourceType") or "request"
            article = "An" if resource[0] in "aeiou" else "A"
            await self._finding("error" if not status or status >= 500 else "bug", severity,
                                f"{article} {resource} request failed ({what}): {d['url']}",
                                {"kind": kind, **d})  # fmt: skip
        elif kind == "broken_link" and self._first_time(kind, d["href"]):
            # Checked in the background: it belongs to the step that saw the page, not to the current one.
            d["step"], event_id = self._pages.get(d["pageUrl"], (self.step, self.last_event_id))
            what = f"HTTP {d['status']}" if d.get("status") else (d.get("error") or "no answer")
            await self._finding("bug", "medium", f"Broken link “{d.get('linkText') or d['href']}” on {d['pageUrl']}: "
                                f"{d['href']} answers {what}", {"kind": kind, **d}, event_id=event_id)  # fmt: skip

    async def _blocked_request(self, data: dict[str, Any]) -> None:
        self._blocked += 1
        # Without a reason, the origin filter blocked it; with one, the outbound policy did.
        reason = data.get("reason")
        if data.get("resourceType") == "document":
            why = "its address is not one Mimic may reach" if reason else "it is outside the website under test"
            self.notes.append(f"The browser refused to open {data['url']}: {why}.")
        if self._blocked > BLOCKED_EVENTS_MAX:
            return
        stored = await self.store.add_event(
            type="blocked_request",
            context={"url": data.get("pageUrl", ""), "pageTitle": ""},
            decision={},
            outcome={"success": False, "blocked": True, "url": data["url"], "origin": data["origin"],
                     "method": data.get("method"), "resourceType": data.get("resourceType"),
                     "error": reason or "origin not allowed"},
        )  # fmt: skip
        self.publish("blocked_request", {"id": stored.id, "sequence": stored.sequence, "step": self.step, **data})

    async def _slow_page(self, seen: Observation) -> None:
        load = seen.load
        assert load is not None
        if not self._first_time("slow_page", load.url.split("#", 1)[0]):
            return
        threshold = self.options.slow_page_ms
        severity = "high" if load.duration_ms > 3 * threshold else "medium"
        await self._finding(
            "performance", severity,
            f"Slow page: {load.url} took {load.duration_ms} ms to load (threshold {threshold} ms).",
            {"kind": "slow_page", "step": self.step, "pageUrl": load.url, "durationMs": load.duration_ms,
             "thresholdMs": threshold, "ttfbMs": load.ttfb_ms, "domContentLoadedMs": load.dom_content_loaded_ms,
             "loadMs": load.load_ms, "status": load.status},
        )  # fmt: skip

    async def _audit(self, seen: Observation) -> None:
        """axe-core's violations on a newly loaded page of the site: a rule on an element
        already reported on other pages adds this page to that finding."""
        assert self.tab is not None
        if not self._real(seen.url):
            return
        try:
            violations = await self.tab.accessibility_violations(self.axe_tags)
        except BrowserError:
            return
        page = page_key(seen.url)
        created, grown = self.audit.add_page(violations or [], page=page, url=seen.url.split("#", 1)[0],
                                             step=self.step, event_id=self.last_event_id)  # fmt: skip
        for finding in created:
            stored = await self._finding("accessibility", severity_of(finding.rule), finding.description(),
                                         finding.evidence())  # fmt: skip
            finding.id = stored["id"]
        for finding in {id(f): f for f in grown if f.id}.values():
            updated = await self.store.update_finding(finding.id, description=finding.description(),
                                                      evidence=finding.evidence())  # fmt: skip
            if updated is not None:  # the same finding, seen on one more page (not a new one for webhooks)
                self.publish("finding_updated", updated)

    async def _dead_end(self, seen: Observation) -> None:
        steps = [s["step"] for s in self._stale_steps]
        actions = [describe_action(s["action"]) for s in self._stale_steps]
        await self._finding(
            "ux-issue", "medium",
            f"Dead end on “{seen.title}”: {len(steps)} actions in a row changed nothing ({'; '.join(actions)}).",
            {"kind": "dead_end", "step": self.step, "pageUrl": seen.url, "steps": steps, "actions": actions},
        )  # fmt: skip

    async def _wrap_up(self, *, quietly: bool = False) -> None:
        """After the last step: what the last action caused (its page's load, errors,
        broken links), and the trace."""
        if self.tab is None or self.tab.closed:
            return
        try:
            if self.history and self.tab.page is not None:
                seen = await self.tab.observe()
                if self._real(seen.url):
                    if seen.load is not None and seen.load.duration_ms > self.options.slow_page_ms:
                        await self._slow_page(seen)
                    if seen.new_document:
                        await self._audit(seen)
            await self.tab.settle_background()
            await self._record_signals()
        except BrowserError:
            pass
        except Exception:
            if not quietly:
                raise
            logger.warning("measuring the end of %s failed", self.plan.session_id, exc_info=True)
        trace = await self.tab.stop_trace()
        if trace:
            await self.store.add_artifact(kind="trace", name="trace.zip", content_type="application/zip", data=trace)


def _outcome_dict(outcome: ActionOutcome) -> dict[str, Any]:
    result: dict[str, Any] = {"success": outcome.success, "duration": outcome.duration_ms, "error": outcome.error,
                              "url": outcome.url, "navigated": outcome.navigated}  # fmt: skip
    if outcome.value_after is not None:
        result["valueAfter"] = outcome.value_after
    if outcome.fields is not None:
        result["fields"] = outcome.fields
    if outcome.restored:
        result["restored"] = True
    return result


def _field_label(seen: Observation, ref: str) -> str:
    return next((f.get("label") or ref for f in seen.fields if f.get("ref") == ref), ref)


def _lost(typed: str, after: str) -> bool:
    """The field no longer holds what was typed (formatting such as spaces or case aside)."""
    want, have = (re.sub(r"\W", "", v).lower() for v in (typed, after))
    if not want:
        return False
    return not have or (want not in have and have not in want)


__all__ = ["BrowserOptions", "BrowserSessionRunner"]
