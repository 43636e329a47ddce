"""Agents, the systems under test: CRUD with per-type config validation and sealed
secrets, a connection test, and the run endpoint of hosted agents."""

from __future__ import annotations

from typing import Any

import httpx
from sqlmodel import Session

from app.engine import targets
from app.models.base import utcnow
from app.models.library import (
    Agent,
    AgentCreate,
    AgentPublic,
    AgentRunRequest,
    AgentRunResult,
    AgentRunUsage,
    AgentTestDraft,
    AgentTestResult,
    AgentType,
    AgentUpdate,
)
from app.models.session import LLMCall
from app.services import agent_config, providers, units
from app.services.access import Permission, Principal, require
from app.services.crud import ScopedResource
from app.services.errors import FieldError, UpstreamFailed, ValidationFailed
from app.services.pagination import PageParams, Paginated

PROBE_MESSAGE = "Hello! This is a connection test from Mimic. Please reply with anything."


def to_public(row: Agent) -> AgentPublic:
    agent_type = AgentType(row.type)
    return AgentPublic(
        id=row.id,
        name=row.name,
        description=row.description,
        type=agent_type,
        config=agent_config.masked(agent_type, row.config),
        status=row.status,
        created_at=row.created_at,
        updated_at=row.updated_at,
    )


resource = ScopedResource(Agent, to_public, "agent")


def list_agents(
    *, session: Session, principal: Principal, params: PageParams, q: str | None = None, type: AgentType | None = None
) -> Paginated[AgentPublic]:
    return resource.list(session, principal, params, q=q, filters={"type": type.value if type else None})


def get_agent(*, session: Session, principal: Principal, agent_id: str) -> AgentPublic:
    return resource.get(session, principal, agent_id)


def create_agent(*, session: Session, principal: Principal, data: AgentCreate) -> AgentPublic:
    require(principal, Permission.write)
    config = agent_config.validate(data.type, data.config)
    return resource.add(
        session, principal, name=data.name, description=data.description, type=data.type.value, config=config,
        status=data.status,
    )  # fmt: skip


def replace_agent(*, session: Session, principal: Principal, agent_id: str, data: AgentCreate) -> AgentPublic:
    require(principal, Permission.write)
    stored = resource.row(session, principal, agent_id)
    same_type = stored.type == data.type
    config = agent_config.validate(data.type, data.config, stored=stored.config if same_type else None)
    return resource.change(
        session, principal, agent_id, name=data.name, description=data.description, type=data.type.value,
        config=config, status=data.status,
    )  # fmt: skip


def update_agent(*, session: Session, principal: Principal, agent_id: str, data: AgentUpdate) -> AgentPublic:
    """PATCH: the fields sent change. With `type`, `config` is that type's whole config (as the
    document says); without it, a config sent is merged over the stored one, key by key."""
    require(principal, Permission.write)
    stored = resource.row(session, principal, agent_id)
    # null leaves a field as it is (no column is nullable), as for the other resources.
    changes: dict[str, Any] = data.model_dump(exclude_unset=True, exclude_none=True, exclude={"config", "type"})
    new_type = data.type or AgentType(stored.type)
    if data.type is not None:
        if data.config is None:
            raise ValidationFailed("A type needs its config", [FieldError("config", "required with type")])
        same_type = data.type.value == stored.type  # a secret sent back masked keeps the stored one
        changes["config"] = agent_config.validate(new_type, data.config, stored=stored.config if same_type else None)
        changes["type"] = new_type.value
    elif data.config is not None:
        merged = {**agent_config.masked(new_type, stored.config), **data.config}
        changes["config"] = agent_config.validate(new_type, merged, stored=stored.config)
    return resource.change(session, principal, agent_id, **changes)


def delete_agent(*, session: Session, principal: Principal, agent_id: str) -> None:
    resource.delete(session, principal, agent_id)


def duplicate_agent(*, session: Session, principal: Principal, agent_id: str) -> AgentPublic:
    return resource.duplicate(session, principal, agent_id)


def target_spec(session: Session, row: Agent, *, model: str | None = None) -> targets.TargetSpec:
    """What the engine needs to reach an agent: its type and its config with secrets opened;
    for a hosted agent, its model resolved (`model`, else its own, else the defaults) with
    the workspace's credentials for it."""
    agent_type = AgentType(row.type)
    config = agent_config.unsealed(agent_type, row.config)
    credentials = None
    # A voice agent Mimic hosts (the demo) answers through a hosted agent's model too.
    if agent_type == AgentType.hosted or (agent_type == AgentType.voice and config.get("transport") == "hosted"):
        resolved = providers.resolve(session, row.workspace_id, "agent", model, config.get("model"))
        config = {**config, "model": resolved.model, "modelId": resolved.id}
        credentials = resolved.credentials
    return targets.TargetSpec(agent_id=row.id, type=agent_type.value, config=config, credentials=credentials)


def _stored_spec(*, session: Session, principal: Principal, agent_id: str) -> targets.TargetSpec:
    require(principal, Permission.write)
    return target_spec(session, resource.row(session, principal, agent_id))


async def test_agent(*, principal: Principal, agent_id: str) -> AgentTestResult:
    """Send one probe message (or, for a website, load the page) and report what came back.
    The agent is read in a worker thread; the probe is awaited with no database session open."""
    return await _probe(await units.in_thread(_stored_spec, principal=principal, agent_id=agent_id))


def _draft_spec(*, session: Session, principal: Principal, data: AgentTestDraft) -> targets.TargetSpec:
    require(principal, Permission.write)
    stored = resource.row(session, principal, data.agent_id) if data.agent_id else None
    same_type = stored is not None and stored.type == data.type.value
    config = agent_config.validate(data.type, data.config, stored=stored.config if same_type else None)
    draft = Agent(
        id=stored.id if stored else "draft", workspace_id=principal.workspace_id, name="draft",
        type=data.type.value, config=config,
    )  # fmt: skip
    return target_spec(session, draft)


async def test_agent_draft(*, principal: Principal, data: AgentTestDraft) -> AgentTestResult:
    """The same probe for settings not saved yet (POST /api/agents/test): validated as a save
    would validate them, under the same outbound policy; nothing is stored."""
    return await _probe(await units.in_thread(_draft_spec, principal=principal, data=data))


async def _probe(spec: targets.TargetSpec) -> AgentTestResult:
    try:
        probe = await targets.probe(spec, PROBE_MESSAGE)
    except (httpx.InvalidURL, ValueError) as exc:  # an address the schema let through, no client can use
        return AgentTestResult(reachable=False, error=f"invalid_url: {str(exc)[:300]}")
    return AgentTestResult(
        reachable=probe.reachable,
        latency_ms=probe.latency_ms,
        reply=probe.reply,
        error=probe.error,
        status_code=probe.status_code,
    )


def _hosted_spec(*, session: Session, principal: Principal, agent_id: str) -> targets.TargetSpec:
    require(principal, Permission.write)
    row = resource.row(session, principal, agent_id)
    if row.type != AgentType.hosted:
        raise ValidationFailed("Only hosted agents can be run here", [FieldError("agentId", f"is a {row.type} agent")])
    return target_spec(session, row)


def _record_call(*, session: Session, call: LLMCall) -> None:
    session.add(call)
    session.commit()


async def run_hosted_agent(*, principal: Principal, agent_id: str, data: AgentRunRequest) -> AgentRunResult:
    """POST /api/agents/{id}/run: one answer from a hosted agent, with usage and cost. The
    database is read and written in worker threads; the model is awaited between them."""
    spec = await units.in_thread(_hosted_spec, principal=principal, agent_id=agent_id)
    history = data.context.get("history") if isinstance(data.context.get("history"), list) else []
    target = targets.build_target(spec)
    try:
        reply = await target.send(
            targets.Turn(session_id=str(data.context.get("sessionId", "run")), message=data.message, history=history)
        )
    except targets.TargetError as exc:
        raise UpstreamFailed(f"The agent's model failed: {exc.kind}: {exc.message}") from exc
    finally:
        await target.close()
    call = LLMCall(
        workspace_id=principal.workspace_id, role="agent", model=reply.model or spec.config.get("model", ""),
        prompt_tokens=reply.prompt_tokens, completion_tokens=reply.completion_tokens, cost=reply.cost,
        latency_ms=reply.latency_ms,
    )  # fmt: skip
    await units.in_thread(_record_call, call=call)
    return AgentRunResult(
        content=reply.content,
        model=reply.model or spec.config.get("model", ""),
        usage=AgentRunUsage(input_tokens=reply.prompt_tokens, output_tokens=reply.completion_tokens, cost=reply.cost),
        created_at=utcnow(),
    )
