"""The transport under both clients: one request with the credentials, retries, and the API's
errors raised as exceptions. Resources describe calls; a transport runs them, blocking
(SyncTransport) or awaitable (AsyncTransport), so each resource is written once."""

from __future__ import annotations

import asyncio
import json
import random
import time
from collections.abc import AsyncIterator, Iterator
from dataclasses import dataclass, field
from typing import Any

import httpx

from mimic_sdk._errors import MimicConnectionError, error_from, retry_delay

VERSION = "0.1.0"
IDEMPOTENT = frozenset({"GET", "HEAD", "PUT", "DELETE", "OPTIONS"})
RETRY_STATUSES = frozenset({502, 503, 504})


@dataclass
class Options:
    base_url: str
    token: str | None = None
    workspace_id: str | None = None
    timeout: float = 60.0
    # Retries after 429 (waiting until X-RateLimit-Reset) and, for idempotent requests,
    # after connection failures and 502/503/504 (backing off).
    max_retries: int = 3
    max_wait: float = 60.0
    headers: dict[str, str] = field(default_factory=dict)

    def request_headers(self) -> dict[str, str]:
        headers = {"User-Agent": f"mimic-sdk-python/{VERSION}", "Accept": "application/json", **self.headers}
        if self.token:
            headers["Authorization"] = f"Bearer {self.token}"
        if self.workspace_id:
            headers["X-Workspace-Id"] = self.workspace_id
        return headers


def _clean(params: dict[str, Any] | None) -> dict[str, Any] | None:
    if not params:
        return None
    return {k: (",".join(v) if isinstance(v, (list, tuple)) and k in ("ids", "types") else v)
            for k, v in params.items() if v is not None}  # fmt: skip


def _wait_for(attempt: int, response: httpx.Response | None, max_wait: float) -> float:
    if response is not None and response.status_code == 429:
        delay = retry_delay(response)
        if delay is not None:
            return min(max_wait, delay + random.uniform(0.05, 0.25))  # a little jitter past the reset
    return min(max_wait, 0.25 * 2**attempt + random.uniform(0, 0.1))


def _retryable(method: str, response: httpx.Response | None, error: Exception | None) -> bool:
    if response is not None:
        return response.status_code == 429 or (response.status_code in RETRY_STATUSES and method in IDEMPOTENT)
    return method in IDEMPOTENT and isinstance(error, httpx.TransportError)


def decode(response: httpx.Response) -> Any:
    if response.status_code == 204 or not response.content:
        return None
    if response.headers.get("content-type", "").startswith("application/json"):
        return response.json()
    return response.text


class SyncTransport:
    def __init__(self, options: Options, http: httpx.Client | None = None) -> None:
        self.options = options
        self.http = http or httpx.Client(base_url=options.base_url.rstrip("/"), timeout=options.timeout)

    def send(self, method: str, path: str, *, params: dict | None = None, json_body: Any = None,
             content: bytes | str | None = None, headers: dict | None = None) -> httpx.Response:  # fmt: skip
        merged = {**self.options.request_headers(), **(headers or {})}
        for attempt in range(self.options.max_retries + 1):
            response, error = None, None
            try:
                response = self.http.request(method, path, params=_clean(params), json=json_body, content=content,
                                             headers=merged)  # fmt: skip
            except httpx.TransportError as exc:
                error = exc
            if attempt < self.options.max_retries and _retryable(method, response, error):
                time.sleep(_wait_for(attempt, response, self.options.max_wait))
                continue
            if error is not None:
                raise MimicConnectionError(f"cannot reach {self.options.base_url}: {error}") from error
            assert response is not None
            if response.status_code >= 400:
                raise error_from(response)
            return response
        raise AssertionError("unreachable")

    def call(self, method: str, path: str, **kwargs: Any) -> Any:
        return decode(self.send(method, path, **kwargs))

    def paginate(self, path: str, params: dict[str, Any], *, offset_style: bool = False) -> Iterator[dict[str, Any]]:
        params = dict(params)
        while True:
            page = self.call("GET", path, params=params)
            yield from page["data"]
            done, params = _next_page(page, params, offset_style)
            if done:
                return

    def stream_lines(self, path: str, params: dict[str, Any] | None = None) -> Iterator[str]:
        headers = {**self.options.request_headers(), "Accept": "text/event-stream"}
        try:
            with self.http.stream("GET", path, params=_clean(params), headers=headers, timeout=None) as response:
                if response.status_code >= 400:
                    response.read()
                    raise error_from(response)
                yield from response.iter_lines()
        except httpx.TransportError as exc:
            raise MimicConnectionError(f"the stream from {self.options.base_url} broke: {exc}") from exc

    def sleep(self, seconds: float) -> None:
        time.sleep(seconds)

    def close(self) -> None:
        self.http.close()


class AsyncTransport:
    def __init__(self, options: Options, http: httpx.AsyncClient | None = None) -> None:
        self.options = options
        self.http = http or httpx.AsyncClient(base_url=options.base_url.rstrip("/"), timeout=options.timeout)

    async def send(self, method: str, path: str, *, params: dict | None = None, json_body: Any = None,
                   content: bytes | str | None = None, headers: dict | None = None) -> httpx.Response:  # fmt: skip
        merged = {**self.options.request_headers(), **(headers or {})}
        for attempt in range(self.options.max_retries + 1):
            response, error = None, None
            try:
                response = await self.http.request(method, path, params=_clean(params), json=json_body,
                                                   content=content, headers=merged)  # fmt: skip
            except httpx.TransportError as exc:
                error = exc
            if attempt < self.options.max_retries and _retryable(method, response, error):
                await asyncio.sleep(_wait_for(attempt, response, self.options.max_wait))
                continue
            if error is not None:
                raise MimicConnectionError(f"cannot reach {self.options.base_url}: {error}") from error
            assert response is not None
            if response.status_code >= 400:
                raise error_from(response)
            return response
        raise AssertionError("unreachable")

    async def call(self, method: str, path: str, **kwargs: Any) -> Any:
        return decode(await self.send(method, path, **kwargs))

    async def paginate(self, path: str, params: dict[str, Any], *, offset_style: bool = False
                       ) -> AsyncIterator[dict[str, Any]]:  # fmt: skip
        params = dict(params)
        while True:
            page = await self.call("GET", path, params=params)
            for item in page["data"]:
                yield item
            done, params = _next_page(page, params, offset_style)
            if done:
                return

    async def stream_lines(self, path: str, params: dict[str, Any] | None = None) -> AsyncIterator[str]:
        headers = {**self.options.request_headers(), "Accept": "text/event-stream"}
        try:
            async with self.http.stream("GET", path, params=_clean(params), headers=headers, timeout=None) as response:
                if response.status_code >= 400:
                    await response.aread()
                    raise error_from(response)
                async for line in response.aiter_lines():
                    yield line
        except httpx.TransportError as exc:
            raise MimicConnectionError(f"the stream from {self.options.base_url} broke: {exc}") from exc

    async def sleep(self, seconds: float) -> None:
        await asyncio.sleep(seconds)

    async def close(self) -> None:
        await self.http.aclose()


def _next_page(page: dict[str, Any], params: dict[str, Any], offset_style: bool) -> tuple[bool, dict[str, Any]]:
    """Whether that was the last page, and the parameters of the next one."""
    pagination = page.get("pagination") or {}
    if not page.get("data"):
        return True, params
    if offset_style:
        limit = int(params.get("limit") or pagination.get("limit") or len(page["data"]))
        offset = int(params.get("offset") or 0) + limit
        return offset >= int(pagination.get("total", 0)), {**params, "offset": offset, "limit": limit}
    current = int(pagination.get("page") or params.get("page") or 1)
    return current >= int(pagination.get("pages") or 0), {**params, "page": current + 1}


def sse_events(lines: Iterator[str]) -> Iterator[tuple[str, Any]]:
    """(event, data) pairs from Server-Sent Events lines."""
    event, data = "message", []
    for line in lines:
        if line == "":
            if data:
                yield event, _data("\n".join(data))
            event, data = "message", []
        elif line.startswith(":"):
            continue
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].lstrip())


async def async_sse_events(lines: AsyncIterator[str]) -> AsyncIterator[tuple[str, Any]]:
    event, data = "message", []
    async for line in lines:
        if line == "":
            if data:
                yield event, _data("\n".join(data))
            event, data = "message", []
        elif line.startswith(":"):
            continue
        elif line.startswith("event:"):
            event = line[6:].strip()
        elif line.startswith("data:"):
            data.append(line[5:].lstrip())


def _data(text: str) -> Any:
    try:
        return json.loads(text)
    except ValueError:
        return text
