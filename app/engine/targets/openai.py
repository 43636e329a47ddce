"""Agents that are an LLM chat: any OpenAI-compatible endpoint (the system under test),
and hosted agents (a system prompt and a model that Mimic runs itself). Both go through
litellm, so tokens and cost are measured as for Mimic's own calls."""

from __future__ import annotations

import dataclasses

import httpx
import openai

from app import llm
from app.engine.targets.base import TargetError, TargetReply, Turn, outbound_error, with_retries
from app.outbound import OutboundError, OutboundTransport, check_url

_KINDS = {"timeout": "timeout", "connection": "connection", "auth": "auth", "rate_limit": "http_status"}


def llm_target_error(exc: llm.LLMError) -> TargetError:
    return TargetError(
        _KINDS.get(exc.kind, "bad_response" if exc.kind == "bad_output" else "http_status"),
        exc.message,
        status_code=exc.status_code,
        retryable=exc.kind in {"timeout", "connection", "rate_limit"},
    )


def chat_messages(system_prompt: str, turn: Turn) -> list[dict[str, str]]:
    messages = [{"role": "system", "content": system_prompt}] if system_prompt else []
    return [*messages, *turn.history, {"role": "user", "content": turn.message}]


class LLMChatTarget:
    def __init__(
        self,
        *,
        model: str,
        credentials: llm.Credentials | None,
        system_prompt: str = "",
        temperature: float | None = None,
        max_tokens: int | None = None,
        timeout_s: float = 30,
    ) -> None:
        self.model, self.credentials, self.system_prompt = model, credentials, system_prompt
        self.temperature, self.max_tokens, self.timeout_s = temperature, max_tokens, timeout_s
        self.base_url = credentials.api_base if credentials is not None else None
        self._transport: OutboundTransport | None = None
        self._http: httpx.AsyncClient | None = None
        if self.base_url and model.startswith("openai/"):
            # The OpenAI SDK follows redirects: its HTTP client checks every hop.
            self._transport = OutboundTransport()
            self._http = httpx.AsyncClient(transport=self._transport, follow_redirects=True, timeout=timeout_s)
            client = openai.AsyncOpenAI(api_key=credentials.api_key or "none", base_url=self.base_url,
                                        http_client=self._http, max_retries=0)  # fmt: skip
            self.credentials = dataclasses.replace(credentials, extra={**credentials.extra, "client": client})

    async def send(self, turn: Turn) -> TargetReply:
        async def attempt():
            if self.base_url:
                try:
                    await check_url(self.base_url)
                except OutboundError as exc:
                    raise outbound_error(exc) from exc
            try:
                return await llm.complete(
                    model=self.model,
                    messages=chat_messages(self.system_prompt, turn),
                    role=llm.LLMRole.agent,
                    credentials=self.credentials,
                    temperature=self.temperature,
                    max_tokens=self.max_tokens,
                    timeout_s=self.timeout_s,
                    retries=0,  # the adapter retries transient errors itself (with_retries)
                )
            except llm.LLMError as exc:
                refused = self._transport.refused if self._transport is not None else None
                if refused is not None:  # a redirect to a refused address (the SDK reports a connection error)
                    self._transport.refused = None
                    raise outbound_error(refused) from exc
                raise llm_target_error(exc) from exc

        result, latency = await with_retries(attempt, self.timeout_s)
        return TargetReply(
            content=result.content,
            latency_ms=latency,
            model=result.model,
            prompt_tokens=result.prompt_tokens,
            completion_tokens=result.completion_tokens,
            cost=result.cost,
        )

    async def close(self) -> None:
        if self._http is not None:
            await self._http.aclose()


def openai_compatible_target(config: dict) -> LLMChatTarget:
    """The system under test behind an OpenAI-compatible base URL, with its own key."""
    return LLMChatTarget(
        model=f"openai/{config['model']}",
        credentials=llm.Credentials(api_key=config.get("apiKey") or "none", api_base=config["baseUrl"]),
        system_prompt=config.get("systemPrompt", ""),
        temperature=config.get("temperature"),
        timeout_s=config["timeoutSeconds"],
    )


def hosted_agent_target(config: dict, credentials: llm.Credentials | None) -> LLMChatTarget:
    """An agent Mimic runs itself; its model and credentials are resolved by the services."""
    return LLMChatTarget(
        model=config["model"],
        credentials=credentials,
        system_prompt=config["systemPrompt"],
        temperature=config.get("temperature"),
        max_tokens=config.get("maxTokens"),
        timeout_s=config["timeoutSeconds"],
    )
