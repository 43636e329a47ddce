"""An agent behind any OpenAI-compatible chat completions endpoint, called through litellm
(so tokens and cost are measured as for Mimic's own calls)."""

from __future__ import annotations

from app import llm
from app.engine.targets.base import TargetError, TargetReply, Turn, with_retries

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


class OpenAICompatibleTarget:
    def __init__(self, config: dict) -> None:
        self.config = config
        self.credentials = llm.Credentials(api_key=config.get("apiKey") or "none", api_base=config["baseUrl"])

    async def send(self, turn: Turn) -> TargetReply:
        async def attempt():
            try:
                return await llm.complete(
                    model=f"openai/{self.config['model']}",
                    messages=chat_messages(self.config.get("systemPrompt", ""), turn),
                    role=llm.LLMRole.agent,
                    credentials=self.credentials,
                    temperature=self.config.get("temperature"),
                    timeout_s=self.config["timeoutSeconds"],
                )
            except llm.LLMError as exc:
                raise llm_target_error(exc) from exc

        result, latency = await with_retries(attempt, self.config["timeoutSeconds"])
        return TargetReply(
            content=result.content,
            latency_ms=latency,
            model=result.model,
            prompt_tokens=result.prompt_tokens,
            completion_tokens=result.completion_tokens,
            cost=result.cost,
        )

    async def close(self) -> None:
        return None
