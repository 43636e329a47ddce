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


# Connection pools per event loop. httpcore looks through every connection of a pool for each
# request (is it idle, has it expired): with 200 sessions talking at once that scan was a quarter
# of Mimic's CPU. A task (a running session) keeps to one pool, so it reuses its connection, and
# the tasks are dealt out over the pools in turn.
POOLS_PER_LOOP = 8


class PolicyTransport(httpx.AsyncBaseTransport):
    """The one async transport of every litellm client in the process (and of Mimic's own
    OpenAI-protocol calls): OutboundTransports per event loop (a connection belongs to the loop
    that opened it), shared by every call on that loop, a task always on the same one. litellm
    closes the clients it evicts; this transport outlives them."""

    def __init__(self) -> None:
        self._by_loop: weakref.WeakKeyDictionary[asyncio.AbstractEventLoop, list[OutboundTransport]] = (
            weakref.WeakKeyDictionary()
        )
        self._pool_of: weakref.WeakKeyDictionary[asyncio.Task, int] = weakref.WeakKeyDictionary()
        self._dealt = 0
        self._lock = threading.Lock()

    def for_this_loop(self) -> OutboundTransport:
        """The pool of the running task on this loop."""
        loop = asyncio.get_running_loop()
        task = asyncio.current_task()
        with self._lock:
            pools = self._by_loop.get(loop)
            if pools is None:
                limits = httpx.Limits(
                    max_connections=50, max_keepalive_connections=25, keepalive_expiry=IDLE_CONNECTION_S
                )
                pools = self._by_loop[loop] = [OutboundTransport(limits=limits) for _ in range(POOLS_PER_LOOP)]
            if task is None:
                return pools[0]
            index = self._pool_of.get(task)
            if index is None:
                index = self._pool_of[task] = self._dealt % POOLS_PER_LOOP
                self._dealt += 1
            return pools[index]

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
