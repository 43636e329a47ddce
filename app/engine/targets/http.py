"""An agent behind a JSON webhook."""

from __future__ import annotations

import json

import httpx

from app.engine.targets.base import (
    TRANSIENT_STATUSES,
    TargetError,
    TargetReply,
    Turn,
    extract_reply,
    history_for_template,
    outbound_error,
    render_template,
    with_retries,
)
from app.outbound import OutboundError, outbound_client


def http_error(exc: httpx.HTTPError) -> TargetError:
    """Retryable only when the request surely never reached the agent: no connection made
    (refused, DNS, connect timeout) or none free in the pool. After a read or write timeout or
    a broken reply the agent may have the persona's message: sending it again would make it
    receive it twice."""
    unsent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
    if isinstance(exc, httpx.TimeoutException):
        return TargetError("timeout", f"timed out: {exc.__class__.__name__}", retryable=unsent)
    return TargetError("connection", f"{exc.__class__.__name__}: {exc}".rstrip(": "), retryable=unsent)


def check_status(response: httpx.Response) -> None:
    if response.status_code >= 400:
        body = response.text[:300]
        raise TargetError(
            "auth" if response.status_code in (401, 403) else "http_status",
            f"HTTP {response.status_code}: {body}",
            status_code=response.status_code,
            retryable=response.status_code in TRANSIENT_STATUSES,
        )


def parse_json(response: httpx.Response) -> object:
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise TargetError(
            "bad_response", f"the reply is not JSON: {response.text[:200]!r}", status_code=response.status_code
        ) from None


class HttpWebhookTarget:
    def __init__(self, config: dict) -> None:
        self.config = config
        self.client = outbound_client(headers=config.get("headers") or {}, follow_redirects=False)

    async def send(self, turn: Turn) -> TargetReply:
        body = render_template(
            self.config["bodyTemplate"],
            {"message": turn.message, "sessionId": turn.session_id, "history": history_for_template(turn.history)},
        )

        async def attempt():
            try:
                request_args = {"params": json.loads(body)} if self.config["method"] == "GET" else {"content": body}
                response = await self.client.request(
                    self.config["method"],
                    self.config["url"],
                    headers={"content-type": "application/json"},
                    **request_args,
                )
            except httpx.HTTPError as exc:
                raise http_error(exc) from exc
            except OutboundError as exc:
                raise outbound_error(exc) from exc
            check_status(response)
            data = parse_json(response)
            return extract_reply(data, self.config["replyPath"]), data

        (content, raw), latency = await with_retries(attempt, self.config["timeoutSeconds"])
        return TargetReply(content=content, latency_ms=latency, raw=raw)

    async def close(self) -> None:
        await self.client.aclose()
