"""POST /api/whatsapp/{agentId}/messages: the Graph-API-style endpoint WhatsApp bots
under test answer through, authenticated by the agent's own access token."""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import Header

from app.api.deps import SessionDep
from app.api.routing import APIRouter
from app.models.agent_config import WhatsAppSendRequest
from app.services import whatsapp

router = APIRouter(prefix="/api/whatsapp", tags=["whatsapp"])


@router.post("/{agent_id}/messages", summary="A bot under test sends a WhatsApp message")
def send_message(
    agent_id: str,
    data: WhatsAppSendRequest,
    session: SessionDep,
    authorization: Annotated[str | None, Header(description="Bearer <the agent's accessToken>")] = None,
) -> dict[str, Any]:
    return whatsapp.receive_bot_message(session=session, agent_id=agent_id, authorization=authorization, data=data)
