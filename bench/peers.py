"""Mimic beside a hand-written loop (the floor), in the same run, on the same stubs.

The protocol of issue 20:

- One OpenAI-compatible stub on 127.0.0.1 (tests/support/openai_stub.py) plays the persona
  (forced `persona_turn` tool calls) and the judge (`submit_verdict`, `submit_findings`),
  answering after a set delay: 0 ms, then 200 ms. An instant HTTP agent (tests/support/bots.py's
  http_bot) answers every message at once. Both run in a process of their own, so that
  neither shares a GIL or a CPU count with what is measured.
- The loop: per conversation its own httpx client, 10 turns of one LLM call (the persona) and
  one POST to the agent, then one judge call.
- Mimic: the bare API app (`create_api` under uvicorn) in a subprocess on a fresh SQLite file
  migrated by alembic, driven over REST as a CI script would: the stub registered as a custom
  model and made the workspace's default simulator and judge, sessions created with
  `autoStart` (an objective of 10 turns), awaited with the `/wait` long-poll. Its rate limits
  are raised far above what the script sends (they stay on).

Figures: ms per turn and CPU ms per turn at 0 ms, conversations one after another (Mimic's CPU
is its server process's plus the driving script's; the loop's is its own; the stub's counts for
neither); efficiency (the ideal wall time, LLM calls of a conversation x 200 ms, over the
measured wall time) with 20, 50 and 200 conversations at once at 200 ms, and the same wall
time as milliseconds beyond the model calls a conversation waits for one after another (the
honest view of overhead: Mimic's judge asks its two passes at once, which the efficiency
counts in its favour); turns a second at 200; errors (a conversation that failed, a session
that did not complete); the peak resident
memory of Mimic's server process and of the loop's process. Every figure also as a ratio to
the loop's.

    PYTHONPATH=. .venv/bin/python bench/peers.py [--quick] [--processes N]

`--quick` (or MIMIC_BENCH_QUICK=1): 3 turns, a few conversations, 5 at once: a smoke test.
`--processes N`: Mimic's API as N uvicorn workers on the one SQLite file, with a Redis bus.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import multiprocessing
import os
import re
import signal
import socket
import ssl
import subprocess
import sys
import tempfile
import threading
import time
from collections import deque
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
import psutil

PROJECT_ROOT = Path(__file__).resolve().parent.parent
DELAY_S = 0.2
AGENT_REPLY = "Order A-10482 left our warehouse on Monday and arrives on Friday."
PERSONA = {
    "name": "Sam (steady)",
    "description": "Asks one question after another.",
    "definition": {"identity": "A shop owner", "techProfile": "Laptop", "personality": "Steady"},
    "traits": {"communication_style": "direct", "patience_level": "high", "urgency": "low"},
    "config": {"messageInterval": 0, "sessionDuration": 3600},
}
TERMINAL = {"completed", "cancelled", "error", "interrupted"}
# Calls of a Mimic conversation that run beside another rather than after it: the judge's
# verdict and audit passes are asked together (app/engine/judge.py, Judge.evaluate).
MIMIC_CALLS_AT_ONCE = 1


@dataclass
class Protocol:
    turns: int
    sequential: int  # conversations one after another at 0 ms
    concurrency: tuple[int, ...]  # conversations at once at 200 ms


FULL = Protocol(turns=10, sequential=50, concurrency=(20, 50, 200))
QUICK = Protocol(turns=3, sequential=3, concurrency=(5,))


# ---- the stub LLM and the agent, in their own process ------------------------------------------


def _transcript_agent_ids(text: str) -> list[str]:
    block = re.search(r"<transcript>\n(.*?)\n</transcript>", text, re.S)
    ids = []
    for line in block.group(1).splitlines() if block else []:
        try:
            entry = json.loads(line)
        except ValueError:
            continue
        if isinstance(entry, dict) and entry.get("sender") == "agent" and entry.get("id"):
            ids.append(str(entry["id"]))
    return ids


def _stub_answer(delay, turns: int):
    from tests.support.openai_stub import Delay, ToolCall

    def answer(request):
        body = request.body or {}
        tool = ((body.get("tool_choice") or {}).get("function") or {}).get("name")
        messages = body.get("messages") or []
        if tool == "persona_turn":
            said = sum(1 for m in messages if m.get("role") == "assistant")
            reply = ToolCall({"message": f"Question {said + 1}: when does order A-10482 arrive?",
                              "action": "continue", "reasoning": "still asking"})  # fmt: skip
        elif tool == "submit_findings":
            reply = ToolCall({"findings": []})
        else:  # submit_verdict (Mimic's judge, and the loop's)
            last = str(messages[-1].get("content") or "") if messages else ""
            cited = _transcript_agent_ids(last)[-1:]
            reply = ToolCall({
                "criteria": [{"index": 0, "evidenceMessageIds": cited, "reasoning": "The agent named the day.",
                              "status": "met" if cited else "inconclusive", "blame": None}],
                "simulator": {"evidenceMessageIds": [], "reasoning": "Asked plainly.", "problems": [],
                              "verdict": "fair"},
                "summary": "The agent answered.",
            })  # fmt: skip
        return Delay(delay.value, then=reply) if delay.value else reply

    return answer


def serve_stub(delay, turns: int, ready) -> None:
    """The stub LLM; sends its URL, then serves until terminated."""
    from tests.support.openai_stub import OpenAIStub

    class ForgetfulStub(OpenAIStub):
        """Keeps the last requests only: a long run must not grow the stub's memory."""

        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, **kwargs)
            self.requests = deque(maxlen=16)  # type: ignore[assignment]

    stub = ForgetfulStub(script=_stub_answer(delay, turns)).start()
    ready.put(("llm", stub.base_url))
    threading.Event().wait()


def serve_agent(ready) -> None:
    """The instant agent, in a process apart from the stub LLM's (two servers in one process
    wait for each other's GIL: milliseconds per request under load)."""
    from tests.support.bots import http_bot
    from tests.support.loopback import LoopbackServer

    agent = LoopbackServer(http_bot({"mode": "ok", "reply": AGENT_REPLY, "received": deque(maxlen=16)}))
    # Idle connections kept 75 s (nginx's default), not uvicorn's 5: a session's connection
    # idles while the persona thinks, and a close racing its next request is a ReadError.
    agent.server.config.timeout_keep_alive = 75
    agent.__enter__()
    ready.put(("agent", f"{agent.url}/chat"))
    threading.Event().wait()


def start_stubs(turns: int) -> tuple[Any, list, Any]:
    """The stub LLM and the instant agent, each in a process of its own: the stub's delay (a
    shared value, seconds), the processes, and the queue on which each sends its URL."""
    context = multiprocessing.get_context("spawn")
    delay, ready = context.Value("d", 0.0), context.Queue()
    stubs = [context.Process(target=serve_stub, args=(delay, turns, ready), daemon=True),
             context.Process(target=serve_agent, args=(ready,), daemon=True)]  # fmt: skip
    for process in stubs:
        process.start()
    return delay, stubs, ready


def stop_all(server: subprocess.Popen | None, stubs: list) -> None:
    """Mimic's server (killed if it does not stop within 20 s) and the stubs."""
    if server is not None:
        server.terminate()
        try:
            server.wait(20)
        except subprocess.TimeoutExpired:
            server.kill()
    for process in stubs:
        process.terminate()
        process.join(10)


# ---- measuring -----------------------------------------------------------------------------------


@dataclass
class Round:
    conversations: int
    turns: int = 0
    llm_calls: int = 0
    errors: int = 0
    wall_s: float = 0.0
    cpu_s: float = 0.0
    error_samples: list[str] = field(default_factory=list)

    def error(self, text: str) -> None:
        self.errors += 1
        if len(self.error_samples) < 5:
            self.error_samples.append(text[:300])


class PeakMemory:
    """Samples the resident memory of a process (and its children) while a phase runs."""

    def __init__(self) -> None:
        self.peaks: dict[str, float] = {}
        self._watch: tuple[str, psutil.Process, bool] | None = None
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def watch(self, label: str, process: psutil.Process, *, children: bool) -> None:
        self._watch = (label, process, children)

    def _run(self) -> None:
        while not self._stop.wait(0.1):
            if self._watch is None:
                continue
            label, process, children = self._watch
            try:
                rss = process.memory_info().rss
                if children:
                    rss += sum(c.memory_info().rss for c in process.children(recursive=True))
            except psutil.Error:
                continue
            self.peaks[label] = max(self.peaks.get(label, 0.0), rss / 2**20)

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(1)


def cpu_seconds(process: psutil.Process, *, children: bool = False) -> float:
    """The process's CPU; with `children`, its living children's too (uvicorn's workers)."""
    total = 0.0
    for each in [process, *(process.children(recursive=True) if children else ())]:
        try:
            times = each.cpu_times()
        except psutil.NoSuchProcess:
            continue
        total += times.user + times.system
    return total


# ---- the hand-written loop -----------------------------------------------------------------------


def _tool(name: str, properties: dict) -> dict:
    return {"type": "function", "function": {"name": name, "description": f"Submit the {name} answer.",
            "parameters": {"type": "object", "properties": properties, "required": list(properties)}}}  # fmt: skip


PERSONA_TOOL = _tool("persona_turn", {"message": {"type": "string"}, "action": {"type": "string"},
                                      "reasoning": {"type": "string"}})  # fmt: skip
JUDGE_TOOL = _tool("submit_verdict", {"criteria": {"type": "array"}, "summary": {"type": "string"}})


# Made once, as a careful hand-written loop would: httpx loads the CA bundle for every client
# otherwise (tens of ms), though the loopback URLs never use it.
TLS = ssl.create_default_context()


async def loop_conversation(llm_url: str, agent_url: str, turns: int, result: Round) -> None:
    async with httpx.AsyncClient(timeout=60, verify=TLS) as client:
        system = {"role": "system", "content": "You are Sam, a shop owner. Find out when order A-10482 arrives."}
        seen: list[dict] = []
        transcript: list[str] = []
        for _ in range(turns):
            answer = await client.post(f"{llm_url}/chat/completions", json={
                "model": "gpt-4o-mini", "messages": [system, *seen], "tools": [PERSONA_TOOL],
                "tool_choice": {"type": "function", "function": {"name": "persona_turn"}}})  # fmt: skip
            answer.raise_for_status()
            result.llm_calls += 1
            call = answer.json()["choices"][0]["message"]["tool_calls"][0]
            message = json.loads(call["function"]["arguments"])["message"]
            reply = await client.post(agent_url, json={"message": message})
            reply.raise_for_status()
            text = reply.json()["data"]["reply"]
            seen += [{"role": "assistant", "content": message}, {"role": "user", "content": text}]
            transcript += [f"persona: {message}", f"agent: {text}"]
            result.turns += 1
        verdict = await client.post(f"{llm_url}/chat/completions", json={
            "model": "gpt-4o-mini", "tools": [JUDGE_TOOL],
            "messages": [{"role": "system", "content": "Judge the conversation."},
                         {"role": "user", "content": "\n".join(transcript)}],
            "tool_choice": {"type": "function", "function": {"name": "submit_verdict"}}})  # fmt: skip
        verdict.raise_for_status()
        result.llm_calls += 1
        json.loads(verdict.json()["choices"][0]["message"]["tool_calls"][0]["function"]["arguments"])["summary"]


async def run_loop(llm_url: str, agent_url: str, turns: int, conversations: int, at_once: bool) -> Round:
    result = Round(conversations)

    async def one() -> None:
        try:
            await loop_conversation(llm_url, agent_url, turns, result)
        except Exception as exc:  # counted, never fatal: the bench reports errors
            result.error(f"{type(exc).__name__}: {exc}")

    me = psutil.Process()
    cpu, started = cpu_seconds(me), time.perf_counter()
    if at_once:
        await asyncio.gather(*(one() for _ in range(conversations)))
    else:
        for _ in range(conversations):
            await one()
    result.wall_s, result.cpu_s = time.perf_counter() - started, cpu_seconds(me) - cpu
    return result


# ---- Mimic over REST -----------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def start_mimic(workdir: Path, sessions: int, processes: int = 1) -> tuple[subprocess.Popen, str]:
    """Mimic's API on a fresh SQLite file: one process, or `processes` uvicorn workers sharing
    the port (then with a Redis bus, which they need to hear each other's sessions end; each
    runs the sessions it was asked to start)."""
    url = f"sqlite:///{workdir / 'peers.db'}"
    # Migrated in a process of its own: the app's modules stay out of the loop's memory.
    migrate = ("from alembic import command\nfrom alembic.config import Config\n"
               "cfg = Config('alembic.ini')\n"
               f"cfg.set_main_option('sqlalchemy.url', {url!r})\n"
               "cfg.attributes['configure_logger'] = False\ncommand.upgrade(cfg, 'head')\n")  # fmt: skip
    subprocess.run([sys.executable, "-c", migrate], cwd=PROJECT_ROOT, check=True,
                   env={**os.environ, "PYTHONPATH": str(PROJECT_ROOT), "MIMIC_DATABASE_URL": url})  # fmt: skip
    port = free_port()
    env = {
        **os.environ,
        "PYTHONPATH": str(PROJECT_ROOT),
        "MIMIC_DATABASE_URL": url,
        "MIMIC_MAX_CONCURRENT_SESSIONS": str(sessions),
        "MIMIC_OUTBOUND_ALLOW": "loopback",
        "MIMIC_SECRET_KEY": "peers-bench-secret-key-peers-bench-secret-key-0000",
        "MIMIC_DATA_DIR": str(workdir / "data"),
        "LITELLM_LOCAL_MODEL_COST_MAP": "True",
        # Limits stay on, far above what one bench script sends.
        "MIMIC_RATE_LIMIT_DEFAULT": "1000000/minute",
        "MIMIC_RATE_LIMIT_AUTH": "1000/minute",
        "MIMIC_LOG_LEVEL": "WARNING",
    }
    if processes > 1:
        from tests.support.servers import RedisServer

        env["MIMIC_REDIS_URL"] = RedisServer().start().url  # it dies with the bench (pdeathsig)
        env["MIMIC_MAX_CONCURRENT_SESSIONS"] = str(sessions // processes + 8)
        app = f"'app.api.main:create_api', factory=True, workers={processes}"
    else:
        app = "create_api()"
    code = ("import uvicorn\nfrom app.api.main import create_api\n"
            f"uvicorn.run({app}, host='127.0.0.1', port={port}, log_level='warning', access_log=False, "
            "backlog=4096, timeout_keep_alive=30)\n")  # fmt: skip
    log = open(workdir / "server.log", "wb")  # noqa: SIM115 (kept open for the process's life)
    server = subprocess.Popen([sys.executable, "-c", code], env=env, cwd=PROJECT_ROOT, stdout=log, stderr=log)
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"Mimic's server exited: {(workdir / 'server.log').read_text()[-2000:]}")
        try:
            if httpx.get(f"{base}/health", timeout=2).status_code == 200:
                return server, base
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    server.kill()
    raise RuntimeError("Mimic's server did not start within 120 s")


def prepare_mimic(base: str, llm_url: str, agent_url: str, turns: int) -> tuple[dict[str, str], dict]:
    """An account, the stub as the workspace's default simulator and judge, the library."""
    from tests.support.sessions import sign_up

    headers = sign_up(base, "peers-bench@example.com")
    with httpx.Client(base_url=base, headers=headers, timeout=60) as http:

        def post(path: str, body: dict) -> dict:
            response = http.post(path, json=body)
            response.raise_for_status()
            return response.json()

        model = post("/api/models/custom", {"name": "Bench Stub", "baseUrl": llm_url, "model": "gpt-4o-mini",
                                            "apiKey": "sk-bench-stub", "inputCostPerToken": 0.00000015,
                                            "outputCostPerToken": 0.0000006})["id"]  # fmt: skip
        http.put("/api/models/defaults", json={"simulator": model, "judge": model}).raise_for_status()
        objective = post("/api/objectives", {
            "name": "Where is order A-10482",
            "definition": {"goal": "Find out when order A-10482 will be delivered.", "constraints": [],
                           "successCriteria": ["The agent gives the delivery day of order A-10482"]},
            "config": {"maxTurns": turns}})["id"]  # fmt: skip
        session = {
            "agentId": post("/api/agents", {"name": "Instant agent", "type": "http",
                                            "config": {"url": agent_url, "replyPath": "data.reply"}})["id"],
            "personaId": post("/api/personas", PERSONA)["id"],
            "objectiveId": objective,
            "autoStart": True,
        }  # fmt: skip
    return headers, session


async def mimic_conversation(base: str, headers: dict, body: dict, result: Round) -> None:
    """One conversation as a CI script drives it, with a client of its own (as the loop has)."""
    try:
        async with httpx.AsyncClient(base_url=base, headers=headers, timeout=120, verify=TLS) as http:
            await _mimic_conversation(http, body, result)
    except httpx.HTTPError as exc:  # counted, never fatal: the bench reports errors
        result.error(f"{type(exc).__name__}: {exc!r}")


async def _mimic_conversation(http: httpx.AsyncClient, body: dict, result: Round) -> None:
    created = await http.post("/api/sessions", json=body)
    if created.status_code != 201:
        result.error(f"create {created.status_code}: {created.text}")
        return
    session_id = created.json()["id"]
    state: dict = {}
    for _ in range(20):
        answer = await http.get(f"/api/sessions/{session_id}/wait", params={"timeout": 60})
        if answer.status_code != 200:
            result.error(f"wait {answer.status_code}: {answer.text}")
            return
        state = answer.json()
        if state["ended"]:
            break
    if state.get("status") != "completed":
        detail = (await http.get(f"/api/sessions/{session_id}")).json()  # why, for the report
        result.error(f"session {session_id} ended {state.get('status')} ({state.get('endReason')}): "
                     f"{json.dumps(detail.get('error'))[:300]}")  # fmt: skip
        return
    result.turns += state["messageCount"] // 2


async def run_mimic(base: str, headers: dict, body: dict, server: psutil.Process, conversations: int,
                    at_once: bool, calls_per_conversation: int) -> Round:  # fmt: skip
    result = Round(conversations)
    me = psutil.Process()
    cpu, server_cpu, started = cpu_seconds(me), cpu_seconds(server, children=True), time.perf_counter()
    if at_once:
        await asyncio.gather(*(mimic_conversation(base, headers, body, result) for _ in range(conversations)))
    else:
        for _ in range(conversations):
            await mimic_conversation(base, headers, body, result)
    result.wall_s = time.perf_counter() - started
    result.cpu_s = cpu_seconds(me) - cpu + cpu_seconds(server, children=True) - server_cpu
    result.llm_calls = calls_per_conversation * (conversations - result.errors)
    return result


# ---- the run -------------------------------------------------------------------------------------


def efficiency(result: Round, calls_per_conversation: float) -> float:
    return calls_per_conversation * DELAY_S / result.wall_s if result.wall_s else 0.0


def ratio(mine: float, floor: float) -> str:
    return f"{mine / floor:.2f}x" if floor else "n/a"


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", default=os.environ.get("MIMIC_BENCH_QUICK") == "1")
    parser.add_argument(
        "--processes",
        type=int,
        default=1,
        help="Mimic's API as this many uvicorn workers (with a Redis bus when more than one)",
    )
    arguments = parser.parse_args()
    protocol = QUICK if arguments.quick else FULL
    # Stopped from outside, the bench still stops its stubs and Mimic's server (finally below).
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = Path(tempfile.mkdtemp(prefix="mimic-bench-peers-"))

    delay, stubs, ready = start_stubs(protocol.turns)
    server: subprocess.Popen | None = None
    memory = PeakMemory()
    try:
        urls = dict(ready.get(timeout=60) for _ in stubs)
        llm_url, agent_url = urls["llm"], urls["agent"]
        server, base = start_mimic(workdir, max(protocol.concurrency) + 8, arguments.processes)
        server_process = psutil.Process(server.pid)
        headers, body = prepare_mimic(base, llm_url, agent_url, protocol.turns)
        me = psutil.Process()

        # How many LLM calls a Mimic conversation makes: counted by the stub's own view (one
        # session, read from its record of calls).
        async def warm_up() -> tuple[Round, Round]:
            return (await run_loop(llm_url, agent_url, protocol.turns, 1, False),
                    await run_mimic(base, headers, body, server_process, 1, False, 0))  # fmt: skip

        warm_loop, warm_mimic = asyncio.run(warm_up())
        if warm_loop.errors or warm_mimic.errors:
            print("warm-up failed:", warm_loop.error_samples, warm_mimic.error_samples)
            return 1
        mimic_calls = mimic_llm_calls(base, headers)
        loop_calls = protocol.turns + 1

        figures: dict[str, tuple[float, float]] = {}
        errors = [0, 0]

        def measure(label: str, conversations: int, at_once: bool) -> tuple[Round, Round]:
            memory.watch("loop", me, children=False)  # its children are the stubs and Mimic
            loop = asyncio.run(run_loop(llm_url, agent_url, protocol.turns, conversations, at_once))
            memory.watch("mimic", server_process, children=True)
            mimic = asyncio.run(run_mimic(base, headers, body, server_process, conversations, at_once, mimic_calls))
            print(f"{label}: loop {loop.turns} turns in {loop.wall_s:.2f} s ({loop.cpu_s:.2f} s CPU), Mimic "
                  f"{mimic.turns} turns in {mimic.wall_s:.2f} s ({mimic.cpu_s:.2f} s CPU)", flush=True)  # fmt: skip
            for i, r in enumerate((loop, mimic)):
                errors[i] += r.errors
                for sample in r.error_samples:
                    print(f"  error ({'loop' if i == 0 else 'Mimic'}, {label}): {sample}")
            return loop, mimic

        delay.value = 0.0
        loop, mimic = measure("0 ms", protocol.sequential, False)
        figures["ms per turn (stub at 0 ms)"] = (1000 * loop.wall_s / max(loop.turns, 1),
                                                  1000 * mimic.wall_s / max(mimic.turns, 1))  # fmt: skip
        figures["CPU ms per turn"] = (1000 * loop.cpu_s / max(loop.turns, 1), 1000 * mimic.cpu_s / max(mimic.turns, 1))
        delay.value = DELAY_S
        for n in protocol.concurrency:
            loop, mimic = measure(f"{n} at 200 ms", n, True)
            figures[f"{n} at 200 ms: efficiency %"] = (100 * efficiency(loop, loop_calls),
                                                        100 * efficiency(mimic, mimic_calls))  # fmt: skip
            # The same wall time as milliseconds beyond the model calls a conversation waits for
            # one after another (Mimic's judge asks its two passes at once): its own overhead.
            figures[f"{n} at 200 ms: ms beyond the model"] = (
                1000 * (loop.wall_s - loop_calls * DELAY_S),
                1000 * (mimic.wall_s - (mimic_calls - MIMIC_CALLS_AT_ONCE) * DELAY_S),
            )
            figures[f"{n} at 200 ms: CPU ms per turn"] = (1000 * loop.cpu_s / max(loop.turns, 1),
                                                           1000 * mimic.cpu_s / max(mimic.turns, 1))  # fmt: skip
        top = protocol.concurrency[-1]
        figures[f"{top} at 200 ms: turns/s"] = (loop.turns / loop.wall_s, mimic.turns / mimic.wall_s)
        figures["errors"] = (float(errors[0]), float(errors[1]))
        memory.stop()
        figures["peak RSS MB"] = (memory.peaks.get("loop", 0.0), memory.peaks.get("mimic", 0.0))
        print_table(protocol, figures, loop_calls, mimic_calls)
        return 1 if any(errors) else 0
    finally:
        memory.stop()
        stop_all(server, stubs)


def mimic_llm_calls(base: str, headers: dict) -> int:
    """LLM calls of the warm-up session, as Mimic recorded them (its usage per role)."""
    with httpx.Client(base_url=base, headers=headers, timeout=30) as http:
        listing = http.get("/api/sessions").json()
        [session] = listing.get("items", listing.get("data"))
        usage = http.get(f"/api/sessions/{session['id']}/usage").json()
    return sum(role["calls"] for role in usage if role["role"] in ("simulator", "judge"))


def print_table(protocol: Protocol, figures: dict[str, tuple[float, float]], loop_calls: int, mimic_calls: int) -> None:
    print(f"\n{protocol.turns}-turn conversations; LLM calls per conversation: loop {loop_calls}, Mimic {mimic_calls}")
    print(f"{'':34} {'loop':>10} {'Mimic':>10} {'Mimic/loop':>11}")
    for label, (floor, mine) in figures.items():
        decimals = 0 if label == "errors" else 1
        print(f"{label:34} {floor:>10.{decimals}f} {mine:>10.{decimals}f} {ratio(mine, floor):>11}")
    cpu = figures["CPU ms per turn"]
    top = protocol.concurrency[-1]
    print("\nTargets (issue 20): CPU per turn <= 2.0x the loop's: "
          f"{'met' if cpu[1] <= 2 * cpu[0] else 'not met'} ({ratio(cpu[1], cpu[0])}); "
          f"efficiency at 20 >= 85 %: "
          f"{_met(figures, '20 at 200 ms: efficiency %', 85)}; "
          f"turns/s at 200 >= 250: {_met(figures, f'{top} at 200 ms: turns/s', 250) if top == 200 else 'n/a'}; "
          f"errors: {int(figures['errors'][1])}")  # fmt: skip


def _met(figures: dict[str, tuple[float, float]], label: str, target: float) -> str:
    if label not in figures:
        return "n/a"
    return f"{'met' if figures[label][1] >= target else 'not met'} ({figures[label][1]:.1f})"


if __name__ == "__main__":
    sys.exit(main())
