"""A bot that speaks the WhatsApp Cloud API webhook format.

Mimic plays WhatsApp: it POSTs an inbound-message webhook (the Cloud API's shape, signed
with X-Hub-Signature-256 when an app secret is set) to the bot's URL, and the bot answers
by calling Mimic's Graph-API-style endpoint POST /api/whatsapp/{agentId}/messages, which
hands the text to the waiting session through the inbox below.
"""

from __future__ import annotations

import asyncio
import hashlib
import hmac
import json
import time
import uuid

import httpx

from app.engine.targets.base import TargetError, TargetReply, Turn, outbound_error, with_retries
from app.engine.targets.http import check_status, http_error
from app.outbound import OutboundError, outbound_client


class WhatsAppInbox:
    """Replies the bots sent, waiting for the sessions that expect them (one process).

    Sessions wait on the event loop; replies arrive in a route's worker thread, so a reply is
    handed to the waiting session's loop (call_soon_threadsafe), never put on its queue from
    the thread."""

    def __init__(self) -> None:
        self._waiting: dict[tuple[str, str], tuple[asyncio.AbstractEventLoop, asyncio.Queue[str]]] = {}

    def open(self, agent_id: str, wa_id: str) -> None:
        """From the session's event loop."""
        self._waiting[(agent_id, wa_id)] = (asyncio.get_running_loop(), asyncio.Queue())

    def close(self, agent_id: str, wa_id: str) -> None:
        self._waiting.pop((agent_id, wa_id), None)

    def deliver(self, agent_id: str, wa_id: str, text: str) -> bool:
        """From any thread: False when no session of this process waits for the reply."""
        waiting = self._waiting.get((agent_id, wa_id))
        if waiting is None:
            return False
        loop, queue = waiting
        try:
            loop.call_soon_threadsafe(queue.put_nowait, text)
        except RuntimeError:  # the loop has closed: the session is gone
            return False
        return True

    async def next_reply(self, agent_id: str, wa_id: str) -> str:
        return await self._waiting[(agent_id, wa_id)][1].get()


inbox = WhatsAppInbox()


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
        self.client = outbound_client(follow_redirects=False)
        self.opened: set[str] = set()

    async def send(self, turn: Turn) -> TargetReply:
        wa_id = persona_wa_id(turn.session_id)
        if wa_id not in self.opened:
            inbox.open(self.agent_id, wa_id)
            self.opened.add(wa_id)
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
            return await inbox.next_reply(self.agent_id, wa_id)

        content, latency = await with_retries(attempt, self.config["timeoutSeconds"])
        return TargetReply(content=content, latency_ms=latency)

    async def close(self) -> None:
        for wa_id in self.opened:
            inbox.close(self.agent_id, wa_id)
        self.opened.clear()
        await self.client.aclose()


def check_sender(config: dict, authorization: str | None) -> None:
    """The bot must present its access token, as it would to the Graph API."""
    expected = config.get("accessToken") or ""
    presented = (authorization or "").removeprefix("Bearer ").strip()
    if not expected or not hmac.compare_digest(presented.encode(), expected.encode()):
        raise TargetError("auth", "invalid access token for this WhatsApp agent")
