"""/api/judgements (conversations judged without a session), /api/reviews (the review queue)
and /api/judging/settings (judge repeats and the review sample rate)."""

from __future__ import annotations

from typing import Annotated

from fastapi import Query, status

from app.api.deps import CurrentPrincipal, SessionDep
from app.api.routing import APIRouter
from app.models.judgement import ConversationJudgeCreate, ConversationJudgementDetail, ConversationJudgementPublic
from app.models.review import JudgingSettings, ReviewQueueItem
from app.services import conversations, judging_settings, reviews
from app.services.pagination import PageParams, Paginated

router = APIRouter(tags=["judging"])


@router.post(
    "/api/judgements",
    response_model=ConversationJudgementDetail,
    status_code=status.HTTP_201_CREATED,
    summary="Judge a conversation that did not happen in Mimic",
)
async def judge_conversation(data: ConversationJudgeCreate, principal: CurrentPrincipal) -> ConversationJudgementDetail:
    """The persona, the objective (goal, constraints, success criteria, optional checks) and
    the transcript in the seeds' message shape (`senderType` persona | agent, `content`,
    optional `id` and `latencyMs`), judged exactly as a session is: `verdict` (criteria and
    checks with evidence, blame, agreement with repeats) and `findings`. A transcript without
    an agent message, with an unknown sender or without success criteria is a 422, and
    nothing is stored. The answer carries the conversation as judged, each message with the id
    its evidence cites (m1, m2, … where none was given); the list leaves it out."""
    return await conversations.judge_conversation(principal=principal, data=data)


@router.get("/api/judgements", response_model=Paginated[ConversationJudgementPublic], summary="Judged conversations")
def list_judgements(
    principal: CurrentPrincipal,
    session: SessionDep,
    params: Annotated[PageParams, Query()],
    reference: Annotated[str | None, Query(max_length=200, description="Your id of the conversation")] = None,
) -> Paginated[ConversationJudgementPublic]:
    """Newest first."""
    return conversations.list_conversation_judgements(
        session=session, principal=principal, params=params, reference=reference
    )


@router.get(
    "/api/judgements/{judgement_id}", response_model=ConversationJudgementDetail, summary="A judged conversation"
)
def get_judgement(judgement_id: str, principal: CurrentPrincipal, session: SessionDep) -> ConversationJudgementDetail:
    """The verdict and findings with the conversation judged (its messages' ids, as the evidence cites them)."""
    return conversations.get_conversation_judgement(session=session, principal=principal, judgement_id=judgement_id)


@router.get("/api/reviews", response_model=Paginated[ReviewQueueItem], summary="The review queue")
def review_queue(
    principal: CurrentPrincipal,
    session: SessionDep,
    params: Annotated[PageParams, Query()],
    run_id: Annotated[str | None, Query(alias="runId", max_length=36)] = None,
    agent_id: Annotated[str | None, Query(alias="agentId", max_length=36)] = None,
    disagreement: Annotated[bool, Query(description="Only sessions whose judge repeats disagreed")] = False,
    failed: Annotated[bool, Query(description="Only failed sessions")] = False,
    sampled: Annotated[bool, Query(description="Only the sample the review rate picks")] = False,
    reviewed: Annotated[bool, Query(description="The reviewed sessions instead of those waiting")] = False,
) -> Paginated[ReviewQueueItem]:
    """Judged sessions waiting for a human review, newest first."""
    return reviews.review_queue(
        session=session, principal=principal, params=params, run_id=run_id, agent_id=agent_id,
        disagreement=disagreement, failed=failed, sampled=sampled, reviewed=reviewed,
    )  # fmt: skip


@router.get("/api/judging/settings", response_model=JudgingSettings, summary="The workspace's judging settings")
def get_settings(principal: CurrentPrincipal, session: SessionDep) -> JudgingSettings:
    return judging_settings.get_settings(session=session, principal=principal)


@router.put("/api/judging/settings", response_model=JudgingSettings, summary="Change the judging settings (admins)")
def put_settings(data: JudgingSettings, principal: CurrentPrincipal, session: SessionDep) -> JudgingSettings:
    """`judgeRepeats`: the default number of independent judgements; `reviewSampleRate`: the
    share of judged sessions the review queue samples. Audited."""
    return judging_settings.update_settings(session=session, principal=principal, data=data)
