"""Every HTTP request litellm makes goes through Mimic's outbound policy (app/outbound.py):
the addresses a host resolves to are checked, the connection goes to a checked address,
each redirect hop is checked the same way, and answers are capped at MIMIC_MAX_REPLY_BYTES.

litellm (1.x) opens connections in these places, and each is handed the checking transport:

- the OpenAI SDK clients it builds for openai, azure, groq, mistral and any OpenAI-compatible
  base URL take `litellm.aclient_session` (and `client_session` when synchronous) as their
  HTTP client;
- its own httpx handlers (anthropic, gemini, ollama, ..., the client cache of
  `get_async_httpx_client`, `module_level_aclient`, image downloads) get their transport from
  `AsyncHTTPHandler.create_async_transport`; so do SDK clients built without a session;
- its synchronous handlers (a few blocking look-ups it runs in threads, such as Ollama's
  model info) use `litellm.sync_transport`.

aiohttp is switched off: its sessions would resolve and connect by themselves. The one
provider that always opens aiohttp sessions (`aiohttp_openai/`) is refused before any call.
"""

from __future__ import annotations

import asyncio
import threading
import weakref

import httpx
import litellm
from litellm.llms.custom_httpx.http_handler import AsyncHTTPHandler

from app.outbound import IDLE_CONNECTION_S, OutboundSyncTransport, OutboundTransport

# litellm providers whose requests do not go through httpx, hence not through the check.
PROVIDERS_OUTSIDE_THE_POLICY = frozenset({"aiohttp_openai"})


# A connection pool per task. httpcore looks through every connection of a pool for each request
# (is it idle, has it expired): with 200 sessions talking at once over a few shared pools that
# scan was a quarter of Mimic's CPU. A task (a running session, a request testing a model) gets
# a pool of its own, as a hand-written client per conversation would, reuses its connection from
# call to call, and closes it when the task ends; calls outside a task share the loop's pool.
TASK_POOL_LIMITS = httpx.Limits(max_connections=10, max_keepalive_connections=4, keepalive_expiry=IDLE_CONNECTION_S)
LOOP_POOL_LIMITS = httpx.Limits(max_connections=50, max_keepalive_connections=25, keepalive_expiry=IDLE_CONNECTION_S)


class PolicyTransport(httpx.AsyncBaseTransport):
    """The one async transport of every litellm client in the process (and of Mimic's own
    OpenAI-protocol calls): an OutboundTransport per task (a connection belongs to the loop that
    opened it), closed when its task is done. litellm closes the clients it evicts; this
    transport outlives them."""

    def __init__(self) -> None:
        self._by_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, OutboundTransport] = (
            weakref.WeakKeyDictionary()
        )
        self._by_task: weakref.WeakKeyDictionary[asyncio.Task, OutboundTransport] = weakref.WeakKeyDictionary()
        self._closing: set[asyncio.Task] = set()
        self._lock = threading.Lock()

    def for_this_loop(self) -> OutboundTransport:
        """The running task's pool (made on its first call), or the loop's outside a task."""
        task = asyncio.current_task()
        if task is None:
            loop = asyncio.get_running_loop()
            with self._lock:
                pool = self._by_loop.get(loop)
                if pool is None:
                    pool = self._by_loop[loop] = OutboundTransport(limits=LOOP_POOL_LIMITS)
                return pool
        pool = self._by_task.get(task)  # a task runs on one loop: only that loop's thread gets here
        if pool is None:
            pool = self._by_task[task] = OutboundTransport(limits=TASK_POOL_LIMITS)
            task.add_done_callback(lambda _task: self._close_later(pool))
        return pool

    def _close_later(self, pool: OutboundTransport) -> None:
        """Closes a finished task's pool (its kept-alive connections) on the loop it ran on."""
        try:
            closing = asyncio.get_running_loop().create_task(pool.aclose())
        except RuntimeError:  # the loop is gone: its connections went with it
            return
        self._closing.add(closing)
        closing.add_done_callback(self._closing.discard)

    async def handle_async_request(self, request: httpx.Request) -> httpx.Response:
        return await self.for_this_loop().handle_async_request(request)

    async def aclose(self) -> None:
        """Shared by every client litellm makes and drops: closing one must not close it."""


class _PolicySyncTransport(OutboundSyncTransport):
    def close(self) -> None:
        """Shared, like PolicyTransport."""


TRANSPORT = PolicyTransport()
SYNC_TRANSPORT = _PolicySyncTransport()


def _checking_transport(*_args, **_kwargs) -> PolicyTransport:
    return TRANSPORT


def install() -> None:
    """Hands litellm the checking transports (idempotent; app.llm.client calls it at import)."""
    litellm.disable_aiohttp_transport = True
    litellm.force_ipv4 = False  # with it, litellm builds plain transports of its own
    AsyncHTTPHandler.create_async_transport = staticmethod(_checking_transport)  # type: ignore[method-assign]
    AsyncHTTPHandler._create_async_transport = staticmethod(_checking_transport)  # type: ignore[method-assign]
    litellm.sync_transport = SYNC_TRANSPORT
    if (
        not isinstance(litellm.aclient_session, httpx.AsyncClient)
        or litellm.aclient_session._transport is not TRANSPORT
    ):
        litellm.aclient_session = httpx.AsyncClient(transport=TRANSPORT, follow_redirects=True, timeout=None)
    if not isinstance(litellm.client_session, httpx.Client) or litellm.client_session._transport is not SYNC_TRANSPORT:
        litellm.client_session = httpx.Client(transport=SYNC_TRANSPORT, follow_redirects=True, timeout=None)
    # Made lazily on first use; one made before this call would keep a transport of its own.
    for name in ("module_level_aclient", "module_level_client"):
        vars(litellm).pop(name, None)
