"""For suite tests: a support bot on 127.0.0.1 whose topics can be broken one by one (the
"changed version of the agent"), a small library, and a client that waits for runs."""

from __future__ import annotations

import asyncio
import time
from typing import Any

from fastapi import FastAPI, Request
from fastapi.responses import JSONResponse

from tests.support.openai_stub import StubRequest, ToolCall
from tests.support.sessions import PERSONA, Api

ANSWERS = {
    "order": "Order A-10482 has shipped and will be delivered on Friday, 27 November.",
    "hours": "Our store is open from 9am to 6pm, Monday to Saturday.",
}
UNHELPFUL = "Sorry, I cannot help with that."

PERSONAS = [
    {**PERSONA, "name": "Dana (direct, impatient)"},
    {**PERSONA, "name": "Sam (polite, patient)",
     "traits": {"communication_style": "polite", "patience_level": "high", "urgency": "low"}},
]  # fmt: skip
# Each criterion is decided by the objective's own check where the (offline) judge cannot tell.
OBJECTIVES = [
    {"name": "Order status", "config": {"maxTurns": 4},
     "definition": {"goal": "Find out when order A-10482 will be delivered.",
                    "successCriteria": ["The agent gives the delivery date of order A-10482"]},
     "checks": [{"type": "regex", "value": r"delivered on \w+day", "criterion": 0}]},
    {"name": "Opening hours", "config": {"maxTurns": 4},
     "definition": {"goal": "Find out the store's opening hours.",
                    "successCriteria": ["The agent gives the store's opening hours"]},
     "checks": [{"type": "regex", "value": r"open from \d+ ?(am|pm) to \d+ ?(am|pm)", "criterion": 0}]},
]  # fmt: skip


# No check is bound to its criterion, which only meaning decides: the offline judge answers
# inconclusive ("needs an LLM judge"), a session that counts neither way.
UNDECIDABLE_OBJECTIVE = {
    "name": "Returns", "config": {"maxTurns": 3},
    "definition": {"goal": "Find out how to return a parcel.",
                   "successCriteria": ["The agent explains how to return a parcel"]},
}  # fmt: skip


def wandering_persona(request: StubRequest) -> ToolCall:
    """A simulated persona (served as an OpenAI-compatible model on 127.0.0.1) that leaves its
    objective: it asks about something else and leaves after one reply. Its sessions are spoiled:
    simulator_error, never counted against the agent."""
    said = [m for m in request.body["messages"] if m["role"] == "assistant"]
    if not said:
        return ToolCall({"message": "Do you sell garden gnomes in blue?", "action": "continue", "reasoning": "x"})
    return ToolCall({"message": "Never mind, bye.", "action": "give_up", "reasoning": "bored"})


def topic_of(message: str) -> str | None:
    text = message.lower()
    if "order" in text or "a-10482" in text:
        return "order"
    if "hour" in text or "open" in text:
        return "hours"
    return None


def topic_bot(state: dict[str, Any]) -> FastAPI:
    """`state`: "broken" {topic: how} where how is "unhelpful" (a wrong answer: the agent
    fails), "error" (HTTP 500: an infrastructure error) or "second-session" (unhelpful in the
    second conversation about the topic only: a flaky cell); "delay" seconds per answer (or a
    function of the request's body giving them)."""
    state.setdefault("broken", {})
    state.setdefault("sessions", {})
    app = FastAPI()

    @app.post("/chat")
    async def chat(request: Request):
        body = await request.json()
        delay = state.get("delay")
        if callable(delay):
            delay = delay(body)
        if delay:
            await asyncio.sleep(delay)
        topic = topic_of(body.get("message", ""))
        if topic is None:
            return {"data": {"reply": "Hello! How can I help you today?"}}
        seen = state["sessions"].setdefault(topic, [])
        if body.get("sessionId") not in seen:
            seen.append(body.get("sessionId"))
        how = state["broken"].get(topic)
        if how == "error":
            return JSONResponse({"detail": "down"}, status_code=500)
        if how == "unhelpful" or (how == "second-session" and seen.index(body.get("sessionId")) == 1):
            return {"data": {"reply": UNHELPFUL}}
        return {"data": {"reply": ANSWERS[topic]}}

    return app


class SuiteApi(Api):
    def library(self) -> tuple[list[str], list[str]]:  # type: ignore[override]
        return ([self.post("/api/personas", p)["id"] for p in PERSONAS],
                [self.post("/api/objectives", o)["id"] for o in OBJECTIVES])  # fmt: skip

    def wait_run(self, run_id: str, timeout: float = 60) -> dict:
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            run = self.get(f"/api/runs/{run_id}")
            if run["endedAt"]:
                return run
            time.sleep(0.05)
        raise AssertionError(f"run {run_id} did not end within {timeout} s: {run['progress']}")
