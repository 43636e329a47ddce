"""Agents that are an LLM chat: any OpenAI-compatible endpoint (the system under test),
and hosted agents (a system prompt and a model that Mimic runs itself). Both go through
litellm, so tokens and cost are measured as for Mimic's own calls."""

from __future__ import annotations

from app import llm
from app.engine.targets.base import TargetError, TargetReply, Turn, with_retries

_KINDS = {"timeout": "timeout", "connection": "connection", "auth": "auth", "rate_limit": "http_status",
          "refused": "refused", "too_large": "too_large", "bad_output": "bad_response"}  # fmt: skip


def llm_target_error(exc: llm.LLMError) -> TargetError:
    return TargetError(
        _KINDS.get(exc.kind, "http_status"),
        exc.message,
        status_code=exc.status_code,
        # Only what surely did not reach the agent: a timeout or a broken reply may have (it
        # would receive the persona's message twice).
        retryable=exc.kind == "rate_limit" or (exc.kind == "connection" and exc.unsent),
    )


def chat_messages(system_prompt: str, turn: Turn) -> list[dict[str, str]]:
    """The request: the system prompt, the history, and the user's message (none when the
    agent speaks first: a voice agent greeting a caller)."""
    messages = [{"role": "system", "content": system_prompt}] if system_prompt else []
    return [*messages, *turn.history, *([{"role": "user", "content": turn.message}] if turn.message else [])]


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

    async def send(self, turn: Turn) -> TargetReply:
        # Every request litellm makes is checked by the outbound policy (app/llm/egress.py),
        # redirect hops included; a refused one comes back as an LLMError of kind refused.
        async def attempt():
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
        """Nothing to release: litellm's clients are shared."""


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
