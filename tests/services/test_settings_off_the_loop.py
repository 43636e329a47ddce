"""Settings' network-bound flows (a provider's Test, a webhook's test delivery) reach their
services the dashboard's way: app/services/calls.py checks the caller in a worker thread and
awaits the service's async entry point, whose database work runs in worker threads and whose
network wait is awaited, so the backend's event loop keeps turning while the far end takes its
time, and the page gets the service's own answer or its ServiceError."""

from __future__ import annotations

import asyncio
import threading

import pytest

from app.models.providers import ProviderSettings
from app.models.webhook import WebhookCreate
from app.services import calls, providers, webhooks
from app.services.access import RequestMeta
from app.services.errors import PermissionDenied
from tests.support.openai_stub import OpenAIStub, StubRequest
from tests.support.webhooks import Receiver

KEY = "sk-provider-key-123456"
META = RequestMeta(ip="127.0.0.1", user_agent="pytest")


async def _loop_turns_until(condition, *, limit: int = 1000) -> int:
    """Turns of this event loop (10 ms sleeps) until `condition()` holds: they only happen
    while nothing blocks the loop."""
    turns = 0
    while not condition():
        await asyncio.sleep(0.01)
        turns += 1
        assert turns < limit, "the far end never got the request"
    return turns


async def test_a_provider_test_waits_for_the_provider_off_the_event_loop(make_account) -> None:
    owner = make_account()
    released = threading.Event()

    def held_reply(request: StubRequest) -> str:
        released.wait(20)  # the provider answers once the test has watched the loop turn
        return "pong"

    with OpenAIStub(script=held_reply, required_key=KEY) as stub:
        await calls.as_caller(
            providers.configure_provider, credential=owner.token, meta=META, provider_id="openai",
            data=ProviderSettings.model_validate({"apiKey": KEY, "baseUrl": stub.base_url}),
        )  # fmt: skip
        testing = asyncio.create_task(
            calls.as_caller(
                providers.test_provider,
                credential=owner.token,
                meta=META,
                provider_id="openai",
                model="openai/gpt-4o-mini",
            )  # fmt: skip
        )
        await _loop_turns_until(lambda: stub.chat_requests)
        # The provider holds its answer; the loop still turns, and the test still waits.
        await asyncio.sleep(0.05)
        assert not testing.done()
        released.set()
        result = await testing
    assert result.ok is True and result.reply == "pong" and result.model == "openai/gpt-4o-mini"
    assert stub.chat_requests[-1].authorization == f"Bearer {KEY}"


async def test_a_provider_test_refused_to_an_editor_is_the_service_error(make_account) -> None:
    owner = make_account()
    editor = make_account(join=owner, role="editor")
    with pytest.raises(PermissionDenied):
        await calls.as_caller(providers.test_provider, credential=editor.token, meta=META, provider_id="openai")


async def test_a_webhook_test_delivery_waits_for_the_endpoint_off_the_event_loop(make_account) -> None:
    owner = make_account()
    with Receiver(hold_first=True) as receiver:
        hook = await calls.as_caller(
            webhooks.create_webhook, credential=owner.token, meta=META,
            data=WebhookCreate.model_validate({"url": receiver.url, "events": ["run.completed"]}),
        )  # fmt: skip
        sending = asyncio.create_task(
            calls.as_caller(webhooks.test_webhook, credential=owner.token, meta=META, webhook_id=hook.id)  # fmt: skip
        )
        await _loop_turns_until(lambda: receiver.requests)
        await asyncio.sleep(0.05)
        assert not sending.done()  # the endpoint holds the request; the loop turns meanwhile
        receiver.release()
        delivery = await sending
    # A test is tried once: the held request's 503 is its answer.
    assert (delivery.event, delivery.status, delivery.attempts, delivery.response_status) == (
        "webhook.test", "failed", 1, 503,
    )  # fmt: skip
    assert receiver.events() == ["webhook.test"]
