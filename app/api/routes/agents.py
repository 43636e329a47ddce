"""/api/agents: CRUD (filter by type), duplicate, connection test, and running a hosted agent."""

from typing import Annotated, Any

from fastapi import Query

from app.api.deps import CurrentPrincipal
from app.api.errors import error_responses
from app.api.routes.library import add_crud_routes
from app.api.routing import APIRouter
from app.models.library import (
    AgentCreate,
    AgentPublic,
    AgentRunRequest,
    AgentRunResult,
    AgentTestDraft,
    AgentTestResult,
    AgentType,
    AgentUpdate,
)
from app.services import agents

router = APIRouter(prefix="/api/agents", tags=["agents"])


async def agent_filters(
    type: Annotated[AgentType | None, Query(description="Only agents of this type")] = None,
) -> dict[str, Any]:
    return {"type": type}


add_crud_routes(
    router, label="agent", public=AgentPublic, create=AgentCreate, update=AgentUpdate, service=agents,
    list_filters=agent_filters,
)  # fmt: skip


@router.post("/test", response_model=AgentTestResult, summary="Test an agent's settings before saving them")
async def test_agent_draft(data: AgentTestDraft, principal: CurrentPrincipal) -> AgentTestResult:
    """The connection test for a type and config not saved yet (the editor's Test before Save):
    the config is checked as a save checks it (422 naming each bad field), the probe goes out
    under the same outbound policy, and nothing is stored. With `agentId`, secrets sent back
    masked keep that agent's stored ones."""
    return await agents.test_agent_draft(principal=principal, data=data)


@router.post("/{agent_id}/test", response_model=AgentTestResult, summary="Send one probe message")
async def test_agent(agent_id: str, principal: CurrentPrincipal) -> AgentTestResult:
    """Reports whether the agent answered, its latency, and the reply or the error as it came."""
    return await agents.test_agent(principal=principal, agent_id=agent_id)


@router.post(
    "/{agent_id}/run",
    response_model=AgentRunResult,
    summary="Ask a hosted agent one question",
    responses=error_responses(502),
)
async def run_agent(agent_id: str, data: AgentRunRequest, principal: CurrentPrincipal) -> AgentRunResult:
    return await agents.run_hosted_agent(principal=principal, agent_id=agent_id, data=data)
