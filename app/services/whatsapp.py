"""Mimic's Graph-API-style send endpoint, where WhatsApp bots under test post their replies."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session

from app.engine.targets import TargetError, inbox
from app.engine.targets.whatsapp import check_sender
from app.models.agent_config import WhatsAppSendRequest
from app.models.library import Agent, AgentType
from app.services import agent_config
from app.services.errors import AuthenticationFailed, NotFound


def receive_bot_message(
    *, session: Session, agent_id: str, authorization: str | None, data: WhatsAppSendRequest
) -> dict[str, Any]:
    agent = session.get(Agent, agent_id)
    if agent is None or agent.type != AgentType.whatsapp:
        raise NotFound("No such WhatsApp agent")
    try:
        check_sender(agent_config.unsealed(AgentType.whatsapp, agent.config), authorization)
    except TargetError as exc:
        raise AuthenticationFailed(exc.message) from exc
    wa_id = data.to.lstrip("+")
    if not inbox.deliver(agent_id, wa_id, data.text.body):
        raise NotFound(f"No conversation with {data.to} is waiting for a reply")
    return {
        "messaging_product": "whatsapp",
        "contacts": [{"input": data.to, "wa_id": wa_id}],
        "messages": [{"id": f"wamid.{uuid.uuid4().hex}"}],
    }
