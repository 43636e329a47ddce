"""What a session spent, per role: the persona simulator, the agent (hosted agents) and the
judge, each with the models it used, its calls, tokens and cost, from the LLM calls the
engine and the judge recorded (re-judging included)."""

from __future__ import annotations

from collections import defaultdict

from pydantic import Field
from sqlmodel import Session, col, select

from app.models.base import CamelModel
from app.models.session import LLMCall
from app.services import sessions
from app.services.access import Permission, Principal, require

# The order the session page lists them in: who talks, then who judges.
ROLE_ORDER = ("simulator", "agent", "judge")


class RoleUsage(CamelModel):
    role: str = Field(description="simulator (the persona) | agent (hosted agents) | judge | other roles")
    models: list[str] = Field(description="Every model the role called, in order of first use")
    calls: int
    failed_calls: int = Field(description="Calls that ended in an error (still counted in calls)")
    prompt_tokens: int
    completion_tokens: int
    cost: float = Field(description="USD, as the providers' price lists give it; 0 for local models")
    latency_ms: int = Field(description="Summed over the calls")


def usage_by_role(*, session: Session, principal: Principal, session_id: str) -> list[RoleUsage]:
    require(principal, Permission.read)
    row = sessions.resource.row(session, principal, session_id)
    calls = session.exec(
        select(LLMCall).where(LLMCall.session_id == row.id).order_by(col(LLMCall.created_at), col(LLMCall.id))
    ).all()
    grouped: dict[str, list[LLMCall]] = defaultdict(list)
    for call in calls:
        grouped[call.role].append(call)
    order = {role: i for i, role in enumerate(ROLE_ORDER)}
    return [
        RoleUsage(
            role=role, models=list(dict.fromkeys(c.model for c in group)), calls=len(group),
            failed_calls=sum(1 for c in group if c.status != "ok"), prompt_tokens=sum(c.prompt_tokens for c in group),
            completion_tokens=sum(c.completion_tokens for c in group),
            cost=sum(c.cost for c in group), latency_ms=sum(c.latency_ms for c in group),
        )  # fmt: skip
        for role, group in sorted(grouped.items(), key=lambda item: (order.get(item[0], len(order)), item[0]))
    ]
