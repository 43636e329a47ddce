"""Load held: the real app process keeps SESSIONS sessions running at once against a stub
agent, while a steady API load measures latency, for several minutes.

The app is started as `make run` starts it (`make serve`: the Reflex backend with the API
mounted, its lifespan tasks, one event loop shared by the sessions and the requests) on a
fresh SQLite file migrated by alembic, with MIMIC_MAX_CONCURRENT_SESSIONS=SESSIONS. The whole
process is measured rather than the API under uvicorn alone because that is what users run;
its frontend build costs about 40 s before anything starts.

- The agent: tests/support/bots.py's http_bot on 127.0.0.1 in a process of its own (so that
  it does not share a GIL with the measuring client), answering after 200 ms with a reply
  that never helps. The persona and the judge are the offline model; the persona is patient,
  so a session runs six turns and ends with a verdict (failed). Each session waits
  about THINK seconds between turns (its messageInterval, 0.5 to 1.5 x THINK), as an LLM
  persona takes its time, and so that 1000 sessions make a load this machine can carry
  (1000 / THINK turns a second) rather than all turns at once.
- The ramp: sessions are created and started (POST /api/sessions with autoStart, 16 at a
  time) until SESSIONS run at once; then the clock starts. As sessions end, new ones are
  started to keep SESSIONS running.
- The API load: RPS requests a second, open loop (each sent on time whether or not earlier
  ones have answered; its latency counts from when it was due), of session lists and
  details, findings, analytics, library lists, search, and some creates.
- Errors: any answer that is not 2xx, any connection error or timeout, a request still
  unanswered 15 s after the end, and any session that ends in error or interrupted
  (infrastructure failures). They must be 0.
- Memory: the resident set of the app's process tree (psutil), which must level off: the
  slope over the last third of the run is compared with the first third's. A session lives
  about 6 x THINK seconds (three minutes) and its transcript grows all that while, so the
  sessions started by the ramp hold more and more memory until they end together: the hold
  lasts eight lifetimes (25 minutes): after the first lifetime memory still creeps up for a
  while (as the database grows; SQLite's page caches are the likely reason, not measured),
  and a 15-minute hold judged it flat in one run and +3 MB/min in the next.

Every EVERY seconds a line: elapsed, sessions running, sessions ended (and replaced), turns
a second, API requests, errors, p50/p99 of the API load in that window, p99 of session
starts, app RSS. Then the totals, per route, and a sample of the errors.

    PYTHONPATH=. .venv/bin/python bench/load.py [--duration 1500] [--sessions 1000] [--rps 20] [--think 30]

(MIMIC_LOAD_DURATION, MIMIC_LOAD_SESSIONS and MIMIC_LOAD_RPS set the defaults.) Exits 1 when
there were errors or the memory did not level off.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import random
import re
import shutil
import signal
import statistics
import sys
import tempfile
import time
from collections import Counter, deque
from dataclasses import dataclass, field
from pathlib import Path

import httpx
import psutil

REPLY = "Thank you for your message. Let me look into that for you."
PERSONA = {
    "name": "Pat (patient)",
    "description": "Asks again and again, politely.",
    "definition": {"identity": "A retired teacher", "techProfile": "Laptop", "personality": "Patient"},
    "traits": {"communication_style": "polite", "patience_level": "high", "urgency": "low"},
    "config": {"messageInterval": 0, "sessionDuration": 3600},
}
OBJECTIVE = {
    "name": "Refund for a damaged blender",
    "definition": {
        "goal": "Get a refund for the blender of order B-20931, which arrived broken.",
        "constraints": ["Will not send the blender back at own cost"],
        "successCriteria": ["The agent confirms a refund for order B-20931"],
    },
    "config": {"maxTurns": 6},
}
TERMINAL = ("completed", "cancelled", "error", "interrupted")
CONNECTIONS = 100  # the client's connections to the app, at most
GRACE_S = 15.0
RAMP_TIMEOUT_S = 900.0
LEVEL_MB_PER_MIN = 2.0
FAILED_STATUSES = ("error", "interrupted")


# ---- the stub agent, in its own process -----------------------------------------------------


def serve_bot(port: int, delay: float, counter) -> None:
    import uvicorn

    from tests.support.bots import http_bot

    # A deque keeps the bot's record of requests from growing for the whole run.
    app = http_bot({"mode": "slow", "delay": delay, "reply": REPLY, "received": deque(maxlen=16)})

    async def counted(scope, receive, send):
        if scope["type"] == "http":
            counter.value += 1
        await app(scope, receive, send)

    # Quiet: at the end the app goes away with requests open, which is no news.
    uvicorn.run(counted, host="127.0.0.1", port=port, log_level="critical", backlog=4096, lifespan="off")


# ---- what is measured -----------------------------------------------------------------------


@dataclass
class Sample:
    at: float
    kind: str  # "load" (the API load) or "start" (a session created and started)
    route: str
    ms: float


@dataclass
class Stats:
    samples: list[Sample] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    error_kinds: Counter = field(default_factory=Counter)
    requests: int = 0
    session_errors: int = 0
    session_error_samples: list[str] = field(default_factory=list)
    rss: list[tuple[float, float]] = field(default_factory=list)  # (elapsed s, MB), while held
    load_requests: int = 0  # of the API load (the session starts and counts not included)
    ramp: tuple[float, int] = (0.0, 0)  # (seconds, samples taken during the ramp)
    levelled: bool = False

    def error(self, kind: str, text: str) -> None:
        self.error_kinds[kind] += 1
        if len(self.errors) < 200:
            self.errors.append(text)


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, int(round(q * len(ordered))) - 1))]


def slope(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of (x, y) points, in y per unit of x (0.0 for fewer than two)."""
    if len(points) < 2:
        return 0.0
    xs, ys = [p[0] for p in points], [p[1] for p in points]
    mx, my = statistics.fmean(xs), statistics.fmean(ys)
    den = sum((x - mx) ** 2 for x in xs)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / den if den else 0.0


def slope_mb_per_min(points: list[tuple[float, float]]) -> float:
    """Least-squares slope of (seconds, MB), in MB per minute."""
    return 60 * slope(points)


def tree_rss_mb(root: psutil.Process) -> tuple[float, dict[str, float]]:
    by_process: dict[str, float] = {}
    total = 0.0
    for proc in [root, *root.children(recursive=True)]:
        try:
            mb = proc.memory_info().rss / 2**20
            name = f"{proc.pid} {' '.join(proc.cmdline()[:3])[:70]}"
        except psutil.Error:
            continue
        by_process[name] = mb
        total += mb
    return total, by_process


# ---- the load --------------------------------------------------------------------------------


class Load:
    def __init__(self, base_url: str, args: argparse.Namespace, stats: Stats, started: float) -> None:
        self.args, self.stats, self.t0 = args, stats, started
        # Requests beyond CONNECTIONS wait here, in order, rather than in httpx's pool, whose
        # bookkeeping grows with the square of the requests waiting in it.
        self.connections = asyncio.Semaphore(CONNECTIONS)
        self.http = httpx.AsyncClient(base_url=base_url, timeout=60, limits=httpx.Limits(max_connections=CONNECTIONS))
        self.created = 0  # sessions whose creation was sent and not refused
        self.ended = 0  # as last counted from the API
        self.in_flight_db = 0  # running + pending, as last counted
        self.session_ids: deque[str] = deque(maxlen=2000)
        self.ids: dict[str, str] = {}
        self.stopping = False

    async def call(
        self, kind: str, route: str, method: str, path: str, *, due: float | None = None, **kwargs
    ) -> httpx.Response | None:
        """One request; its latency runs from `due` (when it should have been sent: a request
        that waited for a free connection was slow too), else from now."""
        started = due if due is not None else time.monotonic()
        self.stats.requests += 1
        if kind == "load":
            self.stats.load_requests += 1
        try:
            async with self.connections:
                response = await self.http.request(method, path, **kwargs)
        except httpx.HTTPError as exc:
            self.stats.error("connection", f"{method} {path}: {type(exc).__name__}: {exc}"[:300])
            return None
        ms = (time.monotonic() - started) * 1000
        self.stats.samples.append(Sample(time.monotonic() - self.t0, kind, route, ms))
        if not 200 <= response.status_code < 300:
            kind_of = "5xx" if response.status_code >= 500 else f"{response.status_code}"
            self.stats.error(kind_of, f"{method} {path} -> {response.status_code}: {response.text[:300]}")
            return None
        return response

    async def setup(self) -> None:
        account = {"email": "load@example.com", "password": "load-password-123", "name": "Load"}
        (await self.http.post("/api/auth/register", json=account)).raise_for_status()
        login = await self.http.post("/api/auth/login", json={k: account[k] for k in ("email", "password")})
        login.raise_for_status()
        self.http.headers["Authorization"] = f"Bearer {login.json()['access_token']}"
        persona = PERSONA
        self.ids["persona"] = (await self.http.post("/api/personas", json=persona)).raise_for_status().json()["id"]
        self.ids["objective"] = (
            (await self.http.post("/api/objectives", json=OBJECTIVE)).raise_for_status().json()["id"]
        )
        config = {"url": f"{self.args.bot_url}/chat", "replyPath": "data.reply", "timeoutSeconds": 60}
        agent = {"name": "Stub bot", "type": "http", "config": config}
        self.ids["agent"] = (await self.http.post("/api/agents", json=agent)).raise_for_status().json()["id"]

    # -- sessions ------------------------------------------------------------------------------

    async def start_one(self) -> None:
        # Each session pauses its own while between turns (0.5 to 1.5 x think), so that turns
        # spread out as a real persona's LLM calls would, rather than all land at once.
        think = round(self.args.think * random.uniform(0.5, 1.5), 2)
        body = {"agentId": self.ids["agent"], "personaId": self.ids["persona"], "objectiveId": self.ids["objective"],
                "autoStart": True, "config": {"messageInterval": think}}  # fmt: skip
        response = await self.call("start", "POST /api/sessions", "POST", "/api/sessions", json=body)
        if response is None:
            self.created -= 1
        else:
            self.session_ids.append(response.json()["id"])

    async def count(self, status: str) -> int | None:
        response = await self.call("count", "GET /api/sessions?status", "GET", "/api/sessions",
                                   params={"status": status, "limit": 1})  # fmt: skip
        return None if response is None else response.json()["pagination"]["total"]

    async def keep_sessions(self) -> None:
        """Keeps `sessions` in flight: counts the running and pending ones every second and
        starts as many as have ended (a few at a time, as a script would)."""
        starting: set[asyncio.Task] = set()
        gate = asyncio.Semaphore(16)

        async def gated() -> None:
            async with gate:
                await self.start_one()

        while not self.stopping:
            confirmed = self.created - len(starting)
            counts = await asyncio.gather(self.count("running"), self.count("pending"))
            if None not in counts:
                self.in_flight_db = counts[0] + counts[1]
                self.ended = max(self.ended, confirmed - self.in_flight_db)
            for _ in range(self.args.sessions - (self.created - self.ended)):
                self.created += 1
                task = asyncio.create_task(gated())
                starting.add(task)
                task.add_done_callback(starting.discard)
            await asyncio.sleep(1)
        await self.settle(starting)

    # -- the API load --------------------------------------------------------------------------

    def pick(self) -> tuple[str, str, str, dict]:
        ids = self.session_ids
        session_id = ids[random.randrange(len(ids))] if ids else ""
        roll = random.random() if session_id else 0  # the list, until a session exists
        choices = [
            (0.22, "GET /api/sessions", "GET", "/api/sessions", {"params": {"page": random.randint(1, 5)}}),
            (0.22, "GET /api/sessions/{id}", "GET", f"/api/sessions/{session_id}", {}),
            (0.08, "GET /api/events/{id}/findings", "GET", f"/api/events/{session_id}/findings", {}),
            (0.10, "GET /api/analytics/sessions", "GET", "/api/analytics/sessions", {}),
            (0.05, "GET /api/analytics/agents/{id}", "GET", f"/api/analytics/agents/{self.ids['agent']}", {}),
            (0.06, "GET /api/personas", "GET", "/api/personas", {}),
            (0.06, "GET /api/objectives", "GET", "/api/objectives", {}),
            (0.06, "GET /api/agents", "GET", "/api/agents", {}),
            (0.05, "GET /api/search", "GET", "/api/search", {"params": {"q": "blender"}}),
            (0.04, "GET /api/auth/me", "GET", "/api/auth/me", {}),
            (0.03, "POST /api/personas", "POST", "/api/personas",
             {"json": {"name": f"Load persona {random.randrange(10**9)}", "description": "made under load"}}),
            (0.03, "POST /api/objectives", "POST", "/api/objectives",
             {"json": {"name": f"Load objective {random.randrange(10**9)}", "definition": {"goal": "Ask anything"}}}),
        ]  # fmt: skip
        for weight, route, method, path, kwargs in choices:
            roll -= weight
            if roll <= 0:
                return route, method, path, kwargs
        return choices[0][1:]

    async def api_load(self) -> None:
        pending: set[asyncio.Task] = set()
        interval = 1 / self.args.rps
        next_at = time.monotonic()
        while not self.stopping:
            route, method, path, kwargs = self.pick()
            task = asyncio.create_task(self.call("load", route, method, path, due=next_at, **kwargs))
            pending.add(task)
            task.add_done_callback(pending.discard)
            next_at += interval
            await asyncio.sleep(max(0.0, next_at - time.monotonic()))
        await self.settle(pending)

    async def settle(self, pending: set[asyncio.Task]) -> None:
        """At the end: requests still unanswered after a grace period are errors."""
        if not pending:
            return
        _, late = await asyncio.wait(set(pending), timeout=GRACE_S)
        for task in late:
            task.cancel()
            self.stats.error("unanswered", f"a request still unanswered {GRACE_S:.0f} s after the run ended")
        await asyncio.gather(*late, return_exceptions=True)

    async def final_counts(self) -> dict[str, int]:
        counts = await asyncio.gather(*(self.count(s) for s in ("pending", "running", *TERMINAL)))
        return dict(zip(("pending", "running", *TERMINAL), counts, strict=True))

    async def failed_sessions(self) -> list[str]:
        out = []
        for status in FAILED_STATUSES:
            response = await self.call("count", "GET /api/sessions?status", "GET", "/api/sessions",
                                       params={"status": status, "limit": 5})  # fmt: skip
            for row in response.json()["data"] if response is not None else []:
                out.append(f"session {row['id']} {row['status']} ({row['endReason']}): {row['error']}")
        return out


# ---- the run ---------------------------------------------------------------------------------


def app_process(workdir: Path, sessions: int):
    """The app on a fresh SQLite file, migrated (not started yet)."""
    from alembic import command
    from alembic.config import Config

    from app.settings import PROJECT_ROOT
    from tests.support.app_process import AppProcess

    url = f"sqlite:///{workdir / 'load.db'}"
    cfg = Config(str(PROJECT_ROOT / "alembic.ini"))
    cfg.set_main_option("sqlalchemy.url", url)
    cfg.attributes["configure_logger"] = False
    command.upgrade(cfg, "head")
    env = {
        "MIMIC_MAX_CONCURRENT_SESSIONS": str(sessions),
        "MIMIC_OUTBOUND_ALLOW": "loopback",
        "MIMIC_SECRET_KEY": "load-bench-secret-key-load-bench-secret-key-0000",
        # Limits stay on, far above what one bench client sends.
        "MIMIC_RATE_LIMIT_DEFAULT": "1000000/minute",
        "MIMIC_LOG_LEVEL": "WARNING",
    }
    web_dir = os.environ.get("MIMIC_LOAD_WEB_DIR", str(PROJECT_ROOT / ".web-load"))
    return AppProcess(url, workdir, web_dir=web_dir, env=env)


async def run(args: argparse.Namespace, base_url: str, app_pid: int, bot_calls) -> Stats:
    stats = Stats()
    root = psutil.Process(app_pid)
    load = Load(base_url, args, stats, time.monotonic())
    await load.setup()
    idle, _ = tree_rss_mb(root)
    print(f"app RSS before load: {idle:.0f} MB; ramping up to {args.sessions} sessions (a persona message every "
          f"~{args.think:.0f} s each, the agent answering in {args.reply_delay * 1000:.0f} ms)")  # fmt: skip

    # The ramp: sessions are started until SESSIONS run at once; the clock starts then.
    ramp_started = time.monotonic()
    keeper = asyncio.create_task(load.keep_sessions())
    last_line = ramp_started
    while load.in_flight_db < 0.98 * args.sessions:
        now = time.monotonic()
        if now - ramp_started > RAMP_TIMEOUT_S:
            print(f"  the ramp did not reach {args.sessions} sessions within {RAMP_TIMEOUT_S:.0f} s; measuring anyway")
            break
        if now - last_line >= args.every:
            print(f"  ramp {now - ramp_started:>4.0f} s: {load.in_flight_db} running", flush=True)
            last_line = now
        await asyncio.sleep(0.5)
    ramp_s = time.monotonic() - ramp_started
    print(f"ramp: {load.in_flight_db} sessions running after {ramp_s:.0f} s ({load.created} started)")
    print(f"then {args.duration:.0f} s of {args.sessions} sessions held and {args.rps:.0f} API requests/s; "
          f"a line every {args.every:.0f} s (p50/p99 of the API load in that window):")  # fmt: skip
    header = (f"{'t s':>5} {'running':>7} {'ended':>7} {'turns/s':>8} {'api req':>8} {'errors':>6} "
              f"{'p50 ms':>7} {'p99 ms':>7} {'start p99':>9} {'RSS MB':>7}")  # fmt: skip
    print(header)

    t0 = time.monotonic()
    load.t0 = t0
    stats.ramp = (ramp_s, len(stats.samples))
    loader = asyncio.create_task(load.api_load())
    first_calls = last_calls = bot_calls.value
    ended_before, last_line, last_index, next_sample = load.ended, t0, len(stats.samples), t0
    while (now := time.monotonic()) - t0 < args.duration:
        if now >= next_sample:
            mb, _ = await asyncio.to_thread(tree_rss_mb, root)
            stats.rss.append((now - t0, mb))
            next_sample += 2
        if now - last_line >= args.every:
            window = stats.samples[last_index:]
            last_index = len(stats.samples)
            load_ms = [s.ms for s in window if s.kind == "load"]
            start_ms = [s.ms for s in window if s.kind == "start"]
            calls = bot_calls.value
            errors = sum(stats.error_kinds.values())
            print(f"{now - t0:>5.0f} {load.in_flight_db:>7} {load.ended - ended_before:>7} "
                  f"{(calls - last_calls) / (now - last_line):>8.0f} {stats.load_requests:>8} {errors:>6} "
                  f"{percentile(load_ms, 0.5):>7.0f} {percentile(load_ms, 0.99):>7.0f} "
                  f"{percentile(start_ms, 0.99):>9.0f} {stats.rss[-1][1]:>7.0f}", flush=True)  # fmt: skip
            last_line, last_calls = now, calls
        await asyncio.sleep(0.25)
    elapsed = time.monotonic() - t0
    turns = bot_calls.value - first_calls
    load.stopping = True
    await asyncio.gather(keeper, loader)
    counts = await load.final_counts()
    stats.session_errors = sum(counts.get(s) or 0 for s in FAILED_STATUSES)
    stats.session_error_samples = await load.failed_sessions()
    _, by_process = tree_rss_mb(root)
    await load.http.aclose()
    summarize(args, stats, counts, elapsed, turns, load.ended - ended_before, by_process)
    return stats


def summarize(args, stats: Stats, counts: dict, elapsed: float, turns: int, ended_held: int, by_process) -> None:
    ramp_s, ramp_index = stats.ramp
    held = stats.samples[ramp_index:]
    load_ms = [s.ms for s in held if s.kind == "load"]
    start_ms = [s.ms for s in held if s.kind == "start"]
    ramp_start_ms = [s.ms for s in stats.samples[:ramp_index] if s.kind == "start"]
    ended = sum(counts.get(s) or 0 for s in TERMINAL)
    request_errors = sum(stats.error_kinds.values())
    print(f"\ntotals ({ramp_s:.0f} s of ramp, then {elapsed:.0f} s held):")
    print(f"  sessions: {ended + (counts['running'] or 0) + (counts['pending'] or 0)} started, {ended} ended "
          f"({', '.join(f'{s} {counts[s]}' for s in TERMINAL)}), {counts['running']} running and "
          f"{counts['pending']} pending at the end; while held: {ended_held} ended and replaced, {turns} turns "
          f"({turns / elapsed:.0f}/s)")  # fmt: skip
    print(f"  session starts during the ramp: p50 {percentile(ramp_start_ms, 0.5):.0f} ms, "
          f"p99 {percentile(ramp_start_ms, 0.99):.0f} ms")  # fmt: skip
    print(f"  while held: {stats.load_requests} API load requests ({stats.load_requests / elapsed:.0f}/s); p50 "
          f"{percentile(load_ms, 0.5):.0f} ms, p90 {percentile(load_ms, 0.9):.0f} ms, p99 "
          f"{percentile(load_ms, 0.99):.0f} ms, max {max(load_ms, default=float('nan')):.0f} ms; session starts p50 "
          f"{percentile(start_ms, 0.5):.0f} ms, p99 {percentile(start_ms, 0.99):.0f} ms")  # fmt: skip
    by_route: dict[str, list[float]] = {}
    for s in held:
        if s.kind in ("load", "start"):
            by_route.setdefault(s.route, []).append(s.ms)
    for route, values in sorted(by_route.items()):
        print(f"    {route:<34} n={len(values):<6} p50 {percentile(values, 0.5):>6.0f} ms  "
              f"p99 {percentile(values, 0.99):>6.0f} ms")  # fmt: skip
    kinds = ", ".join(f"{k} {v}" for k, v in stats.error_kinds.items()) or "none"
    print(f"  errors: {request_errors + stats.session_errors} (requests: {kinds}; sessions ended in "
          f"error or interrupted: {stats.session_errors})")  # fmt: skip
    for text in stats.errors[:8] + stats.session_error_samples[:8]:
        print(f"    {text}")
    third = elapsed / 3
    first = [p for p in stats.rss if p[0] <= third]
    last = [p for p in stats.rss if p[0] >= 2 * third]
    rss = [mb for _, mb in stats.rss]
    s1, s3 = slope_mb_per_min(first), slope_mb_per_min(last)
    print(f"  app RSS: {rss[0]:.0f} MB when the hold began, peak {max(rss):.0f} MB, {rss[-1]:.0f} MB at the end; "
          f"slope {s1:+.1f} MB/min over the first third, {s3:+.1f} MB/min over the last third")  # fmt: skip
    stats.levelled = s3 <= max(LEVEL_MB_PER_MIN, 0.1 * s1)
    print(f"  memory levelled off: {'yes' if stats.levelled else 'NO'} (the last third's slope at most "
          f"{LEVEL_MB_PER_MIN:.0f} MB/min, or a tenth of the first third's)")  # fmt: skip
    print("  RSS by process at the end: " + "; ".join(f"{name} {mb:.0f} MB" for name, mb in by_process.items()))


def log_problems(log: Path) -> list[str]:
    text = log.read_text(errors="replace").splitlines() if log.exists() else []
    return [line for line in text if re.search(r"Traceback|\bERROR\b|Exception", line)]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--duration", type=float, default=float(os.environ.get("MIMIC_LOAD_DURATION", 1500)))
    parser.add_argument("--sessions", type=int, default=int(os.environ.get("MIMIC_LOAD_SESSIONS", 1000)))
    parser.add_argument("--rps", type=float, default=float(os.environ.get("MIMIC_LOAD_RPS", 20)))
    parser.add_argument("--every", type=float, default=15, help="seconds between report lines")
    parser.add_argument("--reply-delay", type=float, default=0.2, help="the stub agent's answer time, seconds")
    parser.add_argument("--think", type=float, default=30, help="seconds between a session's turns (about)")
    args = parser.parse_args()

    from tests.support.loopback import free_port

    workdir = Path(tempfile.mkdtemp(prefix="mimic-bench-load-"))
    bot_port = free_port()
    args.bot_url = f"http://127.0.0.1:{bot_port}"
    spawn = multiprocessing.get_context("spawn")
    bot_calls = spawn.RawValue("q", 0)
    bot = spawn.Process(target=serve_bot, args=(bot_port, args.reply_delay, bot_calls), daemon=True)
    bot.start()
    app = None
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                if httpx.get(args.bot_url + "/", timeout=2).status_code == 200:
                    break
            except httpx.HTTPError:
                if time.monotonic() > deadline:
                    raise
            time.sleep(0.2)
        started = time.monotonic()
        app = app_process(workdir, args.sessions)
        app.start()
        print(f"app started by `make serve` in {time.monotonic() - started:.0f} s at {app.base_url} "
              f"(log: {app.log_path})")  # fmt: skip
        stats = asyncio.run(run(args, app.base_url, app.process.pid, bot_calls))
    finally:
        if app is not None:
            app.stop(signal.SIGTERM)
        bot.terminate()
        bot.join(10)
    problems = log_problems(app.log_path)
    print(f"  app log: {len(problems)} lines with Traceback / ERROR / Exception" + (":" if problems else ""))
    for line in problems[:10]:
        print(f"    {line[:300]}")
    errors = sum(stats.error_kinds.values()) + stats.session_errors
    ok = errors == 0 and stats.levelled
    if ok:  # the database and the log are only worth keeping to look into a failure
        shutil.rmtree(workdir, ignore_errors=True)
    else:
        print(f"  kept for a look: {workdir}")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
