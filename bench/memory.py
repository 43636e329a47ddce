"""Memory across many sessions in one backend process: does it level off?

Mimic's API process (the bare API app under uvicorn, as bench/peers.py starts it: the same app,
start-up and shut-down as the Reflex backend, without Reflex) on a fresh SQLite file runs
SESSIONS sessions one batch of AT_ONCE after another, each a short conversation (TURNS turns)
with the OpenAI-compatible stub of bench/peers.py as the persona and the judge (answering at
once) and an instant HTTP agent, created with autoStart and awaited with the /wait long-poll as
a CI script does. After every STEP sessions it prints the resident memory of the backend
process (RSS, and USS: the pages only it holds) and the database file's size.

It levels off when the growth over the second half of the run, per 1,000 sessions, stays under
GROWTH_LIMIT_MB; the database grows with every session by design, and a page cache in step
with it is not a leak. `make run` adds Reflex's parent process (it serves the built frontend and
starts the backend; no session runs in it); `bench/load.py` reports each process apart, under load.

    PYTHONPATH=. .venv/bin/python bench/memory.py [--sessions 5000] [--at-once 50] [--turns 3]

Exits 1 when a session failed or the memory did not level off.
"""

from __future__ import annotations

import argparse
import asyncio
import shutil
import signal
import sys
import tempfile
import time
from pathlib import Path

import psutil

from bench.load import slope
from bench.peers import Round, mimic_conversation, prepare_mimic, start_mimic, start_stubs, stop_all

GROWTH_LIMIT_MB = 5.0  # per 1,000 sessions, over the second half of the run


def memory_mb(process: psutil.Process) -> tuple[float, float]:
    info = process.memory_full_info()
    return info.rss / 2**20, info.uss / 2**20


def slope_per_thousand(points: list[tuple[int, float]]) -> float:
    """Least-squares growth in MB per 1,000 sessions."""
    return 1000 * slope(points)


async def run_batches(base: str, headers: dict, body: dict, args, server: psutil.Process, db_file: Path) -> tuple:
    result = Round(args.sessions)
    points: list[tuple[int, float, float]] = []
    done, started = 0, time.perf_counter()
    while done < args.sessions:
        batch = min(args.at_once, args.sessions - done)
        await asyncio.gather(*(mimic_conversation(base, headers, body, result) for _ in range(batch)))
        done += batch
        if done % args.step == 0 or done == args.sessions:
            rss, uss = memory_mb(server)
            points.append((done, rss, uss))
            size = db_file.stat().st_size / 2**20
            print(f"{done:>7} {time.perf_counter() - started:>8.0f} {rss:>8.0f} {uss:>8.0f} {size:>8.1f} "
                  f"{result.errors:>7}", flush=True)  # fmt: skip
    return result, points


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sessions", type=int, default=5000)
    parser.add_argument("--at-once", type=int, default=50)
    parser.add_argument("--turns", type=int, default=3)
    parser.add_argument("--step", type=int, default=250)
    args = parser.parse_args()
    args.step = max(args.at_once, args.step - args.step % args.at_once)
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    workdir = Path(tempfile.mkdtemp(prefix="mimic-bench-memory-"))
    _delay, helpers, ready = start_stubs(args.turns)  # the stub answers at once (its delay stays 0)
    server = None
    try:
        urls = dict(ready.get(timeout=60) for _ in helpers)
        server, base = start_mimic(workdir, args.at_once + 8)
        headers, body = prepare_mimic(base, urls["llm"], urls["agent"], args.turns)
        process = psutil.Process(server.pid)
        idle = memory_mb(process)
        print(f"{args.sessions} sessions of {args.turns} turns, {args.at_once} at a time; backend idle: "
              f"RSS {idle[0]:.0f} MB, USS {idle[1]:.0f} MB")  # fmt: skip
        print(f"{'sessions':>7} {'s':>8} {'RSS MB':>8} {'USS MB':>8} {'DB MB':>8} {'errors':>7}")
        result, points = asyncio.run(run_batches(base, headers, body, args, process, workdir / "peers.db"))
    finally:
        stop_all(server, helpers)
        shutil.rmtree(workdir, ignore_errors=True)

    half = [p for p in points if p[0] > args.sessions / 2]
    first = [p for p in points if p[0] <= args.sessions / 2]
    rss_late, uss_late = (
        slope_per_thousand([(n, r) for n, r, _ in half]),
        slope_per_thousand([(n, u) for n, _, u in half]),
    )
    rss_early = slope_per_thousand([(n, r) for n, r, _ in first])
    print(f"\nbackend RSS: {idle[0]:.0f} MB idle, {points[0][1]:.0f} MB after {points[0][0]} sessions, peak "
          f"{max(p[1] for p in points):.0f} MB, {points[-1][1]:.0f} MB after {points[-1][0]}")  # fmt: skip
    print(f"growth per 1,000 sessions: first half RSS {rss_early:+.1f} MB; second half RSS {rss_late:+.1f} MB, "
          f"USS {uss_late:+.1f} MB (limit {GROWTH_LIMIT_MB} MB)")  # fmt: skip
    for sample in result.error_samples:
        print(f"  error: {sample}")
    levelled = rss_late < GROWTH_LIMIT_MB
    print(f"errors: {result.errors}; memory {'levels off' if levelled else 'keeps growing'}")
    return 0 if levelled and not result.errors else 1


if __name__ == "__main__":
    sys.exit(main())
