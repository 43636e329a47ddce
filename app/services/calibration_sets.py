"""Calibration sets: labelled conversations, imported as JSON or YAML (the format of
app/services/calibration.py, the labelled set of tests/data/ among them) or built in one
click from reviewed sessions, where each reviewer's reading is the label: the criteria as
reviewed (with their evidence), the findings confirmed and added as the expected ones.
A case whose reviewer disagreed with the judge, or whose judge repeats did, is marked hard."""

from __future__ import annotations

import json
from typing import Any, Literal

import yaml
from pydantic import ValidationError
from sqlalchemy.exc import IntegrityError
from sqlmodel import Session, col, select

from app.models.calibration import LabelledSet, LabelledSetDetail, LabelledSetPublic, SetFromReviews
from app.models.library import Agent, Objective, Persona
from app.models.review import Review
from app.models.session import Finding, Message, SimSession
from app.services import audit, judging
from app.services.access import Permission, Principal, require
from app.services.calibration import CalibrationSet
from app.services.crud import ScopedResource
from app.services.errors import Conflict, FieldError, ValidationFailed, validation_details
from app.services.pagination import PageParams, Paginated
from app.services.transfer import parse_document

# The longest message a labelled case keeps (the judge reads 4,000 characters of one).
MAX_CONTENT = 20_000


def to_public(row: LabelledSet) -> LabelledSetPublic:
    return LabelledSetPublic.model_validate(row)


resource = ScopedResource(LabelledSet, to_public, "calibration set")


def validated(document: Any) -> CalibrationSet:
    """The set, or a 422 naming every bad field (`cases.3.labels`, ...)."""
    if not isinstance(document, dict):
        raise ValidationFailed("Not a calibration set", [FieldError("body", "expected an object with name and cases")])
    try:
        return CalibrationSet.model_validate(document)
    except ValidationError as exc:
        raise ValidationFailed("Invalid calibration set", validation_details(exc.errors())) from None


def _save(session: Session, principal: Principal, labelled: CalibrationSet, source: str) -> LabelledSet:
    row = LabelledSet(
        workspace_id=principal.workspace_id, name=labelled.name, description=labelled.description,
        version=labelled.version, source=source,
        cases=[c.model_dump(mode="json", exclude_none=True) for c in labelled.cases], case_count=len(labelled.cases),
        criteria_count=sum(len(c.labels) for c in labelled.cases),
        finding_count=sum(len(c.expectedFindings) for c in labelled.cases), created_by=principal.user_id,
    )  # fmt: skip
    session.add(row)
    details = {"source": source, "cases": row.case_count}
    audit.record(session, principal=principal, action="calibration_set.created", target_type="calibration_set",
                 target_id=row.id, target_name=row.name, details=details)  # fmt: skip
    try:
        session.commit()
    except IntegrityError:
        session.rollback()
        raise Conflict(f"A calibration set named “{labelled.name}” exists already") from None
    return row


def import_set(*, session: Session, principal: Principal, content: bytes | str,
               fmt: Literal["json", "yaml"]) -> LabelledSetDetail:  # fmt: skip
    require(principal, Permission.write)
    labelled = validated(parse_document(content, fmt))
    row = _save(session, principal, labelled, "import")
    return LabelledSetDetail.model_validate(row)


def _case_from_review(session: Session, row: SimSession, review: Review) -> dict[str, Any]:
    persona = session.get(Persona, row.persona_id)
    objective = session.get(Objective, row.objective_id) if row.objective_id else None
    agent = session.get(Agent, row.agent_id)
    if persona is None or objective is None or agent is None:
        raise Conflict(f"Session {row.id}: its persona, objective or agent no longer exists")
    messages = session.exec(select(Message).where(Message.session_id == row.id, col(Message.role).in_(
        ("persona", "agent"))).order_by(col(Message.sequence))).all()  # fmt: skip
    definition = objective.definition or {}
    instructions = str((agent.config or {}).get("systemPrompt") or "") if agent.type in ("hosted", "openai") else ""
    expected = [{"type": d["type"], "severity": d["severity"], "evidence": _finding_evidence(session, d["findingId"])}
                for d in review.findings if d.get("decision") == "confirmed"]  # fmt: skip
    expected += [{"type": a["type"], "severity": a["severity"], "evidence": list(a.get("evidence") or [])}
                 for a in review.added_findings]  # fmt: skip
    return {
        "id": f"session-{row.id}", "category": objective.name,
        "hard": review.disagreements > 0 or row.flipped_criteria > 0,
        "notes": review.note or f"Reviewed by {review.reviewer_email} on {review.created_at:%Y-%m-%d}.",
        "persona": {"name": persona.name, "description": persona.description, "traits": persona.traits,
                    "language": persona.language},
        "objective": {"goal": definition.get("goal", ""), "constraints": definition.get("constraints", []),
                      "successCriteria": definition.get("successCriteria", []), "checks": list(objective.checks or [])},
        "agentInstructions": instructions, "endReason": judging.conversation_end(row),
        "transcript": [{"id": m.id, "senderType": m.role, "content": m.content[:MAX_CONTENT], "latencyMs": m.latency_ms}
                       for m in messages],
        "labels": [{"criterion": c["index"], "status": c["status"], "evidence": list(c.get("evidence") or []),
                    "why": c.get("note") or ""} for c in review.criteria],
        "expectedFindings": expected,
    }  # fmt: skip


def _finding_evidence(session: Session, finding_id: str) -> list[str]:
    finding = session.get(Finding, finding_id)
    ids = (finding.evidence or {}).get("messageIds") if finding is not None else None
    return [str(i) for i in ids] if isinstance(ids, list) else []


def set_from_reviews(*, session: Session, principal: Principal, data: SetFromReviews) -> LabelledSetDetail:
    """Every reviewed session (of a run, an agent, or the ones named), its latest review as the labels."""
    require(principal, Permission.write)
    query = select(SimSession).where(SimSession.workspace_id == principal.workspace_id,
                                     col(SimSession.reviewed_at).is_not(None))  # fmt: skip
    if data.run_id:
        query = query.where(SimSession.run_id == data.run_id)
    if data.agent_id:
        query = query.where(SimSession.agent_id == data.agent_id)
    if data.session_ids is not None:
        query = query.where(col(SimSession.id).in_(data.session_ids))
    rows = session.exec(query.order_by(col(SimSession.reviewed_at))).all()
    if data.session_ids is not None and len(rows) != len(set(data.session_ids)):
        found = {r.id for r in rows}
        missing = [i for i in data.session_ids if i not in found][:5]
        problem = FieldError("sessionIds", f"not reviewed or not in this workspace: {missing}")
        raise ValidationFailed("Not every session was reviewed", [problem])
    if not rows:
        raise ValidationFailed("Nothing to build the set from",
                               [FieldError("body", "no reviewed session matches; review sessions first")])  # fmt: skip
    cases = []
    for row in rows:
        review = session.exec(select(Review).where(Review.session_id == row.id)
                              .order_by(col(Review.created_at).desc())).first()  # fmt: skip
        if review is not None:
            cases.append(_case_from_review(session, row, review))
    description = data.description or f"{len(cases)} reviewed sessions: each reviewer's reading is the label."
    labelled = validated({"name": data.name, "description": description, "cases": cases})
    row = _save(session, principal, labelled, "reviews")
    return LabelledSetDetail.model_validate(row)


def list_sets(*, session: Session, principal: Principal, params: PageParams,
              q: str | None = None) -> Paginated[LabelledSetPublic]:  # fmt: skip
    return resource.list(session, principal, params, q=q)


def get_set(*, session: Session, principal: Principal, set_id: str) -> LabelledSetDetail:
    require(principal, Permission.read)
    return LabelledSetDetail.model_validate(resource.row(session, principal, set_id))


def export_set(*, session: Session, principal: Principal, set_id: str,
               fmt: Literal["json", "yaml"]) -> tuple[str, str]:  # fmt: skip
    """The set in the format it is imported in."""
    detail = get_set(session=session, principal=principal, set_id=set_id)
    document = {"name": detail.name, "version": detail.version, "description": detail.description,
                "cases": detail.cases}  # fmt: skip
    if fmt == "yaml":
        return yaml.safe_dump(document, sort_keys=False, allow_unicode=True), "application/yaml"
    return json.dumps(document, indent=2, ensure_ascii=False), "application/json"


def delete_set(*, session: Session, principal: Principal, set_id: str) -> None:
    """Its reports stay (they name the set); a gate on it fails until a set of that name exists again."""
    require(principal, Permission.write)
    row = resource.row(session, principal, set_id)
    audit.record(session, principal=principal, action="calibration_set.deleted", target_type="calibration_set",
                 target_id=row.id, target_name=row.name)  # fmt: skip
    session.delete(row)
    session.commit()


def list_all(session: Session, principal: Principal) -> list[LabelledSetPublic]:
    require(principal, Permission.read)
    query = select(LabelledSet).where(LabelledSet.workspace_id == principal.workspace_id)
    return [to_public(r) for r in session.exec(query.order_by(col(LabelledSet.name))).all()]
