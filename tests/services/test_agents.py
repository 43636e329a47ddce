"""Agents at the service: secrets sealed at rest and masked when read, a mask sent back keeps
the stored secret (never across a change of type), a PATCH merges config key by key, only the
engine's spec opens the secret; the connection test reports an unreachable agent without
storing anything; editors only; another workspace's agent is not found."""

from __future__ import annotations

import asyncio
import json

import pytest

from app.models.account import Role
from app.models.library import Agent, AgentCreate, AgentRunRequest, AgentTestDraft, AgentType, AgentUpdate
from app.services import agents, crypto
from app.services.errors import NotFound, PermissionDenied, ValidationFailed
from app.services.pagination import PageParams
from tests.services.lab import Lab, principal_of

SECRET = "Bearer tok-secret-1234"


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def http_agent(lab: Lab, url: str = "http://127.0.0.1:9/chat") -> str:
    data = AgentCreate.model_validate({"name": "Support bot", "type": "http", "config": {
        "url": url, "headers": {"Authorization": SECRET}, "replyPath": "data.reply", "timeoutSeconds": 5}})  # fmt: skip
    return agents.create_agent(session=lab.db, principal=lab.principal, data=data).id


def test_a_secret_is_sealed_at_rest_masked_when_read_and_opened_for_the_engine(lab: Lab) -> None:
    agent_id = http_agent(lab)
    row = lab.db.get(Agent, agent_id)
    assert crypto.is_encrypted(row.config["headers"]["Authorization"]) and "tok-secret" not in json.dumps(row.config)
    public = agents.get_agent(session=lab.db, principal=lab.principal, agent_id=agent_id)
    assert public.config["headers"]["Authorization"] == crypto.mask(SECRET)
    assert agents.target_spec(lab.db, row).config["headers"]["Authorization"] == SECRET


def test_a_patch_merges_config_and_a_mask_keeps_the_secret(lab: Lab) -> None:
    agent_id = http_agent(lab)
    patched = agents.update_agent(session=lab.db, principal=lab.principal, agent_id=agent_id,
                                  data=AgentUpdate.model_validate({"config": {"timeoutSeconds": 30}}))  # fmt: skip
    assert patched.config["timeoutSeconds"] == 30 and patched.config["url"] == "http://127.0.0.1:9/chat"
    public = agents.get_agent(session=lab.db, principal=lab.principal, agent_id=agent_id)
    replaced = agents.replace_agent(session=lab.db, principal=lab.principal, agent_id=agent_id,
                                    data=AgentCreate.model_validate({"name": "Renamed", "type": "http",
                                                                     "config": public.config}))  # fmt: skip
    assert replaced.name == "Renamed"
    assert agents.target_spec(lab.db, lab.db.get(Agent, agent_id)).config["headers"]["Authorization"] == SECRET


def test_a_mask_is_no_secret_for_a_new_agent_or_type(lab: Lab) -> None:
    masked = {"url": "http://127.0.0.1:9/chat", "headers": {"Authorization": crypto.mask(SECRET)}, "timeoutSeconds": 5}
    with pytest.raises(ValidationFailed) as raised:
        data = AgentCreate.model_validate({"name": "X", "type": "http", "config": masked})
        agents.create_agent(session=lab.db, principal=lab.principal, data=data)
    assert [(d.field, d.message) for d in raised.value.details] == [
        ("config.headers.Authorization", "send the value, not its mask")
    ]
    agent_id = http_agent(lab)
    with pytest.raises(ValidationFailed) as raised:
        agents.update_agent(session=lab.db, principal=lab.principal, agent_id=agent_id,
                            data=AgentUpdate(type=AgentType.websocket))  # fmt: skip
    assert [d.field for d in raised.value.details] == ["config"]


def test_an_unreachable_agent_is_reported_not_raised(lab: Lab) -> None:
    draft = AgentTestDraft.model_validate({"type": "http", "config": {"url": "http://127.0.0.1:9/chat",
                                                                      "timeoutSeconds": 2}})  # fmt: skip
    result = asyncio.run(agents.test_agent_draft(principal=lab.principal, data=draft))
    assert result.reachable is False and result.error
    stored = agents.list_agents(session=lab.db, principal=lab.principal, params=PageParams(), type=AgentType.http)
    assert stored.data == []  # a draft stores nothing


def test_only_hosted_agents_run_here(lab: Lab) -> None:
    with pytest.raises(ValidationFailed) as raised:
        asyncio.run(agents.run_hosted_agent(principal=lab.principal, agent_id=http_agent(lab),
                                            data=AgentRunRequest(message="hi")))  # fmt: skip
    assert [(d.field, d.message) for d in raised.value.details] == [("agentId", "is a http agent")]


def test_viewers_read_masked_and_strangers_find_nothing(db, make_account, lab: Lab) -> None:
    agent_id = http_agent(lab)
    viewer = principal_of(make_account(join=lab.account, role=Role.viewer))
    assert agents.get_agent(session=db, principal=viewer, agent_id=agent_id).config["headers"]["Authorization"] == (
        crypto.mask(SECRET)
    )
    with pytest.raises(PermissionDenied):
        asyncio.run(agents.test_agent(principal=viewer, agent_id=agent_id))
    with pytest.raises(PermissionDenied):
        agents.update_agent(session=db, principal=viewer, agent_id=agent_id, data=AgentUpdate(name="x"))
    stranger = principal_of(make_account())
    with pytest.raises(NotFound):
        agents.get_agent(session=db, principal=stranger, agent_id=agent_id)
    with pytest.raises(NotFound):
        asyncio.run(agents.test_agent(principal=stranger, agent_id=agent_id))
