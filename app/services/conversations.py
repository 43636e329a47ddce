"""Judging a conversation that did not happen in Mimic (a production transcript, say): the
persona, the objective and the transcript in the seeds' message shape, judged exactly as a
session is (the checks, both passes, the rules, repeats), answered with the verdict, its
findings and checks, and kept so that a team can look back (`GET /api/judgements`)."""

from __future__ import annotations

import asyncio
from typing import Any

from pydantic import ValidationError
from sqlmodel import Session, col, select

from app.db import session_scope
from app.engine.case import JudgeCase, end_reason_text, transcript_from
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot
from app.engine.judgement import JudgementResult, VerdictRow
from app.models.judgement import (
    ConversationFinding,
    ConversationJudgeCreate,
    ConversationJudgement,
    ConversationJudgementDetail,
    ConversationJudgementPublic,
    SessionVerdict,
    VerdictPublic,
)
from app.services import audit, judging, providers
from app.services.access import Permission, Principal, require
from app.services.crud import ScopedResource
from app.services.errors import FieldError, ValidationFailed, validation_details
from app.services.judge_calibration import judge_calibration
from app.services.judging_settings import judging_settings
from app.services.pagination import PageParams, Paginated, paginate
from app.services.transfer import parse_document
from app.services.verdicts import agreement


def parse_conversation(text: str) -> ConversationJudgeCreate:
    """One conversation pasted as JSON or YAML (the body of POST /api/judgements), or a 422
    naming every bad field."""
    fmt = "json" if text.lstrip().startswith("{") else "yaml"
    document = parse_document(text, fmt)
    if not isinstance(document, dict):
        raise ValidationFailed("Not a conversation", [FieldError("body", "expected an object with persona, "
                                                                          "objective and transcript")])  # fmt: skip
    try:
        return ConversationJudgeCreate.model_validate(document)
    except ValidationError as exc:
        raise ValidationFailed("Invalid conversation", validation_details(exc.errors())) from None


def case_of(data: ConversationJudgeCreate) -> JudgeCase:
    p, o = data.persona, data.objective
    messages = [{"id": m.id or f"m{i}", "senderType": m.sender_type, "content": m.content, "latencyMs": m.latency_ms}
                for i, m in enumerate(data.transcript, start=1)]  # fmt: skip
    checks = [c.model_dump(by_alias=True, exclude_none=True, exclude_defaults=True) | {"type": c.type}
              for c in o.checks]  # fmt: skip
    return JudgeCase(
        persona=PersonaSnapshot(name=p.name, description=p.description, traits=p.traits, language=p.language),
        objective=ObjectiveSnapshot(name=data.reference or "imported", goal=o.goal, constraints=list(o.constraints),
                                    success_criteria=list(o.success_criteria), checks=checks),
        transcript=transcript_from(messages), end_reason=data.end_reason, agent_instructions=data.agent_instructions,
    )  # fmt: skip


def _row_public(row: VerdictRow) -> VerdictPublic:
    return VerdictPublic(
        kind=row.kind, key=row.key, criterion_index=row.index, criterion=row.label, status=row.status,
        reasoning=row.reasoning, evidence_message_ids=list(row.evidence), cited_message_ids=list(row.evidence),
        source=row.source, blame=row.blame, gating=row.gating, resolved_by=row.resolved_by, votes=dict(row.votes),
        agreement=agreement(row.votes, row.status, row.unstable), unstable=row.unstable,
    )  # fmt: skip


def answer_of(result: JudgementResult, case: JudgeCase) -> dict[str, Any]:
    """The verdict and findings as GET /api/sessions/{id}/verdicts and /findings give them."""
    verdict = SessionVerdict(
        summary=result.summary, outcome=result.outcome, blame=result.blame, judge_model=result.judge_model,
        prompt_version=result.prompt_version, judgement_id=None, end_reason_text=end_reason_text(case.end_reason),
        simulator=result.simulator, repeats=result.repeats, criteria=[_row_public(r) for r in result.criteria],
        checks=[_row_public(r) for r in result.checks],
    )  # fmt: skip
    findings = [ConversationFinding(type=f.type, severity=f.severity, description=f.description,
                                    persona_perspective=f.persona_perspective, source=f.source,
                                    evidence={**f.evidence, **({"foundInRepeats": f.found_in} if f.found_in else {})})
                for f in result.findings]  # fmt: skip
    return {"verdict": verdict.model_dump(by_alias=True, mode="json"),
            "findings": [f.model_dump(by_alias=True, mode="json") for f in findings]}  # fmt: skip


def to_public(row: ConversationJudgement, calibration: dict[str, Any] | None = None) -> ConversationJudgementPublic:
    verdict = dict(row.result.get("verdict") or {})
    if calibration is not None:
        verdict["calibration"] = calibration
    return ConversationJudgementPublic(
        id=row.id, reference=row.reference, verdict=SessionVerdict.model_validate(verdict),
        findings=[ConversationFinding.model_validate(f) for f in row.result.get("findings") or []],
        error=row.result.get("error"), requested_by=row.requested_by, created_at=row.created_at,
    )  # fmt: skip


def to_detail(row: ConversationJudgement, calibration: dict[str, Any] | None = None) -> ConversationJudgementDetail:
    conversation = dict(row.conversation)
    # The ids the judge was given (and its evidence cites), where the caller gave none.
    conversation["transcript"] = [{**m, "id": m.get("id") or f"m{i}"}
                                  for i, m in enumerate(conversation.get("transcript") or [], start=1)]  # fmt: skip
    return ConversationJudgementDetail(**to_public(row, calibration).model_dump(), conversation=conversation)


def _prepare(principal: Principal, data: ConversationJudgeCreate) -> tuple[ModelChoice, int]:
    require(principal, Permission.write)
    with session_scope() as db:
        repeats = data.repeats or judging_settings(db, principal.workspace_id).judge_repeats
        judging.check_repeats(repeats, data.temperature)
        resolved = providers.resolve(db, principal.workspace_id, "judge", data.judge_model)
    return ModelChoice(resolved.model, data.temperature, resolved.credentials, resolved.id), repeats


def _store(principal: Principal, data: ConversationJudgeCreate, case: JudgeCase, result: JudgementResult,
           error: dict[str, Any] | None) -> ConversationJudgementDetail:  # fmt: skip
    answer = answer_of(result, case) | ({"error": error} if error else {})
    conversation = data.model_dump(
        by_alias=True, mode="json", include={"persona", "objective", "agent_instructions", "end_reason", "transcript"}
    )
    with session_scope() as db:
        row = ConversationJudgement(
            workspace_id=principal.workspace_id, reference=data.reference, conversation=conversation,
            judge_model=result.judge_model, prompt_version=result.prompt_version, settings=result.settings,
            repeats=result.repeats, outcome=result.outcome, blame=result.blame, result=answer,
            criteria_count=len(result.criteria), flipped_criteria=result.flipped_criteria,
            unstable_criteria=result.unstable_criteria, requested_by=principal.user_id,
        )  # fmt: skip
        db.add(row)
        audit.record(db, principal=principal, action="conversation.judged", target_type="conversation_judgement",
                     target_id=row.id, target_name=data.reference or "",
                     details={"judgeModel": result.judge_model, "outcome": result.outcome})  # fmt: skip
        db.flush()
        public = to_detail(row, _calibration_of(db, row))
    judging.publish("judgement", principal.workspace_id, public.id, {"conversationJudgementId": public.id})
    return public


async def judge_conversation(*, principal: Principal, data: ConversationJudgeCreate) -> ConversationJudgementDetail:
    """Judged and kept; a judge model that fails answers the checks' partial verdict (outcome
    error) with the failure, as a session's would be."""
    model, repeats = await asyncio.to_thread(_prepare, principal, data)
    case = case_of(data)
    prepared = judging.Prepared(principal.workspace_id, "", case, model, repeats, data.temperature, None,
                                principal.user_id)  # fmt: skip
    result, error = await judging.judge(prepared)
    return await asyncio.to_thread(_store, principal, data, case, result, error)


def _calibration_of(session: Session, row: ConversationJudgement) -> dict[str, Any] | None:
    """The calibration its judge has now."""
    calibration = judge_calibration(session, row.workspace_id, row.judge_model, row.prompt_version)
    return calibration.model_dump(by_alias=True, mode="json") if calibration else None


_resource = ScopedResource(ConversationJudgement, lambda row: row, "judgement")


def list_conversation_judgements(*, session: Session, principal: Principal, params: PageParams,
                                 reference: str | None = None) -> Paginated[ConversationJudgementPublic]:  # fmt: skip
    require(principal, Permission.read)
    query = select(ConversationJudgement).where(ConversationJudgement.workspace_id == principal.workspace_id)
    if reference:
        query = query.where(ConversationJudgement.reference == reference)
    query = query.order_by(col(ConversationJudgement.created_at).desc(), col(ConversationJudgement.id))
    return paginate(session, query, params, lambda row: to_public(row, _calibration_of(session, row)))


def get_conversation_judgement(*, session: Session, principal: Principal,
                               judgement_id: str) -> ConversationJudgementDetail:  # fmt: skip
    require(principal, Permission.read)
    row = _resource.row(session, principal, judgement_id)
    return to_detail(row, _calibration_of(session, row))
