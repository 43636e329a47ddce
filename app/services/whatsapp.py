"""Mimic's Graph-API-style send endpoint, where WhatsApp bots under test post their replies."""

from __future__ import annotations

import uuid
from typing import Any

from sqlmodel import Session, col, select

from app.engine.targets import TargetError
from app.engine.targets.whatsapp import check_sender, deliver_reply, persona_wa_id
from app.models.agent_config import WhatsAppSendRequest
from app.models.library import Agent, AgentType
from app.models.session import SimSession
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
    if not _waiting_session(session, agent_id, wa_id):
        raise NotFound(f"No conversation with {data.to} is waiting for a reply")
    # To whichever process runs the session (a backend or a queue worker), over the bus.
    deliver_reply(agent_id, wa_id, agent.workspace_id, data.text.body)
    return {
        "messaging_product": "whatsapp",
        "contacts": [{"input": data.to, "wa_id": wa_id}],
        "messages": [{"id": f"wamid.{uuid.uuid4().hex}"}],
    }


def _waiting_session(session: Session, agent_id: str, wa_id: str) -> bool:
    """Whether a running session of this agent talks as this persona number (each session's
    persona has its own, persona_wa_id)."""
    running = session.exec(
        select(SimSession.id).where(col(SimSession.agent_id) == agent_id, col(SimSession.status) == "running")
    ).all()
    return any(persona_wa_id(session_id) == wa_id for session_id in running)
