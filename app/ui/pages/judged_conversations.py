"""/judgements: conversations that did not happen in Mimic (production transcripts, say),
judged as sessions are: the list (POST /api/judgements and `mimic judge` add to it), one
conversation with its transcript beside the verdict, the findings and the calibration of its
judge, and a conversation pasted as JSON or YAML judged from here. Services run in worker
threads (background events)."""

from __future__ import annotations

import asyncio
import dataclasses

import reflex as rx

from app.models.judgement import ConversationJudgementDetail, ConversationJudgementPublic
from app.services import conversations
from app.services.errors import ServiceError
from app.services.pagination import PageParams
from app.ui.components.layout import page_header, shell
from app.ui.components.status import blame_badge, outcome_badge, severity_badge, verdict_badge
from app.ui.formatting import when
from app.ui.state.auth import AuthState

ROUTE = "/judgements"
PAGE_SIZE = 25
EXAMPLE = """reference: chat-1042
persona: {name: Dana}
objective:
  goal: Find out when order A-10482 arrives.
  successCriteria: [The agent gives the delivery date]
transcript:
  - {senderType: persona, content: "When does order A-10482 arrive?"}
  - {senderType: agent, content: "It arrives on Friday."}"""


@dataclasses.dataclass
class JudgedRow:
    id: str
    reference: str
    outcome: str
    blame: str
    met: str
    findings: str
    judge: str
    when: str


@dataclasses.dataclass
class Line:
    id: str
    sender: str
    content: str


@dataclasses.dataclass
class Ruling:
    criterion: str
    status: str
    reasoning: str
    evidence: str
    agreement: str


@dataclasses.dataclass
class Found:
    type: str
    severity: str
    description: str
    evidence: str


def _row(j: ConversationJudgementPublic) -> JudgedRow:
    v = j.verdict
    met = sum(1 for c in v.criteria if c.status == "met")
    return JudgedRow(
        id=j.id,
        reference=j.reference or j.id[:8],
        outcome=v.outcome or ("error" if j.error else ""),
        blame=v.blame or "",
        met=f"{met}/{len(v.criteria)}",
        findings=", ".join(f"{f.type} ({f.severity})" for f in j.findings) or "—",
        judge=f"{v.judge_model} · {v.prompt_version}",
        when=when(j.created_at),
    )


class JudgedConversationsState(AuthState):
    rows: list[JudgedRow] = []
    total: int = 0
    page: int = 1
    reference: str = ""
    loading: bool = False
    list_error: str = ""
    # The conversation opened below the list.
    open_id: str = ""
    title: str = ""
    summary: str = ""
    calibration: str = ""
    lines: list[Line] = []
    rulings: list[Ruling] = []
    found: list[Found] = []
    judge_error: str = ""
    # A conversation pasted to be judged.
    text: str = ""
    judging: bool = False
    paste_error: str = ""

    @rx.event(background=True)
    async def load(self):
        async with self:
            self.loading, self.page = True, 1
        await self._read()

    async def _read(self) -> None:
        async with self:
            params, reference = PageParams(page=self.page, limit=PAGE_SIZE), self.reference.strip() or None
        try:
            listed = await self._call(
                conversations.list_conversation_judgements, params=params, reference=reference
            )
        except ServiceError as exc:
            async with self:
                self.loading, self.list_error = False, str(exc)
            return
        async with self:
            self.rows = [_row(j) for j in listed.data]
            self.total, self.loading, self.list_error = listed.pagination.total, False, ""

    @rx.event
    def set_reference(self, value: str):
        self.reference = value

    @rx.event
    def set_text(self, value: str):
        self.text = value

    @rx.event(background=True)
    async def search(self):
        async with self:
            self.page = 1
        await self._read()

    @rx.event(background=True)
    async def go_to_page(self, page: int):
        async with self:
            self.page = min(max(1, page), self.pages)
        await self._read()

    def _show(self, j: ConversationJudgementDetail) -> None:
        v = j.verdict
        self.open_id, self.title = j.id, j.reference or j.id
        self.summary = v.summary or ""
        self.calibration = v.calibration.message if v.calibration else ""
        self.judge_error = str((j.error or {}).get("message") or "")
        transcript = j.conversation.get("transcript") or []
        self.lines = [
            Line(id=str(m.get("id") or ""), sender=str(m.get("senderType") or ""), content=str(m.get("content") or ""))
            for m in transcript
        ]
        self.rulings = [
            Ruling(
                criterion=c.criterion,
                status=c.status,
                reasoning=c.reasoning,
                evidence=", ".join(c.evidence_message_ids),
                agreement=c.agreement,
            )
            for c in [*v.criteria, *v.checks]
        ]
        self.found = [
            Found(
                type=f.type,
                severity=f.severity,
                description=f.description,
                evidence=", ".join(str(i) for i in f.evidence.get("messageIds") or []),
            )
            for f in j.findings
        ]

    @rx.event(background=True)
    async def open(self, judgement_id: str):
        try:
            detail = await self._call(conversations.get_conversation_judgement, judgement_id=judgement_id)
        except ServiceError as exc:
            yield rx.toast.error(str(exc))
            return
        async with self:
            self._show(detail)

    @rx.event(background=True)
    async def judge(self):
        async with self:
            text, self.judging, self.paste_error = self.text, True, ""
        try:
            data = await asyncio.to_thread(conversations.parse_conversation, text)
            principal = await asyncio.to_thread(self._principal)
            judged = await conversations.judge_conversation(principal=principal, data=data)
        except ServiceError as exc:
            async with self:
                self.judging = False
                self.paste_error = exc.message + "".join(f" · {d.field}: {d.message}" for d in exc.details[:5])
            return
        async with self:
            self.judging, self.text, self.page = False, "", 1
            self._show(judged)
        await self._read()
        yield rx.toast.success(f"Judged: {judged.verdict.outcome or 'error'}")

    @rx.var
    def pages(self) -> int:
        return max(1, -(-self.total // PAGE_SIZE))


S = JudgedConversationsState


def _paste() -> rx.Component:
    return rx.card(
        rx.vstack(
            rx.heading("Judge a conversation", size="4", as_="h2"),
            rx.text(
                "Paste one conversation as JSON or YAML (the body of POST /api/judgements): persona, objective "
                "with success criteria, and the transcript (senderType persona or agent, content).",
                size="2",
                color_scheme="gray",
            ),
            rx.text_area(
                value=S.text,
                on_change=S.set_text,
                rows="8",
                width="100%",
                placeholder=EXAMPLE,
                aria_label="Conversation (JSON or YAML)",
                font_family="var(--code-font-family)",
            ),
            rx.button("Judge it", on_click=S.judge, loading=S.judging, data_testid="judge-conversation"),
            rx.cond(
                S.paste_error != "",
                rx.callout(S.paste_error, color_scheme="red", icon="triangle-alert", role="alert", width="100%"),
            ),
            spacing="3",
            width="100%",
        ),
        width="100%",
    )


def _list() -> rx.Component:
    headers = ("Reference", "Outcome", "Criteria met", "Findings", "Judge", "Judged", "")
    return rx.vstack(
        rx.hstack(
            rx.input(
                value=S.reference,
                on_change=S.set_reference,
                placeholder="Your reference (exact)",
                aria_label="Reference",
            ),
            rx.button("Search", on_click=S.search, variant="soft"),
            rx.spacer(),
            rx.text(S.total, " judged conversations", size="2", color_scheme="gray"),
            width="100%",
            align="center",
        ),
        rx.cond(S.list_error != "", rx.text(S.list_error, color_scheme="red", size="2", role="alert")),
        rx.table.root(
            rx.table.header(rx.table.row(*[rx.table.column_header_cell(h) for h in headers])),
            rx.table.body(
                rx.foreach(
                    S.rows,
                    lambda r: rx.table.row(
                        rx.table.cell(r.reference),
                        rx.table.cell(rx.hstack(outcome_badge(r.outcome), blame_badge(r.blame), spacing="1")),
                        rx.table.cell(r.met),
                        rx.table.cell(r.findings),
                        rx.table.cell(rx.code(r.judge)),
                        rx.table.cell(r.when, white_space="nowrap"),
                        rx.table.cell(
                            rx.button(
                                "Open",
                                size="1",
                                variant="soft",
                                on_click=S.open(r.id),
                                aria_label="Open " + r.reference,
                            )
                        ),
                        data_testid="judged-row",
                    ),
                )
            ),
            width="100%",
            variant="surface",
        ),
        rx.cond(
            S.pages > 1,
            rx.hstack(
                rx.button("Previous", on_click=S.go_to_page(S.page - 1), disabled=S.page <= 1, variant="soft"),
                rx.text("Page ", S.page, " of ", S.pages, size="2"),
                rx.button("Next", on_click=S.go_to_page(S.page + 1), disabled=S.page >= S.pages, variant="soft"),
                align="center",
            ),
        ),
        spacing="3",
        width="100%",
    )


def _opened() -> rx.Component:
    transcript = rx.vstack(
        rx.heading("Transcript", size="3", as_="h3"),
        rx.foreach(
            S.lines,
            lambda m: rx.hstack(
                rx.badge(m.id, variant="outline"),
                rx.text(m.sender, weight="medium", size="2", min_width="4.5rem"),
                rx.text(m.content, size="2", white_space="pre-wrap"),
                align="start",
                spacing="2",
                data_testid="judged-message",
            ),
        ),
        spacing="2",
        width="100%",
    )
    verdict = rx.vstack(
        rx.heading("Verdict", size="3", as_="h3"),
        rx.text(S.summary, size="2"),
        rx.cond(S.calibration != "", rx.text("Judge: ", S.calibration, size="1", color_scheme="gray")),
        rx.cond(S.judge_error != "", rx.text("The judge model failed: ", S.judge_error, color_scheme="red", size="2")),
        rx.foreach(
            S.rulings,
            lambda c: rx.vstack(
                rx.hstack(
                    verdict_badge(c.status),
                    rx.text(c.criterion, weight="medium", size="2"),
                    rx.cond(c.agreement != "", rx.badge("agreement ", c.agreement, variant="soft")),
                    spacing="2",
                ),
                rx.text(c.reasoning, size="1", color_scheme="gray"),
                rx.cond(c.evidence != "", rx.text("Evidence: ", c.evidence, size="1")),
                spacing="1",
                width="100%",
                data_testid="judged-criterion",
            ),
        ),
        rx.foreach(
            S.found,
            lambda f: rx.hstack(
                severity_badge(f.severity),
                rx.code(f.type),
                rx.text(f.description, size="2"),
                rx.text(f.evidence, size="1", color_scheme="gray"),
                spacing="2",
                align="center",
                data_testid="judged-finding",
            ),
        ),
        spacing="2",
        width="100%",
    )
    return rx.card(
        rx.vstack(
            rx.heading(S.title, size="4", as_="h2", data_testid="judged-title"),
            rx.grid(transcript, verdict, columns=rx.breakpoints(initial="1", md="2"), spacing="5", width="100%"),
            width="100%",
        ),
        width="100%",
    )


def judged_conversations_page() -> rx.Component:
    return shell(
        page_header(
            "Judged conversations",
            "Conversations that did not happen in Mimic, judged exactly as sessions are (REST: POST "
            "/api/judgements; CLI: mimic judge FILE).",
        ),
        rx.vstack(
            rx.cond(AuthState.can_write, _paste()),
            _list(),
            rx.cond(S.open_id != "", _opened()),
            spacing="4",
            width="100%",
        ),
        active="/reviews",
    )
