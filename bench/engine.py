"""The session engine's own cost, with stubs in place of the LLM and the target.

1. Overhead per turn: a stub LLM (a litellm custom provider, through the real litellm code
   path) and a stub target that answer at once; everything else is real: prompts, the
   structured-output parsing, the runner, the bus, and a SQLite commit per message.
2. Throughput at 10, 100 and 1000 concurrent sessions when both stubs answer after
   200 ms, beside the ideal (sessions x turns / (turns x 2 x 200 ms + judge)).
"""

from __future__ import annotations

import asyncio
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

_TMP = Path(tempfile.mkdtemp(prefix="mimic-bench-engine-"))
os.environ["MIMIC_DATABASE_URL"] = f"sqlite:///{_TMP / 'engine.db'}"
os.environ.setdefault("LITELLM_LOCAL_MODEL_COST_MAP", "True")
os.environ.setdefault("MIMIC_SECRET_KEY", "bench-secret-key-bench-secret-key-0000")

import litellm  # noqa: E402
from alembic import command  # noqa: E402
from alembic.config import Config  # noqa: E402
from litellm import CustomLLM  # noqa: E402
from litellm.types.utils import ChatCompletionMessageToolCall, Function, Message, ModelResponse, Usage  # noqa: E402

import app.llm  # noqa: E402,F401  (registers the mimic provider first)
from app.db import session_scope  # noqa: E402
from app.engine.bus import InMemoryBus  # noqa: E402
from app.engine.context import ModelChoice, ObjectiveSnapshot, PersonaSnapshot, SessionLimits, SessionPlan  # noqa: E402
from app.engine.runner import SessionRunner  # noqa: E402
from app.engine.targets import TargetReply, TargetSpec, Turn  # noqa: E402
from app.models import Agent, Objective, Persona, SimSession, Workspace  # noqa: E402
from app.services.session_store import DatabaseSessionStore  # noqa: E402
from app.settings import PROJECT_ROOT, settings  # noqa: E402

TURNS = 5
DELAY = {"value": 0.0}


class StubLLM(CustomLLM):
    """Answers every forced tool call at once (or after DELAY) with a fixed valid answer."""

    async def acompletion(self, *args, **kwargs) -> ModelResponse:
        if DELAY["value"]:
            await asyncio.sleep(DELAY["value"])
        tool = kwargs["optional_params"]["tool_choice"]["function"]["name"]
        messages = kwargs["messages"]
        if tool == "persona_turn":
            turns = sum(1 for m in messages if m["role"] == "assistant")
            action = "goal_met" if turns >= TURNS else "continue"
            args = {"message": f"Message {turns + 1} about order A-10482", "action": action, "reasoning": "bench"}
        else:
            args = {"criteria": [{"index": 0, "criterion": "c", "status": "met", "reasoning": "ok",
                                  "citedMessageIds": []}], "findings": [], "summary": "ok"}  # fmt: skip
        call = ChatCompletionMessageToolCall(id="call_1", type="function",
                                             function=Function(name=tool, arguments=json.dumps(args)))  # fmt: skip
        return ModelResponse(
            model="bench/stub",
            choices=[{"index": 0, "finish_reason": "tool_calls",
                      "message": Message(role="assistant", content=None, tool_calls=[call])}],
            usage=Usage(prompt_tokens=100, completion_tokens=20, total_tokens=120),
        )  # fmt: skip


class StubTarget:
    async def send(self, turn: Turn) -> TargetReply:
        if DELAY["value"]:
            await asyncio.sleep(DELAY["value"])
        return TargetReply(content="Order A-10482 arrives on Friday.", latency_ms=int(DELAY["value"] * 1000))

    async def close(self) -> None:
        return None


def setup() -> tuple[str, str, str, str, str]:
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("sqlalchemy.url", settings.database_url)
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")
    litellm.custom_provider_map = [*litellm.custom_provider_map, {"provider": "bench", "custom_handler": StubLLM()}]
    with session_scope() as db:
        ws = Workspace(name="bench", slug="bench")
        db.add(ws)
        db.flush()
        agent = Agent(workspace_id=ws.id, name="a", type="http", config={})
        persona = Persona(workspace_id=ws.id, name="p")
        objective = Objective(workspace_id=ws.id, name="o", definition={"goal": "g"})
        db.add_all([agent, persona, objective])
        db.flush()
        return ws.id, agent.id, persona.id, objective.id, ws.id


def new_sessions(ws: str, agent: str, persona: str, objective: str, n: int) -> list[str]:
    with session_scope() as db:
        rows = [
            SimSession(workspace_id=ws, agent_id=agent, persona_id=persona, objective_id=objective) for _ in range(n)
        ]
        db.add_all(rows)
        db.flush()
        return [r.id for r in rows]


def plan(session_id: str, ws: str, agent: str) -> SessionPlan:
    model = ModelChoice("bench/stub")
    return SessionPlan(
        session_id=session_id, workspace_id=ws, persona=PersonaSnapshot(name="Bench"),
        objective=ObjectiveSnapshot(name="o", goal="Find order A-10482", success_criteria=["c"], max_turns=TURNS + 1),
        target=TargetSpec(agent, "http", {}), limits=SessionLimits(max_messages=100, duration_s=600),
        simulator=model, judge=model,
    )  # fmt: skip


async def run_many(ids: list[str], ws: str, agent: str, bus: InMemoryBus) -> list[str]:
    async def one(session_id: str) -> str:
        runner = SessionRunner(plan(session_id, ws, agent), DatabaseSessionStore(session_id, ws), bus, StubTarget())
        return await runner.run()

    return await asyncio.gather(*(one(i) for i in ids))


def main() -> None:
    ws, agent, persona, objective, _ = setup()
    bus = InMemoryBus()

    # 1. Overhead per turn, stubs answering at once, one session at a time.
    asyncio.run(run_many(new_sessions(ws, agent, persona, objective, 3), ws, agent, bus))  # warm up
    samples = []
    for _ in range(20):
        ids = new_sessions(ws, agent, persona, objective, 1)
        started = time.perf_counter()
        outcomes = asyncio.run(run_many(ids, ws, agent, bus))
        assert outcomes == ["passed"], outcomes
        samples.append((time.perf_counter() - started) / TURNS)
    print(f"overhead per turn (instant stubs, {TURNS} turns + judge, SQLite commit per message):")
    print(f"  median {statistics.median(samples) * 1000:.1f} ms, min {min(samples) * 1000:.1f} ms "
          f"(a turn = persona LLM call + target call + 2 messages stored and published)")  # fmt: skip

    # 2. Throughput with 200 ms stubs.
    DELAY["value"] = 0.2
    per_session = TURNS * 2 * DELAY["value"] + DELAY["value"] * 2  # turns x (persona + target), last persona + judge
    print(f"\nthroughput, stubs answering after 200 ms, {TURNS} turns per session:")
    print(f"  {'sessions':>8} {'wall s':>8} {'turns/s':>9} {'ideal turns/s':>14} {'efficiency':>11} {'errors':>7}")
    sizes = [int(a) for a in sys.argv[1:]] or [10, 100, 1000]
    for n in sizes:
        ids = new_sessions(ws, agent, persona, objective, n)
        started = time.perf_counter()
        outcomes = asyncio.run(run_many(ids, ws, agent, bus))
        wall = time.perf_counter() - started
        errors = sum(1 for o in outcomes if o != "passed")
        ideal = n * TURNS / per_session
        print(
            f"  {n:>8} {wall:>8.2f} {n * TURNS / wall:>9.1f} {ideal:>14.1f} "
            f"{(n * TURNS / wall) / ideal:>10.0%} {errors:>7}"
        )


if __name__ == "__main__":
    main()
