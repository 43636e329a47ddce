"""An agent behind a JSON webhook."""

from __future__ import annotations

import json

import httpx

from app import http1
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
from app.outbound import OutboundError


def http_error(exc: httpx.HTTPError) -> TargetError:
    """Retryable only when the request surely never reached the agent: no connection made
    (refused, DNS, connect timeout) or none free in the pool. After a read or write timeout or
    a broken reply the agent may have the persona's message: sending it again would make it
    receive it twice."""
    unsent = isinstance(exc, httpx.ConnectError | httpx.ConnectTimeout | httpx.PoolTimeout)
    if isinstance(exc, httpx.TimeoutException):
        return TargetError("timeout", f"timed out: {exc.__class__.__name__}", retryable=unsent)
    return TargetError("connection", f"{exc.__class__.__name__}: {exc}".rstrip(": "), retryable=unsent)


def check_status(response: httpx.Response | http1.Answer) -> None:
    if response.status_code >= 400:
        body = response.text[:300]
        raise TargetError(
            "auth" if response.status_code in (401, 403) else "http_status",
            f"HTTP {response.status_code}: {body}",
            status_code=response.status_code,
            retryable=response.status_code in TRANSIENT_STATUSES,
        )


def parse_json(response: httpx.Response | http1.Answer) -> object:
    try:
        return response.json()
    except (json.JSONDecodeError, UnicodeDecodeError):
        raise TargetError(
            "bad_response", f"the reply is not JSON: {response.text[:200]!r}", status_code=response.status_code
        ) from None


# Headers the request itself sets: the agent's configured headers cannot replace them.
_OWN_HEADERS = frozenset(
    {"host", "content-length", "transfer-encoding", "content-type", "accept-encoding", "connection"}
)


class HttpWebhookTarget:
    """Each message is one request through app/http1.py (the session's task keeps its
    connection alive from turn to turn), under the outbound policy, no redirect followed, the
    answer capped; the whole exchange bounded by the agent's timeoutSeconds."""

    def __init__(self, config: dict) -> None:
        self.config = config
        configured = config.get("headers") or {}
        self.headers = {"accept": "*/*"} | {k: v for k, v in configured.items() if k.lower() not in _OWN_HEADERS}
        self.headers["content-type"] = "application/json"

    async def send(self, turn: Turn) -> TargetReply:
        body = render_template(
            self.config["bodyTemplate"],
            {"message": turn.message, "sessionId": turn.session_id, "history": history_for_template(turn.history)},
        )
        method, url, timeout_s = self.config["method"], self.config["url"], float(self.config["timeoutSeconds"])
        if method == "GET":  # the rendered body becomes the query string, as httpx's params would
            url, content = str(httpx.URL(url, params=json.loads(body))), b""
        else:
            content = body.encode()

        async def attempt():
            try:
                response = await http1.client().request(method, url, content, self.headers, timeout_s, redirects=False)
            except httpx.HTTPError as exc:
                raise http_error(exc) from exc
            except OutboundError as exc:
                raise outbound_error(exc) from exc
            check_status(response)
            data = parse_json(response)
            return extract_reply(data, self.config["replyPath"]), data

        (content_text, raw), latency = await with_retries(attempt, timeout_s)
        return TargetReply(content=content_text, latency_ms=latency, raw=raw)

    async def close(self) -> None:
        """Nothing to close: the connection belongs to the session's task (closed when it ends)."""
