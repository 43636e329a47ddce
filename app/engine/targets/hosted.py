"""An agent Mimic runs itself: a system prompt and a model, through litellm."""

from __future__ import annotations

from app import llm
from app.engine.targets.base import TargetReply, Turn, with_retries
from app.engine.targets.openai import chat_messages, llm_target_error


class HostedAgentTarget:
    def __init__(self, config: dict, credentials: llm.Credentials | None = None) -> None:
        self.config = config
        self.credentials = credentials

    async def send(self, turn: Turn) -> TargetReply:
        async def attempt():
            try:
                return await llm.complete(
                    model=self.config["model"],
                    messages=chat_messages(self.config["systemPrompt"], turn),
                    role=llm.LLMRole.agent,
                    credentials=self.credentials,
                    temperature=self.config.get("temperature"),
                    max_tokens=self.config.get("maxTokens"),
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
