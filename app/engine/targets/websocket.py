"""An agent behind a WebSocket: one connection per session, reopened if it drops."""

from __future__ import annotations

import json

import websockets
from websockets.exceptions import ConnectionClosed, InvalidHandshake, InvalidURI

from app.engine.targets.base import (
    TargetError,
    TargetReply,
    Turn,
    extract_reply,
    history_for_template,
    render_template,
    with_retries,
)


class WebSocketTarget:
    def __init__(self, config: dict) -> None:
        self.config = config
        self.connection: websockets.ClientConnection | None = None

    async def _connect(self) -> websockets.ClientConnection:
        if self.connection is None:
            try:
                self.connection = await websockets.connect(
                    self.config["url"], additional_headers=self.config.get("headers") or None, open_timeout=None
                )
            except (OSError, InvalidHandshake, InvalidURI) as exc:
                raise TargetError("connection", f"cannot connect: {exc}", retryable=True) from exc
        return self.connection

    async def send(self, turn: Turn) -> TargetReply:
        outgoing = render_template(
            self.config["messageTemplate"],
            {"message": turn.message, "sessionId": turn.session_id, "history": history_for_template(turn.history)},
        )

        attempts = 0

        async def attempt():
            nonlocal attempts
            attempts += 1
            if attempts > 1:
                await self.close()  # a retry must not read the late reply to the previous try
            connection = await self._connect()
            try:
                await connection.send(outgoing)
                # Skip frames that carry no reply (typing indicators, acks) until one does.
                while True:
                    frame = await connection.recv()
                    try:
                        data = json.loads(frame)
                    except (json.JSONDecodeError, TypeError):
                        raise TargetError("bad_response", f"a frame is not JSON: {str(frame)[:200]!r}") from None
                    try:
                        return extract_reply(data, self.config["replyPath"]), data
                    except TargetError:
                        continue
            except ConnectionClosed as exc:
                self.connection = None
                raise TargetError("connection", f"the connection closed: {exc}", retryable=True) from exc

        try:
            (content, raw), latency = await with_retries(attempt, self.config["timeoutSeconds"])
        except TargetError:
            await self.close()  # a half-read connection would answer the next turn with this one's reply
            raise
        return TargetReply(content=content, latency_ms=latency, raw=raw)

    async def close(self) -> None:
        if self.connection is not None:
            await self.connection.close()
            self.connection = None
