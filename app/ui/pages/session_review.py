"""/sessions/<id>, continued (the state; session_review_view.py draws it): judging a stored
session again (judge model, temperature, repeats), every judgement it had, and the human
review (per criterion met / not met / inconclusive with a note, each finding confirmed or
dismissed, findings the judge missed added), shown beside the judge's verdict.

The services are called in worker threads from background events: the event loop never
waits for the database or the judge model's answers.
"""

from __future__ import annotations

import asyncio
import dataclasses
import re

import reflex as rx

from app.models.judgement import JudgeRequest
from app.models.review import ReviewCreate
from app.models.session import FindingType
from app.services import judging, reviews, sessions, verdicts
from app.services.errors import ServiceError
from app.ui.formatting import when
from app.ui.pages.session_detail import SessionState

STATUS_OPTIONS = [("met", "Met"), ("not_met", "Not met"), ("inconclusive", "Inconclusive")]
SEVERITIES = ["low", "medium", "high", "critical"]
FINDING_TYPES = [t.value for t in FindingType]


@dataclasses.dataclass
class JudgementItem:
    id: str
    when: str
    judge: str
    trigger: str
    repeats: str
    outcome: str
    status: str
    detail: str


@dataclasses.dataclass
class CriterionReview:
    index: int
    text: str
    judge_status: str
    status: str
    note: str


@dataclasses.dataclass
class FindingDecision:
    id: str
    type: str
    severity: str
    description: str
    decision: str  # confirmed | dismissed


@dataclasses.dataclass
class AddedFinding:
    type: str
    severity: str
    description: str
    evidence: str  # "#2, #4"


def _numbers(text: str) -> list[int]:
    return [int(n) for n in re.findall(r"\d+", text or "")]


class JudgingState(SessionState):
    judging_key: str = ""
    can_rejudge: bool = False
    can_review: bool = False
    judgements: list[JudgementItem] = []
    # The re-judge form.
    rejudge_open: bool = False
    rejudge_model: str = ""
    rejudge_temperature: str = ""
    rejudge_repeats: str = "1"
    rejudging: bool = False
    rejudge_error: str = ""
    # The review form, filled from the verdict (and the latest review).
    review_criteria: list[CriterionReview] = []
    review_findings: list[FindingDecision] = []
    review_added: list[AddedFinding] = []
    new_type: str = "unanswered-question"
    new_severity: str = "medium"
    new_description: str = ""
    new_evidence: str = ""
    review_note: str = ""
    review_error: str = ""
    reviewing: bool = False
    last_review: dict[str, str] = {}
    has_review: bool = False

    @rx.event(background=True)
    async def load_judging(self):
        async with self:
            session_id = self.router.url.path.rstrip("/").rsplit("/", 1)[-1]
            self.judging_key = session_id
        try:
            detail = await self._call(sessions.get_session, session_id=session_id)
            history = await self._call(verdicts.list_judgements, session_id=session_id)
            reviewed = await self._call(reviews.list_reviews, session_id=session_id)
        except ServiceError:
            return
        async with self:
            if self.judging_key != session_id:
                return
            self._fill(detail, history, reviewed)

    def _fill(self, detail, history, reviewed) -> None:
        self.can_rejudge = detail.status == "completed" or (
            detail.status == "error" and detail.end_reason == "judge_error"
        )
        verdict = detail.verdict
        self.can_review = bool(detail.status == "completed" and verdict and verdict.criteria)
        self.judgements = [
            JudgementItem(
                id=j.id,
                when=when(j.created_at, seconds=True),
                judge=f"{j.judge_model} · {j.prompt_version}",
                trigger=j.trigger.replace("_", " "),
                repeats=str(j.repeats),
                outcome=j.outcome,
                status=j.status,
                detail=(j.error or {}).get("message", "")
                if j.status == "error"
                else (f"{j.flipped_criteria} flipped, {j.unstable_criteria} unstable" if j.repeats > 1 else ""),
            )
            for j in history
        ]
        latest = reviewed[0] if reviewed else None
        by_index = {c["index"]: c for c in (latest.criteria if latest else [])}
        self.review_criteria = [
            CriterionReview(
                index=c.criterion_index,
                text=c.criterion,
                judge_status=c.status,
                status=by_index.get(c.criterion_index, {}).get("status", c.status),
                note=by_index.get(c.criterion_index, {}).get("note", ""),
            )
            for c in (verdict.criteria if verdict else [])
        ]
        decided = {d["findingId"]: d["decision"] for d in (latest.findings if latest else [])}
        self.review_findings = [
            FindingDecision(
                id=f.id,
                type=f.type,
                severity=f.severity,
                description=f.description,
                decision=decided.get(f.id, "confirmed"),
            )
            for f in detail.findings
            if f.judgement_id
        ]
        self.review_added = []
        self.review_note = ""
        self.has_review = latest is not None
        self.last_review = (
            {
                "who": latest.reviewer_email,
                "when": when(latest.created_at),
                "outcome": latest.outcome,
                "disagreements": str(latest.disagreements),
                "note": latest.note,
            }
            if latest
            else {}
        )

    # -- re-judge ----------------------------------------------------------------------------

    @rx.event
    def open_rejudge(self, value: bool):
        self.rejudge_open = value
        self.rejudge_error = ""

    @rx.event
    def set_rejudge_model(self, value: str):
        self.rejudge_model = value

    @rx.event
    def set_rejudge_temperature(self, value: str):
        self.rejudge_temperature = value

    @rx.event
    def set_rejudge_repeats(self, value: str):
        self.rejudge_repeats = value

    @rx.event(background=True)
    async def rejudge(self):
        async with self:
            try:
                request = JudgeRequest(
                    judge_model=self.rejudge_model.strip() or None,
                    temperature=float(self.rejudge_temperature) if self.rejudge_temperature.strip() else None,
                    repeats=int(self.rejudge_repeats or 1),
                )
            except ValueError as exc:
                self.rejudge_error = f"Check the numbers: {str(exc).splitlines()[0]}"
                return
            self.rejudging, self.rejudge_error = True, ""
            session_id = self.judging_key
        try:
            principal = await asyncio.to_thread(self._principal)
            judged = await judging.rejudge_session(principal=principal, session_id=session_id, data=request)
        except ServiceError as exc:
            async with self:
                self.rejudging = False
                self.rejudge_error = exc.message + "".join(f" ({d.field}: {d.message})" for d in exc.details)
            return
        async with self:
            self.rejudging, self.rejudge_open = False, False
        yield SessionState.load
        yield JudgingState.load_judging
        if judged.status == "error":
            yield rx.toast.error(f"The judge model failed: {(judged.error or {}).get('message', '')}")
        else:
            yield rx.toast.success(f"Judged again by {judged.judge_model}: {judged.outcome}")

    # -- review ------------------------------------------------------------------------------

    @rx.event
    def set_criterion_status(self, index: int, value: str):
        self.review_criteria = [
            dataclasses.replace(c, status=value) if c.index == index else c for c in self.review_criteria
        ]

    @rx.event
    def set_criterion_note(self, index: int, value: str):
        self.review_criteria = [
            dataclasses.replace(c, note=value) if c.index == index else c for c in self.review_criteria
        ]

    @rx.event
    def decide_finding(self, finding_id: str, decision: str):
        self.review_findings = [
            dataclasses.replace(f, decision=decision) if f.id == finding_id else f for f in self.review_findings
        ]

    @rx.event
    def set_new_type(self, value: str):
        self.new_type = value

    @rx.event
    def set_new_severity(self, value: str):
        self.new_severity = value

    @rx.event
    def set_new_description(self, value: str):
        self.new_description = value

    @rx.event
    def set_new_evidence(self, value: str):
        self.new_evidence = value

    @rx.event
    def set_review_note(self, value: str):
        self.review_note = value

    @rx.event
    def add_finding(self):
        if not self.new_description.strip():
            self.review_error = "Describe the finding the judge missed."
            return
        known = {m["sequence"] for m in self.messages}
        unknown = [n for n in _numbers(self.new_evidence) if str(n) not in known]
        if unknown:
            self.review_error = f"No message #{unknown[0]} in this transcript."
            return
        self.review_added = [
            *self.review_added,
            AddedFinding(self.new_type, self.new_severity, self.new_description.strip(), self.new_evidence),
        ]
        self.new_description, self.new_evidence, self.review_error = "", "", ""

    @rx.event
    def remove_added(self, position: int):
        self.review_added = [a for i, a in enumerate(self.review_added) if i != position]

    def _review_request(self) -> ReviewCreate:
        ids = {m["sequence"]: m["id"] for m in self.messages}
        return ReviewCreate.model_validate(
            {
                "criteria": [{"index": c.index, "status": c.status, "note": c.note} for c in self.review_criteria],
                "findings": [{"findingId": f.id, "decision": f.decision} for f in self.review_findings],
                "addedFindings": [
                    {
                        "type": a.type,
                        "severity": a.severity,
                        "description": a.description,
                        "evidence": [ids[str(n)] for n in _numbers(a.evidence) if str(n) in ids],
                    }
                    for a in self.review_added
                ],
                "note": self.review_note,
            }
        )

    @rx.event(background=True)
    async def submit_review(self):
        async with self:
            try:
                request = self._review_request()
            except ValueError as exc:
                self.review_error = str(exc).splitlines()[0]
                return
            self.reviewing, self.review_error = True, ""
            session_id = self.judging_key
        try:
            review = await self._call(reviews.submit_review, session_id=session_id, data=request)
        except ServiceError as exc:
            async with self:
                self.reviewing = False
                self.review_error = exc.message + "".join(f" ({d.field}: {d.message})" for d in exc.details)
            return
        async with self:
            self.reviewing = False
        yield SessionState.load
        yield JudgingState.load_judging
        yield rx.toast.success(
            f"Review saved: {review.outcome} ({review.disagreements} disagreement(s) with the judge)"
        )
