"""A bot that speaks the WhatsApp Cloud API webhook format.

Mimic plays WhatsApp: it POSTs an inbound-message webhook (the Cloud API's shape, signed
with X-Hub-Signature-256 when an app secret is set) to the bot's URL, and the bot answers
by calling Mimic's Graph-API-style endpoint POST /api/whatsapp/{agentId}/messages, which
hands the text to the waiting session over the bus (in whichever process runs it).
"""

from __future__ import annotations

import hashlib
import hmac
import json
import time
import uuid
from contextlib import AsyncExitStack

import httpx

from app.engine.bus import DIRECT, BusEvent, Subscription, bus
from app.engine.targets.base import TargetError, TargetReply, Turn, outbound_error, with_retries
from app.engine.targets.http import check_status, http_error
from app.outbound import OutboundError, outbound_client

REPLY = "whatsapp.reply"


def reply_channel(agent_id: str, wa_id: str) -> str:
    """Where a bot's reply to one persona travels on the bus: to whichever process (a backend or a
    queue worker) runs the session waiting for it, from whichever process the bot's call reached."""
    return f"{DIRECT}whatsapp:{agent_id}:{wa_id}"


def deliver_reply(agent_id: str, wa_id: str, workspace_id: str, text: str) -> None:
    """From any thread or process: the bus carries it (thread-safely) to the waiting session."""
    bus.publish(BusEvent(reply_channel(agent_id, wa_id), workspace_id, REPLY, {"text": text}))


def persona_wa_id(session_id: str) -> str:
    """A stable, plausible phone number (digits only, as wa_id is) for a session's persona."""
    digits = int(hashlib.sha256(session_id.encode()).hexdigest(), 16) % 10_000_000
    return f"1555{digits:07d}"


def inbound_webhook(*, agent_id: str, bot_number: str, wa_id: str, name: str, text: str) -> dict:
    return {
        "object": "whatsapp_business_account",
        "entry": [
            {
                "id": "mimic-waba",
                "changes": [
                    {
                        "field": "messages",
                        "value": {
                            "messaging_product": "whatsapp",
                            "metadata": {"display_phone_number": bot_number.lstrip("+"), "phone_number_id": agent_id},
                            "contacts": [{"profile": {"name": name}, "wa_id": wa_id}],
                            "messages": [
                                {
                                    "from": wa_id,
                                    "id": f"wamid.{uuid.uuid4().hex}",
                                    "timestamp": str(int(time.time())),
                                    "type": "text",
                                    "text": {"body": text},
                                }
                            ],
                        },
                    }
                ],
            }
        ],
    }


class WhatsAppTarget:
    def __init__(self, agent_id: str, config: dict) -> None:
        self.agent_id = agent_id
        self.config = config
        # Bounded by the agent's timeoutSeconds (with_retries), not httpx's default of 5 s: a bot
        # may answer its webhook only once it has replied.
        self.client = outbound_client(follow_redirects=False, timeout=float(config["timeoutSeconds"]))
        self._listening = AsyncExitStack()
        self._replies: dict[str, Subscription] = {}

    async def _replies_for(self, wa_id: str) -> Subscription:
        """Subscribed before the first message goes out, so no reply can come before it."""
        if wa_id not in self._replies:
            channel = reply_channel(self.agent_id, wa_id)
            self._replies[wa_id] = await self._listening.enter_async_context(bus.subscribe(channel))
        return self._replies[wa_id]

    async def send(self, turn: Turn) -> TargetReply:
        wa_id = persona_wa_id(turn.session_id)
        replies = await self._replies_for(wa_id)
        body = json.dumps(
            inbound_webhook(
                agent_id=self.agent_id, bot_number=self.config["phoneNumber"], wa_id=wa_id, name="Mimic persona",
                text=turn.message,
            )
        ).encode()  # fmt: skip
        headers = {"content-type": "application/json"}
        if self.config.get("appSecret"):
            digest = hmac.new(self.config["appSecret"].encode(), body, hashlib.sha256).hexdigest()
            headers["X-Hub-Signature-256"] = f"sha256={digest}"

        async def attempt():
            try:
                response = await self.client.post(self.config["webhookUrl"], content=body, headers=headers)
            except httpx.HTTPError as exc:
                raise http_error(exc) from exc
            except OutboundError as exc:
                raise outbound_error(exc) from exc
            check_status(response)
            # The webhook only acknowledges; the answer comes through the send endpoint.
            while True:
                event = await replies.get()
                if event is not None and event.type == REPLY:
                    return str(event.data.get("text", ""))

        content, latency = await with_retries(attempt, self.config["timeoutSeconds"])
        return TargetReply(content=content, latency_ms=latency)

    async def close(self) -> None:
        await self._listening.aclose()
        self._replies.clear()
        await self.client.aclose()


def check_sender(config: dict, authorization: str | None) -> None:
    """The bot must present its access token, as it would to the Graph API."""
    expected = config.get("accessToken") or ""
    presented = (authorization or "").removeprefix("Bearer ").strip()
    if not expected or not hmac.compare_digest(presented.encode(), expected.encode()):
        raise TargetError("auth", "invalid access token for this WhatsApp agent")
