"""Mimic's WhatsApp send endpoint at the service: only a WhatsApp agent, only with its access
token, only to the number of a persona whose session runs; the reply is answered as the Graph
API answers and travels over the bus to the session waiting for it."""

from __future__ import annotations

import asyncio

import pytest

from app.engine.bus import bus
from app.engine.targets.whatsapp import persona_wa_id, reply_channel
from app.models.agent_config import WhatsAppSendRequest
from app.models.library import AgentCreate
from app.services import agents, whatsapp
from app.services.errors import AuthenticationFailed, NotFound
from tests.services.lab import Lab

TOKEN = "wa-access-token-123"


@pytest.fixture
def lab(db, make_account) -> Lab:
    return Lab(db, make_account())


def whatsapp_agent(lab: Lab) -> str:
    config = {"webhookUrl": "http://127.0.0.1:9/webhook", "accessToken": TOKEN, "timeoutSeconds": 5}
    data = AgentCreate.model_validate({"name": "WA bot", "type": "whatsapp", "config": config})
    return agents.create_agent(session=lab.db, principal=lab.principal, data=data).id


def send(lab: Lab, agent_id: str, to: str, authorization: str | None = f"Bearer {TOKEN}"):
    data = WhatsAppSendRequest.model_validate({"messaging_product": "whatsapp", "to": to, "type": "text",
                                               "text": {"body": "Your order ships Tuesday."}})  # fmt: skip
    return whatsapp.receive_bot_message(session=lab.db, agent_id=agent_id, authorization=authorization, data=data)


def test_a_reply_to_a_running_persona_travels_to_its_session(lab: Lab) -> None:
    agent_id = whatsapp_agent(lab)
    session_id = lab.session(agent_id, lab.persona(), status="running")
    wa_id = persona_wa_id(session_id)

    async def scenario():
        async with bus.subscribe(reply_channel(agent_id, wa_id)) as heard:
            answer = await asyncio.to_thread(send, lab, agent_id, f"+{wa_id}")
            return answer, await heard.get(timeout=30)

    answer, event = asyncio.run(scenario())
    assert answer["contacts"] == [{"input": f"+{wa_id}", "wa_id": wa_id}]
    assert answer["messages"][0]["id"].startswith("wamid.")
    assert event.data == {"text": "Your order ships Tuesday."} and event.workspace_id == lab.principal.workspace_id


def test_a_wrong_or_missing_token_is_refused(lab: Lab) -> None:
    agent_id = whatsapp_agent(lab)
    wa_id = persona_wa_id(lab.session(agent_id, lab.persona(), status="running"))
    for authorization in ("Bearer not-the-token", None):
        with pytest.raises(AuthenticationFailed):
            send(lab, agent_id, wa_id, authorization)


def test_only_a_waiting_persona_of_a_whatsapp_agent(lab: Lab) -> None:
    agent_id = whatsapp_agent(lab)
    ended = lab.session(agent_id, lab.persona(), status="completed")
    with pytest.raises(NotFound, match="waiting"):
        send(lab, agent_id, persona_wa_id(ended))
    with pytest.raises(NotFound, match="WhatsApp agent"):
        send(lab, lab.agent("Chat bot"), "15550000000")
    with pytest.raises(NotFound):
        send(lab, "no-such-agent", "15550000000")
